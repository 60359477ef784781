//! Prints the detected language of each file named on the command line,
//! with the share of the vote, the letters it rests on and the time taken.
//! `cargo run --release -p ura-lang --example detect -- FILE...`

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let started = std::time::Instant::now();
        let d = ura_lang::detect(&text);
        let took = started.elapsed();
        match d {
            Some(d) => println!(
                "{path}\t{}\t{:.2}\t{}\t{}\t{took:.1?}",
                d.code,
                d.share,
                d.letters,
                if d.confident { "confident" } else { "unsure" }
            ),
            None => println!("{path}\t-\t\t\t\t{took:.1?}"),
        }
    }
}
