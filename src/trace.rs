//! Traces: what one action did, as a list of steps the page can animate.
//!
//! Every action the reader takes (log in, visit, revoke, log out) returns a
//! [`Trace`]. Each [`Step`] says who acted, what happened in one plain
//! sentence, the HTTP message or store operation involved, and what the
//! jars and the store looked like right after. The page only plays this data
//! back; it never works out what should happen next.

use crate::browser::{JarChange, JarCookie, Screen};
use crate::clock::Instant;
use crate::http::{Header, Request, Response};
use crate::ids::SessionId;
use crate::store::{Expiry, Record};
use crate::topology::{Balancing, Cost, CostModel, StoreLayout};
use serde::Serialize;
use std::sync::Arc;

/// Who acts in a step: where the page draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Actor {
    /// A browser and its cookie jar.
    Browser,
    /// The wire between browser and server.
    Network,
    /// The application server.
    Server,
    /// The server's session store.
    Store,
    /// Time passing on the virtual clock.
    Clock,
    /// The load balancer in front of several app servers.
    Balancer,
}

impl Actor {
    /// The actor's name in transcripts.
    pub fn name(self) -> &'static str {
        match self {
            Actor::Browser => "browser",
            Actor::Network => "network",
            Actor::Server => "server",
            Actor::Store => "store",
            Actor::Clock => "clock",
            Actor::Balancer => "balancer",
        }
    }
}

/// What happened in a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "type")]
pub enum StepKind {
    /// The browser built a request, attaching its cookies.
    RequestBuilt {
        /// For each cookie in the jar, whether it went with this request and why.
        cookie_decisions: Vec<crate::jar::SendDecision>,
    },
    /// A request crossed the network to the server.
    RequestSent,
    /// The server checked a username and password.
    PasswordChecked {
        /// Whether they matched an account.
        ok: bool,
    },
    /// The server read the session cookie from the request.
    CookieRead {
        /// The ID it found, if any. It is only a claim until the store confirms it.
        id: Option<SessionId>,
    },
    /// The server built its response.
    ResponseBuilt,
    /// A response crossed the network to the browser.
    ResponseSent,
    /// The browser took the response in: its cookies and its page.
    ResponseReceived {
        /// What the jar did with each `Set-Cookie`.
        jar_changes: Vec<JarChange>,
    },
    /// The store did something (see the step's `store_op`).
    StoreOperation,
    /// An administrator acted on the server directly, not over HTTP.
    AdminAction,
    /// The server process stopped and started again.
    ServerRestarted,
    /// Someone changed a jar by hand (copying a ticket, say), not over HTTP.
    JarTampered,
    /// The browser was closed and reopened: its non-persistent cookies are gone.
    BrowserClosed,
    /// Time passed.
    TimePassed {
        /// How many seconds.
        secs: u64,
    },
    /// Cookies whose own lifetime ran out left a jar.
    CookiesExpired,
    /// Someone on the network read a plain-http request as it passed.
    Eavesdropped {
        /// Whether a session cookie was in it.
        ticket_seen: bool,
    },
    /// The load balancer picked an app server for the request (see the narration for why).
    Routed {
        /// The server, e.g. `app-2`; `None` when no server was running.
        server: Option<String>,
    },
    /// The load balancer added its affinity cookie to the response, pinning the browser to a server.
    AffinitySet {
        /// The server the cookie names.
        server: String,
    },
}

/// Which way a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// From the browser to the server.
    ToServer,
    /// From the server to the browser.
    ToBrowser,
}

/// An HTTP message in a step, in both structured and wire form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpMessage {
    /// Request or response.
    pub direction: Direction,
    /// `GET /profile HTTP/1.1` or `HTTP/1.1 200 OK`.
    pub start_line: String,
    /// Header lines.
    pub headers: Vec<Header>,
    /// The body, if any.
    pub body: Option<String>,
    /// The response status, for a response.
    pub status: Option<u16>,
    /// The whole message as HTTP/1.1 text.
    pub text: String,
    /// Each line with what it means, for readers who want plain English.
    pub explained: Vec<crate::explain::ExplainedLine>,
}

