use super::*;
use BlockKind::{Caption, Footnote, Heading, ListItem, Paragraph, TableCell};

fn read_page(html: &str, keep_chrome: bool) -> Document {
    read(html.as_bytes().to_vec(), (None, None), keep_chrome).unwrap()
}

fn blocks(doc: &Document) -> Vec<(BlockKind, String)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.block_text(b).to_string()))
        .collect()
}

fn check(cases: &[(&str, &[(BlockKind, &str)])], keep_chrome: bool) {
    for (html, want) in cases {
        let got = blocks(&read_page(html, keep_chrome));
        let want: Vec<(BlockKind, String)> =
            want.iter().map(|(k, t)| (*k, t.to_string())).collect();
        assert_eq!(got, want, "{html}");
    }
}

#[test]
fn blocks_and_their_kinds() {
    check(
        &[
            (
                "<h1>Title</h1><p>One <b>two</b>\n   three.</p><h3>Sub</h3>",
                &[
                    (Heading { level: 1 }, "Title"),
                    (Paragraph, "One two three."),
                    (Heading { level: 3 }, "Sub"),
                ],
            ),
            (
                "<ul><li>One<li><p>Two</p><ul><li>Two.one</ul>tail</ul>",
                &[
                    (ListItem, "One"),
                    (ListItem, "Two"),
                    (ListItem, "Two.one"),
                    (ListItem, "tail"),
                ],
            ),
            (
                "<table><caption>Cap</caption><tr><th>A<td><p>B</p></table>",
                &[(Caption, "Cap"), (TableCell, "A"), (TableCell, "B")],
            ),
            (
                "<figure><img src=x alt=pic><figcaption>A figure.</figcaption></figure>",
                &[(Caption, "A figure.")],
            ),
            (
                "<dl><dt>Term<dd>Its definition.</dl><blockquote>Quoted <i>text</i>.</blockquote>",
                &[
                    (ListItem, "Term"),
                    (ListItem, "Its definition."),
                    (Paragraph, "Quoted text."),
                ],
            ),
            (
                "<div>Direct text<div>inner</div>after <span>span</span></div>",
                &[
                    (Paragraph, "Direct text"),
                    (Paragraph, "inner"),
                    (Paragraph, "after span"),
                ],
            ),
            (
                "<p>Line one<br>line two<br><br>  line three</p>",
                &[(Paragraph, "Line one\nline two\nline three")],
            ),
            (
                "<pre>code  line\n\n  second</pre>",
                &[(Paragraph, "code  line\nsecond")],
            ),
            (
                "<p>Text<sup><a href=#fn1>1</a></sup>.</p><section role=doc-endnotes><ol><li id=fn1><p>The note.</p></ol></section>",
                &[(Paragraph, "Text1."), (Footnote, "The note.")],
            ),
            (
                "<p>a<span>b</span>c d&nbsp;e &amp; f&#x2019;s&eacute;</p>",
                &[(Paragraph, "abc d\u{a0}e & f\u{2019}sé")],
            ),
        ],
        false,
    );
}

#[test]
fn what_is_not_text_is_dropped() {
    check(
        &[(
            "<html><head><title>Title</title><style>p{}</style><script>var x='<p>no</p>';</script></head>\
             <body><!-- a comment --><noscript><p>Enable JS</p></noscript><template><p>tpl</p></template>\
             <p>Kept<script>document.write('no')</script> text.</p>\
             <svg><text>svg text</text></svg><math><mi>x</mi></math>\
             <p hidden>hidden</p><p style=\"display: none\">none</p><div aria-hidden=true>shown</div>\
             <p>ruby <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></p>\
             <button>Click</button><select><option>One</select><textarea>typed</textarea></body></html>",
            &[
                (Paragraph, "Kept text."),
                (Paragraph, "shown"),
                (Paragraph, "ruby 漢"),
            ],
        )],
        false,
    );
}

/// A page with chrome around its article, as sites make them.
const CHROME: &str = "<!DOCTYPE html><html><body>\
    <header><a href=/>Site</a><nav><ul><li><a href=/a>Home</a><li>About</ul></nav></header>\
    <div class=cookie>We use cookies.</div>\
    <main><article><header><h1>The title</h1><p>By A. Writer</p></header>\
    <p>The body.</p><aside>Related: other story</aside><form><label>Subscribe</label></form>\
    <footer>Filed under news.</footer></article></main>\
    <aside><p>Most read</p></aside><footer><p>© Site 2024</p></footer></body></html>";

