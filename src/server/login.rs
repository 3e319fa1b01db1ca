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
use crate::browser::cookie::CookieStyle;
use crate::library::preset::{CookieCodec, PasswordChange};
use crate::session::commands::Commands;
use crate::session::commands::StoreDialect;
use crate::session::store::{Record, SessionStore};
use crate::text::human_duration;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind};
use std::collections::BTreeMap;

impl Server {
    pub(super) fn login(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let form = form_decode(request.body.as_deref().unwrap_or(""));
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let (Some(username), Some(password)) = (field("username"), field("password")) else {
            let narration = "The form lacks a username or a password field, so the server answers 400 Bad Request.";
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
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
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::PasswordChecked { ok: false }, narration));
            return Response::text(Status::UNAUTHORIZED, "Wrong username or password.");
        };
        let user = account.username.clone();
        let narration = format!(
            "The server checks the password for \u{201c}{user}\u{201d} against its accounts: it matches. Now it must \
             remember that this browser is {user} for the requests to come."
        );
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::PasswordChecked { ok: true }, narration));
        let mut data = BTreeMap::from([("role".to_owned(), account.role.clone())]);
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
        data: BTreeMap<String, String>,
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
            let narration = format!(
                "This server is permissive: it adopts the ID the browser brought, {id}, though it never issued it, and \
                 files {user}'s session under it. Whoever chose that ID (Mallory, say, who planted it) now holds a \
                 ticket to {user}'s session. Strict adoption, or rotation at login, would have stopped this."
            );
            let op = StoreOp::on(StoreOpKind::Insert, &id, command).found(Some(&user));
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            let response = Response::text(Status::OK, &format!("Welcome, {user}. You are logged in."));
            let narration = "The server answers 200 OK. It re-sends the same ticket in a Set-Cookie.";
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
                    return self.id_failure("the session vanished", ctx.tracer);
                };
                let narration = format!(
                    "The session already belongs to {user}, so Django's login() keeps its key: it rotates the key \
                     only when an anonymous session logs in, and empties the session when another user's was \
                     there. The session is saved again under the same key, its two weeks counted afresh."
                );
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
                let narration = format!(
                    "{}The browser already had a live session, so the server gives it a new ID ({}) and deletes the \
                     old one. Whoever knew the old ID (say, someone who planted it) is left with a dead ticket: \
                     this is the defence against session fixation.",
                    collision_note(&refused),
                    ctx.ids.describe()
                );
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                new_id
            }
            // No rotation: the same ID now means "logged in as <user>".
            Some(old) => {
                let Some(record) = self.keep_for(&old.id, &user, data, ctx) else {
                    return self.id_failure("the session vanished", ctx.tracer);
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
                let how = match ctx.ids {
                    IdSource::Sequential { .. } => {
                        format!("takes the next number from its counter, {id}: anyone can guess its neighbours")
                    }
                    _ => format!(
                        "draws a new session ID from its {}: {}",
                        ctx.ids.describe(),
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
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
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
            return Err(self.id_failure("the new ID was taken", ctx.tracer));
        }
        refile(ctx.store, &new_id);
        let Some(record) = ctx.store.get(&new_id).cloned() else {
            return Err(self.id_failure("the renamed session vanished", ctx.tracer));
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
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, why).store_op(op));
    }

    pub(super) fn change_password(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let now = ctx.now;
        if self.mechanism() == super::Mechanism::Token {
            return self.change_password_with_token(request, ctx);
        }
        let Some(record) = self.authenticate_ending(request, ctx) else {
            return self.unauthorized(ctx.tracer, "Please log in first.");
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
                ctx.store.reassign(&record.id, &record.user, data);
                if self.preset().expiry_from_last_save {
                    let (idle, absolute) = (self.settings.idle_timeout, self.settings.absolute_timeout);
                    ctx.store.resave(&record.id, now, idle, absolute);
                }
                ctx.store_changed();
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
            let (new_id, _, op) = match self.rotate(&record.id, &record.user, ctx, |_, _| {}) {
                Ok(rotated) => rotated,
                Err(failure) => return failure,
            };
            let text = "The current session keeps going under a new ID: a privilege change is a reason to renew it.";
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, text).store_op(op));
            response = response.with_header("Set-Cookie", self.issue_cookie(&new_id, now));
            narration.push_str(" This browser gets its new ticket in a Set-Cookie.");
        } else {
            narration.push_str(" This browser's session goes on with the same ID.");
            // PHP's lazy_write: the session's data did not change, so as the
            // request ends its file is only touched.
            if self.php_files() {
                ctx.store.touch(&record.id, now, self.settings.idle_timeout);
                ctx.store_changed();
                if let Some(touched) = ctx.store.get(&record.id) {
                    let op = StoreOp::on(StoreOpKind::Lookup, &record.id, self.dialect().touch(touched, now))
                        .found(Some(&record.user));
                    let text = "As the request ends PHP saves the session: its data did not change, so the file is \
                                only touched (lazy_write), which keeps it from the garbage collector.";
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
            return self.unauthorized(ctx.tracer, "Please log in first.");
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
            let narration = crate::text::refresh::password_changed(&record.user, refresh, version);
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
        let narration = crate::text::token::password_changed(&record.user);
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::OK, "Password changed. Tokens already issued stay valid until they expire.")
    }

    /// Keeps session `id` under its ID for `user` with `data`, its clocks
    /// started again, and returns the record as saved (`None` if it vanished).
    pub(super) fn keep_for(
        &self,
        id: &SessionId,
        user: &str,
        data: BTreeMap<String, String>,
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
        Err(format!("{MAX_ID_DRAWS} draws in a row collided with live sessions"))
    }

    pub(super) fn new_record(
        &self,
        id: &SessionId,
        user: &str,
        data: BTreeMap<String, String>,
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

    pub(super) fn expiry_sentence(&self) -> String {
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

    pub(super) fn codec_note(&self) -> &'static str {
        match self.preset().codec {
            CookieCodec::Plain => "",
            CookieCodec::ExpressSigned => {
                " (signed with an HMAC, so a changed value is noticed; a copied one still works)"
            }
            CookieCodec::Base64 => " (base64-encoded, which hides nothing)",
        }
    }

    pub(super) fn attribute_notes(&self) -> String {
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

/// Says which drawn IDs were refused because live sessions had them.
pub(super) fn collision_note(refused: &[SessionId]) -> String {
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

/// The new password a password-change form carries, or the 400 Bad Request
/// its absence earns (the same for either mechanism).
fn new_password_in(request: &Request, ctx: &mut Context<'_>) -> Result<String, Response> {
    let form = form_decode(request.body.as_deref().unwrap_or(""));
    form.into_iter().find(|(k, _)| k == "password").map(|(_, v)| v).ok_or_else(|| {
        let narration = "The form lacks a password field, so the server answers 400 Bad Request.";
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::BAD_REQUEST, "The form needs a new password.")
    })
}
