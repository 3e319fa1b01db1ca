//! The scale lab: many users and requests at once, counted rather than
//! stepped through, so that a topology's costs show up as numbers.
//!
//! A [`ScaleRun`] simulates `users` users sending `requests` requests through
//! a load balancer to `servers` app servers ([`Balancing`]), whose session
//! records live where the [`StoreLayout`] says. Each request comes from a
//! user picked at random. A user without a session logs in: the login
//! creates a record in the store of the server that handled it (with sticky
//! balancing the balancer also pins the user to that server). Every later
//! request looks its session up in the store its server consults, and
//! "finds" it when that store holds the user's current record.
//!
//! It is a model, not the [`World`](crate::sim::world::World): no HTTP, no cookies as
//! text, no traces and no session IDs. A browser's cookie names exactly one
//! record, so the simulator keeps, for each user, only which store holds
//! that record and which server the balancer pins them to (2 bytes); older
//! records a user left behind in other stores are counted, not kept.
//! Randomness comes from a [`SplitMix64`] seeded by the caller (the
//! simulator's own numbers: nothing here is a secret), so a run is fully
//! determined by its [`ScaleConfig`]: the tests assert exact counts.
//!
//! The model's choices, stated:
//!
//! - Request `i` comes from user `(r >> 32) * users >> 32`, where `r` is the
//!   generator's `i`-th draw; with random balancing the server is
//!   `(r & 0xFFFF_FFFF) * live servers >> 32` of the same draw. With
//!   [`ScaleConfig::skewed`] the user is drawn from a Zipf-like mix instead:
//!   the `k`-th user sends in proportion to `1/k` (see [`zipf_table`]).
//! - Round-robin keeps one counter over every request; sticky balancing
//!   pins a user at their first request, picking servers in turn.
//! - Each request runs the store commands the stepper runs for
//!   express-session, through connect-redis on the shared store and
//!   through its `MemoryStore` in each server's memory: counted by
//!   playing each kind of request in the
//!   [`World`](crate::sim::world::World) once ([`RequestCommands::counted`]).
//!   With
//!   connect-redis a first login is `DEL` (`regenerate()` destroys the
//!   request's never-saved session), `SET`, `SET` (the login's save, and
//!   the save as the response ends): three commands; a login with a cookie
//!   that names nothing first looks it up (`GET`): four; a request that
//!   finds its record `GET`, then `EXPIRE` to slide its expiry: two; one
//!   that finds nothing `GET`: one. In a server's memory a login is one
//!   command (two with a stale cookie), a hit two, a miss one. In process a command costs
//!   [`CostModel::in_process_ns`]; on the shared store each is a round trip,
//!   and every [`CostModel::slow_one_in`]-th round trip is slow, counted as
//!   the stepper counts them ([`CostModel::charge`]): a counter, not a dice
//!   roll, so no seed moves the tail.
//! - A stopped server (`stop_server`) stops after half the requests: the
//!   balancer skips it from then on, and with per-server stores its records
//!   are gone (deleted with its memory), so its users' sessions are lost.
//!   With the shared store nothing is lost; sticky users are pinned again to
//!   a server in turn.
//! - A store outage (`outage_percent`, shared store only) starts after half
//!   the requests and lasts that share of the run: each request's first
//!   command fails, so no request finds its session and logins create
//!   nothing. A failed command waits out the client's timeout
//!   ([`CostModel::unreachable_timeout_ns`], as the stepper charges a store it
//!   cannot reach: no answer comes).
//! - With `relogin`, a request that finds no session (its store answered,
//!   without the record) sends the user back to log in: their next request
//!   is a login. Without it the user keeps their cookie and tries again,
//!   which shows the raw share of requests that land on the wrong store. A
//!   failed store operation during an outage never logs anyone out.
//! - Records are deleted only with a stopped server's memory: a run is
//!   shorter than any expiry, and nobody logs out.
//! - With signed tokens (`mechanism: "token"`) any server accepts any
//!   token, so every request after a login is accepted and nothing is
//!   stored; a login signs and a request verifies, each charged
//!   [`CostModel::token_signature_ns`]. A denylist in the shared store adds
//!   its lookup to every request after login; refresh tokens file a record
//!   at each login, and since no access token expires within a run, no
//!   request renews one (the renewal's commands are counted, not charged).
//!   Each run also reports how long a stolen credential stays usable after
//!   revocation, measured in the stepper ([`crate::labs::revocation`]).
//! - The stepper's figures (each kind of request's commands, the stolen
//!   credential's window) are read from [`crate::labs::measured`], where a
//!   native test keeps them equal to the stepper's plays: a run starts
//!   without playing the stepper first.
//!
//! Why one file of this length: the simulator is one model, the per-request
//! loop and the state it reads (stores, pins, counters) kept together so the
//! cost of a request can be read in one place; the configuration's reader
//! and the result's shape are the rest.

use crate::base::ids::SplitMix64;
use crate::base::json::{FieldError, Fields};
use crate::base::json::{Map, Value};
use crate::labs::measured::measured;
use crate::labs::revocation::RevocationWindow;
use crate::library::token::Mechanism;
use crate::library::topology::{Balancing, CostModel, StoreLayout, MAX_SERVERS};
use crate::text::message::InputProblem;
use crate::text::say;
use std::fmt;

/// The most users a run can have.
pub const MAX_USERS: u32 = 100_000;

/// The most requests a run can have.
pub const MAX_REQUESTS: u64 = 1_000_000;

