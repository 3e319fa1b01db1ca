//! The world: a clock, an ID source, a server and three browsers, and the
//! actions a reader (or a scenario) can take.
//!
//! [`World::apply`] runs one [`Action`] to the end and returns its [`Trace`].
//! The world is fully determined by its settings and the actions applied, so
//! a seeded world replays identically.

use crate::base::clock::{Clock, Instant, MAX_ELAPSED_SECS, MAX_WAIT_SECS};
use crate::base::http::{cookie_value, form_encode, Method};
use crate::base::ids::{IdSource, SessionId};
use crate::browser::{Browser, Channel, JarChange, Screen};
use crate::library::preset::Settings;
use crate::library::topology::{server_name, StoreLayout, AFFINITY_COOKIE};
use crate::server::{Context, Server};
use crate::session::store::SessionStore;
use crate::sim::cluster::Cluster;
use crate::text::human_duration;
use crate::trace::{
    Actor, BrowserView, HttpMessage, Snapshot, StepDraft, StepKind, StoreOp, StoreOpKind, Trace, Tracer,
};
use std::fmt;

/// Something a reader (or a scenario) does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Submit the login form from a browser.
    Login {
        /// Which browser, by key.
        browser: String,
        /// The username typed.
        username: String,
        /// The password typed.
        password: String,
    },
    /// Open a page (`GET`) in a browser.
    Visit {
        /// Which browser, by key.
        browser: String,
        /// The path, e.g. `/profile`.
        path: String,
    },
    /// Click "Log out" in a browser (`POST /logout`).
    Logout {
        /// Which browser, by key.
        browser: String,
    },
    /// Click "Log out everywhere" (`POST /logout-everywhere`): end every session of this user.
    LogoutEverywhere {
        /// Which browser, by key.
        browser: String,
    },
    /// Change the logged-in user's password (`POST /password`).
    ChangePassword {
        /// Which browser, by key.
        browser: String,
        /// The new password.
        password: String,
    },
    /// An administrator deletes one session on the server; `None` means the newest one.
    Revoke {
        /// The session to revoke.
        id: Option<SessionId>,
    },
    /// An administrator deletes the session a browser is using: the record
    /// filed under the ID that browser's jar holds as its session cookie.
    RevokeHeldBy {
        /// Which browser, by key.
        browser: String,
    },
    /// An administrator deletes every session of a user.
    RevokeUser {
        /// The user.
        user: String,
    },
    /// Copy the session cookie from one browser's jar into another's, as a
    /// thief (or an attacker planting a ticket) would.
    CopyCookie {
        /// The browser it is copied from.
        from: String,
        /// The browser it is copied into.
        to: String,
    },
    /// Close a browser and open it again: cookies without an expiry are gone.
    CloseBrowser {
        /// Which browser, by key.
        browser: String,
    },
    /// Let time pass.
    Wait {
        /// How many seconds.
        secs: u64,
    },
    /// Restart the server process.
    RestartServer,
    /// Plant a session cookie in a browser through a sibling subdomain Mallory
    /// controls: a response from `https://mallory.app.example` sets it with
    /// `Domain=app.example` ("cookie tossing"). `None` plants Mallory's own ticket.
    PlantTicket {
        /// The victim's browser.
        browser: String,
        /// The session ID to plant.
        id: Option<SessionId>,
    },
    /// Put a guessed or made-up session ID in a browser's own jar, by hand (devtools).
    GuessTicket {
        /// Whose jar.
        browser: String,
        /// The ID guessed.
        id: SessionId,
    },
    /// A script injected into the app's page in a browser reads `document.cookie`
    /// and sends what it finds to Mallory.
    ScriptTheft {
        /// The victim's browser.
        browser: String,
    },
    /// A page on another site makes a browser submit a form to the app (cross-site request forgery).
    CrossSiteForm {
        /// The victim's browser.
        browser: String,
        /// Where the form posts, e.g. `/password`.
        path: String,
        /// The form's fields.
        fields: Vec<(String, String)>,
    },
    /// A browser requests a page over plain http, where Mallory, on the same network, reads it.
    VisitOverHttp {
        /// Which browser.
        browser: String,
        /// The path.
        path: String,
    },
    /// Everything starts over (store, jars, clock) with one defence switched on.
    StartOverWith {
        /// The defence.
        defence: crate::library::defence::Defence,
    },
    /// An app server stops (a crash, a deploy): the balancer stops sending it requests.
    StopServer {
        /// Which server, counting from 1.
        server: u8,
    },
    /// A stopped app server starts again, with empty memory.
    StartServer {
        /// Which server, counting from 1.
        server: u8,
    },
    /// The shared session store becomes unreachable.
    StopStore,
    /// The shared session store is reachable again.
    StartStore,
}

impl Action {
    /// A short label, e.g. "Alice's laptop: log in as alice".
    pub fn label(&self) -> String {
        let name = |key: &str| BROWSERS.iter().find(|(k, _)| *k == key).map_or(key, |(_, label)| *label).to_owned();
        match self {
            Action::Login { browser, username, .. } => format!("{}: log in as {username}", name(browser)),
            Action::Visit { browser, path } => format!("{}: visit {path}", name(browser)),
            Action::Logout { browser } => format!("{}: log out", name(browser)),
            Action::LogoutEverywhere { browser } => format!("{}: log out everywhere", name(browser)),
            Action::ChangePassword { browser, .. } => format!("{}: change password", name(browser)),
            Action::Revoke { id: Some(id) } => format!("admin: revoke {id}"),
            Action::Revoke { id: None } => "admin: revoke the newest session".to_owned(),
            Action::RevokeHeldBy { browser } => format!("admin: revoke the session of {}", name(browser)),
            Action::RevokeUser { user } => format!("admin: end every session of {user}"),
            Action::CopyCookie { from, to } => format!("copy the session cookie from {} to {}", name(from), name(to)),
            Action::CloseBrowser { browser } => format!("{}: close and reopen the browser", name(browser)),
            Action::Wait { secs } => format!("wait {}", human_duration(*secs)),
            Action::RestartServer => "restart the server".to_owned(),
            Action::PlantTicket { browser, .. } => format!("Mallory plants a ticket in {}", name(browser)),
            Action::GuessTicket { browser, id } => format!("{}: try the ticket {id}", name(browser)),
            Action::ScriptTheft { browser } => format!("an injected script runs in {}", name(browser)),
            Action::CrossSiteForm { browser, path, .. } => {
                format!("{}: another site's form posts to {path}", name(browser))
            }
            Action::VisitOverHttp { browser, path } => format!("{}: visit http://app.example{path}", name(browser)),
            Action::StartOverWith { defence } => format!("start over with {} on", defence.label()),
            Action::StopServer { server } => format!("stop {}", server_name(usize::from(*server).saturating_sub(1))),
            Action::StartServer { server } => {
                format!("start {} again", server_name(usize::from(*server).saturating_sub(1)))
            }
            Action::StopStore => "the session store goes down".to_owned(),
            Action::StartStore => "the session store is back".to_owned(),
        }
    }
}

