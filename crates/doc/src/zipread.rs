//! Reading the parts of a zip container (DOCX, ODT) within limits.
//!
//! A zip states the sizes of its parts, but a zip bomb lies about them,
//! so nothing here trusts them: every part is read through a counting
//! reader that stops at the limits below, whatever the archive declares.
//!
//! - [`MAX_PART`]: no part inflates to more than 128 MiB (the main part
//!   of a thousand-page document is some tens of MiB);
//! - [`MAX_TOTAL`]: all the parts read from one archive inflate to at
//!   most 256 MiB together (only the text parts are read: media never);
//! - [`MAX_RATIO`]: past the first [`RATIO_FLOOR`] bytes (8 MiB), a part
//!   may not have inflated to more than 200 times the compressed bytes
//!   read so far. XML compresses 5–20 times, very repetitive XML (large
//!   empty tables) rarely 100 times; deflate's own ceiling, which bombs
//!   reach, is about 1,000. Counting what was read rather than the whole
//!   compressed size stops a bomb of 1 MB at 8 MiB, not at 200 MiB.
//!
//! Parts are streamed to the XML parser as they inflate, so memory holds
//! the archive, one buffer and the text read, not the inflated XML.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;

use crate::DocError;

/// The most bytes one part may inflate to.
pub const MAX_PART: u64 = 128 << 20;
/// The most bytes all the parts read from one archive may inflate to.
pub const MAX_TOTAL: u64 = 256 << 20;
/// The largest ratio of a part's inflated bytes to the compressed bytes
/// read for them, past [`RATIO_FLOOR`].
pub const MAX_RATIO: u64 = 200;
/// How many inflated bytes of a part are read before its ratio is checked.
pub const RATIO_FLOOR: u64 = 8 << 20;

/// The limits a zip is read under (the constants above, smaller in tests).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub part: u64,
    pub total: u64,
    pub ratio: u64,
    pub ratio_floor: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            part: MAX_PART,
            total: MAX_TOTAL,
            ratio: MAX_RATIO,
            ratio_floor: RATIO_FLOOR,
        }
    }
}

/// The archive's bytes, counting how many are read (the compressed data
/// of the part being inflated, mostly).
struct Source<'a> {
    cursor: Cursor<&'a [u8]>,
    read: Rc<Cell<u64>>,
}

impl Read for Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.cursor.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

impl Seek for Source<'_> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.cursor.seek(pos)
    }
}

/// A zip archive in memory whose parts are read within [`Limits`].
pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Source<'a>>,
    /// Bytes of the archive read so far.
    raw: Rc<Cell<u64>>,
    limits: Limits,
    /// Bytes inflated so far, all parts together.
    total: u64,
}

/// A limit crossed while a part was read: carried through `io::Error`
/// (quick-xml reads the part) and turned back into a [`DocError`].
#[derive(Debug)]
struct OverLimit(String);

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OverLimit {}

/// The [`DocError`] an I/O error stands for while reading `part`: a
/// limit crossed, or damaged data.
pub(crate) fn io_error(part: &str, e: &io::Error) -> DocError {
    if let Some(limit) = e.get_ref().and_then(|i| i.downcast_ref::<OverLimit>()) {
        return DocError::TooLarge(limit.0.clone());
    }
    DocError::Corrupt(format!(
        "the part {part} of this zip archive is damaged ({e}); open the file and save it again"
    ))
}

impl<'a> Package<'a> {
    /// Opens the archive in `bytes` (the whole file).
    pub fn open(bytes: &'a [u8]) -> Result<Self, DocError> {
        Self::with_limits(bytes, Limits::default())
    }

    /// Opens the archive in `bytes` with other limits.
    pub fn with_limits(bytes: &'a [u8], limits: Limits) -> Result<Self, DocError> {
        let raw = Rc::new(Cell::new(0));
        let source = Source {
            cursor: Cursor::new(bytes),
            read: Rc::clone(&raw),
        };
        let zip = zip::ZipArchive::new(source).map_err(|e| {
            DocError::Corrupt(format!(
                "a damaged or truncated zip archive ({e}); open the file and save it again"
            ))
        })?;
        Ok(Package {
            zip,
            raw,
            limits,
            total: 0,
        })
    }

