//! Who is asking: the server reads the session ID from the `Cookie` header
//! and looks it up in its store on every request, enforcing the timeouts and
//! the password hash a session carries.

use super::{Account, Context, Server, Ticket};
use crate::base::http::{cookie_values, Request};
use crate::library::preset::Cleanup;
use crate::session::store::{Expiry, Record};
use crate::text::message::server::{Expired, ServerMessage, Slide};
use crate::text::say;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind, Tracer};

impl Server {
    /// Authenticating a request by its server-side session: reads the ticket
    /// and looks it up, the work a server does on every request. Records the
    /// steps; returns the live record, if any.
    pub(super) fn authenticate_session(&mut self, request: &Request, ctx: &mut Context<'_>) -> Option<Record> {
        let ticket = self.read_ticket(request);
        self.lookup(ticket, ctx)
    }

    /// The lookup of a request that ends or replaces its own session:
    /// express-session touches only a session the request left alone, so
    /// it sends no EXPIRE here (the session is destroyed or regenerated).
    pub(super) fn authenticate_ending(&mut self, request: &Request, ctx: &mut Context<'_>) -> Option<Record> {
        let ticket = self.read_ticket(request);
        // PHP touches the file as the request ends, if the session lives on.
        let touch = !self.is_express_on_redis() && !self.php_files();
        self.lookup_with(ticket, touch, ctx)
    }

    pub(super) fn lookup(&mut self, ticket: Ticket, ctx: &mut Context<'_>) -> Option<Record> {
        self.lookup_with(ticket, true, ctx)
    }

    /// A lookup; `touch` says whether a live session's idle timeout slides.
    pub(super) fn lookup_with(&mut self, ticket: Ticket, touch: bool, ctx: &mut Context<'_>) -> Option<Record> {
        let now = ctx.now;
        self.push_ticket_step(&ticket, ctx.tracer);
        // A cookie the server cannot read names no session either.
        if matches!(ticket, Ticket::Unreadable(_)) {
            ctx.dead_ticket = true;
        }
        let Ticket::Id(id, _) = ticket else { return None };
        let lookup = self.dialect().lookup(&id, now);
        if !ctx.store.contains(&id) && self.php_files() {
            ctx.dead_ticket = true;
            self.php_no_session_under(&id, ctx);
            return None;
        }
        let Some(record) = ctx.store.get(&id).cloned() else {
            // Strict adoption: an ID the store does not hold is never adopted.
            // The server neither trusts it nor files anything under it.
            let narration = say(match &ctx.elsewhere {
                Some(elsewhere) => ServerMessage::LookupMissOnNode { elsewhere },
                None => ServerMessage::LookupMiss { strict: self.settings.strict_adoption },
            });
            let op = StoreOp::on(StoreOpKind::Lookup, &id, lookup);
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            ctx.dead_ticket = true;
            return None;
        };
        // The server enforces both timeouts itself, on every lookup.
        if let Some(expiry) = record.expired_at(now) {
            let idle_at = record.idle_expires.unwrap_or(now).to_string();
            let absolute_at = record.absolute_expires.unwrap_or(now).to_string();
            let why = match expiry {
                Expiry::Idle => Expired::Idle { at: &idle_at, secs: self.settings.idle_timeout.unwrap_or(0) },
                Expiry::Absolute if self.preset().expiry_from_last_save => {
                    Expired::SinceLastSave { at: &absolute_at, secs: self.settings.absolute_timeout.unwrap_or(0) }
                }
                Expiry::Absolute => {
                    Expired::Absolute { at: &absolute_at, secs: self.settings.absolute_timeout.unwrap_or(0) }
                }
            };
            let mut command = lookup;
            let deleted_on_read = self.settings.cleanup == Cleanup::OnRead;
            let narration = say(ServerMessage::LookupExpired { user: &record.user, why, deleted_on_read });
            if self.settings.cleanup == Cleanup::OnRead {
                ctx.store.delete(&id);
                ctx.store_changed();
                command = command.then(self.dialect().delete(&id, Some(&record.user)));
            }
            let mut op = StoreOp::on(StoreOpKind::Lookup, &id, command).found(Some(&record.user));
            op.expired = Some(expiry);
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            ctx.dead_ticket = true;
            return None;
        }
        // A session that carries a password hash must carry the current one:
        // after a password change, the other sessions fail this check.
        if let Some(stored) = record.data.get("auth_hash") {
            let current = self.accounts.iter().find(|a| a.username == record.user).map(Account::auth_hash);
            if current.as_ref() != Some(stored) {
                ctx.store.delete(&id);
                ctx.store_changed();
                let narration = say(ServerMessage::LookupStaleAuthHash { user: &record.user });
                let command = lookup.then(self.dialect().delete(&id, Some(&record.user)));
                // Recorded as what it ends in: the record is deleted.
                let op = StoreOp::on(StoreOpKind::Delete, &id, command).found(Some(&record.user));
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                ctx.dead_ticket = true;
                return None;
            }
        }
        let mut command = lookup;
        let mut slid = None;
        // Activity slides the idle timeout.
        if let (Some(idle), true) = (self.settings.idle_timeout, touch) {
            ctx.store.touch(&id, now, Some(idle));
            ctx.store_changed();
            let touched = ctx.store.get(&id).cloned()?;
            command = command.then(self.dialect().touch(&touched, now));
            let idle_end = touched.idle_expires.unwrap_or(now);
            slid = Some(match touched.absolute_expires {
                Some(absolute) if absolute <= idle_end => (true, absolute.to_string()),
                _ => (false, idle_end.to_string()),
            });
        }
        let slid = slid.as_ref().map(|(absolute, at)| if *absolute { Slide::Absolute(at) } else { Slide::Idle(at) });
        let narration = say(ServerMessage::LookupHit { user: &record.user, slid });
        let op = StoreOp::on(StoreOpKind::Lookup, &id, command).found(Some(&record.user));
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        ctx.store.get(&id).cloned()
    }

    pub(super) fn push_ticket_step(&self, ticket: &Ticket, tracer: &mut Tracer) {
        let name = self.cookie_name();
        let (id, narration) = match ticket {
            Ticket::Id(id, copies) => (
                Some(id.clone()),
                say(ServerMessage::TicketRead {
                    id: id.as_str(),
                    copies: *copies,
                    name: &name,
                    codec: self.preset().codec,
                }),
            ),
            Ticket::Unreadable(why) => (None, say(ServerMessage::TicketUnreadable { name: &name, why: *why })),
            Ticket::Missing => (None, say(ServerMessage::TicketMissing { name: &name })),
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::CookieRead { id }, narration));
    }

    /// The session ID the request claims, from its `Cookie` header.
    pub(super) fn read_ticket(&self, request: &Request) -> Ticket {
        let Some(header) = request.header("Cookie") else { return Ticket::Missing };
        let values = cookie_values(header, &self.cookie_name());
        // Like most servers, this one reads the first cookie of the session's name.
        let Some(value) = values.first() else { return Ticket::Missing };
        let copies = values.len();
        match self.decode(value) {
            Ok(id) => Ticket::Id(id, copies),
            Err(why) => Ticket::Unreadable(why),
        }
    }
}
