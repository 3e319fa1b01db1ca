//! `transcript`: prints what a scenario does, for authors and tests.
//!
//! ```text
//! cargo run --bin transcript -- scenarios/revocation.json          # readable transcript
//! cargo run --bin transcript -- --json scenarios/revocation.json   # the full trace as JSON
//! cargo run --bin transcript -- tour:revocation                    # a built-in tour
//! cargo run --bin transcript -- --list                             # the built-in tours
//! ```
//!
//! A file named `-` is read from standard input. A broken scenario prints
//! the problem (field path and what was expected) and exits with status 1.

use serde::Serialize;
use session_playground::tours::{tour, TOURS};
use session_playground::transcript::render_scenario;
use session_playground::{PlayedStep, Scenario, Settings, Snapshot};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage: transcript [--json] <scenario.json | - | tour:NAME>\n       transcript --list";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Output<'a> {
    title: &'a str,
    summary: &'a str,
    settings: &'a Settings,
    /// The given actions, as labels.
    given: Vec<String>,
    /// The state the first step starts from, after the given actions.
    start: &'a Snapshot,
    steps: &'a [PlayedStep],
}

fn load(source: &str) -> Result<Scenario, String> {
    if let Some(name) = source.strip_prefix("tour:") {
        let names: Vec<&str> = TOURS.iter().map(|(k, _)| *k).collect();
        return tour(name)
            .ok_or_else(|| format!("there is no tour called \"{name}\"; the tours are {}", names.join(", ")))?
            .map_err(|e| format!("tour {name}: {e}"));
    }
    let text = if source == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(source).map_err(|e| format!("cannot read {source}: {e}"))?
    };
    Scenario::from_json(&text).map_err(|e| format!("{source}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        for (key, json) in TOURS {
            let title = Scenario::from_json(json).map(|s| s.title).unwrap_or_else(|e| format!("(broken: {e})"));
            println!("tour:{key:<28} {title}");
        }
        return ExitCode::SUCCESS;
    }
    let json = args.iter().any(|a| a == "--json");
    let sources: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let [source] = sources.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if source.starts_with("--") {
        eprintln!("unknown option {source}\n{USAGE}");
        return ExitCode::from(2);
    }
    let scenario = match load(source) {
        Ok(scenario) => scenario,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let (start, played) = scenario.play_with_start();
    if json {
        let output = Output {
            title: &scenario.title,
            summary: &scenario.summary,
            settings: &scenario.settings,
            given: scenario.given.iter().map(|a| a.label()).collect(),
            start: &start,
            steps: &played,
        };
        match serde_json::to_string_pretty(&output) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", render_scenario(&scenario, &start, &played));
    }
    ExitCode::SUCCESS
}
