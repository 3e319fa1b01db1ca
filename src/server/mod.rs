//! The application server: a few routes, user accounts and a session store.
//!
//! The server learns who is asking from one thing only, the session cookie in
//! the request. It looks that ID up in its store on every request; a live
//! record says who you are, anything else means you are nobody. It hands out
//! IDs at login, takes them back at logout or revocation, and enforces the
//! idle and absolute timeouts itself: a cookie's own expiry is only the
//! browser's business and can drift from the record's.
//!
//! How it does each of these follows its [`Settings`]: a preset's real
//! defaults (cookie name and attributes, ID format, timeouts, rotation,
//! logout, cleanup, store) plus whatever the reader changed.

use crate::base::clock::{http_date_of_unix, Instant};
use crate::base::crypto::{constant_time_eq, hmac_sha256};
use crate::base::encoding::{base64, base64_decode, base64_unpadded, decode_uri_component, encode_uri_component};
use crate::base::http::{form_decode, parse_cookie_header, Method, Request, Response, Status};
use crate::base::ids::{IdSource, SessionId};
use crate::browser::cookie::{CookieStyle, SetCookie};
use crate::library::preset::{Cleanup, CookieCodec, LogoutMode, PasswordChange, Preset, Settings, EXPRESS_SECRET};
use crate::session::commands::StoreDialect;
use crate::session::store::{Expiry, Record, SessionStore};
use crate::text::human_duration;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind, Tracer};
use std::collections::BTreeMap;

/// A user account.
#[derive(Clone, Debug)]
struct Account {
    username: String,
    role: String,
    /// The password as the server stores it: never the password itself, but
    /// `hmac-sha256$<salt>$<hash>`, a salted hash in the shape of Django's
    /// `pbkdf2_sha256$<iterations>$<salt>$<hash>` (one HMAC stands in for the
    /// slow key-derivation function; the lesson is the salt, not the cost).
    password_hash: String,
    /// How many times the password has been set: the source of each new salt.
    saves: u64,
}

/// The key of the HMAC that turns a stored password hash into a session's
/// auth hash (Django's `key_salt`, mixed with the server's secret).
const AUTH_HASH_KEY: &[u8] = b"django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash";

impl Account {
    fn new(username: &str, password: &str, role: &str) -> Account {
        let mut account =
            Account { username: username.into(), role: role.into(), password_hash: String::new(), saves: 0 };
        account.set_password(password);
        account
    }

    /// Stores a password as Django's `set_password` (`make_password`) and
    /// password-auth's `generate_hash` (axum-login's examples) do: hashed
    /// with a fresh salt every time, so the stored hash changes even when
    /// the new password is the old one.
    fn set_password(&mut self, password: &str) {
        self.saves += 1;
        // A real server draws each salt from its CSPRNG. Here it is derived
        // from the account and a count of its password saves: runs stay
        // deterministic and session IDs are not shifted, and still no two
        // saves of a password share a salt.
        let seed = crate::base::crypto::sha256(format!("salt:{}:{}", self.username, self.saves).as_bytes());
        let salt = &crate::base::encoding::hex(&seed)[..22];
        let hash = crate::base::encoding::hex(&hmac_sha256(salt.as_bytes(), password.as_bytes()));
        self.password_hash = format!("hmac-sha256${salt}${hash}");
    }

    /// Whether `candidate` is the password: hashed with the stored salt and
    /// compared in constant time, as `check_password` does.
    fn check_password(&self, candidate: &str) -> bool {
        let Some((salt, hash)) = self.password_hash.strip_prefix("hmac-sha256$").and_then(|rest| rest.split_once('$'))
        else {
            return false;
        };
        let computed = crate::base::encoding::hex(&hmac_sha256(salt.as_bytes(), candidate.as_bytes()));
        constant_time_eq(computed.as_bytes(), hash.as_bytes())
    }

    /// The hash each session of this account carries on servers that end
    /// sessions on a password change (Django's `_auth_user_hash`, an HMAC
    /// of the stored password hash; axum-login's `auth_hash`, the stored
    /// hash itself in its examples). Derived from the stored, salted hash,
    /// not from the password: setting the same password again changes it,
    /// and every other session ends. Here: the first 12 hex digits.
    fn auth_hash(&self) -> String {
        crate::base::encoding::hex(&hmac_sha256(AUTH_HASH_KEY, self.password_hash.as_bytes()))[..12].to_owned()
    }
}

/// The accounts every server starts with: (username, password, role).
pub const ACCOUNTS: [(&str, &str, &str); 3] =
    [("alice", "wonderland", "customer"), ("bob", "builder", "admin"), ("mallory", "hunter2", "customer")];

/// How many times the server redraws an ID that collides with a live one
/// before giving up. With random IDs even one collision never happens.
const MAX_ID_DRAWS: usize = 8;

/// What the session cookie in a request amounts to.
enum Ticket {
    /// No session cookie at all.
    Missing,
    /// A cookie the server cannot read as an ID (a bad signature, say).
    Unreadable(&'static str),
    /// An ID, still only a claim, and how many cookies of the session's name came.
    Id(SessionId, usize),
}

/// The application server.
#[derive(Clone, Debug)]
pub struct Server {
    /// How it behaves.
    pub settings: Settings,
    /// Its session store.
    pub store: SessionStore,
    accounts: Vec<Account>,
    /// Why a lookup will miss, when the record lives in another server's memory.
    pub(crate) elsewhere: Option<String>,
    /// With one store per server: the name of the server whose own memory
    /// holds the store in use (`app-2`), so narration can say which.
    pub(crate) node: Option<String>,
    /// Whether the request being handled brought an ID that names no live session.
    dead_ticket: bool,
    /// How many unsaved sessions' IDs have been discarded, to seed the next one's.
    discarded: u64,
    /// While a user logs out everywhere: the session that asked, ended last.
    requester: Option<SessionId>,
}

impl Server {
    /// A server with the given settings, the demo accounts and an empty store.
    pub fn new(settings: Settings) -> Server {
        let accounts = ACCOUNTS.iter().map(|(u, p, r)| Account::new(u, p, r)).collect();
        Server {
            settings,
            store: SessionStore::new(),
            accounts,
            elsewhere: None,
            node: None,
            dead_ticket: false,
            discarded: 0,
            requester: None,
        }
    }

    fn preset(&self) -> &'static Preset {
        self.settings.preset()
    }

    fn dialect(&self) -> StoreDialect {
        self.settings.store_dialect()
    }

    fn cookie_name(&self) -> String {
        self.settings.cookie_name()
    }

    /// Handles one request. Steps are recorded as the server and its store act.
    pub(crate) fn handle(
        &mut self,
        request: &Request,
        now: Instant,
        ids: &mut IdSource,
        tracer: &mut Tracer,
    ) -> Response {
        self.dead_ticket = false;
        let response = self.route(request, now, ids, tracer);
        self.library_headers(request, response, now)
    }