    /// The name of the entry for part `name`: itself, or the first entry
    /// whose name matches it ignoring ASCII case (part names are
    /// case-insensitive in Office packages).
    pub fn find(&self, name: &str) -> Option<String> {
        let name = name.trim_start_matches('/');
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_string());
        }
        self.zip
            .file_names()
            .flatten()
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(|n| n.into_owned())
    }

    /// Streams part `name` (found as [`Package::find`] does) into `read`,
    /// within the limits; `None` when there is no such part.
    pub fn with_part<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&mut dyn BufRead, &str) -> Result<T, DocError>,
    ) -> Result<Option<T>, DocError> {
        let Some(entry) = self.find(name) else {
            return Ok(None);
        };
        let limits = self.limits;
        let total = &mut self.total;
        let file = match self.zip.by_name(&entry) {
            Ok(file) => file,
            Err(zip::result::ZipError::UnsupportedArchive(m))
                if m == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                return Err(DocError::Encrypted(format!(
                    "the part {entry} of this zip archive is encrypted; save a copy without a password"
                )));
            }
            Err(e) => {
                return Err(DocError::Corrupt(format!(
                    "the part {entry} of this zip archive cannot be read ({e}); open the file and save it again"
                )))
            }
        };
        let mut reader = BufReader::new(Counted {
            inner: file,
            part: entry.clone(),
            read: 0,
            raw: Rc::clone(&self.raw),
            raw_start: self.raw.get(),
            total,
            limits,
        });
        read(&mut reader, &entry).map(Some)
    }

    /// The whole of part `name` (for the small ones: relationships,
    /// content types), within the limits.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocError> {
        self.with_part(name, |r, part| {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes).map_err(|e| io_error(part, &e))?;
            Ok(bytes)
        })
    }
}

/// A part's reader that counts what it inflates and fails past a limit.
struct Counted<'t, R> {
    inner: R,
    part: String,
    read: u64,
    /// The archive's read counter, and its value when the part opened.
    raw: Rc<Cell<u64>>,
    raw_start: u64,
    total: &'t mut u64,
    limits: Limits,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        *self.total += n as u64;
        let mib = |b: u64| b >> 20;
        let over = if self.read > self.limits.part {
            Some(format!(
                "the part {} inflates to more than {} MiB; refused as a possible zip bomb",
                self.part,
                mib(self.limits.part)
            ))
        } else if *self.total > self.limits.total {
            Some(format!(
                "the parts of this archive inflate to more than {} MiB; refused as a possible zip bomb",
                mib(self.limits.total)
            ))
        } else if self.read > self.limits.ratio_floor
            && self.read
                > (self.raw.get() - self.raw_start)
                    .max(1)
                    .saturating_mul(self.limits.ratio)
        {
            Some(format!(
                "the part {} inflates more than {} times the compressed data read; refused as a possible zip bomb",
                self.part, self.limits.ratio
            ))
        } else {
            None
        };
        match over {
            Some(message) => Err(io::Error::other(OverLimit(message))),
            None => Ok(n),
        }
    }
}