impl From<&Request> for HttpMessage {
    fn from(request: &Request) -> HttpMessage {
        HttpMessage {
            direction: Direction::ToServer,
            start_line: request.start_line(),
            headers: request.headers.clone(),
            body: request.body.clone(),
            status: None,
            text: request.to_string(),
            explained: crate::explain::request(request),
        }
    }
}

impl From<&Response> for HttpMessage {
    fn from(response: &Response) -> HttpMessage {
        HttpMessage {
            direction: Direction::ToBrowser,
            start_line: response.start_line(),
            headers: response.headers.clone(),
            body: response.body.clone(),
            status: Some(response.status.0),
            text: response.to_string(),
            explained: crate::explain::response(response),
        }
    }
}

/// The kind of store operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StoreOpKind {
    /// A new record was filed.
    Insert,
    /// An ID was looked up.
    Lookup,
    /// An existing record was given to another user, keeping its ID.
    Update,
    /// A record moved to a new ID.
    Rename,
    /// A record was removed.
    Delete,
    /// A user's sessions were looked up and removed.
    DeleteUser,
    /// Expired records were removed in the background.
    Sweep,
    /// Everything was lost (an in-memory store whose process restarted).
    Flush,
    /// A command the store never answered: it could not be reached.
    Failed,
}

/// One operation on the session store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreOp {
    /// What kind of operation.
    pub kind: StoreOpKind,
    /// The ID operated on, when there is one.
    pub id: Option<SessionId>,
    /// For a rename, the old ID.
    pub old_id: Option<SessionId>,
    /// Whether a record was there: a lookup hit, or a delete that removed something.
    pub found: bool,
    /// For a lookup that found an expired record: which timeout ended it.
    pub expired: Option<Expiry>,
    /// The user of the record involved, when there was one.
    pub user: Option<String>,
    /// The IDs removed, for a sweep, a flush or a user's sessions.
    pub removed: Vec<SessionId>,
    /// The operation written as the preset's real store would run it.
    pub command: String,
}

impl StoreOp {
    /// An operation on one ID.
    pub fn on(kind: StoreOpKind, id: &SessionId, command: String) -> StoreOp {
        StoreOp {
            kind,
            id: Some(id.clone()),
            old_id: None,
            found: false,
            expired: None,
            user: None,
            removed: Vec::new(),
            command,
        }
    }

    /// An operation on many records at once.
    pub fn bulk(kind: StoreOpKind, removed: Vec<SessionId>, command: String) -> StoreOp {
        StoreOp {
            kind,
            id: None,
            old_id: None,
            found: !removed.is_empty(),
            expired: None,
            user: None,
            removed,
            command,
        }
    }

    /// Records whether the record was there, and whose it was.
    pub fn found(mut self, user: Option<&str>) -> StoreOp {
        self.found = user.is_some();
        self.user = user.map(str::to_owned);
        self
    }
}

/// One browser as a snapshot shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BrowserView {
    /// Its key, e.g. `laptop`.
    pub key: String,
    /// Who uses it.
    pub label: String,
    /// The jar's cookies.
    pub jar: Vec<JarCookie>,
    /// What its screen shows.
    pub screen: Screen,
    /// The session ID its session cookie carries, as the server would read it
    /// (decoding a signature or base64), if it holds a readable one.
    pub ticket: Option<SessionId>,
    /// What that ticket names in the store at this moment.
    pub ticket_state: Option<TicketState>,
    /// For each cookie in `jar`, the session ID it carries, if it is a session cookie.
    pub cookie_tickets: Vec<Option<SessionId>>,
    /// For each cookie in `jar`, what its ticket names in the store.
    pub cookie_ticket_states: Vec<Option<TicketState>>,
}

/// What a browser's ticket names in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TicketState {
    /// A live record: the ticket works.
    Live,
    /// A record whose session has expired: the server will refuse it.
    Expired,
    /// No record at all: the ticket names nothing.
    NoRecord,
}

