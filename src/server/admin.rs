//! The administrator's and the process's side: revoking one session or all
//! of a user's, a restart that loses an in-memory store, and the sweeper
//! that removes expired records.

use super::{Context, Server};
use crate::base::ids::SessionId;
use crate::library::preset::Cleanup;
use crate::session::commands::Commands;
use crate::session::commands::StoreDialect;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind, Tracer};

impl Server {
    /// Administrator revocation of one session; `None` picks the newest.
    /// No HTTP is involved and no browser is told.
    pub(crate) fn revoke(&mut self, id: Option<&SessionId>, ctx: &mut Context<'_>) {
        // A token server has no record to pick: only a token it is shown.
        if self.mechanism() == super::Mechanism::Token && self.settings.refresh {
            return self.revoke_refresh(None, id, ctx);
        }
        if self.mechanism() == super::Mechanism::Token {
            return self.revoke_token(None, ctx);
        }
        let target = id.cloned().or_else(|| ctx.store.newest().map(|r| r.id.clone()));
        let Some(target) = target else {
            let narration = match &ctx.node_name() {
                Some(node) => format!(
                    "The administrator's request asks {node} to revoke the newest session, but {node}'s own memory \
                     holds none, and it can search no other server's. Nothing is revoked; any session another server \
                     holds survives."
                ),
                None => "An administrator opens the session store to revoke a session, but it is empty: nobody is \
                         logged in, so there is nothing to revoke."
                    .to_owned(),
            };
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        };
        let owner = ctx.store.get(&target).map(|r| r.user.clone());
        let narration = match (&owner, &ctx.node_name()) {
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
                ctx.elsewhere.as_ref().map(|note| format!(" {note}")).unwrap_or_default()
            ),
            (None, None) => "An administrator asks to revoke a session the store does not hold.".to_owned(),
        };
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        let record = ctx.store.delete(&target);
        ctx.store_changed();
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
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Administrator revocation of every session of a user.
    pub(crate) fn revoke_user(&mut self, user: &str, ctx: &mut Context<'_>) {
        if self.mechanism() == super::Mechanism::Token {
            return self.end_all_tokens_of(user, true, ctx);
        }
        let narration = match &ctx.node_name() {
            Some(node) => format!(
                "An administrator asks to end every session of {user} (say, because the account was compromised). \
                 The admin endpoint runs in {node}, which can search only its own memory."
            ),
            None => format!(
                "An administrator ends every session of {user}, on all devices at once (say, because the account \
                 was compromised)."
            ),
        };
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        self.delete_user_sessions(user, None, None, ctx);
    }

    /// The server process restarts. An in-memory store dies with it; an
    /// external store (Redis, a database, files) does not.
    pub(crate) fn restart(&mut self, ctx: &mut Context<'_>) {
        let narration = "The server process stops and starts again (a deploy, a crash, a reboot).";
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ServerRestarted, narration));
        if self.mechanism() == super::Mechanism::Token {
            return self.restart_token_server(ctx);
        }
        if self.dialect().survives_restart() {
            let narration = format!(
                "The sessions live in a separate store ({}), not in the server's memory, so they survive the \
                 restart: every ticket still works.",
                self.dialect().label()
            );
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(StoreOp::bulk(
                StoreOpKind::Flush,
                Vec::new(),
                Commands::note("(nothing: the store kept running)"),
            )));
            return;
        }
        let removed = ctx.store.clear();
        ctx.store_changed();
        let command = "(the process exited: its sessions map is gone)";
        push_memory_lost("The sessions lived in the process's memory", removed, command, ctx.tracer);
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
        let own_sweep = ctx.node_name().map(|node| format!("A background job in {node} sweeps its own memory"));
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
        let removed = expired.len() + stale_empty.len();
        let narration = format!(
            "{how}: {removed} expired session{} removed. Without such cleanup, expired records would pile up forever.",
            if removed == 1 { "" } else { "s" }
        );
        let swept = if expired.is_empty() { Commands::default() } else { self.dialect().sweep(&expired, now) };
        let command = stale_empty.iter().fold(swept, |command, id| {
            command.then(Commands::script(format!("unlink sess_{id}   (garbage collection; an empty session)")))
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
            doomed.sort_by_key(|id| id == requester);
        }
        let command = if self.php_files() {
            self.php_scan_for(user, &doomed, keep.or(requester), ctx)
        } else {
            let find = self.dialect().find_user(user, now);
            let deletes: Vec<Commands> = doomed.iter().map(|id| self.dialect().delete(id, Some(user))).collect();
            deletes.into_iter().fold(find, Commands::then)
        };
        for id in &doomed {
            ctx.store.delete(id);
        }
        ctx.store_changed();
        let narration = format!(
            "{} {user}'s sessions{} and deletes {}.",
            match &ctx.node_name() {
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
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        doomed.len()
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
    let op = StoreOp::bulk(StoreOpKind::Flush, removed, Commands::note(command));
    tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
}

/// "the one session", "both sessions", "every one of the 3 sessions".
pub(super) fn count(n: usize, one: &str, two: &str, many: &str) -> String {
    match n {
        0 => format!("no {one}s (there were none)"),
        1 => format!("the one {one}"),
        2 => two.to_owned(),
        n => many.replace("{}", &n.to_string()),
    }
}
