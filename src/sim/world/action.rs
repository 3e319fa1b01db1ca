//! What a reader (or a scenario) can do to the world, and what can go wrong.

use crate::base::clock::{Instant, MAX_ELAPSED_SECS, MAX_WAIT_SECS};
use crate::base::ids::SessionId;
use crate::library::token::Mechanism;
use crate::library::topology::server_name;
use crate::text::human_duration;
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
    /// so those actions say "token" (the words are `text::token::labels`).
    pub fn label_under(&self, mechanism: Mechanism) -> String {
        use crate::text::token::labels;
        if mechanism == Mechanism::ServerSession {
            return self.label();
        }
        let name = |key: &str| BROWSERS.iter().find(|(k, _)| *k == key).map_or(key, |(_, label)| *label).to_owned();
        match self {
            Action::CopyCookie { from, to } => labels::copy(&name(from), &name(to)),
            Action::Revoke { id: None } => labels::REVOKE_NEWEST.to_owned(),
            Action::RevokeHeldBy { browser } => labels::revoke_held_by(&name(browser)),
            Action::RevokeUser { user } => labels::revoke_user(user),
            Action::StopStore => labels::STORE_DOWN.to_owned(),
            Action::StartStore => labels::STORE_BACK.to_owned(),
            _ => self.label(),
        }
    }

    /// A short label, e.g. "Alice's laptop: log in as alice", in a session
    /// world's words (see [`Action::label_under`] for a token world's).
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
            Action::RotateSigningKey => "admin: rotate the signing key".to_owned(),
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
