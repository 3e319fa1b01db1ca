//! What the world's steps say: the browsers' requests and the jars' changes,
//! the load balancer, time passing, an attacker's tampering and the
//! operator's actions (`src/sim/`).
//!
//! Browsers are named by their labels ("Alice's laptop", themselves a
//! [`Label`](super::Label)) and servers by their names (`app-2`).
//!
//! Why one file of this length: it is one area's list of ids, in the order
//! the steps happen, each with its parameters documented; `en/world.rs`
//! renders them in the same order.

use crate::base::http::Method;
use crate::session::commands::StoreDialect;

/// One thing a world's step says, by its stable id.
#[derive(Clone, Debug)]
pub enum WorldMessage<'a> {
    // --- One round trip (sim/world/exchange.rs) ---
    /// The browser builds a request.
    RequestBuilt {
        /// The browser's label.
        browser: &'a str,
        /// What the reader did.
        doing: Doing<'a>,
        /// What rides along.
        cookies: CookiesSent<'a>,
        /// Whether the page's script adds its bearer token.
        bearer: bool,
    },
    /// The request travels.
    RequestTravels {
        /// Whether a load balancer stands in front of the servers.
        balancer: bool,
        /// Whether over plain http.
        plain_http: bool,
    },
    /// The response travels back.
    ResponseTravels,
    /// The browser files a token cookie.
    TokenCookieStored {
        /// The cookie's name.
        name: &'a str,
    },
    /// The browser files the load balancer's cookie.
    AffinityCookieStored {
        /// The cookie's name.
        name: &'a str,
    },
    /// The browser replaces the load balancer's cookie.
    AffinityCookieReplaced {
        /// The cookie's name.
        name: &'a str,
    },
    /// The browser files a cookie that is not the session's.
    OtherCookieStored {
        /// The cookie's name.
        name: &'a str,
    },
    /// The browser files the session cookie.
    SessionCookieStored {
        /// The cookie's name.
        name: &'a str,
    },
    /// The browser replaces the session cookie.
    SessionCookieReplaced {
        /// The cookie's name.
        name: &'a str,
    },
    /// The browser deletes a cookie.
    CookieDeleted {
        /// The cookie's name.
        name: &'a str,
    },
    /// The server asked to delete a cookie the jar did not hold.
    NothingToDelete {
        /// The cookie's name.
        name: &'a str,
    },
    /// The browser ignores a `Set-Cookie`.
    SetCookieIgnored {
        /// Why, as the jar says it.
        why: &'a str,
    },
    /// The browser shows the page.
    PageShown {
        /// Whether this is the step's first sentence.
        first: bool,
        /// The status code.
        status: u16,
        /// The body.
        body: &'a str,
    },
    /// The body of the balancer's 503.
    NoServerBody,
    /// The balancer adds its own cookie.
    AffinitySet {
        /// The `Set-Cookie` value.
        header: &'a str,
        /// The server pinned.
        server: &'a str,
        /// The balancer's cookie name.
        cookie: &'a str,
    },
    /// With one store per server: the record was lost when its server stopped.
    RecordLostWith {
        /// The server that stopped.
        server: &'a str,
    },
    /// With one store per server: the record is in another server's memory.
    RecordHeldBy {
        /// The server holding it.
        holder: &'a str,
        /// The server asked.
        server: &'a str,
    },

    // --- The load balancer (sim/cluster.rs) ---
    /// No server running.
    NoServerRunning,
    /// The only server running.
    OnlyServer {
        /// Its name.
        server: &'a str,
    },
    /// Round-robin.
    RoundRobin {
        /// The server picked.
        server: &'a str,
    },
    /// A random pick.
    RandomPick {
        /// The server picked.
        server: &'a str,
    },
    /// The affinity cookie names a running server.
    Pinned {
        /// The balancer's cookie name.
        cookie: &'a str,
        /// The server.
        server: &'a str,
    },
    /// The affinity cookie names a stopped server.
    PinnedDown {
        /// The balancer's cookie name.
        cookie: &'a str,
        /// The server it names.
        server: &'a str,
        /// The one picked instead.
        next: &'a str,
    },
    /// No affinity cookie yet.
    NotPinned {
        /// The balancer's cookie name.
        cookie: &'a str,
        /// The server picked.
        server: &'a str,
    },

    // --- The page's own script (sim/page_script.rs) ---
    /// The script keeps the token a login answered with.
    ScriptStoresToken,
    /// The script forgets it at logout.
    ScriptDeletesToken,

    // --- The world (sim/world/mod.rs) ---
    /// Over an empty store.
    StoreEmpty {
        /// With several servers each keeping its own records.
        per_server: bool,
    },
    /// Starting over with a defence on.
    StartedOver {
        /// The defence's label.
        defence: &'a str,
        /// The prepared start's actions, by label.
        prepared: &'a [String],
    },
    /// Time passes.
    TimePassed {
        /// How long.
        secs: u64,
        /// The clock now.
        now: &'a str,
        /// The same instant as an HTTP date.
        http_date: &'a str,
    },
    /// Cookies expired in a jar.
    CookiesExpired {
        /// Their names.
        names: &'a [String],
        /// The browser's label.
        browser: &'a str,
    },

    // --- The operator (sim/world/operations.rs) ---
    /// The administrator's request goes through the balancer.
    AdminRouted {
        /// The admin path.
        path: &'a str,
        /// The server it reached, if one is running.
        server: Option<&'a str>,
    },
    /// Where the record lives instead, with one store per server.
    HeldElsewhere {
        /// The server holding it.
        holder: &'a str,
        /// The server asked.
        server: &'a str,
    },
    /// A browser holds no ticket to revoke.
    RevokeHeldByNoTicket {
        /// The browser's label.
        browser: &'a str,
    },
    /// A browser's ticket names no record.
    RevokeHeldByNoRecord {
        /// The browser's label.
        browser: &'a str,
        /// The ID.
        id: &'a str,
        /// Whether the search spans every server's memory.
        per_server: bool,
    },
    /// The administrator picks out a browser's session.
    RevokeHeldBy {
        /// The browser's label.
        browser: &'a str,
        /// The ID.
        id: &'a str,
    },
    /// After revoking a user's sessions on one server: what survived.
    RevokeUserReach {
        /// The user.
        user: &'a str,
        /// The server that searched.
        server: &'a str,
        /// The servers still holding sessions of the user.
        survivors: &'a [String],
    },
    /// Every server restarts.
    DeployRestart,
    /// Where the sessions lived when every server restarted.
    LostInEachMemory,
    /// The store command of every server restarting.
    NoteEachProcessExited,
    /// A server already stopped.
    AlreadyStopped {
        /// Its name.
        server: &'a str,
    },
    /// A server stops.
    Stopped {
        /// Its name.
        server: &'a str,
    },
    /// A server stops, with a shared store.
    StoppedShared {
        /// Its name.
        server: &'a str,
    },
    /// The store command of a stop that lost nothing.
    NoteSharedKeptRunning,
    /// A server stops, losing its memory.
    StoppedLosing {
        /// Its name.
        server: &'a str,
        /// How many sessions were lost.
        lost: usize,
    },
    /// The store command of a stopped server.
    NoteServerExited {
        /// Its name.
        server: &'a str,
    },
    /// A server already running.
    AlreadyRunning {
        /// Its name.
        server: &'a str,
    },
    /// A server starts again.
    Started {
        /// Its name.
        server: &'a str,
    },
    /// No separate store to stop: each server's memory.
    NoSeparateStore,
    /// No shared store to stop: one server.
    NoSharedStore,
    /// The store is already as asked.
    StoreAlready {
        /// Whether it is reachable.
        reachable: bool,
    },
    /// The store is back.
    StoreBack {
        /// The store.
        store: StoreDialect,
    },
    /// The store goes down.
    StoreDown {
        /// The store.
        store: StoreDialect,
    },

    // --- An attacker (sim/world/tamper.rs) ---
    /// A cookie copied between jars.
    Copied {
        /// The cookie's name.
        name: &'a str,
        /// Its value.
        value: &'a str,
        /// From whom.
        from: &'a str,
        /// To whom.
        to: &'a str,
    },
    /// Nothing to copy.
    NothingToCopy {
        /// The cookie's name.
        name: &'a str,
        /// From whom.
        from: &'a str,
    },
    /// A browser closed and opened, every cookie surviving.
    ClosedKeepingAll {
        /// The browser's label.
        browser: &'a str,
    },
    /// A browser closed and opened, session cookies lost.
    ClosedLosing {
        /// The browser's label.
        browser: &'a str,
        /// The cookies lost.
        gone: &'a [String],
    },
    /// Mallory has no ticket to plant.
    NothingToPlant,
    /// The jar refuses the planted cookie.
    PlantRefused {
        /// Why, as the jar says it.
        reason: &'a str,
    },
    /// The jar accepts it.
    PlantAccepted {
        /// The app's host.
        host: &'a str,
    },
    /// The planting.
    Planted {
        /// The browser's label.
        browser: &'a str,
        /// The app's host.
        host: &'a str,
        /// The `Set-Cookie` value.
        header: &'a str,
        /// What the jar did (`PlantRefused` or `PlantAccepted`, rendered).
        outcome: &'a str,
    },
    /// A ticket typed in.
    Guessed {
        /// The browser's label.
        browser: &'a str,
        /// The cookie's name.
        name: &'a str,
        /// Its value.
        value: &'a str,
    },
    /// A script reads a token from page storage.
    ScriptStealsStoredToken {
        /// The browser's label.
        browser: &'a str,
        /// The storage key.
        key: &'a str,
    },
    /// A script steals the session cookie.
    ScriptStealsCookie {
        /// The browser's label.
        browser: &'a str,
        /// What `document.cookie` showed.
        seen: Option<&'a str>,
        /// The cookie's name.
        name: &'a str,
    },
    /// `HttpOnly` keeps the cookie from a script.
    ScriptBlockedByHttpOnly {
        /// The browser's label.
        browser: &'a str,
        /// What `document.cookie` showed.
        seen: Option<&'a str>,
    },
    /// No session cookie for a script to steal.
    ScriptFindsNothing {
        /// The browser's label.
        browser: &'a str,
        /// What `document.cookie` showed.
        seen: Option<&'a str>,
    },
    /// Mallory reads the ticket off plain http.
    Sniffed {
        /// The cookie's name.
        name: &'a str,
        /// Its value.
        value: &'a str,
    },
    /// Plain http carries no ticket: `Secure` kept it home.
    SniffedSecure {
        /// The cookie's name.
        name: &'a str,
    },
    /// Plain http carries no ticket: the browser holds none.
    SniffedNothing {
        /// The cookie's name.
        name: &'a str,
    },
}

