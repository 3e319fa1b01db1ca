//! Every built-in tour, played and compared with its transcript snapshot in
//! `tests/snapshots/<tour>.txt`.
//!
//! A change in behaviour or wording shows up as a diff here. When the change
//! is intended, regenerate the snapshots with
//! `UPDATE_SNAPSHOTS=1 cargo test --test native tours::` and read the diff before
//! committing it.

use session_playground::tours::{tour, TOURS};
use session_playground::transcript::render_scenario;
use session_playground::Scenario;
use std::path::PathBuf;

fn snapshot_path(key: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{key}.txt"))
}

#[test]
fn every_tour_matches_its_transcript_snapshot() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for (key, _) in TOURS {
        let scenario = tour(key).unwrap().unwrap_or_else(|e| panic!("tour {key} does not parse: {e}"));
        let (start, played) = scenario.play_with_start();
        let transcript = render_scenario(&scenario, &start, &played);
        let path = snapshot_path(key);
        if update {
            std::fs::write(&path, &transcript).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == transcript => {}
            Ok(expected) => {
                let line = expected.lines().zip(transcript.lines()).position(|(a, b)| a != b);
                stale.push(format!("{key}: differs from line {}", line.map_or(0, |l| l + 1)));
            }
            Err(_) => stale.push(format!("{key}: no snapshot at {}", path.display())),
        }
    }
    assert!(stale.is_empty(), "stale snapshots (UPDATE_SNAPSHOTS=1 to regenerate):\n{}", stale.join("\n"));
}

#[test]
fn every_snapshot_belongs_to_a_tour() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        // tests/snapshots/scenarios holds the test scenarios' (tests/scenarios.rs).
        if entry.file_type().unwrap().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let key = name.trim_end_matches(".txt");
        assert!(TOURS.iter().any(|(k, _)| *k == key), "tests/snapshots/{name} has no tour");
    }
}

/// The lesson of each tour, checked directly: the step a tour asks about
/// ends as the tour says it does.
#[test]
fn each_tour_teaches_what_it_claims() {
    let final_status = |key: &str| {
        let scenario = tour(key).unwrap().unwrap();
        let played = scenario.play();
        let last = played.last().unwrap().trace.steps.last().unwrap();
        last.message.as_ref().and_then(|m| m.status)
    };
    let expected = [
        ("coat-check", Some(401)),
        // It ends with time passing: no response at the end.
        ("cookie-and-record", None),
        // Refused after the revocation, then a fresh login: a new ticket works.
        ("revocation", Some(200)),
        ("logout-done-right", Some(401)),
        ("logout-client-only", Some(200)),
        ("logout-server-only", Some(401)),
        ("idle-timeout", Some(401)),
        ("absolute-timeout", Some(401)),
        ("log-out-everywhere", Some(401)),
        ("password-change", Some(200)),
        ("server-restart", Some(401)),
        ("server-restart-redis", Some(200)),
        // Logged in on the fourth request, and out again on the fifth.
        ("load-balancer-round-robin", Some(401)),
        ("sticky-sessions", Some(200)),
        ("shared-store", Some(401)),
        ("store-outage", Some(200)),
        // The token expires at last.
        ("tokens-nothing-to-look-up", Some(401)),
        // Refused once the denylist names it.
        ("token-revocation", Some(401)),
        // Bob's genuine token meets a store that is down.
        ("token-denylist", Some(500)),
        // Four servers for four with tokens.
        ("sessions-vs-tokens", Some(200)),
        ("attack-stolen-ticket", Some(401)),
        ("session-fixation", Some(401)),
        ("attack-made-up-id", Some(401)),
        ("attack-guessed-id", Some(401)),
        ("attack-script-theft", Some(401)),
        ("attack-csrf", Some(401)),
        ("attack-plain-http", Some(401)),
    ];
    // Every tour has an expected outcome here, so a new tour cannot slip by.
    for (key, _) in TOURS {
        let status =
            expected.iter().find(|(k, _)| *k == key).unwrap_or_else(|| panic!("no expected outcome for tour {key}")).1;
        assert_eq!(final_status(key), status, "{key}");
    }
}

