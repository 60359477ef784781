//! The review file: one header line that holds both sides' sentences,
//! then ura's JSONL bead rows (as `ura align -f jsonl` writes them, with
//! the score unrounded) each with a `reviewed` and an `edited` flag.
//! `ura review FILE` resumes from it exactly; it is rewritten whole and
//! atomically after every change.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use ura_bitext::rows::Row;

use super::state::{Bead, Plan, Review, Side, Splice};

/// The format's version, in the header's `ura_review` field.
const FORMAT: u32 = 1;

/// Where the review came from, kept in the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The source and target files, as given.
    pub src_file: Option<String>,
    pub tgt_file: Option<String>,
    /// The dictionary given with --dict, used again to re-align.
    pub dict: Option<PathBuf>,
}

/// The first line of a review file.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// The format's version; its presence says this is a review file.
    ura_review: u32,
    /// The review's change count.
    version: u64,
    src_lang: String,
    tgt_lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    src_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tgt_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dict: Option<PathBuf>,
    src: Vec<String>,
    tgt: Vec<String>,
    src_paragraphs: Vec<usize>,
    tgt_paragraphs: Vec<usize>,
    /// Block kinds per sentence; left out when every one is `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    src_kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tgt_kinds: Vec<String>,
}

/// A bead row: ura's row and the reviewer's marks.
#[derive(Debug, Serialize, Deserialize)]
struct ReviewRow {
    #[serde(flatten)]
    row: Row,
    reviewed: bool,
    #[serde(default)]
    edited: bool,
}

/// The kind of block a side of a bead comes from, as ura's rows name it
/// (`heading-1`, `list-item`, …; none for plain text or an empty side).
pub(crate) fn block_of(side: &Side, range: &std::ops::Range<usize>) -> Option<String> {
    side.kinds
        .get(range.start)
        .filter(|k| !range.is_empty() && k.as_str() != "text")
        .cloned()
}

/// The joined text of `range` of a side, as ura's rows hold it.
pub(crate) fn joined(side: &Side, range: &std::ops::Range<usize>) -> String {
    side.sentences
        .get(range.clone())
        .unwrap_or_default()
        .join(" ")
}

/// The header of a review file as it is written, borrowing the review's
/// sides (the version goes first, written apart: it changes with every
/// save while the rest never does).
#[derive(Serialize)]
struct HeaderOut<'a> {
    src_lang: &'a str,
    tgt_lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    src_file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tgt_file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dict: Option<&'a Path>,
    src: &'a [String],
    tgt: &'a [String],
    src_paragraphs: &'a [usize],
    tgt_paragraphs: &'a [usize],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    src_kinds: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tgt_kinds: &'a [String],
}

/// The kinds to write: none when every sentence is plain text.
fn kinds_to_write(kinds: &[String]) -> &[String] {
    if kinds.iter().all(|k| k == "text") {
        &[]
    } else {
        kinds
    }
}

/// The row of bead `b`, with its line break.
fn row_bytes(review: &Review, b: &Bead) -> Result<Vec<u8>> {
    let row = ReviewRow {
        row: Row {
            src: joined(&review.src, &b.src),
            tgt: joined(&review.tgt, &b.tgt),
            src_idx: b.src.clone().collect(),
            tgt_idx: b.tgt.clone().collect(),
            score: b.score,
            bead: format!("{}-{}", b.src.len(), b.tgt.len()),
            doc: None,
            src_block: block_of(&review.src, &b.src),
            tgt_block: block_of(&review.tgt, &b.tgt),
        },
        reviewed: b.reviewed,
        edited: b.edited,
    };
    let mut out = serde_json::to_vec(&row)?;
    out.push(b'\n');
    Ok(out)
}

/// Writes a review's file, again after every change. The header but for
/// its version and the row of each bead are serialised once and kept, so
/// that a change serialises only the beads it makes and copies the rest:
/// for 100,000 beads a save is a copy of the file's bytes, not a new
/// serialisation of 40 MB of JSON.
pub(crate) struct Saver {
    path: PathBuf,
    /// The header's fields after the version, closed by `}`.
    head: Vec<u8>,
    /// The row of each bead, in order.
    rows: Vec<Vec<u8>>,
}

