//! The shape of a deployment: how many app servers stand behind the load
//! balancer, how the balancer picks one for each request, where the session
//! records live, and what each store operation costs.
//!
//! Server-side sessions have two costs that a single server hides: a lookup
//! on every request, and state that every server must reach. This module
//! names the choices and holds the cost model's numbers, so the stepper and
//! the scale lab count the same things with the same figures.

/// The most app servers a topology can have.
pub const MAX_SERVERS: u8 = 8;

/// How the load balancer picks an app server for a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

crate::base::json::json_names!(Balancing { RoundRobin => "roundRobin", Random => "random", Sticky => "sticky" });

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
}

/// Where the session records live.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

crate::base::json::json_names!(StoreLayout { PerServer => "perServer", Shared => "shared" });

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
}

/// The modelled cost of session work, in nanoseconds. These are stated
/// assumptions, shown on the page next to every figure computed from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// How long a command to a store that cannot be reached waits before the
    /// client gives up: no reply ever comes, so it is no round trip at all.
    /// An assumption, stated: ioredis sets no per-command timeout by default
    /// (`commandTimeout` is unset, and a command waits in the offline queue
    /// while the client reconnects; its `connectTimeout` is 10 s), so an app
    /// that must fail fast sets one; 1 s is the setting assumed here.
    pub unreachable_timeout_ns: u64,
    /// Signing or verifying an HS256 token in the server's own CPU: an
    /// HMAC-SHA256 over the header and claims (about four SHA-256 blocks),
    /// with the base64url and JSON around it. An assumption, stated: the
    /// same order as an in-process store command.
    pub token_signature_ns: u64,
}

crate::base::json::json_fields!([] CostModel {
    "inProcessNs": in_process_ns, "roundTripNs": round_trip_ns, "slowRoundTripNs": slow_round_trip_ns,
    "slowOneIn": slow_one_in, "unreachableTimeoutNs": unreachable_timeout_ns, "tokenSignatureNs": token_signature_ns
});

impl CostModel {
    /// The numbers the playground uses.
    pub const DEFAULT: CostModel = CostModel {
        in_process_ns: 1_000,
        round_trip_ns: 200_000,
        slow_round_trip_ns: 2_000_000,
        slow_one_in: 100,
        unreachable_timeout_ns: 1_000_000_000,
        token_signature_ns: 2_000,
    };
}

impl Default for CostModel {
    fn default() -> CostModel {
        CostModel::DEFAULT
    }
}

impl CostModel {
    /// What `commands` store commands cost. `network` says whether each is a
    /// round trip to a shared store (else an operation in the process's own
    /// memory); `trips_before` is how many round trips came before, so that
    /// every `slow_one_in`-th round trip is a slow one: a counter, not a dice
    /// roll, so every run counts the same. `unreachable` marks attempts on a
    /// store that cannot be reached: no reply comes, so each is no round trip
    /// but a timed-out attempt, waiting [`CostModel::unreachable_timeout_ns`].
    pub fn charge(&self, commands: u64, network: bool, trips_before: u64, unreachable: bool) -> Cost {
        if !network {
            return Cost { in_process_ops: commands, nanos: commands * self.in_process_ns, ..Cost::default() };
        }
        if unreachable {
            return Cost { timeouts: commands, nanos: commands * self.unreachable_timeout_ns, ..Cost::default() };
        }
        let mut cost = Cost { round_trips: commands, ..Cost::default() };
        for trip in trips_before + 1..=trips_before + commands {
            if self.slow_one_in > 0 && trip % self.slow_one_in == 0 {
                cost.slow_round_trips += 1;
                cost.nanos += self.slow_round_trip_ns;
            } else {
                cost.nanos += self.round_trip_ns;
            }
        }
        cost
    }
}

/// What session work cost: counted operations and the modelled time they took.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// HTTP requests that reached the load balancer.
    pub requests: u64,
    /// Session lookups (one per request that carried a ticket to an app server).
    pub lookups: u64,
    /// Store commands run in a server's own memory.
    pub in_process_ops: u64,
    /// Store commands sent over the network to a shared store: one round trip each (no pipelining).
    pub round_trips: u64,
    /// How many of those round trips were slow.
    pub slow_round_trips: u64,
    /// Commands sent to a store that could not be reached: no reply came, and
    /// each waited until the client gave up.
    pub timeouts: u64,
    /// The modelled time all of it took, in nanoseconds.
    pub nanos: u64,
}

crate::base::json::json_fields!([] Cost {
    "requests": requests, "lookups": lookups, "inProcessOps": in_process_ops, "roundTrips": round_trips,
    "slowRoundTrips": slow_round_trips, "timeouts": timeouts, "nanos": nanos
});

impl Cost {
    /// Adds another cost to this one.
    pub fn add(&mut self, other: &Cost) {
        self.requests += other.requests;
        self.lookups += other.lookups;
        self.in_process_ops += other.in_process_ops;
        self.round_trips += other.round_trips;
        self.slow_round_trips += other.slow_round_trips;
        self.timeouts += other.timeouts;
        self.nanos += other.nanos;
    }

    /// The modelled time in words: "0.401 ms".
    pub fn time(&self) -> String {
        format!("{}.{:03} ms", self.nanos / 1_000_000, (self.nanos % 1_000_000) / 1_000)
    }
}

/// The name of app server `index` (from 0): `app-1`, `app-2`, …
pub fn server_name(index: usize) -> String {
    format!("app-{}", index + 1)
}

/// The load balancer's affinity cookie, named as AWS's Application Load
/// Balancer names its duration-based stickiness cookie.
pub const AFFINITY_COOKIE: &str = "AWSALB";

/// The affinity cookie's lifetime: 7 days. AWS's ALB guide gives the cookie
/// it generates for stickiness a non-configurable 7-day expiry (and checks
/// the stickiness duration, 1 s to 7 days, 1 day by default, from the
/// encrypted content itself); this model pins for the cookie's whole life.
pub const AFFINITY_COOKIE_SECS: u64 = 7 * 86_400;

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
    fn every_hundredth_round_trip_is_slow() {
        let model = CostModel::DEFAULT;
        let cost = model.charge(3, true, 98, false);
        assert_eq!((cost.round_trips, cost.slow_round_trips, cost.nanos), (3, 1, 2_400_000));
        let local = model.charge(2, false, 0, false);
        assert_eq!((local.in_process_ops, local.round_trips, local.nanos), (2, 0, 2_000));
    }

    #[test]
    fn a_command_to_an_unreachable_store_is_a_timeout_not_a_slow_round_trip() {
        let cost = CostModel::DEFAULT.charge(1, true, 0, true);
        assert_eq!((cost.round_trips, cost.slow_round_trips, cost.timeouts), (0, 0, 1));
    }

    #[test]
    fn a_round_trip_costs_far_more_than_a_memory_lookup() {
        let model = CostModel::DEFAULT;
        assert_eq!(model.round_trip_ns / model.in_process_ns, 200);
    }
}
