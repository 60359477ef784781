//! Time per stage over a folder of presegmented pairs (temporary).
use std::sync::{Arc, Mutex};
use std::time::Instant;
use ura_align::{AlignerBuilder, Sentence};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or("/tmp/bbc".into());
    let reps: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut docs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(format!("{dir}/src"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for n in names {
        let s = std::fs::read_to_string(format!("{dir}/src/{}", n.to_str().unwrap())).unwrap();
        let t = std::fs::read_to_string(format!("{dir}/tgt/{}", n.to_str().unwrap())).unwrap();
        docs.push((s, t));
    }
    let acc: Arc<Mutex<(Instant, String, std::collections::BTreeMap<String, f64>)>> = Arc::new(
        Mutex::new((Instant::now(), String::new(), Default::default())),
    );
    let a2 = acc.clone();
    let aligner = AlignerBuilder::new()
        .on_stage(move |name| {
            let mut g = a2.lock().unwrap();
            let now = Instant::now();
            let el = now.duration_since(g.0).as_secs_f64();
            let prev = g.1.clone();
            *g.2.entry(prev).or_default() += el;
            g.0 = now;
            g.1 = name.to_string();
        })
        .build();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    pool.install(|| {
        let t0 = Instant::now();
        let mut nsent = 0;
        for _ in 0..reps {
            for (s, t) in &docs {
                let ss: Vec<Sentence> = s.lines().map(|l| Sentence::new(l, 0)).collect();
                let ts: Vec<Sentence> = t.lines().map(|l| Sentence::new(l, 0)).collect();
                nsent += ss.len();
                let a = aligner.align(&ss, &ts);
                std::hint::black_box(a);
                let mut g = acc.lock().unwrap();
                let now = Instant::now();
                let el = now.duration_since(g.0).as_secs_f64();
                let prev = g.1.clone();
                *g.2.entry(prev).or_default() += el;
                g.0 = now;
                g.1 = "other".into();
            }
        }
        let total = t0.elapsed().as_secs_f64();
        println!(
            "{nsent} sentences in {total:.3} s = {:.0}/s",
            nsent as f64 / total
        );
        for (k, v) in &acc.lock().unwrap().2 {
            println!("{k:>12} {v:.3} s ({:.1}%)", 100.0 * v / total);
        }
    });
}