/// What a run simulates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScaleConfig {
    /// How many users send requests (1 to [`MAX_USERS`]).
    pub users: u32,
    /// How many requests they send in all, logins included (1 to [`MAX_REQUESTS`]).
    pub requests: u64,
    /// How many app servers stand behind the balancer (1 to [`MAX_SERVERS`]).
    pub servers: u8,
    /// How the balancer picks a server.
    pub balancing: Balancing,
    /// Where the records live.
    pub layout: StoreLayout,
    /// The seed of the run's generator.
    pub seed: u64,
    /// The server (numbered from 1, as on the page) that stops after half
    /// the requests, if any.
    pub stop_server: Option<u8>,
    /// The share of the run, in percent, during which the shared store is
    /// unreachable, starting after half the requests (0 for none).
    pub outage_percent: u8,
    /// Whether a user whose request found no session logs in again.
    pub relogin: bool,
    /// Whether a few users send most requests (a Zipf-like mix: the `k`-th
    /// user sends in proportion to `1/k`) rather than all users alike.
    pub skewed: bool,
    /// How a login is remembered: a session record (the default) or a signed token.
    pub mechanism: Mechanism,
    /// With tokens: whether every request also asks the shared store's
    /// denylist of revoked tokens.
    pub denylist: bool,
    /// With tokens: whether a login also files a refresh token in the shared
    /// store, which renews the short-lived access token when it expires.
    pub refresh: bool,
    /// What each store operation costs (not read from JSON: always the
    /// stated default there; the result repeats it).
    pub cost: CostModel,
}

crate::base::json::json_fields!([] ScaleConfig {
    "users": users, "requests": requests, "servers": servers, "balancing": balancing, "layout": layout, "seed": seed,
    "stopServer": stop_server, "outagePercent": outage_percent, "relogin": relogin, "skewed": skewed,
    "mechanism": mechanism, "denylist": denylist, "refresh": refresh
});

impl Default for ScaleConfig {
    fn default() -> ScaleConfig {
        ScaleConfig {
            users: 10_000,
            requests: 100_000,
            servers: 4,
            balancing: Balancing::RoundRobin,
            layout: StoreLayout::PerServer,
            seed: 1,
            stop_server: None,
            outage_percent: 0,
            relogin: false,
            skewed: false,
            mechanism: Mechanism::ServerSession,
            denylist: false,
            refresh: false,
            cost: CostModel::DEFAULT,
        }
    }
}

/// A configuration the simulator cannot run, naming the field and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleError(pub String);

impl fmt::Display for ScaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScaleError {}

/// What a sweep varies: repeated runs of one configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sweep {
    /// One run.
    None,
    /// One run for each server count from 1 to [`MAX_SERVERS`].
    Servers,
    /// One run for each balancing policy, in [`Balancing::ALL`]'s order.
    Policies,
    /// Sessions in each server's memory, sessions in a shared store, tokens,
    /// tokens with a denylist and tokens with refresh tokens (both in a
    /// shared store), side by side.
    Mechanisms,
}

impl Sweep {
    /// The sweep with this key (`none`, `servers`, `policies`), if any.
    pub fn from_key(key: &str) -> Option<Sweep> {
        match key {
            "none" => Some(Sweep::None),
            "servers" => Some(Sweep::Servers),
            "policies" => Some(Sweep::Policies),
            "mechanisms" => Some(Sweep::Mechanisms),
            _ => None,
        }
    }
}

/// A field's problem, as the scale lab words it: the key, then what was expected and found.
fn problem(key: &str, keys: &[&str], problem: FieldError<'_>) -> ScaleError {
    let names = keys.join(", ");
    ScaleError(say(InputProblem::ScaleField { key, names: &names, problem }))
}

fn whole(object: &Map, key: &str, min: u64, max: u64) -> Result<Option<u64>, ScaleError> {
    Fields::new(object).null_is_absent().whole(key, min, max).map_err(|p| problem(key, &[], p))
}

fn key_of<T>(object: &Map, key: &str, parse: fn(&str) -> Option<T>, keys: &[&str]) -> Result<Option<T>, ScaleError> {
    Fields::new(object).null_is_absent().one_of(key, parse).map_err(|p| problem(key, keys, p))
}

/// The mechanism with this key (`session`, `token`), if any.
fn mechanism_from_key(key: &str) -> Option<Mechanism> {
    Mechanism::ALL.iter().find(|(k, _)| *k == key).map(|&(_, m)| m)
}

impl ScaleConfig {
    /// Reads a configuration from JSON such as
    /// `{"users": 1000, "requests": 10000, "servers": 4, "balancing": "sticky",
    /// "layout": "perServer", "seed": 7, "stopServer": 2, "outagePercent": 0,
    /// "relogin": false, "skewed": false}`. Missing fields keep [`ScaleConfig::default`]'s
    /// values; the cost model is always [`CostModel::DEFAULT`]. The result is checked.
    pub fn from_json(json: &str) -> Result<ScaleConfig, ScaleError> {
        let value = crate::base::json::parse(json).map_err(|e| ScaleError(say(InputProblem::ScaleNotJson(e))))?;
        ScaleConfig::from_value(value)
    }

