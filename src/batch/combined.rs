//! The combined output of `ura batch --output`: one file for the whole
//! corpus, written pair by pair.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::align;
use crate::cli::AlignFormat;
use crate::output::AtomicFile;

/// The combined output, written pair by pair into a temporary file that
/// is renamed into place at the end, so memory never holds the corpus.
pub(super) struct Combined {
    target: PathBuf,
    format: AlignFormat,
    /// Opened at the first aligned pair (the TMX header needs languages).
    sink: Option<Sink>,
    /// The languages of the TMX header, once opened.
    langs: Option<(String, String)>,
}

/// The open output: written through a temporary file that
/// [`Combined::finish`] renames into place (removed if the run fails).
enum Sink {
    Jsonl(AtomicFile),
    Tmx(ura_bitext::tmx::TmxWriter<AtomicFile>),
}

impl Combined {
    pub(super) fn new(target: &Path, format: AlignFormat) -> Combined {
        Combined {
            target: target.to_path_buf(),
            format,
            sink: None,
            langs: None,
        }
    }

    /// Why a pair in these languages cannot join a combined TMX opened in
    /// others (one header, one language pair), if so.
    pub(super) fn mismatch(&self, src_lang: &str, tgt_lang: &str) -> Option<String> {
        let (s, t) = self
            .langs
            .as_ref()
            .filter(|_| self.format == AlignFormat::Tmx)?;
        (s != src_lang || t != tgt_lang).then(|| {
            format!(
                "its languages ({src_lang} → {tgt_lang}) differ from those of {} ({s} → {t}); write it with --out-dir, or set --src-lang and --tgt-lang",
                self.target.display()
            )
        })
    }

    fn open(&self, src_lang: &str, tgt_lang: &str) -> Result<Sink> {
        let out = AtomicFile::create(&self.target)?;
        Ok(match self.format {
            AlignFormat::Tmx => Sink::Tmx(ura_bitext::tmx::TmxWriter::new(
                out,
                &align::tmx_header(src_lang, tgt_lang)?,
            )?),
            _ => Sink::Jsonl(out),
        })
    }

    pub(super) fn add(
        &mut self,
        rows: &[ura_bitext::rows::Row],
        src_lang: &str,
        tgt_lang: &str,
    ) -> Result<()> {
        if self.sink.is_none() {
            self.sink = Some(self.open(src_lang, tgt_lang)?);
            self.langs = Some((src_lang.to_string(), tgt_lang.to_string()));
        }
        match self.sink.as_mut() {
            Some(Sink::Jsonl(out)) => ura_bitext::rows::write_jsonl(out, rows)?,
            Some(Sink::Tmx(w)) => {
                for unit in rows.iter().filter_map(align::tmx_unit) {
                    w.write_unit(&unit)?;
                }
            }
            None => {}
        }
        Ok(())
    }

    pub(super) fn finish(mut self, src_lang: &str, tgt_lang: &str) -> Result<()> {
        let sink = match self.sink.take() {
            Some(sink) => sink,
            None => self.open(src_lang, tgt_lang)?,
        };
        match sink {
            Sink::Jsonl(out) => out.commit(),
            Sink::Tmx(w) => {
                let (out, stats) = w
                    .finish()
                    .with_context(|| format!("cannot write {}", self.target.display()))?;
                align::report_tmx(stats.removed_chars);
                out.commit()
            }
        }
    }
}
