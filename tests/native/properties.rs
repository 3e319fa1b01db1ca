//! Property tests of the model's invariants, over random settings and
//! random sequences of actions (including forged tickets):
//!
//! - a request carrying an ID whose record was deleted (revoked, logged out on
//!   the server, swept, lost) or has expired is never authenticated;
//! - session IDs never repeat (with random IDs; a sequential counter that
//!   restarts repeats, which is exactly its flaw, but it never reuses a live one);
//! - an ID the server never issued is never adopted;
//! - with the sweeper on, the store holds only live sessions once time has passed;
//! - all of these with several app servers too, each with its own memory or
//!   sharing one store, while servers stop and start and the store goes down.

#![cfg(not(target_arch = "wasm32"))]

use crate::support::forge;
use proptest::prelude::*;
use session_playground::cookie::SameSite;
use session_playground::ids::IdSourceSetting;
use session_playground::jar::SameSiteDefault;
use session_playground::preset::{Cleanup, LogoutMode, Settings, PRESETS};
use session_playground::store::Record;
use session_playground::topology::{Balancing, StoreLayout};
use session_playground::StoreOpKind;
use session_playground::{Action, SessionId, World, BROWSERS};
use std::collections::HashSet;

#[derive(Clone, Debug)]
pub(crate) enum Op {
    Act(Action),
    /// Put a made-up ticket in a browser's jar.
    Forge {
        browser: usize,
        value: String,
    },
    /// Plant a made-up ID through a subdomain.
    Plant {
        browser: usize,
        id: String,
    },
}

fn browser() -> impl Strategy<Value = usize> {
    0..BROWSERS.len()
}

