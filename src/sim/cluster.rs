//! Several app servers behind a load balancer: which server each request
//! reaches, and where each server keeps its sessions.
//!
//! The balancer spreads requests by its policy ([`Balancing`]): in turn, at
//! random (from a seeded generator, so every run is the same), or sticky,
//! pinning each browser to one server with an affinity cookie of its own,
//! like AWS's `AWSALB`. Stopped servers get no requests; a stopped server's
//! memory, and any sessions in it, is gone. With one store per server a
//! record lives in one server's memory only; with a shared store every
//! server reaches the same records over the network.

use crate::base::clock::Instant;
use crate::base::http::Request;
use crate::base::ids::IdSourceSetting;
use crate::base::ids::SplitMix64;
use crate::base::sorted::SortedMap;
use crate::library::preset::Settings;
use crate::library::topology::{
    server_name, Balancing, Cost, CostModel, StoreLayout, AFFINITY_COOKIE, AFFINITY_COOKIE_SECS,
};
use crate::session::store::SessionStore;
use crate::text::message::Label;
use crate::text::message::WorldMessage;
use crate::text::say;
use crate::trace::{ClusterView, ServerView};

/// One app server.
#[derive(Clone, Debug, Default)]
pub(crate) struct Node {
    /// Whether its process is running.
    pub up: bool,
    /// Requests it has handled.
    pub handled: u64,
    /// The records in its memory (one store per server only).
    pub store: SessionStore,
}

/// Where the balancer sends a request, and why.
pub(crate) struct Route {
    /// The server, by index; `None` when none is running.
    pub node: Option<usize>,
    /// The balancer's reasoning, for the narration.
    pub why: String,
    /// Whether the response must pin the browser to `node` with a new affinity cookie.
    pub pin: bool,
}

/// The app servers, the balancer's state and the running cost.
#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub nodes: Vec<Node>,
    /// Whether the app servers can reach the shared store.
    pub store_reachable: bool,
    /// What everything has cost so far.
    pub total: Cost,
    /// Round-robin: the index to try next.
    cursor: usize,
    /// Random: the seeded generator the balancer draws from.
    rng: SplitMix64,
    /// Sticky: which server each affinity cookie value names. A real ALB
    /// encrypts the target into the value itself; a table is the same to the browser.
    pins: SortedMap<String, usize>,
    /// With one store per server: the sessions each stopped server's memory
    /// took with it, so a later miss can say where the record went.
    pub lost: SortedMap<crate::base::ids::SessionId, usize>,
}

impl Cluster {
    pub fn new(settings: &Settings) -> Cluster {
        // Random balancing draws from its own seeded generator (never a global
        // RNG): the ID seed when there is one, a fixed seed otherwise, so a
        // run replays exactly.
        let seed = match settings.ids {
            IdSourceSetting::Seeded { seed } => seed,
            _ => 0,
        };
        Cluster {
            nodes: (0..settings.servers.max(1)).map(|_| Node { up: true, ..Node::default() }).collect(),
            store_reachable: true,
            total: Cost::default(),
            cursor: 0,
            rng: SplitMix64::new(seed ^ 0xBA1A_4CE5),
            pins: SortedMap::new(),
            lost: SortedMap::new(),
        }
    }

