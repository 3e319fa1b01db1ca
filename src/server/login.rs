//! Logging in and changing the password: the server checks the password,
//! then issues the session (a new record under a fresh ID, the same ID kept,
//! or the ID rotated), and says how long it lasts and what its cookie does.
//!
//! Why one file of this length: login is where the libraries differ most
//! (rotation, adoption, Django keeping a key, express saving twice, PHP's
//! lazy write); each branch keeps its narration beside its rule.

use super::{Context, Server, Ticket, MAX_ID_DRAWS};
use crate::base::clock::Instant;
use crate::base::http::{form_decode, Request, Response, Status};
use crate::base::ids::{IdSource, SessionId};
use crate::base::sorted::SortedMap;
use crate::browser::cookie::CookieStyle;
use crate::library::preset::PasswordChange;
use crate::session::commands::Commands;
use crate::session::commands::StoreDialect;
use crate::session::store::{Record, SessionStore};
use crate::text::message::server::{AttributeNote, IdFailureReason, Lifetime, ServerMessage};
use crate::text::say;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind};

impl Server {
    pub(super) fn login(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let form = form_decode(request.body.as_deref().unwrap_or(""));
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let (Some(username), Some(password)) = (field("username"), field("password")) else {
            let narration = say(ServerMessage::LoginFormIncomplete);
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            return Response::text(Status::BAD_REQUEST, &say(ServerMessage::LoginFormIncompleteBody));
        };

        // The password check, against the stored salted hash. The answer is
        // the same either way: one message for an unknown user and a wrong
        // password, so the response does not reveal which usernames exist.
        let account = self.accounts.iter().find(|a| a.username == username && a.check_password(&password)).cloned();
        let Some(account) = account else {
            let narration = say(ServerMessage::WrongPassword { username: &username });
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::PasswordChecked { ok: false }, narration));
            return Response::text(Status::UNAUTHORIZED, &say(ServerMessage::WrongPasswordBody));
        };
        let user = account.username.clone();
        let narration = say(ServerMessage::PasswordMatches { user: &user });
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::PasswordChecked { ok: true }, narration));
        let mut data = SortedMap::from([("role".to_owned(), account.role.clone())]);
        if self.preset().password_change == PasswordChange::AuthHash {
            data.insert("auth_hash".to_owned(), account.auth_hash());
        }
        self.issue(request, &user, data, ctx)
    }

    /// Issuing a login as a server-side session: a record in the store under
    /// a fresh ID (or the browser's live session kept, rotated or, on a
    /// permissive server, an ID it brought adopted), handed over as a cookie.
    pub(super) fn issue_session(
        &mut self,
        request: &Request,
        user: &str,
        data: SortedMap<String, String>,
        ctx: &mut Context<'_>,
    ) -> Response {
        let now = ctx.now;
        let user = user.to_owned();
        // Does the browser already hold a live session? Logging in changes
        // its privilege, so what happens to that session's ID matters.
        let ticket = self.read_ticket(request);
        let offered = if let Ticket::Id(id, _) = &ticket { Some(id.clone()) } else { None };
        // A cookie naming one of PHP's empty sessions: the login fills it.
        if let Some(id) =
            offered.as_ref().filter(|id| self.php_empty.contains_key(*id) && !self.settings.rotate_on_login)
        {
            self.push_ticket_step(&ticket, ctx.tracer);
            return self.php_fill_empty(&id.clone(), &user, data, ctx);
        }
        // express-session touches (EXPIRE) only a session the request did not
        // change, and a login regenerates it: its lookup here is a bare GET.
        // PHP touches or writes the file once, as the request ends (below).
        // Spring Session saves the new lastAccessedTime with the rest, after the rename.
        let touch = !self.is_express_on_redis()
            && !matches!(self.dialect(), StoreDialect::PhpFiles | StoreDialect::SpringRedis);
        let existing = match ticket {
            Ticket::Missing => None,
            ticket => self.lookup_with(ticket, touch, ctx),
        };
        // A permissive server (PHP with use_strict_mode=0) adopts an ID it
        // never issued: if the browser brought one and the ID is not rotated,
        // the new session is filed under whatever ID the browser chose.
        let adopt = offered.filter(|id| {
            existing.is_none()
                && !self.settings.strict_adoption
                && !self.settings.rotate_on_login
                && !ctx.store.contains(id)
        });
        if let Some(id) = adopt {
            let record = self.new_record(&id, &user, data, now);
            let command = self.dialect().insert(&record, now);
            let _ = ctx.store.insert_new(record);
            ctx.store_changed();
            let narration = say(ServerMessage::Adopted { id: id.as_str(), user: &user });
            let op = StoreOp::on(StoreOpKind::Insert, &id, command).found(Some(&user));
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            let response = Response::text(Status::OK, &say(ServerMessage::WelcomeBody { user: &user }));
            let narration = say(ServerMessage::AdoptedResent);
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            return response.with_header("Set-Cookie", self.issue_cookie(&id, now));
        }
        if existing.is_none() {
            self.discard_unsaved_session(ctx);
        }
        let resend_cookie = !(self.preset().cookie_style == CookieStyle::Php && existing.is_some());
        let id = match existing {
            // Django's login() keeps the session key when the same user logs
            // in again (it cycles the key only from an anonymous session, and
            // flushes another user's): the session is saved under the same key
            // and the cookie re-sent.
            Some(old) if self.preset().cookie_style == CookieStyle::Django && old.user == user => {
                let Some(record) = self.keep_for(&old.id, &user, data, ctx) else {
                    return self
                        .id_failure(&say(ServerMessage::IdFailureReason(IdFailureReason::Vanished)), ctx.tracer);
                };
                let narration = say(ServerMessage::DjangoKeepsKey { user: &user });
                let op = StoreOp::on(StoreOpKind::Update, &old.id, self.dialect().update(&record, &old.user, now))
                    .found(Some(&user));
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                old.id
            }
            // Rotation: the session gets a new ID and the old one dies. An ID
            // that existed before login, perhaps planted by an attacker, never
            // becomes a logged-in one. This is the defence against session fixation.
            Some(old) if self.settings.rotate_on_login => {
                let refile = |store: &mut SessionStore, new_id: &SessionId| {
                    store.reassign(new_id, &user, data);
                    self.restart_clocks(new_id, store, now);
                };
                let (new_id, refused, op) = match self.rotate(&old.id, &user, ctx, refile) {
                    Ok(rotated) => rotated,
                    Err(failure) => return failure,
                };
                let narration = say(ServerMessage::Rotated { collided: &refused, ids: ctx.ids });
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                new_id
            }
            // No rotation: the same ID now means "logged in as <user>".
            Some(old) => {
                let Some(record) = self.keep_for(&old.id, &user, data, ctx) else {
                    return self
                        .id_failure(&say(ServerMessage::IdFailureReason(IdFailureReason::Vanished)), ctx.tracer);
                };
                let narration = say(ServerMessage::KeptWithoutRotation { user: &user });
                // PHP's lazy_write: data that did not change is not written
                // again; the file is only touched, which keeps it from the collector.
                let unchanged = old.user == record.user && old.data == record.data;
                let command = if self.dialect() == StoreDialect::PhpFiles && unchanged {
                    self.dialect().touch(&record, now)
                } else {
                    self.dialect().update(&record, &old.user, now)
                };
                let op = StoreOp::on(StoreOpKind::Update, &old.id, command).found(Some(&user));
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                old.id
            }
            None => {
                let (id, refused) = match self.fresh_id(ctx) {
                    Ok(drawn) => drawn,
                    Err(reason) => return self.id_failure(&reason, ctx.tracer),
                };
                let record = self.new_record(&id, &user, data, now);
                let command = self.saved_again(self.dialect().insert(&record, now), &record, now);
                // `fresh_id` only returns IDs the store does not hold, so this cannot collide.
                let _ = ctx.store.insert_new(record);
                ctx.store_changed();
                let narration = say(ServerMessage::Filed {
                    collided: &refused,
                    ids: ctx.ids,
                    id: id.as_str(),
                    format: self.preset().id_format,
                    store: self.dialect(),
                    user: &user,
                    expiry: self.lifetime(),
                });
                let op = StoreOp::on(StoreOpKind::Insert, &id, command).found(Some(&user));
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                id
            }
        };

        // The ticket matters here, not its fine print: the inspector explains
        // each attribute line by line. Only a cookie missing a protection
        // (HttpOnly or SameSite) says so in the narration.
        let notes = self.attribute_notes();
        let notes = (!(self.settings.http_only && self.settings.same_site.is_some())).then_some(notes.as_slice());
        let narration = say(ServerMessage::HandedOver { codec: self.preset().codec, notes });
        let response = Response::text(Status::OK, &say(ServerMessage::WelcomeBody { user: &user }));
        if !resend_cookie {
            // PHP sends the session cookie only with a session ID that is new.
            let narration = say(ServerMessage::PhpNoNewCookie);
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            return response;
        }
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        response.with_header("Set-Cookie", self.issue_cookie(&id, now))
    }

    /// Rotation, at login and at a password change: session `old` of `user`
    /// goes on under a fresh ID no live session has, and the old ID dies.
    /// `refile` changes the renamed record before it is saved (a login files
    /// it for the user with its clocks restarted). Returns the new ID, the
    /// drawn IDs refused because live sessions had them, and the rename as
    /// the store writes it; or the 500 response when no ID could be had.
    pub(super) fn rotate(
        &self,
        old: &SessionId,
        user: &str,
        ctx: &mut Context<'_>,
        refile: impl FnOnce(&mut SessionStore, &SessionId),
    ) -> Result<(SessionId, Vec<SessionId>, StoreOp), Response> {
        let now = ctx.now;
        let (new_id, refused) = self.fresh_id(ctx).map_err(|reason| self.id_failure(&reason, ctx.tracer))?;
        if ctx.store.rename(old, &new_id).is_err() {
            return Err(self.id_failure(&say(ServerMessage::IdFailureReason(IdFailureReason::NewIdTaken)), ctx.tracer));
        }
        refile(ctx.store, &new_id);
        let Some(record) = ctx.store.get(&new_id).cloned() else {
            return Err(
                self.id_failure(&say(ServerMessage::IdFailureReason(IdFailureReason::RenamedVanished)), ctx.tracer)
            );
        };
        ctx.store_changed();
        let command = self.saved_again(self.dialect().rename(old, &record, now), &record, now);
        let mut op = StoreOp::on(StoreOpKind::Rename, &new_id, command).found(Some(user));
        op.old_id = Some(old.clone());
        Ok((new_id, refused, op))
    }

    /// The save at login, as express-session's documented login runs it:
    /// `req.session.save()` writes the session, and express-session saves
    /// it again as the response ends (the regenerated session counts as
    /// modified), so connect-redis sends the same `SET` twice.
    pub(super) fn saved_again(&self, command: Commands, record: &Record, now: Instant) -> Commands {
        if self.is_express_on_redis() {
            command.then(self.dialect().insert(record, now))
        } else {
            command
        }
    }

    /// A login without a live session still begins from the session the
    /// library made for this request: express-session gives every request
    /// one (unsaved, with saveUninitialized: false), and `regenerate()`
    /// destroys it; tower-sessions' `cycle_id()` deletes the session's ID.
    /// Either way the store is told to delete an ID it never held.
    pub(super) fn discard_unsaved_session(&mut self, ctx: &mut Context<'_>) {
        let now = ctx.now;
        let dialect = self.dialect();
        let why = if self.is_express_on_redis() {
            say(ServerMessage::ExpressDiscardsUnsaved)
        } else if dialect == StoreDialect::TowerRedis {
            say(ServerMessage::TowerDiscardsUnsaved)
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
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, why).store_op(op));
    }

    pub(super) fn change_password(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let now = ctx.now;
        if self.mechanism() == super::Mechanism::Token {
            return self.change_password_with_token(request, ctx);
        }
        let Some(record) = self.authenticate_ending(request, ctx) else {
            return self.unauthorized(ctx.tracer, &say(ServerMessage::LogInFirstBody));
        };
        let new_password = match new_password_in(request, ctx) {
            Ok(password) => password,
            Err(refusal) => return refusal,
        };
        let mut new_hash = None;
        if let Some(account) = self.accounts.iter_mut().find(|a| a.username == record.user) {
            account.set_password(&new_password);
            new_hash = Some(account.auth_hash());
        }
        let (ended, mut narration) = match self.preset().password_change {
            PasswordChange::DeleteOthers => {
                let ended = self.delete_user_sessions(&record.user, Some(&record.id), None, ctx);
                let text = say(ServerMessage::PasswordChangedDeletesOthers { user: &record.user });
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
                ctx.store.reassign(&record.id, &record.user, data);
                if self.preset().expiry_from_last_save {
                    let (idle, absolute) = (self.settings.idle_timeout, self.settings.absolute_timeout);
                    ctx.store.resave(&record.id, now, idle, absolute);
                }
                ctx.store_changed();
                let text = say(ServerMessage::PasswordChangedAuthHash { user: &record.user });
                (None, text)
            }
        };
        let mut response = Response::text(Status::OK, &say(ServerMessage::PasswordChangedBody { ended }));
        // A privilege change is a reason to renew the ID too (OWASP), when rotation is on.
        if self.settings.rotate_on_login {
            let (new_id, _, op) = match self.rotate(&record.id, &record.user, ctx, |_, _| {}) {
                Ok(rotated) => rotated,
                Err(failure) => return failure,
            };
            let text = say(ServerMessage::PasswordChangeRenewsId);
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, text).store_op(op));
            response = response.with_header("Set-Cookie", self.issue_cookie(&new_id, now));
            narration.push_str(&say(ServerMessage::PasswordChangeNewTicket));
        } else {
            narration.push_str(&say(ServerMessage::PasswordChangeSameId));
            // PHP's lazy_write: the session's data did not change, so as the
            // request ends its file is only touched.
            if self.php_files() {
                ctx.store.touch(&record.id, now, self.settings.idle_timeout);
                ctx.store_changed();
                if let Some(touched) = ctx.store.get(&record.id) {
                    let op = StoreOp::on(StoreOpKind::Lookup, &record.id, self.dialect().touch(touched, now))
                        .found(Some(&record.user));
                    let text = say(ServerMessage::PhpLazyWrite);
                    ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, text).store_op(op));
                }
            }
        }
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        response
    }

    /// A password change on a token server: the password changes, and every
    /// token signed before it stays valid.
    fn change_password_with_token(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let Some(record) = self.authenticate(request, ctx) else {
            return self.unauthorized(ctx.tracer, &say(ServerMessage::LogInFirstBody));
        };
        let new_password = match new_password_in(request, ctx) {
            Ok(password) => password,
            Err(refusal) => return refusal,
        };
        if let Some(account) = self.accounts.iter_mut().find(|a| a.username == record.user) {
            account.set_password(&new_password);
        }
        if self.settings.refresh || self.settings.token_version {
            let (refresh, version) = (self.settings.refresh, self.settings.token_version);
            let narration = crate::text::say(crate::text::message::RefreshMessage::PasswordChanged {
                user: &record.user,
                refresh,
                version,
            });
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
            if refresh {
                self.delete_refresh(&record.user, None, ctx);
            }
            if version {
                self.bump_version(&record.user, ctx);
            }
            // This device stays logged in: it is handed a login of its own,
            // signed at the new version (Django's update_session_auth_hash, for tokens).
            return self.issue_token(&record.user, ctx);
        }
        let narration = crate::text::say(crate::text::message::TokenMessage::PasswordChanged { user: &record.user });
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::OK, &say(ServerMessage::TokenPasswordChangedBody))
    }

    /// Keeps session `id` under its ID for `user` with `data`, its clocks
    /// started again, and returns the record as saved (`None` if it vanished).
    pub(super) fn keep_for(
        &self,
        id: &SessionId,
        user: &str,
        data: SortedMap<String, String>,
        ctx: &mut Context<'_>,
    ) -> Option<Record> {
        let now = ctx.now;
        ctx.store.reassign(id, user, data);
        self.restart_clocks(id, ctx.store, now);
        let record = ctx.store.get(id).cloned()?;
        ctx.store_changed();
        Some(record)
    }

    /// A login starts the session's clocks afresh, whatever the ID.
    pub(super) fn restart_clocks(&self, id: &SessionId, store: &mut SessionStore, now: Instant) {
        store.begin_anew(id, now, self.settings.idle_timeout, self.settings.absolute_timeout);
    }

    /// A new ID that no live session uses, and how many drawn IDs were
    /// refused because a live session already had them.
    pub(super) fn fresh_id(&self, ctx: &mut Context<'_>) -> Result<(SessionId, Vec<SessionId>), String> {
        let mut refused = Vec::new();
        for _ in 0..MAX_ID_DRAWS {
            let id = ctx.ids.next_id(self.preset().id_format).map_err(|e| e.to_string())?;
            // Never reuse a live ID: a collision would hand one user another's
            // session. Creation checks first, as Redis's SET NX does.
            if !ctx.store.contains(&id) {
                return Ok((id, refused));
            }
            refused.push(id);
        }
        Err(say(ServerMessage::IdFailureReason(IdFailureReason::Collided { draws: MAX_ID_DRAWS })))
    }

    pub(super) fn new_record(
        &self,
        id: &SessionId,
        user: &str,
        data: SortedMap<String, String>,
        now: Instant,
    ) -> Record {
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

    /// How long a session lasts, as the timeouts say.
    pub(super) fn lifetime(&self) -> Lifetime {
        Lifetime { idle: self.settings.idle_timeout, absolute: self.settings.absolute_timeout }
    }

    /// What the narration notes about the session cookie's attributes.
    pub(super) fn attribute_notes(&self) -> Vec<AttributeNote> {
        let preset = self.preset();
        let mut notes = vec![AttributeNote::HttpOnly(self.settings.http_only)];
        if self.settings.secure {
            notes.push(AttributeNote::Secure);
        }
        notes.push(AttributeNote::SameSite(self.settings.same_site, self.settings.browser_same_site_default));
        if self.cookie_name().starts_with("__Host-") {
            notes.push(AttributeNote::HostPrefix);
        }
        match preset.cookie_max_age {
            Some(_) if preset.cookie_style == CookieStyle::CookieCrate => notes.push(AttributeNote::MaxAgeCookieCrate),
            Some(secs) if secs > 0 => notes.push(AttributeNote::MaxAge),
            Some(_) => {}
            None => notes.push(AttributeNote::SessionCookie),
        }
        notes.push(AttributeNote::PathRoot);
        notes
    }
}

fn new_password_in(request: &Request, ctx: &mut Context<'_>) -> Result<String, Response> {
    let form = form_decode(request.body.as_deref().unwrap_or(""));
    form.into_iter().find(|(k, _)| k == "password").map(|(_, v)| v).ok_or_else(|| {
        let narration = say(ServerMessage::PasswordFormIncomplete);
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::BAD_REQUEST, &say(ServerMessage::PasswordFormIncompleteBody))
    })
}