fn key(i: usize) -> String {
    BROWSERS[i].to_owned()
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    let user = prop::sample::select(vec![
        ("alice", "wonderland"),
        ("bob", "builder"),
        ("mallory", "hunter2"),
        ("alice", "wrong"),
    ]);
    prop_oneof![
        4 => (browser(), user).prop_map(|(b, (u, p))| Op::Act(Action::Login { browser: key(b), username: u.into(), password: p.into() })),
        5 => browser().prop_map(|b| Op::Act(Action::Visit { browser: key(b), path: "/profile".into() })),
        2 => browser().prop_map(|b| Op::Act(Action::Logout { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::LogoutEverywhere { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::ChangePassword { browser: key(b), password: "new".into() })),
        1 => Just(Op::Act(Action::Revoke { id: None })),
        1 => browser().prop_map(|b| Op::Act(Action::RevokeHeldBy { browser: key(b) })),
        1 => prop::sample::select(vec!["alice", "bob", "mallory"]).prop_map(|u| Op::Act(Action::RevokeUser { user: u.into() })),
        2 => (browser(), browser()).prop_filter("two browsers", |(a, b)| a != b)
            .prop_map(|(a, b)| Op::Act(Action::CopyCookie { from: key(a), to: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::CloseBrowser { browser: key(b) })),
        3 => prop::sample::select(vec![1u64, 60, 600, 1439, 1440, 1799, 1800, 3600, 28_800, 86_400, 1_209_600])
            .prop_map(|secs| Op::Act(Action::Wait { secs })),
        1 => Just(Op::Act(Action::RestartServer)),
        2 => (browser(), "[A-Za-z0-9_-]{4,32}").prop_map(|(b, v)| Op::Forge { browser: b, value: format!("forged{v}") }),
        1 => (browser(), "[A-Za-z0-9]{4,12}").prop_map(|(b, v)| Op::Plant { browser: b, id: format!("forged{v}") }),
        1 => browser().prop_map(|b| Op::Act(Action::PlantTicket { browser: key(b), id: None })),
        1 => browser().prop_map(|b| Op::Act(Action::ScriptTheft { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::VisitOverHttp { browser: key(b), path: "/profile".into() })),
        1 => (1u8..=3).prop_map(|server| Op::Act(Action::StopServer { server })),
        1 => (1u8..=3).prop_map(|server| Op::Act(Action::StartServer { server })),
        1 => prop::bool::ANY.prop_map(|down| Op::Act(if down { Action::StopStore } else { Action::StartStore })),
        1 => browser().prop_map(|b| Op::Act(Action::CrossSiteForm {
            browser: key(b),
            path: "/password".into(),
            fields: vec![("password".into(), "forged-by-mallory".into())],
        })),
    ]
}

pub(crate) fn settings(random_ids: bool) -> impl Strategy<Value = Settings> {
    (
        0..PRESETS.len(),
        any::<bool>(),
        prop::sample::select(vec![LogoutMode::DeleteAndExpire, LogoutMode::ClientOnly, LogoutMode::ServerOnly]),
        prop::sample::select(vec![Cleanup::OnRead, Cleanup::Sweeper, Cleanup::Never]),
        any::<u32>(),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::sample::select(vec![None, Some(SameSite::Lax), Some(SameSite::Strict)]),
        ),
        (any::<bool>(), any::<bool>()),
        (
            prop::sample::select(vec![1u8, 1, 2, 3]),
            prop::sample::select(Balancing::ALL.to_vec()),
            prop::sample::select(StoreLayout::ALL.to_vec()),
        ),
    )
        .prop_map(
            move |(
                preset,
                rotate,
                logout,
                cleanup,
                seed,
                (http_only, secure, host_prefix, same_site),
                (strict, lax_default),
                (servers, balancing, store_layout),
            )| {
                let ids = if random_ids {
                    IdSourceSetting::Seeded { seed: seed.into() }
                } else {
                    IdSourceSetting::Sequential
                };
                let mut s = Settings::of(&PRESETS[preset], ids);
                s.rotate_on_login = rotate;
                s.logout = logout;
                s.cleanup = cleanup;
                s.http_only = http_only;
                s.secure = secure || host_prefix;
                s.host_prefix = host_prefix;
                s.same_site = same_site;
                s.strict_adoption = strict;
                s.browser_same_site_default = if lax_default { SameSiteDefault::Lax } else { SameSiteDefault::None };
                s.servers = servers;
                s.balancing = balancing;
                s.store_layout = store_layout;
                s
            },
        )
}

/// What one run observed, for the invariants to judge.
#[derive(Default)]
struct Observed {
    issued: Vec<SessionId>,
    /// IDs whose record was deleted or found expired: never authenticated again.
    dead: HashSet<SessionId>,
    /// IDs whose record was deleted: never in the store again (expired ones may linger).
    deleted: HashSet<SessionId>,
    forged: HashSet<String>,
}

/// Runs the ops and checks every invariant after every step.
fn check_run(settings: Settings, ops: Vec<Op>, random_ids: bool) -> Result<(), TestCaseError> {
    let sweeper = settings.cleanup == Cleanup::Sweeper;
    // A permissive server adopts IDs it never issued, at a login without
    // rotation: that is its flaw, so the ID checks need strict adoption.
    let strict = settings.strict_adoption || settings.rotate_on_login;
    // With one store per server, a server that adopts IDs may file one that
    // lives in another server's memory: each server checks only its own.
    let own_memory = settings.servers > 1 && settings.store_layout == StoreLayout::PerServer;
    let servers = settings.servers;
    // With one server and no balancer there is no server to stop or start: the world refuses.
    let clustered = settings.clustered();
    let mut world = World::from_settings(settings);
    let mut seen = Observed::default();
    for op in ops {
        let action = match op {
            Op::Forge { browser, value } => {
                seen.forged.insert(value.clone());
                forge(&mut world, browser, &value);
                continue;
            }
            Op::Plant { browser, id } => {
                seen.forged.insert(id.clone());
                Action::PlantTicket { browser: key(browser), id: Some(SessionId::from_untrusted(&id)) }
            }
            Op::Act(Action::StopServer { server } | Action::StartServer { server })
                if server > servers || !clustered =>
            {
                continue
            }
            Op::Act(action) => action,
        };
        let before: Vec<Record> = world.snapshot().store.to_vec();
        let trace = world.apply(&action).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut previous_store = before;
        for step in &trace.steps {
            if let Some(op) = &step.store_op {
                let id = op.id.clone();
                match op.kind {
                    StoreOpKind::Lookup if op.found && op.expired.is_none() => {
                        let id = id.unwrap();
                        // Authenticated: the ID must be live, issued, and not expired just before.
                        // (A sequential counter that restarts hands out a dead ID again:
                        // that is its flaw, so this holds for random IDs only.)
                        if random_ids && strict {
                            prop_assert!(!seen.dead.contains(&id), "a dead ID was authenticated: {id}");
                        }
                        if strict {
                            prop_assert!(!seen.forged.contains(id.as_str()), "a forged ID was adopted: {id}");
                        }
                        // With one store per server, a permissive server may have filed the same ID
                        // in another server's memory too, where it can have expired: one copy must be live.
                        let mut copies = previous_store.iter().filter(|r| r.id == id).peekable();
                        prop_assert!(copies.peek().is_some(), "found in the store");
                        let live = copies.any(|record| record.expired_at(step.state.now).is_none());
                        prop_assert!(live, "an expired record was accepted");
                    }
                    StoreOpKind::Lookup => {
                        if op.expired.is_some() {
                            seen.dead.insert(id.unwrap());
                        }
                    }
                    StoreOpKind::Insert => {
                        let id = id.unwrap();
                        if strict {
                            prop_assert!(!seen.forged.contains(id.as_str()), "a forged ID was filed: {id}");
                        } else {
                            seen.issued.retain(|i| i != &id);
                        }
                        if random_ids {
                            prop_assert!(!seen.issued.contains(&id), "an ID repeated: {id}");
                        }
                        if strict || !own_memory {
                            prop_assert!(!previous_store.iter().any(|r| r.id == id), "a live ID was reused: {id}");
                        }
                        seen.issued.push(id);
                    }
                    StoreOpKind::Rename => {
                        let id = id.unwrap();
                        if random_ids {
                            prop_assert!(!seen.issued.contains(&id), "an ID repeated: {id}");
                        }
                        seen.issued.push(id);
                        seen.dead.insert(op.old_id.clone().unwrap());
                        seen.deleted.insert(op.old_id.clone().unwrap());
                    }
                    StoreOpKind::Update => {
                        let id = id.unwrap();
                        prop_assert!(
                            seen.issued.contains(&id) || !strict,
                            "a session the server never issued was updated: {id}"
                        );
                    }
                    StoreOpKind::Delete => {
                        if op.found {
                            let id = id.unwrap();
                            seen.dead.insert(id.clone());
                            seen.deleted.insert(id);
                        }
                    }
                    StoreOpKind::Failed => {}
                    StoreOpKind::DeleteUser | StoreOpKind::Sweep | StoreOpKind::Flush => {
                        seen.dead.extend(op.removed.iter().cloned());
                        seen.deleted.extend(op.removed.iter().cloned());
                    }
                }
            }
            previous_store = step.state.store.to_vec();
        }
        // With random IDs, a dead ID can never come back to life in the store.
        // (A permissive server revives a dead ID when a browser still holding it logs in.)
        if random_ids && strict {
            for record in world.snapshot().store.iter() {
                prop_assert!(!seen.deleted.contains(&record.id), "a deleted ID is back in the store: {}", record.id);
            }
        }
        if sweeper && matches!(action, Action::Wait { .. }) {
            let now = trace.steps.last().unwrap().state.now;
            for record in world.snapshot().store.iter() {
                prop_assert!(record.expired_at(now).is_none(), "the sweeper left an expired record: {}", record.id);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_with_random_ids(settings in settings(true), ops in prop::collection::vec(op(), 1..60)) {
        check_run(settings, ops, true)?;
    }

    #[test]
    fn even_sequential_ids_never_reuse_a_live_session(settings in settings(false), ops in prop::collection::vec(op(), 1..60)) {
        check_run(settings, ops, false)?;
    }
}
