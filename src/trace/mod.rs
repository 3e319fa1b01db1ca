//! Traces: what one action did, as a list of steps the page can animate.
//!
//! Every action the reader takes (log in, visit, revoke, log out) returns a
//! [`Trace`]. Each [`Step`] says who acted, what happened in one plain
//! sentence, the HTTP message or store operation involved, and what the
//! jars and the store looked like right after. The page only plays this data
//! back; it never works out what should happen next.
//!
//! Steps are fine-grained; a reader presses Next once per *moment*. Each step
//! says whether it starts one ([`Step::starts_moment`]), so the page groups
//! steps into moments by data, not by rules of its own.
//!
//! A snapshot keeps every record (shared between steps, not copied), but
//! what it *shows* the page is a bounded view of the store: the records the
//! moment touched, the records the browsers' tickets name, and the newest few
//! others, with the store's total beside them ([`STORE_VIEW_OTHERS`]). So a
//! step costs the page the same at five records and at five thousand, and the
//! reader is still told how many coats hang on the rack.
//!
//! Why one file of this length: the trace is the data contract with the page,
//! every type the page reads in one place, with the tracer that builds it;
//! its unit tests are the last sixth.

use crate::base::clock::Instant;
use crate::base::http::{Header, Request, Response};
use crate::base::ids::SessionId;
use crate::browser::{JarChange, JarCookie, Screen};
use crate::library::topology::{Balancing, Cost, CostModel, StoreLayout};
use crate::session::commands::Commands;
use crate::session::store::{Expiry, Record};
use std::sync::Arc;

/// Who acts in a step: where the page draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

crate::base::json::json_names!(Actor {
    Browser => "browser", Network => "network", Server => "server", Store => "store", Clock => "clock",
    Balancer => "balancer"
});

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

/// What happened in a step. The page reads it as an object whose `type` is
/// the variant's name in camelCase, beside the variant's fields in camelCase
/// (`{"type":"timePassed","secs":60}`); see its `ToJson`, written out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The browser built a request, attaching its cookies.
    RequestBuilt {
        /// For each cookie in the jar, whether it went with this request and why.
        cookie_decisions: Vec<crate::browser::jar::SendDecision>,
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
    /// A token server signed a token at login: the claims it vouches for.
    TokenSigned {
        /// The token's `jti`.
        jti: String,
        /// Who it speaks for (`sub`).
        sub: String,
        /// When it stops being accepted (`exp`), as the page's clock shows it.
        expires: crate::base::clock::Instant,
    },
    /// A token server checked the token a request brought: signature and
    /// expiry, by computation alone. Nothing was looked up (unless a denylist
    /// is on, whose lookup is a store step of its own).
    TokenVerified {
        /// How the token came, if it came.
        carried: Option<crate::library::token::Carry>,
        /// Its `jti`, when its claims could be read.
        jti: Option<String>,
        /// Accepted, or why not.
        verdict: crate::library::token::TokenVerdict,
    },
    /// A token server decided on the refresh token a request to `/refresh`
    /// brought, after looking it up in the store (a store step of its own).
    RefreshChecked {
        /// Whose login it renews, when its record was found.
        user: Option<String>,
        /// Renewed, or why not.
        verdict: crate::library::token::RefreshVerdict,
    },
}

impl StepKind {
    /// The variant's name as the page reads it in `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            StepKind::RequestBuilt { .. } => "requestBuilt",
            StepKind::RequestSent => "requestSent",
            StepKind::PasswordChecked { .. } => "passwordChecked",
            StepKind::CookieRead { .. } => "cookieRead",
            StepKind::ResponseBuilt => "responseBuilt",
            StepKind::ResponseSent => "responseSent",
            StepKind::ResponseReceived { .. } => "responseReceived",
            StepKind::StoreOperation => "storeOperation",
            StepKind::AdminAction => "adminAction",
            StepKind::ServerRestarted => "serverRestarted",
            StepKind::JarTampered => "jarTampered",
            StepKind::BrowserClosed => "browserClosed",
            StepKind::TimePassed { .. } => "timePassed",
            StepKind::CookiesExpired => "cookiesExpired",
            StepKind::Eavesdropped { .. } => "eavesdropped",
            StepKind::Routed { .. } => "routed",
            StepKind::AffinitySet { .. } => "affinitySet",
            StepKind::TokenSigned { .. } => "tokenSigned",
            StepKind::TokenVerified { .. } => "tokenVerified",
            StepKind::RefreshChecked { .. } => "refreshChecked",
        }
    }
}

/// `{"type":"requestBuilt","cookieDecisions":[…]}`: the name from a table
/// ([`StepKind::type_name`]) and then the variant's own fields.
impl crate::base::json::ToJson for StepKind {
    fn write_json(&self, out: &mut String) {
        let mut map = crate::base::json::Object::open(out);
        map.field("type", &self.type_name());
        match self {
            StepKind::RequestBuilt { cookie_decisions } => map.field("cookieDecisions", cookie_decisions),
            StepKind::PasswordChecked { ok } => map.field("ok", ok),
            StepKind::CookieRead { id } => map.field("id", id),
            StepKind::ResponseReceived { jar_changes } => map.field("jarChanges", jar_changes),
            StepKind::TimePassed { secs } => map.field("secs", secs),
            StepKind::Eavesdropped { ticket_seen } => map.field("ticketSeen", ticket_seen),
            StepKind::Routed { server } => map.field("server", server),
            StepKind::AffinitySet { server } => map.field("server", server),
            StepKind::TokenSigned { jti, sub, expires } => {
                map.field("jti", jti).field("sub", sub).field("expires", expires)
            }
            StepKind::TokenVerified { carried, jti, verdict } => {
                map.field("carried", carried).field("jti", jti).field("verdict", verdict)
            }
            StepKind::RefreshChecked { user, verdict } => map.field("user", user).field("verdict", verdict),
            StepKind::RequestSent
            | StepKind::ResponseBuilt
            | StepKind::ResponseSent
            | StepKind::StoreOperation
            | StepKind::AdminAction
            | StepKind::ServerRestarted
            | StepKind::JarTampered
            | StepKind::BrowserClosed
            | StepKind::CookiesExpired => &mut map,
        };
        map.close();
    }
}