    /// The same from JSON already parsed (the browser's module parses with
    /// `JSON.parse` and carries no JSON parser).
    pub fn from_value(value: Value) -> Result<ScaleConfig, ScaleError> {
        let Value::Object(object) = value else {
            return Err(ScaleError(say(InputProblem::ScaleNotObject)));
        };
        const KNOWN: [&str; 13] = [
            "users",
            "requests",
            "servers",
            "balancing",
            "layout",
            "seed",
            "stopServer",
            "outagePercent",
            "relogin",
            "skewed",
            "mechanism",
            "denylist",
            "refresh",
        ];
        if let Some(unknown) = object.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            let known = KNOWN.join(", ");
            return Err(ScaleError(say(InputProblem::ScaleUnknownField { key: unknown, known: &known })));
        }
        let mut config = ScaleConfig::default();
        if let Some(n) = whole(&object, "users", 1, u64::from(MAX_USERS))? {
            config.users = n as u32;
        }
        if let Some(n) = whole(&object, "requests", 1, MAX_REQUESTS)? {
            config.requests = n;
        }
        if let Some(n) = whole(&object, "servers", 1, u64::from(MAX_SERVERS))? {
            config.servers = n as u8;
        }
        let policies: Vec<&str> = Balancing::ALL.iter().map(|b| b.key()).collect();
        if let Some(b) = key_of(&object, "balancing", Balancing::from_key, &policies)? {
            config.balancing = b;
        }
        let layouts: Vec<&str> = StoreLayout::ALL.iter().map(|s| s.key()).collect();
        if let Some(s) = key_of(&object, "layout", StoreLayout::from_key, &layouts)? {
            config.layout = s;
        }
        if let Some(n) = whole(&object, "seed", 0, u64::from(u32::MAX))? {
            config.seed = n;
        }
        config.stop_server = whole(&object, "stopServer", 1, u64::from(MAX_SERVERS))?.map(|n| n as u8);
        if let Some(n) = whole(&object, "outagePercent", 0, 100)? {
            config.outage_percent = n as u8;
        }
        let mechanisms: Vec<&str> = Mechanism::ALL.iter().map(|(key, _)| *key).collect();
        if let Some(m) = key_of(&object, "mechanism", mechanism_from_key, &mechanisms)? {
            config.mechanism = m;
        }
        for (key, flag) in [
            ("relogin", &mut config.relogin),
            ("skewed", &mut config.skewed),
            ("denylist", &mut config.denylist),
            ("refresh", &mut config.refresh),
        ] {
            if let Some(b) = Fields::new(&object).null_is_absent().bool(key).map_err(|p| problem(key, &[], p))? {
                *flag = b;
            }
        }
        config.check()?;
        Ok(config)
    }

    /// Checks the ranges and the combinations that make no sense.
    pub fn check(&self) -> Result<(), ScaleError> {
        let count = |key, max, found| Err(ScaleError(say(InputProblem::ScaleCount { key, max, found })));
        if !(1..=MAX_USERS).contains(&self.users) {
            return count("users", u64::from(MAX_USERS), u64::from(self.users));
        }
        if !(1..=MAX_REQUESTS).contains(&self.requests) {
            return count("requests", MAX_REQUESTS, self.requests);
        }
        if !(1..=MAX_SERVERS).contains(&self.servers) {
            return count("servers", u64::from(MAX_SERVERS), u64::from(self.servers));
        }
        if let Some(stop) = self.stop_server {
            if self.servers < 2 {
                return Err(ScaleError(say(InputProblem::ScaleStopNeedsTwo)));
            }
            if stop == 0 || stop > self.servers {
                return Err(ScaleError(say(InputProblem::ScaleStopOutOfRange { servers: self.servers, stop })));
            }
        }
        if self.outage_percent > 100 {
            return Err(ScaleError(say(InputProblem::ScaleOutagePercent { found: self.outage_percent })));
        }
        if self.outage_percent > 0 && self.layout != StoreLayout::Shared {
            return Err(ScaleError(say(InputProblem::ScaleOutageNeedsShared)));
        }
        self.check_token_fields()?;
        // At least 2, so that no request of at most 2 round trips meets more than one slow one.
        if self.cost.slow_one_in < 2 || self.cost.slow_one_in > u64::from(u32::MAX) {
            return Err(ScaleError(say(InputProblem::ScaleSlowOneIn)));
        }
        Ok(())
    }

    /// The configurations of a sweep, in order. Sweeping server counts keeps
    /// the stopped server where it exists and there are at least 2 servers,
    /// and drops it elsewhere.
    pub fn sweep(&self, sweep: Sweep) -> Vec<ScaleConfig> {
        match sweep {
            Sweep::None => vec![*self],
            Sweep::Servers => (1..=MAX_SERVERS)
                .map(|servers| ScaleConfig {
                    servers,
                    stop_server: self.stop_server.filter(|&s| servers >= 2 && s <= servers),
                    ..*self
                })
                .collect(),
            Sweep::Policies => Balancing::ALL.iter().map(|&balancing| ScaleConfig { balancing, ..*self }).collect(),
            Sweep::Mechanisms => self.mechanisms(),
        }
    }

    /// The five ways of remembering a login, with the rest of this
    /// configuration: an outage only where there is a shared store to lose.
    fn mechanisms(&self) -> Vec<ScaleConfig> {
        use StoreLayout::{PerServer, Shared};
        [
            (Mechanism::ServerSession, PerServer, false, false),
            (Mechanism::ServerSession, Shared, false, false),
            (Mechanism::Token, PerServer, false, false),
            (Mechanism::Token, Shared, true, false),
            (Mechanism::Token, Shared, false, true),
        ]
        .into_iter()
        .map(|(mechanism, layout, denylist, refresh)| ScaleConfig {
            mechanism,
            layout,
            denylist,
            refresh,
            outage_percent: if layout == Shared { self.outage_percent } else { 0 },
            ..*self
        })
        .collect()
    }

    /// The token fields' combinations: a denylist and refresh tokens are a
    /// token server's, and live in the shared store, where every server sees
    /// every revocation and every refresh record.
    fn check_token_fields(&self) -> Result<(), ScaleError> {
        for (key, on) in [("denylist", self.denylist), ("refresh", self.refresh)] {
            if on && self.mechanism != Mechanism::Token {
                return Err(ScaleError(say(InputProblem::ScaleNeedsTokens { key })));
            }
            if on && self.layout != StoreLayout::Shared {
                return Err(ScaleError(say(InputProblem::ScaleNeedsSharedStore { key })));
            }
        }
        Ok(())
    }

    /// The request after which the stopped server stops and the outage starts.
    pub fn midpoint(&self) -> u64 {
        self.requests / 2
    }

    fn outage_end(&self) -> u64 {
        (self.midpoint() + self.requests * u64::from(self.outage_percent) / 100).min(self.requests)
    }
}

/// The modelled time of the session work per request: the sum of its store
/// commands' costs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Latency {
    /// Store commands run in a server's own memory.
    pub in_process_ops: u64,
    /// Round trips to the shared store that it answered at normal speed.
    pub round_trip: u64,
    /// Round trips it answered slowly (every [`CostModel::slow_one_in`]-th).
    pub slow_round_trip: u64,
    /// Commands that failed because the store was down, each charged
    /// [`CostModel::unreachable_timeout_ns`].
    pub failed: u64,
    /// Requests that paid for a slow or failed round trip: the tail.
    pub tail_requests: u64,
    /// The median, nearest rank, in nanoseconds.
    pub p50_ns: u64,
    /// The 99th percentile, nearest rank, in nanoseconds.
    pub p99_ns: u64,
    /// The 99.9th percentile, nearest rank, in nanoseconds.
    pub p999_ns: u64,
    /// The mean, in nanoseconds (rounded down).
    pub mean_ns: u64,
}