/// What the reader did, as the request's step says it.
#[derive(Clone, Copy, Debug)]
pub enum Doing<'a> {
    /// Another site's page submits a form.
    CrossSiteForm {
        /// The other site.
        site: &'a str,
        /// The method.
        method: Method,
        /// The path.
        path: &'a str,
        /// The session cookie's name.
        session: &'a str,
        /// Why the session cookie went or stayed, as the jar says it.
        decision: Option<&'a str>,
    },
    /// A plain-http address.
    PlainHttp {
        /// The path.
        path: &'a str,
        /// The session cookie's name.
        session: &'a str,
        /// Why the session cookie went or stayed, as the jar says it.
        decision: Option<&'a str>,
    },
    /// The login form.
    Login,
    /// "Log out".
    Logout,
    /// "Log out everywhere".
    LogoutEverywhere,
    /// A new password.
    ChangePassword,
    /// Any other page.
    Open {
        /// The path.
        path: &'a str,
        /// The method.
        method: Method,
    },
    /// The page's script renews an expired access token at `/refresh`.
    Renew {
        /// How the tokens travel.
        carry: crate::library::token::Carry,
    },
    /// The page's script sends a request again after a renewal.
    Again(&'a Doing<'a>),
}

/// What the jar attaches to a request.
#[derive(Clone, Copy, Debug)]
pub enum CookiesSent<'a> {
    /// A `Cookie` header.
    Header(&'a str),
    /// No cookie for this site at all.
    NoneHeld,
    /// Cookies held, none attached.
    NoneSent,
}

