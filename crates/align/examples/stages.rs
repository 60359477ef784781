//! Where the aligner's time goes: aligns every pair of a folder of
//! presegmented documents (`DIR/src/NAME` with `DIR/tgt/NAME`, one
//! sentence per line) on one thread and prints the time spent in each
//! stage (features, pass 1, pass 2, confidence).
//!
//! ```sh
//! cargo run --release -p ura-align --example stages -- DIR [REPEATS]
//! ```
//!
//! For profiling (`perf record`, `valgrind --tool=callgrind`); the
//! throughput benchmark against a peer is `scripts/bench-batch.sh`.

use std::collections::BTreeMap;
use std::error::Error;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ura_align::{AlignerBuilder, Sentence};

/// The stage running since an instant, and the seconds spent per stage.
struct Clock {
    since: Instant,
    stage: String,
    spent: BTreeMap<String, f64>,
}

impl Clock {
    /// Ends the current stage and starts `next`.
    fn switch(&mut self, next: &str) {
        let now = Instant::now();
        let secs = now.duration_since(self.since).as_secs_f64();
        *self.spent.entry(self.stage.clone()).or_default() += secs;
        self.since = now;
        self.stage = next.to_string();
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: stages DIR [REPEATS]")?;
    let repeats: usize = args.next().map_or(Ok(1), |r| r.parse())?;
    let mut names: Vec<String> = std::fs::read_dir(format!("{dir}/src"))?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    let docs: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            Ok((
                std::fs::read_to_string(format!("{dir}/src/{n}"))?,
                std::fs::read_to_string(format!("{dir}/tgt/{n}"))?,
            ))
        })
        .collect::<Result<_, std::io::Error>>()?;
    let clock = Arc::new(Mutex::new(Clock {
        since: Instant::now(),
        stage: "other".into(),
        spent: BTreeMap::new(),
    }));
    let on_stage = Arc::clone(&clock);
    let aligner = AlignerBuilder::new()
        .on_stage(move |name| {
            if let Ok(mut c) = on_stage.lock() {
                c.switch(name);
            }
        })
        .build();
    // One thread, as in a batch where every thread has its own document.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let started = Instant::now();
    let sentences = pool.install(|| {
        let mut sentences = 0;
        for _ in 0..repeats {
            for (src, tgt) in &docs {
                let s: Vec<Sentence> = src.lines().map(|l| Sentence::new(l, 0)).collect();
                let t: Vec<Sentence> = tgt.lines().map(|l| Sentence::new(l, 0)).collect();
                sentences += s.len();
                std::hint::black_box(aligner.align(&s, &t));
                if let Ok(mut c) = clock.lock() {
                    c.switch("other");
                }
            }
        }
        sentences
    });
    let total = started.elapsed().as_secs_f64();
    println!(
        "{sentences} source sentences in {total:.3} s: {:.0} per second",
        sentences as f64 / total
    );
    let c = clock.lock().map_err(|_| "clock poisoned")?;
    for (stage, secs) in &c.spent {
        println!("{stage:>12} {secs:7.3} s {:5.1}%", 100.0 * secs / total);
    }
    Ok(())
}
