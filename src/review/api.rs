//! What the review page asks of the server: the page and its assets, the
//! review as JSON, edits, undo and redo, re-alignment, exports, quit.
//! Every change names the version of the review the page has seen; one
//! from a stale page is refused (409), not merged. A change is saved to
//! the review file before it is made in memory, so the file always holds
//! what the page shows.

use serde::Serialize;
use serde_json::{json, Value};

use super::export::{self, Filter};
use super::file::{Origin, Saver};
use super::page;
use super::server::{Handler, Request, Response};
use super::state::{Action, Aligned, Bead, Edit, Review, Splice};

/// A running review.
pub(crate) struct Session {
    /// The review.
    pub review: Review,
    /// Where it came from.
    pub origin: Origin,
    /// The review file, rewritten after every change.
    pub saver: Saver,
    /// Confidence below which the page marks a bead doubtful.
    pub threshold: f64,
}

/// A bead as the page reads it: `[src start, src end, tgt start, tgt end,
/// score, flags]`, flags 1 = reviewed, 2 = edited.
type BeadOut = (usize, usize, usize, usize, f64, u8);

fn bead_out(b: &Bead) -> BeadOut {
    let flags = u8::from(b.reviewed) | (u8::from(b.edited) << 1);
    let score = (b.score * 10_000.0).round() / 10_000.0;
    (b.src.start, b.src.end, b.tgt.start, b.tgt.end, score, flags)
}

/// A side as the page reads it.
#[derive(Serialize)]
struct SideOut<'a> {
    lang: &'a str,
    sentences: &'a [String],
    paragraphs: &'a [usize],
    kinds: &'a [String],
}

impl<'a> SideOut<'a> {
    fn of(s: &'a super::state::Side) -> Self {
        SideOut {
            lang: &s.lang,
            sentences: &s.sentences,
            paragraphs: &s.paragraphs,
            kinds: &s.kinds,
        }
    }
}

/// The whole review as the page reads it.
#[derive(Serialize)]
struct StateOut<'a> {
    version: u64,
    name: &'a str,
    threshold: f64,
    editable: bool,
    src: SideOut<'a>,
    tgt: SideOut<'a>,
    beads: Vec<BeadOut>,
    can_undo: bool,
    can_redo: bool,
}

/// The whole review as the page reads it, as JSON text (serialised from
/// borrowed data: for 100,000 beads, no copy of the sentences).
pub(crate) fn review_json(review: &Review, name: &str, threshold: f64, editable: bool) -> String {
    let (can_undo, can_redo) = review.can_undo_redo();
    let state = StateOut {
        version: review.version(),
        name,
        threshold,
        editable,
        src: SideOut::of(&review.src),
        tgt: SideOut::of(&review.tgt),
        beads: review.beads().iter().map(bead_out).collect(),
        can_undo,
        can_redo,
    };
    serde_json::to_string(&state).unwrap_or_else(|_| "{}".to_string())
}

impl Session {
    /// The review file's name, as the page shows it.
    fn name(&self) -> String {
        let path = self.saver.path();
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The answer to a change: the splice, for the page to apply.
    fn changed(&self, splice: &Splice) -> Response {
        let (can_undo, can_redo) = self.review.can_undo_redo();
        Response::json(
            200,
            &json!({
                "version": self.review.version(),
                "at": splice.at,
                "remove": splice.old.len(),
                "beads": splice.new.iter().map(bead_out).collect::<Vec<_>>(),
                "can_undo": can_undo,
                "can_redo": can_redo,
            }),
        )
    }

    /// Runs a change asked for in `body`, which names the version it was
    /// made on.
    fn change(&mut self, body: &[u8], what: &str) -> Response {
        let value: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return Response::error(400, &format!("the request is not JSON: {e}")),
        };
        let Some(version) = value.get("version").and_then(Value::as_u64) else {
            return Response::error(400, "the request names no version of the review");
        };
        if version != self.review.version() {
            return Response::json(
                409,
                &json!({
                    "error": format!(
                        "the review has changed since this page read it (version {} here, {version} on the page), perhaps in another tab; reload the page",
                        self.review.version()
                    ),
                    "version": self.review.version(),
                }),
            );
        }
        let realigned;
        let edit;
        let action = match what {
            "undo" => Action::Undo,
            "redo" => Action::Redo,
            "realign" => match self.realign() {
                Ok(a) => {
                    realigned = a;
                    Action::Realigned(&realigned)
                }
                Err(e) => return Response::error(500, &e),
            },
            _ => {
                edit = match value
                    .get("edit")
                    .map(|e| serde_json::from_value::<Edit>(e.clone()))
                {
                    Some(Ok(e)) => e,
                    Some(Err(e)) => return Response::error(400, &format!("not an edit: {e}")),
                    None => return Response::error(400, "the request holds no edit"),
                };
                Action::Edit(&edit)
            }
        };
        let plan = match self.review.plan(action) {
            Ok(p) => p,
            Err(e) => return Response::error(400, &e),
        };
        match self.saver.save_and_commit(&mut self.review, plan) {
            Ok(splice) => self.changed(&splice),
            Err(e) => Response::error(500, &format!("{e:#}; the change was not made")),
        }
    }