/// An attack tour first shows the attack working: before it starts over
/// with a defence, Mallory is shown Alice's profile.
#[test]
fn each_attack_tour_succeeds_before_its_defence() {
    for (key, _) in TOURS.iter().filter(|(k, _)| k.starts_with("attack-") || *k == "session-fixation") {
        let scenario = tour(key).unwrap().unwrap();
        let played = scenario.play();
        let split = played.iter().position(|s| s.action.starts_with("start over with")).unwrap_or(played.len());
        let before = &played[..split];
        let attacked = before.iter().any(|step| {
            let last = step.trace.steps.last().unwrap();
            last.browser.as_deref() == Some("mallory")
                && last
                    .message
                    .as_ref()
                    .and_then(|m| m.body.as_deref())
                    .is_some_and(|b| b.starts_with("Profile of alice"))
        });
        assert!(attacked, "{key}: Mallory never sees Alice's profile before the defence");
    }
}

/// Every question a tour asks has answers, and exactly one of them is what
/// the engine then does.
#[test]
fn every_tour_question_has_exactly_one_right_answer() {
    for (key, _) in TOURS {
        let scenario = tour(key).unwrap().unwrap();
        for (i, step) in scenario.play().iter().enumerate() {
            if step.ask.is_none() {
                continue;
            }
            assert!(step.choices.len() >= 2, "{key} step {}: a question without answers", i + 1);
            let right = step.choices.iter().filter(|c| c.matches(&step.trace)).count();
            assert_eq!(right, 1, "{key} step {}: {right} answers match the outcome", i + 1);
        }
    }
}

/// The example article's own scenario file is a valid scenario, and plays to the end.
#[test]
fn the_example_articles_scenario_files_parse_and_play() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let scenario = Scenario::from_json(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(scenario.play().len(), scenario.steps.len(), "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 1, "the example article has a scenario file");
}

/// The JSON Schema lists exactly the presets, browsers and actions the parser knows.
#[test]
fn the_json_schema_agrees_with_the_parser() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/scenario.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let strings = |pointer: &str| -> Vec<String> {
        schema.pointer(pointer).unwrap().as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    };
    let presets: Vec<String> = session_playground::PRESETS.iter().map(|p| p.key.to_owned()).collect();
    assert_eq!(strings("/properties/settings/properties/preset/enum"), presets);
    let browsers: Vec<String> = session_playground::BROWSERS.iter().map(|k| (*k).to_owned()).collect();
    assert_eq!(strings("/$defs/browser/enum"), browsers);
    // The schema's actions are exactly the parser's, one schema variant each.
    let actions = strings("/$defs/step/properties/action/enum");
    let parser: Vec<String> = session_playground::ACTIONS.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(actions, parser);
    let variants = schema.pointer("/$defs/step/oneOf").unwrap().as_array().unwrap();
    let consts: Vec<String> =
        variants.iter().map(|v| v.pointer("/properties/action/const").unwrap().as_str().unwrap().to_owned()).collect();
    assert_eq!(consts, parser);
    // Every step may have a title and narration; a given action is a step's action.
    for variant in variants {
        for field in ["title", "say", "ask", "choices"] {
            assert!(variant.pointer(&format!("/properties/{field}")).is_some(), "{variant}: no {field}");
        }
    }
    assert_eq!(schema.pointer("/properties/given/items/$ref").unwrap(), "#/$defs/givenAction");
    assert_eq!(schema.pointer("/$defs/givenAction/allOf/0/$ref").unwrap(), "#/$defs/step");
}

/// A scale-out tour asks before it tells: a step with a question carries no
/// narration of its own (it would show with the question and give the
/// answer away); the explanation comes with the step after it.
#[test]
fn scale_out_tours_ask_before_they_tell() {
    for (key, _) in TOURS {
        let scenario = tour(key).unwrap().unwrap();
        if !scenario.settings.clustered() {
            continue;
        }
        let played = scenario.play();
        for (i, step) in played.iter().enumerate() {
            if step.ask.is_some() {
                assert_eq!(step.say, None, "{key} step {}: a question shown with its answer", i + 1);
            }
        }
    }
    let says =
        |key: &str| -> Vec<String> { tour(key).unwrap().unwrap().play().into_iter().filter_map(|s| s.say).collect() };
    assert!(says("sticky-sessions").last().unwrap().starts_with("The phone's server is still running"));
    assert!(says("store-outage").last().unwrap().starts_with("The records were never lost"));
    assert!(says("load-balancer-round-robin")
        .last()
        .unwrap()
        .contains("Three requests out of every four find no session"));
}

/// The presses of Next a tour takes: one per moment of its traces.
fn presses(played: &[session_playground::PlayedStep]) -> usize {
    played.iter().map(|step| step.trace.moments()).sum()
}

