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
    assert!(err.contains("there is no tour called \"nope\""));
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
