//! `ura stats`: what a TMX file holds.

use std::collections::BTreeMap;

use anyhow::{Context, Result};

use crate::cli::StatsArgs;

/// Runs `ura stats`.
pub fn run(args: &StatsArgs) -> Result<()> {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?;
    let text = ura_doc::decode_owned(bytes).with_context(|| name.clone())?;
    let units = ura_bitext::tmx::read_tmx(&text).with_context(|| name.clone())?;
    let mut langs: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut scores = Vec::new();
    for u in &units {
        *langs.entry((u.src.0.clone(), u.tgt.0.clone())).or_default() += 1;
        for (kind, value) in &u.props {
            match kind.as_str() {
                "x-ura-bead" => *shapes.entry(value.clone()).or_default() += 1,
                "x-ura-score" => scores.extend(value.parse::<f64>().ok()),
                _ => {}
            }
        }
    }
    println!("units\t{}", units.len());
    for ((s, t), n) in &langs {
        println!("languages\t{s} → {t}\t{n}");
    }
    for (shape, n) in &shapes {
        println!("bead {shape}\t{n}");
    }
    if !scores.is_empty() {
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        let low = scores.iter().filter(|&&s| s < 0.7).count();
        println!("mean confidence\t{mean:.3}");
        println!("below 0.7 (to review)\t{low}");
    }
    Ok(())
}
