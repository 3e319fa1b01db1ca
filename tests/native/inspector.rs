//! The token inspector, told as features: a token server's settings and a
//! script of actions in, then a token the world holds inspected (its three
//! parts, its fields explained, the server's verdict and the reason), the way
//! the page's decoder shows it. The core decides every verdict.

use crate::support::token_walks::{world_after, LOGIN};
use session_playground::token::TokenVerdict;
use session_playground::TokenInspection;
use session_playground::{Instant, World};

const TOKEN: &str = r#"{"seed": 1, "mechanism": "token"}"#;

/// The token cookie in a browser's jar.
fn token_in_jar(world: &World, browser: &str) -> String {
    let state = world.snapshot();
    let shown = state.browsers.iter().find(|b| b.key == browser).unwrap();
    shown.jar.iter().find(|c| c.name == "token").expect("a token cookie").value.clone()
}

/// A field's (value, meaning) by name.
fn claim<'i>(inspection: &'i TokenInspection, name: &str) -> (&'i str, &'i str) {
    let field = inspection.claims.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no claim {name}"));
    (&field.value, &field.meaning)
}

#[test]
fn a_fresh_token_comes_apart_into_three_parts_with_its_claims_explained_and_checks_valid() {
    let world = world_after(TOKEN, &[LOGIN, r#"{"action": "wait", "seconds": 180}"#]);
    let token = token_in_jar(&world, "laptop");
    let inspection = world.inspect_token(&token, None, None);
    let parts = inspection.parts.as_ref().expect("three parts");
    assert_eq!(format!("{}.{}.{}", parts.header, parts.claims, parts.signature), token);
    assert_eq!(inspection.header_json.as_deref(), Some(r#"{"alg":"HS256","typ":"JWT"}"#));
    assert_eq!(
        inspection.claims_json.as_deref(),
        Some(r#"{"sub":"alice","iat":1772442000,"exp":1772442900,"jti":"wVwCiewtCpFn7I5loY3rvg"}"#)
    );
    let names: Vec<&str> = inspection.claims.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["sub", "iat", "exp", "jti"]);
    assert_eq!(claim(&inspection, "sub").0, "\"alice\"");
    // Times on the playground's clock, relative to the moment looked at (three minutes in).
    assert_eq!(claim(&inspection, "iat").0, "1772442000 = 0:00:00 on the clock (Mon, 02 Mar 2026 09:00:00 GMT)");
    assert!(claim(&inspection, "iat").1.contains("3 min ago"), "{}", claim(&inspection, "iat").1);
    assert!(claim(&inspection, "exp").1.starts_with("Expires in 12 min:"), "{}", claim(&inspection, "exp").1);
    assert!(claim(&inspection, "jti").1.contains("denylist"));
    assert_eq!(inspection.verdict, TokenVerdict::Accepted);
    assert_eq!(inspection.headline, "Valid: the server would accept it");
    assert!(inspection.reason.contains("nothing was looked up"), "{}", inspection.reason);
    assert!(!inspection.edited);
    assert_eq!(inspection.checked_at, Instant::START.plus_secs(180));
}

#[test]
fn editing_the_claims_keeps_the_signature_and_the_check_fails() {
    let world = world_after(TOKEN, &[LOGIN]);
    let token = token_in_jar(&world, "laptop");
    let as_bob = r#"{"sub":"bob","iat":1772442000,"exp":1772442900,"jti":"wVwCiewtCpFn7I5loY3rvg"}"#;
    let inspection = world.inspect_token(&token, Some(as_bob), None);
    assert!(inspection.edited);
    let (parts, original) = (inspection.parts.as_ref().unwrap(), token.split('.').collect::<Vec<_>>());
    assert_eq!((parts.header.as_str(), parts.signature.as_str()), (original[0], original[2]));
    assert_ne!(parts.claims, original[1]);
    assert_eq!(claim(&inspection, "sub").0, "\"bob\"");
    assert_eq!(inspection.verdict, TokenVerdict::BadSignature);
    assert!(inspection.reason.contains("Change one byte"), "{}", inspection.reason);
    // The same claims, byte for byte, make the same token: it checks valid again.
    let same = inspection.claims_json.unwrap().replace("bob", "alice");
    let back = world.inspect_token(&token, Some(&same), None);
    assert_eq!((back.token.as_str(), back.verdict), (token.as_str(), TokenVerdict::Accepted));
}

#[test]
fn the_edited_token_sent_from_mallorys_laptop_is_refused_as_the_inspector_said() {
    let world = world_after(TOKEN, &[LOGIN]);
    let token = token_in_jar(&world, "laptop");
    let as_bob = r#"{"sub":"bob","iat":1772442000,"exp":1772442900,"jti":"wVwCiewtCpFn7I5loY3rvg"}"#;
    let edited = world.inspect_token(&token, Some(as_bob), None).token;
    // What the inspector's "send it" runs: the token typed into Mallory's jar, then a visit.
    let guess = format!(r#"{{"action": "guessTicket", "browser": "mallory", "id": "{edited}"}}"#);
    let visit = r#"{"action": "visit", "browser": "mallory"}"#;
    let mut world = world_after(TOKEN, &[LOGIN, &guess]);
    assert_eq!(token_in_jar(&world, "mallory"), edited);
    let trace = world.apply(&session_playground::action_from_json(visit).unwrap()).unwrap();
    let verdicts: Vec<TokenVerdict> = trace
        .steps
        .iter()
        .filter_map(|s| match s.kind {
            session_playground::StepKind::TokenVerified { verdict, .. } => Some(verdict),
            _ => None,
        })
        .collect();
    assert_eq!(verdicts, [TokenVerdict::BadSignature]);
}

#[test]
fn past_exp_the_token_checks_expired_and_at_an_earlier_moment_valid() {
    let world = world_after(TOKEN, &[LOGIN, r#"{"action": "wait", "seconds": 1800}"#]);
    let token = token_in_jar(&world, "laptop");
    let now = world.inspect_token(&token, None, None);
    assert_eq!(now.verdict, TokenVerdict::Expired);
    assert_eq!(now.headline, "Expired: the server would refuse it");
    assert!(claim(&now, "exp").1.contains("it passed 15 min ago"), "{}", claim(&now, "exp").1);
    assert!(now.reason.contains("exp came 15 min ago"), "{}", now.reason);
    // The reader stepped back to a moment before the wait: the token was valid then.
    let then = world.inspect_token(&token, None, Some(Instant::START.plus_secs(60)));
    assert_eq!(then.verdict, TokenVerdict::Accepted);
}

#[test]
fn after_the_signing_key_is_rotated_the_old_token_has_a_bad_signature() {
    let world = world_after(TOKEN, &[LOGIN, r#"{"action": "rotateSigningKey"}"#]);
    let inspection = world.inspect_token(&token_in_jar(&world, "laptop"), None, None);
    assert_eq!(inspection.verdict, TokenVerdict::BadSignature);
    assert!(inspection.reason.contains("rotated key"), "{}", inspection.reason);
}

#[test]
fn a_revoked_token_under_a_denylist_is_genuine_but_refused() {
    let settings = r#"{"seed": 1, "mechanism": "token", "denylist": true}"#;
    let world = world_after(settings, &[LOGIN, r#"{"action": "revoke", "browser": "laptop"}"#]);
    let inspection = world.inspect_token(&token_in_jar(&world, "laptop"), None, None);
    assert_eq!(inspection.verdict, TokenVerdict::Denied);
    assert!(inspection.reason.contains("jti is on it"), "{}", inspection.reason);
    // Without the revocation the same server accepts it.
    let world = world_after(settings, &[LOGIN]);
    assert_eq!(world.inspect_token(&token_in_jar(&world, "laptop"), None, None).verdict, TokenVerdict::Accepted);
}

#[test]
fn with_a_token_version_the_inspector_refuses_what_the_server_refuses_after_a_password_change() {
    let settings = r#"{"seed": 1, "mechanism": "token", "tokenVersion": true}"#;
    let phone = r#"{"action": "login", "browser": "phone", "username": "alice", "password": "wonderland"}"#;
    let change = r#"{"action": "changePassword", "browser": "phone", "password": "looking-glass"}"#;
    // Before the change the laptop's token is of alice's version, and the
    // check says what it cost: a read of the user table.
    let world = world_after(settings, &[LOGIN, phone]);
    let before = world.inspect_token(&token_in_jar(&world, "laptop"), None, None);
    assert_eq!(before.verdict, TokenVerdict::Accepted);
    assert!(before.reason.contains("after a read of the user's token version"), "{}", before.reason);
    // The change raises her version: the laptop's token is genuine and
    // unexpired, yet the inspector refuses it as the server would.
    let mut world = world_after(settings, &[LOGIN, phone, change]);
    let laptop = token_in_jar(&world, "laptop");
    let after = world.inspect_token(&laptop, None, None);
    assert_eq!(after.verdict, TokenVerdict::Outdated);
    assert!(after.reason.contains("carries ver 0") && after.reason.contains("alice's is 1 now"), "{}", after.reason);
    let visit = session_playground::Action::Visit { browser: "laptop".into(), path: "/profile".into() };
    let trace = world.apply(&visit).unwrap();
    assert!(trace.steps.iter().any(|s| s.narration.contains("401")), "the server refuses it too");
}

#[test]
fn an_unsigned_alg_none_token_is_refused_for_its_algorithm() {
    let world = world_after(TOKEN, &[LOGIN]);
    let header = session_playground::encoding::base64url(br#"{"alg":"none","typ":"JWT"}"#);
    let claims =
        session_playground::encoding::base64url(br#"{"sub":"bob","iat":1772442000,"exp":1999999999,"jti":"x"}"#);
    let inspection = world.inspect_token(&format!("{header}.{claims}."), None, None);
    assert_eq!(inspection.verdict, TokenVerdict::AlgorithmRefused);
    assert!(inspection.header[0].meaning.contains("no signature at all"), "{}", inspection.header[0].meaning);
    assert!(inspection.reason.contains("\"none\", not HS256"), "{}", inspection.reason);
}

#[test]
fn text_that_is_no_token_is_shown_as_malformed_with_the_part_that_failed() {
    let world = world_after(TOKEN, &[LOGIN]);
    let junk = world.inspect_token("not a token", None, None);
    assert_eq!((junk.verdict, junk.parts.is_none()), (TokenVerdict::Malformed, true));
    assert!(junk.reason.contains("three base64url parts"), "{}", junk.reason);
    let bad_json = world.inspect_token("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", None, None);
    assert_eq!(bad_json.verdict, TokenVerdict::BadSignature, "the signature is checked before the claims are read");
    assert_eq!(bad_json.claims_json.as_deref(), Some("not json"));
    assert!(bad_json.claims.is_empty());
    // An edit of text that is no token edits nothing.
    let edited = world.inspect_token("not a token", Some("{}"), None);
    assert_eq!((edited.edited, edited.token.as_str()), (false, "not a token"));
}

#[test]
fn inspecting_changes_nothing_in_the_world() {
    let world = world_after(TOKEN, &[LOGIN]);
    let before = world.snapshot();
    let token = token_in_jar(&world, "laptop");
    world.inspect_token(&token, Some("{}"), None);
    assert_eq!(world.snapshot(), before);
}
