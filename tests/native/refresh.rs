//! Short-lived access tokens with a refresh token, told as features: a
//! token server with `"refresh": true` and a script of actions in; what each
//! request ended in, the refresh exchange the trace shows and the store
//! lookups it costs out (one at each renewal, none per request), and when a
//! revocation, a logout or a password change takes effect: at the next
//! renewal, not before.

use crate::support::statuses;
use session_playground::token::RefreshVerdict;
use session_playground::transcript::render_brief;
use session_playground::StoreOpKind;
use session_playground::{JarCookie, PlayedStep, Scenario, StepKind};

/// Plays a scenario given as its settings and its steps (JSON).
fn play(settings: &str, steps: &[&str]) -> Vec<PlayedStep> {
    let json = format!(r#"{{"title": "t", "settings": {settings}, "steps": [{}]}}"#, steps.join(","));
    Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}")).play()
}

const REFRESH: &str = r#"{"seed": 1, "mechanism": "token", "refresh": true}"#;
const LOGIN: &str = r#"{"action": "login", "browser": "laptop", "username": "alice", "password": "wonderland"}"#;
const PHONE_LOGIN: &str = r#"{"action": "login", "browser": "phone", "username": "alice", "password": "wonderland"}"#;
const VISIT: &str = r#"{"action": "visit", "browser": "laptop"}"#;
const PHONE_VISITS: &str = r#"{"action": "visit", "browser": "phone"}"#;
const MALLORY_VISITS: &str = r#"{"action": "visit", "browser": "mallory"}"#;
const STEAL: &str = r#"{"action": "copyCookie", "from": "laptop", "to": "mallory"}"#;
const EXPIRE: &str = r#"{"action": "wait", "seconds": 900}"#;
const REVOKE: &str = r#"{"action": "revoke", "browser": "laptop"}"#;

/// Every refresh verdict the server reached, in order.
fn refresh_verdicts(played: &[PlayedStep]) -> Vec<RefreshVerdict> {
    played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| match s.kind {
            StepKind::RefreshChecked { verdict, .. } => Some(verdict),
            _ => None,
        })
        .collect()
}

/// The store commands of every operation of this kind, in order.
fn commands(played: &[PlayedStep], kind: StoreOpKind) -> Vec<String> {
    played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| s.store_op.as_ref())
        .filter(|op| op.kind == kind)
        .map(|op| op.command.iter().collect::<Vec<_>>().join("\n"))
        .collect()
}

/// The narration of every step of one played step, joined.
fn said(played: &PlayedStep) -> String {
    played.trace.steps.iter().map(|s| s.narration.as_str()).collect::<Vec<_>>().join("\n")
}

/// The brief transcript of one played step, each line cut before any token.
fn brief(played: &PlayedStep) -> Vec<String> {
    render_brief(&played.trace).lines().map(|l| l.split("token=").next().unwrap().trim_end().to_owned()).collect()
}

/// The refresh records in the store after the run.
fn refresh_records(played: &[PlayedStep]) -> Vec<String> {
    let state = &played.last().unwrap().trace.steps.last().unwrap().state;
    state.store.iter().filter(|r| r.data.contains_key("sid")).map(|r| r.id.to_string()).collect()
}

