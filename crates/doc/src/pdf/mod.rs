//! PDF: the text layer, read glyph by glyph with `hayro-interpret`, and
//! rebuilt into lines and paragraphs from the glyphs' positions.
//!
//! The steps: [`limits::check_streams`] refuses decompression bombs before
//! anything is inflated; hayro opens the file (an encrypted one only when
//! it opens without a password) and interprets every page into
//! [`Glyph`]s; [`layout`] joins glyphs into lines and lines into
//! paragraphs; [`clean`] drops running headers, footers and page numbers,
//! rejoins words broken at a line end, and normalises ligatures and
//! presentation forms.
//!
//! Limits (a hostile file gets an error, never unbounded work): every
//! stream but images may inflate to at most [`limits::MAX_STREAM`] bytes
//! and all of them together to [`limits::MAX_TOTAL`] (64 and 256 MiB);
//! at most [`MAX_GLYPHS`] glyphs are kept, [`MAX_PAGE_GLYPHS`] a page
//! (held only while their page is read); objects nest at most 512 deep
//! and content (forms, patterns, Type 3 glyphs) at most 50 deep (hayro's
//! own limits); pages whose content, forms drawn within forms counted
//! as often as they are drawn, exceeds [`work::MAX_WORK`] (128 MiB) are
//! refused before they are interpreted. Not counted there: content of
//! Type 3 glyphs and patterns.

mod clean;
mod layout;
mod limits;
mod work;

use hayro_interpret::font::Glyph as HayroGlyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, RenderContent, SoftMask,
};

use crate::{DocError, Document, DocumentBuilder, Format};

/// At most this many glyphs are read from one document (some 3,000
/// pages of dense text); the rest is left out with a note.
pub(crate) const MAX_GLYPHS: usize = 10_000_000;
/// At most this many glyphs are read from one page (a dense page holds
/// 5,000); the rest of the page is left out with a note. A page's glyphs
/// take some 100 bytes each until the page is made into lines.
pub(crate) const MAX_PAGE_GLYPHS: usize = 500_000;

/// Glyphs further than this from the origin (in points; a page is at
/// most 14,400) are not read.
const MAX_COORD: f64 = 1e6;
/// Glyphs smaller than this (points) are not read.
const MIN_SIZE: f64 = 0.05;
/// Glyphs larger than this (points) are not read.
const MAX_SIZE: f64 = 5000.0;

/// Glyph space units per em in hayro's glyph transforms.
const UNITS_PER_EM: f64 = 1000.0;

/// One glyph of the text layer: its text and where it is on its page
/// (user space, y upwards).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The characters it stands for (one mostly; a ligature more; none
    /// when its font does not say).
    pub text: String,
    /// Left edge of its origin.
    pub x0: f64,
    /// Right edge (origin plus advance).
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// Font size (the em's height on the page).
    pub size: f64,
}

/// Reads a PDF's text layer into paragraphs.
pub(crate) fn read(bytes: Vec<u8>) -> Result<Document, DocError> {
    limits::check_streams(&bytes)?;
    let pdf = Pdf::new(bytes).map_err(open_error)?;
    work::check(&pdf)?;
    let (lines, extract) = page_lines(&pdf);
    if extract.glyphs == 0 {
        return Err(no_text_error(&extract));
    }
    let mut builder = DocumentBuilder::new(Format::Pdf, "UTF-8");
    if extract.unmapped > 0 {
        builder.note(format!(
            "{} glyphs have no Unicode value in their font and were left out",
            extract.unmapped
        ));
    }
    if extract.truncated {
        builder.note(format!(
            "only the first {MAX_GLYPHS} glyphs (at most {MAX_PAGE_GLYPHS} a page) were read; the rest is left out"
        ));
    }
    let (lines, dropped) = clean::drop_furniture(lines);
    if dropped > 0 {
        builder.note(format!(
            "{dropped} running header, footer or page-number lines were left out"
        ));
    }
    let paras = layout::paragraphs(&lines);
    let words = clean::Words::of(
        paras
            .iter()
            .flat_map(|p| p.lines.iter().map(String::as_str)),
    );
    for p in &paras {
        builder.push(p.kind, &clean::join_lines(&p.lines, &words));
    }
    let doc = builder.build();
    if doc.blocks.is_empty() {
        return Err(DocError::NoText(
            "this PDF's text layer holds only running headers and page numbers".into(),
        ));
    }
    Ok(doc)
}

/// What reading the glyphs found, for the messages.
#[derive(Debug, Default)]
struct Extract {
    /// Glyphs kept.
    glyphs: usize,
    /// Glyphs without a Unicode value.
    unmapped: usize,
    /// Images drawn.
    images: usize,
    /// Whether [`MAX_GLYPHS`] was reached.
    truncated: bool,
    /// Pages.
    pages: usize,
}

