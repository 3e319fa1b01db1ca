//! The long-session benchmark, natively: the growing-store storm (client-only
//! logout, no timeouts, no cleanup, alternating logins and logouts on Alice's
//! laptop, so every login leaves its record behind) through a [`Timeline`].
//!
//! - 10,000 actions clicked one by one (each traced, as the page runs a
//!   reader's action), timed in blocks of 2,000, with the process's resident
//!   memory (`VmRSS` from `/proc/self/status`, Linux only) and what the
//!   timeline keeps;
//! - the same 10,000 replayed untraced, as a shared link opens, and 3,000;
//! - then reading steps back: the newest, one from the middle, the first.
//!
//! Run with `cargo run --release --example bench_timeline` (`make bench-timeline`).

use session_playground::{Timeline, World};
use std::time::Instant;

#[path = "../tests/support/storm.rs"]
mod storm;
use storm::{storm_action, storm_settings};

/// The resident memory of this process in MB, where the system says.
fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1000.0)
}

fn rss() -> String {
    rss_mb().map_or_else(|| "n/a".to_owned(), |mb| format!("{mb:.1} MB"))
}

fn main() {
    const ACTIONS: usize = 10_000;
    const BLOCK: usize = 2_000;
    println!(
        "The growing-store storm, {ACTIONS} actions, natively (release build); resident memory at start {}",
        rss()
    );

    let mut world = World::from_settings(storm_settings());
    let mut timeline = Timeline::new(&world);
    for block in 0..ACTIONS / BLOCK {
        let start = Instant::now();
        for i in block * BLOCK..(block + 1) * BLOCK {
            timeline.apply(&mut world, &storm_action(i)).expect("the storm runs");
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / BLOCK as f64;
        let kept = timeline.retained();
        println!(
            "  traced actions {}-{}: {ms:.3} ms an action; store {} records; resident {}; timeline: {} checkpoints \
             holding {} records, {} traces",
            block * BLOCK + 1,
            (block + 1) * BLOCK,
            world.store().len(),
            rss(),
            kept.checkpoints,
            kept.checkpoint_records,
            kept.traces,
        );
    }

    let steps = timeline.len();
    let time = |what: &str, timeline: &mut Timeline, world: &World, index: usize| {
        let start = Instant::now();
        let step = timeline.step(world, index).expect("the step exists");
        let records = step.state.store.len();
        println!("  {what} (step {index} of {steps}, store {records} records): {:.2} ms", ms_since(start));
    };
    println!("Reading steps back:");
    time("the newest step", &mut timeline, &world, steps - 1);
    time("a step in the middle", &mut timeline, &world, steps / 2);
    time("the next step", &mut timeline, &world, steps / 2 + 1);
    time("the first step", &mut timeline, &world, 0);

    for actions in [3_000, ACTIONS] {
        let mut world = World::from_settings(storm_settings());
        let mut timeline = Timeline::new(&world);
        let start = Instant::now();
        for i in 0..actions {
            timeline.apply_untraced(&mut world, &storm_action(i)).expect("the storm runs");
        }
        let ms = ms_since(start);
        println!(
            "Replayed untraced (a shared link opening): {actions} actions, {} steps, in {ms:.1} ms ({:.4} ms an action)",
            timeline.len(),
            ms / actions as f64
        );
    }
    println!("Resident memory at the end: {}", rss());
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
