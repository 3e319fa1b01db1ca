//! Property tests of shared links: a `#play=` link carries the session IDs of
//! a run, and anyone can write one. Over random runs and random links (the
//! run's own IDs, duplicates, IDs from the jars and the store, IDs Mallory
//! typed, planted or an administrator named, well-formed strangers and junk):
//!
//! - a link's ID is handed out exactly when the CSPRNG could have drawn it
//!   there (the preset's format, never seen in this world before), and every
//!   other one is refused and reported with its position;
//! - a `200` for `/profile` only ever answers a live, issued, unexpired ID
//!   belonging to the user the page names, never a deleted one, and (with
//!   strict adoption or rotation) never an ID someone knew before it was drawn.

#![cfg(not(target_arch = "wasm32"))]

use crate::support::forge;
use proptest::prelude::*;
use session_playground::defence::Defence;
use session_playground::ids::{IdFormat, IdSourceSetting};
use session_playground::preset::{Cleanup, LogoutMode, Settings, PRESETS};
use session_playground::StoreOpKind;
use session_playground::{Action, IdSource, SessionId, StepKind, World, BROWSERS};
use std::collections::HashSet;

const POOL: usize = 4;

/// One thing done in a run; IDs from outside come from a pool of well-formed IDs.
#[derive(Clone, Debug)]
enum Op {
    Act(Action),
    /// Mallory types a pool ID into a jar (devtools).
    Guess {
        browser: usize,
        k: usize,
    },
    /// Mallory plants a pool ID through a sibling subdomain.
    Plant {
        browser: usize,
        k: usize,
    },
    /// The administrator revokes a pool ID by name.
    Revoke {
        k: usize,
    },
    /// A pool ID is put in a jar by hand, as a test or scenario may.
    Forge {
        browser: usize,
        k: usize,
    },
}

/// Where a link's ID at one position comes from.
#[derive(Clone, Copy, Debug)]
enum LinkId {
    /// The ID the first run drew there.
    Same,
    /// An ID from earlier in the link: a repeat.
    Earlier(usize),
    /// An ID the first run drew later.
    Later(usize),
    /// A pool ID (typed, planted or named in the run, or not).
    Pool(usize),
    /// A well-formed ID nobody has seen.
    Stranger(u64),
    /// Not an ID of the preset's format at all.
    Junk(usize),
}

fn key(i: usize) -> String {
    BROWSERS[i].to_owned()
}

