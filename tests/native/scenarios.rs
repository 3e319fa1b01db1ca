//! Authors' scenarios that are not tours: each file of `tests/scenarios/`
//! played and compared with its transcript in `tests/snapshots/scenarios/`
//! (`UPDATE_SNAPSHOTS=1 cargo test --test native scenarios::` regenerates them), and
//! what they teach checked outcome by outcome.
//!
//! First among them: an administrator revoking the session a named browser
//! is using, and what happens when that browser has no session to revoke.

use crate::support::statuses;
use session_playground::action_from_json;
use session_playground::transcript::{render_brief, render_scenario};
use session_playground::{Action, IdSource, Scenario, StepKind, World};
use std::path::PathBuf;

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(sub)
}

fn scenario_file(name: &str) -> Scenario {
    let path = dir("tests/scenarios").join(format!("{name}.json"));
    Scenario::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_test_scenario_matches_its_transcript_snapshot() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir("tests/scenarios")).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_stem().filter(|_| path.extension().is_some_and(|e| e == "json")) else { continue };
        let name = name.to_string_lossy();
        let scenario = scenario_file(&name);
        let (start, played) = scenario.play_with_start();
        let transcript = render_scenario(&scenario, &start, &played);
        let snapshot = dir("tests/snapshots/scenarios").join(format!("{name}.txt"));
        seen += 1;
        if update {
            std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
            std::fs::write(&snapshot, &transcript).unwrap();
            continue;
        }
        match std::fs::read_to_string(&snapshot) {
            Ok(expected) if expected == transcript => {}
            Ok(expected) => {
                let line = expected.lines().zip(transcript.lines()).position(|(a, b)| a != b);
                stale.push(format!("{name}: differs from line {}", line.map_or(0, |l| l + 1)));
            }
            Err(_) => stale.push(format!("{name}: no snapshot at {}", snapshot.display())),
        }
    }
    assert!(seen >= 1, "tests/scenarios holds at least one scenario");
    assert!(stale.is_empty(), "stale snapshots (UPDATE_SNAPSHOTS=1 to regenerate):\n{}", stale.join("\n"));
}

#[test]
fn every_scenario_snapshot_belongs_to_a_test_scenario() {
    for entry in std::fs::read_dir(dir("tests/snapshots/scenarios")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let source = dir("tests/scenarios").join(name.trim_end_matches(".txt")).with_extension("json");
        assert!(source.exists(), "tests/snapshots/scenarios/{name} has no scenario at {}", source.display());
    }
}

#[test]
fn revoking_the_phones_session_ends_that_one_and_not_the_laptops() {
    let scenario = scenario_file("revoke-by-browser");
    assert_eq!(scenario.steps[0].action, Action::RevokeHeldBy { browser: "phone".into() });
    let played = scenario.play();
    let revoked = played[0].trace.steps.last().unwrap();
    let phone_ticket = scenario.start().snapshot().browsers[1].ticket.clone().unwrap();
    let op = revoked.store_op.as_ref().unwrap();
    assert_eq!((op.id.as_ref(), op.found), (Some(&phone_ticket), true), "the record under the phone's ticket");
    let left: Vec<&str> = revoked.state.store.iter().map(|r| r.id.as_str()).collect();
    let laptop_ticket = revoked.state.browsers[0].ticket.clone().unwrap();
    assert_eq!(left, [laptop_ticket.as_str()], "the laptop's record is the one left");
    assert_eq!(played[0].action, "admin: revoke the session of Alice's phone");
    // The phone is turned away, the laptop is not; revoking the copy in
    // Mallory's jar ends the laptop's session, the one record both name.
    assert_eq!(statuses(&scenario.play()), [None, Some(401), Some(200), None, None, Some(401)]);
    assert!(played.iter().filter(|s| !s.choices.is_empty()).all(|s| s.verdict.is_some()));
    assert!(played[4].trace.steps.last().unwrap().state.store.is_empty());
}

