//! The application server: three routes and a session store.
//!
//! The server learns who is asking from one thing only, the session cookie in
//! the request. It looks that ID up in its store on every request; a hit says
//! who you are, a miss means you are nobody. It hands out IDs at login and
//! takes them back at logout or when an administrator revokes a session.

use crate::clock::Instant;
use crate::cookie::{SameSite, SetCookie};
use crate::http::{form_decode, parse_cookie_header, Method, Request, Response, Status};
use crate::ids::{IdSource, SessionId, ID_BYTES, ID_CHARS};
use crate::store::{Record, SessionStore};
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind, Tracer};

/// How the server issues its session cookie.
#[derive(Clone, Debug)]
pub struct SessionConfig {
    /// The cookie's name.
    pub cookie_name: String,
}

impl Default for SessionConfig {
    fn default() -> SessionConfig {
        SessionConfig {
            cookie_name: "sid".to_owned(),
        }
    }
}

impl SessionConfig {
    /// The cookie that hands a new session ID to the browser.
    pub fn issue_cookie(&self, id: &SessionId) -> SetCookie {
        let mut cookie = SetCookie::new(&self.cookie_name, id.as_str());
        cookie.path = Some("/".to_owned());
        cookie.http_only = true;
        cookie.same_site = Some(SameSite::Lax);
        cookie
    }

    /// The cookie that tells the browser to forget the session cookie: same
    /// name and path (or the browser would treat it as a different cookie),
    /// empty value, `Max-Age=0`.
    pub fn expire_cookie(&self) -> SetCookie {
        let mut cookie = self.issue_cookie(&SessionId::from_untrusted(""));
        cookie.max_age = Some(0);
        cookie
    }
}

/// A user account: a username and the password the server checks.
#[derive(Clone, Debug)]
struct Account {
    username: &'static str,
    password: &'static str,
}

/// The accounts the demo server knows.
const ACCOUNTS: [Account; 2] = [
    Account {
        username: "alice",
        password: "wonderland",
    },
    Account {
        username: "bob",
        password: "builder",
    },
];

/// The application server.
#[derive(Clone, Debug, Default)]
pub struct Server {
    /// How it issues cookies.
    pub config: SessionConfig,
    /// Its session store.
    pub store: SessionStore,
}

/// How many times the server redraws an ID that collides with a live one
/// before giving up; with 128 random bits even one collision never happens.
const MAX_ID_DRAWS: usize = 8;

impl Server {
    /// A server with the default cookie and an empty store.
    pub fn new() -> Server {
        Server::default()
    }

    /// Handles one request. Steps are recorded as the server and its store act.
    pub(crate) fn handle(
        &mut self,
        request: &Request,
        now: Instant,
        ids: &mut IdSource,
        tracer: &mut Tracer,
    ) -> Response {
        match (request.method, request.path.as_str()) {
            (Method::Post, "/login") => self.login(request, now, ids, tracer),
            (Method::Get, "/profile") => self.profile(request, now, tracer),
            (Method::Post, "/logout") => self.logout(request, tracer),
            _ => {
                let narration = format!(
                    "The server has no page at {}; it answers 404 Not Found.",
                    request.path
                );
                tracer.push(StepDraft::new(
                    Actor::Server,
                    StepKind::ResponseBuilt,
                    narration,
                ));
                Response::text(Status::NOT_FOUND, &format!("No page at {}.", request.path))
            }
        }
    }

