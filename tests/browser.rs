//! The review scenario in a real browser: headless Chromium (Debian's
//! `/usr/bin/chromium`) driven by playwright-core (tests/browser, installed
//! by `npm ci --prefix tests/browser`). Skipped with a message where
//! either is missing, unless CI is set: then a missing one is a failure.

use std::path::Path;
use std::process::Command;

use crate::util::{data, root, temp_dir};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Why the scenario cannot run here, if it cannot.
fn missing() -> Option<String> {
    let dir = root().join("tests/browser");
    if !Path::new(CHROMIUM).exists() {
        return Some(format!(
            "{CHROMIUM} is not installed (apt-get install chromium)"
        ));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("node is not installed".to_string());
    }
    if !dir.join("node_modules/playwright-core").exists() {
        return Some(
            "playwright-core is not installed (npm ci --prefix tests/browser)".to_string(),
        );
    }
    None
}

#[test]
fn the_review_scenario_passes_in_headless_chromium() {
    if let Some(why) = missing() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set, but the browser scenario cannot run: {why}"
        );
        eprintln!("skipped the browser scenario: {why}");
        return;
    }
    let out = temp_dir("browser");
    let run = Command::new("node")
        .arg("scenario.mjs")
        .current_dir(root().join("tests/browser"))
        .env("URA_BIN", env!("CARGO_BIN_EXE_ura"))
        .env("URA_DATA", data(""))
        .env("URA_OUT", &out)
        .output()
        .expect("run node");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert!(
        run.status.success(),
        "the browser scenario failed:\n{stdout}\n{stderr}"
    );
    // The timings and the screenshots' paths, for whoever runs it with
    // --nocapture.
    println!("{stdout}");
}