/// Resolves a relationship target against the part it belongs to, as
/// OPC does: an absolute target from the package root, a relative one
/// from the source part's folder; `.` and `..` segments folded.
pub(crate) fn resolve(source: &str, target: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        segments.extend(source.split('/'));
        segments.pop(); // the source part's own name
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.retain(|s| !s.is_empty());
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflated(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(content).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn small() -> Limits {
        Limits {
            part: 1000,
            total: 1500,
            ratio: 10,
            ratio_floor: 100,
        }
    }

    #[test]
    fn parts_are_found_ignoring_case_and_read_whole() {
        let zip = deflated(&[("Word/Document.xml", b"<doc/>")]);
        let mut pkg = Package::open(&zip).unwrap();
        assert_eq!(
            pkg.find("/word/document.xml").as_deref(),
            Some("Word/Document.xml")
        );
        assert_eq!(pkg.read("word/document.xml").unwrap().unwrap(), b"<doc/>");
        assert_eq!(pkg.read("word/styles.xml").unwrap(), None);
    }

    #[test]
    fn limits_hold_whatever_the_archive_declares() {
        // Per part: 1200 bytes of varied text, ratio under 10.
        let text: Vec<u8> = (0..1200u32)
            .map(|i| b"abcdefghij"[(i * 7 % 10) as usize] ^ (i as u8 & 0x20))
            .collect();
        let zip = deflated(&[("a.xml", &text)]);
        let mut pkg = Package::with_limits(&zip, small()).unwrap();
        let err = pkg.read("a.xml").unwrap_err();
        assert!(
            matches!(&err, DocError::TooLarge(m) if m.contains("a.xml inflates to more than")),
            "{err}"
        );
        // Ratio: 500 zeros inflate from a few bytes.
        let zip = deflated(&[("b.xml", &[b'0'; 500])]);
        let mut pkg = Package::with_limits(&zip, small()).unwrap();
        let err = pkg.read("b.xml").unwrap_err();
        assert!(
            matches!(&err, DocError::TooLarge(m) if m.contains("times the compressed data read")),
            "{err}"
        );
        // In total: two parts of 800 stored bytes each.
        let eight: Vec<u8> = (0..800u32).map(|i| (i % 251) as u8).collect();
        let zip = deflated(&[("c.xml", &eight), ("d.xml", &eight)]);
        let mut pkg = Package::with_limits(
            &zip,
            Limits {
                ratio: 1000,
                ..small()
            },
        )
        .unwrap();
        assert!(pkg.read("c.xml").is_ok());
        let err = pkg.read("d.xml").unwrap_err();
        assert!(
            matches!(&err, DocError::TooLarge(m) if m.contains("parts of this archive")),
            "{err}"
        );
    }

    #[test]
    fn a_bomb_is_stopped_by_what_it_has_inflated_so_far() {
        // 4 MiB of zeros, then 2 MiB that do not compress: over the whole
        // part the ratio is under 3, over its start some 1,000.
        let mut part = vec![0u8; 4 << 20];
        let mut x: u32 = 1;
        part.extend((0..2 << 20).map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        }));
        let zip = deflated(&[("bomb.xml", &part)]);
        let limits = Limits {
            part: 64 << 20,
            total: 64 << 20,
            ratio: 20,
            ratio_floor: 1 << 20,
        };
        let mut pkg = Package::with_limits(&zip, limits).unwrap();
        let mut inflated = 0;
        let err = pkg
            .with_part("bomb.xml", |r, part| {
                let mut buf = [0u8; 4096];
                loop {
                    match r.read(&mut buf) {
                        Ok(0) => return Ok(()),
                        Ok(n) => inflated += n,
                        Err(e) => return Err(io_error(part, &e)),
                    }
                }
            })
            .unwrap_err();
        assert!(matches!(err, DocError::TooLarge(_)), "{err}");
        assert!(inflated < 2 << 20, "stopped after {inflated} bytes");
    }

    #[test]
    fn a_damaged_part_is_corrupt_not_a_panic() {
        let text = b"<w:document>hello hello hello hello</w:document>".repeat(20);
        let mut zip = deflated(&[("word/document.xml", &text)]);
        // Flip bytes in the middle of the compressed data.
        for b in &mut zip[40..60] {
            *b ^= 0x5A;
        }
        match Package::open(&zip) {
            Err(e) => assert!(matches!(e, DocError::Corrupt(_))),
            Ok(mut pkg) => {
                let err = pkg.read("word/document.xml").unwrap_err();
                assert!(matches!(err, DocError::Corrupt(_)), "{err}");
            }
        }
        let truncated = &deflated(&[("a", b"abc")])[..20];
        assert!(matches!(
            Package::open(truncated),
            Err(DocError::Corrupt(_))
        ));
    }

    #[test]
    fn targets_resolve_against_their_source() {
        let cases = [
            ("", "word/document.xml", "word/document.xml"),
            ("", "/word/document.xml", "word/document.xml"),
            ("word/document.xml", "styles.xml", "word/styles.xml"),
            (
                "word/document.xml",
                "../customXml/item1.xml",
                "customXml/item1.xml",
            ),
            (
                "word/document.xml",
                "/word/./footnotes.xml",
                "word/footnotes.xml",
            ),
            ("a/b.xml", "../../../x.xml", "x.xml"),
        ];
        for (source, target, want) in cases {
            assert_eq!(resolve(source, target), want, "{source} + {target}");
        }
    }
}