    fn login(
        &mut self,
        request: &Request,
        now: Instant,
        ids: &mut IdSource,
        tracer: &mut Tracer,
    ) -> Response {
        let form = form_decode(request.body.as_deref().unwrap_or(""));
        let field = |name: &str| {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let (Some(username), Some(password)) = (field("username"), field("password")) else {
            let narration = "The form lacks a username or a password field, so the server answers 400 Bad Request.";
            tracer.push(StepDraft::new(
                Actor::Server,
                StepKind::ResponseBuilt,
                narration,
            ));
            return Response::text(
                Status::BAD_REQUEST,
                "The login form needs a username and a password.",
            );
        };

        // The password check. A real server compares against a slow, salted
        // hash (Argon2, bcrypt); the answer is the same either way: the same
        // message for an unknown user and a wrong password, so the response
        // does not reveal which usernames exist.
        let account = ACCOUNTS
            .iter()
            .find(|a| a.username == username && a.password == password);
        let Some(account) = account else {
            let narration = format!(
                "The server checks the username \u{201c}{username}\u{201d} and the password against its accounts: no match. \
                 No session is created and no ticket is handed out; it answers 401 Unauthorized."
            );
            tracer.push(StepDraft::new(
                Actor::Server,
                StepKind::PasswordChecked { ok: false },
                narration,
            ));
            return Response::text(Status::UNAUTHORIZED, "Wrong username or password.");
        };
        let narration = format!(
            "The server checks the password for \u{201c}{}\u{201d} against its accounts: it matches. Now it must remember \
             that this browser is {} for the requests to come.",
            account.username, account.username
        );
        tracer.push(StepDraft::new(
            Actor::Server,
            StepKind::PasswordChecked { ok: true },
            narration,
        ));

        // Logging in always starts a brand-new session. If the browser already
        // held a ticket, its record is thrown away rather than upgraded: an ID
        // that existed before login (perhaps planted by an attacker) must never
        // become a logged-in one. This is the defence against session fixation.
        if let Some(old) = self.session_id(request) {
            if let Some(record) = self.store.delete(&old) {
                let narration = format!(
                    "The browser already had a session ticket. The server deletes that old record and will issue a \
                     new ID: an ID that existed before login never becomes a logged-in one (the defence against \
                     session fixation). The old session belonged to {}.",
                    record.user
                );
                tracer.set_store(self.store.rows());
                tracer.push(
                    StepDraft::new(Actor::Store, StepKind::StoreOperation, narration)
                        .store_op(delete_op(&old, Some(&record))),
                );
            }
        }

        let id = match self.fresh_id(ids) {
            Ok(id) => id,
            Err(reason) => {
                let narration = format!(
                    "The server cannot get a random session ID ({reason}). It refuses to invent a weak one and answers \
                     500 Internal Server Error."
                );
                tracer.push(StepDraft::new(
                    Actor::Server,
                    StepKind::ResponseBuilt,
                    narration,
                ));
                return Response::text(
                    Status::INTERNAL_SERVER_ERROR,
                    "Could not start a session. Please try again.",
                );
            }
        };
        let record = Record {
            id: id.clone(),
            user: account.username.to_owned(),
            created: now,
            last_seen: now,
        };
        let command = format!(
            "sessions.insert(\"{id}\", {{ user: \"{}\", created: {now} }})",
            record.user
        );
        // `fresh_id` only returns IDs the store does not hold, so this insert cannot collide.
        let inserted = self.store.insert_new(record);
        debug_assert!(inserted.is_ok());
        tracer.set_store(self.store.rows());
        let narration = format!(
            "The server draws a new session ID from its {}: {} random bits, written as {} URL-safe characters. It \
             files a record under that ID in the session store: this session belongs to {}. The record is the coat; \
             it stays behind the counter.",
            ids.describe(),
            ID_BYTES * 8,
            ID_CHARS,
            account.username
        );
        tracer.push(
            StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(StoreOp {
                kind: StoreOpKind::Insert,
                id: id.clone(),
                found: false,
                user: Some(account.username.to_owned()),
                command,
            }),
        );

        let cookie = self.config.issue_cookie(&id);
        let narration = format!(
            "The server answers 200 OK and hands over the ticket: a Set-Cookie header carrying nothing but the ID. \
             HttpOnly hides it from page scripts; SameSite=Lax keeps other sites' forms from sending it along; \
             Path=/ makes the browser send it with every page of {}.",
            crate::http::APP_HOST
        );
        tracer.push(StepDraft::new(
            Actor::Server,
            StepKind::ResponseBuilt,
            narration,
        ));
        Response::text(
            Status::OK,
            &format!("Welcome, {}. You are logged in.", account.username),
        )
        .with_header("Set-Cookie", cookie.to_string())
    }

    fn profile(&mut self, request: &Request, now: Instant, tracer: &mut Tracer) -> Response {
        let Some(record) = self.authenticate(request, tracer) else {
            let narration = "With no valid session the server cannot tell who this is. It answers 401 Unauthorized: \
                             log in first.";
            tracer.push(StepDraft::new(
                Actor::Server,
                StepKind::ResponseBuilt,
                narration,
            ));
            return Response::text(Status::UNAUTHORIZED, "Please log in to see your profile.");
        };
        self.store.touch(&record.id, now);
        tracer.set_store(self.store.rows());
        let narration = format!(
            "Now the server knows who is asking: {}. It answers 200 OK with {}'s profile page. Nothing in the \
             request said \u{201c}{}\u{201d}: the name came from the store.",
            record.user, record.user, record.user
        );
        tracer.push(StepDraft::new(
            Actor::Server,
            StepKind::ResponseBuilt,
            narration,
        ));
        Response::text(
            Status::OK,
            &format!(
                "Profile of {}. Signed in since {}.",
                record.user, record.created
            ),
        )
    }

    fn logout(&mut self, request: &Request, tracer: &mut Tracer) -> Response {
        match self.session_id(request) {
            Some(id) => {
                tracer.push(cookie_read_step(&self.config.cookie_name, Some(&id)));
                let record = self.store.delete(&id);
                tracer.set_store(self.store.rows());
                let narration = match &record {
                    Some(record) => format!(
                        "The server deletes {}'s record from the store. The ID is now dead everywhere, even in a \
                         copy of the ticket someone else might hold.",
                        record.user
                    ),
                    None => "The store has no record under that ID, so there is nothing to delete.".to_owned(),
                };
                tracer.push(
                    StepDraft::new(Actor::Store, StepKind::StoreOperation, narration)
                        .store_op(delete_op(&id, record.as_ref())),
                );
            }
            None => tracer.push(cookie_read_step(&self.config.cookie_name, None)),
        }
        let expire = self.config.expire_cookie();
        let narration = "The server answers with a Set-Cookie of the same name and path, an empty value and \
                         Max-Age=0: that is how a server tells a browser to forget a cookie. Clearing the cookie only \
                         empties this browser's pocket; deleting the record is what ends the session.";
        tracer.push(StepDraft::new(
            Actor::Server,
            StepKind::ResponseBuilt,
            narration,
        ));
        Response::text(Status::OK, "You are logged out.")
            .with_header("Set-Cookie", expire.to_string())
    }

    /// Administrator revocation: delete a session on the server side. `None`
    /// picks the newest session. No HTTP is involved; the browser is not told.
    pub(crate) fn revoke(&mut self, id: Option<&SessionId>, tracer: &mut Tracer) {
        let target = id
            .cloned()
            .or_else(|| self.store.newest().map(|r| r.id.clone()));
        let Some(target) = target else {
            let narration = "An administrator opens the session store to revoke a session, but it is empty: nobody \
                             is logged in, so there is nothing to revoke.";
            tracer.push(StepDraft::new(
                Actor::Server,
                StepKind::AdminAction,
                narration,
            ));
            return;
        };
        let owner = self.store.get(&target).map(|r| r.user.clone());
        let narration = match &owner {
            Some(user) => format!(
                "An administrator revokes {user}'s session, right on the server. No message goes to {user}'s \
                 browser: it still holds the ticket."
            ),
            None => "An administrator asks to revoke a session the store does not hold.".to_owned(),
        };
        tracer.push(StepDraft::new(
            Actor::Server,
            StepKind::AdminAction,
            narration,
        ));
        let record = self.store.delete(&target);
        tracer.set_store(self.store.rows());
        let narration = match &record {
            Some(_) => "The store deletes the record. The ticket in the browser's jar now names nothing: the very \
                        next request that carries it will be turned away. That is instant revocation."
                .to_owned(),
            None => "There is no record under that ID; nothing changes.".to_owned(),
        };
        tracer.push(
            StepDraft::new(Actor::Store, StepKind::StoreOperation, narration)
                .store_op(delete_op(&target, record.as_ref())),
        );
    }

    /// Reads the session ID from the request and looks it up: the work a
    /// server does on every single request. Records the two steps.
    fn authenticate(&self, request: &Request, tracer: &mut Tracer) -> Option<Record> {
        let id = self.session_id(request);
        tracer.push(cookie_read_step(&self.config.cookie_name, id.as_ref()));
        let id = id?;
        let record = self.store.get(&id).cloned();
        let (narration, command) = match &record {
            Some(record) => (
                format!(
                    "The store finds a record under that ID: the session of {}. This lookup happens on every \
                     request; the ticket only works because the coat is still on the rack.",
                    record.user
                ),
                format!("sessions.get(\"{id}\") \u{2192} {{ user: \"{}\" }}", record.user),
            ),
            // Strict adoption: an ID the store does not hold is never adopted.
            // The server does not create a record for it or trust it in any way.
            None => (
                "The store has no record under that ID: it was never issued, or it has been deleted. The server does \
                 not adopt an unknown ID; the request counts as anonymous."
                    .to_owned(),
                format!("sessions.get(\"{id}\") \u{2192} none"),
            ),
        };
        tracer.push(
            StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(StoreOp {
                kind: StoreOpKind::Lookup,
                id,
                found: record.is_some(),
                user: record.as_ref().map(|r| r.user.clone()),
                command,
            }),
        );
        record
    }

    /// The session ID the request claims, from its `Cookie` header.
    fn session_id(&self, request: &Request) -> Option<SessionId> {
        let header = request.header("Cookie")?;
        parse_cookie_header(header)
            .into_iter()
            .find(|(name, _)| *name == self.config.cookie_name)
            .map(|(_, value)| SessionId::from_untrusted(value))
    }

    /// A new ID that no live session uses.
    fn fresh_id(&self, ids: &mut IdSource) -> Result<SessionId, String> {
        for _ in 0..MAX_ID_DRAWS {
            let id = ids.next_id().map_err(|e| e.to_string())?;
            // Never reuse a live ID: a collision would hand one user another's session.
            if !self.store.contains(&id) {
                return Ok(id);
            }
        }
        Err(format!(
            "{MAX_ID_DRAWS} draws in a row collided with live sessions"
        ))
    }
}

fn cookie_read_step(cookie_name: &str, id: Option<&SessionId>) -> StepDraft {
    let narration = match id {
        Some(id) => format!(
            "The server reads the ticket from the Cookie header: {cookie_name}={id}. The ID by itself says nothing \
             about who sent it; only the store can say whose it is."
        ),
        None => format!("The request carries no {cookie_name} cookie: no ticket, so the server cannot tell who this is."),
    };
    StepDraft::new(
        Actor::Server,
        StepKind::CookieRead { id: id.cloned() },
        narration,
    )
}

fn delete_op(id: &SessionId, record: Option<&Record>) -> StoreOp {
    StoreOp {
        kind: StoreOpKind::Delete,
        id: id.clone(),
        found: record.is_some(),
        user: record.map(|r| r.user.clone()),
        command: format!(
            "sessions.remove(\"{id}\") \u{2192} {}",
            if record.is_some() { "removed" } else { "none" }
        ),
    }
}
