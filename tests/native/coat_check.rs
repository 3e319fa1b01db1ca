//! The coat-check flow, told as scenarios: actions in, a brief transcript out.
//!
//! IDs come from a seeded source, so every transcript is exact. The brief form
//! shows what happened (who acted, the request line, the Cookie and
//! Set-Cookie headers, the store command) without the narration's wording.

use crate::support::{login_with, logout, visit};
use session_playground::transcript::render_brief;
use session_playground::{Action, IdSource, SessionId, StepKind, World, LAPTOP};
use std::collections::HashSet;

/// Alice logs in from her laptop with `password`.
fn alice_logs_in(password: &str) -> Action {
    login_with(LAPTOP, "alice", password)
}

/// Runs the actions on a world seeded with 1 and checks the brief transcript of each.
fn check(actions: &[Action], expected: &[&str]) -> World {
    let mut world = World::new(IdSource::seeded(1));
    assert_eq!(actions.len(), expected.len(), "one expected transcript per action");
    for (action, expected) in actions.iter().zip(expected) {
        let trace = world.apply(action).expect("the action runs");
        let got = render_brief(&trace);
        assert_eq!(got.trim_end(), expected.trim(), "\n--- transcript of {action:?} ---\n{got}");
    }
    world
}

const ID: &str = "wVwCiewtCpFn7I5loY3rvg";