/// Which way a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the browser to the server.
    ToServer,
    /// From the server to the browser.
    ToBrowser,
}

crate::base::json::json_names!(Direction { ToServer => "toServer", ToBrowser => "toBrowser" });

/// An HTTP message in a step, in both structured and wire form.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub explained: Vec<crate::text::explain::ExplainedLine>,
    /// The session cookie it carries, if any (filled in when the step is
    /// traced, from the world as the step leaves it).
    pub ticket: Option<WireTicket>,
    /// Under tokens, each token it carries, in the order of its lines (filled
    /// in when the step is traced; left out of the JSON when there is none).
    pub tokens: Vec<WireToken>,
}

/// A message as the page reads it: `tokens` only when it carries one.
impl crate::base::json::ToJson for HttpMessage {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::base::json::Object::open(out);
        object
            .field("direction", &self.direction)
            .field("startLine", &self.start_line)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("status", &self.status)
            .field("text", &self.text)
            .field("explained", &self.explained)
            .field("ticket", &self.ticket);
        if !self.tokens.is_empty() {
            object.field("tokens", &self.tokens);
        }
        object.close();
    }
}

/// A token on the wire, and the line that carries it: the page offers to
/// decode each one it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireToken {
    /// Where in the message it rides.
    pub kind: TokenPlace,
    /// The token, as sent.
    pub token: String,
}

crate::base::json::json_fields!([] WireToken { "kind": kind, "token": token });

/// Where in an HTTP message a token rides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPlace {
    /// A pair of the `Cookie` header, under the token cookie's name.
    Cookie,
    /// `Authorization: Bearer …`, from the page's script.
    Bearer,
    /// A `Set-Cookie` setting the token cookie.
    SetCookie,
    /// The JSON body's `access_token`, for the page's script to keep.
    Body,
}

crate::base::json::json_names!(TokenPlace {
    Cookie => "cookie", Bearer => "bearer", SetCookie => "setCookie", Body => "body"
});

/// The session cookie a message carries on the wire, as the packet shows it:
/// the first pair under the world's session cookie name (any of a `Cookie`
/// header's pairs; a `Set-Cookie`'s own), and the session ID it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireTicket {
    /// The cookie's name: the session cookie's in this world.
    pub name: String,
    /// Its value exactly as on the wire (signed or encoded, maybe empty).
    pub value: String,
    /// The session ID it stands for, as far as the world shows: the one a
    /// jar holding this very value decodes from it, else the value itself
    /// when a record is filed under it; `None` when nothing names it (a
    /// signed cookie on its way to a jar, a made-up or deleted ID).
    pub id: Option<SessionId>,
}

crate::base::json::json_fields!([] WireTicket { "name": name, "value": value, "id": id });

impl HttpMessage {
    /// The message with its [`WireTicket`] worked out from `state`, the world
    /// after the step that carries it.
    fn with_ticket(mut self, state: &Snapshot) -> HttpMessage {
        let name = state.cookie_name.as_str();
        let request = self.direction == Direction::ToServer;
        // A Cookie header is all pairs; a Set-Cookie's first pair is its cookie, the rest attributes.
        let value = self.headers.iter().find_map(|header| match (request, header.name.as_str()) {
            (true, "Cookie") => crate::base::http::cookie_value(&header.value, name),
            (false, "Set-Cookie") => {
                crate::base::http::set_cookie_pair(&header.value).filter(|(n, _)| *n == name).map(|(_, v)| v)
            }
            _ => None,
        });
        self.ticket = value.map(|value| {
            let decoded = state.browsers.iter().find_map(|b| {
                b.jar.iter().position(|c| c.value == value).and_then(|i| b.cookie_tickets.get(i).cloned().flatten())
            });
            let filed = || state.store.iter().find(|r| r.id.as_str() == value).map(|r| r.id.clone());
            WireTicket { name: name.to_owned(), value: value.to_owned(), id: decoded.or_else(filed) }
        });
        self
    }
}

