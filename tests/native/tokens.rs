//! The signed-token mechanism, told as features: a token server's settings
//! and a script of actions in, what each request ended in and what the trace
//! shows out (the token's claims, the verify step, the store left empty, and
//! what logout, revocation, a password change and a restart cannot end).

use crate::support::statuses;
use crate::support::token_walks::{play, said, verdicts, LOGIN, MALLORY_VISITS, STEAL, VISIT};
use session_playground::jwt::{self, Algorithms};
use session_playground::token::{TokenVerdict, DEFAULT_TOKEN_SECRET};
use session_playground::transcript::render_brief;
use session_playground::{Instant, PlayedStep, Scenario, StepKind};
use session_playground::{StoreOpKind, TokenPlace};

const TOKEN: &str = r#"{"seed": 1, "mechanism": "token"}"#;
const REVOKE: &str = r#"{"action": "revoke", "browser": "laptop"}"#;

/// How many store operations of any kind the run made.
fn store_operations(played: &[PlayedStep]) -> usize {
    played.iter().flat_map(|p| &p.trace.steps).filter(|s| s.store_op.is_some()).count()
}

/// The token in a browser's jar after the run.
fn token_in_jar(played: &[PlayedStep], browser: &str) -> String {
    let state = &played.last().unwrap().trace.steps.last().unwrap().state;
    let shown = state.browsers.iter().find(|b| b.key == browser).unwrap();
    shown.jar.iter().find(|c| c.name == "token").expect("a token cookie").value.clone()
}

#[test]
fn login_signs_a_token_every_request_verifies_it_and_the_store_stays_empty() {
    let played = play(TOKEN, &[LOGIN, VISIT]);
    assert_eq!(statuses(&played), [Some(200), Some(200)]);
    assert_eq!(store_operations(&played), 0, "nothing is stored or looked up");
    assert!(played.iter().flat_map(|p| &p.trace.steps).all(|s| s.state.store.is_empty()));
    let brief = render_brief(&played[1].trace);
    let lines: Vec<&str> = brief.lines().map(|l| l.split(": token=").next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "browser request: GET /profile HTTP/1.1 | Cookie",
            "server  token verified",
            "server  response",
            "browser received: HTTP/1.1 200 OK",
        ]
    );
    let signed = played[0].trace.steps.iter().find_map(|s| match &s.kind {
        StepKind::TokenSigned { jti, sub, expires } => Some((jti.clone(), sub.clone(), *expires)),
        _ => None,
    });
    assert_eq!(signed, Some(("wVwCiewtCpFn7I5loY3rvg".to_owned(), "alice".to_owned(), Instant::START.plus_secs(900))));
}

#[test]
fn the_token_is_a_real_hs256_jwt_with_sub_iat_exp_and_a_jti_from_the_id_source() {
    let played = play(TOKEN, &[LOGIN]);
    let token = token_in_jar(&played, "laptop");
    let start = Instant::START.unix_secs();
    let claims = jwt::verify(&token, DEFAULT_TOKEN_SECRET.as_bytes(), start, Algorithms::Pinned).unwrap();
    assert_eq!((claims.sub.as_str(), claims.iat, claims.exp - claims.iat), ("alice", start, 15 * 60));
    // The seeded source's first draw, the very ID a session server would have filed.
    assert_eq!(claims.jti, "wVwCiewtCpFn7I5loY3rvg");
    let set_cookie = played[0].trace.steps.iter().rev().find_map(|s| s.message.as_ref()).unwrap();
    let header = set_cookie.headers.iter().find(|h| h.name == "Set-Cookie").unwrap();
    assert!(header.value.ends_with("; Path=/; HttpOnly; SameSite=Lax"), "{}", header.value);
    // Another secret's signature is refused.
    assert_eq!(jwt::verify(&token, b"another secret", start, Algorithms::Pinned), Err(jwt::Rejection::BadSignature));
}

#[test]
fn revoke_has_no_record_to_delete_and_the_token_keeps_working_until_exp() {
    let wait = r#"{"action": "wait", "seconds": 900}"#;
    let played = play(TOKEN, &[LOGIN, STEAL, REVOKE, MALLORY_VISITS, VISIT, wait, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, None, Some(200), Some(200), None, Some(401)]);
    assert!(said(&played[2]).contains("there is nothing to delete"), "{}", said(&played[2]));
    assert_eq!(verdicts(&played), [TokenVerdict::Accepted, TokenVerdict::Accepted, TokenVerdict::Expired]);
    assert_eq!(store_operations(&played), 0);
}

