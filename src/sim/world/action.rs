//! What a reader (or a scenario) can do to the world, and what can go wrong.

use crate::base::clock::{Instant, MAX_ELAPSED_SECS, MAX_WAIT_SECS};
use crate::base::ids::SessionId;
use crate::library::token::Mechanism;
use crate::library::topology::server_name;
use crate::text::message::{ActionLabel, Label, WorldProblem};
use crate::text::say;
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
    /// An administrator replaces a token server's signing secret.
    RotateSigningKey,
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
    /// The label of this action in a world whose server remembers logins by
    /// `mechanism`: under tokens there is no session to copy, revoke or end,
    /// so those actions say "token" (the words are `TokenMessage`'s labels).
    pub fn label_under(&self, mechanism: Mechanism) -> String {
        use crate::text::message::TokenMessage;
        if mechanism == Mechanism::ServerSession {
            return self.label();
        }
        let name = |key: &str| say(Label::Browser(key));
        match self {
            Action::CopyCookie { from, to } => say(TokenMessage::CopyLabel { from: &name(from), to: &name(to) }),
            Action::Revoke { id: None } => say(TokenMessage::RevokeNewestLabel),
            Action::RevokeHeldBy { browser } => say(TokenMessage::RevokeHeldByLabel { browser: &name(browser) }),
            Action::RevokeUser { user } => say(TokenMessage::RevokeUserLabel { user }),
            Action::StopStore => say(TokenMessage::StoreDownLabel),
            Action::StartStore => say(TokenMessage::StoreBackLabel),
            _ => self.label(),
        }
    }

    /// A short label, e.g. "Alice's laptop: log in as alice", in a session
    /// world's words (see [`Action::label_under`] for a token world's).
    pub fn label(&self) -> String {
        let names: Vec<String> = self.browsers().iter().map(|key| say(Label::Browser(key))).collect();
        let name = |i: usize| names[i].as_str();
        let server = |n: u8| server_name(usize::from(n).saturating_sub(1));
        let (stop, start) = match self {
            Action::StopServer { server: n } | Action::StartServer { server: n } => (server(*n), server(*n)),
            _ => (String::new(), String::new()),
        };
        let defence = match self {
            Action::StartOverWith { defence } => say(Label::Defence(*defence)),
            _ => String::new(),
        };
        say(match self {
            Action::Login { username, .. } => ActionLabel::Login { browser: name(0), user: username },
            Action::Visit { path, .. } => ActionLabel::Visit { browser: name(0), path },
            Action::Logout { .. } => ActionLabel::Logout(name(0)),
            Action::LogoutEverywhere { .. } => ActionLabel::LogoutEverywhere(name(0)),
            Action::ChangePassword { .. } => ActionLabel::ChangePassword(name(0)),
            Action::Revoke { id: Some(id) } => ActionLabel::Revoke(id.as_str()),
            Action::Revoke { id: None } => ActionLabel::RevokeNewest,
            Action::RevokeHeldBy { .. } => ActionLabel::RevokeHeldBy(name(0)),
            Action::RevokeUser { user } => ActionLabel::RevokeUser(user),
            Action::CopyCookie { .. } => ActionLabel::CopyCookie { from: name(0), to: name(1) },
            Action::CloseBrowser { .. } => ActionLabel::CloseBrowser(name(0)),
            Action::Wait { secs } => ActionLabel::Wait(*secs),
            Action::RestartServer => ActionLabel::RestartServer,
            Action::RotateSigningKey => ActionLabel::RotateSigningKey,
            Action::PlantTicket { .. } => ActionLabel::PlantTicket(name(0)),
            Action::GuessTicket { id, .. } => ActionLabel::GuessTicket { browser: name(0), id: id.as_str() },
            Action::ScriptTheft { .. } => ActionLabel::ScriptTheft(name(0)),
            Action::CrossSiteForm { path, .. } => ActionLabel::CrossSiteForm { browser: name(0), path },
            Action::VisitOverHttp { path, .. } => ActionLabel::VisitOverHttp { browser: name(0), path },
            Action::StartOverWith { .. } => ActionLabel::StartOverWith(&defence),
            Action::StopServer { .. } => ActionLabel::StopServer(&stop),
            Action::StartServer { .. } => ActionLabel::StartServer(&start),
            Action::StopStore => ActionLabel::StopStore,
            Action::StartStore => ActionLabel::StartStore,
        })
    }

    /// The browsers the action names, in the order its label names them.
    fn browsers(&self) -> Vec<&str> {
        match self {
            Action::Login { browser, .. }
            | Action::Visit { browser, .. }
            | Action::Logout { browser }
            | Action::LogoutEverywhere { browser }
            | Action::ChangePassword { browser, .. }
            | Action::RevokeHeldBy { browser }
            | Action::CloseBrowser { browser }
            | Action::PlantTicket { browser, .. }
            | Action::GuessTicket { browser, .. }
            | Action::ScriptTheft { browser }
            | Action::CrossSiteForm { browser, .. }
            | Action::VisitOverHttp { browser, .. } => vec![browser],
            Action::CopyCookie { from, to } => vec![from, to],
            _ => Vec::new(),
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
        let end = Instant::START.plus_secs(MAX_ELAPSED_SECS).http_date();
        let keys = BROWSERS.join(", ");
        f.write_str(&say(match self {
            WorldError::UnknownBrowser(key) => WorldProblem::UnknownBrowser { key, keys: &keys },
            WorldError::UnknownServer(n, count) => WorldProblem::UnknownServer { n: *n, count: *count },
            WorldError::SingleServer => WorldProblem::SingleServer,
            WorldError::WaitTooLong(secs, _) if *secs > MAX_WAIT_SECS => {
                WorldProblem::WaitOutOfRange { secs: *secs, max: MAX_WAIT_SECS }
            }
            WorldError::WaitTooLong(secs, left) => WorldProblem::WaitPastTheEnd { secs: *secs, end: &end, left: *left },
        }))
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

/// Every browser on the stage, by key (each one's label is in the catalogue:
/// `text::message::Label::Browser`).
pub const BROWSERS: [&str; 3] = [LAPTOP, "phone", MALLORY];
