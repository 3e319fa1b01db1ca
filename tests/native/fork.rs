//! The fork, "what if tokens?": a timeline's settings and actions in, the
//! two timelines' answers and the first place they part ways out.
//!
//! - the revocation walk parts ways at the first request after the
//!   revocation: the session server turns the ticket away, the token server
//!   still serves it;
//! - a login and a visit never part ways;
//! - four servers round-robin, each with its own memory, part ways at the
//!   first request that lands on another server;
//! - an action a token server takes differently (a revocation with no record
//!   to delete) still runs there, narrated;
//! - property: the session side of a fork is, step for step and byte for
//!   byte, the unforked run, for random settings and random actions.

use crate::properties::{op, settings, Op};
use crate::support::{login, visit};
use proptest::prelude::*;
use session_playground::fork::{Fork, Side};
use session_playground::ids::IdSourceSetting;
use session_playground::json::to_json;
use session_playground::topology::{Balancing, StoreLayout};
use session_playground::tours::TOURS;
use session_playground::{Action, Scenario, Settings, World, PRESETS};

/// A tour by key.
fn tour(key: &str) -> Scenario {
    let json = TOURS.iter().find(|(k, _)| *k == key).expect("a tour").1;
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

/// A tour forked: its settings, its prepared start and all its steps' actions.
fn fork_tour(key: &str) -> Fork {
    let scenario = tour(key);
    let actions: Vec<Action> = scenario.steps.iter().map(|s| s.action.clone()).collect();
    Fork::new(&scenario.settings, &scenario.given, &actions, None)
}

/// The fork as a reader would read it: each action, then each request's
/// answer on both sides, and the divergence's sentence where it falls.
fn transcript(fork: &Fork) -> String {
    let mut lines = Vec::new();
    for (i, label) in fork.labels().iter().enumerate() {
        lines.push(format!("{}. {label}", i + 1));
        if let Some(d) = fork.divergence().filter(|d| d.action == i) {
            let answer = |a: &Option<session_playground::fork::Answer>| match a {
                Some(a) => format!("{:?} as {:?}", a.status, a.who),
                None => "none".to_owned(),
            };
            lines.push(format!("   session: {}", answer(&d.session)));
            lines.push(format!("   token:   {}", answer(&d.token)));
            lines.push(format!("   ≠ {}", d.reason));
        }
    }
    lines.join("\n")
}

fn seeded() -> Settings {
    Settings::of(&PRESETS[0], IdSourceSetting::Seeded { seed: 1 })
}

#[test]
fn the_revocation_walk_parts_ways_at_the_first_request_after_the_revocation() {
    let mut fork = fork_tour("revocation");
    assert_eq!(
        transcript(&fork),
        "1. Alice's laptop: visit /profile\n\
         2. admin: revoke the newest session\n\
         3. Alice's laptop: visit /profile\n\
         \x20  session: Some(401) as None\n\
         \x20  token:   Some(200) as Some(\"alice\")\n\
         \x20  ≠ Here the two timelines part ways. The session server refused it, 401 Unauthorized: the ticket \
         names no record in the store. The token server served it as alice, 200 OK: the token's signature matched \
         and its exp had not passed. Same browsers, same actions: only the way the server remembers the login \
         differs.\n\
         4. Alice's laptop: log in as alice"
    );
    let d = fork.divergence().expect("a divergence").clone();
    assert_eq!(d.summary, "Sessions: 401 Unauthorized. Tokens: 200 OK, as alice.");
    // The marked steps are where each server built its answer.
    let session_step = fork.step(Side::Session, d.session_step).expect("the session step").clone();
    assert_eq!(session_step.kind, session_playground::StepKind::ResponseBuilt);
    assert!(session_step.narration.contains("401 Unauthorized"), "{}", session_step.narration);
    let token_step = fork.step(Side::Token, d.token_step).expect("the token step").clone();
    assert_eq!(token_step.kind, session_playground::StepKind::ResponseBuilt);
    assert!(token_step.narration.contains("200 OK"), "{}", token_step.narration);
    // The revocation itself ran on the token side too, and says there is nothing to delete.
    let revoke_first = fork.rows().iter().find(|r| r.action == 1).and_then(|r| r.token).expect("a moment").first;
    let said = fork.step(Side::Token, revoke_first).expect("the revocation").narration.clone();
    assert!(said.contains("keeps no record of the tokens it signed"), "{said}");
    // One row of the presses holds the mark: the server's work of the third action.
    let rows = fork.rows();
    let marked: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.diverges).map(|(i, _)| i).collect();
    assert_eq!(marked, [4 + 1], "3 moments of the visit, 1 of the revocation, then the request's travel");
}

#[test]
fn a_login_and_a_visit_never_part_ways() {
    let fork = Fork::new(&seeded(), &[], &[login("laptop", "alice"), visit("laptop")], None);
    assert_eq!(transcript(&fork), "1. Alice's laptop: log in as alice\n2. Alice's laptop: visit /profile");
    assert!(fork.divergence().is_none());
    // Both step through the same presses: three moments for each round trip.
    assert_eq!(fork.rows().len(), 6);
    assert!(fork.rows().iter().all(|r| r.session.is_some() && r.token.is_some() && !r.diverges));
}