#[test]
fn an_expired_access_token_is_renewed_with_one_lookup_and_the_request_sent_again() {
    let played = play(REFRESH, &[LOGIN, VISIT, VISIT, EXPIRE, VISIT]);
    assert_eq!(statuses(&played), [Some(200), Some(200), Some(200), None, Some(200)]);
    // Login files one record; the two visits inside the access token's life look nothing up.
    assert_eq!(refresh_records(&played[..1]), ["refresh:ubUB0dhUu3GAAhWQ_wtNww"]);
    assert!(played[1..3].iter().flat_map(|p| &p.trace.steps).all(|s| s.store_op.is_none()));
    assert_eq!(
        brief(&played[4]),
        [
            "browser request: GET /profile HTTP/1.1 | Cookie:",
            "server  token refused",
            "server  response",
            "browser received: HTTP/1.1 401 Unauthorized",
            "browser request: POST /refresh HTTP/1.1 | Cookie: refresh_",
            "store   store: refreshTokens.get(\"ubUB0dhUu3GAAhWQ_wtNww\")",
            "server  refresh token accepted",
            "store   store: refreshTokens.set(\"qD1-Nd4YF0mWZ2F0jlxDyw\", refreshTokens.take(\"ubUB0dhUu3GAAhWQ_wtNww\"))",
            "server  token signed",
            "server  response",
            "browser received: HTTP/1.1 200 OK | Set-Cookie:",
            "browser request: GET /profile HTTP/1.1 | Cookie:",
            "server  token verified",
            "server  response",
            "browser received: HTTP/1.1 200 OK",
        ]
    );
    // The 401 says why, so the page's script renews rather than asking for the password.
    let refused = played[4].trace.steps.iter().find_map(|s| s.message.as_ref().filter(|m| m.status == Some(401)));
    let hint = refused.unwrap().headers.iter().find(|h| h.name == "WWW-Authenticate").expect("a hint");
    assert_eq!(hint.value, r#"Bearer error="invalid_token", error_description="The access token expired""#);
    // One lookup in the whole run: at the renewal.
    assert_eq!(commands(&played, StoreOpKind::Lookup).len(), 1);
    assert_eq!(refresh_verdicts(&played), [RefreshVerdict::Renewed]);
    assert_eq!(refresh_records(&played), ["refresh:qD1-Nd4YF0mWZ2F0jlxDyw"], "rotated");
}

#[test]
fn the_refresh_cookie_rides_only_to_the_refresh_endpoint() {
    let played = play(REFRESH, &[LOGIN, VISIT]);
    let response = played[0].trace.steps.iter().rev().find_map(|s| s.message.as_ref()).unwrap();
    let cookies: Vec<&str> =
        response.headers.iter().filter(|h| h.name == "Set-Cookie").map(|h| h.value.as_str()).collect();
    assert_eq!(cookies[1], "refresh_token=ubUB0dhUu3GAAhWQ_wtNww; Path=/refresh; HttpOnly; SameSite=Lax");
    let request = played[1].trace.steps[0].message.as_ref().unwrap();
    let cookie = request.headers.iter().find(|h| h.name == "Cookie").unwrap();
    assert!(cookie.value.starts_with("token=") && !cookie.value.contains("refresh_token"), "{}", cookie.value);
}

#[test]
fn revocation_takes_effect_at_the_next_refresh_not_before() {
    let played = play(REFRESH, &[LOGIN, STEAL, REVOKE, VISIT, MALLORY_VISITS, EXPIRE, VISIT, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, None, Some(200), Some(200), None, Some(401), Some(401)]);
    assert!(
        said(&played[2]).contains("Revocation takes effect at the next refresh, not before"),
        "{}",
        said(&played[2])
    );
    assert_eq!(commands(&played, StoreOpKind::Delete), ["refreshTokens.deleteWhere(sid = \"XlUy--6ik_gLyULukIbBcQ\")"]);
    // Alice's renewal finds no record; Mallory stole no refresh token and has nothing to renew with.
    assert_eq!(refresh_verdicts(&played), [RefreshVerdict::Unknown, RefreshVerdict::Missing]);
    assert!(said(&played[6]).contains("revocation of a refresh-token login finally takes effect"));
    // The refused renewal clears both cookies: the laptop holds nothing now.
    let state = &played[6].trace.steps.last().unwrap().state;
    assert!(state.browsers.iter().find(|b| b.key == "laptop").unwrap().jar.is_empty());
    // An empty store here means no login can be renewed, not that nobody keeps anything.
    assert!(state.store.is_empty());
    assert!(state.store_empty.starts_with("No refresh records: no login can be renewed"), "{}", state.store_empty);
}

#[test]
fn a_rotated_refresh_token_renews_nothing() {
    // Mallory holds a copy of the refresh token as it was at login.
    let steal_both = [LOGIN, STEAL];
    let json = format!(
        r#"{{"title": "t", "settings": {REFRESH}, "given": [{}], "steps": [{EXPIRE}, {VISIT}, {MALLORY_VISITS}]}}"#,
        steal_both.join(",")
    );
    let scenario = Scenario::from_json(&json).unwrap();
    let mut world = scenario.start();
    let laptop: JarCookie =
        world.browser("laptop").unwrap().jar.get("refresh_token").cloned().expect("a refresh cookie");
    world.browser_mut("mallory").unwrap().jar.put(laptop);
    let played: Vec<_> = scenario.steps.iter().map(|step| world.apply(&step.action).unwrap()).collect();
    let verdicts: Vec<RefreshVerdict> = played
        .iter()
        .flat_map(|t| &t.steps)
        .filter_map(|s| match s.kind {
            StepKind::RefreshChecked { verdict, .. } => Some(verdict),
            _ => None,
        })
        .collect();
    // Alice renews first and retires the token; Mallory's copy names nothing.
    assert_eq!(verdicts, [RefreshVerdict::Renewed, RefreshVerdict::Unknown]);
    let last = played.last().unwrap().steps.iter().rev().find_map(|s| s.message.as_ref()).unwrap();
    assert_eq!(last.status, Some(401));
}

#[test]
fn logout_deletes_the_refresh_record_and_a_stolen_access_token_lasts_only_until_exp() {
    let logout = r#"{"action": "logout", "browser": "laptop"}"#;
    let played = play(REFRESH, &[LOGIN, STEAL, logout, MALLORY_VISITS, EXPIRE, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), Some(200), None, Some(401)]);
    assert!(refresh_records(&played[2..3]).is_empty());
    assert!(said(&played[2]).contains("this login can never be renewed"), "{}", said(&played[2]));
    let removal = played[2].trace.steps.iter().rev().find_map(|s| s.message.as_ref()).unwrap();
    let cookies: Vec<&str> =
        removal.headers.iter().filter(|h| h.name == "Set-Cookie").map(|h| h.value.as_str()).collect();
    assert_eq!(
        cookies,
        [
            "token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
            "refresh_token=; Path=/refresh; Max-Age=0; HttpOnly; SameSite=Lax"
        ]
    );
    // A logout after the access token expired still names its login, by the genuine token's sid.
    let played = play(REFRESH, &[LOGIN, EXPIRE, logout]);
    assert!(refresh_records(&played).is_empty());
}

