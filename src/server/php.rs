//! PHP's session module on its files handler, where it differs from the
//! other libraries: strict mode answers a cookie that names no session file
//! with a fresh, empty session under a new ID (and its cookie), a login fills
//! such a session without a new cookie, the app's "log out everywhere" scans
//! the session directory file by file, and the garbage collector removes the
//! empty files too.

use super::{Context, Mechanism, Server, Ticket};
use crate::base::clock::Instant;
use crate::base::http::{Method, Request, Response, Status};
use crate::base::ids::SessionId;
use crate::base::sorted::SortedMap;
use crate::browser::cookie::CookieStyle;
use crate::library::preset::LogoutMode;
use crate::session::commands::{Commands, StoreDialect};
use crate::text::message::ServerMessage;
use crate::text::say;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind};

impl Server {
    /// PHP's session module on its files handler (not a token server, which
    /// is the app's own code: no session module runs).
    pub(super) fn php_files(&self) -> bool {
        self.mechanism() == Mechanism::ServerSession
            && self.preset().cookie_style == CookieStyle::Php
            && self.dialect() == StoreDialect::PhpFiles
    }

    /// Whether PHP's strict mode will start a fresh session for this request:
    /// `session_start()` runs (a route that resumes a session, with the
    /// session cookie present) and the cookie names no session file. The
    /// files handler checks with a `stat()`; strict mode refuses to adopt the
    /// ID and starts a new session under a new one, whose cookie it sends. A
    /// login draws its own ID as it starts its session, so it is not counted.
    pub(super) fn php_replaces_unknown_id(&self, request: &Request, ctx: &Context<'_>) -> bool {
        let php = self.mechanism() == Mechanism::ServerSession && self.preset().cookie_style == CookieStyle::Php;
        if !php || !self.settings.strict_adoption {
            return false;
        }
        let login = request.method == Method::Post && request.path == "/login";
        let Ticket::Id(id, _) = self.read_ticket(request) else { return false };
        !login && self.php_starts_session_on(request) && !ctx.store.contains(&id) && !self.php_empty.contains_key(&id)
    }

    /// Whether the PHP app calls `session_start()` on this route when the
    /// cookie is there: every route but a logout that only expires the
    /// cookie, and a page the app does not have.
    pub(super) fn php_starts_session_on(&self, request: &Request) -> bool {
        let known = matches!(
            (request.method, request.path.as_str()),
            (Method::Post, "/login" | "/logout" | "/logout-everywhere" | "/password") | (Method::Get, "/profile")
        );
        let client_only_logout = request.path == "/logout" && self.settings.logout == LogoutMode::ClientOnly;
        known && !client_only_logout
    }