impl HttpMessage {
    /// The message with the tokens it carries, when `state`'s server speaks
    /// tokens (its snapshot names the token cookie): every non-empty pair of a
    /// `Cookie` header under that name, a bearer token, a `Set-Cookie` of the
    /// token cookie, and the `access_token` of a JSON body.
    fn with_tokens(mut self, state: &Snapshot) -> HttpMessage {
        let Some(name) = state.token_cookie.as_deref() else { return self };
        let found = |kind, token: &str| (!token.is_empty()).then(|| WireToken { kind, token: token.to_owned() });
        for header in &self.headers {
            match header.name.as_str() {
                "Authorization" => {
                    if let Some(bearer) = crate::base::http::bearer_token(&header.value) {
                        self.tokens.push(WireToken { kind: TokenPlace::Bearer, token: bearer.trim().to_owned() });
                    }
                }
                "Cookie" => self.tokens.extend(
                    crate::base::http::cookie_values(&header.value, name)
                        .into_iter()
                        .filter_map(|value| found(TokenPlace::Cookie, value)),
                ),
                "Set-Cookie" => self.tokens.extend(
                    crate::base::http::set_cookie_pair(&header.value)
                        .filter(|(n, _)| *n == name)
                        .and_then(|(_, value)| found(TokenPlace::SetCookie, value)),
                ),
                _ => {}
            }
        }
        // The token module's small JSON reader: the engine's wasm carries no general JSON parser.
        let body = self.body.as_deref().filter(|body| body.starts_with('{'));
        if let Some(token) = body.and_then(|body| crate::base::jwt::string_member(body, "access_token")) {
            self.tokens.extend(found(TokenPlace::Body, &token));
        }
        self
    }
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
            explained: crate::text::explain::request(request),
            ticket: None,
            tokens: Vec::new(),
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
            explained: crate::text::explain::response(response),
            ticket: None,
            tokens: Vec::new(),
        }
    }
}

/// The kind of store operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

crate::base::json::json_names!(StoreOpKind {
    Insert => "insert", Lookup => "lookup", Update => "update", Rename => "rename", Delete => "delete",
    DeleteUser => "deleteUser", Sweep => "sweep", Flush => "flush", Failed => "failed"
});

/// One operation on the session store.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub command: Commands,
}

crate::base::json::json_fields!([] StoreOp {
    "kind": kind, "id": id, "oldId": old_id, "found": found, "expired": expired, "user": user, "removed": removed,
    "command": command
});

impl StoreOp {
    /// An operation on one ID.
    pub fn on(kind: StoreOpKind, id: &SessionId, command: Commands) -> StoreOp {
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
    pub fn bulk(kind: StoreOpKind, removed: Vec<SessionId>, command: Commands) -> StoreOp {
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// The site's `localStorage` (where a bearer token is kept).
    pub storage: crate::base::sorted::SortedMap<String, String>,
}

crate::base::json::json_fields!([] BrowserView {
    "key": key, "label": label, "jar": jar, "screen": screen, "ticket": ticket, "ticketState": ticket_state,
    "cookieTickets": cookie_tickets, "cookieTicketStates": cookie_ticket_states, "storage": storage
});

/// What a browser's ticket names in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TicketState {
    /// A live record: the ticket works.
    Live,
    /// A record whose session has expired: the server will refuse it.
    Expired,
    /// No record at all: the ticket names nothing.
    NoRecord,
}

crate::base::json::json_names!(TicketState { Live => "live", Expired => "expired", NoRecord => "noRecord" });

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

/// The visible state of the world after a step. It serialises as the page
/// sees it: the store as a bounded view (see [`Snapshot::store_in_view`]) with its total.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// The session cookie's name in this world (a start-over with the
    /// `__Host-` defence renames it): how the jar and the wire name the ticket.
    pub cookie_name: String,
    /// Under tokens, the name of the cookie a token travels in (`token`, or
    /// `__Host-token` with that defence): how the page finds a token in a jar
    /// or a header to decode. `None` under sessions.
    pub token_cookie: Option<String>,
    /// The session IDs the moment so far has worked on (a store operation's
    /// ID and old ID, the ID a server read from a request): their records
    /// are always in view. Empty for the world at rest.
    pub touched: Vec<SessionId>,
    /// The deployment, when it is more than one server with its own store.
    pub cluster: Option<ClusterView>,
    /// What an empty store means in this world: under sessions, that nobody
    /// is logged in; under tokens, nothing of the kind (logins are not kept).
    pub store_empty: String,
}

/// How many records a snapshot shows besides the ones its moment touched and
/// the ones a browser's ticket names: the newest this many (per server, with
/// one store per server). The rest are counted, not sent.
pub const STORE_VIEW_OTHERS: usize = 12;

/// Which of `records` (oldest first) are in view, in the same order: every
/// record under an ID in `focus`, and the newest [`STORE_VIEW_OTHERS`] of the others.
fn in_view<'a>(records: &'a [Record], focus: &[&SessionId]) -> Vec<&'a Record> {
    let focused = |record: &Record| focus.contains(&&record.id);
    let mut others = STORE_VIEW_OTHERS;
    let mut shown: Vec<&Record> = Vec::new();
    // Newest first, so the others kept are the latest filed; then back into store order.
    for record in records.iter().rev() {
        if focused(record) {
            shown.push(record);
        } else if others > 0 {
            others -= 1;
            shown.push(record);
        }
    }
    shown.reverse();
    shown
}

impl Snapshot {
    /// The IDs whose records a view always shows: the moment's own, and every browser's tickets.
    fn focus(&self) -> Vec<&SessionId> {
        let tickets = self.browsers.iter().flat_map(|b| b.cookie_tickets.iter().flatten());
        self.touched.iter().chain(tickets).collect()
    }

    /// The records the page is shown, oldest first: the moment's, the
    /// tickets', and the newest [`STORE_VIEW_OTHERS`] of the rest.
    pub fn store_in_view(&self) -> Vec<&Record> {
        in_view(&self.store, &self.focus())
    }
}