#[test]
fn log_out_everywhere_and_a_password_change_delete_every_refresh_record_of_the_user() {
    let everywhere = r#"{"action": "logoutEverywhere", "browser": "laptop"}"#;
    let change = r#"{"action": "changePassword", "browser": "laptop", "password": "looking-glass"}"#;
    for ending in [everywhere, change] {
        let played = play(REFRESH, &[LOGIN, PHONE_LOGIN, ending, PHONE_VISITS, EXPIRE, PHONE_VISITS]);
        assert_eq!(statuses(&played), [Some(200), Some(200), Some(200), Some(200), None, Some(401)], "{ending}");
        let deleted = played[2]
            .trace
            .steps
            .iter()
            .filter_map(|s| s.store_op.as_ref())
            .find(|op| op.kind == StoreOpKind::DeleteUser);
        assert_eq!(deleted.map(|op| op.removed.len()), Some(2), "{ending}");
        assert_eq!(refresh_verdicts(&played), [RefreshVerdict::Unknown], "{ending}");
    }
}

#[test]
fn a_bearer_client_keeps_both_tokens_in_page_storage_and_posts_the_refresh_token() {
    let settings = r#"{"seed": 1, "mechanism": "token", "carry": "bearer", "refresh": true}"#;
    let theft = r#"{"action": "scriptTheft", "browser": "laptop"}"#;
    let played = play(settings, &[LOGIN, theft, EXPIRE, VISIT, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, None, Some(200), Some(401)]);
    let body = played[3]
        .trace
        .steps
        .iter()
        .filter_map(|s| s.message.as_ref())
        .find(|m| m.start_line.starts_with("POST /refresh"));
    assert_eq!(body.unwrap().body.as_deref(), Some("grant_type=refresh_token&refresh_token=ubUB0dhUu3GAAhWQ_wtNww"));
    // The script stole both; Alice renewed first, so Mallory's refresh token is retired.
    assert!(said(&played[1]).contains("It takes localStorage.refresh_token too"));
    assert_eq!(refresh_verdicts(&played), [RefreshVerdict::Renewed, RefreshVerdict::Unknown]);
    let state = &played[4].trace.steps.last().unwrap().state;
    assert!(state.browsers.iter().find(|b| b.key == "mallory").unwrap().storage.is_empty(), "told to log in again");
}

