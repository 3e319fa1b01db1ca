//! `jar_conformance`: runs a jar-cases file against the playground's cookie jar.
//!
//! ```text
//! cargo run --release --example jar_conformance -- ../shared/cookie-suite/visible.json
//! ```
//!
//! Prints each failure (case id, expected, got, and what the jar decided),
//! lists the cases that differ on purpose (from `tests/jar-known-differences.txt`),
//! and ends with the line `N passed, M failed`. Exits 1 if any case failed.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/jar_cases.rs"]
mod jar_cases;

use std::process::ExitCode;

/// The runner is a native command; a wasm build has nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::SUCCESS
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: jar_conformance <cases.json>");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let known_path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/jar-known-differences.txt");
    let known = jar_cases::known_differences(&std::fs::read_to_string(known_path).unwrap_or_default());
    let results = match jar_cases::run_file(&text) {
        Ok(results) => results,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for result in &results {
        if result.passed {
            passed += 1;
            continue;
        }
        if let Some(reason) = known.get(&result.id) {
            println!("known difference {}: {reason}", result.id);
            passed += 1;
            continue;
        }
        failed += 1;
        println!("FAIL {}\n  expected: {:?}\n  got:      {:?}", result.id, result.expected, result.got);
        for reason in &result.reasons {
            println!("  - {reason}");
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