    /// The headers a session library adds to every response it touches,
    /// whatever the route: as recorded from the real libraries (tests/real/).
    fn library_headers(&self, request: &Request, mut response: Response, now: Instant) -> Response {
        let style = self.preset().cookie_style;
        let sets_cookie = response.headers.iter().any(|h| h.name == "Set-Cookie");
        // Django's SessionMiddleware and tower-sessions answer a ticket that
        // names no live session by telling the browser to forget it.
        if self.dead_ticket && !sets_cookie && matches!(style, CookieStyle::Django | CookieStyle::CookieCrate) {
            response = response.with_header("Set-Cookie", self.removal_cookie(now));
        }
        match style {
            // The session was read (AuthenticationMiddleware reads it on every
            // request), so the page depends on the Cookie header: Vary says so.
            CookieStyle::Django => response.headers.insert(1, crate::base::http::Header::new("Vary", "Cookie")),
            // session_start() sends session.cache_limiter=nocache's three
            // headers, after the cookie of a new session and before any
            // cookie the script sets itself (a removal).
            CookieStyle::Php if self.php_session_started(request, &response) => {
                let at = response
                    .headers
                    .iter()
                    .position(|h| {
                        h.name == "Set-Cookie" && h.value.starts_with(&format!("{}=deleted", self.cookie_name()))
                    })
                    .unwrap_or(response.headers.len());
                for (offset, (name, value)) in [
                    ("Expires", "Thu, 19 Nov 1981 08:52:00 GMT"),
                    ("Cache-Control", "no-store, no-cache, must-revalidate"),
                    ("Pragma", "no-cache"),
                ]
                .into_iter()
                .enumerate()
                {
                    response.headers.insert(at + offset, crate::base::http::Header::new(name, value));
                }
            }
            _ => {}
        }
        response
    }

    /// Whether the PHP app started a session on this request: it does at a
    /// successful login, and on any other page only when the browser brings
    /// the session cookie (a logout that only expires the cookie starts none).
    fn php_session_started(&self, request: &Request, response: &Response) -> bool {
        let login = request.method == Method::Post && request.path == "/login";
        let client_only_logout = request.path == "/logout" && self.settings.logout == LogoutMode::ClientOnly;
        (login && response.status == Status::OK)
            || (!login && !client_only_logout && !matches!(self.read_ticket(request), Ticket::Missing))
    }

    fn route(&mut self, request: &Request, now: Instant, ids: &mut IdSource, tracer: &mut Tracer) -> Response {
        match (request.method, request.path.as_str()) {
            (Method::Post, "/login") => self.login(request, now, ids, tracer),
            (Method::Get, "/profile") => self.profile(request, now, tracer),
            (Method::Post, "/logout") => self.logout(request, now, tracer),
            (Method::Post, "/logout-everywhere") => self.logout_everywhere(request, now, tracer),
            (Method::Post, "/password") => self.change_password(request, now, ids, tracer),
            _ => {
                let narration = format!("The server has no page at {}; it answers 404 Not Found.", request.path);
                tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
                Response::text(Status::NOT_FOUND, &format!("No page at {}.", request.path))
            }
        }
    }

