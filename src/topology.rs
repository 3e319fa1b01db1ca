//! The shape of a deployment: how many app servers stand behind the load
//! balancer, how the balancer picks one for each request, where the session
//! records live, and what each store operation costs.
//!
//! Server-side sessions have two costs that a single server hides: a lookup
//! on every request, and state that every server must reach. This module
//! names the choices and holds the cost model's numbers, so the stepper and
//! the scale lab count the same things with the same figures.

use serde::Serialize;

/// The most app servers a topology can have.
pub const MAX_SERVERS: u8 = 8;

/// How the load balancer picks an app server for a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Balancing {
    /// Each request goes to the next server in turn.
    #[default]
    RoundRobin,
    /// Each request goes to a server picked at random (from the world's seeded source).
    Random,
    /// The first request goes to a server picked in turn; the balancer then
    /// sets its own affinity cookie (like AWS's `AWSALB`) naming that server,
    /// and sends every later request that carries it to the same server.
    Sticky,
}

impl Balancing {
    /// Every policy, in the order the page offers them.
    pub const ALL: [Balancing; 3] = [Balancing::RoundRobin, Balancing::Random, Balancing::Sticky];

    /// The policy's key in scenario files and on the page.
    pub fn key(self) -> &'static str {
        match self {
            Balancing::RoundRobin => "roundRobin",
            Balancing::Random => "random",
            Balancing::Sticky => "sticky",
        }
    }

    /// The policy with this key, if any.
    pub fn from_key(key: &str) -> Option<Balancing> {
        Balancing::ALL.into_iter().find(|b| b.key() == key)
    }

    /// The policy in words.
    pub fn label(self) -> &'static str {
        match self {
            Balancing::RoundRobin => "round-robin",
            Balancing::Random => "random",
            Balancing::Sticky => "sticky sessions",
        }
    }
}

/// Where the session records live.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StoreLayout {
    /// Each app server keeps its own records in its own memory (express's
    /// `MemoryStore`, tower's `MemoryStore`): a lookup is a hash-map read in
    /// the process, and no other server can see the record.
    #[default]
    PerServer,
    /// One store (Redis-like) that every app server reaches over the network:
    /// any server can serve anyone, and every lookup is a round trip.
    Shared,
}

impl StoreLayout {
    /// Both layouts, in the order the page offers them.
    pub const ALL: [StoreLayout; 2] = [StoreLayout::PerServer, StoreLayout::Shared];

    /// The layout's key in scenario files and on the page.
    pub fn key(self) -> &'static str {
        match self {
            StoreLayout::PerServer => "perServer",
            StoreLayout::Shared => "shared",
        }
    }

    /// The layout with this key, if any.
    pub fn from_key(key: &str) -> Option<StoreLayout> {
        StoreLayout::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The layout in words.
    pub fn label(self) -> &'static str {
        match self {
            StoreLayout::PerServer => "one in-memory store per server",
            StoreLayout::Shared => "one shared store over the network",
        }
    }
}

/// The modelled cost of session work, in nanoseconds. These are stated
/// assumptions, shown on the page next to every figure computed from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostModel {
    /// One operation on a store in the server's own memory: a hash-map
    /// lookup and decoding a small record.
    pub in_process_ns: u64,
    /// One network round trip to a shared store in the same data centre,
    /// typically. Redis's latency guide gives about 200 µs for a 1 Gbit/s network.
    pub round_trip_ns: u64,
    /// A slow round trip (a retransmit, a pause on the store or the client).
    pub slow_round_trip_ns: u64,
    /// One in how many round trips is slow.
    pub slow_one_in: u64,
}

impl CostModel {
    /// The numbers the playground uses.
    pub const DEFAULT: CostModel =
        CostModel { in_process_ns: 1_000, round_trip_ns: 200_000, slow_round_trip_ns: 2_000_000, slow_one_in: 100 };
}

impl Default for CostModel {
    fn default() -> CostModel {
        CostModel::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for b in Balancing::ALL {
            assert_eq!(Balancing::from_key(b.key()), Some(b));
        }
        for s in StoreLayout::ALL {
            assert_eq!(StoreLayout::from_key(s.key()), Some(s));
        }
        assert_eq!(Balancing::from_key("leastConnections"), None);
    }

    #[test]
    fn a_round_trip_costs_far_more_than_a_memory_lookup() {
        let model = CostModel::DEFAULT;
        assert_eq!(model.round_trip_ns / model.in_process_ns, 200);
    }
}
