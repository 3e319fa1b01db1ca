//! The administrator's and the process's side: revoking one session or all
//! of a user's, a restart that loses an in-memory store, and the sweeper
//! that removes expired records.

use super::{Context, Server};
use crate::base::ids::SessionId;
use crate::library::preset::Cleanup;
use crate::session::commands::Commands;
use crate::text::{message::ServerMessage, say};
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind, Tracer};

impl Server {
    /// Administrator revocation of one session; `None` picks the newest.
    /// No HTTP is involved and no browser is told.
    pub(crate) fn revoke(&mut self, id: Option<&SessionId>, ctx: &mut Context<'_>) {
        // A token server has no record to pick: only a token it is shown.
        if self.mechanism() == super::Mechanism::Token && self.settings.refresh {
            return self.revoke_refresh_record(id, ctx);
        }
        if self.mechanism() == super::Mechanism::Token {
            return self.revoke_token(None, ctx);
        }
        let target = id.cloned().or_else(|| ctx.store.newest().map(|r| r.id.clone()));
        let Some(target) = target else {
            let narration = say(ServerMessage::RevokeNewestOfNone { node: ctx.node_name().as_deref() });
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        };
        let owner = ctx.store.get(&target).map(|r| r.user.clone());
        let narration = say(ServerMessage::Revoke {
            user: owner.as_deref(),
            node: ctx.node_name().as_deref(),
            target: target.as_str(),
            elsewhere: ctx.elsewhere.as_deref(),
        });
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        let record = ctx.store.delete(&target);
        ctx.store_changed();
        let narration = say(ServerMessage::RevokeDeleted { found: record.is_some() });
        let command = self.dialect().delete(&target, owner.as_deref());
        let op = StoreOp::on(StoreOpKind::Delete, &target, command).found(record.as_ref().map(|r| r.user.as_str()));
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Administrator revocation of every session of a user.
    pub(crate) fn revoke_user(&mut self, user: &str, ctx: &mut Context<'_>) {
        if self.mechanism() == super::Mechanism::Token {
            return self.end_all_tokens_of(user, true, ctx);
        }
        let narration = say(ServerMessage::RevokeUser { user, node: ctx.node_name().as_deref() });
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        self.delete_user_sessions(user, None, None, ctx);
    }

    /// The server process restarts. An in-memory store dies with it; an
    /// external store (Redis, a database, files) does not.
    pub(crate) fn restart(&mut self, ctx: &mut Context<'_>) {
        let narration = say(ServerMessage::Restart);
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ServerRestarted, narration));
        if self.mechanism() == super::Mechanism::Token {
            return self.restart_token_server(ctx);
        }
        if self.dialect().survives_restart() {
            let narration = say(ServerMessage::RestartSurvived { store: self.dialect() });
            push_flush(narration, Vec::new(), &say(ServerMessage::NoteStoreKeptRunning), ctx.tracer);
            return;
        }
        let removed = ctx.store.clear();
        ctx.store_changed();
        let command = say(ServerMessage::NoteProcessExited);
        push_memory_lost(&say(ServerMessage::LostInProcessMemory), removed, &command, ctx.tracer);
    }

    /// Background cleanup after time passed, when the cleanup mode is the sweeper.
    pub(crate) fn sweep(&mut self, ctx: &mut Context<'_>) {
        let now = ctx.now;
        if self.settings.cleanup != Cleanup::Sweeper {
            return;
        }
        let expired = ctx.store.sweep(now);
        // PHP's collector deletes every file not written for gc_maxlifetime,
        // the empty sessions of strict mode too.
        let stale_empty = self.php_collect_empty(now);
        if expired.is_empty() && stale_empty.is_empty() {
            return;
        }
        ctx.store_changed();
        let removed = expired.len() + stale_empty.len();
        let narration = say(ServerMessage::Swept { store: self.dialect(), node: ctx.node_name().as_deref(), removed });
        let swept = if expired.is_empty() { Commands::default() } else { self.dialect().sweep(&expired, now) };
        let command = stale_empty.iter().fold(swept, |command, id| {
            command.then(Commands::script(say(ServerMessage::NotePhpCollectsEmpty { id: id.as_str() })))
        });
        let op = StoreOp::bulk(StoreOpKind::Sweep, expired.into_iter().map(|r| r.id).collect(), command);
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Deletes every session of `user` except `keep`, via the index. Returns how many.
    pub(super) fn delete_user_sessions(
        &mut self,
        user: &str,
        keep: Option<&SessionId>,
        requester: Option<&SessionId>,
        ctx: &mut Context<'_>,
    ) -> usize {
        let now = ctx.now;
        let mut doomed: Vec<SessionId> =
            ctx.store.ids_of_user(user).into_iter().filter(|id| Some(id) != keep).collect();
        if let Some(requester) = requester {
            crate::base::sorted::sort_by_key(&mut doomed, |id| id == requester);
        }
        let command = if self.php_files() {
            self.php_scan_for(user, &doomed, keep.or(requester), ctx)
        } else {
            let find = self.dialect().find_user(user, now);
            // The requester's own session ends the way its logout does (read,
            // then delete); the others were read by the search already.
            let deletes: Vec<Commands> = doomed
                .iter()
                .map(|id| match requester {
                    Some(own) if own == id => self.dialect().delete(id, Some(user)),
                    _ => self.dialect().delete_found(id, Some(user)),
                })
                .collect();
            deletes.into_iter().fold(find, Commands::then)
        };
        for id in &doomed {
            ctx.store.delete(id);
        }
        ctx.store_changed();
        let narration = say(ServerMessage::UserSessionsDeleted {
            user,
            node: ctx.node_name().as_deref(),
            keeping_this_one: keep.is_some(),
            deleted: doomed.len(),
        });
        let mut op = StoreOp::bulk(StoreOpKind::DeleteUser, doomed.clone(), command);
        op.user = Some(user.to_owned());
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        doomed.len()
    }
}

/// Records that sessions kept in a process's memory died with it: `whose`
/// says where they lived, `command` what the store step shows.
pub(crate) fn push_memory_lost(whose: &str, removed: Vec<SessionId>, command: &str, tracer: &mut Tracer) {
    let narration = say(ServerMessage::MemoryLost { whose, removed: removed.len() });
    push_flush(narration, removed, command, tracer);
}

/// The store's step when a process ends: the records that died with it
/// (none when the store lives elsewhere), `note` standing for the command
/// no store runs.
pub(crate) fn push_flush(narration: String, removed: Vec<SessionId>, note: &str, tracer: &mut Tracer) {
    let op = StoreOp::bulk(StoreOpKind::Flush, removed, Commands::note(note));
    tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
}