    /// `session_destroy()` where the cookie names no session with a user in
    /// it: PHP deletes the empty file it names, or, in strict mode, the fresh
    /// session it has just started in place of an unknown ID (whose cookie
    /// this response still carries).
    pub(super) fn php_destroy_without_session(&mut self, id: &SessionId, ctx: &mut Context<'_>) {
        let (target, command, narration) = if self.php_empty.remove(id).is_some() {
            let narration = say(ServerMessage::PhpDestroysEmpty { id: id.as_str() });
            (id.clone(), Commands::script(format!("unlink sess_{id}")), narration)
        } else if let Some(fresh) = ctx.php_fresh.clone() {
            let narration = say(ServerMessage::PhpDestroysFresh { id: id.as_str(), fresh: fresh.as_str() });
            let command =
                Commands::script(format!("stat sess_{id}   (no such file)\ncreate sess_{fresh}\nunlink sess_{fresh}"));
            (fresh, command, narration)
        } else {
            let narration = say(ServerMessage::LogoutDeleted { user: None });
            (id.clone(), self.dialect().delete(id, None), narration)
        };
        let op = StoreOp::on(StoreOpKind::Delete, &target, command);
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// PHP's answer to a cookie whose ID names no session with a user in it:
    /// an empty file of its own making, a fresh session in place of an
    /// unknown ID (strict mode), or, at a login, only the check for the file.
    pub(super) fn php_no_session_under(&mut self, id: &SessionId, ctx: &mut Context<'_>) {
        let now = ctx.now;
        // An empty file has nothing to read (the files handler returns an
        // empty string for a file of 0 bytes); the session is written back,
        // still empty, as the request ends, which also renews its mtime.
        if self.php_empty.contains_key(id) {
            self.php_empty.insert(id.clone(), now);
            let narration = say(ServerMessage::PhpFindsEmpty { id: id.as_str() });
            let op = StoreOp::on(StoreOpKind::Lookup, id, Commands::script(format!("write sess_{id}: ")));
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            return;
        }
        // The files handler's validate_sid is a stat() of the file: no read.
        let stat = format!("stat sess_{id}   (no such file)");
        let Some(fresh) = ctx.php_fresh.clone() else {
            let narration = say(ServerMessage::PhpNoFileAtLogin { id: id.as_str() });
            let op = StoreOp::on(StoreOpKind::Lookup, id, Commands::script(stat));
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            return;
        };
        self.php_empty.insert(fresh.clone(), now);
        let narration = say(ServerMessage::PhpStartsFresh { id: id.as_str(), fresh: fresh.as_str() });
        let command = Commands::script(format!("{stat}\ncreate sess_{fresh}\nwrite sess_{fresh}: "));
        let op = StoreOp::on(StoreOpKind::Insert, &fresh, command);
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// A login whose cookie names one of PHP's empty sessions: PHP resumes it
    /// and fills it, under the ID it issued on an earlier request.
    pub(super) fn php_fill_empty(
        &mut self,
        id: &SessionId,
        user: &str,
        data: SortedMap<String, String>,
        ctx: &mut Context<'_>,
    ) -> Response {
        let now = ctx.now;
        self.php_empty.remove(id);
        let record = self.new_record(id, user, data, now);
        let command = self.dialect().update(&record, "", now);
        // The ID is in no record (the lookup just missed), so this cannot collide.
        let _ = ctx.store.insert_new(record);
        ctx.store_changed();
        let narration = say(ServerMessage::PhpFillsEmpty { id: id.as_str(), user });
        // An empty session handed to a user, under the ID it had: an update.
        let op = StoreOp::on(StoreOpKind::Update, id, command).found(Some(user));
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        let narration = say(ServerMessage::PhpNoNewCookie);
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        Response::text(Status::OK, &say(ServerMessage::WelcomeBody { user }))
    }

    /// PHP keeps no index by user: the app globs the session directory (in
    /// name order) and reads every file but its own session's, unlinking
    /// each of `user`'s as it finds it; an empty file gives nothing to read.
    /// The session that asked, if it is doomed, goes last (`session_destroy()`).
    pub(super) fn php_scan_for(
        &self,
        user: &str,
        doomed: &[SessionId],
        current: Option<&SessionId>,
        ctx: &Context<'_>,
    ) -> Commands {
        let mut files: Vec<(SessionId, bool)> = ctx.store.rows().into_iter().map(|r| (r.id, false)).collect();
        files.extend(self.php_empty.keys().map(|id| (id.clone(), true)));
        files.retain(|(id, _)| Some(id) != current);
        crate::base::sorted::sort_by(&mut files, |a, b| a.0.as_str().cmp(b.0.as_str()));
        let mut command = Commands::default();
        for (id, empty) in files {
            if !empty {
                command = command.then(Commands::script(format!("read sess_{id}")));
            }
            if doomed.contains(&id) {
                command = command.then(self.dialect().delete(&id, Some(user)));
            }
        }
        if let Some(current) = current.filter(|id| doomed.contains(id)) {
            command = command.then(self.dialect().delete(current, Some(user)));
        }
        if command.count() == 0 {
            command = Commands::note("(no other session file)");
        }
        command
    }

    /// The empty session files PHP's garbage collector deletes at `now`: those
    /// not written for `gc_maxlifetime` (the idle timeout). Forgets them.
    pub(super) fn php_collect_empty(&mut self, now: Instant) -> Vec<SessionId> {
        let Some(lifetime) = self.settings.idle_timeout.filter(|_| self.php_files()) else { return Vec::new() };
        let stale: Vec<SessionId> =
            self.php_empty.iter().filter(|(_, at)| at.plus_secs(lifetime) <= now).map(|(id, _)| id.clone()).collect();
        for id in &stale {
            self.php_empty.remove(id);
        }
        stale
    }
}