#[test]
fn page_chrome_is_left_out_around_the_main_content() {
    let doc = read_page(CHROME, false);
    assert_eq!(
        blocks(&doc),
        [
            (Heading { level: 1 }, "The title".to_string()),
            (Paragraph, "By A. Writer".to_string()),
            (Paragraph, "The body.".to_string()),
            (Paragraph, "Filed under news.".to_string()),
        ]
    );
    assert_eq!(
        doc.notes,
        ["left out 6 blocks of page chrome outside the main content (--keep-chrome keeps them)"]
    );
    let kept = read_page(CHROME, true);
    let texts: Vec<String> = blocks(&kept).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        texts,
        [
            "Site",
            "Home",
            "About",
            "We use cookies.",
            "The title",
            "By A. Writer",
            "The body.",
            "Related: other story",
            "Subscribe",
            "Filed under news.",
            "Most read",
            "© Site 2024"
        ]
    );
    assert!(kept.notes.is_empty());
}

#[test]
fn articles_are_the_content_when_there_is_no_main() {
    check(
        &[
            (
                "<nav>Menu</nav><article><p>One</p></article><aside><article>Teaser</article></aside>\
                 <article><p>Two</p></article><footer>Foot</footer>",
                &[(Paragraph, "One"), (Paragraph, "Two")],
            ),
            (
                "<div role=navigation>Menu</div><div role=main><p>Main text</p><div role=search>Find</div></div><p>Out</p>",
                &[(Paragraph, "Main text")],
            ),
            // Neither: the page is read whole, chrome and all.
            (
                "<nav>Menu</nav><p>Body</p><footer>Foot</footer>",
                &[(Paragraph, "Menu"), (Paragraph, "Body"), (Paragraph, "Foot")],
            ),
            // A hidden main does not count.
            (
                "<main hidden><p>Old view</p></main><p>Shown</p>",
                &[(Paragraph, "Shown")],
            ),
        ],
        false,
    );
}

#[test]
fn encodings_from_the_page() {
    let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"></head><body><p>P\xEBrfaq\xEBsuesi \xB9</p>";
    let doc = read(page.to_vec(), (None, None), false).unwrap();
    assert_eq!(doc.encoding, "ISO-8859-2");
    assert_eq!(blocks(&doc), [(Paragraph, "Përfaqësuesi š".to_string())]);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("<p>Shqipëri</p>".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let doc = read(utf16, (None, None), false).unwrap();
    assert_eq!(blocks(&doc), [(Paragraph, "Shqipëri".to_string())]);
}

#[test]
fn xhtml_reads_like_html() {
    let page = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n\
        <html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>T</title></head>\
        <body><h2>Head</h2><p>One<br/>two</p><p><a id=\"x\"/>Three.</p><div/><p>Four</p></body></html>";
    check(
        &[(
            page,
            &[
                (Heading { level: 2 }, "Head"),
                (Paragraph, "One\ntwo"),
                (Paragraph, "Three."),
                (Paragraph, "Four"),
            ],
        )],
        false,
    );
}

#[test]
fn bad_pages_read_sanely() {
    // Broken markup: as a browser repairs it.
    check(
        &[
            (
                "<p>Unclosed <b>bold <i>both</b> italic</p><li>stray item<td>stray cell</p></div></span>",
                &[
                    (Paragraph, "Unclosed bold both italic"),
                    // A cell outside a table is no cell (and no space).
                    (ListItem, "stray itemstray cell"),
                ],
            ),
            ("<p>Text &bogus; &#xD800; &#0; <<>> < p", &[(Paragraph, "Text &bogus; \u{fffd} \u{fffd} <<>> < p")]),
            ("<body></body>", &[]),
            ("", &[]),
        ],
        false,
    );
    let empty = read_page("<html><body>  </body></html>", false);
    assert_eq!(empty.notes, ["the page holds no text"]);
    // A huge attribute.
    let huge = format!("<p title=\"{}\">After</p>", "x".repeat(5_000_000));
    assert_eq!(
        blocks(&read_page(&huge, false)),
        [(Paragraph, "After".to_string())]
    );
}

#[test]
fn a_page_nested_100000_deep_does_not_overflow_the_stack() {
    // Built, walked and dropped without recursion, on a thread with a
    // small stack (a recursive walk or drop would overflow it).
    let run = |page: String| {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || read(page.into_bytes(), (None, None), false))
            .unwrap()
            .join()
            .unwrap()
            .unwrap()
    };
    for tag in ["div", "span", "b", "blockquote", "table", "li"] {
        let page = format!("<{tag}>x").repeat(100_000) + "<p>end";
        let doc = run(page);
        let text = &doc.text;
        assert!(text.starts_with('x') && text.ends_with("end"), "{tag}");
        assert_eq!(text.matches('x').count(), 100_000, "{tag}");
    }
    let closed = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000) + "<p>after";
    let doc = run(closed);
    assert_eq!(
        blocks(&doc),
        [
            (Paragraph, "deep".to_string()),
            (Paragraph, "after".to_string())
        ]
    );
    assert_eq!(doc.notes.len(), 1, "{:?}", doc.notes);
}