    /// Handles a request while the shared store cannot be reached. A request
    /// that needs no session is served as usual. Any other fails with a 500:
    /// tower-sessions fails the request when it cannot load or save a
    /// session, and express-session with connect-redis (v4 and later, which
    /// emits no `disconnect` event) calls `store.get`, gets the Redis
    /// client's error (or no reply at all) and hands it to `next(err)`.
    pub(crate) fn handle_store_down(
        &mut self,
        request: &Request,
        now: Instant,
        ids: &mut IdSource,
        tracer: &mut Tracer,
    ) -> Response {
        let ticket = self.read_ticket(request);
        let login = request.method == Method::Post && request.path == "/login";
        if matches!(ticket, Ticket::Missing) && !login {
            return self.handle(request, now, ids, tracer);
        }
        let store = self.dialect().label();
        self.push_ticket_step(&ticket, tracer);
        let (op, what) = match &ticket {
            Ticket::Id(id, _) => (StoreOp::on(StoreOpKind::Failed, id, self.dialect().lookup(id, now)), "look it up"),
            _ => {
                // A login with no ticket: the new session's first save is what fails.
                let form = form_decode(request.body.as_deref().unwrap_or(""));
                let user = form.iter().find(|(k, _)| k == "username").map_or("?", |(_, v)| v.as_str());
                let record = self.new_record(&SessionId::from_untrusted("<new-id>"), user, BTreeMap::new(), now);
                let op = StoreOp::bulk(StoreOpKind::Failed, Vec::new(), self.dialect().insert(&record, now));
                (op, "save a new session")
            }
        };
        let (narration, verdict) = if self.dialect() == StoreDialect::ConnectRedis && self.preset().key == "express" {
            (
                format!(
                    "express-session asks its store ({store}) to {what}, and connect-redis sends the command to \
                     Redis, which cannot be reached. The Redis client holds the command in its offline queue (or \
                     fails it at once, with that queue off): no reply comes, and the request waits until the client \
                     gives up."
                ),
                "connect-redis passes the client's error to express-session, which hands it to the app's error \
                 handler: 500 Internal Server Error. Nobody can be authenticated (or log in) until the store is back.",
            )
        } else {
            // Another preset sharing a Redis speaks connect-redis's commands, through a client of its own.
            (
                format!(
                    "The server tries to {what} in the store ({store}), but the store cannot be reached: the command \
                     gets no reply, and the server waits until it gives up."
                ),
                "Without the store the server cannot tell whose session this is, and it will not guess: it answers \
                 500 Internal Server Error. Nobody can be authenticated until the store is back.",
            )
        };
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, verdict));
        Response::text(Status::INTERNAL_SERVER_ERROR, "The session store is unavailable.")
    }

    fn login(&mut self, request: &Request, now: Instant, ids: &mut IdSource, tracer: &mut Tracer) -> Response {
        let form = form_decode(request.body.as_deref().unwrap_or(""));
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let (Some(username), Some(password)) = (field("username"), field("password")) else {
            let narration = "The form lacks a username or a password field, so the server answers 400 Bad Request.";
            tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            return Response::text(Status::BAD_REQUEST, "The login form needs a username and a password.");
        };

        // The password check, against the stored salted hash. The answer is
        // the same either way: one message for an unknown user and a wrong
        // password, so the response does not reveal which usernames exist.
        let account = self.accounts.iter().find(|a| a.username == username && a.check_password(&password)).cloned();
        let Some(account) = account else {
            let narration = format!(
                "The server checks the username \u{201c}{username}\u{201d} and the password against its accounts: no \
                 match. No session is created and no ticket is handed out; it answers 401 Unauthorized."
            );
            tracer.push(StepDraft::new(Actor::Server, StepKind::PasswordChecked { ok: false }, narration));
            return Response::text(Status::UNAUTHORIZED, "Wrong username or password.");
        };
        let user = account.username.clone();
        let narration = format!(
            "The server checks the password for \u{201c}{user}\u{201d} against its accounts: it matches. Now it must \
             remember that this browser is {user} for the requests to come."
        );
        tracer.push(StepDraft::new(Actor::Server, StepKind::PasswordChecked { ok: true }, narration));
        let mut data = BTreeMap::from([("role".to_owned(), account.role.clone())]);
        if self.preset().password_change == PasswordChange::AuthHash {
            data.insert("auth_hash".to_owned(), account.auth_hash());
        }

        // Does the browser already hold a live session? Logging in changes
        // its privilege, so what happens to that session's ID matters.
        let ticket = self.read_ticket(request);
        let offered = if let Ticket::Id(id, _) = &ticket { Some(id.clone()) } else { None };
        // express-session touches (EXPIRE) only a session the request did not
        // change, and a login regenerates it: its lookup here is a bare GET.
        // PHP touches or writes the file once, as the request ends (below).
        let touch = !self.is_express_on_redis() && self.dialect() != StoreDialect::PhpFiles;
        let existing = match ticket {
            Ticket::Missing => None,
            ticket => self.lookup_with(ticket, now, touch, tracer),
        };
        // A permissive server (PHP with use_strict_mode=0) adopts an ID it
        // never issued: if the browser brought one and the ID is not rotated,
        // the new session is filed under whatever ID the browser chose.
        let adopt = offered.filter(|id| {
            existing.is_none()
                && !self.settings.strict_adoption
                && !self.settings.rotate_on_login
                && !self.store.contains(id)
        });
        if let Some(id) = adopt {
            let record = self.new_record(&id, &user, data, now);
            let command = self.dialect().insert(&record, now);
            let _ = self.store.insert_new(record);
            tracer.set_store(&self.store);
            let narration = format!(
                "This server is permissive: it adopts the ID the browser brought, {id}, though it never issued it, and \
                 files {user}'s session under it. Whoever chose that ID (Mallory, say, who planted it) now holds a \
                 ticket to {user}'s session. Strict adoption, or rotation at login, would have stopped this."
            );
            let op = StoreOp::on(StoreOpKind::Insert, &id, command).found(Some(&user));
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            let response = Response::text(Status::OK, &format!("Welcome, {user}. You are logged in."));
            let narration = "The server answers 200 OK. It re-sends the same ticket in a Set-Cookie.";
            tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            return response.with_header("Set-Cookie", self.issue_cookie(&id, now));
        }
        if existing.is_none() {
            self.discard_unsaved_session(now, tracer);
        }
        let resend_cookie = !(self.preset().cookie_style == CookieStyle::Php && existing.is_some());
        let id = match existing {
            // Django's login() keeps the session key when the same user logs
            // in again (it cycles the key only from an anonymous session, and
            // flushes another user's): the session is saved under the same key
            // and the cookie re-sent.
            Some(old) if self.preset().cookie_style == CookieStyle::Django && old.user == user => {
                let Some(record) = self.keep_for(&old.id, &user, data, now, tracer) else {
                    return self.id_failure("the session vanished", tracer);
                };
                let narration = format!(
                    "The session already belongs to {user}, so Django's login() keeps its key: it rotates the key \
                     only when an anonymous session logs in, and empties the session when another user's was \
                     there. The session is saved again under the same key, its two weeks counted afresh."
                );
                let op = StoreOp::on(StoreOpKind::Update, &old.id, self.dialect().update(&record, &old.user, now))
                    .found(Some(&user));
                tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                old.id
            }
            // Rotation: the session gets a new ID and the old one dies. An ID
            // that existed before login, perhaps planted by an attacker, never
            // becomes a logged-in one. This is the defence against session fixation.
            Some(old) if self.settings.rotate_on_login => {
                let (new_id, refused) = match self.fresh_id(ids) {
                    Ok(drawn) => drawn,
                    Err(reason) => return self.id_failure(&reason, tracer),
                };
                if self.store.rename(&old.id, &new_id).is_err() {
                    return self.id_failure("the new ID was taken", tracer);
                }
                self.store.reassign(&new_id, &user, data);
                self.restart_clocks(&new_id, now);
                let Some(record) = self.store.get(&new_id).cloned() else {
                    return self.id_failure("the renamed session vanished", tracer);
                };
                tracer.set_store(&self.store);
                let narration = format!(
                    "{}The browser already had a live session, so the server gives it a new ID ({}) and deletes the \
                     old one. Whoever knew the old ID (say, someone who planted it) is left with a dead ticket: \
                     this is the defence against session fixation.",
                    collision_note(&refused),
                    ids.describe()
                );
                let command = self.saved_again(self.dialect().rename(&old.id, &record, now), &record, now);
                let mut op = StoreOp::on(StoreOpKind::Rename, &new_id, command).found(Some(&user));
                op.old_id = Some(old.id.clone());
                tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                new_id
            }
            // No rotation: the same ID now means "logged in as <user>".
            Some(old) => {
                let Some(record) = self.keep_for(&old.id, &user, data, now, tracer) else {
                    return self.id_failure("the session vanished", tracer);
                };
                let narration = format!(
                    "Rotation is off: the server keeps the session's ID and simply notes that it now belongs to \
                     {user}. Anyone else who knows this ID (who planted it, or copied it before login) is now \
                     logged in as {user} too. This is how session fixation works."
                );
                // PHP's lazy_write: data that did not change is not written
                // again; the file is only touched, which keeps it from the collector.
                let unchanged = old.user == record.user && old.data == record.data;
                let command = if self.dialect() == StoreDialect::PhpFiles && unchanged {
                    self.dialect().touch(&record, now)
                } else {
                    self.dialect().update(&record, &old.user, now)
                };
                let op = StoreOp::on(StoreOpKind::Update, &old.id, command).found(Some(&user));
                tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                old.id
            }
            None => {
                let (id, refused) = match self.fresh_id(ids) {
                    Ok(drawn) => drawn,
                    Err(reason) => return self.id_failure(&reason, tracer),
                };
                let record = self.new_record(&id, &user, data, now);
                let command = self.saved_again(self.dialect().insert(&record, now), &record, now);
                // `fresh_id` only returns IDs the store does not hold, so this cannot collide.
                let _ = self.store.insert_new(record);
                tracer.set_store(&self.store);
                let how = match ids {
                    IdSource::Sequential { .. } => {
                        format!("takes the next number from its counter, {id}: anyone can guess its neighbours")
                    }
                    _ => format!(
                        "draws a new session ID from its {}: {}",
                        ids.describe(),
                        self.preset().id_format.describe()
                    ),
                };
                let narration = format!(
                    "{}The server {how}. It files a record under that ID in its session store ({}): this session \
                     belongs to {user}. The record is the coat; it stays behind the counter. {}",
                    collision_note(&refused),
                    self.dialect().label(),
                    self.expiry_sentence()
                );
                let op = StoreOp::on(StoreOpKind::Insert, &id, command).found(Some(&user));
                tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                id
            }
        };

        // The ticket matters here, not its fine print: the inspector explains
        // each attribute line by line. Only a cookie missing a protection
        // (HttpOnly or SameSite) says so in the narration.
        let notes = match self.settings.http_only && self.settings.same_site.is_some() {
            true => String::new(),
            false => format!(" {}", self.attribute_notes()),
        };
        let narration = format!(
            "The server answers 200 OK and hands over the ticket: a Set-Cookie header carrying nothing but the ID{}.{notes}",
            self.codec_note(),
        );
        let response = Response::text(Status::OK, &format!("Welcome, {user}. You are logged in."));
        if !resend_cookie {
            // PHP sends the session cookie only with a session ID that is new.
            let narration = "The server answers 200 OK. The ID did not change, and PHP sends the session cookie only \
                             when it starts a session under a new ID: no Set-Cookie.";
            tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            return response;
        }
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        response.with_header("Set-Cookie", self.issue_cookie(&id, now))
    }

    /// True for express-session with its own connect-redis store.
    fn is_express_on_redis(&self) -> bool {
        self.preset().key == "express" && self.dialect() == StoreDialect::ConnectRedis
    }

    /// The save at login, as express-session's documented login runs it:
    /// `req.session.save()` writes the session, and express-session saves
    /// it again as the response ends (the regenerated session counts as
    /// modified), so connect-redis sends the same `SET` twice.
    fn saved_again(&self, command: String, record: &Record, now: Instant) -> String {
        if self.is_express_on_redis() {
            format!("{command}\n{}", self.dialect().insert(record, now))
        } else {
            command
        }
    }

    /// A login without a live session still begins from the session the
    /// library made for this request: express-session gives every request
    /// one (unsaved, with saveUninitialized: false), and `regenerate()`
    /// destroys it; tower-sessions' `cycle_id()` deletes the session's ID.
    /// Either way the store is told to delete an ID it never held.
    fn discard_unsaved_session(&mut self, now: Instant, tracer: &mut Tracer) {
        let dialect = self.dialect();
        let why = if self.is_express_on_redis() {
            "express-session gave this request a session of its own, never saved (saveUninitialized: false). \
             regenerate() destroys it before making the new one: connect-redis deletes a key Redis never held."
        } else if dialect == StoreDialect::TowerRedis {
            "tower-sessions' cycle_id() first deletes the session's current ID from the store: this request's \
             session was never saved, so Redis deletes nothing."
        } else {
            return;
        };
        // The discarded ID comes from a generator of its own, seeded from the
        // clock, so the IDs of the sessions the reader follows are the ones
        // they would be without it (and a shared run replays unchanged).
        let seed = u64::from_le_bytes(
            crate::base::crypto::sha256(
                format!("unsaved session {} at {}", self.discarded, now.unix_millis()).as_bytes(),
            )[..8]
                .try_into()
                .unwrap_or([0; 8]),
        );
        self.discarded += 1;
        let Ok(unsaved) = IdSource::seeded(seed).next_id(self.preset().id_format) else { return };
        let op = StoreOp::on(StoreOpKind::Delete, &unsaved, dialect.delete(&unsaved, None));
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, why).store_op(op));
    }

    fn profile(&mut self, request: &Request, now: Instant, tracer: &mut Tracer) -> Response {
        let Some(record) = self.authenticate(request, now, tracer) else {
            return self.unauthorized(tracer, "Please log in to see your profile.");
        };
        let role = record.data.get("role").map(String::as_str).unwrap_or("user");
        let narration = format!(
            "Now the server knows who is asking: {user}, with the role {role}. It answers 200 OK with {user}'s \
             profile page. Nothing in the request said \u{201c}{user}\u{201d}: the name came from the store.",
            user = record.user
        );
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::OK, &format!("Profile of {} ({role}). Signed in since {}.", record.user, record.created))
    }

    fn logout(&mut self, request: &Request, now: Instant, tracer: &mut Tracer) -> Response {
        let ticket = self.read_ticket(request);
        self.push_ticket_step(&ticket, tracer);
        let mode = self.settings.logout;
        if let (Ticket::Id(id, _), LogoutMode::DeleteAndExpire | LogoutMode::ServerOnly) = (&ticket, mode) {
            let record = self.store.delete(id);
            tracer.set_store(&self.store);
            let narration = match &record {
                Some(record) => format!(
                    "The server deletes {}'s record from the store. The ID is now dead everywhere, even in a copy of \
                     the ticket someone else might hold.",
                    record.user
                ),
                None => "The store has no record under that ID, so there is nothing to delete.".to_owned(),
            };
            let mut command = self.dialect().delete(id, record.as_ref().map(|r| r.user.as_str()));
            // express-session, Django and PHP load the session as the request
            // begins, before the app destroys it; tower-sessions loads lazily.
            if matches!(self.dialect(), StoreDialect::ConnectRedis | StoreDialect::DjangoDb | StoreDialect::PhpFiles) {
                command = format!("{}\n{command}", self.dialect().lookup(id, now));
            }
            let op = StoreOp::on(StoreOpKind::Delete, id, command).found(record.as_ref().map(|r| r.user.as_str()));
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        }
        let response = Response::text(Status::OK, "You are logged out.");
        let had_ticket = matches!(ticket, Ticket::Id(..));
        let narration = match mode {
            LogoutMode::DeleteAndExpire | LogoutMode::ClientOnly if !had_ticket => {
                "There is no session to end. The server tells the browser to forget the cookie anyway: a Set-Cookie \
                 with the same name and path, an empty value and an expiry in the past."
            }
            LogoutMode::ServerOnly if !had_ticket => "There is no session to end, and the server sends no Set-Cookie.",
            LogoutMode::DeleteAndExpire => {
                "The server also tells the browser to forget the cookie: a Set-Cookie with the same name and path, an \
                 empty value and an expiry in the past. Both sides are cleaned up: a complete logout."
            }
            LogoutMode::ClientOnly => {
                "The server only tells the browser to forget the cookie; the record stays alive in the store. This \
                 browser is logged out, but any copy of the ticket (stolen, or left on another machine) still works \
                 until the session expires. An incomplete logout."
            }
            LogoutMode::ServerOnly => {
                "The server sends no Set-Cookie, so the browser keeps its ticket. That is harmless: the record is \
                 gone, and the next request carrying the stale ID will be turned away."
            }
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        match mode {
            LogoutMode::ServerOnly => response,
            _ => response.with_header("Set-Cookie", self.removal_cookie(now)),
        }
    }

    fn logout_everywhere(&mut self, request: &Request, now: Instant, tracer: &mut Tracer) -> Response {
        let Some(record) = self.authenticate_ending(request, now, tracer) else {
            return self.unauthorized(tracer, "Please log in first.");
        };
        // The app ends the other sessions first, then the one that asked.
        self.requester = Some(record.id.clone());
        let removed = self.delete_user_sessions(&record.user, None, now, tracer);
        self.requester = None;
        let ended = count(removed, "session", "both sessions", "every one of the {} sessions");
        let narration = match &self.node {
            Some(node) => format!(
                "{node} has ended {ended} of {user} that its own memory held, and only those: it cannot see into \
                 another server's memory. Any session of {user} that another server holds survives, and the device \
                 that holds its ticket stays logged in there. The app believes it logged out everywhere; it did not.",
                user = record.user
            ),
            None => format!(
                "The server has ended {ended} of {}, on every device. Any other browser still holds its ticket, but it \
                 now names nothing.",
                record.user
            ),
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        let response = Response::text(
            Status::OK,
            &format!("Logged out everywhere ({removed} session{}).", if removed == 1 { "" } else { "s" }),
        );
        match self.settings.logout {
            LogoutMode::ServerOnly => response,
            _ => response.with_header("Set-Cookie", self.removal_cookie(now)),
        }
    }

    fn change_password(
        &mut self,
        request: &Request,
        now: Instant,
        ids: &mut IdSource,
        tracer: &mut Tracer,
    ) -> Response {
        let Some(record) = self.authenticate_ending(request, now, tracer) else {
            return self.unauthorized(tracer, "Please log in first.");
        };
        let form = form_decode(request.body.as_deref().unwrap_or(""));
        let Some(new_password) = form.iter().find(|(k, _)| k == "password").map(|(_, v)| v.clone()) else {
            let narration = "The form lacks a password field, so the server answers 400 Bad Request.";
            tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            return Response::text(Status::BAD_REQUEST, "The form needs a new password.");
        };
        let mut new_hash = None;
        if let Some(account) = self.accounts.iter_mut().find(|a| a.username == record.user) {
            account.set_password(&new_password);
            new_hash = Some(account.auth_hash());
        }
        let (ended, mut narration) = match self.preset().password_change {
            PasswordChange::DeleteOthers => {
                let ended = self.delete_user_sessions(&record.user, Some(&record.id), now, tracer);
                let text = format!(
                    "The server saves {}'s new password and ends every other session of {} (whoever might have \
                     stolen a ticket is out).",
                    record.user, record.user
                );
                (Some(ended), text)
            }
            // Nothing is deleted now: each session carries a hash of the old
            // password, which no longer matches, so each other session is
            // flushed the next time it is used. This session gets the new hash.
            PasswordChange::AuthHash => {
                let mut data = record.data.clone();
                if let Some(hash) = new_hash {
                    data.insert("auth_hash".to_owned(), hash);
                }
                self.store.reassign(&record.id, &record.user, data);
                if self.preset().expiry_from_last_save {
                    let (idle, absolute) = (self.settings.idle_timeout, self.settings.absolute_timeout);
                    self.store.resave(&record.id, now, idle, absolute);
                }
                tracer.set_store(&self.store);
                let text = format!(
                    "The server saves {}'s new password, hashed with a fresh salt, and stores the hash derived \
                     from it in this session only. Every other session of {} still holds the old one (a new salt \
                     changes it even when the password is the same), so each will be flushed the next time it is \
                     used.",
                    record.user, record.user
                );
                (None, text)
            }
        };
        let mut response = Response::text(
            Status::OK,
            &match ended {
                Some(n) => format!("Password changed. {n} other session{} ended.", if n == 1 { "" } else { "s" }),
                None => "Password changed. Your other sessions end the next time they are used.".to_owned(),
            },
        );
        // A privilege change is a reason to renew the ID too (OWASP), when rotation is on.
        if self.settings.rotate_on_login {
            let (new_id, _) = match self.fresh_id(ids) {
                Ok(drawn) => drawn,
                Err(reason) => return self.id_failure(&reason, tracer),
            };
            if self.store.rename(&record.id, &new_id).is_err() {
                return self.id_failure("the new ID was taken", tracer);
            }
            tracer.set_store(&self.store);
            let Some(renamed) = self.store.get(&new_id).cloned() else {
                return self.id_failure("the renamed session vanished", tracer);
            };
            let command = self.saved_again(self.dialect().rename(&record.id, &renamed, now), &renamed, now);
            let mut op = StoreOp::on(StoreOpKind::Rename, &new_id, command).found(Some(&record.user));
            op.old_id = Some(record.id.clone());
            let text = "The current session keeps going under a new ID: a privilege change is a reason to renew it.";
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, text).store_op(op));
            response = response.with_header("Set-Cookie", self.issue_cookie(&new_id, now));
            narration.push_str(" This browser gets its new ticket in a Set-Cookie.");
        } else {
            narration.push_str(" This browser's session goes on with the same ID.");
        }
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        response
    }

    /// Administrator revocation of one session; `None` picks the newest.
    /// No HTTP is involved and no browser is told.
    pub(crate) fn revoke(&mut self, id: Option<&SessionId>, tracer: &mut Tracer) {
        let target = id.cloned().or_else(|| self.store.newest().map(|r| r.id.clone()));
        let Some(target) = target else {
            let narration = match &self.node {
                Some(node) => format!(
                    "The administrator's request asks {node} to revoke the newest session, but {node}'s own memory \
                     holds none, and it can search no other server's. Nothing is revoked; any session another server \
                     holds survives."
                ),
                None => "An administrator opens the session store to revoke a session, but it is empty: nobody is \
                         logged in, so there is nothing to revoke."
                    .to_owned(),
            };
            tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        };
        let owner = self.store.get(&target).map(|r| r.user.clone());
        let narration = match (&owner, &self.node) {
            (Some(user), Some(node)) => format!(
                "An administrator revokes {user}'s session through the admin endpoint of {node}, which searches only \
                 its own memory, and finds it there. No message goes to any browser: whoever holds this ticket keeps \
                 holding it."
            ),
            (Some(user), None) => format!(
                "An administrator revokes {user}'s session, right on the server. No message goes to any browser: \
                 whoever holds this ticket keeps holding it."
            ),
            (None, Some(node)) => format!(
                "An administrator asks {node} to revoke session {target}, but {node}'s own memory does not hold it, \
                 and {node} can search no other server's.{}",
                self.elsewhere.as_ref().map(|note| format!(" {note}")).unwrap_or_default()
            ),
            (None, None) => "An administrator asks to revoke a session the store does not hold.".to_owned(),
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        let record = self.store.delete(&target);
        tracer.set_store(&self.store);
        let narration = match &record {
            Some(_) => {
                "The store deletes the record. The ticket in the browser's jar now names nothing: the very next \
                        request that carries it will be turned away. That is instant revocation."
                    .to_owned()
            }
            None => "There is no record under that ID; nothing changes.".to_owned(),
        };
        let command = self.dialect().delete(&target, owner.as_deref());
        let op = StoreOp::on(StoreOpKind::Delete, &target, command).found(record.as_ref().map(|r| r.user.as_str()));
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Administrator revocation of every session of a user.
    pub(crate) fn revoke_user(&mut self, user: &str, now: Instant, tracer: &mut Tracer) {
        let narration = match &self.node {
            Some(node) => format!(
                "An administrator asks to end every session of {user} (say, because the account was compromised). \
                 The admin endpoint runs in {node}, which can search only its own memory."
            ),
            None => format!(
                "An administrator ends every session of {user}, on all devices at once (say, because the account \
                 was compromised)."
            ),
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        self.delete_user_sessions(user, None, now, tracer);
    }

    /// The server process restarts. An in-memory store dies with it; an
    /// external store (Redis, a database, files) does not.
    pub(crate) fn restart(&mut self, tracer: &mut Tracer) {
        let narration = "The server process stops and starts again (a deploy, a crash, a reboot).";
        tracer.push(StepDraft::new(Actor::Server, StepKind::ServerRestarted, narration));
        if self.dialect().survives_restart() {
            let narration = format!(
                "The sessions live in a separate store ({}), not in the server's memory, so they survive the \
                 restart: every ticket still works.",
                self.dialect().label()
            );
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(StoreOp::bulk(
                StoreOpKind::Flush,
                Vec::new(),
                "(nothing: the store kept running)".to_owned(),
            )));
            return;
        }
        let removed: Vec<SessionId> = self.store.rows().into_iter().map(|r| r.id).collect();
        self.store.clear();
        tracer.set_store(&self.store);
        let command = "(the process exited: its sessions map is gone)";
        push_memory_lost("The sessions lived in the process's memory", removed, command, tracer);
    }

    /// Background cleanup after time passed, when the cleanup mode is the sweeper.
    pub(crate) fn sweep(&mut self, now: Instant, tracer: &mut Tracer) {
        if self.settings.cleanup != Cleanup::Sweeper {
            return;
        }
        let expired = self.store.sweep(now);
        if expired.is_empty() {
            return;
        }
        tracer.set_store(&self.store);
        let own_sweep = self.node.as_ref().map(|node| format!("A background job in {node} sweeps its own memory"));
        let how = match self.dialect() {
            StoreDialect::Memory => own_sweep.as_deref().unwrap_or("A background job sweeps the store"),
            StoreDialect::ConnectRedis | StoreDialect::TowerRedis => "Redis deletes keys whose time to live ran out",
            StoreDialect::SpringRedis => {
                "Spring Session cleans up: the shadow key's time to live runs out, Redis reports it, and the session \
                 is removed from the index (the data key itself lives five minutes longer, for the expiry event)"
            }
            StoreDialect::DjangoDb => {
                "A clearsessions job (which the app must schedule, from cron say) deletes expired rows"
            }
            StoreDialect::PhpFiles => {
                "PHP's garbage collector deletes stale session files (it runs on a random fraction of session starts, \
                 so in reality this may come later; here it runs as soon as time passes)"
            }
        };
        let narration = format!(
            "{how}: {} expired session{} removed. Without such cleanup, expired records would pile up forever.",
            expired.len(),
            if expired.len() == 1 { "" } else { "s" }
        );
        let command = self.dialect().sweep(&expired, now);
        let op = StoreOp::bulk(StoreOpKind::Sweep, expired.into_iter().map(|r| r.id).collect(), command);
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Deletes every session of `user` except `keep`, via the index. Returns how many.
    fn delete_user_sessions(
        &mut self,
        user: &str,
        keep: Option<&SessionId>,
        now: Instant,
        tracer: &mut Tracer,
    ) -> usize {
        let mut doomed: Vec<SessionId> =
            self.store.ids_of_user(user).into_iter().filter(|id| Some(id) != keep).collect();
        if let Some(requester) = &self.requester {
            doomed.sort_by_key(|id| id == requester);
        }
        for id in &doomed {
            self.store.delete(id);
        }
        tracer.set_store(&self.store);
        let find = self.dialect().find_user(user, now);
        let deletes: Vec<String> = doomed.iter().map(|id| self.dialect().delete(id, Some(user))).collect();
        let command = std::iter::once(find).chain(deletes).collect::<Vec<_>>().join("\n");
        let narration = format!(
            "{} {user}'s sessions{} and deletes {}.",
            match &self.node {
                Some(node) => format!("{node} searches its own memory for"),
                None => "The store finds".to_owned(),
            },
            if keep.is_some() { " other than this one" } else { "" },
            match doomed.len() {
                0 => "nothing (there were none)".to_owned(),
                1 => "the one it finds".to_owned(),
                2 => "both".to_owned(),
                n => format!("all {n} of them"),
            }
        );
        let mut op = StoreOp::bulk(StoreOpKind::DeleteUser, doomed.clone(), command);
        op.user = Some(user.to_owned());
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        doomed.len()
    }

    /// Reads the ticket and looks it up: the work a server does on every
    /// request. Records the steps; returns the live record, if any.
    fn authenticate(&mut self, request: &Request, now: Instant, tracer: &mut Tracer) -> Option<Record> {
        let ticket = self.read_ticket(request);
        self.lookup(ticket, now, tracer)
    }

    /// The lookup of a request that ends or replaces its own session:
    /// express-session touches only a session the request left alone, so
    /// it sends no EXPIRE here (the session is destroyed or regenerated).
    fn authenticate_ending(&mut self, request: &Request, now: Instant, tracer: &mut Tracer) -> Option<Record> {
        let ticket = self.read_ticket(request);
        let touch = !self.is_express_on_redis();
        self.lookup_with(ticket, now, touch, tracer)
    }

    fn lookup(&mut self, ticket: Ticket, now: Instant, tracer: &mut Tracer) -> Option<Record> {
        self.lookup_with(ticket, now, true, tracer)
    }

    /// A lookup; `touch` says whether a live session's idle timeout slides.
    fn lookup_with(&mut self, ticket: Ticket, now: Instant, touch: bool, tracer: &mut Tracer) -> Option<Record> {
        self.push_ticket_step(&ticket, tracer);
        // A cookie the server cannot read names no session either.
        if matches!(ticket, Ticket::Unreadable(_)) {
            self.dead_ticket = true;
        }
        let Ticket::Id(id, _) = ticket else { return None };
        let lookup = self.dialect().lookup(&id, now);
        let Some(record) = self.store.get(&id).cloned() else {
            // Strict adoption: an ID the store does not hold is never adopted.
            // The server neither trusts it nor files anything under it.
            let narration = if let Some(note) = &self.elsewhere {
                format!("This server's own memory has no record under that ID. {note}")
            } else if self.settings.strict_adoption {
                "The store has no record under that ID: it was never issued, or it has been deleted. The server does \
                 not adopt an unknown ID; the request counts as anonymous."
                    .to_owned()
            } else {
                "The store has no record under that ID: it was never issued, or it has been deleted. The request \
                 counts as anonymous (this permissive server would adopt the ID only at a login)."
                    .to_owned()
            };
            let op = StoreOp::on(StoreOpKind::Lookup, &id, lookup);
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            self.dead_ticket = true;
            return None;
        };
        // The server enforces both timeouts itself, on every lookup.
        if let Some(expiry) = record.expired_at(now) {
            let why = match expiry {
                Expiry::Idle => format!(
                    "its idle timeout passed at {} (no request for {})",
                    record.idle_expires.unwrap_or(now),
                    human_duration(self.settings.idle_timeout.unwrap_or(0))
                ),
                Expiry::Absolute if self.preset().expiry_from_last_save => format!(
                    "its expiry passed at {} ({} after the session was last saved; reading it does not count as a \
                     change)",
                    record.absolute_expires.unwrap_or(now),
                    human_duration(self.settings.absolute_timeout.unwrap_or(0))
                ),
                Expiry::Absolute => format!(
                    "its absolute timeout passed at {} ({} after login, however active)",
                    record.absolute_expires.unwrap_or(now),
                    human_duration(self.settings.absolute_timeout.unwrap_or(0))
                ),
            };
            let mut command = lookup;
            let mut narration = format!(
                "The store finds {}'s record, but {why}. The session is over: the request is anonymous.",
                record.user
            );
            if self.settings.cleanup == Cleanup::OnRead {
                self.store.delete(&id);
                tracer.set_store(&self.store);
                command = format!("{command}\n{}", self.dialect().delete(&id, Some(&record.user)));
                narration.push_str(" Finding it expired, the server deletes it now (cleanup on read).");
            }
            let mut op = StoreOp::on(StoreOpKind::Lookup, &id, command).found(Some(&record.user));
            op.expired = Some(expiry);
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            self.dead_ticket = true;
            return None;
        }
        // A session that carries a password hash must carry the current one:
        // after a password change, the other sessions fail this check.
        if let Some(stored) = record.data.get("auth_hash") {
            let current = self.accounts.iter().find(|a| a.username == record.user).map(Account::auth_hash);
            if current.as_ref() != Some(stored) {
                self.store.delete(&id);
                tracer.set_store(&self.store);
                let narration = format!(
                    "The store finds {}'s record, but the password hash stored in it no longer matches the \
                     account's: the password has changed since this session began. The server flushes the session \
                     and treats the request as anonymous.",
                    record.user
                );
                let command = format!("{lookup}\n{}", self.dialect().delete(&id, Some(&record.user)));
                // Recorded as what it ends in: the record is deleted.
                let op = StoreOp::on(StoreOpKind::Delete, &id, command).found(Some(&record.user));
                tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                self.dead_ticket = true;
                return None;
            }
        }
        let mut command = lookup;
        let mut narration = format!(
            "The store finds a live record under that ID: the session of {}. This lookup happens on every request; \
             the ticket only works because the coat is still on the rack.",
            record.user
        );
        // Activity slides the idle timeout.
        if let (Some(idle), true) = (self.settings.idle_timeout, touch) {
            self.store.touch(&id, now, Some(idle));
            tracer.set_store(&self.store);
            let touched = self.store.get(&id).cloned()?;
            command = format!("{command}\n{}", self.dialect().touch(&touched, now));
            let idle_end = touched.idle_expires.unwrap_or(now);
            narration.push_str(&match touched.absolute_expires {
                Some(absolute) if absolute <= idle_end => format!(
                    " The request counts as activity, but the absolute timeout is nearer: the session ends at \
                     {absolute} whatever happens."
                ),
                _ => format!(
                    " The request counts as activity: the idle timeout restarts, so the session now ends at {idle_end} \
                     unless another request comes first."
                ),
            });
        }
        let op = StoreOp::on(StoreOpKind::Lookup, &id, command).found(Some(&record.user));
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        self.store.get(&id).cloned()
    }

    fn push_ticket_step(&self, ticket: &Ticket, tracer: &mut Tracer) {
        let name = self.cookie_name();
        let (id, narration) = match ticket {
            Ticket::Id(id, copies) => (
                Some(id.clone()),
                format!(
                    "{}The server reads the ticket from the Cookie header{}: {id}. The ID by itself says nothing about \
                     who sent it; only the store can say whose it is.",
                    if *copies > 1 {
                        format!(
                            "The request carries {copies} cookies named {name} (one may have been tossed in from a \
                             subdomain); like most servers, this one reads the first. "
                        )
                    } else {
                        String::new()
                    },
                    match self.preset().codec {
                        CookieCodec::Plain => String::new(),
                        CookieCodec::ExpressSigned => " and checks its signature (it matches)".to_owned(),
                        CookieCodec::Base64 => " and decodes its base64".to_owned(),
                    }
                ),
            ),
            Ticket::Unreadable(why) => (
                None,
                format!("The server finds a {name} cookie but {why}, so it ignores it: the request carries no ticket."),
            ),
            Ticket::Missing => (
                None,
                format!("The request carries no {name} cookie: no ticket, so the server cannot tell who this is."),
            ),
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::CookieRead { id }, narration));
    }

    fn unauthorized(&self, tracer: &mut Tracer, body: &str) -> Response {
        let narration =
            "With no valid session the server cannot tell who this is. It answers 401 Unauthorized: log in \
                         first.";
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::UNAUTHORIZED, body)
    }

    fn id_failure(&self, reason: &str, tracer: &mut Tracer) -> Response {
        let narration = format!(
            "The server cannot get a random session ID ({reason}). It refuses to invent a weak one and answers 500 \
             Internal Server Error."
        );
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::INTERNAL_SERVER_ERROR, "Could not start a session. Please try again.")
    }

    /// The session ID the request claims, from its `Cookie` header.
    fn read_ticket(&self, request: &Request) -> Ticket {
        let Some(header) = request.header("Cookie") else { return Ticket::Missing };
        let name = self.cookie_name();
        let pairs = parse_cookie_header(header);
        let copies = pairs.iter().filter(|(n, _)| *n == name).count();
        let Some((_, value)) = pairs.into_iter().find(|(n, _)| *n == name) else {
            return Ticket::Missing;
        };
        match self.decode(value) {
            Ok(id) => Ticket::Id(id, copies),
            Err(why) => Ticket::Unreadable(why),
        }
    }

    /// The session ID a browser's jar carries, read as this server would
    /// read it from a request. `None` if there is no session cookie or it
    /// cannot be read (a bad signature, say).
    pub fn ticket_in(&self, jar: &crate::browser::CookieJar) -> Option<SessionId> {
        // The first session cookie in the order the browser would send them.
        let url = crate::browser::jar::Url {
            scheme: "https".into(),
            host: crate::base::http::APP_HOST.into(),
            path: "/".into(),
        };
        let (header, _) = jar.cookie_string(&url, crate::browser::jar::Context::SAME_SITE, i64::MIN);
        let name = self.cookie_name();
        let value =
            parse_cookie_header(header.as_deref().unwrap_or("")).into_iter().find(|(n, _)| *n == name)?.1.to_owned();
        self.decode(&value).ok()
    }

    /// For each cookie in a jar, the session ID it carries if it bears the
    /// session cookie's name and can be read.
    pub fn tickets_in(&self, jar: &crate::browser::CookieJar) -> Vec<Option<SessionId>> {
        let name = self.cookie_name();
        jar.cookies().iter().map(|c| if c.name == name { self.decode(&c.value).ok() } else { None }).collect()
    }

    /// The cookie value carrying `id` as someone without the server's secret
    /// would write it: plain, or base64 (which needs no secret), but never
    /// with a valid express signature.
    pub(crate) fn encode_unsigned(&self, id: &SessionId) -> String {
        match self.preset().codec {
            CookieCodec::ExpressSigned => encode_uri_component(&format!("s:{id}.forged-signature")),
            _ => self.encode(id),
        }
    }

    /// The session cookie's name.
    pub fn session_cookie_name(&self) -> String {
        self.cookie_name()
    }

    /// The cookie value carrying `id`, written as the preset writes it.
    fn encode(&self, id: &SessionId) -> String {
        match self.preset().codec {
            CookieCodec::Plain => id.to_string(),
            CookieCodec::ExpressSigned => {
                let signature = base64_unpadded(&hmac_sha256(EXPRESS_SECRET.as_bytes(), id.as_str().as_bytes()));
                encode_uri_component(&format!("s:{id}.{signature}"))
            }
            CookieCodec::Base64 => base64(id.as_str().as_bytes()),
        }
    }

    /// Reads an ID back out of a cookie value.
    fn decode(&self, value: &str) -> Result<SessionId, &'static str> {
        match self.preset().codec {
            // tower-sessions parses the value as 16 bytes of base64url before
            // any lookup, and drops anything else as a malformed session ID.
            CookieCodec::Plain
                if self.preset().cookie_style == CookieStyle::CookieCrate
                    && !self.preset().id_format.could_draw(value)
                    && !matches!(self.settings.ids, crate::base::ids::IdSourceSetting::Sequential) =>
            {
                Err("its value does not decode to the 16 bytes of a session ID (tower-sessions drops it as malformed)")
            }
            CookieCodec::Plain => Ok(SessionId::from_untrusted(value)),
            CookieCodec::ExpressSigned => {
                let text = decode_uri_component(value).ok_or("its value is not valid percent-encoding")?;
                let signed = text.strip_prefix("s:").ok_or("its value is not signed (no s: prefix)")?;
                let (id, signature) = signed.rsplit_once('.').ok_or("its value has no signature")?;
                let expected = base64_unpadded(&hmac_sha256(EXPRESS_SECRET.as_bytes(), id.as_bytes()));
                if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
                    return Err("its signature does not match (the value was changed, or signed with another secret)");
                }
                Ok(SessionId::from_untrusted(id))
            }
            CookieCodec::Base64 => base64_decode(value)
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .map(|id| SessionId::from_untrusted(&id))
                .ok_or("its value is not valid base64"),
        }
    }

    /// The `Set-Cookie` value that hands `id` to the browser.
    fn issue_cookie(&self, id: &SessionId, now: Instant) -> String {
        let preset = self.preset();
        let mut cookie = SetCookie::new(&self.cookie_name(), &self.encode(id));
        cookie.path = Some("/".to_owned());
        cookie.http_only = self.settings.http_only;
        cookie.secure = self.settings.secure;
        cookie.same_site = self.settings.same_site;
        if let Some(max_age) = preset.cookie_max_age {
            cookie.max_age = Some(max_age as i64);
            // Every writer but the cookie crate's also sends Expires, for old browsers.
            if preset.cookie_style != CookieStyle::CookieCrate {
                cookie.expires = Some(now.plus_secs(max_age).http_date());
            }
        }
        cookie.render(preset.cookie_style)
    }

    /// The `Set-Cookie` value that tells the browser to forget the session
    /// cookie, exactly as each library writes it. It must repeat the name
    /// and path (or the browser would treat it as another cookie).
    fn removal_cookie(&self, now: Instant) -> String {
        let preset = self.preset();
        let mut cookie = SetCookie::new(&self.cookie_name(), "");
        cookie.path = Some("/".to_owned());
        let epoch = http_date_of_unix(0);
        match preset.cookie_style {
            CookieStyle::Generic => {
                cookie.max_age = Some(0);
                cookie.http_only = self.settings.http_only;
                cookie.secure = self.settings.secure;
                cookie.same_site = self.settings.same_site;
            }
            // OWASP: "an empty value plus an Expires date in the past".
            CookieStyle::Owasp => {
                cookie.expires = Some(epoch.clone());
                cookie.http_only = self.settings.http_only;
                cookie.secure = self.settings.secure;
                cookie.same_site = self.settings.same_site;
            }
            // res.clearCookie(name, { path: '/' }): Expires at the epoch, nothing else.
            CookieStyle::Express => cookie.expires = Some(epoch),
            // tower-sessions removes with a fresh cookie of the same name and
            // path, made a removal (Max-Age=0, an Expires a year back): the
            // session cookie's other attributes are not repeated (recorded).
            CookieStyle::CookieCrate => {
                cookie.max_age = Some(0);
                cookie.expires = Some(http_date_of_unix(now.unix_secs() as i64 - 365 * 86_400));
            }
            // HttpResponse.delete_cookie: an empty quoted value, Max-Age=0,
            // Expires at the epoch; Secure when the setting says so or the
            // name has a __Secure- or __Host- prefix (or the browser would
            // refuse the removal).
            CookieStyle::Django => {
                cookie.value = "\"\"".to_owned();
                cookie.max_age = Some(0);
                cookie.expires = Some(epoch);
                cookie.same_site = self.settings.same_site;
                cookie.secure = self.settings.secure || self.settings.host_prefix;
            }
            // DefaultCookieSerializer formats Expires with Java's
            // RFC_1123_DATE_TIME, which does not pad the day: "Thu, 1 Jan 1970".
            CookieStyle::Spring => {
                cookie.max_age = Some(0);
                cookie.expires = Some(epoch.replacen(" 01 ", " 1 ", 1));
                cookie.http_only = self.settings.http_only;
                cookie.secure = self.settings.secure;
                cookie.same_site = self.settings.same_site;
            }
            // The manual's setcookie(session_name(), '', time() - 42000, ...)
            // with the session's own cookie parameters: PHP writes an emptied
            // cookie as "deleted", one second after the epoch.
            CookieStyle::Php => {
                cookie.value = "deleted".to_owned();
                cookie.expires = Some(http_date_of_unix(1));
                cookie.max_age = Some(0);
                cookie.secure = self.settings.secure;
                cookie.http_only = self.settings.http_only;
            }
        }
        cookie.render(preset.cookie_style)
    }

    fn new_record(&self, id: &SessionId, user: &str, data: BTreeMap<String, String>, now: Instant) -> Record {
        Record {
            id: id.clone(),
            user: user.to_owned(),
            data,
            created: now,
            last_seen: now,
            idle_expires: self.settings.idle_timeout.map(|secs| now.plus_secs(secs)),
            absolute_expires: self.settings.absolute_timeout.map(|secs| now.plus_secs(secs)),
        }
    }

    /// A login starts the session's clocks afresh, whatever the ID.
    fn restart_clocks(&mut self, id: &SessionId, now: Instant) {
        self.store.begin_anew(id, now, self.settings.idle_timeout, self.settings.absolute_timeout);
    }

    /// Keeps session `id` under its ID for `user` with `data`, its clocks
    /// started again, and returns the record as saved (`None` if it vanished).
    fn keep_for(
        &mut self,
        id: &SessionId,
        user: &str,
        data: BTreeMap<String, String>,
        now: Instant,
        tracer: &mut Tracer,
    ) -> Option<Record> {
        self.store.reassign(id, user, data);
        self.restart_clocks(id, now);
        let record = self.store.get(id).cloned()?;
        tracer.set_store(&self.store);
        Some(record)
    }

    /// A new ID that no live session uses, and how many drawn IDs were
    /// refused because a live session already had them.
    fn fresh_id(&self, ids: &mut IdSource) -> Result<(SessionId, Vec<SessionId>), String> {
        let mut refused = Vec::new();
        for _ in 0..MAX_ID_DRAWS {
            let id = ids.next_id(self.preset().id_format).map_err(|e| e.to_string())?;
            // Never reuse a live ID: a collision would hand one user another's
            // session. Creation checks first, as Redis's SET NX does.
            if !self.store.contains(&id) {
                return Ok((id, refused));
            }
            refused.push(id);
        }
        Err(format!("{MAX_ID_DRAWS} draws in a row collided with live sessions"))
    }

    fn expiry_sentence(&self) -> String {
        match (self.settings.idle_timeout, self.settings.absolute_timeout) {
            (Some(idle), Some(absolute)) => format!(
                "It ends after {} without a request, and {} after login at the latest.",
                human_duration(idle),
                human_duration(absolute)
            ),
            (Some(idle), None) => format!("It ends after {} without a request.", human_duration(idle)),
            (None, Some(absolute)) => {
                format!("It ends {} after login; reading it does not extend it.", human_duration(absolute))
            }
            (None, None) => "It never expires on its own.".to_owned(),
        }
    }

    fn codec_note(&self) -> &'static str {
        match self.preset().codec {
            CookieCodec::Plain => "",
            CookieCodec::ExpressSigned => {
                " (signed with an HMAC, so a changed value is noticed; a copied one still works)"
            }
            CookieCodec::Base64 => " (base64-encoded, which hides nothing)",
        }
    }

    fn attribute_notes(&self) -> String {
        let preset = self.preset();
        let mut notes = Vec::new();
        notes.push(if self.settings.http_only {
            "HttpOnly hides it from page scripts."
        } else {
            "No HttpOnly: any script on the page can read it through document.cookie."
        });
        if self.settings.secure {
            notes.push("Secure keeps it off plain http.");
        }
        notes.push(match self.settings.same_site {
            Some(crate::browser::cookie::SameSite::Strict) => {
                "SameSite=Strict keeps it off every request another site starts."
            }
            Some(crate::browser::cookie::SameSite::Lax) => {
                "SameSite=Lax keeps it off requests other sites start, except a top-level GET navigation (a link)."
            }
            Some(crate::browser::cookie::SameSite::None) => "SameSite=None sends it on cross-site requests too.",
            None => match self.settings.browser_same_site_default {
                crate::browser::jar::SameSiteDefault::Lax => {
                    "No SameSite attribute: the browser's own default decides, which here is Lax (as in Chromium)."
                }
                crate::browser::jar::SameSiteDefault::None => {
                    "No SameSite attribute: the browser's own default decides, which here is no restriction (as in \
                     Firefox and Safari)."
                }
            },
        });
        if self.cookie_name().starts_with("__Host-") {
            notes.push("The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.");
        }
        notes.push(match preset.cookie_max_age {
            Some(secs) => {
                if preset.cookie_style == CookieStyle::CookieCrate {
                    "Max-Age keeps the cookie across browser restarts; the server's own timeouts are separate."
                } else if secs > 0 {
                    "Max-Age (and Expires) keep the cookie across browser restarts; the server's own timeouts are \
                     separate and can end the session sooner."
                } else {
                    ""
                }
            }
            None => "No Max-Age or Expires: the browser forgets it when it closes.",
        });
        notes.push("Path=/ sends it with every page of the site.");
        notes.retain(|n| !n.is_empty());
        notes.join(" ")
    }
}