impl Saver {
    /// A saver of `review` to `path`.
    pub fn new(path: &Path, review: &Review, origin: &Origin) -> Result<Saver> {
        let header = HeaderOut {
            src_lang: &review.src.lang,
            tgt_lang: &review.tgt.lang,
            src_file: origin.src_file.as_deref(),
            tgt_file: origin.tgt_file.as_deref(),
            dict: origin.dict.as_deref(),
            src: &review.src.sentences,
            tgt: &review.tgt.sentences,
            src_paragraphs: &review.src.paragraphs,
            tgt_paragraphs: &review.tgt.paragraphs,
            src_kinds: kinds_to_write(&review.src.kinds),
            tgt_kinds: kinds_to_write(&review.tgt.kinds),
        };
        let mut head = serde_json::to_vec(&header)?;
        // `{"src_lang":…}` without its `{`, to follow the version.
        head.remove(0);
        let rows = review
            .beads()
            .iter()
            .map(|b| row_bytes(review, b))
            .collect::<Result<_>>()?;
        Ok(Saver {
            path: path.to_path_buf(),
            head,
            rows,
        })
    }

    /// The review file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's bytes at `version` with `rows`.
    fn bytes<'a>(&'a self, version: u64, rows: impl Iterator<Item = &'a [u8]>) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            self.head.len() + self.rows.iter().map(Vec::len).sum::<usize>() + 64,
        );
        out.extend_from_slice(
            format!("{{\"ura_review\":{FORMAT},\"version\":{version},").as_bytes(),
        );
        out.extend_from_slice(&self.head);
        out.push(b'\n');
        for r in rows {
            out.extend_from_slice(r);
        }
        out
    }

    /// The bytes of the file as it stands for `version`.
    pub fn current(&self, version: u64) -> Vec<u8> {
        self.bytes(version, self.rows.iter().map(Vec::as_slice))
    }

    /// Saves the review as it stands, atomically (temporary file, then
    /// rename).
    pub fn save(&self, review: &Review) -> Result<()> {
        crate::align::write_atomically(&self.path, &self.current(review.version()))
    }

    /// Saves the review as `plan` leaves it, atomically, then makes the
    /// change in memory; if the file cannot be written nothing changes.
    pub fn save_and_commit(&mut self, review: &mut Review, plan: Plan) -> Result<Splice> {
        let splice = plan.splice();
        let new: Vec<Vec<u8>> = splice
            .new
            .iter()
            .map(|b| row_bytes(review, b))
            .collect::<Result<_>>()?;
        let (at, end) = (splice.at, splice.at + splice.old.len());
        let rows = self.rows[..at]
            .iter()
            .chain(&new)
            .chain(&self.rows[end..])
            .map(Vec::as_slice);
        crate::align::write_atomically(&self.path, &self.bytes(review.version() + 1, rows))?;
        self.rows.splice(at..end, new);
        Ok(review.commit(plan))
    }
}

/// The bytes of the review file of `review`.
#[cfg(test)]
fn to_bytes(review: &Review, origin: &Origin) -> Result<Vec<u8>> {
    Ok(Saver::new(Path::new("-"), review, origin)?.current(review.version()))
}

/// Reads a review file.
pub(crate) fn load(path: &Path) -> Result<(Review, Origin)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the review file {}", path.display()))?;
    parse(&text).with_context(|| path.display().to_string())
}

