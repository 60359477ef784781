//! The review page: HTML, CSS and JavaScript embedded in the binary,
//! served as files by `ura review`, or put inline with the review's data
//! into one read-only file (the report of `ura align -f html`).

use base64::Engine;
use sha2::Digest;

use super::api::review_json;
use super::state::{Bead, Review, Side};

const TEMPLATE: &str = include_str!("assets/index.html");
const CSS: &str = include_str!("assets/review.css");

/// The scripts, in the order they run (plain scripts sharing one
/// `Ura` object: they can be put inline one after another as they are).
const SCRIPTS: [(&str, &str); 3] = [
    ("model.js", include_str!("assets/model.js")),
    ("view.js", include_str!("assets/view.js")),
    ("app.js", include_str!("assets/app.js")),
];

/// The page `ura review` serves: the template with links to the assets
/// (the Content-Security-Policy comes as a header).
pub(crate) fn index() -> String {
    let scripts: String = SCRIPTS
        .iter()
        .map(|(name, _)| format!("<script src=\"/assets/{name}\"></script>\n"))
        .collect();
    fill(
        "",
        "<link rel=\"stylesheet\" href=\"/assets/review.css\">",
        "",
        &scripts,
    )
}

/// The template with its four slots filled.
fn fill(csp: &str, style: &str, data: &str, scripts: &str) -> String {
    TEMPLATE
        .replace("<!--CSP-->", csp)
        .replace("<!--STYLE-->", style)
        .replace("<!--DATA-->", data)
        .replace("<!--SCRIPTS-->", scripts)
}

/// An asset by name: its media type and bytes.
pub(crate) fn asset(name: &str) -> Option<(&'static str, &'static [u8])> {
    if name == "review.css" {
        return Some(("text/css; charset=utf-8", CSS.as_bytes()));
    }
    SCRIPTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, js)| ("text/javascript; charset=utf-8", js.as_bytes()))
}

/// `'sha256-…'` of `text`, for a Content-Security-Policy.
fn csp_hash(text: &str) -> String {
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&`
/// escaped (they occur only inside strings, where `\u003c` means `<`).
fn inline_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The read-only report of `review`: one file with the data, styles and
/// scripts inline, whose policy allows exactly those scripts and styles
/// and nothing from anywhere (no requests, no images, no fonts).
pub(crate) fn report_of(review: &Review, threshold: f64) -> Vec<u8> {
    let data = review_json(review, "", threshold, false);
    let script: String = SCRIPTS
        .iter()
        .map(|(_, js)| *js)
        .collect::<Vec<_>>()
        .join("\n");
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(&script),
        csp_hash(CSS)
    );
    fill(
        &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"),
        &format!("<style>{CSS}</style>"),
        &format!(
            "<script type=\"application/json\" id=\"ura-data\">{}</script>",
            inline_json(&data)
        ),
        &format!("<script>{script}</script>"),
    )
    .into_bytes()
}

/// The report of an alignment of two split sides (`ura align -f html`).
pub(crate) fn report(
    src: &crate::side::SideText,
    tgt: &crate::side::SideText,
    beads: &[ura_align::Bead],
    threshold: f64,
) -> anyhow::Result<Vec<u8>> {
    let beads = beads
        .iter()
        .map(|b| Bead::aligned(b.src.clone(), b.tgt.clone(), b.score))
        .collect();
    let review = Review::new(Side::of(src), Side::of(tgt), beads, 0).map_err(anyhow::Error::msg)?;
    Ok(report_of(&review, threshold))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_allows_its_own_inline_code_and_nothing_else() {
        let side = |lang: &str, texts: &[&str]| Side {
            lang: lang.to_string(),
            sentences: texts.iter().map(|t| t.to_string()).collect(),
            paragraphs: vec![0; texts.len()],
            kinds: vec!["text".to_string(); texts.len()],
        };
        let src = side("en", &["A </script><script>alert(1)</script> & <b>."]);
        let tgt = side("sq", &["Një."]);
        let review = Review::new(src, tgt, vec![Bead::aligned(0..1, 0..1, 0.5)], 0).unwrap();
        let html = String::from_utf8(report_of(&review, 0.7)).unwrap();
        // The data cannot close its element.
        assert_eq!(html.matches("</script>").count(), 2, "data and code only");
        assert!(html.contains("\\u003c/script\\u003e"));
        let script: String = SCRIPTS
            .iter()
            .map(|(_, js)| *js)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(html.contains(&format!("script-src {}", csp_hash(&script))));
        assert!(html.contains("default-src 'none'"));
        assert!(!html.contains("src=\"/assets") && !html.contains("href=\"/assets"));
        for remote in ["http://", "https://", "//cdn"] {
            assert!(!html.contains(remote), "{remote}");
        }
        // The data reads back as JSON.
        let start = html.find("id=\"ura-data\">").unwrap() + 14;
        let end = start + html[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(data["editable"], false);
        assert_eq!(data["src"]["sentences"][0], review.src.sentences[0]);
    }

    #[test]
    fn the_served_page_links_every_asset() {
        let page = index();
        for (name, _) in SCRIPTS {
            assert!(page.contains(&format!("/assets/{name}")));
            assert!(asset(name).is_some());
        }
        assert!(page.contains("/assets/review.css") && asset("review.css").is_some());
        assert!(asset("../Cargo.toml").is_none());
        assert!(!page.contains("<!--"), "every slot filled");
    }
}