/// An action the world cannot run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorldError {
    /// No browser has this key.
    UnknownBrowser(String),
    /// No app server has this number: (the number, how many servers there are).
    UnknownServer(u8, u8),
    /// A server was to stop or start, but there is one server and no load balancer.
    SingleServer,
    /// A wait longer than one may be, or one that would take the clock past
    /// its limit: (the seconds asked for, the seconds the clock has left).
    WaitTooLong(u64, u64),
}

impl fmt::Display for WorldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorldError::UnknownBrowser(key) => write!(
                f,
                "there is no browser called \u{201c}{key}\u{201d} (the browsers are {})",
                BROWSERS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
            ),
            WorldError::UnknownServer(n, count) => {
                write!(f, "there is no app server {n} (the servers are numbered 1 to {count})")
            }
            WorldError::SingleServer => write!(
                f,
                "stopping or starting a server needs 2 or more servers, or a shared store (settings.servers, \
                 settings.storeLayout); with one server, use restartServer"
            ),
            WorldError::WaitTooLong(secs, _) if *secs > MAX_WAIT_SECS => {
                write!(f, "seconds: expected a whole number from 1 to {MAX_WAIT_SECS} (ten years); found {secs}")
            }
            WorldError::WaitTooLong(secs, left) => write!(
                f,
                "seconds: waiting {} would take the clock past its limit, a hundred years after the start ({}); \
                 {}. Start over to wait again",
                human_duration(*secs),
                Instant::START.plus_secs(MAX_ELAPSED_SECS).http_date(),
                if *left == 0 {
                    "it has reached it".to_owned()
                } else {
                    format!("the longest wait left is {left} seconds ({})", human_duration(*left))
                }
            ),
        }
    }
}

impl std::error::Error for WorldError {}

/// Why a browser has no session an administrator could revoke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NoSessionHeld {
    /// Its jar holds no session cookie the server could read.
    NoTicket,
    /// Its ticket (this ID) names no record.
    NoRecord(SessionId),
}

/// The key of Alice's laptop, the browser every tour starts with.
pub const LAPTOP: &str = "laptop";

/// The key of Mallory's laptop: the attacker's browser.
pub const MALLORY: &str = "mallory";

/// Every browser on the stage: (key, label).
pub const BROWSERS: [(&str, &str); 3] =
    [(LAPTOP, "Alice's laptop"), ("phone", "Alice's phone"), ("mallory", "Mallory's laptop")];

/// Everything the playground simulates.
#[derive(Clone, Debug)]
pub struct World {
    clock: Clock,
    ids: IdSource,
    server: Server,
    /// The session store: the one server's, or the store the servers share.
    /// With one store per server it stays empty: each server's records live
    /// in its node, and the server is handed that node's store for each call.
    store: SessionStore,
    browsers: Vec<Browser>,
    /// The app servers and the balancer, when there is more than one server
    /// or a shared store.
    cluster: Option<Cluster>,
    /// A scenario's prepared start (its `given` actions): run again, silently,
    /// whenever the world starts over, so a start-over lands where the scenario began.
    prepared: Vec<Action>,
}

impl World {
    /// A world with the playground's default settings and IDs from `ids`.
    pub fn new(ids: IdSource) -> World {
        World::with_settings(Settings::default(), ids)
    }

    /// A world with these settings, IDs from the source they name.
    pub fn from_settings(settings: Settings) -> World {
        let ids = IdSource::from_setting(settings.ids);
        World::with_settings(settings, ids)
    }

    fn with_settings(settings: Settings, ids: IdSource) -> World {
        let settings_default = settings.browser_same_site_default;
        let cluster = settings.clustered().then(|| Cluster::new(&settings));
        World {
            cluster,
            prepared: Vec::new(),
            clock: Clock::new(),
            ids,
            server: Server::new(settings),
            store: SessionStore::new(),
            browsers: BROWSERS
                .iter()
                .map(|(key, label)| {
                    let mut browser = Browser::new(key, label);
                    browser.jar.same_site_default = settings_default;
                    browser
                })
                .collect(),
        }
    }

    /// The server (read-only: change it through actions).
    pub fn server(&self) -> &Server {
        &self.server
    }

    /// The session store (read-only): the one server's, or the shared one.
    /// With one store per server it is empty; the snapshot shows each server's.
    pub fn store(&self) -> &SessionStore {
        &self.store
    }

