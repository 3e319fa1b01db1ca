//! The built-in guided tours: scenario files from `scenarios/`, compiled in.
//!
//! Tours are ordinary scenarios in the documented JSON format, so the page,
//! the tests and the transcript tool all read the same files an author would
//! write.

use crate::scenario::{Scenario, ScenarioError};

/// Every tour: its key (the file name) and its JSON text, in teaching order.
pub const TOURS: [(&str, &str); 23] = [
    ("coat-check", include_str!("../scenarios/coat-check.json")),
    ("revocation", include_str!("../scenarios/revocation.json")),
    ("logout-done-right", include_str!("../scenarios/logout-done-right.json")),
    ("logout-client-only", include_str!("../scenarios/logout-client-only.json")),
    ("logout-server-only", include_str!("../scenarios/logout-server-only.json")),
    ("idle-timeout", include_str!("../scenarios/idle-timeout.json")),
    ("absolute-timeout", include_str!("../scenarios/absolute-timeout.json")),
    ("cookie-and-record", include_str!("../scenarios/cookie-and-record.json")),
    ("log-out-everywhere", include_str!("../scenarios/log-out-everywhere.json")),
    ("password-change", include_str!("../scenarios/password-change.json")),
    ("server-restart", include_str!("../scenarios/server-restart.json")),
    ("server-restart-redis", include_str!("../scenarios/server-restart-redis.json")),
    ("load-balancer-round-robin", include_str!("../scenarios/load-balancer-round-robin.json")),
    ("sticky-sessions", include_str!("../scenarios/sticky-sessions.json")),
    ("shared-store", include_str!("../scenarios/shared-store.json")),
    ("store-outage", include_str!("../scenarios/store-outage.json")),
    ("attack-stolen-ticket", include_str!("../scenarios/attack-stolen-ticket.json")),
    ("session-fixation", include_str!("../scenarios/session-fixation.json")),
    ("attack-made-up-id", include_str!("../scenarios/attack-made-up-id.json")),
    ("attack-guessed-id", include_str!("../scenarios/attack-guessed-id.json")),
    ("attack-script-theft", include_str!("../scenarios/attack-script-theft.json")),
    ("attack-csrf", include_str!("../scenarios/attack-csrf.json")),
    ("attack-plain-http", include_str!("../scenarios/attack-plain-http.json")),
];

/// The tour with this key, parsed. `None` if there is no such tour.
pub fn tour(key: &str) -> Option<Result<Scenario, ScenarioError>> {
    TOURS.iter().find(|(k, _)| *k == key).map(|(_, json)| Scenario::from_json(json))
}