fn op() -> impl Strategy<Value = Op> {
    let browser = || 0..BROWSERS.len();
    let user =
        prop::sample::select(vec![("alice", "wonderland"), ("bob", "builder"), ("mallory", "hunter2"), ("alice", "x")]);
    prop_oneof![
        5 => (browser(), user).prop_map(|(b, (u, p))| Op::Act(Action::Login { browser: key(b), username: u.into(), password: p.into() })),
        5 => browser().prop_map(|b| Op::Act(Action::Visit { browser: key(b), path: "/profile".into() })),
        2 => browser().prop_map(|b| Op::Act(Action::Logout { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::LogoutEverywhere { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::ChangePassword { browser: key(b), password: "new".into() })),
        1 => Just(Op::Act(Action::Revoke { id: None })),
        1 => prop::sample::select(vec!["alice", "bob"]).prop_map(|u| Op::Act(Action::RevokeUser { user: u.into() })),
        2 => (browser(), browser()).prop_filter("two browsers", |(a, b)| a != b)
            .prop_map(|(a, b)| Op::Act(Action::CopyCookie { from: key(a), to: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::CloseBrowser { browser: key(b) })),
        2 => prop::sample::select(vec![60u64, 1800, 3600, 86_400, 1_209_600]).prop_map(|secs| Op::Act(Action::Wait { secs })),
        1 => Just(Op::Act(Action::RestartServer)),
        1 => browser().prop_map(|b| Op::Act(Action::ScriptTheft { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::PlantTicket { browser: key(b), id: None })),
        1 => Just(Op::Act(Action::StartOverWith { defence: Defence::Rotation })),
        3 => (browser(), 0..POOL).prop_map(|(browser, k)| Op::Guess { browser, k }),
        2 => (browser(), 0..POOL).prop_map(|(browser, k)| Op::Plant { browser, k }),
        1 => (0..POOL).prop_map(|k| Op::Revoke { k }),
        1 => (browser(), 0..POOL).prop_map(|(browser, k)| Op::Forge { browser, k }),
    ]
}

fn link_id() -> impl Strategy<Value = LinkId> {
    prop_oneof![
        4 => Just(LinkId::Same),
        3 => (0..64usize).prop_map(LinkId::Earlier),
        1 => (0..64usize).prop_map(LinkId::Later),
        3 => (0..POOL).prop_map(LinkId::Pool),
        1 => any::<u64>().prop_map(LinkId::Stranger),
        1 => (0..4usize).prop_map(LinkId::Junk),
    ]
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        0..PRESETS.len(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![LogoutMode::DeleteAndExpire, LogoutMode::ClientOnly, LogoutMode::ServerOnly]),
        prop::sample::select(vec![Cleanup::OnRead, Cleanup::Sweeper, Cleanup::Never]),
    )
        .prop_map(|(preset, rotate, strict, logout, cleanup)| {
            let mut s = Settings::of(&PRESETS[preset], IdSourceSetting::Csprng);
            s.rotate_on_login = rotate;
            s.strict_adoption = strict;
            s.logout = logout;
            s.cleanup = cleanup;
            s
        })
}

/// The pool's ID `k` as an action, or `None` for a hand-forged cookie (done to the world directly).
fn action_of(op: &Op, pool: &[SessionId]) -> Option<Action> {
    Some(match op {
        Op::Act(action) => action.clone(),
        Op::Guess { browser, k } => Action::GuessTicket { browser: key(*browser), id: pool[*k].clone() },
        Op::Plant { browser, k } => Action::PlantTicket { browser: key(*browser), id: Some(pool[*k].clone()) },
        Op::Revoke { k } => Action::Revoke { id: Some(pool[*k].clone()) },
        Op::Forge { .. } => return None,
    })
}

/// The IDs a link carries: the first run's IDs, mutated position by position.
fn link_ids(
    drawn: &[String],
    plan: &[LinkId],
    pool: &[SessionId],
    format: IdFormat,
    format_sample: &str,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (i, how) in plan.iter().enumerate() {
        let same = drawn.get(i).cloned().unwrap_or_else(|| format!("{}{i}", &format_sample[..format_sample.len() / 2]));
        let id = match *how {
            LinkId::Same => same,
            LinkId::Earlier(j) if i > 0 => ids[j % i].clone(),
            LinkId::Earlier(_) => same,
            LinkId::Later(j) => drawn.get(i + 1 + j % 4).cloned().unwrap_or(same),
            LinkId::Pool(k) => pool[k].to_string(),
            // Seeded, so well-formed, and never drawn by the CSPRNG.
            LinkId::Stranger(seed) => IdSource::seeded(seed).next_id(format).unwrap().to_string(),
            LinkId::Junk(0) => String::new(),
            LinkId::Junk(1) => "1".to_owned(),
            LinkId::Junk(2) => format!("{format_sample}x"),
            LinkId::Junk(_) => format_sample.replace(|c: char| c.is_ascii_alphanumeric(), "!"),
        };
        ids.push(id);
    }
    ids
}

fn check(settings: Settings, ops: Vec<Op>, plan: Vec<LinkId>, pool_seed: u64) -> Result<(), TestCaseError> {
    let format = settings.preset().id_format;
    let mut pool_source = IdSource::seeded(pool_seed);
    let pool: Vec<SessionId> = (0..POOL).map(|_| pool_source.next_id(format).unwrap()).collect();
    // Strict adoption or rotation: no ID known in advance can ever become a session.
    let guarded = settings.strict_adoption || settings.rotate_on_login;

    // The first run: what the link is made from.
    let mut first = World::from_settings(settings.clone());
    for op in &ops {
        match action_of(op, &pool) {
            Some(action) => drop(first.apply(&action)),
            None => {
                if let Op::Forge { browser, k } = op {
                    forge(&mut first, *browser, pool[*k].as_str());
                }
            }
        }
    }
    let drawn: Vec<String> = first.drawn_ids().iter().map(|id| id.to_string()).collect();
    let sample = drawn.first().cloned().unwrap_or_else(|| pool[0].to_string());
    let link = link_ids(&drawn, &plan, &pool, format, &sample);

    // The replay, judged as it goes.
    let mut world = World::from_settings(settings);
    world.replay_ids(&link).map_err(TestCaseError::fail)?;
    // Everything the oracle has seen in this world: named, forged, drawn.
    let mut seen: HashSet<String> = HashSet::new();
    let mut dead: HashSet<SessionId> = HashSet::new();
    let mut expected_refusals: Vec<(usize, String)> = Vec::new();
    for op in &ops {
        let Some(action) = action_of(op, &pool) else {
            if let Op::Forge { browser, k } = op {
                forge(&mut world, *browser, pool[*k].as_str());
            }
            continue;
        };
        // A forged value is known once an action runs with it in a jar (a
        // value forged and overwritten before any action never was in the
        // world, and the world cannot know it), as the world notes them.
        let name = world.server().settings.cookie_name();
        for key in BROWSERS {
            for cookie in world.browser(key).unwrap().jar.cookies().iter().filter(|c| c.name == name) {
                seen.insert(cookie.value.clone());
            }
        }
        match &action {
            Action::GuessTicket { id, .. }
            | Action::PlantTicket { id: Some(id), .. }
            | Action::Revoke { id: Some(id) } => {
                seen.insert(id.to_string());
            }
            _ => {}
        }
        let before = world.drawn_ids().len();
        let trace = world.apply(&action).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Each new draw: the link's ID if the CSPRNG could have drawn it there, else refused.
        for position in before + 1..=world.drawn_ids().len() {
            let handed = world.drawn_ids()[position - 1].to_string();
            if let Some(proposed) = link.get(position - 1) {
                let possible = format.could_draw(proposed) && !seen.contains(proposed);
                if possible {
                    prop_assert_eq!(&handed, proposed, "position {}: a possible ID was not handed out", position);
                } else {
                    prop_assert_ne!(&handed, proposed, "position {}: an impossible ID was handed out", position);
                    expected_refusals.push((position, proposed.clone()));
                }
            }
            prop_assert!(!seen.contains(&handed), "position {}: the world handed out a known ID {}", position, handed);
            seen.insert(handed);
        }

        // The independent judge of every response.
        let mut cookie: Option<SessionId> = None;
        let mut state_at_read = None;
        for step in &trace.steps {
            if let Some(op) = &step.store_op {
                match op.kind {
                    // A permissive server without rotation adopts a browser's ID at login, a dead
                    // one too: that is its lesson. Guarded, a new record never takes a dead ID.
                    StoreOpKind::Insert => {
                        let id = op.id.clone().unwrap();
                        prop_assert!(!(guarded && dead.contains(&id)), "a deleted ID was filed again: {}", id);
                        dead.remove(&id);
                    }
                    StoreOpKind::Delete if op.found => {
                        dead.insert(op.id.clone().unwrap());
                    }
                    StoreOpKind::Rename => {
                        dead.insert(op.old_id.clone().unwrap());
                    }
                    StoreOpKind::DeleteUser | StoreOpKind::Sweep | StoreOpKind::Flush => {
                        dead.extend(op.removed.iter().cloned());
                    }
                    _ => {}
                }
            }
            match &step.kind {
                StepKind::CookieRead { id } => {
                    cookie = id.clone();
                    state_at_read = Some(step.state.clone());
                }
                StepKind::ResponseBuilt => {
                    let Some(message) = &step.message else { continue };
                    let body = message.body.as_deref().unwrap_or("");
                    if message.status != Some(200) || !body.starts_with("Profile of ") {
                        continue;
                    }
                    let user = body["Profile of ".len()..].split(' ').next().unwrap();
                    let id = cookie.clone();
                    prop_assert!(id.is_some(), "a profile was shown without a ticket");
                    let id = id.unwrap();
                    prop_assert!(!dead.contains(&id), "a deleted ticket was let in again: {}", id);
                    let state = state_at_read.as_ref().unwrap();
                    let record = state.store.iter().find(|r| r.id == id);
                    prop_assert!(record.is_some(), "a profile for an ID the store does not hold: {}", id);
                    let record = record.unwrap();
                    prop_assert_eq!(&record.user, user, "the profile of someone else's session");
                    prop_assert!(record.expired_at(state.now).is_none(), "an expired session was let in");
                    // Every drawn ID was checked to be unknown when it was drawn (above): so under
                    // strict adoption or rotation no ID known in advance can be a session.
                    if guarded {
                        prop_assert!(world.drawn_ids().contains(&id), "a session the CSPRNG never issued: {}", id);
                    }
                }
                _ => {}
            }
        }
        // A deleted record never comes back (a replayed ID cannot revive one).
        for record in world.snapshot().store.iter() {
            if guarded {
                prop_assert!(!dead.contains(&record.id), "a deleted ID is back in the store: {}", record.id);
            }
        }
    }
    // Every refusal was reported, at its position, and nothing else was.
    let reported: Vec<(usize, String)> = world.refused_ids().iter().map(|r| (r.position, r.id.clone())).collect();
    prop_assert_eq!(reported, expected_refusals);
    prop_assert!(world.refused_ids().iter().all(|r| !r.reason.is_empty()));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_shared_link_hands_out_only_ids_the_csprng_could_have_drawn(
        settings in settings(),
        ops in prop::collection::vec(op(), 1..40),
        plan in prop::collection::vec(link_id(), 0..40),
        pool_seed in any::<u64>(),
    ) {
        check(settings, ops, plan, pool_seed)?;
    }
}

/// The two attacks a link could once carry, spelled out.
#[test]
fn a_link_cannot_revive_a_revoked_ticket_nor_fix_a_guessed_one() {
    let settings = Settings::of(&PRESETS[0], IdSourceSetting::Csprng);
    let login = |browser: &str, user: &str, password: &str| Action::Login {
        browser: browser.into(),
        username: user.into(),
        password: password.into(),
    };
    let visit = |browser: &str| Action::Visit { browser: browser.into(), path: "/profile".into() };

    // Alice's ticket is copied to Mallory and revoked; the link hands the same ID to Bob's login.
    let mut world = World::from_settings(settings.clone());
    world.apply(&login("laptop", "alice", "wonderland")).unwrap();
    let alice = world.drawn_ids()[0].to_string();
    let mut replay = World::from_settings(settings.clone());
    replay.replay_ids(&[alice.clone(), alice.clone()]).unwrap();
    replay.apply(&login("laptop", "alice", "wonderland")).unwrap();
    replay.apply(&Action::CopyCookie { from: "laptop".into(), to: "mallory".into() }).unwrap();
    replay.apply(&Action::Revoke { id: None }).unwrap();
    replay.apply(&login("phone", "bob", "builder")).unwrap();
    let body = |trace: &session_playground::Trace| {
        trace.steps.iter().filter_map(|s| s.message.as_ref()?.body.clone()).next_back().unwrap_or_default()
    };
    let mallory = replay.apply(&visit("mallory")).unwrap();
    assert!(!body(&mallory).starts_with("Profile of"), "{}", body(&mallory));
    assert_ne!(replay.drawn_ids()[1].as_str(), alice);
    assert_eq!(replay.refused_ids()[0].position, 2);
    assert!(replay.refused_ids()[0].reason.contains("handed out before"), "{}", replay.refused_ids()[0].reason);

    // Mallory guesses an ID; the link hands that very ID to Alice's login.
    let mut guessed = IdSource::seeded(9);
    let id = guessed.next_id(settings.preset().id_format).unwrap();
    let mut replay = World::from_settings(settings);
    replay.replay_ids(&[id.to_string()]).unwrap();
    replay.apply(&Action::GuessTicket { browser: "mallory".into(), id: id.clone() }).unwrap();
    replay.apply(&login("laptop", "alice", "wonderland")).unwrap();
    let mallory = replay.apply(&visit("mallory")).unwrap();
    assert!(!body(&mallory).starts_with("Profile of"), "{}", body(&mallory));
    assert_ne!(replay.drawn_ids()[0], id);
    assert!(replay.refused_ids()[0].reason.contains("already in the world"), "{}", replay.refused_ids()[0].reason);
}