/// An action's one-line label ("Alice's laptop: log in as alice"), by its stable id.
/// Browsers come as their labels, servers as their names.
#[derive(Clone, Copy, Debug)]
pub enum ActionLabel<'a> {
    /// `login`.
    Login {
        /// The browser.
        browser: &'a str,
        /// The username typed.
        user: &'a str,
    },
    /// `visit`.
    Visit {
        /// The browser.
        browser: &'a str,
        /// The path.
        path: &'a str,
    },
    /// `logout`.
    Logout(&'a str),
    /// `logoutEverywhere`.
    LogoutEverywhere(&'a str),
    /// `changePassword`.
    ChangePassword(&'a str),
    /// `revoke` by ID.
    Revoke(&'a str),
    /// `revoke` of the newest.
    RevokeNewest,
    /// `revoke` of a browser's session.
    RevokeHeldBy(&'a str),
    /// `revokeUser`.
    RevokeUser(&'a str),
    /// `copyCookie`.
    CopyCookie {
        /// From which browser.
        from: &'a str,
        /// To which.
        to: &'a str,
    },
    /// `closeBrowser`.
    CloseBrowser(&'a str),
    /// `wait` (seconds).
    Wait(u64),
    /// `restartServer`.
    RestartServer,
    /// `rotateSigningKey`.
    RotateSigningKey,
    /// `plantTicket`.
    PlantTicket(&'a str),
    /// `guessTicket`.
    GuessTicket {
        /// The browser.
        browser: &'a str,
        /// The ID typed.
        id: &'a str,
    },
    /// `scriptTheft`.
    ScriptTheft(&'a str),
    /// `crossSiteForm`.
    CrossSiteForm {
        /// The browser.
        browser: &'a str,
        /// The path posted to.
        path: &'a str,
    },
    /// `visitOverHttp`.
    VisitOverHttp {
        /// The browser.
        browser: &'a str,
        /// The path.
        path: &'a str,
    },
    /// `startOverWith` (the defence's label).
    StartOverWith(&'a str),
    /// `stopServer` (its name).
    StopServer(&'a str),
    /// `startServer` (its name).
    StartServer(&'a str),
    /// `stopStore`.
    StopStore,
    /// `startStore`.
    StartStore,
}

/// Why the world cannot run an action, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum WorldProblem<'a> {
    /// No browser has this key.
    UnknownBrowser {
        /// The key asked for.
        key: &'a str,
        /// The keys there are, joined.
        keys: &'a str,
    },
    /// No server has this number.
    UnknownServer {
        /// The number.
        n: u8,
        /// How many there are.
        count: u8,
    },
    /// Stopping or starting the one server.
    SingleServer,
    /// A wait longer than one may be.
    WaitOutOfRange {
        /// The seconds asked for.
        secs: u64,
        /// The longest wait.
        max: u64,
    },
    /// A wait past the clock's end.
    WaitPastTheEnd {
        /// The seconds asked for.
        secs: u64,
        /// The clock's end, as an HTTP date.
        end: &'a str,
        /// The seconds left.
        left: u64,
    },
}