    /// Where IDs come from, in words.
    pub fn id_source(&self) -> &'static str {
        self.ids.describe()
    }

    /// The IDs the CSPRNG has handed out in this world, in order (none with
    /// a seeded or sequential source, which replay by themselves).
    pub fn drawn_ids(&self) -> &[SessionId] {
        self.ids.drawn()
    }

    /// Makes the CSPRNG hand out these IDs first, in order: replaying a
    /// shared run shows the very tickets the reader saw. Refuses IDs the
    /// preset's format could not have drawn.
    pub fn replay_ids(&mut self, ids: &[String]) -> Result<(), String> {
        self.ids.replay(ids, self.server.settings.preset().id_format)
    }

    /// Makes this world, a copy of `later` taken earlier, draw exactly the
    /// IDs `later` drew since: replaying the same actions then gives the same
    /// run. (A plain `IdSource::Csprng` keeps no record and cannot be replayed;
    /// worlds built from settings never use one.)
    pub fn reproduce_ids_of(&mut self, later: &World) {
        later.ids.reproduce_into(&mut self.ids);
    }

    /// How much the world holds: store records (every server's) and cookies in the jars.
    pub fn held(&self) -> usize {
        let nodes = self.cluster.as_ref().map_or(0, |c| c.nodes.iter().map(|n| n.store.len()).sum());
        let cookies: usize = self.browsers.iter().map(|b| b.jar.cookies().len()).sum();
        self.store.len() + nodes + cookies
    }

    /// The shared link's IDs that were refused, each with its reason: IDs
    /// the CSPRNG could not have drawn where the link put them.
    pub fn refused_ids(&self) -> &[crate::base::ids::RefusedId] {
        self.ids.refused()
    }

    /// Tells the ID source about every ID in the world it did not draw
    /// itself: those an action names, and those in the jars (a test or a
    /// scenario can put one there by hand). No replayed ID may be one of them.
    fn note_known_ids(&mut self, action: &Action) {
        let named = match action {
            Action::GuessTicket { id, .. }
            | Action::PlantTicket { id: Some(id), .. }
            | Action::Revoke { id: Some(id) } => Some(id),
            _ => None,
        };
        self.ids.note_known(named);
        // A session cookie's value counts as known whether or not the server
        // can read it: whoever wrote it knows the ID, and can write it properly later.
        let name = self.server.settings.cookie_name();
        for browser in &self.browsers {
            let tickets = self.server.tickets_in(&browser.jar);
            self.ids.note_known(tickets.iter().flatten());
            let written: Vec<SessionId> = browser
                .jar
                .cookies()
                .iter()
                .filter(|c| c.name == name)
                .flat_map(|c| ids_written_in(&c.value))
                .collect();
            self.ids.note_known(&written);
        }
    }

    /// A browser by key.
    pub fn browser(&self, key: &str) -> Option<&Browser> {
        self.browsers.iter().find(|b| b.key == key)
    }

    /// A browser by key, to tamper with: a test or scenario can put a cookie
    /// in its jar the way devtools, a page script or an attacker could.
    pub fn browser_mut(&mut self, key: &str) -> Option<&mut Browser> {
        self.browsers.iter_mut().find(|b| b.key == key)
    }

    /// The visible state now.
    pub fn snapshot(&self) -> Snapshot {
        let cluster = self.cluster.as_ref().map(|c| c.view(&self.server.settings));
        let store = match &cluster {
            Some(view) if self.per_server() => {
                std::sync::Arc::new(view.servers.iter().flat_map(|s| s.records.iter().cloned()).collect())
            }
            _ => self.store.shared_rows(),
        };
        Snapshot {
            now: self.clock.now(),
            date: self.clock.now().http_date(),
            browsers: self.browsers.iter().map(|b| view(b, &self.server)).collect(),
            store,
            cluster,
        }
        .with_ticket_states()
    }

    /// True when several servers each keep their own records.
    fn per_server(&self) -> bool {
        self.cluster.is_some() && self.server.settings.store_layout == StoreLayout::PerServer
    }

    /// Runs `f` as the server, handed the store it may use and its context:
    /// with one store per server, server `node`'s own memory (and `elsewhere`,
    /// why a lookup there will miss); otherwise the one store.
    fn as_server<R>(
        &mut self,
        node: Option<usize>,
        elsewhere: Option<String>,
        tracer: &mut Tracer,
        f: impl FnOnce(&mut Server, &mut Context<'_>) -> R,
    ) -> R {
        let now = self.clock.now();
        let node = node.filter(|_| self.per_server());
        let (store, cluster) = (&mut self.store, &mut self.cluster);
        let mut ctx = match (node, cluster) {
            (Some(node), Some(cluster)) => {
                Context::new(now, &mut self.ids, tracer, &mut cluster.nodes[node].store).on_node(node, elsewhere)
            }
            _ => Context::new(now, &mut self.ids, tracer, store),
        };
        f(&mut self.server, &mut ctx)
    }

    /// Shows later steps the servers' state (running, requests handled, the store's reachability).
    fn refresh(&self, tracer: &mut Tracer, active: Option<usize>) {
        let (Some(cluster), Some(view)) = (&self.cluster, tracer.cluster_mut()) else { return };
        for (shown, node) in view.servers.iter_mut().zip(&cluster.nodes) {
            shown.up = node.up;
            shown.handled = node.handled;
        }
        view.store_reachable = cluster.store_reachable;
        view.active = active;
    }

    /// Checks a server number from an action: 1 to the number of servers.
    fn node_index(&self, server: u8) -> Result<usize, WorldError> {
        let count = self.server.settings.servers;
        if self.cluster.is_none() {
            return Err(WorldError::SingleServer);
        }
        if server == 0 || server > count {
            return Err(WorldError::UnknownServer(server, count));
        }
        Ok(usize::from(server) - 1)
    }

    fn index_of(&self, key: &str) -> Result<usize, WorldError> {
        self.browsers.iter().position(|b| b.key == key).ok_or_else(|| WorldError::UnknownBrowser(key.to_owned()))
    }

    /// Runs `given` now (a scenario's prepared start, untraced) and again
    /// after every start-over, so a start-over lands where the scenario began.
    pub fn prepare(&mut self, given: &[Action]) -> Result<(), WorldError> {
        for action in given {
            self.apply_untraced(action)?;
        }
        self.remember_prepared(given);
        Ok(())
    }

    /// Keeps `given` as the prepared start that runs again after a start-over,
    /// for a caller that has run it already, one action at a time.
    pub(crate) fn remember_prepared(&mut self, given: &[Action]) {
        self.prepared = given.to_vec();
    }

    /// Runs one action to the end and returns what happened, step by step.
    pub fn apply(&mut self, action: &Action) -> Result<Trace, WorldError> {
        self.note_known_ids(action);
        let mut tracer = Tracer::new(self.snapshot());
        self.run(action, &mut tracer)?;
        Ok(tracer.finish())
    }

    /// Runs one action to the same end as [`World::apply`] but keeps no
    /// snapshots, and returns how many steps its trace has. Replaying a long
    /// shared link this way costs what changed, not the store's size at every
    /// step. (With several servers it traces after all: their running costs
    /// are counted in the traced picture.)
    pub fn apply_untraced(&mut self, action: &Action) -> Result<usize, WorldError> {
        self.apply_untraced_moments(action).map(|sizes| sizes.iter().sum())
    }

    /// [`World::apply_untraced`], returning how many steps each of the
    /// action's moments (Next presses) has: what a replay needs to lay out
    /// the presses without tracing a step.
    pub fn apply_untraced_moments(&mut self, action: &Action) -> Result<Vec<usize>, WorldError> {
        if self.cluster.is_some() {
            return self.apply(action).map(|trace| trace.moment_sizes());
        }
        self.note_known_ids(action);
        let mut tracer = Tracer::untraced();
        self.run(action, &mut tracer)?;
        Ok(tracer.moment_sizes())
    }

    fn run(&mut self, action: &Action, tracer: &mut Tracer) -> Result<(), WorldError> {
        match action {
            Action::Login { browser, username, password } => {
                let form = form_encode(&[("username", username), ("password", password)]);
                self.exchange(browser, Method::Post, "/login", Some(form), tracer)?;
            }
            Action::Visit { browser, path } => self.exchange(browser, Method::Get, path, None, tracer)?,
            Action::Logout { browser } => self.exchange(browser, Method::Post, "/logout", None, tracer)?,
            Action::LogoutEverywhere { browser } => {
                self.exchange(browser, Method::Post, "/logout-everywhere", None, tracer)?;
            }
            Action::ChangePassword { browser, password } => {
                let form = form_encode(&[("password", password)]);
                self.exchange(browser, Method::Post, "/password", Some(form), tracer)?;
            }
            Action::Revoke { id } => self.revoke(id.as_ref(), tracer),
            Action::RevokeHeldBy { browser } => self.revoke_held_by(browser, tracer)?,
            Action::RevokeUser { user } => self.revoke_user(user, tracer),
            Action::CopyCookie { from, to } => self.copy_cookie(from, to, tracer)?,
            Action::CloseBrowser { browser } => self.close_browser(browser, tracer)?,
            Action::Wait { secs } => self.wait(*secs, tracer)?,
            Action::PlantTicket { browser, id } => self.plant_ticket(browser, id.as_ref(), tracer)?,
            Action::GuessTicket { browser, id } => self.guess_ticket(browser, id, tracer)?,
            Action::ScriptTheft { browser } => self.script_theft(browser, tracer)?,
            Action::CrossSiteForm { browser, path, fields } => {
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let form = form_encode(&pairs);
                self.exchange_via(browser, Method::Post, path, Some(form), Channel::CROSS_SITE_POST, tracer)?;
            }
            Action::VisitOverHttp { browser, path } => {
                self.exchange_via(browser, Method::Get, path, None, Channel::PLAIN_HTTP, tracer)?;
            }
            Action::StartOverWith { defence } => {
                let mut settings = self.server.settings.clone();
                defence.apply(&mut settings);
                let ids = std::mem::replace(&mut self.ids, IdSource::Csprng);
                let prepared = std::mem::take(&mut self.prepared);
                *self = World::from_settings(settings);
                // One run, one record of the IDs drawn, whatever starts over.
                ids.carry_memory_into(&mut self.ids);
                let mut narration = format!(
                    "Everything starts over: an empty store, empty jars, the clock back at the start. This time the \
                     server has one more defence: {}.",
                    defence.label()
                );
                // A scenario's prepared start happens again, unseen: the step shows its result.
                for action in &prepared {
                    self.apply_untraced(action)?;
                }
                if !prepared.is_empty() {
                    let labels: Vec<String> = prepared.iter().map(Action::label).collect();
                    narration.push_str(&format!(" As at the start, this has already happened: {}.", labels.join("; ")));
                }
                self.prepared = prepared;
                if tracer.is_traced() {
                    *tracer = Tracer::new(self.snapshot());
                }
                tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            }
            Action::RestartServer => {
                self.restart_servers(tracer);
                // A counter kept in the process's memory starts over too.
                if let IdSource::Sequential { next } = &mut self.ids {
                    *next = 1;
                }
            }
            Action::StopServer { server } => self.stop_server(self.node_index(*server)?, tracer),
            Action::StartServer { server } => self.start_server(self.node_index(*server)?, tracer),
            Action::StopStore => self.set_store_reachable(false, tracer),
            Action::StartStore => self.set_store_reachable(true, tracer),
        }
        // The running cost lives on in the world.
        if let (Some(cluster), Some(view)) = (&mut self.cluster, tracer.cluster_mut()) {
            cluster.total = view.total;
        }
        Ok(())
    }

    /// Runs `f` on each server's own store in turn (one store per server),
    /// or once on the store (one server, or a shared store).
    fn for_each_store(&mut self, tracer: &mut Tracer, mut f: impl FnMut(&mut Server, &mut Context<'_>)) {
        if !self.per_server() {
            self.as_server(None, None, tracer, f);
            return;
        }
        let count = self.cluster.as_ref().map_or(0, |c| c.nodes.len());
        for node in 0..count {
            self.as_server(Some(node), None, tracer, &mut f);
        }
    }

    /// With one store per server, an administrator's request reaches the
    /// admin endpoint the way every request does: through the load balancer,
    /// to one server. Returns that server, or `Err` when none is running.
    /// With one server or a shared store, `Ok(None)`: the one store is at hand.
    fn admin_route(&mut self, path: &str, tracer: &mut Tracer) -> Result<Option<usize>, ()> {
        let balancing = self.server.settings.balancing;
        let Some(cluster) =
            self.cluster.as_mut().filter(|_| self.server.settings.store_layout == StoreLayout::PerServer)
        else {
            return Ok(None);
        };
        let request =
            crate::base::http::Request { method: Method::Post, path: path.to_owned(), headers: Vec::new(), body: None };
        let node = cluster.route(balancing, &request).node;
        if let Some(view) = tracer.cluster_mut() {
            view.action.requests += 1;
            view.total.requests += 1;
        }
        self.refresh(tracer, node);
        let narration = match node {
            Some(node) => format!(
                "The administrator's request (POST {path}) goes through the load balancer like any other, and the \
                 balancer sends it to {}. The admin endpoint runs in that one process: it can search that server's \
                 memory, and no other.",
                server_name(node)
            ),
            None => format!(
                "The administrator's request (POST {path}) reaches the load balancer, but no app server is running: \
                 it answers 503 Service Unavailable, and nothing is revoked."
            ),
        };
        let routed = StepKind::Routed { server: node.map(server_name) };
        tracer.push(StepDraft::new(Actor::Balancer, routed, narration).message(HttpMessage::from(&request)));
        node.map(Some).ok_or(())
    }

    /// With one store per server: where else a session lives, when server `node` does not hold it.
    fn held_elsewhere(&self, id: &SessionId, node: usize) -> Option<String> {
        let cluster = self.cluster.as_ref()?;
        let holder = (0..cluster.nodes.len()).find(|&i| i != node && cluster.nodes[i].store.contains(id))?;
        Some(format!(
            "The record lives in {}'s memory, out of {}'s reach: that session survives, and its ticket still works \
             there.",
            server_name(holder),
            server_name(node)
        ))
    }

    fn revoke(&mut self, id: Option<&SessionId>, tracer: &mut Tracer) {
        let Ok(node) = self.admin_route("/admin/revoke", tracer) else { return };
        let elsewhere = node.zip(id).and_then(|(node, id)| self.held_elsewhere(id, node));
        self.as_server(node, elsewhere, tracer, |server, ctx| server.revoke(id, ctx));
    }

    /// The session a browser is using, as an administrator would pick it
    /// out: the ID in its session cookie, read as the server reads one, when
    /// a record is filed under it (in any server's memory, with one store
    /// per server). An unknown key holds nothing.
    pub(crate) fn session_held_by(&self, key: &str) -> Result<SessionId, NoSessionHeld> {
        let id = self.browser(key).and_then(|b| self.server.ticket_in(&b.jar)).ok_or(NoSessionHeld::NoTicket)?;
        let filed = match &self.cluster {
            Some(cluster) if self.per_server() => cluster.nodes.iter().any(|node| node.store.contains(&id)),
            _ => self.store.contains(&id),
        };
        if filed {
            Ok(id)
        } else {
            Err(NoSessionHeld::NoRecord(id))
        }
    }

    /// Revokes the session a browser is using. A browser holding no ticket,
    /// or one that names no record, gives the administrator nothing to
    /// delete: one step says so, and nothing changes.
    fn revoke_held_by(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let label = self.browsers[self.index_of(key)?].label.clone();
        if self.server.mechanism() == crate::server::Mechanism::Token {
            // The administrator is shown the token that browser holds: only
            // with it in hand is there a jti to deny.
            let token = self.token_held_by(key);
            let Ok(node) = self.admin_route("/admin/revoke", tracer) else { return Ok(()) };
            self.as_server(node, None, tracer, |server, ctx| server.revoke_token(token.as_deref(), ctx));
            return Ok(());
        }
        let store = if self.per_server() { "any server's memory" } else { "the store" };
        let narration = match self.session_held_by(key) {
            Err(NoSessionHeld::NoTicket) => format!(
                "The administrator is to revoke the session {label} is using, but that browser's jar holds no \
                 session ticket the server could read: it has no session to end. Nothing changes."
            ),
            Err(NoSessionHeld::NoRecord(id)) => format!(
                "The administrator is to revoke the session {label} is using, but the ticket in its jar, {id}, names \
                 no record in {store}: that session has already ended (revoked, logged out, or expired and cleaned \
                 up). There is nothing to revoke; nothing changes."
            ),
            Ok(id) => {
                // The ticket is the only link between a browser and its record: the
                // administrator finds the session by the ID that browser carries.
                let narration = format!(
                    "The administrator picks out the session {label} is using: the record filed under the ID in \
                     that browser's session cookie, {id}."
                );
                tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
                self.revoke(Some(&id), tracer);
                return Ok(());
            }
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        Ok(())
    }

    /// The token a browser holds, in its page's storage or its token cookie.
    fn token_held_by(&self, key: &str) -> Option<String> {
        let browser = self.browser(key)?;
        let stored = browser.storage.get(crate::library::token::TOKEN_STORAGE_KEY).cloned();
        stored.or_else(|| browser.jar.get(&self.server.session_cookie_name()).map(|c| c.value.clone()))
    }

    fn revoke_user(&mut self, user: &str, tracer: &mut Tracer) {
        let Ok(node) = self.admin_route("/admin/revoke-user", tracer) else { return };
        self.as_server(node, None, tracer, |server, ctx| server.revoke_user(user, ctx));
        let Some(node) = node else { return };
        // Say what the one server could not reach.
        let survivors: Vec<String> = self.cluster.as_ref().map_or(Vec::new(), |c| {
            (0..c.nodes.len())
                .filter(|&i| i != node && !c.nodes[i].store.ids_of_user(user).is_empty())
                .map(server_name)
                .collect()
        });
        let narration = if survivors.is_empty() {
            format!(
                "No other server holds a session of {user} now, so this time every one is gone. With one store per \
                 server that is luck: the admin endpoint could search only {}'s memory.",
                server_name(node)
            )
        } else {
            format!(
                "{user}'s sessions in {}'s memory survive: {} could not reach them. With one store per server, \
                 ending every session of a user needs every server to do it, or a shared store.",
                survivors.join(" and "),
                server_name(node)
            )
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
    }

    /// Restarts the server, or every app server one after another (a deploy).
    fn restart_servers(&mut self, tracer: &mut Tracer) {
        if !self.per_server() {
            self.as_server(None, None, tracer, |server, ctx| server.restart(ctx));
            return;
        }
        let narration = "Every app server restarts, one after another (a deploy).";
        tracer.push(StepDraft::new(Actor::Server, StepKind::ServerRestarted, narration));
        if self.server.mechanism() == crate::server::Mechanism::Token {
            // Each server's own memory held at most a denylist; the tokens need none of it.
            let count = self.cluster.as_ref().map_or(0, |c| c.nodes.len());
            let lost: usize = (0..count).map(|node| self.lose_memory_of(node, tracer).len()).sum();
            let narration = crate::text::token::restart(lost, false);
            tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        }
        let mut removed = Vec::new();
        let count = self.cluster.as_ref().map_or(0, |c| c.nodes.len());
        for node in 0..count {
            removed.extend(self.lose_memory_of(node, tracer));
        }
        let command = "(each process exited: its sessions map is gone)";
        crate::server::push_memory_lost("Each server kept its sessions in its own memory", removed, command, tracer);
    }

    fn stop_server(&mut self, node: usize, tracer: &mut Tracer) {
        let name = server_name(node);
        let Some(cluster) = &mut self.cluster else { return };
        if !cluster.nodes[node].up {
            let narration = format!("{name} is already stopped.");
            tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        }
        cluster.nodes[node].up = false;
        self.refresh(tracer, None);
        let narration = format!(
            "{name} stops (a crash, or taken out for a deploy). The load balancer's health checks notice, and it \
             sends {name} no more requests."
        );
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        if !self.per_server() {
            let narration = format!(
                "{name} kept no sessions of its own: they live in the shared store, so none is lost. Any other server \
                 can serve {name}'s users."
            );
            let op = StoreOp::bulk(StoreOpKind::Flush, Vec::new(), "(nothing: the shared store kept running)".into());
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            return;
        }
        let removed = self.lose_memory_of(node, tracer);
        if let Some(cluster) = &mut self.cluster {
            cluster.lost.extend(removed.iter().map(|id| (id.clone(), node)));
        }
        let narration = match removed.len() {
            0 => "Its memory held no sessions, so no one is logged out by its stopping.".to_owned(),
            n => format!(
                "Its sessions lived in its memory, so {}: whoever was served by {name} is logged out at their next \
                 request, whichever server gets it.",
                if n == 1 { "the one it held is gone".to_owned() } else { format!("all {n} it held are gone") }
            ),
        };
        let op = StoreOp::bulk(
            StoreOpKind::Flush,
            removed,
            format!("(the {name} process exited: its sessions map is gone)"),
        );
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Server `node`'s process ends: the sessions in its own memory are gone.
    /// Returns their IDs.
    fn lose_memory_of(&mut self, node: usize, tracer: &mut Tracer) -> Vec<SessionId> {
        let Some(cluster) = &mut self.cluster else { return Vec::new() };
        let store = &mut cluster.nodes[node].store;
        let removed = store.clear();
        tracer.set_store(store, Some(node));
        removed
    }

    fn start_server(&mut self, node: usize, tracer: &mut Tracer) {
        let name = server_name(node);
        let Some(cluster) = &mut self.cluster else { return };
        let narration = if cluster.nodes[node].up {
            format!("{name} is already running.")
        } else {
            cluster.nodes[node].up = true;
            format!(
                "{name} starts again, with empty memory. Once its health checks pass, the load balancer sends it \
                 requests again."
            )
        };
        self.refresh(tracer, None);
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
    }

    fn set_store_reachable(&mut self, reachable: bool, tracer: &mut Tracer) {
        let dialect = self.server.settings.store_dialect();
        let narration = match &mut self.cluster {
            _ if !dialect.survives_restart() => "The sessions live in each server's own memory: there is no separate \
                                                 store to lose. (Stop a server instead.)"
                .to_owned(),
            None => "With one server and its own store, there is no shared store here to lose. (Choose a shared \
                     store in the settings.)"
                .to_owned(),
            Some(cluster) if cluster.store_reachable == reachable => {
                format!("The session store is already {}.", if reachable { "reachable" } else { "down" })
            }
            Some(cluster) => {
                cluster.store_reachable = reachable;
                if reachable {
                    format!(
                        "The session store ({}) is reachable again. Its records were never lost, only out of reach: \
                         every live ticket works again.",
                        dialect.label()
                    )
                } else {
                    format!(
                        "The session store ({}) goes down: the network to it fails, or it stops. Its records are \
                         safe, but no app server can read them now, so no request can be authenticated until it is \
                         back.",
                        dialect.label()
                    )
                }
            }
        };
        self.refresh(tracer, None);
        tracer.push(StepDraft::new(Actor::Store, StepKind::AdminAction, narration));
    }

    fn wait(&mut self, secs: u64, tracer: &mut Tracer) -> Result<(), WorldError> {
        if secs > MAX_WAIT_SECS {
            return Err(WorldError::WaitTooLong(secs, 0));
        }
        // The clock has an end (clock.rs says why): a wait past it is refused, changing nothing.
        self.clock.advance_secs(secs).map_err(|left| WorldError::WaitTooLong(secs, left))?;
        let now = self.clock.now();
        tracer.set_now(now);
        let narration = format!(
            "Time jumps forward by {} with no requests. The clock now reads {now} ({}).",
            human_duration(secs),
            now.http_date()
        );
        tracer.push(StepDraft::new(Actor::Clock, StepKind::TimePassed { secs }, narration));
        // Cookies carry their own expiry, which the browser enforces on its own.
        for index in 0..self.browsers.len() {
            let gone = self.browsers[index].jar.remove_expired(now.unix_millis() as i64);
            if gone.is_empty() {
                continue;
            }
            let browser = &self.browsers[index];
            tracer.set_browser(view(browser, &self.server));
            let narration = format!(
                "The {} cookie in the jar of {} reaches the end of its lifetime (its Max-Age or Expires), and the browser drops it. That is the \
                 cookie's clock, not the server's.",
                gone.join(", "),
                browser.label
            );
            tracer.push(StepDraft::new(Actor::Browser, StepKind::CookiesExpired, narration).browser(&browser.key));
        }
        self.for_each_store(tracer, |server, ctx| server.sweep(ctx));
        Ok(())
    }

    fn copy_cookie(&mut self, from: &str, to: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let (source, target) = (self.index_of(from)?, self.index_of(to)?);
        let name = self.server.session_cookie_name();
        let (from_label, to_label) = (self.browsers[source].label.clone(), self.browsers[target].label.clone());
        let narration = match self.browsers[source].jar.get(&name).cloned() {
            Some(cookie) => {
                let value = cookie.value.clone();
                self.browsers[target].jar.put(cookie);
                tracer.set_browser(view(&self.browsers[target], &self.server));
                format!(
                    "The {name} cookie is copied from {from_label} into {to_label}'s jar: {name}={value}. (How a \
                     ticket gets copied, through malware or a shared computer, is a story of \
                     its own.) The server cannot tell the two copies apart."
                )
            }
            None => format!("{from_label} holds no {name} cookie, so there is nothing to copy."),
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(to));
        Ok(())
    }

    fn close_browser(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let browser = &mut self.browsers[index];
        let gone = browser.jar.close();
        browser.screen = Screen::blank();
        tracer.set_browser(view(browser, &self.server));
        let narration = if gone.is_empty() {
            format!(
                "{} is closed and opened again. Every cookie in its jar has an expiry date, so all of them survive.",
                browser.label
            )
        } else {
            format!(
                "{} is closed and opened again. The {} cookie had no Max-Age or Expires, so it lasted only until the \
                 browser closed: it is gone. The session's record on the server knows nothing of this and lives on \
                 until it expires.",
                browser.label,
                gone.join(", ")
            )
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::BrowserClosed, narration).browser(key));
        Ok(())
    }

    fn plant_ticket(&mut self, key: &str, id: Option<&SessionId>, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let mallory = self.index_of(MALLORY)?;
        let id = match id {
            Some(id) => Some(id.clone()),
            None => self.server.ticket_in(&self.browsers[mallory].jar),
        };
        let Some(id) = id else {
            let narration = "Mallory has no ticket of her own to plant.";
            tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
            return Ok(());
        };
        let name = self.server.session_cookie_name();
        let value = self.server.encode_unsigned(&id);
        let header = format!("{name}={value}; Domain={}; Path=/", crate::base::http::APP_HOST);
        let url = crate::browser::jar::Url::parse(&format!("https://mallory.{}/", crate::base::http::APP_HOST))
            .expect("a fixed URL");
        let now = self.clock.now().unix_millis() as i64;
        let change = self.browsers[index].jar.set_cookie(&header, &url, crate::browser::jar::Context::SAME_SITE, now);
        let browser = &self.browsers[index];
        tracer.set_browser(view(browser, &self.server));
        let outcome = match &change {
            JarChange::Rejected { reason } => format!("The browser refuses it: {reason}. Nothing is planted."),
            _ => format!(
                "The browser accepts it: a cookie for every host of {}, which the app will receive as its own \
                 session ticket.",
                crate::base::http::APP_HOST
            ),
        };
        let narration = format!(
            "{} visits a page on mallory.{host}, a subdomain Mallory controls (user-hosted content, say). Its \
             response sets Set-Cookie: {header}. {outcome}",
            browser.label,
            host = crate::base::http::APP_HOST
        );
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
        Ok(())
    }

    fn guess_ticket(&mut self, key: &str, id: &SessionId, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let name = self.server.session_cookie_name();
        let value = self.server.encode_unsigned(id);
        self.browsers[index].jar.put(stolen_cookie(&name, &value, self.clock.now()));
        let browser = &self.browsers[index];
        tracer.set_browser(view(browser, &self.server));
        let narration = format!(
            "{} types a ticket of its own choosing into the jar (devtools will do): {name}={value}. Whether it \
             opens anything is up to the server's store.",
            browser.label
        );
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
        Ok(())
    }

    fn script_theft(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let mallory = self.index_of(MALLORY)?;
        let now = self.clock.now();
        let url = crate::browser::jar::Url::parse(&format!("https://{}/profile", crate::base::http::APP_HOST))
            .expect("a fixed URL");
        let (visible, _) = self.browsers[index].jar.cookie_string(
            &url,
            crate::browser::jar::Context::SCRIPT,
            now.unix_millis() as i64,
        );
        let label = self.browsers[index].label.clone();
        // A token the page's script keeps in localStorage is in any script's reach.
        let key_name = crate::library::token::TOKEN_STORAGE_KEY;
        if let Some(token) = self.browsers[index].storage.get(key_name).cloned() {
            self.browsers[mallory].storage.insert(key_name.to_owned(), token);
            tracer.set_browser(view(&self.browsers[mallory], &self.server));
            let narration = format!(
                "A script injected into the app's page (a cross-site scripting hole) runs in {label} and reads \
                 localStorage.{key_name}: the token itself, which no HttpOnly flag can guard there. It sends it to \
                 Mallory, whose own copy of the page now sends it as Authorization: Bearer."
            );
            tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
            return Ok(());
        }
        let name = self.server.session_cookie_name();
        // The script can only send what document.cookie gave it.
        let stolen = visible.as_deref().and_then(|text| cookie_value(text, &name)).map(str::to_owned);
        let seen = visible.as_deref().unwrap_or("(nothing)");
        let narration = match stolen {
            Some(value) => {
                self.browsers[mallory].jar.put(stolen_cookie(&name, &value, now));
                tracer.set_browser(view(&self.browsers[mallory], &self.server));
                format!(
                    "A script injected into the app's page (a cross-site scripting hole) runs in {label} and reads \
                     document.cookie: {seen}. It sends the {name} cookie to Mallory, who puts it in her own jar."
                )
            }
            None if self.browsers[index].jar.get(&name).is_some() => format!(
                "A script injected into the app's page runs in {label} and reads document.cookie: {seen}. HttpOnly \
                 keeps the session cookie out of its reach, so there is no ticket to steal. (HttpOnly does not stop \
                 the script acting inside the page: it can still send requests as the user while the page is open.)"
            ),
            None => format!(
                "A script injected into the app's page runs in {label} and reads document.cookie: {seen}. This \
                 browser holds no session cookie, so there is nothing to steal."
            ),
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
        Ok(())
    }

    /// Mallory, on the network, reads a plain-http request and keeps any session cookie in it.
    fn eavesdrop(&mut self, index: usize, request: &crate::base::http::Request, tracer: &mut Tracer) {
        let name = self.server.session_cookie_name();
        let seen = request.cookie(&name).map(str::to_owned);
        let ticket_seen = seen.is_some();
        let jar_held_one = self.browsers[index].jar.get(&name).is_some();
        let narration = match seen {
            Some(value) => {
                // What Mallory keeps is exactly what went over the wire.
                if let Ok(mallory) = self.index_of(MALLORY) {
                    self.browsers[mallory].jar.put(stolen_cookie(&name, &value, self.clock.now()));
                    tracer.set_browser(view(&self.browsers[mallory], &self.server));
                }
                format!(
                    "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request as it passes and copies the \
                     ticket: {name}={value}."
                )
            }
            None if jar_held_one => format!(
                "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request, but it carries no {name} cookie: \
                 the browser keeps a Secure cookie off plain http."
            ),
            None => format!(
                "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request, but it carries no {name} cookie: \
                 this browser holds none."
            ),
        };
        // The step carries what Mallory read: the whole request, in plain text.
        tracer.push(
            StepDraft::new(Actor::Network, StepKind::Eavesdropped { ticket_seen }, narration)
                .message(HttpMessage::from(request)),
        );
    }

    /// One request/response round trip between a browser and the server.
    fn exchange(
        &mut self,
        key: &str,
        method: Method,
        path: &str,
        form: Option<String>,
        tracer: &mut Tracer,
    ) -> Result<(), WorldError> {
        self.exchange_via(key, method, path, form, Channel::NORMAL, tracer)
    }

    /// A round trip over a given channel: plain http, or started by another site.
    fn exchange_via(
        &mut self,
        key: &str,
        method: Method,
        path: &str,
        form: Option<String>,
        channel: Channel,
        tracer: &mut Tracer,
    ) -> Result<(), WorldError> {
        let now = self.clock.now();
        let index = self.index_of(key)?;
        let browser = &self.browsers[index];
        let (mut request, cookie_decisions) = browser.request_with_decisions(method, path, form, now, channel);
        let bearer = super::page_script::attach_bearer(browser, &mut request, channel);
        // The address bar shows where the browser is going as soon as it goes.
        let browser = &mut self.browsers[index];
        browser.screen.url = format!("{}://{}{path}", channel.scheme, crate::base::http::APP_HOST);
        tracer.set_browser(view(browser, &self.server));
        let browser = &self.browsers[index];
        let session = self.server.session_cookie_name();
        // The session cookie that went, if one did; else the reason the first one stayed home.
        let session_decision = cookie_decisions
            .iter()
            .find(|d| d.name == session && d.sent)
            .or_else(|| cookie_decisions.iter().find(|d| d.name == session))
            .map(|d| d.reason.to_string());

        let cookie_note = match request.header("Cookie") {
            Some(cookies) => {
                format!(
                    "Its jar holds a cookie for this site, so the browser attaches it on its own: Cookie: {cookies}."
                )
            }
            None if cookie_decisions.is_empty() => {
                "Its jar holds no cookie for this site, so no ticket rides along.".to_owned()
            }
            None => "The browser attaches none of its cookies to this request, so no ticket rides along.".to_owned(),
        };
        let cookie_note = match bearer {
            true => format!("{cookie_note} The page's script adds the token it keeps: Authorization: Bearer."),
            false => cookie_note,
        };
        let what = match (method, path) {
            _ if !channel.context.same_site => format!(
                "has a page of another site open ({}), which submits a hidden form to app.example: a {method} to \
                 {path}. The browser decides, cookie by cookie, whether to attach them to a request another site \
                 started.{}",
                crate::browser::OTHER_SITE,
                session_decision.as_ref().map(|r| format!(" For the {session} cookie: {r}.")).unwrap_or_default()
            ),
            _ if channel.scheme == "http" => format!(
                "opens http://app.example{path}: plain http, not https (a typed address, an old link).{}",
                session_decision.as_ref().map(|r| format!(" For the {session} cookie: {r}.")).unwrap_or_default()
            ),
            (Method::Post, "/login") => {
                "fills in the login form and sends it: a POST to /login with the username and password in the body."
                    .to_owned()
            }
            (Method::Post, "/logout") => "clicks \u{201c}Log out\u{201d}: a POST to /logout.".to_owned(),
            (Method::Post, "/logout-everywhere") => {
                "clicks \u{201c}Log out everywhere\u{201d}: a POST to /logout-everywhere.".to_owned()
            }
            (Method::Post, "/password") => "submits a new password: a POST to /password.".to_owned(),
            _ => format!("opens {path}: a {method} request."),
        };
        let message = HttpMessage::from(&request);
        tracer.push(
            StepDraft::new(
                Actor::Browser,
                StepKind::RequestBuilt { cookie_decisions },
                format!("{} {what} {cookie_note}", browser.label),
            )
            .browser(key)
            .message(message.clone()),
        );
        let travel = if self.cluster.is_some() && channel.scheme != "http" {
            "The request travels to the load balancer in front of the app servers. (On a real site this is https.)"
        } else if channel.scheme == "http" {
            "The request travels to the server in plain text: anyone on the network path can read it."
        } else {
            "The request travels to the server. (On a real site this is https, so nobody on the way can read it.)"
        };
        tracer.push(StepDraft::new(Actor::Network, StepKind::RequestSent, travel).browser(key).message(message));
        if channel.scheme == "http" {
            self.eavesdrop(index, &request, tracer);
        }

        let response = self.serve(index, &request, now, tracer);
        let message = HttpMessage::from(&response);
        tracer.push(
            StepDraft::new(Actor::Network, StepKind::ResponseSent, "The response travels back to the browser.")
                .browser(key)
                .message(message.clone()),
        );
        let browser = &mut self.browsers[index];
        let jar_changes = browser.receive(path, &response, now, channel);
        let script = super::page_script::after_response(browser, path, &response, channel);
        let token = self.server.mechanism() == crate::server::Mechanism::Token;
        tracer.set_browser(view(browser, &self.server));
        let mut narration: Vec<String> = jar_changes.iter().map(|c| describe_jar_change(c, &session, token)).collect();
        narration.extend(script.map(str::to_owned));
        let subject = if narration.is_empty() { "The browser" } else { "It" };
        narration.push(format!(
            "{subject} shows the page: {} \u{201c}{}\u{201d}",
            response.status.0,
            response.body.as_deref().unwrap_or("")
        ));
        tracer.push(
            StepDraft::new(Actor::Browser, StepKind::ResponseReceived { jar_changes }, narration.join(" "))
                .browser(key)
                .message(message),
        );
        Ok(())
    }
}

impl World {
    /// Sends a request to the server, or, with several servers, through the
    /// load balancer to one of them; returns the response as the browser gets it.
    fn serve(
        &mut self,
        index: usize,
        request: &crate::base::http::Request,
        now: crate::base::clock::Instant,
        tracer: &mut Tracer,
    ) -> crate::base::http::Response {
        let Some(cluster) = &mut self.cluster else {
            let response = self.as_server(None, None, tracer, |server, ctx| server.handle(request, ctx));
            tracer.attach_to_last_response(HttpMessage::from(&response));
            return response;
        };
        let route = cluster.route(self.server.settings.balancing, request);
        let reachable = cluster.store_reachable;
        if let Some(view) = tracer.cluster_mut() {
            view.action.requests += 1;
            view.total.requests += 1;
        }
        self.refresh(tracer, route.node);
        let key = self.browsers[index].key.clone();
        let routed = StepKind::Routed { server: route.node.map(server_name) };
        tracer
            .push(StepDraft::new(Actor::Balancer, routed, route.why).browser(&key).message(HttpMessage::from(request)));
        let Some(node) = route.node else {
            return crate::base::http::Response::text(
                crate::base::http::Status::SERVICE_UNAVAILABLE,
                "No server is available to handle this request.",
            );
        };
        let elsewhere = self.elsewhere_note(index, node);
        let store_down = !reachable && self.server.settings.store_dialect().survives_restart();
        let response = self.as_server(Some(node), elsewhere, tracer, |server, ctx| match store_down {
            true => server.handle_store_down(request, ctx),
            false => server.handle(request, ctx),
        });
        tracer.attach_to_last_response(HttpMessage::from(&response));
        let Some(cluster) = self.cluster.as_mut().filter(|_| route.pin) else { return response };
        let header = cluster.affinity_cookie(node, now);
        let response = response.with_header("Set-Cookie", header.clone());
        let narration = format!(
            "On the way back, the load balancer adds a cookie of its own to the response: Set-Cookie: {header}. It \
             pins this browser to {} while the cookie lasts (7 days; AWS's stickiness duration, 1 day by default, \
             can end the pinning sooner). AWS's balancer also sets a copy named {AFFINITY_COOKIE}CORS with \
             SameSite=None; Secure, for cross-origin requests; it is left out here. So is the re-issue: a real \
             balancer sends a fresh {AFFINITY_COOKIE} (a new encrypted value, a new Expires) with every response, \
             so the pin slides with use; here it is set only when the balancer picks a server.",
            server_name(node)
        );
        let affinity = StepKind::AffinitySet { server: server_name(node) };
        tracer.push(
            StepDraft::new(Actor::Balancer, affinity, narration).browser(&key).message(HttpMessage::from(&response)),
        );
        response
    }

    /// With one store per server: why server `node` will not find the
    /// browser's record, when another server holds it.
    fn elsewhere_note(&self, index: usize, node: usize) -> Option<String> {
        let cluster = self.cluster.as_ref().filter(|_| self.per_server())?;
        let id = self.server.ticket_in(&self.browsers[index].jar)?;
        let holders: Vec<String> = (0..cluster.nodes.len())
            .filter(|&i| i != node && cluster.nodes[i].store.contains(&id))
            .map(server_name)
            .collect();
        let Some(holder) = holders.first() else {
            let lost = cluster.lost.get(&id)?;
            return Some(format!(
                "The record was in {}'s memory, and it was lost when {} stopped: the ticket names nothing now, on \
                 any server.",
                server_name(*lost),
                server_name(*lost)
            ));
        };
        Some(format!(
            "The record is in {holder}'s memory, and {} cannot see into another process's memory: here the ticket \
             names nothing. To this user it looks as if they were logged out at random.",
            server_name(node)
        ))
    }
}

/// A session cookie as Mallory keeps a stolen or guessed value: host-only for the app, sent over https and http.
fn stolen_cookie(name: &str, value: &str, now: crate::base::clock::Instant) -> crate::browser::jar::JarCookie {
    crate::browser::jar::JarCookie {
        name: name.to_owned(),
        value: value.to_owned(),
        domain: crate::base::http::APP_HOST.to_owned(),
        host_only: true,
        path: "/".to_owned(),
        secure: false,
        http_only: false,
        same_site: None,
        expires_ms: None,
        expires: None,
        created_ms: now.unix_millis() as i64,
        seq: 0,
    }
}

/// What a jar change means; `token` when the cookie the server reads is a
/// signed token rather than a session's ID.
fn describe_jar_change(change: &JarChange, session: &str, token: bool) -> String {
    match change {
        JarChange::Stored { name } if token && name == session => format!(
            "The browser files the {name} cookie in its jar for this site. Unlike a session ID, the token says \
             something by itself: anyone can decode its claims (they are only base64url), though only the server \
             can make its signature."
        ),
        JarChange::Stored { name } if name == AFFINITY_COOKIE => format!(
            "The browser files the {name} cookie in its jar too: the load balancer's own, which the app never reads. \
             The browser will send it with every request to this site, like any other cookie."
        ),
        JarChange::Replaced { name } if name == AFFINITY_COOKIE => {
            format!("The browser replaces its {name} cookie with the new one, which names another server.")
        }
        JarChange::Stored { name } | JarChange::Replaced { name } if name != session => {
            format!("The browser files the {name} cookie in its jar.")
        }
        JarChange::Stored { name } => format!(
            "The browser files the {name} cookie in its jar for this site. The ticket means nothing by itself: only \
             the server can look it up."
        ),
        JarChange::Replaced { name } => {
            format!("The browser replaces the {name} cookie in its jar with the one just received.")
        }
        JarChange::Deleted { name } => {
            format!("The browser deletes the {name} cookie from its jar: the ticket is gone.")
        }
        JarChange::NothingToDelete { name } => {
            format!("The server asked to delete the {name} cookie, but the jar did not hold one.")
        }
        JarChange::Rejected { reason } => {
            format!("The browser ignores a Set-Cookie header: {}.", reason.why())
        }
    }
}

/// Every ID a cookie value could be carrying, readable by the server or
/// not: the value itself, percent-decoded, and an express-style `s:ID.signature`'s ID.
fn ids_written_in(value: &str) -> Vec<SessionId> {
    let mut ids = vec![SessionId::from_untrusted(value)];
    if let Some(decoded) = crate::base::encoding::decode_uri_component(value) {
        if let Some((id, _signature)) = decoded.strip_prefix("s:").and_then(|signed| signed.rsplit_once('.')) {
            ids.push(SessionId::from_untrusted(id));
        }
        ids.push(SessionId::from_untrusted(&decoded));
    }
    ids
}

fn view(browser: &Browser, server: &Server) -> BrowserView {
    BrowserView {
        key: browser.key.clone(),
        label: browser.label.clone(),
        jar: browser.jar.cookies().to_vec(),
        screen: browser.screen.clone(),
        ticket: server.ticket_in(&browser.jar),
        ticket_state: None,
        cookie_tickets: server.tickets_in(&browser.jar),
        cookie_ticket_states: Vec::new(),
        storage: browser.storage.clone(),
    }
}