crate::base::json::json_fields!([] Latency {
    "inProcessOps": in_process_ops, "roundTrip": round_trip, "slowRoundTrip": slow_round_trip, "failed": failed,
    "tailRequests": tail_requests, "p50Ns": p50_ns, "p99Ns": p99_ns, "p999Ns": p999_ns, "meanNs": mean_ns
});

/// Two estimates of the records' memory, each with its basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Memory {
    /// The simulator's own bytes per user: the store holding the user's
    /// current record, and the server the user is pinned to.
    pub simulator_bytes_per_user: u64,
    /// The simulator's bytes for all users' slots.
    pub simulator_bytes: u64,
    /// [`REDIS_BYTES_PER_RECORD`]: a record as connect-redis writes it, in Redis.
    pub redis_bytes_per_record: u64,
    /// That estimate times the records held: their memory in Redis with the
    /// shared store; with per-server stores, what they would take if they
    /// were in Redis (they are in each server's own memory instead). 0 for a
    /// token server, whose only records are refresh tokens' (not estimated).
    pub redis_bytes: u64,
}

crate::base::json::json_fields!([] Memory {
    "simulatorBytesPerUser": simulator_bytes_per_user, "simulatorBytes": simulator_bytes,
    "redisBytesPerRecord": redis_bytes_per_record, "redisBytes": redis_bytes
});

/// What a run counted so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleResult {
    /// The configuration.
    pub config: ScaleConfig,
    /// The cost model the latency comes from.
    pub cost: CostModel,
    /// Requests simulated so far.
    pub done: u64,
    /// Whether every request has been simulated.
    pub finished: bool,
    /// Requests that were logins.
    pub logins: u64,
    /// Logins that created no record (the store was down).
    pub failed_logins: u64,
    /// Requests after login (each looks its session up).
    pub lookups: u64,
    /// Lookups that found the user's record.
    pub found: u64,
    /// Lookups that did not (the record is in another store, or was lost, or the store was down).
    pub not_found: u64,
    /// Store operations that failed because the store was down.
    pub store_errors: u64,
    /// Store commands run in all (as many for each kind of request as the
    /// stepper runs: [`ScaleResult::commands`]), wherever they ran.
    pub store_ops: u64,
    /// What each kind of request runs, counted in the stepper.
    pub commands: RequestCommands,
    /// Store commands that crossed the network (every one, with the shared
    /// store, the failed ones included).
    pub round_trips: u64,
    /// Requests each server handled, server 1 first.
    pub per_server: Vec<u64>,
    /// Records each store holds, server 1's first; one entry for the shared store.
    pub records_per_store: Vec<u64>,
    /// Records held in all (current and left-behind ones; a token server's
    /// refresh records).
    pub records: u64,
    /// Users whose current record was lost when their server stopped.
    pub sessions_lost: u64,
    /// The modelled latency.
    pub latency: Latency,
    /// The memory estimates.
    pub memory: Memory,
    /// How long a stolen credential stayed usable after its revocation,
    /// measured in the stepper with this run's mechanism (see
    /// [`crate::labs::revocation`]).
    pub revocation: RevocationWindow,
}

crate::base::json::json_fields!([] ScaleResult {
    "config": config, "cost": cost, "done": done, "finished": finished, "logins": logins,
    "failedLogins": failed_logins, "lookups": lookups, "found": found, "notFound": not_found,
    "storeErrors": store_errors, "storeOps": store_ops, "commands": commands, "roundTrips": round_trips,
    "perServer": per_server, "recordsPerStore": records_per_store, "records": records, "sessionsLost": sessions_lost,
    "latency": latency, "memory": memory, "revocation": revocation
});

/// No record: the user has not logged in.
const NONE: u8 = u8::MAX;

/// A user who holds a token: no store holds anything of theirs (never a
/// server's number, so a stopped server loses none of them).
const HOLDS_TOKEN: u8 = 0x40;

/// Set on a user's store when they were sent back to log in: their login
/// brings the cookie of their last record, held in the store in the low bits.
const RELOGIN: u8 = 0x80;

/// How many store commands each kind of request runs, as the stepper runs
/// them: the scale lab charges these, so its counts are the stepper's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestCommands {
    /// A login without a session cookie.
    pub login: u64,
    /// A login whose cookie names no record in the store it reaches.
    pub relogin: u64,
    /// A login whose cookie names a live session in the store it reaches:
    /// express-session regenerates it (a new ID, the old record deleted).
    pub rotated: u64,
    /// A request that finds its session.
    pub found: u64,
    /// A request whose cookie names no record in the store it reaches.
    pub missed: u64,
    /// With refresh tokens: a request whose access token has expired, renewed
    /// at `POST /refresh` (the refresh record read, rotated) and sent again.
    /// Not charged in a run, which is shorter than an access token's life.
    pub renewal: u64,
}

crate::base::json::json_fields!([] RequestCommands {
    "login": login, "relogin": relogin, "rotated": rotated, "found": found, "missed": missed, "renewal": renewal
});

impl RequestCommands {
    /// The most commands any kind of request runs (the latency classes' bound).
    pub const MAX: u64 = 4;

    /// Counted by playing each kind of request once in the stepper, with
    /// express-session on `layout` (two servers, sticky, so a per-server
    /// store is a server's own memory): a login, a visit that finds the
    /// session, a login over it, a logout that deletes the record but leaves
    /// the cookie, a visit that finds nothing, and a login with that dead
    /// cookie. Each store command is one line of a step's store operation.
    pub fn counted(layout: StoreLayout) -> RequestCommands {
        RequestCommands::counted_for(&ScaleConfig { layout, ..ScaleConfig::default() })
    }