impl Snapshot {
    /// Works out, for every browser, what its ticket names in this snapshot's store.
    pub(crate) fn with_ticket_states(mut self) -> Snapshot {
        let state_of = |id: &SessionId| match self.store.iter().find(|r| &r.id == id) {
            None => TicketState::NoRecord,
            Some(record) if record.expired_at(self.now).is_some() => TicketState::Expired,
            Some(_) => TicketState::Live,
        };
        for browser in &mut self.browsers {
            browser.ticket_state = browser.ticket.as_ref().map(state_of);
            browser.cookie_ticket_states = browser.cookie_tickets.iter().map(|t| t.as_ref().map(state_of)).collect();
        }
        self
    }
}

/// The visible state of the world after a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// The virtual time.
    pub now: Instant,
    /// The wall-clock date of `now`, as HTTP writes dates.
    pub date: String,
    /// Every browser.
    pub browsers: Vec<BrowserView>,
    /// Every record in the store, oldest first. With one store per server,
    /// every server's records, server by server. Shared, not copied, by the
    /// steps between two changes of the store.
    pub store: Arc<Vec<Record>>,
    /// The deployment, when it is more than one server with its own store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<ClusterView>,
}

/// Several app servers behind a load balancer, as a snapshot shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterView {
    /// How the balancer picks a server.
    pub balancing: Balancing,
    /// Where the records live.
    pub layout: StoreLayout,
    /// The store, in words ("in memory", "Redis", …).
    pub store_kind: &'static str,
    /// Whether store commands travel over the network (a shared store) or stay in the process.
    pub network_store: bool,
    /// Whether the app servers can reach the shared store.
    pub store_reachable: bool,
    /// Every app server.
    pub servers: Vec<ServerView>,
    /// The server handling the current request, by index, if any.
    pub active: Option<usize>,
    /// What the current action has cost so far.
    pub action: Cost,
    /// What everything has cost since the world began.
    pub total: Cost,
    /// The numbers the costs are modelled with.
    pub model: CostModel,
}

/// One app server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerView {
    /// Its name, e.g. `app-1`.
    pub name: String,
    /// Whether it is running.
    pub up: bool,
    /// How many requests it has handled.
    pub handled: u64,
    /// The records in its own memory (empty with a shared store), oldest first.
    pub records: Vec<Record>,
}

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Who acts.
    pub actor: Actor,
    /// The browser involved, by key, if any.
    pub browser: Option<String>,
    /// What happened.
    pub kind: StepKind,
    /// One plain-English sentence (or two) for the reader.
    pub narration: String,
    /// The HTTP message involved, if any.
    pub message: Option<HttpMessage>,
    /// The store operation involved, if any.
    pub store_op: Option<StoreOp>,
    /// The state right after this step.
    pub state: Snapshot,
}

/// The steps of one action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// In order.
    pub steps: Vec<Step>,
}

/// Builds a trace while an action runs, keeping the current picture of the
/// world so each step can carry a snapshot of the state after it.
///
/// An untraced tracer only counts the steps: replaying a long shared link
/// needs the world at its end and how many steps each action had, not a
/// snapshot of every store and jar after every step, which is what costs.
pub(crate) struct Tracer {
    /// The state as it is now; `None` when untraced.
    current: Option<Snapshot>,
    steps: Vec<Step>,
    /// How many steps were pushed (untraced, the steps themselves are dropped).
    count: usize,
    /// With one store per server: whose store the server is working on.
    slot: Option<usize>,
}

/// A step under construction: everything but the snapshot.
pub(crate) struct StepDraft {
    pub actor: Actor,
    pub browser: Option<String>,
    pub kind: StepKind,
    pub narration: String,
    pub message: Option<HttpMessage>,
    pub store_op: Option<StoreOp>,
}

impl StepDraft {
    pub fn new(actor: Actor, kind: StepKind, narration: impl Into<String>) -> StepDraft {
        StepDraft { actor, browser: None, kind, narration: narration.into(), message: None, store_op: None }
    }

    pub fn browser(mut self, key: &str) -> StepDraft {
        self.browser = Some(key.to_owned());
        self
    }

    pub fn message(mut self, message: HttpMessage) -> StepDraft {
        self.message = Some(message);
        self
    }

