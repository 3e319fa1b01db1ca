//! The world: a clock, an ID source, a server and three browsers, and the
//! actions a reader (or a scenario) can take.
//!
//! [`World::apply`] runs one [`Action`] to the end and returns its [`Trace`].
//! The world is fully determined by its settings and the actions applied, so
//! a seeded world replays identically.

use crate::browser::{Browser, JarChange, Screen};
use crate::clock::Clock;
use crate::http::{form_encode, Method};
use crate::ids::{IdSource, SessionId};
use crate::preset::Settings;
use crate::server::{human_duration, Server};
use crate::trace::{Actor, BrowserView, HttpMessage, Snapshot, StepDraft, StepKind, Trace, Tracer};
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
            Action::RevokeUser { user } => format!("admin: end every session of {user}"),
            Action::CopyCookie { from, to } => format!("copy the session cookie from {} to {}", name(from), name(to)),
            Action::CloseBrowser { browser } => format!("{}: close and reopen the browser", name(browser)),
            Action::Wait { secs } => format!("wait {}", human_duration(*secs)),
            Action::RestartServer => "restart the server".to_owned(),
        }
    }
}

/// An action the world cannot run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorldError {
    /// No browser has this key.
    UnknownBrowser(String),
}

impl fmt::Display for WorldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorldError::UnknownBrowser(key) => write!(
                f,
                "there is no browser called \u{201c}{key}\u{201d} (the browsers are {})",
                BROWSERS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

impl std::error::Error for WorldError {}

/// The key of Alice's laptop, the browser every tour starts with.
pub const LAPTOP: &str = "laptop";

/// Every browser on the stage: (key, label).
pub const BROWSERS: [(&str, &str); 3] =
    [(LAPTOP, "Alice's laptop"), ("phone", "Alice's phone"), ("mallory", "Mallory's laptop")];

/// Everything the playground simulates.
#[derive(Clone, Debug)]
pub struct World {
    clock: Clock,
    ids: IdSource,
    server: Server,
    browsers: Vec<Browser>,
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
        World {
            clock: Clock::new(),
            ids,
            server: Server::new(settings),
            browsers: BROWSERS.iter().map(|(key, label)| Browser::new(key, label)).collect(),
        }
    }

    /// The server (read-only: change it through actions).
    pub fn server(&self) -> &Server {
        &self.server
    }

    /// Where IDs come from, in words.
    pub fn id_source(&self) -> &'static str {
        self.ids.describe()
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
        Snapshot {
            now: self.clock.now(),
            date: self.clock.now().http_date(),
            browsers: self.browsers.iter().map(|b| view(b, &self.server)).collect(),
            store: self.server.store.rows(),
        }
    }

    fn index_of(&self, key: &str) -> Result<usize, WorldError> {
        self.browsers.iter().position(|b| b.key == key).ok_or_else(|| WorldError::UnknownBrowser(key.to_owned()))
    }

    /// Runs one action to the end and returns what happened, step by step.
    pub fn apply(&mut self, action: &Action) -> Result<Trace, WorldError> {
        let mut tracer = Tracer::new(self.snapshot());
        match action {
            Action::Login { browser, username, password } => {
                let form = form_encode(&[("username", username), ("password", password)]);
                self.exchange(browser, Method::Post, "/login", Some(form), &mut tracer)?;
            }
            Action::Visit { browser, path } => self.exchange(browser, Method::Get, path, None, &mut tracer)?,
            Action::Logout { browser } => self.exchange(browser, Method::Post, "/logout", None, &mut tracer)?,
            Action::LogoutEverywhere { browser } => {
                self.exchange(browser, Method::Post, "/logout-everywhere", None, &mut tracer)?;
            }
            Action::ChangePassword { browser, password } => {
                let form = form_encode(&[("password", password)]);
                self.exchange(browser, Method::Post, "/password", Some(form), &mut tracer)?;
            }
            Action::Revoke { id } => self.server.revoke(id.as_ref(), &mut tracer),
            Action::RevokeUser { user } => self.server.revoke_user(user, self.clock.now(), &mut tracer),
            Action::CopyCookie { from, to } => self.copy_cookie(from, to, &mut tracer)?,
            Action::CloseBrowser { browser } => self.close_browser(browser, &mut tracer)?,
            Action::Wait { secs } => self.wait(*secs, &mut tracer),
            Action::RestartServer => {
                self.server.restart(&mut tracer);
                // A counter kept in the process's memory starts over too.
                if let IdSource::Sequential { next } = &mut self.ids {
                    *next = 1;
                }
            }
        }
        Ok(tracer.finish())
    }

    fn wait(&mut self, secs: u64, tracer: &mut Tracer) {
        self.clock.advance_secs(secs);
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
                "The {} cookie in {}'s jar reaches the end of its Max-Age, and the browser drops it. That is the \
                 cookie's clock, not the server's.",
                gone.join(", "),
                browser.label
            );
            tracer.push(StepDraft::new(Actor::Browser, StepKind::CookiesExpired, narration).browser(&browser.key));
        }
        self.server.sweep(now, tracer);
    }

    fn copy_cookie(&mut self, from: &str, to: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let (source, target) = (self.index_of(from)?, self.index_of(to)?);
        let name = self.server.settings.preset().cookie_name;
        let (from_label, to_label) = (self.browsers[source].label.clone(), self.browsers[target].label.clone());
        let narration = match self.browsers[source].jar.get(name).cloned() {
            Some(cookie) => {
                let value = cookie.value.clone();
                self.browsers[target].jar.put(cookie);
                tracer.set_browser(view(&self.browsers[target], &self.server));
                format!(
                    "The {name} cookie is copied from {from_label} into {to_label}'s jar: {name}={value}. (How a \
                     ticket gets copied, through malware, a shared computer or a script on the page, is a story of \
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

    /// One request/response round trip between a browser and the server.
    fn exchange(
        &mut self,
        key: &str,
        method: Method,
        path: &str,
        form: Option<String>,
        tracer: &mut Tracer,
    ) -> Result<(), WorldError> {
        let now = self.clock.now();
        let index = self.index_of(key)?;
        let browser = &self.browsers[index];
        let (request, cookie_decisions) = browser.request_with_decisions(method, path, form, now);

        let cookie_note = match request.header("Cookie") {
            Some(cookies) => {
                format!(
                    "Its jar holds a cookie for this site, so the browser attaches it on its own: Cookie: {cookies}."
                )
            }
            None => "Its jar holds no cookie for this site, so no ticket rides along.".to_owned(),
        };
        let what = match (method, path) {
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
        tracer.push(
            StepDraft::new(
                Actor::Network,
                StepKind::RequestSent,
                "The request travels to the server. (On a real site this is https, so nobody on the way can read it.)",
            )
            .browser(key)
            .message(message),
        );

        let response = self.server.handle(&request, now, &mut self.ids, tracer);
        let message = HttpMessage::from(&response);
        tracer.attach_to_last_response(message.clone());
        tracer.push(
            StepDraft::new(Actor::Network, StepKind::ResponseSent, "The response travels back to the browser.")
                .browser(key)
                .message(message.clone()),
        );
        let browser = &mut self.browsers[index];
        let jar_changes = browser.receive(path, &response, now);
        tracer.set_browser(view(browser, &self.server));
        let mut narration: Vec<String> = jar_changes.iter().map(describe_jar_change).collect();
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

fn describe_jar_change(change: &JarChange) -> String {
    match change {
        JarChange::Stored { name } => format!(
            "The browser files the {name} cookie in its jar for this site. The ticket means nothing by itself: it is a \
             random string only the server can look up."
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
        JarChange::Rejected { reason } => format!("The browser ignores a Set-Cookie header: {reason}."),
    }
}

fn view(browser: &Browser, server: &Server) -> BrowserView {
    BrowserView {
        key: browser.key.clone(),
        label: browser.label.clone(),
        jar: browser.jar.cookies().to_vec(),
        screen: browser.screen.clone(),
        ticket: server.ticket_in(&browser.jar),
    }
}
