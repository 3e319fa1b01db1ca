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

mod admin;
mod context;
mod cookies;
mod login;
mod lookup;
mod mechanism;
mod php;
mod refresh;
mod token;

pub use mechanism::Mechanism;

pub(crate) use admin::{push_flush, push_memory_lost};
pub(crate) use context::Context;

use crate::base::clock::Instant;
use crate::base::crypto::{constant_time_eq, hmac_sha256};
use crate::base::http::{form_decode, Method, Request, Response, Status};
use crate::base::ids::SessionId;
use crate::base::sorted::SortedMap;
use crate::library::preset::{LogoutMode, Preset, Settings};
use crate::session::commands::StoreDialect;
use crate::text::message::server::{ServerMessage, StoreErrand};
use crate::text::say;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind, Tracer};

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
    /// The user's token version (a column of the user table), with
    /// `Settings::token_version`: raised by a password change or "log out
    /// everywhere", compared with each token's `ver`.
    token_version: u64,
}

/// The key of the HMAC that turns a stored password hash into a session's
/// auth hash (Django's `key_salt`, mixed with the server's secret).
const AUTH_HASH_KEY: &[u8] = b"django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash";

impl Account {
    fn new(username: &str, password: &str, role: &str) -> Account {
        let mut account = Account {
            username: username.into(),
            role: role.into(),
            password_hash: String::new(),
            saves: 0,
            token_version: 0,
        };
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
    Unreadable(crate::text::message::server::Unreadable),
    /// An ID, still only a claim, and how many cookies of the session's name came.
    Id(SessionId, usize),
}

/// The application server.
#[derive(Clone, Debug)]
pub struct Server {
    /// How it behaves.
    pub settings: Settings,
    accounts: Vec<Account>,
    /// How many unsaved sessions' IDs have been discarded, to seed the next one's.
    discarded: u64,
    /// PHP's session files that hold nothing, by when each was last written:
    /// strict mode's fresh sessions, started for a cookie that named no file.
    /// They authenticate nobody, so the store's rows do not list them.
    php_empty: SortedMap<SessionId, Instant>,
}

impl Server {
    /// A server with the given settings and the demo accounts. Its store is
    /// handed to it with each call, in a `Context`.
    pub fn new(settings: Settings) -> Server {
        let accounts = ACCOUNTS.iter().map(|(u, p, r)| Account::new(u, p, r)).collect();
        Server { settings, accounts, discarded: 0, php_empty: SortedMap::new() }
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
    pub(crate) fn handle(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        if self.php_replaces_unknown_id(request, ctx) {
            match self.fresh_id(ctx) {
                Ok((id, _)) => ctx.php_fresh = Some(id),
                Err(reason) => return self.id_failure(&reason, ctx.tracer),
            }
        }
        let response = self.route(request, ctx);
        let response = self.hint_renewal(request, response, ctx.now);
        self.library_headers(request, response, ctx)
    }

    fn route(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        match (request.method, request.path.as_str()) {
            (Method::Post, "/login") => self.login(request, ctx),
            (Method::Get, "/profile") => self.profile(request, ctx),
            (Method::Post, "/logout") => self.end(request, ctx),
            (Method::Post, "/logout-everywhere") => self.logout_everywhere(request, ctx),
            (Method::Post, "/password") => self.change_password(request, ctx),
            // Only a token server that hands out refresh tokens has the endpoint.
            (Method::Post, crate::library::token::REFRESH_PATH)
                if self.mechanism() == Mechanism::Token && self.settings.refresh =>
            {
                self.renew(request, ctx)
            }
            _ => {
                let narration = say(ServerMessage::NoPage { path: &request.path });
                ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
                Response::text(Status::NOT_FOUND, &say(ServerMessage::NoPageBody { path: &request.path }))
            }
        }
    }

    /// Handles a request while the shared store cannot be reached. A request
    /// that needs no session is served as usual. Any other fails with a 500:
    /// tower-sessions fails the request when it cannot load or save a
    /// session, and express-session with connect-redis (v4 and later, which
    /// emits no `disconnect` event) calls `store.get`, gets the Redis
    /// client's error (or no reply at all) and hands it to `next(err)`.
    pub(crate) fn handle_store_down(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let now = ctx.now;
        // A token server needs its store only for a denylist, and only to
        // check a token a request brings.
        if self.mechanism() == Mechanism::Token {
            // Refresh records live in the store: every route but the profile touches them.
            if self.settings.refresh && request.path != "/profile" {
                let narration = crate::text::say(crate::text::message::RefreshMessage::StoreDownRefresh);
                ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
                return Response::text(
                    Status::INTERNAL_SERVER_ERROR,
                    &crate::text::say(crate::text::message::RefreshMessage::StoreUnavailableBody),
                );
            }
            if !self.settings.denylist || self.token_in_request(request).is_none() {
                return self.handle(request, ctx);
            }
            ctx.tracer.push(StepDraft::new(
                Actor::Server,
                StepKind::ResponseBuilt,
                crate::text::say(crate::text::message::TokenMessage::StoreDownDenylist),
            ));
            return Response::text(Status::INTERNAL_SERVER_ERROR, &say(ServerMessage::DenylistUnavailableBody));
        }
        let ticket = self.read_ticket(request);
        let login = request.method == Method::Post && request.path == "/login";
        if matches!(ticket, Ticket::Missing) && !login {
            return self.handle(request, ctx);
        }
        let store = self.dialect();
        self.push_ticket_step(&ticket, ctx.tracer);
        let (op, doing) = match &ticket {
            Ticket::Id(id, _) => {
                (StoreOp::on(StoreOpKind::Failed, id, self.dialect().lookup(id, now)), StoreErrand::LookUp)
            }
            _ => {
                // A login with no ticket: the new session's first save is what fails.
                let form = form_decode(request.body.as_deref().unwrap_or(""));
                let user = form.iter().find(|(k, _)| k == "username").map_or("?", |(_, v)| v.as_str());
                let record = self.new_record(&SessionId::from_untrusted("<new-id>"), user, SortedMap::new(), now);
                let op = StoreOp::bulk(StoreOpKind::Failed, Vec::new(), self.dialect().insert(&record, now));
                (op, StoreErrand::SaveNew)
            }
        };
        let (narration, verdict) = if self.dialect() == StoreDialect::ConnectRedis && self.preset().key == "express" {
            (ServerMessage::StoreDownExpress { store, doing }, ServerMessage::StoreDownExpressVerdict)
        } else {
            // Another preset sharing a Redis speaks connect-redis's commands, through a client of its own.
            (ServerMessage::StoreDown { store, doing }, ServerMessage::StoreDownVerdict)
        };
        let (narration, verdict) = (say(narration), say(verdict));
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, verdict));
        Response::text(Status::INTERNAL_SERVER_ERROR, &say(ServerMessage::StoreUnavailableBody))
    }