const LOGIN: &str = "
browser request: POST /login HTTP/1.1
server  password ok
store   store: sessions.insert(\"wVwCiewtCpFn7I5loY3rvg\", { user: \"alice\" })
server  response
browser received: HTTP/1.1 200 OK | Set-Cookie: sid=wVwCiewtCpFn7I5loY3rvg; Path=/; HttpOnly; SameSite=Lax";

const PROFILE_OK: &str = "
browser request: GET /profile HTTP/1.1 | Cookie: sid=wVwCiewtCpFn7I5loY3rvg
server  cookie read
store   store: sessions.get(\"wVwCiewtCpFn7I5loY3rvg\") ; sessions[\"wVwCiewtCpFn7I5loY3rvg\"].last_seen = 0:00:00
server  response
browser received: HTTP/1.1 200 OK";

const PROFILE_REVOKED: &str = "
browser request: GET /profile HTTP/1.1 | Cookie: sid=wVwCiewtCpFn7I5loY3rvg
server  cookie read
store   store: sessions.get(\"wVwCiewtCpFn7I5loY3rvg\")
server  response
browser received: HTTP/1.1 401 Unauthorized";

const REVOKE: &str = "
server  admin
store   store: sessions.remove(\"wVwCiewtCpFn7I5loY3rvg\")";

#[test]
fn login_creates_a_record_and_hands_the_id_over_in_set_cookie() {
    let world = check(&[alice_logs_in("wonderland")], &[LOGIN]);
    let rows = world.store().rows();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].id.as_str(), rows[0].user.as_str()), (ID, "alice"));
    let jar = world.browser(LAPTOP).unwrap().jar.cookies();
    assert_eq!(jar.len(), 1);
    assert_eq!((jar[0].name.as_str(), jar[0].value.as_str()), ("sid", ID));
    assert!(jar[0].http_only && jar[0].host_only && jar[0].expires.is_none());
}

#[test]
fn a_visit_carries_the_cookie_and_the_lookup_says_who_it_is() {
    let world = check(&[alice_logs_in("wonderland"), visit(LAPTOP)], &[LOGIN, PROFILE_OK]);
    assert_eq!(world.browser(LAPTOP).unwrap().screen.text, "Profile of alice (customer). Signed in since 0:00:00.");
}

#[test]
fn revoking_the_record_logs_the_very_next_request_out() {
    let world = check(
        &[alice_logs_in("wonderland"), visit(LAPTOP), Action::Revoke { id: None }, visit(LAPTOP)],
        &[LOGIN, PROFILE_OK, REVOKE, PROFILE_REVOKED],
    );
    // The browser still holds the ticket; it just names nothing any more.
    assert_eq!(world.browser(LAPTOP).unwrap().jar.cookies()[0].value, ID);
    assert!(world.store().is_empty());
}

#[test]
fn logout_deletes_the_record_and_expires_the_cookie() {
    let world = check(
        &[alice_logs_in("wonderland"), logout(LAPTOP), visit(LAPTOP)],
        &[
            LOGIN,
            "
browser request: POST /logout HTTP/1.1 | Cookie: sid=wVwCiewtCpFn7I5loY3rvg
server  cookie read
store   store: sessions.remove(\"wVwCiewtCpFn7I5loY3rvg\")
server  response
browser received: HTTP/1.1 200 OK | Set-Cookie: sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
            "
browser request: GET /profile HTTP/1.1
server  no cookie
server  response
browser received: HTTP/1.1 401 Unauthorized",
        ],
    );
    assert!(world.browser(LAPTOP).unwrap().jar.cookies().is_empty());
    assert!(world.store().is_empty());
}

#[test]
fn a_wrong_password_gets_401_and_no_session() {
    let world = check(
        &[alice_logs_in("open sesame")],
        &["
browser request: POST /login HTTP/1.1
server  password wrong
browser received: HTTP/1.1 401 Unauthorized"],
    );
    assert!(world.store().is_empty());
    assert!(world.browser(LAPTOP).unwrap().jar.cookies().is_empty());
}

#[test]
fn an_unknown_user_gets_the_same_answer_as_a_wrong_password() {
    let mut world = World::new(IdSource::seeded(1));
    let stranger = Action::Login { browser: LAPTOP.into(), username: "mallory".into(), password: "x".into() };
    let trace = world.apply(&stranger).unwrap();
    let last = trace.steps.last().unwrap().message.as_ref().unwrap();
    assert_eq!(last.status, Some(401));
    assert_eq!(last.body.as_deref(), Some("Wrong username or password."));
}

#[test]
fn the_login_form_travels_url_encoded() {
    let mut world = World::new(IdSource::seeded(1));
    let odd = Action::Login { browser: LAPTOP.into(), username: "alice".into(), password: "a&b=c d".into() };
    let trace = world.apply(&odd).unwrap();
    let request = trace.steps[0].message.as_ref().unwrap();
    assert_eq!(request.body.as_deref(), Some("username=alice&password=a%26b%3Dc+d"));
}

#[test]
fn an_id_the_store_never_issued_is_not_adopted() {
    let mut world = World::new(IdSource::seeded(1));
    // A made-up ticket, typed into the jar by hand (devtools, or an attacker).
    let forged = "MadeUpTicketMadeUpTick";
    world.browser_mut(LAPTOP).unwrap().jar.set_cookie(
        &format!("sid={forged}; Path=/"),
        &session_playground::jar::Url::parse("https://app.example/").unwrap(),
        session_playground::jar::Context::SAME_SITE,
        0,
    );

    let trace = world.apply(&visit(LAPTOP)).unwrap();
    assert_eq!(
        render_brief(&trace).trim_end(),
        format!(
            "browser request: GET /profile HTTP/1.1 | Cookie: sid={forged}
server  cookie read
store   store: sessions.get(\"{forged}\")
server  response
browser received: HTTP/1.1 401 Unauthorized"
        )
    );
    // Nothing was filed under the forged ID.
    assert!(world.store().is_empty());

    // Logging in does not bless the forged ID either: the server issues its own.
    world.apply(&alice_logs_in("wonderland")).unwrap();
    let rows = world.store().rows();
    assert_eq!((rows.len(), rows[0].id.as_str()), (1, ID));
    assert_eq!(world.browser(LAPTOP).unwrap().jar.cookies()[0].value, ID);
}

#[test]
fn logging_in_again_replaces_the_old_session_with_a_new_id() {
    let mut world = World::new(IdSource::seeded(1));
    world.apply(&alice_logs_in("wonderland")).unwrap();
    let trace = world.apply(&alice_logs_in("wonderland")).unwrap();
    let brief = render_brief(&trace);
    assert!(brief.contains(&format!("sessions.remove(\"{ID}\")")), "{brief}");
    let rows = world.store().rows();
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].id.as_str(), ID);
    let jar = world.browser(LAPTOP).unwrap().jar.cookies();
    assert_eq!((jar.len(), jar[0].value.as_str()), (1, rows[0].id.as_str()));
    assert!(
        matches!(&trace.steps.last().unwrap().kind, StepKind::ResponseReceived { jar_changes } if jar_changes.len() == 1)
    );
}

#[test]
fn revoking_with_an_empty_store_says_there_is_nothing_to_revoke() {
    let mut world = World::new(IdSource::seeded(1));
    let trace = world.apply(&Action::Revoke { id: None }).unwrap();
    assert_eq!(render_brief(&trace), "server  admin\n");
    assert!(trace.steps[0].narration.contains("nothing to revoke"));
}

#[test]
fn an_unknown_browser_is_an_error_not_a_panic() {
    let mut world = World::new(IdSource::seeded(1));
    let err = world.apply(&Action::Logout { browser: "toaster".into() }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no browser called \u{201c}toaster\u{201d} (the browsers are laptop, phone, mallory)"
    );
}

#[test]
fn every_step_carries_the_state_after_it() {
    let mut world = World::new(IdSource::seeded(1));
    let trace = world.apply(&alice_logs_in("wonderland")).unwrap();
    let store_sizes: Vec<usize> = trace.steps.iter().map(|s| s.state.store.len()).collect();
    let jar_sizes: Vec<usize> = trace.steps.iter().map(|s| s.state.browsers[0].jar.len()).collect();
    // The record appears at the store step; the cookie only once the response arrives.
    assert_eq!(store_sizes, [0, 0, 0, 1, 1, 1, 1]);
    assert_eq!(jar_sizes, [0, 0, 0, 0, 0, 0, 1]);
}

#[test]
fn ids_from_the_csprng_never_repeat_over_many_logins() {
    let mut world = World::new(IdSource::Csprng);
    let mut seen = HashSet::new();
    for _ in 0..5_000 {
        world.apply(&alice_logs_in("wonderland")).unwrap();
        let id = world.store().newest().unwrap().id.clone();
        assert!(seen.insert(id), "an ID repeated");
    }
    // Each login replaced the previous session, so exactly one is live.
    assert_eq!(world.store().len(), 1);
}

#[test]
fn ids_are_22_url_safe_characters_encoding_128_bits() {
    let mut source = IdSource::Csprng;
    let mut chars_seen = HashSet::new();
    for _ in 0..2_000 {
        let id: SessionId = source.next_id(session_playground::ids::IdFormat::Base64Url { bytes: 16 }).unwrap();
        assert_eq!(id.as_str().len(), 22, "{id}");
        assert!(id.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{id}");
        // 22 characters carry 132 bits; the last one holds 2 bits and 4 zero
        // padding bits, so it is always one of A, Q, g, w.
        assert!(matches!(id.as_str().as_bytes()[21], b'A' | b'Q' | b'g' | b'w'), "{id}");
        chars_seen.extend(id.as_str().chars());
    }
    // Over 2,000 IDs every one of the 64 characters turns up.
    assert_eq!(chars_seen.len(), 64);
}