    /// The same, for the configuration's layout and mechanism (with its
    /// denylist or refresh tokens). With tokens, the same plays count what a
    /// token server runs: nothing at a login or a visit, one denylist check
    /// a visit with a denylist, the refresh record filed at a login with
    /// refresh tokens; and with them, a renewal: a visit after the access
    /// token's lifetime. A run reads the same figures from
    /// [`crate::labs::measured`], which a native test holds to this play.
    pub fn counted_for(config: &ScaleConfig) -> RequestCommands {
        let (layout, mechanism) = (config.layout, config.mechanism);
        use crate::base::ids::IdSourceSetting;
        use crate::library::preset::{preset, Settings, PRESETS};
        use crate::sim::world::{Action, World};
        let express = preset("express").unwrap_or(&PRESETS[0]);
        let mut settings = Settings::of(express, IdSourceSetting::Seeded { seed: 1 });
        settings.servers = 2;
        settings.balancing = Balancing::Sticky;
        settings.store_layout = layout;
        // A logout that deletes the record and leaves the cookie: the next
        // visit brings a cookie that names nothing.
        settings.logout = crate::library::preset::LogoutMode::ServerOnly;
        settings.mechanism = mechanism;
        settings.denylist = config.denylist;
        settings.refresh = config.refresh;
        let lifetime = settings.token_lifetime;
        let mut world = World::from_settings(settings);
        let login = Action::Login { browser: "laptop".into(), username: "alice".into(), password: "wonderland".into() };
        let visit = Action::Visit { browser: "laptop".into(), path: "/profile".into() };
        let mut commands = |action: &Action| -> u64 {
            world.apply(action).map_or(0, |trace| {
                trace.steps.iter().filter_map(|s| s.store_op.as_ref()).map(|op| op.command.count() as u64).sum()
            })
        };
        let login_count = commands(&login);
        let found = commands(&visit);
        let rotated = commands(&login);
        commands(&Action::Logout { browser: "laptop".into() });
        let missed = commands(&visit);
        let relogin = commands(&login);
        let mut renewal = 0;
        if config.refresh {
            // The access token has just expired: the page's script renews it and asks again.
            commands(&Action::Wait { secs: lifetime });
            renewal = commands(&visit);
        }
        RequestCommands { login: login_count, relogin, rotated, found, missed, renewal }
    }
}

/// One user, as the simulator keeps them.
#[derive(Clone, Copy, Debug)]
struct User {
    /// The store holding the user's current record, or [`NONE`]; with
    /// [`RELOGIN`] set, the user must log in again, bringing that record's cookie.
    home: u8,
    /// The server the balancer pins the user to (sticky only), or [`NONE`].
    pin: u8,
}

/// The length of express-session's ID (24 random bytes in base64url) as
/// connect-redis's key, `sess:<id>`.
pub const REDIS_KEY: &str = "sess:0123456789abcdef0123456789abcdef";

/// express-session's JSON for a logged-in user with a default cookie, as
/// connect-redis stores it: the text the stepper's `SET sess:<id> … EX`
/// shows for alice's login (her user name and role).
pub const REDIS_VALUE: &str =
    r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"},"user":"alice","role":"customer"}"#;

/// jemalloc's size class for an allocation of `n` bytes (n ≤ 1024).
const fn size_class(n: u64) -> u64 {
    let step = if n <= 8 {
        8
    } else if n <= 128 {
        16
    } else if n <= 256 {
        32
    } else if n <= 512 {
        64
    } else {
        128
    };
    n.div_ceil(step) * step
}

/// An estimate of one record's bytes in Redis 7 (64-bit, jemalloc), from
/// its data structures: the main table's entry (24 bytes, allocated as 32)
/// and its bucket pointer (8), the key as an sds string (3-byte header, the
/// key, a NUL), the value's object header (16) and its sds string (longer
/// than 44 bytes, so not embedded), and the expiry table's entry (32) and
/// bucket (8), since connect-redis sets a TTL. A real server's `MEMORY
/// USAGE` differs by some tens of bytes with its version and table fill.
pub const REDIS_BYTES_PER_RECORD: u64 = size_class(24)
    + 8
    + size_class(3 + REDIS_KEY.len() as u64 + 1)
    + 16
    + size_class(3 + REDIS_VALUE.len() as u64 + 1)
    + size_class(24)
    + 8;

/// The cumulative shares of a Zipf-like mix over `users` users, scaled to
/// 2³²: user `k` (from 0) sends in proportion to `1/(k+1)`, so with 10,000
/// users the first sends about 10% of all requests, and the first 1% of
/// users about half. A draw `x` (32 bits) picks the first user whose entry
/// exceeds it. Integers only, so native and wasm runs pick the same users.
pub fn zipf_table(users: u32) -> Vec<u32> {
    let mut cumulative = Vec::with_capacity(users as usize);
    let mut sum = 0u64;
    for k in 1..=u64::from(users) {
        sum += (1u64 << 40) / k;
        cumulative.push(sum);
    }
    cumulative.into_iter().map(|c| ((u128::from(c) << 32) / u128::from(sum)).min(u128::from(u32::MAX)) as u32).collect()
}

/// A request's cost class is how many store commands it ran (1 to
/// [`RequestCommands::MAX`]) and how many of them were slow round trips;
/// a request on a store that was down is a class of its own (one command,
/// charged the client's timeout). The latency percentiles come from how many
/// requests fell in each class.
const COMMAND_CLASSES: usize = RequestCommands::MAX as usize + 1;