    pub fn store_op(mut self, op: StoreOp) -> StepDraft {
        self.store_op = Some(op);
        self
    }
}

impl Tracer {
    pub fn new(start: Snapshot) -> Tracer {
        Tracer { current: Some(start), steps: Vec::new(), count: 0, slot: None }
    }

    /// A tracer that counts steps and keeps no state. Not for several
    /// servers: their running costs are counted in the traced picture.
    pub fn untraced() -> Tracer {
        Tracer { current: None, steps: Vec::new(), count: 0, slot: None }
    }

    /// Records a step with the state as it is now.
    pub fn push(&mut self, draft: StepDraft) {
        self.count += 1;
        let Some(current) = &mut self.current else { return };
        if let (Some(cluster), Some(op)) = (&mut current.cluster, &draft.store_op) {
            charge(cluster, op);
        }
        self.steps.push(Step {
            actor: draft.actor,
            browser: draft.browser,
            kind: draft.kind,
            narration: draft.narration,
            message: draft.message,
            store_op: draft.store_op,
            state: current.clone().with_ticket_states(),
        });
    }

    /// The store changed: later steps show its rows. (Untraced, nothing is
    /// copied: that copy, at every step, was the cost of a long replay.)
    pub fn set_store(&mut self, store: &crate::store::SessionStore) {
        let Some(current) = &mut self.current else { return };
        match (&mut current.cluster, self.slot) {
            (Some(cluster), Some(slot)) if cluster.layout == StoreLayout::PerServer => {
                cluster.servers[slot].records = store.rows();
                current.store = Arc::new(cluster.servers.iter().flat_map(|s| s.records.iter().cloned()).collect());
            }
            _ => current.store = store.shared_rows(),
        }
    }

    /// With one store per server, the server now works on server `slot`'s store.
    pub fn work_on(&mut self, slot: Option<usize>) {
        self.slot = slot;
    }

    /// The deployment as later steps show it, when there are several servers.
    pub fn cluster_mut(&mut self) -> Option<&mut ClusterView> {
        self.current.as_mut()?.cluster.as_mut()
    }

    /// The clock moved: later steps show this time.
    pub fn set_now(&mut self, now: Instant) {
        let Some(current) = &mut self.current else { return };
        current.now = now;
        current.date = now.http_date();
    }

    /// A browser changed: later steps show it like this.
    pub fn set_browser(&mut self, view: BrowserView) {
        let Some(current) = &mut self.current else { return };
        if let Some(slot) = current.browsers.iter_mut().find(|b| b.key == view.key) {
            *slot = view;
        }
    }

    /// The response now exists: the step that built it shows it too.
    pub fn attach_to_last_response(&mut self, message: HttpMessage) {
        if let Some(step) = self.steps.iter_mut().rev().find(|s| s.kind == StepKind::ResponseBuilt) {
            step.message = Some(message);
        }
    }

    pub fn finish(self) -> Trace {
        Trace { steps: self.steps }
    }

    /// Whether this tracer keeps steps and their state.
    pub fn is_traced(&self) -> bool {
        self.current.is_some()
    }

    /// How many steps were pushed, traced or not.
    pub fn step_count(&self) -> usize {
        self.count
    }
}

/// Adds a store operation's cost to the action's and the running totals.
/// Expiry run by the store itself (a sweep) and a process's memory vanishing
/// (a flush) cost the app servers nothing.
fn charge(cluster: &mut ClusterView, op: &StoreOp) {
    use StoreOpKind::{Failed, Flush, Lookup, Sweep};
    if matches!(op.kind, Sweep | Flush) {
        return;
    }
    let commands = op.command.lines().count() as u64;
    let unreachable = cluster.network_store && !cluster.store_reachable;
    let mut cost = cluster.model.charge(commands, cluster.network_store, cluster.total.round_trips, unreachable);
    // A lookup the store never answered was still attempted (and waited for).
    cost.lookups = u64::from(op.kind == Lookup || (op.kind == Failed && op.id.is_some()));
    cluster.action.add(&cost);
    cluster.total.add(&cost);
}
