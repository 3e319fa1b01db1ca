//! The scale lab's benchmark, natively: the 1,000,000-request, 100,000-user
//! run on 4 servers, several times per topology, printing the fastest and
//! the median simulated requests per second (the fastest is the least
//! disturbed by other work on the machine) and the bytes per session record.
//! `make bench` runs it in release mode, then the same runs in headless
//! Chromium (`scripts/bench-browser.mjs`, which reads these lines for the ratio).

use session_playground::scale::{ScaleConfig, ScaleRun, MAX_REQUESTS, MAX_USERS, REDIS_BYTES_PER_RECORD};
use session_playground::topology::{Balancing, StoreLayout};
use std::time::Instant;

/// Timed runs per topology.
const RUNS: usize = 15;

/// The topologies measured, the same in `scripts/bench-browser.mjs`.
const TOPOLOGIES: [(StoreLayout, Balancing); 3] = [
    (StoreLayout::PerServer, Balancing::RoundRobin),
    (StoreLayout::PerServer, Balancing::Sticky),
    (StoreLayout::Shared, Balancing::Random),
];

fn main() {
    println!("1,000,000 requests from 100,000 users on 4 servers, seed 1; fastest and median of {RUNS} runs each");
    for (layout, balancing) in TOPOLOGIES {
        let config = ScaleConfig {
            users: MAX_USERS,
            requests: MAX_REQUESTS,
            servers: 4,
            balancing,
            layout,
            ..ScaleConfig::default()
        };
        let mut rates = Vec::new();
        let mut found = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let result = ScaleRun::run(config).expect("a valid configuration");
            rates.push(config.requests as f64 / start.elapsed().as_secs_f64());
            found = result.found;
        }
        rates.sort_by(f64::total_cmp);
        println!(
            "native {} {} {:.0} simulated requests/s (median {:.0}; found {found})",
            layout.key(),
            balancing.key(),
            rates[RUNS - 1],
            rates[RUNS / 2]
        );
    }
    let result = ScaleRun::run(ScaleConfig { users: MAX_USERS, requests: 1, ..ScaleConfig::default() }).expect("valid");
    println!(
        "bytes per session record: {} in the simulator (a user's slot: the store holding the record, the sticky pin); \
         about {REDIS_BYTES_PER_RECORD} in Redis (estimate: key sess:<32-character ID>, express-session's JSON, Redis 7's structures)",
        result.memory.simulator_bytes_per_user
    );
}