#[test]
fn logout_only_forgets_the_clients_copy_and_a_stolen_copy_still_works() {
    let logout = r#"{"action": "logout", "browser": "laptop"}"#;
    let played = play(TOKEN, &[LOGIN, STEAL, logout, VISIT, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), Some(401), Some(200)]);
    assert!(said(&played[2]).contains("no record of alice's login to delete"), "{}", said(&played[2]));
    assert_eq!(verdicts(&played)[1..], [TokenVerdict::Missing, TokenVerdict::Accepted]);
}

#[test]
fn a_restart_loses_nothing() {
    let restart = r#"{"action": "restartServer"}"#;
    let played = play(TOKEN, &[LOGIN, restart, VISIT]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200)]);
    assert!(said(&played[1]).contains("a restart loses nothing"), "{}", said(&played[1]));
    // The same script on the in-memory session server logs Alice out.
    let sessions = play(r#"{"seed": 1}"#, &[LOGIN, restart, VISIT]);
    assert_eq!(statuses(&sessions), [Some(200), None, Some(401)]);
}

#[test]
fn four_servers_round_robin_with_no_shared_store_all_accept_the_token() {
    let settings =
        r#"{"seed": 1, "mechanism": "token", "servers": 4, "balancing": "roundRobin", "storeLayout": "perServer"}"#;
    let played = play(settings, &[LOGIN, VISIT, VISIT, VISIT, VISIT]);
    assert_eq!(statuses(&played), [Some(200); 5]);
    let routed: Vec<String> = played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| match &s.kind {
            StepKind::Routed { server } => server.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(routed, ["app-1", "app-2", "app-3", "app-4", "app-1"]);
    assert!(said(&played[1]).contains("app-2 has never seen this browser"), "{}", said(&played[1]));
    // The same deployment with sessions: only the server that logged Alice in knows her.
    let sessions = play(
        r#"{"seed": 1, "servers": 4, "balancing": "roundRobin", "storeLayout": "perServer"}"#,
        &[LOGIN, VISIT, VISIT, VISIT, VISIT],
    );
    assert_eq!(statuses(&sessions), [Some(200), Some(401), Some(401), Some(401), Some(200)]);
}

#[test]
fn a_password_change_does_not_end_tokens() {
    let change = r#"{"action": "changePassword", "browser": "laptop", "password": "looking-glass"}"#;
    let played = play(TOKEN, &[LOGIN, STEAL, change, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), Some(200)]);
    assert!(said(&played[2]).contains("does not end a single token"), "{}", said(&played[2]));
    // The new password works, the old one no longer does.
    let relogin = r#"{"action": "login", "browser": "phone", "username": "alice", "password": "wonderland"}"#;
    let played = play(TOKEN, &[LOGIN, change, relogin]);
    assert_eq!(statuses(&played)[2], Some(401));
}

#[test]
fn log_out_everywhere_has_nothing_to_find() {
    let everywhere = r#"{"action": "logoutEverywhere", "browser": "laptop"}"#;
    let played = play(TOKEN, &[LOGIN, STEAL, everywhere, MALLORY_VISITS, VISIT]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), Some(200), Some(401)]);
    assert!(said(&played[2]).contains("nothing to find and nothing to delete"), "{}", said(&played[2]));
}

#[test]
fn a_bearer_token_lives_in_page_storage_where_a_script_can_take_it() {
    let settings = r#"{"seed": 1, "mechanism": "token", "carry": "bearer"}"#;
    let theft = r#"{"action": "scriptTheft", "browser": "laptop"}"#;
    let played = play(settings, &[LOGIN, VISIT, theft, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), Some(200), None, Some(200)]);
    // No cookie: the page's script sends the header.
    let request = played[1].trace.steps[0].message.as_ref().unwrap();
    assert!(request.headers.iter().all(|h| h.name != "Cookie"));
    let bearer = request.headers.iter().find(|h| h.name == "Authorization").expect("a bearer header");
    assert!(bearer.value.starts_with("Bearer eyJ"), "{}", bearer.value);
    let state = &played[3].trace.steps.last().unwrap().state;
    let mallory = state.browsers.iter().find(|b| b.key == "mallory").unwrap();
    assert!(mallory.storage.contains_key("access_token"));
    // The same theft against an HttpOnly token cookie finds nothing to read.
    let played = play(TOKEN, &[LOGIN, theft, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, Some(401)]);
}

