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
//! Nothing from the input reaches the terminal raw: control characters in
//! errors and in the readable transcript are printed as escapes (`\u001b`),
//! so an untrusted file cannot move the cursor or rewrite lines. A file may
//! start with a UTF-8 byte-order mark; one in UTF-16 is named as such.

// A native command: the transcript's words are not in a wasm build of the
// library, so on wasm32 (which a lint of all targets also compiles) this is
// an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
use {
    session_playground::encoding::escape_controls,
    session_playground::json::{Object, ToJson},
    session_playground::message::TranscriptText,
    session_playground::say,
    session_playground::tours::{no_such_tour, tour, TOURS},
    session_playground::transcript::render_scenario,
    session_playground::{PlayedStep, Scenario, Settings, Snapshot},
    std::io::Read,
    std::process::ExitCode,
};

#[cfg(not(target_arch = "wasm32"))]
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

#[cfg(not(target_arch = "wasm32"))]
impl ToJson for Output<'_> {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        object
            .field("title", &self.title)
            .field("summary", &self.summary)
            .field("settings", self.settings)
            .field("given", &self.given)
            .field("start", self.start)
            .field("steps", &self.steps);
        object.close();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn load(source: &str) -> Result<Scenario, String> {
    if let Some(name) = source.strip_prefix("tour:") {
        return tour(name)
            .ok_or_else(|| no_such_tour(name))?
            .map_err(|e| say(TranscriptText::TourError { name, why: &e.to_string() }));
    }
    let bytes = if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| say(TranscriptText::CannotReadStdin { why: &e.to_string() }))?;
        bytes
    } else {
        std::fs::read(source).map_err(|e| say(TranscriptText::CannotReadFile { source, why: &e.to_string() }))?
    };
    Scenario::from_json(&text_of(&bytes)?).map_err(|e| say(TranscriptText::InFile { source, why: &e.to_string() }))
}

/// The file's text: UTF-8, with or without a byte-order mark (the parser
/// skips one). UTF-16, which some Windows editors save, is named, not misread.
#[cfg(not(target_arch = "wasm32"))]
fn text_of(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(say(TranscriptText::Utf16));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| say(TranscriptText::NotUtf8 { byte: e.utf8_error().valid_up_to() }))
}

/// The readable transcript with any control character from the input
/// escaped; its own line breaks stay.
#[cfg(not(target_arch = "wasm32"))]
fn terminal_safe(text: &str) -> String {
    text.split('\n').map(escape_controls).collect::<Vec<_>>().join("\n")
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}\n\n{}", say(TranscriptText::Usage), say(TranscriptText::Help));
        return ExitCode::SUCCESS;
    }
    if args.iter().any(|a| a == "--list") {
        for (key, json) in TOURS {
            let title = Scenario::from_json(json)
                .map(|s| s.title)
                .unwrap_or_else(|e| say(TranscriptText::BrokenTour { why: &e.to_string() }));
            let title = escape_controls(&title);
            println!("tour:{key:<28} {title}");
        }
        return ExitCode::SUCCESS;
    }
    let json = args.iter().any(|a| a == "--json");
    let sources: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let [source] = sources.as_slice() else {
        eprintln!("{}", say(TranscriptText::Usage));
        return ExitCode::from(2);
    };
    if source.starts_with("--") {
        eprintln!("{}\n{}", say(TranscriptText::UnknownOption { option: source }), say(TranscriptText::Usage));
        return ExitCode::from(2);
    }
    let scenario = match load(source) {
        Ok(scenario) => scenario,
        Err(message) => {
            eprintln!("{}", say(TranscriptText::Error { why: &escape_controls(&message) }));
            return ExitCode::FAILURE;
        }
    };
    let (start, played) = scenario.play_with_start();
    if json {
        let output = Output {
            title: &scenario.title,
            summary: &scenario.summary,
            settings: &scenario.settings,
            given: scenario.given.iter().map(|a| a.label_under(scenario.settings.mechanism)).collect(),
            start: &start,
            steps: &played,
        };
        println!("{}", session_playground::json::pretty(&session_playground::json::to_json(&output)));
    } else {
        print!("{}", terminal_safe(&render_scenario(&scenario, &start, &played)));
    }
    ExitCode::SUCCESS
}