/// Records that sessions kept in a process's memory died with it: `whose`
/// says where they lived, `command` what the store step shows.
pub(crate) fn push_memory_lost(whose: &str, removed: Vec<SessionId>, command: &str, tracer: &mut Tracer) {
    let narration = format!(
        "{whose}, so {}",
        match removed.len() {
            0 => "they would be gone, but there were none: nobody was logged in, so nobody is logged out.".to_owned(),
            n => format!(
                "{} gone. Every browser still holds its ticket, but none names anything now: everybody is logged out.",
                if n == 1 { "the one session is".to_owned() } else { format!("all {n} of them are") }
            ),
        }
    );
    let op = StoreOp::bulk(StoreOpKind::Flush, removed, command.to_owned());
    tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
}

/// "the one session", "both sessions", "every one of the 3 sessions".
fn count(n: usize, one: &str, two: &str, many: &str) -> String {
    match n {
        0 => format!("no {one}s (there were none)"),
        1 => format!("the one {one}"),
        2 => two.to_owned(),
        n => many.replace("{}", &n.to_string()),
    }
}

/// Says which drawn IDs were refused because live sessions had them.
fn collision_note(refused: &[SessionId]) -> String {
    match refused {
        [] => String::new(),
        [one] => format!(
            "The first ID drawn, {one}, already belongs to a live session: the store refuses to overwrite it (the \
             check Redis does with SET NX) and the server draws again. "
        ),
        many => format!(
            "The IDs drawn first ({}) already belong to live sessions: the store refuses to overwrite them and the \
             server draws again. ",
            many.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}