/// Each message's tokens as the trace names them: where each rides, by
/// message (once each, though several steps show the same message).
fn tokens_on_the_wire(played: &PlayedStep) -> Vec<(String, Vec<(TokenPlace, String)>)> {
    let messages = played.trace.steps.iter().filter_map(|s| s.message.as_ref());
    let mut each: Vec<_> = messages
        .map(|m| (m.start_line.clone(), m.tokens.iter().map(|t| (t.kind, t.token.clone())).collect()))
        .collect();
    each.dedup();
    each
}

#[test]
fn the_trace_names_each_token_a_message_carries_and_where() {
    // In a cookie: the login's Set-Cookie hands it over, the visit's Cookie brings it back.
    let played = play(TOKEN, &[LOGIN, VISIT]);
    let token = token_in_jar(&played, "laptop");
    let login = tokens_on_the_wire(&played[0]);
    assert_eq!(login[0], ("POST /login HTTP/1.1".to_owned(), vec![]));
    assert_eq!(login[1], ("HTTP/1.1 200 OK".to_owned(), vec![(TokenPlace::SetCookie, token.clone())]));
    let visit = tokens_on_the_wire(&played[1]);
    assert_eq!(visit[0], ("GET /profile HTTP/1.1".to_owned(), vec![(TokenPlace::Cookie, token)]));
    assert_eq!(visit[1].1, []);
    // As a bearer token: the login's JSON body hands it to the script, which sends it in Authorization.
    let settings = r#"{"seed": 1, "mechanism": "token", "carry": "bearer"}"#;
    let played = play(settings, &[LOGIN, VISIT]);
    let [(_, handed), (_, sent)] = [&tokens_on_the_wire(&played[0])[1], &tokens_on_the_wire(&played[1])[0]];
    assert_eq!(handed.iter().map(|(place, _)| *place).collect::<Vec<_>>(), [TokenPlace::Body]);
    assert_eq!(sent.iter().map(|(place, _)| *place).collect::<Vec<_>>(), [TokenPlace::Bearer]);
    assert_eq!(handed[0].1, sent[0].1);
    assert!(handed[0].1.starts_with("eyJ"), "{}", handed[0].1);
    // A session server's messages carry tickets, never tokens.
    let played = play(r#"{"seed": 1}"#, &[LOGIN, VISIT]);
    assert!(played.iter().all(|p| tokens_on_the_wire(p).iter().all(|(_, tokens)| tokens.is_empty())));
}

#[test]
fn another_sites_form_carries_no_bearer_token() {
    let settings = r#"{"seed": 1, "mechanism": "token", "carry": "bearer"}"#;
    let forged =
        r#"{"action": "crossSiteForm", "browser": "laptop", "path": "/password", "fields": {"password": "pwned"}}"#;
    let played = play(settings, &[LOGIN, forged]);
    assert_eq!(statuses(&played), [Some(200), Some(401)]);
    assert_eq!(verdicts(&played), [TokenVerdict::Missing]);
}

#[test]
fn a_tampered_token_is_refused_for_its_signature() {
    let played = play(TOKEN, &[LOGIN]);
    let token = token_in_jar(&played, "laptop");
    // Mallory edits the claims to say bob and keeps Alice's signature.
    let parts: Vec<&str> = token.split('.').collect();
    let claims = session_playground::encoding::base64url_decode(parts[1]).unwrap();
    let forged_claims = String::from_utf8(claims).unwrap().replace("alice", "bob");
    let forged =
        format!("{}.{}.{}", parts[0], session_playground::encoding::base64url(forged_claims.as_bytes()), parts[2]);
    let plant = format!(r#"{{"action": "plantTicket", "browser": "mallory", "id": "{forged}"}}"#);
    let played = play(TOKEN, &[LOGIN, &plant, MALLORY_VISITS]);
    assert_eq!(statuses(&played)[2], Some(401));
    assert_eq!(verdicts(&played), [TokenVerdict::BadSignature]);
}

#[test]
fn a_denylist_ends_a_revoked_token_at_the_price_of_a_lookup_on_every_request() {
    let settings = r#"{"seed": 1, "mechanism": "token", "denylist": true}"#;
    let played = play(settings, &[LOGIN, STEAL, MALLORY_VISITS, REVOKE, MALLORY_VISITS, VISIT]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), None, Some(401), Some(401)]);
    assert_eq!(verdicts(&played), [TokenVerdict::Accepted, TokenVerdict::Denied, TokenVerdict::Denied]);
    let lookups: Vec<(String, bool)> = played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| s.store_op.as_ref())
        .map(|op| (op.command.iter().collect::<Vec<_>>().join("\n"), op.kind == StoreOpKind::Lookup))
        .collect();
    let jti = "wVwCiewtCpFn7I5loY3rvg";
    assert_eq!(
        lookups,
        [
            (format!("denylist.has(\"{jti}\")"), true),
            (format!("denylist.set(\"{jti}\", 0:15:00)"), false),
            (format!("denylist.has(\"{jti}\")"), true),
            (format!("denylist.has(\"{jti}\")"), true),
        ]
    );
}