/// A run in progress: step it in chunks, read its result at any time.
#[derive(Clone, Debug)]
pub struct ScaleRun {
    config: ScaleConfig,
    rng: SplitMix64,
    users: Vec<User>,
    /// [`zipf_table`] for a skewed run; empty otherwise.
    zipf: Vec<u32>,
    /// The servers still running, in order; the first `live_count` entries count.
    live: [u8; MAX_SERVERS as usize],
    live_count: u8,
    /// Whether each store still holds its records (a stopped server's do not).
    store_up: [bool; MAX_SERVERS as usize],
    /// The round-robin position in `live`.
    turn: u8,
    /// Answered round trips until the next slow one (1: the next is slow).
    until_slow: u64,
    done: u64,
    sessions_lost: u64,
    counts: Counts,
    /// What each kind of request runs, as the stepper counted it.
    commands: RequestCommands,
    /// The stolen credential's window, as the stepper measured it.
    revocation: RevocationWindow,
}

/// What the hot loop counts (see [`ScaleResult`] and [`Latency`] for each one's meaning).
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    logins: u64,
    failed_logins: u64,
    lookups: u64,
    found: u64,
    store_errors: u64,
    per_server: [u64; MAX_SERVERS as usize],
    records: [u64; MAX_SERVERS as usize],
    /// Answered requests by how many commands they ran and how many of those
    /// were slow round trips (always 0 in a server's own memory).
    classes: [[u64; COMMAND_CLASSES]; COMMAND_CLASSES],
}

impl ScaleRun {
    /// A run at its start, after checking the configuration.
    pub fn new(config: ScaleConfig) -> Result<ScaleRun, ScaleError> {
        config.check()?;
        // The stepper's figures, read rather than played: see [`crate::labs::measured`].
        let measured = measured(&config).ok_or_else(|| ScaleError(say(InputProblem::ScaleNotMeasured)))?;
        let mut live = [0; MAX_SERVERS as usize];
        for (i, slot) in live.iter_mut().enumerate() {
            *slot = i as u8;
        }
        Ok(ScaleRun {
            config,
            rng: SplitMix64::new(config.seed),
            users: vec![User { home: NONE, pin: NONE }; config.users as usize],
            zipf: if config.skewed { zipf_table(config.users) } else { Vec::new() },
            live,
            live_count: config.servers,
            store_up: [true; MAX_SERVERS as usize],
            turn: 0,
            until_slow: config.cost.slow_one_in,
            done: 0,
            sessions_lost: 0,
            counts: Counts::default(),
            commands: measured.commands,
            revocation: measured.revocation,
        })
    }

    /// Runs a whole configuration and returns its result.
    pub fn run(config: ScaleConfig) -> Result<ScaleResult, ScaleError> {
        let mut run = ScaleRun::new(config)?;
        run.step(config.requests);
        Ok(run.result())
    }

    /// The configuration.
    pub fn config(&self) -> &ScaleConfig {
        &self.config
    }

    /// Requests simulated so far.
    pub fn done(&self) -> u64 {
        self.done
    }

    /// Whether every request has been simulated.
    pub fn finished(&self) -> bool {
        self.done == self.config.requests
    }

    /// Simulates up to `n` more requests; returns how many are done in all.
    /// Chunks change nothing: any split of a run gives the same result.
    pub fn step(&mut self, n: u64) -> u64 {
        let end = self.done.saturating_add(n).min(self.config.requests);
        let mid = self.config.midpoint();
        let outage_end = self.config.outage_end();
        while self.done < end {
            if self.done == mid {
                if let Some(stop) = self.config.stop_server {
                    if self.live_count == self.config.servers {
                        self.stop(stop - 1);
                    }
                }
            }
            let outage = self.config.outage_percent > 0 && (mid..outage_end).contains(&self.done);
            let mut boundary = end;
            for event in [mid, outage_end] {
                if event > self.done {
                    boundary = boundary.min(event);
                }
            }
            let count = boundary - self.done;
            match (self.config.mechanism, self.config.balancing) {
                (Mechanism::Token, Balancing::RoundRobin) => self.token_segment::<0>(count, outage),
                (Mechanism::Token, Balancing::Random) => self.token_segment::<1>(count, outage),
                (Mechanism::Token, Balancing::Sticky) => self.token_segment::<2>(count, outage),
                (Mechanism::ServerSession, _) => {}
            }
            match (self.config.layout, self.config.balancing) {
                _ if self.config.mechanism == Mechanism::Token => {}
                (StoreLayout::PerServer, Balancing::RoundRobin) => self.segment::<false, 0>(count, outage),
                (StoreLayout::PerServer, Balancing::Random) => self.segment::<false, 1>(count, outage),
                (StoreLayout::PerServer, Balancing::Sticky) => self.segment::<false, 2>(count, outage),
                (StoreLayout::Shared, Balancing::RoundRobin) => self.segment::<true, 0>(count, outage),
                (StoreLayout::Shared, Balancing::Random) => self.segment::<true, 1>(count, outage),
                (StoreLayout::Shared, Balancing::Sticky) => self.segment::<true, 2>(count, outage),
            }
            self.done = boundary;
        }
        self.done
    }

    /// Stops server `index`: the balancer skips it and forgets its pins; its
    /// own store's records are gone.
    fn stop(&mut self, index: u8) {
        let live = &mut self.live[..usize::from(self.live_count)];
        let Some(at) = live.iter().position(|&s| s == index) else { return };
        live.copy_within(at + 1.., at);
        self.live_count -= 1;
        self.turn %= self.live_count;
        let per_server = self.config.layout == StoreLayout::PerServer;
        if per_server {
            self.store_up[usize::from(index)] = false;
            self.counts.records[usize::from(index)] = 0;
        }
        let mut lost = 0;
        for user in &mut self.users {
            if user.pin == index {
                user.pin = NONE;
            }
            lost += u64::from(per_server && user.home == index);
        }
        self.sessions_lost = lost;
    }

    /// Which user sends the request drawn as `r`: uniform, or by the
    /// heavy-users mix's share table (`zipf`, empty when users are alike).
    #[inline(always)]
    fn pick_user(r: u64, zipf: &[u32], users_count: u64, last_user: usize) -> usize {
        if zipf.is_empty() {
            (((r >> 32) * users_count) >> 32) as usize
        } else {
            let x = (r >> 32) as u32;
            zipf.partition_point(|&t| t <= x).min(last_user)
        }
    }

