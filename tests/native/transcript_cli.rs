//! The `transcript` command, run as an author would run it.

#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn transcript(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_transcript"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the transcript command runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn prints_a_readable_transcript_of_a_scenario_file() {
    let (code, out, _) = transcript(&["scenarios/revocation.json"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# Instant revocation\n"));
    assert!(out.contains("## Given (run before the first step, unseen)\n- Alice's laptop: log in as alice\n"));
    assert!(out
        .contains("## 2. The record is deleted (admin: revoke the newest session)\n» Say Alice's laptop was stolen."));
    assert!(out.contains("      < HTTP/1.1 401 Unauthorized"));
    // The same as the tour of that name.
    assert_eq!(transcript(&["tour:revocation"]).1, out);
}

#[test]
fn prints_the_full_trace_as_json() {
    let (code, out, _) = transcript(&["--json", "tour:coat-check"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["title"], "The coat check");
    assert_eq!(json["settings"]["preset"], "generic");
    let first = &json["steps"][0]["trace"]["steps"][0];
    assert_eq!(first["actor"], "browser");
    assert_eq!(first["message"]["startLine"], "POST /login HTTP/1.1");
    assert_eq!(json["steps"][0]["trace"]["steps"][3]["storeOp"]["kind"], "insert");
    assert_eq!(first["startsMoment"], true);
    assert_eq!(json["steps"][0]["title"], "Alice logs in: a coat and a ticket");
    assert_eq!(json["steps"][1]["verdict"]["answer"], "Yes, it knows her");
    assert_eq!(json["given"], serde_json::json!([]), "the coat check starts from nothing");
    assert_eq!(json["start"]["store"], serde_json::json!([]));
}

#[test]
fn a_broken_scenario_is_reported_with_its_field_and_status_1() {
    let dir = std::env::temp_dir().join(format!("transcript-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.json");
    std::fs::write(&file, r#"{"title": "x", "steps": [{"action": "visit", "browser": "fridge"}]}"#).unwrap();
    let (code, out, err) = transcript(&[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.ends_with("steps[0].browser: expected one of laptop, phone, mallory; found \"fridge\"\n"), "{err}");
    let (code, _, err) = transcript(&["tour:nope"]);
    assert_eq!(code, 1);
    assert!(err.contains("there is no tour called \"nope\"; the tours are coat-check, revocation,"), "{err}");
    let (code, _, err) = transcript(&["tour:revokation"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: there is no tour called \"revokation\"; did you mean \"revocation\"?"), "{err}");
    let (code, _, err) = transcript(&["no/such/file.json"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: cannot read no/such/file.json"));
    let (code, _, err) = transcript(&[]);
    assert_eq!((code, err.starts_with("usage:")), (2, true));
}

#[test]
fn lists_the_built_in_tours() {
    let (code, out, _) = transcript(&["--list"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("tour:idle-timeout") && l.ends_with("Idle timeout")));
    assert_eq!(out.lines().count(), session_playground::tours::TOURS.len());
}

#[test]
fn help_prints_usage_and_succeeds() {
    let (code, out, err) = transcript(&["--help"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("usage: transcript [--json]"));
    assert!(out.contains("--list         the built-in tours"));
    assert_eq!(transcript(&["-h"]).1, out);
}

/// A scenario file in a fresh temporary directory.
fn scenario_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("transcript-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    file
}

#[test]
fn control_characters_from_the_file_reach_the_terminal_escaped() {
    // CR, ESC and a screen-clearing sequence in a value the error quotes.
    let file = scenario_file(
        "hostile.json",
        "{\"title\": \"x\", \"steps\": [{\"action\": \"visit\", \"browser\": \"\\r\\u001b[2Jlaptop\\n\"}]}".as_bytes(),
    );
    let (code, _, err) = transcript(&[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(!err.trim_end_matches('\n').chars().any(char::is_control), "a raw control character: {err:?}");
    assert!(
        err.ends_with("steps[0].browser: expected one of laptop, phone, mallory; found \"\\r\\u001b[2Jlaptop\\n\"\n"),
        "{err}"
    );
    // An unknown field's name is the input too.
    let file = scenario_file(
        "field.json",
        br#"{"title": "x", "steps": [{"action": "wait", "seconds": 1, "\u001b]0;pwned\u0007": 1}]}"#,
    );
    let (_, _, err) = transcript(&[file.to_str().unwrap()]);
    assert!(err.contains("steps[0].\\u001b]0;pwned\\u0007: unknown field"), "{err}");
    // And the readable transcript of a valid file quotes its text escaped, keeping its own line breaks.
    let file =
        scenario_file("title.json", br#"{"title": "Evil\r\u001b[1A", "steps": [{"action": "wait", "seconds": 60}]}"#);
    let (code, out, _) = transcript(&[file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# Evil\\r\\u001b[1A\n"), "{out}");
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "a raw control character: {out:?}");
}

#[test]
fn a_byte_order_mark_is_accepted_and_utf16_is_named() {
    let scenario = r#"{"title": "With a BOM", "steps": [{"action": "wait", "seconds": 60}]}"#;
    let file = scenario_file("bom.json", &[b"\xEF\xBB\xBF".as_slice(), scenario.as_bytes()].concat());
    let (code, out, err) = transcript(&[file.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.starts_with("# With a BOM\n"));
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(scenario.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let file = scenario_file("utf16.json", &utf16);
    let (code, _, err) = transcript(&[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"), "{err}");
}