/// The lines of every page, with their texts cleaned
/// ([`clean::line_text`]). A page's glyphs are made into lines as soon as
/// it is read, so only one page's glyphs are held at a time.
fn page_lines(pdf: &Pdf) -> (Vec<Vec<layout::Line>>, Extract) {
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings {
        // Annotations (comments, form fields) are not the document's text.
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let mut device = Collector::default();
    let mut pages = Vec::new();
    for page in pdf.pages().iter() {
        let mut ctx = Context::new(
            Affine::IDENTITY,
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        hayro_interpret::interpret_page(page, &mut ctx, &mut device);
        let mut lines = layout::lines(&device.page);
        for l in &mut lines {
            l.text = clean::line_text(&l.text);
        }
        pages.push(lines);
        device.page.clear();
        device.stats.pages += 1;
    }
    (pages, device.stats)
}

/// A hayro device that keeps the glyphs of a page and counts images.
#[derive(Default)]
struct Collector {
    page: Vec<Glyph>,
    stats: Extract,
}

impl Device<'_> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'_>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {
        self.stats.images += 1;
    }

    fn draw_glyph_run(
        &mut self,
        run: &hayro_interpret::font::GlyphRun<'_, '_>,
        props: DrawProps<'_>,
        _: &DrawMode,
    ) {
        for glyph in run.glyphs() {
            if self.stats.glyphs + self.stats.unmapped >= MAX_GLYPHS
                || self.page.len() >= MAX_PAGE_GLYPHS
            {
                self.stats.truncated = true;
                return;
            }
            // A glyph without Unicode (a justification kashida, a symbol)
            // is kept with no text: it is ink, no gap between words.
            let text = match glyph.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => String::new(),
            };
            let t = props.transform * glyph.transform();
            let origin = t * Point::ZERO;
            // Glyph space to page: [a b c d e f]; the em is its y axis.
            let [a, b, c, d, _, _] = t.as_coeffs();
            let size = UNITS_PER_EM * c.hypot(d);
            let advance = match &**glyph {
                HayroGlyph::Outline(g) => g.advance_width(),
                HayroGlyph::Type3(g) => g.advance_width(),
            };
            let width = match advance {
                Some(w) if w.is_finite() && w > 0.0 => f64::from(w) * a.hypot(b),
                _ => size * 0.5,
            };
            // Glyphs off any page or of absurd sizes are no text (and would
            // make the layout's searches unbounded).
            let sane = |v: f64| v.is_finite() && v.abs() < MAX_COORD;
            let readable = sane(origin.x)
                && sane(origin.y)
                && sane(width)
                && (MIN_SIZE..MAX_SIZE).contains(&size);
            if !readable {
                continue;
            }
            if text.is_empty() {
                self.stats.unmapped += 1;
            } else {
                self.stats.glyphs += 1;
            }
            self.page.push(Glyph {
                text,
                x0: origin.x,
                x1: origin.x + width,
                y: origin.y,
                size,
            });
        }
    }
}

/// The error for a PDF hayro cannot open.
fn open_error(e: LoadPdfError) -> DocError {
    use hayro_interpret::hayro_syntax::DecryptionError as D;
    match e {
        LoadPdfError::Decryption(D::PasswordProtected) => DocError::Encrypted(
            "a password-protected PDF; save a copy without the password (or print it to PDF) and try again"
                .into(),
        ),
        LoadPdfError::Decryption(D::UnsupportedAlgorithm) => DocError::Encrypted(
            "an encrypted PDF with an encryption method ura cannot read; save a copy without encryption"
                .into(),
        ),
        LoadPdfError::Decryption(_) => DocError::Corrupt(
            "a PDF whose encryption data is damaged; save a copy without encryption".into(),
        ),
        LoadPdfError::Invalid => DocError::Corrupt(
            "a damaged or truncated PDF (no readable page tree); re-save or re-export it".into(),
        ),
    }
}

/// The error for a PDF without a readable text layer.
fn no_text_error(extract: &Extract) -> DocError {
    if extract.unmapped > 0 {
        DocError::NoText(format!(
            "this PDF's fonts do not say which characters their {} glyphs are, so no text can be read; export it again with embedded Unicode maps, or OCR it",
            extract.unmapped
        ))
    } else if extract.images > 0 {
        DocError::NoText(
            "this PDF has no text layer, only images (a scan?); run OCR on it first (ura does not)"
                .into(),
        )
    } else if extract.pages == 0 {
        DocError::NoText("this PDF has no pages".into())
    } else {
        DocError::NoText("this PDF has no text".into())
    }
}