#[test]
fn with_a_denylist_logout_ends_every_copy() {
    let settings = r#"{"seed": 1, "mechanism": "token", "denylist": true}"#;
    let logout = r#"{"action": "logout", "browser": "laptop"}"#;
    let played = play(settings, &[LOGIN, STEAL, logout, MALLORY_VISITS]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200), Some(401)]);
}

#[test]
fn a_denylist_in_the_processs_memory_dies_with_a_restart() {
    let restart = r#"{"action": "restartServer"}"#;
    let memory = r#"{"seed": 1, "mechanism": "token", "denylist": true}"#;
    let played = play(memory, &[LOGIN, STEAL, REVOKE, restart, MALLORY_VISITS]);
    assert_eq!(statuses(&played)[4], Some(200), "the revoked token is accepted again");
    assert!(said(&played[3]).contains("the tokens it refused are accepted again"), "{}", said(&played[3]));
    // In Redis (express's store) the denylist outlives the process.
    let redis = r#"{"preset": "express", "seed": 1, "mechanism": "token", "denylist": true}"#;
    let played = play(redis, &[LOGIN, STEAL, REVOKE, restart, MALLORY_VISITS]);
    assert_eq!(statuses(&played)[4], Some(401));
}

#[test]
fn token_settings_without_the_token_mechanism_are_an_error() {
    let json = r#"{"title": "t", "settings": {"denylist": true}, "steps": []}"#;
    let error = Scenario::from_json(json).unwrap_err().to_string();
    assert_eq!(error, "settings.denylist: only a token server has this setting: also set \"mechanism\": \"token\"");
    let json = r#"{"title": "t", "settings": {}, "steps": [{"action": "startOverWith", "defence": "denylist"}]}"#;
    let error = Scenario::from_json(json).unwrap_err().to_string();
    assert_eq!(
        error,
        "steps[0].defence: a denylist is a token server's defence: also set settings.mechanism to \"token\""
    );
    let json = r#"{"title": "t", "settings": {"mechanism": "jwt"}, "steps": []}"#;
    let error = Scenario::from_json(json).unwrap_err().to_string();
    assert!(error.starts_with("settings.mechanism: expected one of session, token"), "{error}");
}

#[test]
fn rotating_the_signing_key_logs_everybody_out_stolen_copies_too() {
    let rotate = r#"{"action": "rotateSigningKey"}"#;
    let bob = r#"{"action": "login", "browser": "phone", "username": "bob", "password": "builder"}"#;
    let bob_visits = r#"{"action": "visit", "browser": "phone"}"#;
    let played = play(TOKEN, &[LOGIN, bob, STEAL, rotate, VISIT, bob_visits, MALLORY_VISITS, LOGIN, VISIT]);
    assert_eq!(
        statuses(&played),
        [Some(200), Some(200), None, None, Some(401), Some(401), Some(401), Some(200), Some(200)]
    );
    assert_eq!(verdicts(&played)[..3], [TokenVerdict::BadSignature; 3]);
    assert!(said(&played[3]).contains("everybody is logged out at once"), "{}", said(&played[3]));
    // On a session server there is no key to rotate: the session goes on.
    let sessions = play(r#"{"seed": 1}"#, &[LOGIN, rotate, VISIT]);
    assert_eq!(statuses(&sessions), [Some(200), None, Some(200)]);
    assert!(said(&sessions[1]).contains("no token key to rotate"), "{}", said(&sessions[1]));
}

#[test]
fn an_empty_store_under_tokens_is_not_said_to_mean_nobody_is_logged_in() {
    let state = |settings: &str| play(settings, &[LOGIN]).last().unwrap().trace.steps.last().unwrap().state.clone();
    let tokens = state(TOKEN);
    assert!(tokens.store.is_empty());
    assert!(tokens.store_empty.contains("a token server keeps no logins"), "{}", tokens.store_empty);
    let sessions = state(r#"{"seed": 1}"#);
    assert_eq!(sessions.store_empty, "No records: nobody is logged in.");
}