/// Parses the text of a review file.
fn parse(text: &str) -> Result<(Review, Origin)> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, first)) = lines.next() else {
        bail!("the file is empty, not a review file of ura (ura review SRC TGT -o FILE makes one)");
    };
    let header: Header = match serde_json::from_str(first) {
        Ok(h) => h,
        Err(_)
            if serde_json::from_str::<ReviewRow>(first).is_ok()
                || serde_json::from_str::<Row>(first).is_ok() =>
        {
            bail!("this is an alignment without the review header (its sentences are not kept one by one); review its inputs with ura review SRC TGT")
        }
        Err(e) => {
            bail!("not a review file of ura: its first line is not a ura review header ({e})")
        }
    };
    if header.ura_review > FORMAT {
        bail!(
            "the review file is of format {}, newer than this ura reads ({FORMAT}); update ura",
            header.ura_review
        );
    }
    let side = |lang: String,
                sentences: Vec<String>,
                paragraphs: Vec<usize>,
                kinds: Vec<String>,
                what: &str| {
        if sentences.len() != paragraphs.len() {
            bail!(
                "the header gives {} {what} sentences but {} paragraph numbers",
                sentences.len(),
                paragraphs.len()
            );
        }
        if !kinds.is_empty() && kinds.len() != sentences.len() {
            bail!(
                "the header gives {} {what} sentences but {} block kinds",
                sentences.len(),
                kinds.len()
            );
        }
        let kinds = if kinds.is_empty() {
            vec!["text".to_string(); sentences.len()]
        } else {
            kinds
        };
        Ok(Side {
            lang,
            sentences,
            paragraphs,
            kinds,
        })
    };
    let src = side(
        header.src_lang,
        header.src,
        header.src_paragraphs,
        header.src_kinds,
        "source",
    )?;
    let tgt = side(
        header.tgt_lang,
        header.tgt,
        header.tgt_paragraphs,
        header.tgt_kinds,
        "target",
    )?;
    let mut beads = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    for (k, line) in lines {
        let n = k + 1;
        let r: ReviewRow = serde_json::from_str(line)
            .with_context(|| format!("line {n} is not a bead row of a review file"))?;
        let range = |idx: &[usize], from: usize, what: &str| -> Result<std::ops::Range<usize>> {
            let end = from + idx.len();
            if !idx.iter().copied().eq(from..end) {
                bail!("line {n}: its {what} sentences {idx:?} do not follow those of the line before (next is {from})");
            }
            Ok(from..end)
        };
        let (s, t) = (
            range(&r.row.src_idx, i, "source")?,
            range(&r.row.tgt_idx, j, "target")?,
        );
        if s.end > src.sentences.len() || t.end > tgt.sentences.len() {
            bail!("line {n}: it names sentences beyond the {} source and {} target sentences of the header", src.sentences.len(), tgt.sentences.len());
        }
        if r.row.src != joined(&src, &s) || r.row.tgt != joined(&tgt, &t) {
            bail!("line {n}: its text differs from its sentences in the header (was the file edited by hand?)");
        }
        if !(0.0..=1.0).contains(&r.row.score) {
            bail!("line {n}: the score {} is not between 0 and 1", r.row.score);
        }
        (i, j) = (s.end, t.end);
        beads.push(Bead {
            src: s,
            tgt: t,
            score: r.row.score,
            reviewed: r.reviewed,
            edited: r.edited,
        });
    }
    let origin = Origin {
        src_file: header.src_file,
        tgt_file: header.tgt_file,
        dict: header.dict,
    };
    let review = Review::new(src, tgt, beads, header.version).map_err(anyhow::Error::msg)?;
    Ok((review, origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::state::Edit;

    fn review() -> Review {
        let side = |lang: &str, texts: &[&str], paras: &[usize], kind: &str| Side {
            lang: lang.to_string(),
            sentences: texts.iter().map(|t| t.to_string()).collect(),
            paragraphs: paras.to_vec(),
            kinds: (0..texts.len())
                .map(|i| if i == 0 { kind } else { "paragraph" }.to_string())
                .collect(),
        };
        let src = side(
            "en",
            &["One.", "Two \"quoted\".", "Three."],
            &[0, 0, 1],
            "heading-1",
        );
        let tgt = side(
            "sq",
            &["Një.", "Dy.", "Tre.", "Katër."],
            &[0, 1, 1, 1],
            "text",
        );
        let beads = vec![
            Bead::aligned(0..1, 0..1, 0.987_654_321),
            Bead::aligned(1..2, 1..3, 0.5),
            Bead::aligned(2..3, 3..3, 0.25),
            Bead::aligned(3..3, 3..4, 0.125),
        ];
        Review::new(src, tgt, beads, 0).unwrap()
    }

    #[test]
    fn a_saved_review_reads_back_exactly() {
        let mut r = review();
        r.apply(&Edit::Link { bead: 2 }).unwrap();
        r.apply(&Edit::Review {
            bead: 0,
            reviewed: true,
        })
        .unwrap();
        let origin = Origin {
            src_file: Some("en.txt".into()),
            tgt_file: Some("sq.txt".into()),
            dict: Some("d.txt".into()),
        };
        let bytes = to_bytes(&r, &origin).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let (back, o) = parse(&text).unwrap();
        assert_eq!(back.beads(), r.beads());
        assert_eq!((&back.src, &back.tgt), (&r.src, &r.tgt));
        assert_eq!(back.version(), 2);
        assert_eq!(o, origin);
        assert_eq!(to_bytes(&back, &o).unwrap(), bytes);
        // The bead rows are ura's rows: what read_jsonl reads, after the
        // header.
        let rows = ura_bitext::rows::read_jsonl(text.split_once('\n').unwrap().1).unwrap();
        assert_eq!(rows[1].tgt, "Dy. Tre.");
        assert_eq!(rows[2].bead, "1-1");
        assert_eq!(rows[0].score, 0.987_654_321);
        // With the kinds of blocks, as ura align's rows have them.
        assert_eq!(rows[0].src_block.as_deref(), Some("heading-1"));
        assert_eq!(rows[0].tgt_block, None, "plain text has none");
        assert_eq!(rows[1].tgt_block.as_deref(), Some("paragraph"));
    }

    #[test]
    fn a_change_is_made_only_once_it_is_saved() {
        use crate::review::state::Action;
        let dir = std::env::temp_dir().join(format!("ura-review-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.jsonl");
        let mut r = review();
        let plan = r.plan(Action::Edit(&Edit::MergeNext { bead: 0 })).unwrap();
        // A folder cannot be replaced by a file: the save fails.
        let mut broken = Saver::new(&dir, &r, &Origin::default()).unwrap();
        assert!(broken.save_and_commit(&mut r, plan.clone()).is_err());
        assert_eq!((r.beads(), r.version()), (review().beads(), 0));
        let mut saver = Saver::new(&path, &r, &Origin::default()).unwrap();
        saver.save_and_commit(&mut r, plan).unwrap();
        let (back, _) = load(&path).unwrap();
        assert_eq!((back.beads(), back.version()), (r.beads(), 1));
        // Kept rows and new ones make the file a fresh save would.
        r.apply(&Edit::Review {
            bead: 1,
            reviewed: true,
        })
        .unwrap();
        let plan = r.plan(Action::Undo).unwrap();
        saver.save_and_commit(&mut r, plan).unwrap();
        let plan = r
            .plan(Action::Edit(&Edit::Split {
                bead: 0,
                src_at: 1,
                tgt_at: 1,
            }))
            .unwrap();
        saver.save_and_commit(&mut r, plan).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            to_bytes(&r, &Origin::default()).unwrap()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_that_are_not_review_files_are_named_for_what_they_are() {
        let good = String::from_utf8(to_bytes(&review(), &Origin::default()).unwrap()).unwrap();
        let (header, rows) = good.split_once('\n').unwrap();
        let cases = [
            (String::new(), "the file is empty"),
            ("hello\n".to_string(), "not a review file of ura"),
            (rows.to_string(), "without the review header"),
            (
                format!(
                    "{}\n{rows}",
                    header.replace("\"ura_review\":1", "\"ura_review\":9")
                ),
                "newer than this ura reads",
            ),
            (
                format!("{header}\n{}", rows.replace("\"One.\"", "\"Uno.\"")),
                "line 2: its text differs",
            ),
            (
                format!("{header}\n{}", rows.replace("[1,2]", "[2,1]")),
                "do not follow those of the line before",
            ),
            (
                format!(
                    "{header}\n{}",
                    rows.lines().take(3).collect::<Vec<_>>().join("\n")
                ),
                "not all 3 and 4",
            ),
            (
                format!("{header}\n{{\"src\": 1}}\n"),
                "line 2 is not a bead row",
            ),
            (
                format!(
                    "{}\n{rows}",
                    header.replace("\"src_paragraphs\":[0,0,1]", "\"src_paragraphs\":[0]")
                ),
                "3 source sentences but 1 paragraph numbers",
            ),
        ];
        for (text, says) in cases {
            let err = format!("{:#}", parse(&text).unwrap_err());
            assert!(err.contains(says), "{says}: {err}");
        }
    }
}