    /// True for express-session with its own connect-redis store.
    fn is_express_on_redis(&self) -> bool {
        self.preset().key == "express" && self.dialect() == StoreDialect::ConnectRedis
    }

    fn profile(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let Some(record) = self.authenticate(request, ctx) else {
            return self.unauthorized(ctx.tracer, &say(ServerMessage::LogInToSeeProfileBody));
        };
        let role = record.data.get("role").map(String::as_str).unwrap_or("user");
        let narration = if self.mechanism() == Mechanism::Token {
            crate::text::say(crate::text::message::TokenMessage::Profile { user: &record.user, role })
        } else {
            say(ServerMessage::Profile { user: &record.user, role })
        };
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        let since = record.created.to_string();
        Response::text(Status::OK, &say(ServerMessage::ProfileBody { user: &record.user, role, since: &since }))
    }

    /// Ending a server-side session at logout: the record deleted, the
    /// cookie expired, or one of the two, as the logout mode says.
    fn end_session(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let now = ctx.now;
        let ticket = self.read_ticket(request);
        self.push_ticket_step(&ticket, ctx.tracer);
        let mode = self.settings.logout;
        let ends_session = matches!(mode, LogoutMode::DeleteAndExpire | LogoutMode::ServerOnly);
        let php_without_session =
            matches!(&ticket, Ticket::Id(id, _) if !ctx.store.contains(id)) && self.php_files() && ends_session;
        if let (Ticket::Id(id, _), true) = (&ticket, php_without_session) {
            self.php_destroy_without_session(id, ctx);
        } else if let (Ticket::Id(id, _), true) = (&ticket, ends_session) {
            let record = ctx.store.delete(id);
            ctx.store_changed();
            let narration = say(ServerMessage::LogoutDeleted { user: record.as_ref().map(|r| r.user.as_str()) });
            let mut command = self.dialect().delete(id, record.as_ref().map(|r| r.user.as_str()));
            // express-session, Django, PHP and Spring Session load the session
            // as the request begins, before the app destroys it; tower-sessions
            // loads lazily.
            if matches!(
                self.dialect(),
                StoreDialect::ConnectRedis
                    | StoreDialect::DjangoDb
                    | StoreDialect::PhpFiles
                    | StoreDialect::SpringRedis
            ) {
                command = command.after(self.dialect().lookup(id, now));
            }
            let op = StoreOp::on(StoreOpKind::Delete, id, command).found(record.as_ref().map(|r| r.user.as_str()));
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        }
        let response = Response::text(Status::OK, &say(ServerMessage::LoggedOutBody));
        let had_ticket = matches!(ticket, Ticket::Id(..));
        let narration = say(ServerMessage::LogoutCookie { mode, had_ticket });
        let narration = format!("{narration}{}", self.refused_removal_note(mode));
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        match mode {
            LogoutMode::ServerOnly => response,
            _ => response.with_header("Set-Cookie", self.removal_cookie(now)),
        }
    }

