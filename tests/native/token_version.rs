//! A per-user token version, told as features: a token server with
//! `"tokenVersion": true` and a script of actions in; out, what each request
//! ended in, the `ver` claim the tokens carry, and the read of the user
//! table every request now pays, counted as a store step the way the
//! denylist's lookup is.

use crate::support::statuses;
use crate::support::token_walks::{play, said, verdicts, LOGIN, MALLORY_VISITS, STEAL, VISIT};
use session_playground::jwt::{self, Algorithms};
use session_playground::token::{TokenVerdict, DEFAULT_TOKEN_SECRET};
use session_playground::StoreOpKind;
use session_playground::{PlayedStep, Scenario};

const VERSIONED: &str = r#"{"seed": 1, "mechanism": "token", "tokenVersion": true}"#;
const PHONE_LOGIN: &str = r#"{"action": "login", "browser": "phone", "username": "alice", "password": "wonderland"}"#;
const PHONE_VISITS: &str = r#"{"action": "visit", "browser": "phone"}"#;

/// Every store command of the run, in order, one operation a string.
fn commands(played: &[PlayedStep]) -> Vec<String> {
    played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| s.store_op.as_ref())
        .map(|op| op.command.iter().collect::<Vec<_>>().join("\n"))
        .collect()
}

/// The `ver` claim of the token in a browser's jar after the run.
fn ver_in_jar(played: &[PlayedStep], browser: &str) -> Option<u64> {
    let state = &played.last().unwrap().trace.steps.last().unwrap().state;
    let shown = state.browsers.iter().find(|b| b.key == browser).unwrap();
    let token = &shown.jar.iter().find(|c| c.name == "token").expect("a token cookie").value;
    jwt::verify(token, DEFAULT_TOKEN_SECRET.as_bytes(), 0, Algorithms::Pinned).unwrap().ver
}

#[test]
fn every_request_reads_the_users_version_from_the_user_table() {
    let played = play(VERSIONED, &[LOGIN, VISIT, VISIT]);
    assert_eq!(statuses(&played), [Some(200); 3]);
    assert_eq!(ver_in_jar(&played, "laptop"), Some(0));
    let read = "SELECT token_version FROM users WHERE username = 'alice'";
    assert_eq!(commands(&played), [read, read], "one read a request, none at login");
    let lookups = played.iter().flat_map(|p| &p.trace.steps).filter_map(|s| s.store_op.as_ref());
    assert!(lookups.into_iter().all(|op| op.kind == StoreOpKind::Lookup));
    assert!(said(&played[1]).contains("This read happens on every request"), "{}", said(&played[1]));
    // Without the setting, no read and no ver.
    let bare = play(r#"{"seed": 1, "mechanism": "token"}"#, &[LOGIN, VISIT]);
    assert!(commands(&bare).is_empty());
    assert_eq!(ver_in_jar(&bare, "laptop"), None);
}

#[test]
fn a_password_change_outdates_every_token_of_the_user_at_once() {
    let change = r#"{"action": "changePassword", "browser": "laptop", "password": "looking-glass"}"#;
    let played = play(VERSIONED, &[LOGIN, PHONE_LOGIN, STEAL, change, MALLORY_VISITS, PHONE_VISITS, VISIT]);
    assert_eq!(statuses(&played), [Some(200), Some(200), None, Some(200), Some(401), Some(401), Some(200)]);
    assert_eq!(
        verdicts(&played),
        [TokenVerdict::Accepted, TokenVerdict::Outdated, TokenVerdict::Outdated, TokenVerdict::Accepted]
    );
    assert!(commands(&played)
        .contains(&"UPDATE users SET token_version = token_version + 1 WHERE username = 'alice'".to_owned()));
    // The device that changed the password was handed a token at the new version.
    assert_eq!(ver_in_jar(&played, "laptop"), Some(1));
    assert!(said(&played[4]).contains("it was signed before a password change"), "{}", said(&played[4]));
}

#[test]
fn log_out_everywhere_outdates_every_token_and_other_users_keep_theirs() {
    let bob = r#"{"action": "login", "browser": "mallory", "username": "bob", "password": "builder"}"#;
    let everywhere = r#"{"action": "logoutEverywhere", "browser": "laptop"}"#;
    let played = play(VERSIONED, &[LOGIN, PHONE_LOGIN, bob, everywhere, PHONE_VISITS, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), Some(200), Some(200), Some(200), Some(401), Some(200)]);
    assert_eq!(verdicts(&played)[1..], [TokenVerdict::Outdated, TokenVerdict::Accepted]);
    // Without the version, the same script leaves the phone logged in until exp.
    let bare = play(r#"{"seed": 1, "mechanism": "token"}"#, &[LOGIN, PHONE_LOGIN, bob, everywhere, PHONE_VISITS]);
    assert_eq!(statuses(&bare)[4], Some(200));
}

#[test]
fn an_administrators_end_of_every_login_raises_the_version() {
    let end_all = r#"{"action": "revokeUser", "user": "alice"}"#;
    let played = play(VERSIONED, &[LOGIN, end_all, VISIT]);
    assert_eq!(statuses(&played), [Some(200), None, Some(401)]);
    assert_eq!(verdicts(&played), [TokenVerdict::Outdated]);
}

#[test]
fn a_token_without_a_ver_claim_is_refused_by_a_versioned_server() {
    // Signed with the server's own secret, unexpired, but from before the server kept versions.
    let claims = jwt::Claims::new("alice", 1_772_442_000, 1_772_442_900, "old");
    let token = jwt::sign(&claims, DEFAULT_TOKEN_SECRET.as_bytes());
    let plant = format!(r#"{{"action": "plantTicket", "browser": "mallory", "id": "{token}"}}"#);
    let played = play(VERSIONED, &[&plant, MALLORY_VISITS]);
    assert_eq!(statuses(&played)[1], Some(401));
    assert_eq!(verdicts(&played), [TokenVerdict::Outdated]);
    assert!(said(&played[1]).contains("carries no ver at all"), "{}", said(&played[1]));
}

#[test]
fn with_a_denylist_too_a_denied_token_costs_no_version_read() {
    let settings = r#"{"seed": 1, "mechanism": "token", "tokenVersion": true, "denylist": true}"#;
    let revoke = r#"{"action": "revoke", "browser": "laptop"}"#;
    let played = play(settings, &[LOGIN, VISIT, revoke, VISIT]);
    assert_eq!(statuses(&played), [Some(200), Some(200), None, Some(401)]);
    let jti = "wVwCiewtCpFn7I5loY3rvg";
    assert_eq!(
        commands(&played),
        [
            format!("denylist.has(\"{jti}\")"),
            "SELECT token_version FROM users WHERE username = 'alice'".to_owned(),
            format!("denylist.set(\"{jti}\", 0:15:00)"),
            format!("denylist.has(\"{jti}\")"),
        ]
    );
}

#[test]
fn the_version_setting_needs_a_token_server() {
    let json = r#"{"title": "t", "settings": {"tokenVersion": true}, "steps": []}"#;
    assert_eq!(
        Scenario::from_json(json).unwrap_err().to_string(),
        "settings.tokenVersion: only a token server has this setting: also set \"mechanism\": \"token\""
    );
}
