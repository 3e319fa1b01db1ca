//! The scale lab's benchmark, natively: the 1,000,000-request, 100,000-user
//! run on 4 servers, per topology: warm-up runs first, then samples of
//! several runs back to back (each sample times them together, so that no
//! sample is shorter than the browser's clock can time well), printing the
//! fastest and the median sample in simulated requests per second (the
//! fastest is the least disturbed by other work on the machine) and the
//! bytes per session record.
//! `make bench` runs it in release mode, then the same runs in headless
//! Chromium (`scripts/bench-browser.mjs`, which reads these lines for the ratio).

use session_playground::scale::{ScaleConfig, ScaleRun, MAX_REQUESTS, MAX_USERS, REDIS_BYTES_PER_RECORD};
use session_playground::topology::{Balancing, StoreLayout};
use std::time::Instant;

/// Untimed runs per topology before the samples.
const WARM_UP: usize = 3;
/// Timed samples per topology.
const SAMPLES: usize = 15;
/// Runs back to back in one sample.
const RUNS_PER_SAMPLE: usize = 5;

/// The topologies measured, the same in `scripts/bench-browser.mjs`.
const TOPOLOGIES: [(StoreLayout, Balancing); 3] = [
    (StoreLayout::PerServer, Balancing::RoundRobin),
    (StoreLayout::PerServer, Balancing::Sticky),
    (StoreLayout::Shared, Balancing::Random),
];

fn main() {
    println!(
        "1,000,000 requests from 100,000 users on 4 servers, seed 1; after {WARM_UP} warm-up runs, the fastest and \
         median of {SAMPLES} samples of {RUNS_PER_SAMPLE} runs each"
    );
    for (layout, balancing) in TOPOLOGIES {
        let config = ScaleConfig {
            users: MAX_USERS,
            requests: MAX_REQUESTS,
            servers: 4,
            balancing,
            layout,
            ..ScaleConfig::default()
        };
        let mut found = 0;
        for _ in 0..WARM_UP {
            found = ScaleRun::run(config).expect("a valid configuration").found;
        }
        let mut rates = Vec::new();
        for _ in 0..SAMPLES {
            let start = Instant::now();
            for _ in 0..RUNS_PER_SAMPLE {
                found = std::hint::black_box(ScaleRun::run(config).expect("a valid configuration")).found;
            }
            rates.push((RUNS_PER_SAMPLE as u64 * config.requests) as f64 / start.elapsed().as_secs_f64());
        }
        rates.sort_by(f64::total_cmp);
        println!(
            "native {} {} {:.0} simulated requests/s (median {:.0}; found {found})",
            layout.key(),
            balancing.key(),
            rates[SAMPLES - 1],
            rates[SAMPLES / 2]
        );
    }
    let result = ScaleRun::run(ScaleConfig { users: MAX_USERS, requests: 1, ..ScaleConfig::default() }).expect("valid");
    println!(
        "bytes per session record: {} in the simulator (a user's slot: the store holding the record, the sticky pin); \
         about {REDIS_BYTES_PER_RECORD} in Redis (estimate: key sess:<32-character ID>, express-session's JSON, Redis 7's structures)",
        result.memory.simulator_bytes_per_user
    );
}