/// `{ now, date, browsers, cookieName, tokenCookie, store, storeTotal, storeEmpty, cluster? }`: `store` is the
/// view ([`Snapshot::store_in_view`]), `storeTotal` every record's count;
/// with one store per server, each server's `records` and `recordTotal` likewise.
impl crate::base::json::ToJson for Snapshot {
    fn write_json(&self, out: &mut String) {
        let focus = self.focus();
        let mut object = crate::base::json::Object::open(out);
        object
            .field("now", &self.now)
            .field("date", &self.date)
            .field("browsers", &self.browsers)
            .field("cookieName", &self.cookie_name)
            .field("tokenCookie", &self.token_cookie)
            .field("store", &in_view(&self.store, &focus))
            .field("storeTotal", &self.store.len())
            .field("storeEmpty", &self.store_empty);
        // Left out, not null, for a world of one server.
        if let Some(cluster) = &self.cluster {
            object.field("cluster", &ClusterInView { cluster, focus: &focus });
        }
        object.close();
    }
}

/// A cluster as the page sees it: each server's records as a bounded view.
struct ClusterInView<'a> {
    cluster: &'a ClusterView,
    focus: &'a [&'a SessionId],
}

impl crate::base::json::ToJson for ClusterInView<'_> {
    fn write_json(&self, out: &mut String) {
        /// One server with its records in view.
        struct ServerInView<'a> {
            name: &'a str,
            up: bool,
            handled: u64,
            records: Vec<&'a Record>,
            record_total: usize,
        }
        crate::base::json::json_fields!(['a] ServerInView<'a> {
            "name": name, "up": up, "handled": handled, "records": records, "recordTotal": record_total
        });
        let c = self.cluster;
        let servers: Vec<ServerInView> = c
            .servers
            .iter()
            .map(|s| ServerInView {
                name: &s.name,
                up: s.up,
                handled: s.handled,
                records: in_view(&s.records, self.focus),
                record_total: s.records.len(),
            })
            .collect();
        let mut object = crate::base::json::Object::open(out);
        object
            .field("balancing", &c.balancing)
            .field("layout", &c.layout)
            .field("storeKind", &c.store_kind)
            .field("networkStore", &c.network_store)
            .field("storeReachable", &c.store_reachable)
            .field("servers", &servers)
            .field("active", &c.active)
            .field("action", &c.action)
            .field("total", &c.total)
            .field("model", &c.model);
        object.close();
    }
}

/// Several app servers behind a load balancer, as a snapshot shows them
/// (and serialises them, through the snapshot's bounded view).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterView {
    /// How the balancer picks a server.
    pub balancing: Balancing,
    /// Where the records live.
    pub layout: StoreLayout,
    /// The store, in words ("in memory", "Redis", …).
    pub store_kind: String,
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Whether a reader's Next press stops here: this step opens a new
    /// moment, and the steps up to the next one that does belong to it.
    /// The rule: an HTTP round trip is three moments (request, server work,
    /// response); any other action is one.
    pub starts_moment: bool,
    /// What the server is doing, in a few words, for the line under it on
    /// the stage ("Looking the ticket up in the store."), worked out from
    /// the moment's latest message and store operation.
    pub server_status: String,
    /// The state right after this step.
    pub state: Snapshot,
}

crate::base::json::json_fields!([] Step {
    "actor": actor, "browser": browser, "kind": kind, "narration": narration, "message": message, "storeOp": store_op,
    "startsMoment": starts_moment, "serverStatus": server_status, "state": state
});

/// An ID cut short for a tight place, as the page cuts it: the first eight
/// characters and an ellipsis, when it is longer than ten.
fn short_id(id: &SessionId) -> String {
    let id = id.as_str();
    if id.chars().count() > 10 {
        format!("{}…", id.chars().take(8).collect::<String>())
    } else {
        id.to_owned()
    }
}

/// The latest message of a moment so far, as much of it as the server's status line needs.
#[derive(Clone, Debug, Default)]
struct MessageLine {
    start_line: String,
    status: Option<u16>,
}

impl From<&HttpMessage> for MessageLine {
    fn from(message: &HttpMessage) -> MessageLine {
        MessageLine { start_line: message.start_line.clone(), status: message.status }
    }
}