    fn logout_everywhere(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let now = ctx.now;
        if self.mechanism() == Mechanism::Token {
            let Some(record) = self.authenticate(request, ctx) else {
                return self.unauthorized(ctx.tracer, &say(ServerMessage::LogInFirstBody));
            };
            self.end_all_tokens_of(&record.user, false, ctx);
            // With the fixes, every login (this one too) has just ended: this client forgets its copies.
            if self.settings.refresh || self.settings.token_version {
                return self
                    .forget_tokens(&crate::text::say(crate::text::message::RefreshMessage::LoggedOutEverywhereBody));
            }
            // What the server can do is what a logout does: this client forgets its copy.
            return self.end_token(request, ctx);
        }
        let Some(record) = self.authenticate_ending(request, ctx) else {
            return self.unauthorized(ctx.tracer, &say(ServerMessage::LogInFirstBody));
        };
        // The app ends the other sessions first, then the one that asked.
        let removed = self.delete_user_sessions(&record.user, None, Some(&record.id), ctx);
        let narration = say(match &ctx.node_name() {
            Some(node) => ServerMessage::LoggedOutEverywhereOnNode { node, user: &record.user, ended: removed },
            None => ServerMessage::LoggedOutEverywhere { user: &record.user, ended: removed },
        });
        let narration = format!("{narration}{}", self.refused_removal_note(self.settings.logout));
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        let response = Response::text(Status::OK, &say(ServerMessage::LoggedOutEverywhereBody { removed }));
        match self.settings.logout {
            LogoutMode::ServerOnly => response,
            _ => response.with_header("Set-Cookie", self.removal_cookie(now)),
        }
    }

    fn unauthorized(&self, tracer: &mut Tracer, body: &str) -> Response {
        let narration = match self.mechanism() {
            Mechanism::ServerSession => say(ServerMessage::Unauthorized),
            Mechanism::Token if self.settings.refresh => {
                crate::text::say(crate::text::message::RefreshMessage::Unauthorized)
            }
            Mechanism::Token => crate::text::say(crate::text::message::TokenMessage::Unauthorized),
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::UNAUTHORIZED, body)
    }

    fn id_failure(&self, reason: &str, tracer: &mut Tracer) -> Response {
        let narration = say(ServerMessage::IdFailure { reason });
        tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::INTERNAL_SERVER_ERROR, &say(ServerMessage::IdFailureBody))
    }
}