#[test]
fn four_servers_round_robin_with_their_own_memory_part_ways_at_the_second_server() {
    let settings =
        Settings { servers: 4, balancing: Balancing::RoundRobin, store_layout: StoreLayout::PerServer, ..seeded() };
    let fork = Fork::new(&settings, &[], &[login("laptop", "alice"), visit("laptop"), visit("laptop")], None);
    let d = fork.divergence().expect("a divergence");
    assert_eq!(d.action, 1, "the first visit lands on app-2, which never saw the login");
    assert_eq!(d.session.as_ref().and_then(|a| a.status), Some(401));
    assert_eq!(d.token.as_ref().and_then(|a| a.who.as_deref()), Some("alice"));
    assert!(d.reason.contains("the ticket names no record in the store"), "{}", d.reason);
    // Every request on the token side is served, by whichever server.
    let token = fork.world(Side::Token);
    assert!(token.store().is_empty(), "no server stored anything");
}

#[test]
fn a_logout_and_a_stolen_copy_part_ways_only_when_the_copy_is_used() {
    let steal = Action::CopyCookie { from: "laptop".into(), to: "mallory".into() };
    let logout = Action::Logout { browser: "laptop".into() };
    let actions = [login("laptop", "alice"), steal, logout, visit("laptop"), visit("mallory")];
    let fork = Fork::new(&seeded(), &[], &actions, None);
    let d = fork.divergence().expect("a divergence");
    assert_eq!(d.label, "Mallory's laptop: visit /profile", "the laptop's own visit is refused on both sides: {d:?}");
    assert_eq!((d.session.as_ref().unwrap().served, d.token.as_ref().unwrap().served), (false, true));
}

#[test]
fn a_fork_of_a_token_timeline_keeps_its_token_side_and_replays_a_session_twin() {
    let scenario = tour("token-revocation");
    let actions: Vec<Action> = scenario.steps.iter().map(|s| s.action.clone()).collect();
    let fork = Fork::new(&scenario.settings, &scenario.given, &actions, None);
    let d = fork.divergence().expect("a divergence");
    assert_eq!(d.label, "Mallory's laptop: visit /profile");
    assert_eq!(d.session.as_ref().and_then(|a| a.status), Some(401));
    assert_eq!(d.token.as_ref().and_then(|a| a.status), Some(200));
}

/// Every step of one side, serialized as the page receives it.
fn side_json(fork: &mut Fork, side: Side) -> Vec<String> {
    (0..fork.len(side)).map(|i| to_json(fork.step(side, i).expect("a step"))).collect()
}

/// The unforked run's steps, serialized likewise.
fn unforked_json(world: &mut World, actions: &[Action]) -> Vec<String> {
    actions.iter().filter_map(|a| world.apply(a).ok()).flat_map(|t| t.steps).map(|s| to_json(&s)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The invariant: a fork's session side is the unforked run, byte for
    /// byte; and the token side runs every action, never failing where the
    /// session side did not.
    #[test]
    fn the_session_side_of_a_fork_is_the_unforked_run(
        settings in settings(true),
        ops in prop::collection::vec(op(), 1..30),
        csprng in any::<bool>(),
    ) {
        let settings = if csprng { Settings { ids: IdSourceSetting::Csprng, ..settings } } else { settings };
        let actions: Vec<Action> = ops.into_iter().filter_map(|op| match op { Op::Act(a) => Some(a), _ => None }).collect();
        let mut unforked = World::from_settings(settings.clone());
        let expected = unforked_json(&mut unforked, &actions);
        let mut fork = Fork::new(&settings, &[], &actions, Some(&unforked));
        prop_assert_eq!(side_json(&mut fork, Side::Session), expected);
        let tokens = side_json(&mut fork, Side::Token);
        prop_assert_eq!(tokens.len(), fork.len(Side::Token));
        // The presses cover every step of both sides, in order.
        let rows = fork.rows();
        for side in Side::BOTH {
            let covered: usize = rows.iter().filter_map(|r| match side { Side::Session => r.session, Side::Token => r.token }).map(|m| m.size).sum();
            prop_assert_eq!(covered, fork.len(side));
        }
        prop_assert!(rows.iter().filter(|r| r.diverges).count() <= 1);
    }
}

#[test]
fn a_scenario_asks_for_a_fork_by_name_and_nothing_else() {
    let with = |fork: &str| {
        Scenario::from_json(&format!(r#"{{"title": "t", "fork": {fork}, "steps": [{{"action": "visit"}}]}}"#))
    };
    assert!(with(r#""tokens""#).expect("a fork of tokens").fork);
    let plain = Scenario::from_json(r#"{"title": "t", "steps": [{"action": "visit"}]}"#).unwrap();
    assert!(!plain.fork, "no fork unless asked");
    for wrong in [r#""sessions""#, "true", r#""Tokens""#, "1"] {
        let error = with(wrong).expect_err(wrong);
        assert_eq!(error.path, "fork", "{error}");
        assert!(error.to_string().contains(r#"expected "tokens""#), "{error}");
    }
}