    /// Which live server the balancer hands the request to: in turn
    /// (`POLICY` 0), at random from `r`'s low half (1), or the user's pin,
    /// set at their first request (sticky).
    #[inline(always)]
    fn pick_server<const POLICY: u8>(
        r: u64,
        user: &mut User,
        live: &[u8; MAX_SERVERS as usize],
        turn: &mut u8,
        live_count: u8,
    ) -> u8 {
        (match POLICY {
            0 => Self::next_in_turn(live, turn, live_count),
            1 => live[(((r & 0xFFFF_FFFF) * u64::from(live_count)) >> 32) as usize & 7],
            _ => {
                if user.pin == NONE {
                    user.pin = Self::next_in_turn(live, turn, live_count);
                }
                user.pin
            }
        }) & 7
    }

    /// Counts a request of `commands` store commands in its latency class.
    /// Over the network (`round_trips`), the round trips until the next slow
    /// one are counted down: this request's trips include a slow one when the
    /// count reaches them (and another every `slow_one_in` after).
    #[inline(always)]
    fn charge(c: &mut Counts, commands: u64, round_trips: bool, until_slow: &mut u64, slow_one_in: u64) {
        let mut slow = 0;
        if round_trips && *until_slow <= commands {
            slow = 1 + (commands - *until_slow) / slow_one_in;
        }
        if round_trips {
            *until_slow = *until_slow + slow * slow_one_in - commands;
        }
        let k = (commands as usize).min(COMMAND_CLASSES - 1);
        c.classes[k][(slow as usize).min(k)] += 1;
    }

    /// The next server in turn.
    #[inline(always)]
    fn next_in_turn(live: &[u8; MAX_SERVERS as usize], turn: &mut u8, live_count: u8) -> u8 {
        let server = live[usize::from(*turn & 7)];
        *turn += 1;
        if *turn == live_count {
            *turn = 0;
        }
        server
    }

    /// The hot loop: `count` requests with the same layout, policy and store
    /// health. Counters live in locals for the loop and are written back at
    /// its end; user and server numbers are kept in range by construction
    /// (the multiply-shift picks, the `& 7` on server numbers), so indexing
    /// needs no checks that can fail. A stopped server's pins are cleared
    /// when it stops, so a sticky request needs only its user's slot.
    #[inline(always)]
    fn segment<const SHARED: bool, const POLICY: u8>(&mut self, count: u64, outage: bool) {
        let users_count = u64::from(self.config.users);
        let live_count = self.live_count;
        let live = self.live;
        let store_up = self.store_up;
        let slow_one_in = self.config.cost.slow_one_in;
        let relogin = self.config.relogin;
        let per_kind = self.commands;
        let mut rng = self.rng.clone();
        let mut turn = self.turn;
        let mut until_slow = self.until_slow;
        let mut c = self.counts;
        let users = &mut self.users[..];
        let zipf = &self.zipf[..];
        let last_user = users.len() - 1;
        for _ in 0..count {
            let r = rng.next_u64();
            let user = &mut users[Self::pick_user(r, zipf, users_count, last_user)];
            let server = Self::pick_server::<POLICY>(r, user, &live, &mut turn, live_count);
            c.per_server[usize::from(server)] += 1;
            let store = if SHARED { 0 } else { server };
            // Commands: as many as the stepper runs for this kind of request.
            let commands: u64;
            if user.home >= RELOGIN {
                c.logins += 1;
                // A login over the user's live record (their cookie names it,
                // and it is in this store) regenerates it in place; any other
                // login files a new record, leaving an old one where it was.
                let over_live = user.home != NONE && user.home & !RELOGIN == store && store_up[usize::from(store & 7)];
                commands = match (user.home == NONE, over_live) {
                    (true, _) => per_kind.login,
                    (false, true) => per_kind.rotated,
                    (false, false) => per_kind.relogin,
                };
                if outage {
                    c.failed_logins += 1;
                    c.store_errors += 1;
                } else {
                    c.records[usize::from(store)] += u64::from(!over_live);
                    user.home = store;
                }
            } else {
                c.lookups += 1;
                // Counted without a branch: whether a lookup hits is the
                // least predictable thing in the loop.
                let hit = !outage && user.home == store && store_up[usize::from(store)];
                c.found += u64::from(hit);
                c.store_errors += u64::from(outage);
                commands = if hit { per_kind.found } else { per_kind.missed };
                if relogin && !outage && !hit {
                    user.home |= RELOGIN;
                }
            }
            if !outage {
                Self::charge(&mut c, commands, SHARED, &mut until_slow, slow_one_in);
            }
        }
        self.rng = rng;
        self.turn = turn;
        self.until_slow = until_slow;
        self.counts = c;
    }

    /// The hot loop for a token server: the same users and balancer as
    /// [`ScaleRun::segment`], but any server verifies any token, so every
    /// request after a login is accepted wherever it lands, and nothing is
    /// stored. With a denylist, each accepted token's `jti` is looked up in
    /// the shared store: a round trip again, which fails while the store is
    /// down (the engine answers 500; nobody is logged out). A login signs a
    /// token and asks no store, even during an outage, unless it also files
    /// a refresh record: then it writes to the shared store, and fails while
    /// the store is down. No access token expires within a run, so no
    /// request renews one.
    #[inline(always)]
    fn token_segment<const POLICY: u8>(&mut self, count: u64, outage: bool) {
        let users_count = u64::from(self.config.users);
        let live_count = self.live_count;
        let live = self.live;
        let slow_one_in = self.config.cost.slow_one_in;
        let checks_denylist = self.config.denylist;
        let files_refresh = self.config.refresh;
        // Either fix keeps its records in the shared store: its commands are round trips.
        let shared = checks_denylist || files_refresh;
        let per_kind = self.commands;
        let mut rng = self.rng.clone();
        let mut turn = self.turn;
        let mut until_slow = self.until_slow;
        let mut c = self.counts;
        let users = &mut self.users[..];
        let zipf = &self.zipf[..];
        let last_user = users.len() - 1;
        for _ in 0..count {
            let r = rng.next_u64();
            let user = &mut users[Self::pick_user(r, zipf, users_count, last_user)];
            let server = Self::pick_server::<POLICY>(r, user, &live, &mut turn, live_count);
            c.per_server[usize::from(server)] += 1;
            let commands = if user.home == NONE {
                c.logins += 1;
                if files_refresh && outage {
                    // The refresh record cannot be filed: the login fails, and the user tries again.
                    c.failed_logins += 1;
                    c.store_errors += 1;
                    continue;
                }
                user.home = HOLDS_TOKEN;
                // The refresh record, in the shared store (store 0).
                c.records[0] += u64::from(files_refresh);
                per_kind.login
            } else {
                c.lookups += 1;
                if checks_denylist && outage {
                    // The denylist cannot be asked: the request fails, the token stays good.
                    c.store_errors += 1;
                    continue;
                }
                c.found += 1;
                per_kind.found
            };
            Self::charge(&mut c, commands, shared, &mut until_slow, slow_one_in);
        }
        self.rng = rng;
        self.turn = turn;
        self.until_slow = until_slow;
        self.counts = c;
    }