fn err(given: &str, steps: &str) -> String {
    let text = format!(r#"{{"title": "t", "settings": {{"seed": 1}}, "given": {given}, "steps": {steps}}}"#);
    Scenario::from_json(&text).unwrap_err().to_string()
}

const LOGIN_LAPTOP: &str = r#"{"action": "login", "browser": "laptop", "username": "alice", "password": "wonderland"}"#;

#[test]
fn a_browser_without_a_ticket_is_a_parse_error_naming_the_step() {
    assert_eq!(
        err(&format!("[{LOGIN_LAPTOP}]"), r#"[{"action": "visit"}, {"action": "revoke", "browser": "phone"}]"#),
        "steps[1].browser: Alice's phone holds no session ticket when this runs, so it has no session to revoke; \
         expected a browser that is logged in (log it in first, or name another browser)"
    );
    assert_eq!(
        err(r#"[{"action": "revoke", "browser": "mallory"}]"#, r#"[{"action": "visit"}]"#),
        "given[0].browser: Mallory's laptop holds no session ticket when this runs, so it has no session to revoke; \
         expected a browser that is logged in (log it in first, or name another browser)"
    );
    // Logging out removes the cookie from the jar as well as the record.
    assert!(err(&format!("[{LOGIN_LAPTOP}]"), r#"[{"action": "logout"}, {"action": "revoke", "browser": "laptop"}]"#)
        .starts_with("steps[1].browser: Alice's laptop holds no session ticket when this runs"));
}

#[test]
fn a_ticket_that_names_no_record_is_a_parse_error_naming_the_step() {
    let names_nothing = "the ticket Alice's laptop holds when this runs names no record (that session has already \
                         ended), so there is nothing to revoke; expected a browser whose ticket names a record";
    let twice = r#"[{"action": "revoke", "browser": "laptop"}, {"action": "revoke", "browser": "laptop"}]"#;
    assert_eq!(err(&format!("[{LOGIN_LAPTOP}]"), twice), format!("steps[1].browser: {names_nothing}"));
    let after_revoke_user = r#"[{"action": "revokeUser", "user": "alice"}, {"action": "revoke", "browser": "laptop"}]"#;
    assert_eq!(err(&format!("[{LOGIN_LAPTOP}]"), after_revoke_user), format!("steps[1].browser: {names_nothing}"));
    // An idle timeout with cleanup on read: the record outlives its session until read, so it can be revoked;
    // a sweeper removes it as time passes, and then there is nothing left.
    let idle = |cleanup: &str| {
        Scenario::from_json(&format!(
            r#"{{"title": "t", "settings": {{"seed": 1, "idleTimeout": 60, "cleanup": "{cleanup}"}},
                "given": [{LOGIN_LAPTOP}], "steps": [{{"action": "wait", "seconds": 120}}, {{"action": "revoke", "browser": "laptop"}}]}}"#
        ))
    };
    assert!(idle("onRead").is_ok());
    assert_eq!(idle("sweeper").unwrap_err().to_string(), format!("steps[1].browser: {names_nothing}"));
}

#[test]
fn revoke_takes_an_id_or_a_browser_not_both() {
    assert_eq!(
        err(&format!("[{LOGIN_LAPTOP}]"), r#"[{"action": "revoke", "id": "abc", "browser": "laptop"}]"#),
        "steps[0].browser: revoke names a session by \"id\" or by \"browser\", not both"
    );
    assert_eq!(
        err("[]", r#"[{"action": "revoke", "browser": "toaster"}]"#),
        "steps[0].browser: expected one of laptop, phone, mallory; found \"toaster\""
    );
    assert_eq!(
        err("[]", r#"[{"action": "revoke", "user": "alice"}]"#),
        "steps[0].user: unknown field; expected one of action, title, say, ask, choices, id, browser"
    );
    // Without either, as before: the newest session.
    let newest = Scenario::from_json(r#"{"title": "t", "steps": [{"action": "revoke"}]}"#).unwrap();
    assert_eq!(newest.steps[0].action, Action::Revoke { id: None });
}

#[test]
fn a_start_over_runs_the_given_login_again_so_the_browser_holds_a_ticket_again() {
    let text = format!(
        r#"{{"title": "t", "settings": {{"seed": 1}}, "given": [{LOGIN_LAPTOP}], "steps": [
            {{"action": "revoke", "browser": "laptop"}}, {{"action": "startOverWith", "defence": "httpOnly"}},
            {{"action": "revoke", "browser": "laptop"}}]}}"#
    );
    let played = Scenario::from_json(&text).unwrap().play();
    assert_eq!(played[2].trace.steps.last().unwrap().store_op.as_ref().map(|op| op.found), Some(true));
}

#[test]
fn with_one_store_per_server_the_admin_endpoint_reaches_only_its_own_servers_memory() {
    let revoking_the_laptop = |times: usize| {
        let steps = vec![r#"{"action": "revoke", "browser": "laptop"}"#; times].join(", ");
        Scenario::from_json(&format!(
            r#"{{"title": "t", "settings": {{"seed": 1, "servers": 2, "storeLayout": "perServer"}},
                "given": [{LOGIN_LAPTOP}], "steps": [{steps}]}}"#
        ))
    };
    // Round robin sends the first admin request to app-2, which does not hold the record; the second to app-1,
    // which does; by the third the record is gone.
    assert_eq!(
        revoking_the_laptop(3).unwrap_err().to_string(),
        "steps[2].browser: the ticket Alice's laptop holds when this runs names no record (that session has already \
         ended), so there is nothing to revoke; expected a browser whose ticket names a record"
    );
    let played = revoking_the_laptop(2).unwrap().play();
    let routed_to = |i: usize| match &played[i].trace.steps[1].kind {
        StepKind::Routed { server } => server.clone(),
        other => panic!("step 2 of action {i} is {other:?}, not the balancer"),
    };
    assert_eq!(routed_to(0).as_deref(), Some("app-2"));
    assert!(played[0].trace.steps[2].narration.contains("The record lives in app-1's memory, out of app-2's reach"));
    assert_eq!(played[0].trace.steps.last().unwrap().state.store.len(), 1, "the session survives");
    assert_eq!(routed_to(1).as_deref(), Some("app-1"));
    assert!(played[1].trace.steps.last().unwrap().state.store.is_empty(), "app-1 deletes it");
}

/// In free play (an action from the page, outside any scenario) nothing is
/// known before it runs: a browser with no session to end gets one step
/// saying so, and nothing changes.
#[test]
fn in_free_play_a_browser_with_nothing_to_revoke_gets_a_narrated_no_op() {
    let mut world = World::new(IdSource::seeded(1));
    let revoke_phone = action_from_json(r#"{"action": "revoke", "browser": "phone"}"#).unwrap();
    let trace = world.apply(&revoke_phone).unwrap();
    assert_eq!(render_brief(&trace), "server  admin\n");
    assert_eq!(
        trace.steps[0].narration,
        "The administrator is to revoke the session Alice's phone is using, but that browser's jar holds no session \
         ticket the server could read: it has no session to end. Nothing changes."
    );
    assert_eq!(trace.moments(), 1);

    let login =
        action_from_json(r#"{"action": "login", "browser": "phone", "username": "bob", "password": "builder"}"#);
    world.apply(&login.unwrap()).unwrap();
    world.apply(&Action::RevokeUser { user: "bob".into() }).unwrap();
    let before = world.snapshot();
    let trace = world.apply(&revoke_phone).unwrap();
    assert_eq!(render_brief(&trace), "server  admin\n");
    let ticket = before.browsers[1].ticket.clone().unwrap();
    assert_eq!(
        trace.steps[0].narration,
        format!(
            "The administrator is to revoke the session Alice's phone is using, but the ticket in its jar, {ticket}, \
             names no record in the store: that session has already ended (revoked, logged out, or expired and \
             cleaned up). There is nothing to revoke; nothing changes."
        )
    );
    assert_eq!(world.snapshot(), before, "nothing changed");
    assert_eq!(
        world.apply(&Action::RevokeHeldBy { browser: "toaster".into() }).unwrap_err().to_string(),
        "there is no browser called \u{201c}toaster\u{201d} (the browsers are laptop, phone, mallory)"
    );
}

#[test]
fn a_signed_cookie_is_read_as_the_server_reads_it() {
    // express signs its cookie: the jar holds s:<id>.<signature>, percent-encoded; the record is under <id>.
    let text = format!(
        r#"{{"title": "t", "settings": {{"preset": "express", "seed": 1}}, "given": [{LOGIN_LAPTOP}],
            "steps": [{{"action": "revoke", "browser": "laptop"}}, {{"action": "visit"}}]}}"#
    );
    let scenario = Scenario::from_json(&text).unwrap();
    let start = scenario.start().snapshot();
    assert!(start.browsers[0].jar[0].value.starts_with("s%3A"), "{}", start.browsers[0].jar[0].value);
    assert_eq!(statuses(&scenario.play()), [None, Some(401)]);
    // A value typed in by hand carries no valid signature: no ticket the server could read.
    let typed_in = format!(
        r#"{{"title": "t", "settings": {{"preset": "express", "seed": 1}}, "given": [{LOGIN_LAPTOP}],
            "steps": [{{"action": "guessTicket", "browser": "phone", "id": "abc"}}, {{"action": "revoke", "browser": "phone"}}]}}"#
    );
    let message = Scenario::from_json(&typed_in).unwrap_err().to_string();
    assert!(message.starts_with("steps[1].browser: Alice's phone holds no session ticket"), "{message}");
    let copied = typed_in.replace(
        r#"{"action": "guessTicket", "browser": "phone", "id": "abc"}"#,
        r#"{"action": "copyCookie", "from": "laptop", "to": "phone"}"#,
    );
    assert!(Scenario::from_json(&copied).is_ok(), "a copied cookie keeps its valid signature");
}