/// Short tours: the coat check in at most 10 presses, revocation in at most
/// 12 with the revocation itself in the first half, and no single-server
/// tour longer than the revocation's limit.
#[test]
fn tours_take_few_presses_of_next() {
    let played = |key: &str| tour(key).unwrap().unwrap().play();
    let coat_check = played("coat-check");
    assert!(presses(&coat_check) <= 10, "coat-check takes {} presses", presses(&coat_check));

    let revocation = played("revocation");
    let total = presses(&revocation);
    assert!(total <= 12, "revocation takes {total} presses");
    let revoke = revocation.iter().position(|s| s.action.starts_with("admin: revoke")).expect("the tour revokes");
    // The press that shows the revocation: the first moment of its step.
    let at = presses(&revocation[..revoke]) + 1;
    assert!(2 * at <= total, "the revocation comes at press {at} of {total}");

    for (key, _) in TOURS {
        let scenario = tour(key).unwrap().unwrap();
        if scenario.settings.clustered() {
            continue;
        }
        let n = presses(&scenario.play());
        assert!(n <= 15, "{key} takes {n} presses");
    }
}

/// Every step of every built-in tour has a title of its own, short enough for a heading.
#[test]
fn every_tour_step_has_a_short_title() {
    for (key, _) in TOURS {
        let scenario = tour(key).unwrap().unwrap();
        let mut seen = std::collections::HashSet::new();
        for (i, step) in scenario.steps.iter().enumerate() {
            let title = step.title.as_deref().unwrap_or_else(|| panic!("{key} step {}: no title", i + 1));
            assert!(title.chars().count() <= 48, "{key} step {}: title too long: {title}", i + 1);
            assert!(seen.insert(title), "{key} step {}: title used twice: {title}", i + 1);
        }
    }
}

/// The first tour is about the coat and the ticket: neither its own words
/// nor the engine's narration lecture on cookie attributes (the inspector
/// explains the Set-Cookie line for whoever wants it).
#[test]
fn the_first_tour_does_not_lecture_on_cookie_attributes() {
    let scenario = tour(TOURS[0].0).unwrap().unwrap();
    assert_eq!(TOURS[0].0, "coat-check");
    let played = scenario.play();
    let words: Vec<&str> = played
        .iter()
        .flat_map(|s| s.say.iter().map(String::as_str).chain(s.trace.steps.iter().map(|t| t.narration.as_str())))
        .collect();
    for attribute in ["HttpOnly", "SameSite", "Secure", "Max-Age", "Expires", "Path=", "Domain"] {
        for text in &words {
            assert!(!text.contains(attribute), "coat-check mentions {attribute}: {text}");
        }
    }
}

/// A tour that starts from a prepared state shows it: the given actions
/// run before the first step, which finds their ticket and record.
#[test]
fn the_revocation_tour_starts_with_alice_logged_in() {
    let scenario = tour("revocation").unwrap().unwrap();
    let (start, played) = scenario.play_with_start();
    assert_eq!(start.store.len(), 1);
    assert_eq!(start.store[0].user, "alice");
    assert_eq!(start.browsers[0].ticket.as_ref(), Some(&start.store[0].id));
    assert!(played[0].action.ends_with("visit /profile"), "the first press already uses the ticket");
}

/// The page's tour picker reads a small static list, `www/tour-list.js`
/// (each tour's key, title and number of steps, in teaching order), and
/// fetches a tour's file from `scenarios/` only when the reader picks it:
/// the files these tests play. The list is generated from them here
/// (`UPDATE_SNAPSHOTS=1` writes it), so it cannot drift from the tours.
#[test]
fn the_page_lists_every_tour_with_its_title_and_steps() {
    let quoted = |text: &str| serde_json::to_string(text).unwrap();
    let mut module = String::from(
        "// Generated from scenarios/ by `UPDATE_SNAPSHOTS=1 cargo test --test native tours::`,\n\
         // which checks it: the tour picker's list, each built-in tour's key, title and\n\
         // number of steps, in teaching order. The tours themselves are fetched when picked.\n\n\
         /** Every built-in tour: `{ key, title, steps }`. */\n\
         export const TOUR_LIST = Object.freeze([\n",
    );
    for (key, _) in TOURS {
        let scenario = tour(key).unwrap().unwrap_or_else(|e| panic!("tour {key} does not parse: {e}"));
        let (key, title, steps) = (quoted(key), quoted(&scenario.title), scenario.steps.len());
        module += &format!("  {{ key: {key}, title: {title}, steps: {steps} }},\n");
    }
    module += "]);\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/tour-list.js");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &module).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(written == module, "www/tour-list.js is not the tours' list (UPDATE_SNAPSHOTS=1 to regenerate):\n{module}");
}