/// The server's status line at a step of `kind`, given the moment's latest
/// message and store operation so far (a moment is drawn as its steps so far).
fn server_status(kind: &StepKind, message: Option<&MessageLine>, op: Option<StoreOpKind>) -> String {
    use crate::text::message::ServerStatus as S;
    // A request on its way in: the server (or the balancer in front of it) is about to take it.
    let arriving = || message.map(|m| m.start_line.replace(" HTTP/1.1", ""));
    // A response being written: its status and reason phrase ("HTTP/1.1 303 See Other").
    let answering = || match message {
        Some(MessageLine { start_line, status: Some(status) }) => {
            let reason: Vec<&str> = start_line.split(' ').skip(2).collect();
            crate::text::say(S::Answering { status: *status, reason: &reason.join(" ") })
        }
        _ => crate::text::say(S::AnsweringSoon),
    };
    let status = match kind {
        StepKind::RequestBuilt { .. } | StepKind::ResponseReceived { .. } | StepKind::CookiesExpired => S::Waiting,
        StepKind::RequestSent | StepKind::Eavesdropped { .. } | StepKind::Routed { .. } => {
            return arriving().map(|line| crate::text::say(S::Arriving(&line))).unwrap_or_default()
        }
        StepKind::PasswordChecked { ok } => S::PasswordChecked { ok: *ok },
        StepKind::CookieRead { id: Some(id) } => return crate::text::say(S::TicketPresented(&short_id(id))),
        StepKind::CookieRead { id: None } => S::NoTicket,
        StepKind::TokenSigned { sub, .. } => S::SigningToken(sub),
        StepKind::TokenVerified { verdict, .. } => S::TokenVerified(*verdict),
        StepKind::RefreshChecked { verdict, .. } => S::RefreshChecked(*verdict),
        StepKind::StoreOperation => match op {
            Some(StoreOpKind::Insert) => S::Filing,
            Some(StoreOpKind::Lookup) => S::LookingUp,
            Some(StoreOpKind::Update) => S::Handing,
            Some(StoreOpKind::Rename) => S::Renaming,
            Some(StoreOpKind::Delete) => S::Deleting,
            Some(StoreOpKind::DeleteUser) => S::EndingUsersSessions,
            Some(StoreOpKind::Sweep) => S::Sweeping,
            Some(StoreOpKind::Flush) => S::Flushed,
            Some(StoreOpKind::Failed) => S::StoreSilent,
            None => return String::new(),
        },
        StepKind::ResponseBuilt | StepKind::AffinitySet { .. } => return answering(),
        StepKind::ResponseSent => S::ResponseSent,
        StepKind::AdminAction => S::Admin,
        StepKind::ServerRestarted => S::Restarting,
        StepKind::JarTampered => S::WaitingBlindToJars,
        StepKind::BrowserClosed => S::WaitingBlindToClose,
        StepKind::TimePassed { .. } => S::TimePasses,
    };
    crate::text::say(status)
}

/// Which part of an action a step belongs to, for grouping steps into moments.
///
/// The rule, one press per moment: an HTTP round trip is three moments — the
/// request travelling to the server (built, sent, read on the way, routed by a
/// load balancer), the server's work (password check, cookie read, store
/// operations, the response it builds), and the response travelling back into
/// the jar. Anything else an action does (an administrator acting, the server
/// restarting, time passing, a jar changed by hand) is one moment, together
/// with the steps that follow from it (the store deleting a record, cookies
/// expiring).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The request on its way to a server.
    Request,
    /// The server (and its store) handling the request.
    ServerWork,
    /// The response on its way back to the browser.
    Response,
    /// An event outside HTTP, or a step that follows from one.
    Event,
}

impl StepKind {
    fn phase(&self) -> Phase {
        match self {
            StepKind::RequestBuilt { .. }
            | StepKind::RequestSent
            | StepKind::Eavesdropped { .. }
            | StepKind::Routed { .. } => Phase::Request,
            StepKind::PasswordChecked { .. }
            | StepKind::CookieRead { .. }
            | StepKind::StoreOperation
            | StepKind::ResponseBuilt
            | StepKind::AffinitySet { .. }
            | StepKind::TokenSigned { .. }
            | StepKind::TokenVerified { .. }
            | StepKind::RefreshChecked { .. } => Phase::ServerWork,
            StepKind::ResponseSent | StepKind::ResponseReceived { .. } => Phase::Response,
            StepKind::AdminAction
            | StepKind::ServerRestarted
            | StepKind::JarTampered
            | StepKind::BrowserClosed
            | StepKind::TimePassed { .. }
            | StepKind::CookiesExpired => Phase::Event,
        }
    }

    /// Whether a step of this kind, coming after `previous` in the same
    /// action, opens a new moment. An action's first step always does.
    #[cfg(test)]
    fn starts_moment_after(&self, previous: Option<&StepKind>) -> bool {
        self.starts_moment_after_phase(previous.map(StepKind::phase))
    }

    /// The same rule, knowing only the previous step's phase (all it needs).
    fn starts_moment_after_phase(&self, previous: Option<Phase>) -> bool {
        let Some(previous) = previous else { return true };
        match self {
            // A new request, or a response setting off back: always a press of its own.
            StepKind::RequestBuilt { .. } | StepKind::ResponseSent => true,
            // The server's work begins once the request has arrived; its
            // further steps (a lookup after the cookie read, say) are the same moment.
            _ if self.phase() == Phase::ServerWork => previous == Phase::Request,
            // The rest continue the moment they are part of: the request's
            // travel, the response's arrival, or what follows from an event
            // (a store op after an administrator's command, cookies expiring
            // as time passes).
            _ => false,
        }
    }
}

/// The steps of one action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// In order.
    pub steps: Vec<Step>,
}

crate::base::json::json_fields!([] Trace { "steps": steps });

impl Trace {
    /// How many moments (Next presses) the trace takes: the steps that start one.
    pub fn moments(&self) -> usize {
        self.steps.iter().filter(|step| step.starts_moment).count()
    }