    /// What the run has counted so far.
    pub fn result(&self) -> ScaleResult {
        let c = &self.counts;
        let servers = usize::from(self.config.servers);
        let stores = if self.config.layout == StoreLayout::Shared { 1 } else { servers };
        let records: u64 = c.records[..stores].iter().sum();
        let cost = self.config.cost;
        let (local, trip, slow) = (cost.in_process_ns, cost.round_trip_ns, cost.slow_round_trip_ns);
        let timeout = cost.unreachable_timeout_ns;
        let failed = if self.config.layout == StoreLayout::Shared { c.store_errors } else { 0 };
        let shared = self.config.layout == StoreLayout::Shared;
        // Every class's cost and count: k commands, s of them slow trips.
        // A token server signs or verifies a token on every request, in its own CPU.
        let signature = if self.config.mechanism == Mechanism::Token { cost.token_signature_ns } else { 0 };
        let mut classes: Vec<(u64, u64)> = vec![(signature + timeout, failed)];
        let (mut answered_ops, mut slow_trips, mut slow_requests) = (0u64, 0u64, 0u64);
        for (k, by_slow) in c.classes.iter().enumerate() {
            for (s, &n) in by_slow.iter().enumerate() {
                let (k, s) = (k as u64, s as u64);
                let ns = signature + if shared { k * trip + s * (slow - trip) } else { k * local };
                classes.push((ns, n));
                answered_ops += k * n;
                slow_trips += s * n;
                slow_requests += u64::from(s > 0) * n;
            }
        }
        crate::base::sorted::sort_by(&mut classes, Ord::cmp);
        let total: u64 = classes.iter().map(|&(_, n)| n).sum();
        let rank = |per_mille: u64| -> u64 {
            // Nearest rank: the smallest value with at least that share of the requests at or below it.
            let needed = (total * per_mille).div_ceil(1000).max(1);
            let mut seen = 0;
            for &(ns, n) in &classes {
                seen += n;
                if n > 0 && seen >= needed {
                    return ns;
                }
            }
            0
        };
        let sum: u128 = classes.iter().map(|&(ns, n)| u128::from(ns) * u128::from(n)).sum();
        // Each answered request ran its class's commands; a failed one, one.
        let (in_process_ops, answered_trips) = if shared { (0, answered_ops) } else { (answered_ops, 0) };
        let round_trips = answered_trips + failed;
        let bytes_per_user =
            std::mem::size_of::<User>() as u64 + if self.config.skewed { std::mem::size_of::<u32>() as u64 } else { 0 };
        ScaleResult {
            config: self.config,
            cost,
            done: self.done,
            finished: self.finished(),
            logins: c.logins,
            failed_logins: c.failed_logins,
            lookups: c.lookups,
            found: c.found,
            not_found: c.lookups - c.found,
            store_errors: c.store_errors,
            store_ops: in_process_ops + round_trips,
            commands: self.commands,
            round_trips,
            per_server: c.per_server[..servers].to_vec(),
            records_per_store: c.records[..stores].to_vec(),
            records,
            sessions_lost: self.sessions_lost,
            latency: Latency {
                in_process_ops,
                round_trip: answered_trips - slow_trips,
                slow_round_trip: slow_trips,
                failed,
                tail_requests: slow_requests + failed,
                p50_ns: if total == 0 { 0 } else { rank(500) },
                p99_ns: if total == 0 { 0 } else { rank(990) },
                p999_ns: if total == 0 { 0 } else { rank(999) },
                mean_ns: if total == 0 { 0 } else { (sum / u128::from(total)) as u64 },
            },
            memory: Memory {
                simulator_bytes_per_user: bytes_per_user,
                simulator_bytes: bytes_per_user * u64::from(self.config.users),
                redis_bytes_per_record: REDIS_BYTES_PER_RECORD,
                // The estimate is of a session's record; a refresh record is not estimated.
                redis_bytes: if self.config.mechanism == Mechanism::ServerSession {
                    REDIS_BYTES_PER_RECORD * records
                } else {
                    0
                },
            },
            revocation: self.revocation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redis_estimate_adds_up() {
        assert_eq!(REDIS_KEY.len(), 37);
        assert_eq!(REDIS_VALUE.len(), 109);
        // 32 + 8 + 48 + 16 + 128 + 32 + 8
        assert_eq!(REDIS_BYTES_PER_RECORD, 272);
    }

    #[test]
    fn chunks_change_nothing() {
        let config = ScaleConfig {
            users: 300,
            requests: 10_001,
            layout: StoreLayout::Shared,
            balancing: Balancing::Sticky,
            stop_server: Some(3),
            outage_percent: 10,
            relogin: true,
            ..ScaleConfig::default()
        };
        let whole = ScaleRun::run(config).unwrap();
        let mut run = ScaleRun::new(config).unwrap();
        while !run.finished() {
            run.step(997);
        }
        assert_eq!(run.result(), whole);
    }
}