    /// The deployment as a snapshot shows it.
    pub fn view(&self, settings: &Settings) -> ClusterView {
        let dialect = settings.store_dialect();
        ClusterView {
            balancing: settings.balancing,
            layout: settings.store_layout,
            // A preset whose own store is the process's memory shares a Redis
            // the way connect-redis writes its sessions: say so, not only
            // "Redis". A token server's denylist or refresh records there are
            // under its own keys, so its store is just "Redis".
            store_kind: if dialect != settings.preset().store
                && settings.store_layout == StoreLayout::Shared
                && settings.mechanism == crate::library::token::Mechanism::ServerSession
            {
                say(Label::SharedRedis)
            } else {
                say(Label::Store(dialect))
            },
            network_store: dialect.survives_restart(),
            store_reachable: self.store_reachable,
            servers: self
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| ServerView {
                    name: server_name(i),
                    up: n.up,
                    handled: n.handled,
                    records: if settings.store_layout == StoreLayout::PerServer { n.store.rows() } else { Vec::new() },
                })
                .collect(),
            active: None,
            action: Cost::default(),
            total: self.total,
            model: CostModel::DEFAULT,
        }
    }

    /// The next running server in turn, if any, moving the cursor past it.
    fn next_in_turn(&mut self) -> Option<usize> {
        let n = self.nodes.len();
        let pick = (0..n).map(|i| (self.cursor + i) % n).find(|&i| self.nodes[i].up)?;
        self.cursor = (pick + 1) % n;
        Some(pick)
    }

    /// Picks the server for a request, as `balancing` says.
    pub fn route(&mut self, balancing: Balancing, request: &Request) -> Route {
        let running: Vec<usize> = (0..self.nodes.len()).filter(|&i| self.nodes[i].up).collect();
        if running.is_empty() {
            let why = say(WorldMessage::NoServerRunning);
            return Route { node: None, why, pin: false };
        }
        let only = running.len() == 1;
        let route = match balancing {
            _ if only && balancing != Balancing::Sticky => {
                let node = running[0];
                let why = say(WorldMessage::OnlyServer { server: &server_name(node) });
                Route { node: Some(node), why, pin: false }
            }
            Balancing::RoundRobin => {
                let node = self.next_in_turn().unwrap_or(running[0]);
                let why = say(WorldMessage::RoundRobin { server: &server_name(node) });
                Route { node: Some(node), why, pin: false }
            }
            Balancing::Random => {
                let node = running[(self.rng.next_u64() % running.len() as u64) as usize];
                let why = say(WorldMessage::RandomPick { server: &server_name(node) });
                Route { node: Some(node), why, pin: false }
            }
            Balancing::Sticky => self.sticky(request),
        };
        if let Some(node) = route.node {
            self.nodes[node].handled += 1;
        }
        route
    }

    fn sticky(&mut self, request: &Request) -> Route {
        let value = request.cookie(AFFINITY_COOKIE).map(str::to_owned);
        let pinned = value.as_ref().and_then(|v| self.pins.get(v).copied());
        match pinned {
            Some(node) if self.nodes[node].up => Route {
                node: Some(node),
                why: say(WorldMessage::Pinned { cookie: AFFINITY_COOKIE, server: &server_name(node) }),
                pin: false,
            },
            Some(node) => {
                let next = self.next_in_turn().unwrap_or(node);
                Route {
                    node: Some(next),
                    why: say(WorldMessage::PinnedDown {
                        cookie: AFFINITY_COOKIE,
                        server: &server_name(node),
                        next: &server_name(next),
                    }),
                    pin: true,
                }
            }
            None => {
                let node = self.next_in_turn().unwrap_or(0);
                Route {
                    node: Some(node),
                    why: say(WorldMessage::NotPinned { cookie: AFFINITY_COOKIE, server: &server_name(node) }),
                    pin: true,
                }
            }
        }
    }

    /// A new affinity cookie pinning a browser to `node`: the `Set-Cookie` value.
    pub fn affinity_cookie(&mut self, node: usize, now: Instant) -> String {
        // An opaque value, as the browser sees AWS's encrypted one.
        let digest =
            crate::base::crypto::sha256(format!("{}:{}:{node}", self.pins.len(), now.unix_millis()).as_bytes());
        let value = crate::base::encoding::base64(&digest);
        self.pins.insert(value.clone(), node);
        let expires = now.plus_secs(AFFINITY_COOKIE_SECS).http_date();
        format!("{AFFINITY_COOKIE}={value}; Expires={expires}; Path=/")
    }
}