    /// How many steps each moment has, in order (they add up to the steps).
    pub fn moment_sizes(&self) -> Vec<usize> {
        let mut sizes: Vec<usize> = Vec::new();
        for step in &self.steps {
            match sizes.last_mut() {
                Some(size) if !step.starts_moment => *size += 1,
                _ => sizes.push(1),
            }
        }
        sizes
    }
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
    /// How many steps each moment so far has: counted untraced too, so a
    /// replay knows its Next presses without building a single snapshot.
    moments: Vec<usize>,
    /// The phase of the last step pushed, which decides whether the next starts a moment.
    last_phase: Option<Phase>,
    /// The IDs the current moment has worked on so far (its records stay in view).
    touched: Vec<SessionId>,
    /// The current moment's latest message and store operation so far, for the server's status line.
    moment_message: Option<MessageLine>,
    moment_op: Option<StoreOpKind>,
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
        StepDraft::of(actor, kind, narration.into())
    }

    /// [`StepDraft::new`] once its narration is a `String`: kept out of line,
    /// so a hundred call sites each make one call rather than fill every field.
    #[inline(never)]
    fn of(actor: Actor, kind: StepKind, narration: String) -> StepDraft {
        StepDraft { actor, browser: None, kind, narration, message: None, store_op: None }
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
        Tracer {
            current: Some(start),
            steps: Vec::new(),
            moments: Vec::new(),
            last_phase: None,
            touched: Vec::new(),
            moment_message: None,
            moment_op: None,
        }
    }

    /// A tracer that counts steps and keeps no state. Not for several
    /// servers: their running costs are counted in the traced picture.
    pub fn untraced() -> Tracer {
        Tracer {
            current: None,
            steps: Vec::new(),
            moments: Vec::new(),
            last_phase: None,
            touched: Vec::new(),
            moment_message: None,
            moment_op: None,
        }
    }

    /// Records a step with the state as it is now.
    pub fn push(&mut self, draft: StepDraft) {
        let starts_moment = draft.kind.starts_moment_after_phase(self.last_phase);
        self.last_phase = Some(draft.kind.phase());
        match self.moments.last_mut() {
            Some(size) if !starts_moment => *size += 1,
            _ => self.moments.push(1),
        }
        let Some(current) = &mut self.current else { return };
        if let (Some(cluster), Some(op)) = (&mut current.cluster, &draft.store_op) {
            charge(cluster, op);
        }
        // A moment's records stay in view to its end: the coat a lookup
        // found is still there when the response is built.
        if starts_moment {
            self.touched.clear();
            self.moment_message = None;
            self.moment_op = None;
        }
        if let Some(message) = &draft.message {
            self.moment_message = Some(MessageLine::from(message));
        }
        if let Some(op) = &draft.store_op {
            self.moment_op = Some(op.kind);
        }
        let read = match &draft.kind {
            StepKind::CookieRead { id } => id.as_ref(),
            _ => None,
        };
        let op_ids = draft.store_op.iter().flat_map(|op| op.id.iter().chain(op.old_id.iter()));
        for id in read.into_iter().chain(op_ids) {
            if !self.touched.contains(id) {
                self.touched.push(id.clone());
            }
        }
        current.touched.clone_from(&self.touched);
        let state = current.clone().with_ticket_states();
        self.steps.push(Step {
            starts_moment,
            server_status: server_status(&draft.kind, self.moment_message.as_ref(), self.moment_op),
            actor: draft.actor,
            browser: draft.browser,
            kind: draft.kind,
            narration: draft.narration,
            message: draft.message.map(|message| message.with_ticket(&state).with_tokens(&state)),
            store_op: draft.store_op,
            state,
        });
    }

    /// The store changed: later steps show its rows. (Untraced, nothing is
    /// copied: that copy, at every step, was the cost of a long replay.)
    pub fn set_store(&mut self, store: &crate::session::store::SessionStore, node: Option<usize>) {
        let Some(current) = &mut self.current else { return };
        match (&mut current.cluster, node) {
            // With one store per server, `node` names the server whose own memory holds `store`.
            (Some(cluster), Some(node)) if cluster.layout == StoreLayout::PerServer => {
                cluster.servers[node].records = store.rows();
                current.store = Arc::new(cluster.servers.iter().flat_map(|s| s.records.iter().cloned()).collect());
            }
            _ => current.store = store.shared_rows(),
        }
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
            // The moment now has this message as its latest: the status line says what it answers.
            let line = MessageLine::from(&message);
            step.server_status = server_status(&step.kind, Some(&line), None);
            self.moment_message = Some(line);
            step.message = Some(message.with_ticket(&step.state).with_tokens(&step.state));
        }
    }

    pub fn finish(self) -> Trace {
        Trace { steps: self.steps }
    }

    /// Whether this tracer keeps steps and their state.
    pub fn is_traced(&self) -> bool {
        self.current.is_some()
    }

    /// How many steps each moment has, in order, traced or not.
    pub fn moment_sizes(&self) -> Vec<usize> {
        self.moments.clone()
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
    // Each command the store runs is one operation: a round trip to a networked store.
    let commands = op.command.count() as u64;
    let unreachable = cluster.network_store && !cluster.store_reachable;
    let mut cost = cluster.model.charge(commands, cluster.network_store, cluster.total.round_trips, unreachable);
    // A lookup the store never answered was still attempted (and waited for).
    cost.lookups = u64::from(op.kind == Lookup || (op.kind == Failed && op.id.is_some()));
    cluster.action.add(&cost);
    cluster.total.add(&cost);
}

#[cfg(test)]
mod tests {
    use super::StepKind;
    use crate::scenario::Scenario;

    /// Plays a scenario and gives, per action, its moment count and which steps start a moment.
    fn moments_of(settings: &str, steps: &str) -> Vec<(usize, Vec<bool>)> {
        let json = format!(r#"{{"title": "t", "settings": {settings}, "steps": {steps}}}"#);
        let played = Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}")).play();
        played.iter().map(|p| (p.trace.moments(), p.trace.steps.iter().map(|s| s.starts_moment).collect())).collect()
    }

