//! The timeline: a long session's steps come back exactly as they were
//! first traced, from a history whose size grows with the session's length,
//! not with the store's size times the steps.
//!
//! - Over random settings and actions, every step the timeline gives back
//!   (from checkpoints, untraced replays and kept traces) equals the step
//!   as a fully traced run produced it, and an untraced action leaves the
//!   world exactly as a traced one does.
//! - The growing-store storm (client-only logout, no timeouts, no cleanup,
//!   alternating logins and logouts): what the timeline keeps grows in
//!   proportion to the actions, and any step, early or late, shows the
//!   store as it was then.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use session_playground::ids::IdSourceSetting;
use session_playground::preset::{LogoutMode, Settings, PRESETS};
use session_playground::topology::StoreLayout;
use session_playground::{Action, SessionId, Step, Timeline, World, BROWSERS};

use crate::support::storm::{storm_action, storm_settings};

fn key(i: usize) -> String {
    BROWSERS[i].to_owned()
}

fn action() -> impl Strategy<Value = Action> {
    let browser = || 0..BROWSERS.len();
    let user = prop::sample::select(vec![("alice", "wonderland"), ("bob", "builder"), ("alice", "nope")]);
    prop_oneof![
        6 => (browser(), user).prop_map(|(b, (u, p))| Action::Login { browser: key(b), username: u.into(), password: p.into() }),
        4 => browser().prop_map(|b| Action::Visit { browser: key(b), path: "/profile".into() }),
        3 => browser().prop_map(|b| Action::Logout { browser: key(b) }),
        1 => Just(Action::Revoke { id: None }),
        1 => (browser(), browser()).prop_map(|(a, b)| Action::CopyCookie { from: key(a), to: key(b) }),
        1 => browser().prop_map(|b| Action::CloseBrowser { browser: key(b) }),
        2 => prop::sample::select(vec![60u64, 3600, 86_400]).prop_map(|secs| Action::Wait { secs }),
        1 => Just(Action::RestartServer),
        1 => Just(Action::StartOverWith { defence: session_playground::defence::Defence::Rotation }),
        1 => browser().prop_map(|b| Action::GuessTicket { browser: key(b), id: SessionId::from_untrusted("guessed") }),
        1 => browser().prop_map(|b| Action::PlantTicket { browser: key(b), id: None }),
        1 => (1u8..=2).prop_map(|server| Action::StopServer { server }),
        1 => (1u8..=2).prop_map(|server| Action::StartServer { server }),
        // An action the world refuses: recorded, with no steps.
        1 => Just(Action::Visit { browser: "tablet".into(), path: "/profile".into() }),
    ]
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        0..PRESETS.len(),
        prop::sample::select(vec![
            IdSourceSetting::Csprng,
            IdSourceSetting::Seeded { seed: 7 },
            IdSourceSetting::Sequential,
        ]),
        prop::sample::select(vec![LogoutMode::DeleteAndExpire, LogoutMode::ClientOnly]),
        prop::sample::select(vec![1u8, 1, 1, 2]),
        any::<bool>(),
    )
        .prop_map(|(preset, ids, logout, servers, shared)| {
            let mut s = Settings::of(&PRESETS[preset], ids);
            s.logout = logout;
            s.servers = servers;
            s.store_layout = if shared { StoreLayout::Shared } else { StoreLayout::PerServer };
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_step_comes_back_as_it_was_first_traced(
        settings in settings(),
        actions in prop::collection::vec((action(), any::<bool>()), 1..140),
        probes in prop::collection::vec(any::<prop::sample::Index>(), 1..30),
    ) {
        // The reference: every action traced, every step kept.
        let mut reference = World::from_settings(settings.clone());
        let mut world = World::from_settings(settings);
        let mut timeline = Timeline::new(&world);
        let mut all: Vec<Step> = Vec::new();
        for (action, traced) in &actions {
            let expected = reference.apply(action);
            if let Ok(trace) = &expected {
                all.extend(trace.steps.iter().cloned());
            }
            // Both worlds draw the same IDs: the reference's CSPRNG IDs, handed to the other.
            world.replay_ids(&reference.drawn_ids()[world.drawn_ids().len()..].iter().map(|id| id.to_string()).collect::<Vec<_>>()).ok();
            if *traced {
                let trace = timeline.apply(&mut world, action);
                prop_assert_eq!(trace.as_ref().map(|t| t.steps.len()).ok(), expected.as_ref().map(|t| t.steps.len()).ok());
            } else {
                let steps = timeline.apply_untraced(&mut world, action);
                prop_assert_eq!(steps.ok(), expected.as_ref().map(|t| t.steps.len()).ok());
            }
            prop_assert_eq!(world.snapshot(), reference.snapshot(), "untraced and traced worlds differ after {:?}", action);
        }
        prop_assert_eq!(timeline.len(), all.len());
        prop_assert!(timeline.step(&world, all.len()).is_none());
        if all.is_empty() {
            return Ok(());
        }
        // Walking back from the end, then jumping about.
        let mut indices: Vec<usize> = (0..all.len()).rev().take(25).collect();
        indices.extend(probes.iter().map(|p| p.index(all.len())));
        for index in indices {
            let step = timeline.step(&world, index).cloned();
            prop_assert_eq!(step.as_ref(), Some(&all[index]), "step {}", index);
        }
    }
}

#[test]
fn a_long_session_keeps_a_history_in_proportion_to_its_length() {
    const ACTIONS: usize = 3_000;
    let mut world = World::from_settings(storm_settings());
    let mut timeline = Timeline::new(&world);
    let mut store_after: Vec<(usize, usize)> = Vec::new();
    for i in 0..ACTIONS {
        // Half traced (the reader clicking), half untraced (a shared link replaying).
        if i < ACTIONS / 2 {
            timeline.apply_untraced(&mut world, &storm_action(i)).unwrap();
        } else {
            timeline.apply(&mut world, &storm_action(i)).unwrap();
        }
        store_after.push((timeline.len() - 1, world.store().len()));
    }
    assert_eq!(world.store().len(), ACTIONS / 2, "every login left its record");

    let kept = timeline.retained();
    assert_eq!(kept.actions, ACTIONS);
    // Every step's snapshot would hold the store: the sum over all steps is quadratic.
    let quadratic: usize = store_after.iter().map(|(_, records)| records).sum();
    assert!(quadratic > 2_000_000, "the storm grows the store: {quadratic}");
    // The checkpoints hold a few records per action (about eight times the final
    // store, here half a record an action), not the store at every step.
    assert!(
        kept.checkpoint_records <= 5 * ACTIONS,
        "{} records in {} checkpoints for {ACTIONS} actions",
        kept.checkpoint_records,
        kept.checkpoints
    );
    assert!(kept.traces <= 3 && kept.trace_steps <= 3 * 12, "{kept:?}");

    // Any step shows the store as it was then: early, in the middle, late.
    for &(last_step, records) in [store_after[0], store_after[ACTIONS / 3], store_after[ACTIONS - 2]].iter() {
        let step = timeline.step(&world, last_step).unwrap();
        assert_eq!(step.state.store.len(), records, "step {last_step}");
    }
    // Stepping through the steps of one action keeps a bounded number of traces.
    for index in (timeline.len() - 40..timeline.len()).rev() {
        timeline.step(&world, index).unwrap();
    }
    assert!(timeline.retained().traces <= 3);
}

/// Every built-in tour through a timeline: untraced actions count the same
/// moments as traced ones, and its steps come back exactly as traced, start-overs included, whose prepared start the world runs again
/// itself (so a replay from a checkpoint lands where the tour began).
#[test]
fn every_tour_comes_back_step_by_step_from_its_timeline() {
    for (key, _) in session_playground::tours::TOURS {
        let scenario = session_playground::tours::tour(key).unwrap().unwrap();
        let mut world = scenario.start();
        let mut timeline = Timeline::new(&world);
        let mut traced: Vec<Step> = Vec::new();
        for step in &scenario.steps {
            // Untraced, an action still knows its moments: the same as traced.
            let mut untraced = world.clone();
            let sizes = untraced.apply_untraced_moments(&step.action).unwrap();
            let trace = timeline.apply(&mut world, &step.action).unwrap();
            assert_eq!(sizes, trace.moment_sizes(), "{key}: {}", step.action.label());
            traced.extend(trace.steps);
        }
        // The same steps the tour's transcript plays (its snapshot's source).
        let played: Vec<Step> = scenario.play().into_iter().flat_map(|p| p.trace.steps).collect();
        assert!(played == traced, "{key}: the timeline's run differs from the tour's own");
        // Read back oldest first, so every action but the newest few is rebuilt.
        for (index, step) in traced.iter().enumerate() {
            assert_eq!(timeline.step(&world, index), Some(step), "{key}: step {index}");
        }
    }
}
