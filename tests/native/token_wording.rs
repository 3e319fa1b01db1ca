//! A token world's words, told as features: the actions whose session
//! wording would mislead (copying, revoking, ending a user's logins, the
//! store going down) are labelled for tokens, and the narration of a typed-in
//! ticket, a closed browser and a stopped server says what a token server
//! does instead: check a signature, keep nothing, lose nothing.

use crate::support::token_walks::world_after;
use session_playground::action_from_json;
use session_playground::token::Mechanism;
use session_playground::World;

/// The narration of every step an action (JSON) takes in `world`, joined.
fn said(world: &mut World, action: &str) -> String {
    let trace = world.apply(&action_from_json(action).unwrap()).unwrap();
    trace.steps.iter().map(|s| s.narration.as_str()).collect::<Vec<_>>().join("\n")
}

const TOKEN: &str = r#"{"seed": 1, "mechanism": "token"}"#;
const LOGIN: &str = r#"{"action": "login", "browser": "laptop", "username": "alice", "password": "wonderland"}"#;

#[test]
fn actions_that_name_a_session_are_labelled_for_tokens_in_a_token_world() {
    let labels = |json: &str| {
        let action = action_from_json(json).unwrap();
        (action.label_under(Mechanism::ServerSession), action.label_under(Mechanism::Token))
    };
    assert_eq!(
        labels(r#"{"action": "copyCookie", "from": "laptop", "to": "mallory"}"#),
        (
            "copy the session cookie from Alice's laptop to Mallory's laptop".to_owned(),
            "copy the token cookie from Alice's laptop to Mallory's laptop".to_owned()
        )
    );
    assert_eq!(
        labels(r#"{"action": "revoke", "browser": "laptop"}"#),
        (
            "admin: revoke the session of Alice's laptop".to_owned(),
            "admin: revoke the token of Alice's laptop".to_owned()
        )
    );
    assert_eq!(
        labels(r#"{"action": "revoke"}"#),
        ("admin: revoke the newest session".to_owned(), "admin: revoke the newest token".to_owned())
    );
    assert_eq!(
        labels(r#"{"action": "revokeUser", "user": "alice"}"#),
        ("admin: end every session of alice".to_owned(), "admin: end every token of alice".to_owned())
    );
    assert_eq!(
        labels(r#"{"action": "stopStore"}"#),
        ("the session store goes down".to_owned(), "the shared store goes down".to_owned())
    );
    // Actions that say the same under both keep their one label.
    let login = labels(LOGIN);
    assert_eq!(login.0, login.1);
}

#[test]
fn a_token_tour_names_its_steps_for_tokens() {
    let scenario = session_playground::tours::tour("token-revocation").unwrap().unwrap();
    let played = scenario.play();
    assert_eq!(played[0].action, "admin: revoke the token of Alice's laptop");
    let transcript = session_playground::transcript::render_scenario(&scenario, &scenario.start().snapshot(), &played);
    assert!(transcript.contains("- copy the token cookie from Alice's laptop to Mallory's laptop"), "{transcript}");
    assert!(!transcript.contains("session cookie from"), "{transcript}");
}

#[test]
fn a_ticket_typed_in_is_judged_by_the_signature_not_a_store() {
    let mut world = world_after(TOKEN, &[LOGIN]);
    let text = said(&mut world, r#"{"action": "guessTicket", "browser": "mallory", "id": "eyJ.made.up"}"#);
    assert!(text.contains("types a token of its own choosing"), "{text}");
    assert!(text.contains("up to the server's check: the signature"), "{text}");
    assert!(!text.contains("server's store"), "{text}");
}

#[test]
fn closing_the_browser_loses_this_copy_of_the_token_and_nothing_on_the_server() {
    let mut world = world_after(TOKEN, &[LOGIN]);
    let text = said(&mut world, r#"{"action": "closeBrowser", "browser": "laptop"}"#);
    assert!(text.contains("this copy of the token is gone"), "{text}");
    assert!(text.contains("still valid until its exp"), "{text}");
    assert!(!text.contains("record"), "{text}");
}

#[test]
fn a_stopped_server_of_four_loses_no_login_under_tokens() {
    let settings = r#"{"seed": 1, "mechanism": "token", "servers": 4, "balancing": "roundRobin"}"#;
    let mut world = world_after(settings, &[LOGIN]);
    let text = said(&mut world, r#"{"action": "stopServer", "server": 1}"#);
    assert!(text.contains("kept no logins of its own: a token server keeps none"), "{text}");
    assert!(text.contains("no one is logged out"), "{text}");
    assert!(!text.contains("sessions"), "{text}");
    let shared = r#"{"seed": 1, "mechanism": "token", "servers": 2, "storeLayout": "shared"}"#;
    let mut world = world_after(shared, &[LOGIN]);
    let text = said(&mut world, r#"{"action": "stopServer", "server": 2}"#);
    assert!(text.contains("kept no logins of its own"), "{text}");
}