    /// A new alignment through the fixed beads.
    fn realign(&self) -> Result<Vec<Aligned>, String> {
        let aligner = crate::align::build_aligner(self.origin.dict.as_deref())
            .map_err(|e| format!("{e:#}"))?;
        fn sentences(s: &super::state::Side) -> Vec<ura_align::Sentence<'_>> {
            s.sentences
                .iter()
                .zip(&s.paragraphs)
                .map(|(t, &p)| ura_align::Sentence::new(t, p))
                .collect()
        }
        let (src, tgt) = (sentences(&self.review.src), sentences(&self.review.tgt));
        let alignment = aligner
            .align_required(&src, &tgt, &self.review.fixed())
            .map_err(|e| e.to_string())?;
        Ok(alignment
            .beads
            .into_iter()
            .map(|b| (b.src, b.tgt, b.score))
            .collect())
    }

    /// An export as a download.
    fn export(&self, request: &Request) -> Response {
        let Some(format) = request.param("format").and_then(export::format_named) else {
            return Response::error(400, "name the format: tmx, xlsx, csv, tsv, jsonl or html");
        };
        let filter = Filter {
            reviewed_only: request.param("scope") == Some("reviewed"),
            min_score: match request.param("min").map(str::parse::<f64>) {
                None => 0.0,
                Some(Ok(v)) if (0.0..=1.0).contains(&v) => v,
                Some(_) => return Response::error(400, "min is a number between 0 and 1"),
            },
        };
        match export::to_bytes(&self.review, format, &filter, self.threshold) {
            Ok(bytes) => {
                let stem = self.name();
                let stem = stem.strip_suffix(".jsonl").unwrap_or(&stem);
                let stem = stem.strip_suffix(".review").unwrap_or(stem);
                let name = format!("{stem}.{}", export::extension(format));
                Response::new(200, export::content_type(format), bytes).with(
                    "Content-Disposition",
                    &format!(
                        "attachment; filename=\"{}\"",
                        name.replace(['"', '\\'], "_")
                    ),
                )
            }
            Err(e) => Response::error(500, &format!("{e:#}")),
        }
    }
}

impl Handler for Session {
    fn handle(&mut self, request: &Request) -> (Response, bool) {
        let response = match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/") => Response::new(200, "text/html; charset=utf-8", page::index()),
            ("GET", path) if path.starts_with("/assets/") => match page::asset(&path[8..]) {
                Some((kind, body)) => Response::new(200, kind, body),
                None => Response::error(404, "no such asset"),
            },
            // Browsers ask for it; the page has none.
            ("GET", "/favicon.ico") => Response::new(204, "text/plain", ""),
            ("GET", "/api/state") => Response::new(
                200,
                "application/json",
                review_json(&self.review, &self.name(), self.threshold, true),
            ),
            ("GET", "/api/export") => self.export(request),
            ("POST", "/api/edit") => self.change(&request.body, "edit"),
            ("POST", "/api/undo") => self.change(&request.body, "undo"),
            ("POST", "/api/redo") => self.change(&request.body, "redo"),
            ("POST", "/api/realign") => self.change(&request.body, "realign"),
            ("POST", "/api/quit") => {
                return (
                    Response::json(
                        200,
                        &json!({ "bye": "the review is saved; ura review has stopped" }),
                    ),
                    true,
                )
            }
            _ => Response::error(404, "not found"),
        };
        (response, false)
    }
}
