//! Who is asking: the server reads the session ID from the `Cookie` header
//! and looks it up in its store on every request, enforcing the timeouts and
//! the password hash a session carries.

use super::{Account, Context, Server, Ticket};
use crate::base::http::{cookie_values, Request};
use crate::library::preset::{Cleanup, CookieCodec};
use crate::session::store::{Expiry, Record};
use crate::text::human_duration;
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
        let touch = !self.is_express_on_redis();
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
        let Some(record) = ctx.store.get(&id).cloned() else {
            // Strict adoption: an ID the store does not hold is never adopted.
            // The server neither trusts it nor files anything under it.
            let narration = if let Some(note) = &ctx.elsewhere {
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
            ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            ctx.dead_ticket = true;
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
                ctx.store.delete(&id);
                ctx.store_changed();
                command = command.then(self.dialect().delete(&id, Some(&record.user)));
                narration.push_str(" Finding it expired, the server deletes it now (cleanup on read).");
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
                let narration = format!(
                    "The store finds {}'s record, but the password hash stored in it no longer matches the \
                     account's: the password has changed since this session began. The server flushes the session \
                     and treats the request as anonymous.",
                    record.user
                );
                let command = lookup.then(self.dialect().delete(&id, Some(&record.user)));
                // Recorded as what it ends in: the record is deleted.
                let op = StoreOp::on(StoreOpKind::Delete, &id, command).found(Some(&record.user));
                ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
                ctx.dead_ticket = true;
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
            ctx.store.touch(&id, now, Some(idle));
            ctx.store_changed();
            let touched = ctx.store.get(&id).cloned()?;
            command = command.then(self.dialect().touch(&touched, now));
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
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        ctx.store.get(&id).cloned()
    }

    pub(super) fn push_ticket_step(&self, ticket: &Ticket, tracer: &mut Tracer) {
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