#[test]
fn a_login_is_renewed_only_within_its_refresh_lifetime() {
    let settings = r#"{"seed": 1, "mechanism": "token", "refresh": true, "refreshLifetime": 1800}"#;
    let played = play(settings, &[LOGIN, EXPIRE, VISIT, EXPIRE, VISIT]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), None, Some(401)]);
    assert_eq!(refresh_verdicts(&played), [RefreshVerdict::Renewed, RefreshVerdict::Expired]);
    assert!(refresh_records(&played).is_empty(), "the expired record is deleted when found");
}

#[test]
fn a_restart_of_an_in_memory_store_loses_the_refresh_records() {
    let restart = r#"{"action": "restartServer"}"#;
    let played = play(REFRESH, &[LOGIN, restart, VISIT, EXPIRE, VISIT]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), None, Some(401)]);
    assert!(said(&played[1]).contains("no refresh token can be renewed now"), "{}", said(&played[1]));
    // Kept in Redis, they survive it.
    let redis = r#"{"preset": "express", "seed": 1, "mechanism": "token", "refresh": true}"#;
    let played = play(redis, &[LOGIN, restart, EXPIRE, VISIT]);
    assert_eq!(statuses(&played)[3], Some(200));
    assert_eq!(commands(&played, StoreOpKind::Lookup).len(), 1);
}

#[test]
fn refresh_settings_are_checked_with_the_field_named() {
    let error = |settings: &str| {
        let json = format!(r#"{{"title": "t", "settings": {settings}, "steps": []}}"#);
        Scenario::from_json(&json).unwrap_err().to_string()
    };
    assert_eq!(
        error(r#"{"refresh": true}"#),
        "settings.refresh: only a token server has this setting: also set \"mechanism\": \"token\""
    );
    assert_eq!(
        error(r#"{"mechanism": "token", "refreshLifetime": 3600}"#),
        "settings.refreshLifetime: only a server with refresh tokens renews: also set \"refresh\": true"
    );
    assert_eq!(
        error(r#"{"mechanism": "token", "refresh": true, "tokenLifetime": 3600, "refreshLifetime": 600}"#),
        "settings.refreshLifetime: expected more seconds than tokenLifetime (3600): a refresh token must outlive \
         the access token it renews"
    );
    assert!(error(r#"{"mechanism": "token", "refresh": "yes"}"#).starts_with("settings.refresh: expected"));
}

#[test]
fn without_refresh_tokens_there_is_no_refresh_endpoint_and_no_hint() {
    let played = play(r#"{"seed": 1, "mechanism": "token"}"#, &[LOGIN, EXPIRE, VISIT]);
    assert_eq!(statuses(&played)[2], Some(401));
    assert!(refresh_verdicts(&played).is_empty());
    assert!(played[2]
        .trace
        .steps
        .iter()
        .filter_map(|s| s.message.as_ref())
        .all(|m| m.headers.iter().all(|h| h.name != "WWW-Authenticate")));
}

#[test]
fn with_the_shared_store_down_access_tokens_still_work_and_renewals_fail() {
    let settings = r#"{"seed": 1, "mechanism": "token", "refresh": true, "servers": 2, "storeLayout": "shared"}"#;
    let down = r#"{"action": "stopStore"}"#;
    let played = play(settings, &[LOGIN, down, VISIT, EXPIRE, VISIT, LOGIN]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), None, Some(500), Some(500)]);
    assert!(said(&played[4]).contains("Access tokens still work on their own"), "{}", said(&played[4]));
    assert!(refresh_verdicts(&played).is_empty(), "the store was never asked");
}
