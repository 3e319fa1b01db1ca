//! The world: a clock, an ID source, a server and three browsers, and the
//! actions a reader (or a scenario) can take.
//!
//! [`World::apply`] runs one [`Action`] to the end and returns its [`Trace`].
//! The world is fully determined by its settings and the actions applied, so
//! a seeded world replays identically.

use crate::base::clock::{Clock, MAX_WAIT_SECS};
use crate::base::http::{form_encode, Method};
use crate::base::ids::{IdSource, SessionId};
use crate::browser::{Browser, Channel};
use crate::library::preset::Settings;
use crate::library::topology::StoreLayout;
use crate::server::{Context, Server};
use crate::session::store::SessionStore;
use crate::sim::cluster::Cluster;
use crate::text::message::{Label, WorldMessage};
use crate::text::say;
use crate::trace::{Actor, BrowserView, Snapshot, StepDraft, StepKind, Trace, Tracer};

mod action;
mod exchange;
mod inspect;
mod operations;
mod tamper;

use tamper::ids_written_in;

pub(crate) use action::NoSessionHeld;
pub use action::{Action, WorldError, BROWSERS, LAPTOP, MALLORY};
pub use inspect::{ExplainedField, RawParts, TokenInspection};

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
                .map(|key| {
                    let mut browser = Browser::new(key, &say(Label::Browser(key)), &say(Label::BlankScreen));
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
    pub fn id_source(&self) -> String {
        say(crate::text::message::Label::IdSource(&self.ids))
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
        self.ids.replay(ids, self.server.settings.preset().id_format).map_err(|e| e.to_string())
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
    pub fn refused_ids(&self) -> Vec<RefusedIdText> {
        let said = |r: &crate::base::ids::RefusedId| RefusedIdText {
            position: r.position,
            id: r.id.clone(),
            reason: say(crate::text::message::Label::IdRefusal(r.reason)),
        };
        self.ids.refused().iter().map(said).collect()
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
            cookie_name: self.server.settings.cookie_name(),
            token_cookie: (self.server.mechanism() == crate::server::Mechanism::Token)
                .then(|| self.server.session_cookie_name()),
            touched: Vec::new(),
            store_empty: self.store_empty(),
            cluster,
        }
        .with_ticket_states()
    }

    /// What the page says over an empty store.
    fn store_empty(&self) -> String {
        let settings = &self.server.settings;
        match settings.mechanism {
            crate::library::token::Mechanism::Token if settings.refresh => {
                crate::text::say(crate::text::message::RefreshMessage::EmptyStore)
            }
            crate::library::token::Mechanism::Token => {
                crate::text::say(crate::text::message::TokenMessage::EmptyStore { denylist: settings.denylist })
            }
            crate::library::token::Mechanism::ServerSession => {
                say(WorldMessage::StoreEmpty { per_server: self.per_server() })
            }
        }
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

    /// The prepared start this world runs again after a start-over (a scenario's `given`).
    pub fn prepared(&self) -> &[Action] {
        &self.prepared
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
                // A scenario's prepared start happens again, unseen: the step shows its result.
                for action in &prepared {
                    self.apply_untraced(action)?;
                }
                let mechanism = self.server.mechanism();
                let labels: Vec<String> = prepared.iter().map(|a| a.label_under(mechanism)).collect();
                let narration = match defence {
                    // Not one more defence, but the other way of remembering a login.
                    crate::library::defence::Defence::Tokens => {
                        crate::text::say(crate::text::message::TokenMessage::StartedOverWithTokens {
                            prepared: &labels,
                        })
                    }
                    _ => say(WorldMessage::StartedOver { defence: &say(Label::Defence(*defence)), prepared: &labels }),
                };
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
            // Every server of a cluster verifies with the one secret, so one rotation reaches all.
            Action::RotateSigningKey => {
                self.as_server(None, None, tracer, |server, ctx| server.rotate_signing_key(ctx));
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

    fn wait(&mut self, secs: u64, tracer: &mut Tracer) -> Result<(), WorldError> {
        if secs > MAX_WAIT_SECS {
            return Err(WorldError::WaitTooLong(secs, 0));
        }
        // The clock has an end (clock.rs says why): a wait past it is refused, changing nothing.
        self.clock.advance_secs(secs).map_err(|left| WorldError::WaitTooLong(secs, left))?;
        let now = self.clock.now();
        tracer.set_now(now);
        let narration = say(WorldMessage::TimePassed { secs, now: &now.to_string(), http_date: &now.http_date() });
        tracer.push(StepDraft::new(Actor::Clock, StepKind::TimePassed { secs }, narration));
        // Cookies carry their own expiry, which the browser enforces on its own.
        for index in 0..self.browsers.len() {
            let gone = self.browsers[index].jar.remove_expired(now.unix_millis() as i64);
            if gone.is_empty() {
                continue;
            }
            let browser = &self.browsers[index];
            tracer.set_browser(view(browser, &self.server));
            let narration = say(WorldMessage::CookiesExpired { names: &gone, browser: &browser.label });
            tracer.push(StepDraft::new(Actor::Browser, StepKind::CookiesExpired, narration).browser(&browser.key));
        }
        self.for_each_store(tracer, |server, ctx| server.sweep(ctx));
        Ok(())
    }
}

/// A shared link's ID that was not handed out, its reason in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedIdText {
    /// Which ID of the run it was to be (1 for the first drawn).
    pub position: usize,
    /// The ID the link proposed.
    pub id: String,
    /// Why the CSPRNG could not have drawn it there.
    pub reason: String,
}

crate::base::json::json_fields!([] RefusedIdText { "position": position, "id": id, "reason": reason });

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
