//! The work the pages take to interpret, counted before hayro runs: a
//! few kilobytes can draw a form a million times, or a form that draws
//! another ten times, fifty deep (hayro's depth limit), 10^50 times.
//!
//! Each page costs its content's length; each form it draws costs
//! [`DRAW_COST`] plus its own content and what it draws in turn, nested
//! as deep as hayro would go ([`MAX_DEPTH`]); counted with memos, so the
//! counting itself stays linear. A document over [`MAX_WORK`] is refused.
//! Content of Type 3 glyphs, patterns and annotations is not counted.

use std::collections::HashMap;

use hayro_interpret::hayro_syntax::content::ops::TypedInstruction;
use hayro_interpret::hayro_syntax::content::TypedIter;
use hayro_interpret::hayro_syntax::object::dict::keys::{RESOURCES, SUBTYPE};
use hayro_interpret::hayro_syntax::object::{Dict, Name, ObjectIdentifier, Stream};
use hayro_interpret::hayro_syntax::page::Resources;
use hayro_interpret::hayro_syntax::Pdf;

use crate::DocError;

/// At most this much work (content bytes, drawn forms) for a document:
/// 60 MiB of text operators take hayro 8 s (release build, 2 cores
/// shared), so this bounds a document at some 16 s.
pub(crate) const MAX_WORK: u64 = 128 << 20;
/// What drawing a form costs besides its content: setting it up takes
/// hayro as long as some kilobytes of content (10^5 draws of an empty
/// form took 30 s in a debug build, about what 4 KiB of content a draw
/// would).
const DRAW_COST: u64 = 4096;
/// How deep forms draw forms in hayro (its `MAX_NESTED_INTERPRETATION_DEPTH`).
const MAX_DEPTH: u32 = 50;

/// A form's own cost and the forms it draws, with how often.
#[derive(Default)]
struct Form {
    bytes: u64,
    draws: Vec<(ObjectIdentifier, u64)>,
}

#[derive(Default)]
struct Walk {
    forms: HashMap<ObjectIdentifier, Form>,
    memo: HashMap<(ObjectIdentifier, u32), u64>,
}

/// Refuses a document whose pages would take more than [`MAX_WORK`] to
/// interpret.
pub(crate) fn check(pdf: &Pdf) -> Result<(), DocError> {
    check_with(pdf, MAX_WORK)
}

fn check_with(pdf: &Pdf, max: u64) -> Result<(), DocError> {
    let mut walk = Walk::default();
    let mut total = 0u64;
    for (k, page) in pdf.pages().iter().enumerate() {
        let data = page.page_stream().unwrap_or_default();
        let draws = draws(data, page.resources(), &mut walk);
        total = total.saturating_add(data.len() as u64);
        for (id, count) in draws {
            let each = DRAW_COST.saturating_add(walk.cost(id, 1, max));
            total = total.saturating_add(each.saturating_mul(count));
        }
        if total > max {
            return Err(DocError::TooLarge(format!(
                "this PDF draws its content over and over (forms drawn within forms, by page {}): more than {} MiB of content to interpret; ura reads at most that much",
                k + 1,
                max >> 20
            )));
        }
    }
    Ok(())
}

impl Walk {
    /// What drawing form `id` at nesting `depth` costs, capped a little
    /// over `max`.
    fn cost(&mut self, id: ObjectIdentifier, depth: u32, max: u64) -> u64 {
        if depth >= MAX_DEPTH {
            return 0;
        }
        if let Some(&c) = self.memo.get(&(id, depth)) {
            return c;
        }
        let (bytes, draws) = match self.forms.get(&id) {
            Some(f) => (f.bytes, f.draws.clone()),
            None => (0, Vec::new()),
        };
        let mut cost = bytes;
        for (child, count) in draws {
            let each = DRAW_COST.saturating_add(self.cost(child, depth + 1, max));
            cost = cost.saturating_add(each.saturating_mul(count)).min(max + 1);
        }
        self.memo.insert((id, depth), cost);
        cost
    }
}

/// The forms a content stream draws, each with how often (read once,
/// with the forms they draw in turn).
fn draws(data: &[u8], resources: &Resources<'_>, walk: &mut Walk) -> Vec<(ObjectIdentifier, u64)> {
    let mut by_name: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut ops = TypedIter::new(data);
    while let Some(op) = ops.next() {
        if let TypedInstruction::XObject(x) = op {
            *by_name.entry(x.0.to_vec()).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    for (name, count) in by_name {
        let Some(stream) = resources.get_x_object(&Name::new_unescaped(&name)) else {
            continue;
        };
        if stream.dict().get::<Name<'_>>(SUBTYPE).as_deref() != Some(b"Form") {
            continue;
        }
        let id = stream.obj_id();
        if !walk.forms.contains_key(&id) {
            // In place before reading it: a form that draws itself.
            walk.forms.insert(id, Form::default());
            let form = read_form(&stream, resources, walk);
            walk.forms.insert(id, form);
        }
        out.push((id, count));
    }
    out
}

/// A form's cost and what it draws; its resources are its own, or else
/// those of what draws it.
fn read_form(stream: &Stream<'_>, parent: &Resources<'_>, walk: &mut Walk) -> Form {
    let Ok(data) = stream.decoded() else {
        return Form::default();
    };
    let own = stream.dict().get::<Dict<'_>>(RESOURCES).map(Resources::new);
    let draws = draws(&data, own.as_ref().unwrap_or(parent), walk);
    Form {
        bytes: data.len() as u64,
        draws,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of one page drawing form 5 `page_draws` times; form k
    /// (5 ≤ k < 5 + depth) draws form k + 1 `fan_out` times, the last
    /// one draws text.
    fn forms_pdf(page_draws: usize, fan_out: usize, depth: usize) -> Vec<u8> {
        let mut objs: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        ];
        let stream = |dict: String, data: &[u8]| {
            let mut s = format!("{dict}\nstream\n").into_bytes();
            s.extend_from_slice(data);
            s.extend_from_slice(b"\nendstream");
            s
        };
        let page = b"/X Do ".repeat(page_draws);
        objs.push(stream(format!("<< /Length {} >>", page.len()), &page));
        for k in 0..depth {
            let (body, res) = if k + 1 < depth {
                (
                    b"/X Do ".repeat(fan_out),
                    format!("/XObject << /X {} 0 R >>", 6 + k),
                )
            } else {
                (b"BT ET".to_vec(), String::new())
            };
            objs.push(stream(
                format!("<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << {res} >> /Length {} >>", body.len()),
                &body,
            ));
        }
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (k, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn forms_drawn_over_and_over_are_refused() {
        const MIB: u64 = 1 << 20;
        let cases = [
            // A logo on the page: fine.
            (3, 1, 2, true),
            // A hundred thousand draws of a small form.
            (100_000, 1, 1, false),
            // Ten draws of ten draws of ... 12 deep: 10^11.
            (1, 10, 12, false),
            // Two draws a level, 60 deep: 2^49 in hayro (50 deep at most).
            (1, 2, 60, false),
        ];
        for (page_draws, fan_out, depth, ok) in cases {
            let pdf = Pdf::new(forms_pdf(page_draws, fan_out, depth)).unwrap();
            let got = check_with(&pdf, 16 * MIB);
            assert_eq!(got.is_ok(), ok, "{page_draws} x {fan_out}^{depth}: {got:?}");
        }
    }
}