    const ONE_SERVER: &str = r#"{"preset": "generic", "seed": 1}"#;
    const LOGIN: &str = r#"{"action": "login", "browser": "laptop", "username": "alice", "password": "wonderland"}"#;
    const VISIT: &str = r#"{"action": "visit", "browser": "laptop", "path": "/profile"}"#;

    #[test]
    fn a_step_kind_is_written_as_its_camel_case_type_beside_its_camel_case_fields() {
        let json = |kind: StepKind| crate::base::json::to_json(&kind);
        assert_eq!(json(StepKind::RequestSent), r#"{"type":"requestSent"}"#);
        assert_eq!(json(StepKind::TimePassed { secs: 60 }), r#"{"type":"timePassed","secs":60}"#);
        assert_eq!(json(StepKind::Eavesdropped { ticket_seen: true }), r#"{"type":"eavesdropped","ticketSeen":true}"#);
        assert_eq!(json(StepKind::Routed { server: None }), r#"{"type":"routed","server":null}"#);
        assert_eq!(
            json(StepKind::RefreshChecked {
                user: Some("alice".into()),
                verdict: crate::library::token::RefreshVerdict::Renewed
            }),
            r#"{"type":"refreshChecked","user":"alice","verdict":"renewed"}"#
        );
        assert_eq!(
            json(StepKind::ResponseReceived { jar_changes: Vec::new() }),
            r#"{"type":"responseReceived","jarChanges":[]}"#
        );
    }

    #[test]
    fn a_round_trip_is_three_moments_request_server_work_response() {
        let got = moments_of(ONE_SERVER, &format!("[{LOGIN}, {VISIT}]"));
        // login: built+sent | password check, insert, response built | sent+received
        assert_eq!(got[0], (3, vec![true, false, true, false, false, true, false]));
        // visit: built+sent | cookie read, lookup, response built | sent+received
        assert_eq!(got[1], (3, vec![true, false, true, false, false, true, false]));
    }

    #[test]
    fn a_request_with_no_ticket_is_still_three_moments() {
        let phone = r#"{"action": "visit", "browser": "phone", "path": "/profile"}"#;
        let got = moments_of(ONE_SERVER, &format!("[{phone}]"));
        assert_eq!(got[0], (3, vec![true, false, true, false, true, false]));
    }

    #[test]
    fn an_administrators_revocation_and_its_store_delete_are_one_moment() {
        let got = moments_of(ONE_SERVER, &format!(r#"[{LOGIN}, {{"action": "revoke"}}]"#));
        assert_eq!(got[1], (1, vec![true, false]));
    }

    #[test]
    fn time_passing_is_one_moment_with_the_cookies_it_expires() {
        // Django's cookie lasts two weeks; the sweeper then clears the expired record.
        let settings = r#"{"preset": "django", "seed": 1, "cleanup": "sweeper"}"#;
        let fifteen_days = 15 * 24 * 3600;
        let got = moments_of(settings, &format!(r#"[{LOGIN}, {{"action": "wait", "seconds": {fifteen_days}}}]"#));
        // time passes | the cookie expires | the sweep: one moment
        assert_eq!(got[1], (1, vec![true, false, false]));
    }

    #[test]
    fn a_restart_and_the_memory_it_loses_are_one_moment() {
        let got = moments_of(ONE_SERVER, &format!(r#"[{LOGIN}, {{"action": "restartServer"}}]"#));
        assert_eq!(got[1], (1, vec![true, false]));
    }

    #[test]
    fn the_balancer_routing_a_request_is_part_of_its_travel() {
        let settings = r#"{"seed": 1, "servers": 3, "balancing": "sticky", "storeLayout": "perServer"}"#;
        let got = moments_of(settings, &format!("[{LOGIN}]"));
        // built, sent, routed | password, insert, response, affinity | sent, received
        assert_eq!(got[0], (3, vec![true, false, false, true, false, false, false, true, false]));
    }

    #[test]
    fn a_request_read_on_the_way_is_still_one_moment_of_travel() {
        let plain = r#"{"action": "visitOverHttp", "browser": "laptop", "path": "/profile"}"#;
        let got = moments_of(ONE_SERVER, &format!("[{LOGIN}, {plain}]"));
        let (moments, starts) = &got[1];
        assert_eq!(*moments, 3);
        assert_eq!(&starts[..4], &[true, false, false, true], "built, sent, eavesdropped | server work");
    }

    #[test]
    fn the_rule_by_step_kind() {
        let sent = StepKind::RequestSent;
        let read = StepKind::CookieRead { id: None };
        let store = StepKind::StoreOperation;
        let admin = StepKind::AdminAction;
        assert!(read.starts_moment_after(None), "an action's first step opens a moment");
        assert!(read.starts_moment_after(Some(&sent)), "the server's work starts when the request arrives");
        assert!(!store.starts_moment_after(Some(&read)), "a lookup continues the server's work");
        assert!(!store.starts_moment_after(Some(&admin)), "a store op continues an administrator's action");
        assert!(StepKind::ResponseSent.starts_moment_after(Some(&StepKind::ResponseBuilt)));
        assert!(!StepKind::ResponseReceived { jar_changes: vec![] }.starts_moment_after(Some(&StepKind::ResponseSent)));
    }

    /// A world of `logins` logins on Alice's laptop, each followed by a
    /// client-only logout, so every record stays behind: the growing store.
    fn grown_store(logins: usize) -> crate::World {
        use crate::base::ids::IdSourceSetting;
        use crate::library::preset::{Cleanup, LogoutMode, Settings, PRESETS};
        use crate::Action;
        let mut settings = Settings::of(&PRESETS[0], IdSourceSetting::Seeded { seed: 7 });
        settings.logout = LogoutMode::ClientOnly;
        settings.cleanup = Cleanup::Never;
        settings.idle_timeout = None;
        settings.absolute_timeout = None;
        let mut world = crate::World::from_settings(settings);
        let login = Action::Login { browser: "laptop".into(), username: "alice".into(), password: "wonderland".into() };
        for _ in 0..logins {
            world.apply(&login).expect("login");
            world.apply(&Action::Logout { browser: "laptop".into() }).expect("logout");
        }
        world
    }

    /// The `store` of a snapshot as the page receives it: the IDs in view, and the total.
    fn as_sent(state: &super::Snapshot) -> (Vec<String>, u64) {
        let json = crate::base::json::parse(&crate::base::json::to_json(state)).expect("a snapshot is JSON");
        let store = json.get("store").and_then(|s| s.as_array()).expect("store");
        let ids = store.iter().map(|r| r.get("id").and_then(|id| id.as_str()).unwrap().to_owned()).collect();
        (ids, json.get("storeTotal").and_then(|t| t.as_u64()).expect("storeTotal"))
    }

    #[test]
    fn a_big_store_is_sent_as_the_newest_few_records_and_its_total() {
        let world = grown_store(40);
        let rows = world.store().rows();
        let (ids, total) = as_sent(&world.snapshot());
        assert_eq!(total, 40, "the total counts every record");
        let newest: Vec<String> = rows[40 - super::STORE_VIEW_OTHERS..].iter().map(|r| r.id.to_string()).collect();
        assert_eq!(ids, newest, "the newest records, oldest first, and nothing else: no browser holds a ticket");
        // A small store is sent whole, as it always was.
        let (ids, total) = as_sent(&grown_store(3).snapshot());
        assert_eq!((ids.len(), total), (3, 3));
    }

    #[test]
    fn the_record_a_moment_works_on_stays_in_view_to_the_moments_end() {
        use crate::Action;
        let mut world = grown_store(40);
        let oldest = world.store().rows()[0].id.clone();
        // Mallory tries the oldest ID and visits: the lookup finds it, and the steps after it in that moment still show it.
        world.apply(&Action::GuessTicket { browser: "mallory".into(), id: oldest.clone() }).expect("guess");
        let trace = world.apply(&Action::Visit { browser: "mallory".into(), path: "/profile".into() }).expect("visit");
        let is_lookup = |s: &super::Step| s.store_op.as_ref().is_some_and(|op| op.kind == super::StoreOpKind::Lookup);
        let lookup = trace.steps.iter().position(is_lookup).expect("a lookup");
        let next_moment =
            (lookup + 1..trace.steps.len()).find(|&i| trace.steps[i].starts_moment).expect("the response");
        for step in &trace.steps[lookup..next_moment] {
            assert_eq!(step.state.touched, vec![oldest.clone()], "{:?}: the moment worked on it", step.kind);
            let (ids, total) = as_sent(&step.state);
            assert_eq!(total, 40);
            assert!(ids.contains(&oldest.to_string()), "{:?}: the looked-up record is in view", step.kind);
            assert!(ids.len() <= super::STORE_VIEW_OTHERS + 1, "bounded: {} records", ids.len());
        }
        assert!(trace.steps[next_moment].state.touched.is_empty(), "the response's moment starts afresh");
    }

    #[test]
    fn the_servers_status_line_follows_the_moment_through_a_login_and_a_visit() {
        let json = format!(r#"{{"title": "t", "settings": {ONE_SERVER}, "steps": [{LOGIN}, {VISIT}]}}"#);
        let played = Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}")).play();
        let lines = |i: usize| played[i].trace.steps.iter().map(|s| s.server_status.clone()).collect::<Vec<_>>();
        assert_eq!(
            lines(0),
            [
                "Waiting for requests.",
                "Request arriving: POST /login",
                "Password matches.",
                "Filing a new record.",
                "Answering 200 OK",
                "Response sent.",
                "Waiting for requests.",
            ]
        );
        let ticket = played[1].trace.steps[2].state.browsers[0].ticket.clone().expect("the laptop's ticket");
        let short = format!("{}…", &ticket.as_str()[..8]);
        assert_eq!(
            lines(1)[2..5],
            [
                format!("Ticket presented: {short}"),
                "Looking the ticket up in the store.".into(),
                "Answering 200 OK".into()
            ]
        );
    }

    #[test]
    fn the_balancers_steps_say_what_the_server_is_about_to_do() {
        let settings = r#"{"seed": 1, "servers": 3, "balancing": "sticky", "storeLayout": "perServer"}"#;
        let json = format!(r#"{{"title": "t", "settings": {settings}, "steps": [{LOGIN}]}}"#);
        let played = Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}")).play();
        let status_of = |kind: &str| {
            let step = played[0].trace.steps.iter().find(|s| format!("{:?}", s.kind).starts_with(kind)).expect(kind);
            step.server_status.clone()
        };
        assert_eq!(status_of("Routed"), "Request arriving: POST /login");
        assert_eq!(status_of("AffinitySet"), "Answering 200 OK");
    }
}
