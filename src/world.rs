//! The world: a clock, an ID source, a server and the browsers, and the
//! actions a reader can take.
//!
//! [`World::apply`] runs one [`Action`] to the end and returns its [`Trace`].
//! The world is fully determined by its ID source and the actions applied, so
//! a seeded world replays identically.

use crate::browser::Browser;
use crate::clock::Clock;
use crate::http::{form_encode, Method};
use crate::ids::{IdSource, SessionId};
use crate::server::Server;
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
    /// An administrator deletes a session on the server; `None` means the newest one.
    Revoke {
        /// The session to revoke.
        id: Option<SessionId>,
    },
    /// Click "Log out" in a browser (`POST /logout`).
    Logout {
        /// Which browser, by key.
        browser: String,
    },
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
            WorldError::UnknownBrowser(key) => {
                write!(f, "there is no browser called \u{201c}{key}\u{201d}")
            }
        }
    }
}

impl std::error::Error for WorldError {}

/// The key of the browser every world starts with.
pub const LAPTOP: &str = "laptop";

/// Everything the playground simulates.
#[derive(Clone, Debug)]
pub struct World {
    clock: Clock,
    ids: IdSource,
    server: Server,
    browsers: Vec<Browser>,
}

impl World {
    /// A world with Alice's laptop and a server with an empty store, drawing
    /// IDs from `ids`.
    pub fn new(ids: IdSource) -> World {
        World {
            clock: Clock::new(),
            ids,
            server: Server::new(),
            browsers: vec![Browser::new(LAPTOP, "Alice's laptop")],
        }
    }

    /// The server (read-only: change it through actions).
    pub fn server(&self) -> &Server {
        &self.server
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
            browsers: self.browsers.iter().map(view).collect(),
            store: self.server.store.rows(),
        }
    }

    /// Runs one action to the end and returns what happened, step by step.
    pub fn apply(&mut self, action: &Action) -> Result<Trace, WorldError> {
        let mut tracer = Tracer::new(self.snapshot());
        match action {
            Action::Login {
                browser,
                username,
                password,
            } => {
                let form = form_encode(&[("username", username), ("password", password)]);
                self.exchange(browser, Method::Post, "/login", Some(form), &mut tracer)?;
            }
            Action::Visit { browser, path } => {
                self.exchange(browser, Method::Get, path, None, &mut tracer)?;
            }
            Action::Logout { browser } => {
                self.exchange(browser, Method::Post, "/logout", None, &mut tracer)?;
            }
            Action::Revoke { id } => self.server.revoke(id.as_ref(), &mut tracer),
        }
        Ok(tracer.finish())
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
        let index = self
            .browsers
            .iter()
            .position(|b| b.key == key)
            .ok_or_else(|| WorldError::UnknownBrowser(key.to_owned()))?;
        let browser = &self.browsers[index];
        let request = browser.request(method, path, form, now);

        let cookie_note = match request.header("Cookie") {
            Some(cookies) => format!(
                "Its jar holds a cookie for this site, so the browser attaches it on its own: Cookie: {cookies}."
            ),
            None => "Its jar holds no cookie for this site, so no ticket rides along.".to_owned(),
        };
        let what = match (method, path) {
            (Method::Post, "/login") => {
                "fills in the login form and sends it: a POST to /login with the username and \
                                         password in the body."
                    .to_owned()
            }
            (Method::Post, "/logout") => {
                "clicks \u{201c}Log out\u{201d}: a POST to /logout.".to_owned()
            }
            _ => format!("opens {path}: a {method} request."),
        };
        let message = HttpMessage::from(&request);
        tracer.push(
            StepDraft::new(
                Actor::Browser,
                StepKind::RequestBuilt,
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
        tracer.push(
            StepDraft::new(
                Actor::Network,
                StepKind::ResponseSent,
                "The response travels back to the browser.",
            )
            .browser(key)
            .message(message.clone()),
        );
        let browser = &mut self.browsers[index];
        let jar_changes = browser.receive(path, &response, now);
        tracer.set_browser(view(browser));
        let mut narration = Vec::new();
        for change in &jar_changes {
            use crate::browser::JarChange::*;
            narration.push(match change {
                Stored { name } => format!(
                    "The browser files the {name} cookie in its jar for this site. The ticket means nothing by itself: \
                     it is a random string only the server can look up."
                ),
                Replaced { name } => format!("The browser replaces the {name} cookie in its jar with the new ticket."),
                Deleted { name } => format!("The browser deletes the {name} cookie from its jar: the ticket is gone."),
                NothingToDelete { name } => {
                    format!("The server asked to delete the {name} cookie, but the jar did not hold one.")
                }
                Rejected { reason } => format!("The browser ignores a Set-Cookie header: {reason}."),
            });
        }
        let subject = if narration.is_empty() {
            "The browser"
        } else {
            "It"
        };
        narration.push(format!(
            "{subject} shows the page: {} \u{201c}{}\u{201d}",
            response.status.0,
            response.body.as_deref().unwrap_or("")
        ));
        tracer.push(
            StepDraft::new(
                Actor::Browser,
                StepKind::ResponseReceived { jar_changes },
                narration.join(" "),
            )
            .browser(key)
            .message(message),
        );
        Ok(())
    }
}

fn view(browser: &Browser) -> BrowserView {
    BrowserView {
        key: browser.key.clone(),
        label: browser.label.clone(),
        jar: browser.jar.cookies().to_vec(),
        screen: browser.screen.clone(),
    }
}
