//! Paragraph and character styles of a DOCX (`word/styles.xml`): what a
//! paragraph's style makes it (heading, caption, list item) and whether
//! a style hides its text.
//!
//! Style ids are localised ("Heading1", "berschrift1", "Titre1"), so
//! nothing here reads them: a style is a heading by its outline level
//! (`w:outlineLvl`) or, failing that, by its built-in name ("heading 1",
//! which Word keeps in English whatever the language; LibreOffice's
//! "Heading 1"), found along its `w:basedOn` chain.

use std::collections::HashMap;

use super::{on_off, W};
use crate::blocks::level_by_name;
use crate::xml::{self, Elem, Flow, Handler};
use crate::zipread::Package;
use crate::DocError;

/// How many `w:basedOn` links are followed (chains are a few long; a
/// cycle stops here).
const CHAIN: usize = 32;

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    /// `w:outlineLvl`: 0–8 a heading level, 9 body text.
    outline: Option<u8>,
    /// `w:numPr`: whether the style numbers its paragraphs.
    numbered: Option<bool>,
    /// `w:vanish` in its run properties.
    vanish: Option<bool>,
}

/// The styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    map: HashMap<String, Style>,
    /// The style of paragraphs that name none.
    pub default_para: Option<String>,
}

impl Styles {
    /// Reads the styles part `part` of `pkg`.
    pub fn read(pkg: &mut Package<'_>, part: &str) -> Result<Styles, DocError> {
        let mut h = StylesHandler::default();
        pkg.with_part(part, |r, name| xml::parse(r, name, &mut h))?;
        Ok(h.styles)
    }

    /// `id`, then the styles it is based on.
    fn chain<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let style = self.map.get(next?)?;
            next = style.based_on.as_deref();
            Some(style)
        })
        .take(CHAIN)
    }

    /// The heading level (1–9) paragraphs of style `id` have, if any:
    /// the first outline level along the chain, or a heading's built-in
    /// name.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        for style in self.chain(id) {
            if let Some(level) = style.outline {
                return (level < 9).then_some(level + 1);
            }
            if let Some(level) = level_by_name(&style.name) {
                return Some(level);
            }
        }
        None
    }

    /// Whether style `id` is (based on) the built-in Caption style.
    pub fn is_caption(&self, id: &str) -> bool {
        self.chain(id)
            .any(|s| s.name.trim().eq_ignore_ascii_case("caption"))
    }

    /// Whether style `id` numbers its paragraphs, if it says.
    pub fn numbered(&self, id: &str) -> Option<bool> {
        self.chain(id).find_map(|s| s.numbered)
    }

    /// Whether style `id` hides its text, if it says.
    pub fn hidden(&self, id: &str) -> Option<bool> {
        self.chain(id).find_map(|s| s.vanish)
    }
}

#[derive(Default)]
struct StylesHandler {
    styles: Styles,
    /// The style being read, with its id.
    current: Option<(String, Style)>,
    /// Local names of the open elements inside `w:style`.
    path: Vec<&'static str>,
}

impl Handler for StylesHandler {
    fn start(&mut self, el: &Elem<'_>) -> Result<Flow, DocError> {
        if !W.contains(&el.ns) {
            return Ok(Flow::Skip);
        }
        let Some((_, style)) = self.current.as_mut() else {
            return Ok(match el.local {
                "styles" => Flow::Enter,
                "style" => {
                    let id = el.attr("styleId").unwrap_or_default();
                    if el.attr("type").as_deref() == Some("paragraph")
                        && el.attr("default").as_deref().is_some_and(on_off)
                    {
                        self.styles.default_para = Some(id.clone());
                    }
                    self.current = Some((id, Style::default()));
                    Flow::Enter
                }
                _ => Flow::Skip,
            });
        };
        let val = || el.attr("val");
        let parent = self.path.last().copied();
        let tag = match (parent, el.local) {
            (None, "name") => {
                style.name = val().unwrap_or_default();
                "name"
            }
            (None, "basedOn") => {
                style.based_on = val();
                "basedOn"
            }
            (None, "pPr") => "pPr",
            (None, "rPr") => "rPr",
            (Some("pPr"), "outlineLvl") => {
                style.outline = val()
                    .and_then(|v| v.trim().parse::<u8>().ok())
                    .map(|l| l.min(9));
                "outlineLvl"
            }
            (Some("pPr"), "numPr") => "numPr",
            (Some("numPr"), "numId") => {
                style.numbered = Some(val().is_some_and(|v| v.trim() != "0"));
                "numId"
            }
            (Some("rPr"), "vanish") => {
                style.vanish = Some(val().as_deref().is_none_or(on_off));
                "vanish"
            }
            _ => return Ok(Flow::Skip),
        };
        self.path.push(tag);
        Ok(Flow::Enter)
    }

    fn end(&mut self) {
        if self.path.pop().is_none() {
            if let Some((id, style)) = self.current.take() {
                self.styles.map.insert(id, style);
            }
        }
    }

    fn text(&mut self, _: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(xml: &str) -> Styles {
        let mut h = StylesHandler::default();
        xml::parse(&mut xml.as_bytes(), "styles.xml", &mut h).unwrap();
        h.styles
    }

    #[test]
    fn headings_by_outline_level_or_built_in_name_along_the_chain() {
        let s = styles(
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/>
              <w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="Heading 2"/><w:basedOn w:val="Standard"/></w:style>
            <w:style w:type="paragraph" w:styleId="MonTitre"><w:name w:val="Mon titre"/><w:basedOn w:val="Titre2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Corps"><w:name w:val="Corps"/><w:basedOn w:val="berschrift1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Legende"><w:name w:val="caption"/></w:style>
            <w:style w:type="paragraph" w:styleId="Bildunterschrift"><w:name w:val="Image Caption"/><w:basedOn w:val="Legende"/></w:style>
            <w:style w:type="paragraph" w:styleId="Aufz"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:type="character" w:styleId="Versteckt"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
            <w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>
            </w:styles>"#,
        );
        assert_eq!(s.default_para.as_deref(), Some("Standard"));
        let cases = [
            ("berschrift1", Some(1)),
            ("Titre2", Some(2)),
            ("MonTitre", Some(2)),
            ("Corps", None),
            ("Standard", None),
            ("Missing", None),
            ("A", None),
        ];
        for (id, want) in cases {
            assert_eq!(s.heading_level(id), want, "{id}");
        }
        assert!(s.is_caption("Bildunterschrift") && !s.is_caption("Titre2"));
        assert_eq!(s.numbered("Aufz"), Some(true));
        assert_eq!(s.numbered("Standard"), None);
        assert_eq!(s.hidden("Versteckt"), Some(true));
    }
}
