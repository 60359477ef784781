//! `ura`: split a document and its translation into sentences, align them,
//! and write a bilingual corpus.
//!
//! Exit codes: 0 success; 1 an input or output error (one line on stderr
//! starting `ura:`), or in `batch` some pairs failed; 2 a usage error.

mod align;
mod batch;
mod cli;
mod convert;
mod input;
mod output;
mod review;
mod side;
mod split;
mod stats;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: the aligner makes many small,
/// short-lived allocations per document (a sixth of a batch run's time
/// went to glibc's malloc and free). Built without transparent huge
/// pages, which would otherwise triple a batch run's resident memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A bug must still end in one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string().replace('\n', " ");
        let _ = writeln!(
            std::io::stderr(),
            "ura: internal error: {msg} (please report this)"
        );
    }));
    let args = cli::Cli::parse();
    let result = match args.command {
        cli::Command::Split(a) => split::run(&a).map(|()| ExitCode::SUCCESS),
        cli::Command::Align(a) => align::run(&a).map(|()| ExitCode::SUCCESS),
        cli::Command::Batch(a) => batch::run(&a),
        cli::Command::Stats(a) => stats::run(&a).map(|()| ExitCode::SUCCESS),
        cli::Command::Review(a) => review::run(&a).map(|()| ExitCode::SUCCESS),
        cli::Command::Convert(a) => convert::run(&a).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let msg: Vec<String> = err.chain().map(ToString::to_string).collect();
            let _ = writeln!(std::io::stderr(), "ura: {}", msg.join(": "));
            ExitCode::from(if is_usage_error(&err) { 2 } else { 1 })
        }
    }
}

/// Errors the user fixes with the command line: exit code 2.
fn is_usage_error(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<cli::UsageError>().is_some()
            || e.downcast_ref::<ura_corpus::lang::Undetermined>().is_some()
    })
}

/// A closed pipe on stdout (`ura split x | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
