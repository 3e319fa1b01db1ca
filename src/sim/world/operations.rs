//! The operator's side of the world: an administrator revoking sessions
//! (through the balancer, with one store per server), servers restarting,
//! stopping and starting, the shared store going down and coming back.

use super::{NoSessionHeld, World, WorldError};
use crate::base::http::Method;
use crate::base::ids::SessionId;
use crate::library::topology::{server_name, StoreLayout};
use crate::session::commands::Commands;
use crate::trace::{Actor, HttpMessage, StepDraft, StepKind, StoreOp, StoreOpKind, Tracer};

impl World {
    /// With one store per server, an administrator's request reaches the
    /// admin endpoint the way every request does: through the load balancer,
    /// to one server. Returns that server, or `Err` when none is running.
    /// With one server or a shared store, `Ok(None)`: the one store is at hand.
    pub(super) fn admin_route(&mut self, path: &str, tracer: &mut Tracer) -> Result<Option<usize>, ()> {
        let balancing = self.server.settings.balancing;
        let Some(cluster) =
            self.cluster.as_mut().filter(|_| self.server.settings.store_layout == StoreLayout::PerServer)
        else {
            return Ok(None);
        };
        let request =
            crate::base::http::Request { method: Method::Post, path: path.to_owned(), headers: Vec::new(), body: None };
        let node = cluster.route(balancing, &request).node;
        if let Some(view) = tracer.cluster_mut() {
            view.action.requests += 1;
            view.total.requests += 1;
        }
        self.refresh(tracer, node);
        let narration = match node {
            Some(node) => format!(
                "The administrator's request (POST {path}) goes through the load balancer like any other, and the \
                 balancer sends it to {}. The admin endpoint runs in that one process: it can search that server's \
                 memory, and no other.",
                server_name(node)
            ),
            None => format!(
                "The administrator's request (POST {path}) reaches the load balancer, but no app server is running: \
                 it answers 503 Service Unavailable, and nothing is revoked."
            ),
        };
        let routed = StepKind::Routed { server: node.map(server_name) };
        tracer.push(StepDraft::new(Actor::Balancer, routed, narration).message(HttpMessage::from(&request)));
        node.map(Some).ok_or(())
    }

    /// With one store per server: where else a session lives, when server `node` does not hold it.
    pub(super) fn held_elsewhere(&self, id: &SessionId, node: usize) -> Option<String> {
        let cluster = self.cluster.as_ref()?;
        let holder = (0..cluster.nodes.len()).find(|&i| i != node && cluster.nodes[i].store.contains(id))?;
        Some(format!(
            "The record lives in {}'s memory, out of {}'s reach: that session survives, and its ticket still works \
             there.",
            server_name(holder),
            server_name(node)
        ))
    }

    pub(super) fn revoke(&mut self, id: Option<&SessionId>, tracer: &mut Tracer) {
        let Ok(node) = self.admin_route("/admin/revoke", tracer) else { return };
        let elsewhere = node.zip(id).and_then(|(node, id)| self.held_elsewhere(id, node));
        self.as_server(node, elsewhere, tracer, |server, ctx| server.revoke(id, ctx));
    }

    /// The session a browser is using, as an administrator would pick it
    /// out: the ID in its session cookie, read as the server reads one, when
    /// a record is filed under it (in any server's memory, with one store
    /// per server). An unknown key holds nothing.
    pub(crate) fn session_held_by(&self, key: &str) -> Result<SessionId, NoSessionHeld> {
        let id = self.browser(key).and_then(|b| self.server.ticket_in(&b.jar)).ok_or(NoSessionHeld::NoTicket)?;
        let filed = match &self.cluster {
            Some(cluster) if self.per_server() => cluster.nodes.iter().any(|node| node.store.contains(&id)),
            _ => self.store.contains(&id),
        };
        if filed {
            Ok(id)
        } else {
            Err(NoSessionHeld::NoRecord(id))
        }
    }

    /// Revokes the session a browser is using. A browser holding no ticket,
    /// or one that names no record, gives the administrator nothing to
    /// delete: one step says so, and nothing changes.
    pub(super) fn revoke_held_by(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let label = self.browsers[self.index_of(key)?].label.clone();
        if self.server.mechanism() == crate::server::Mechanism::Token {
            // The administrator is shown the token that browser holds: only
            // with it in hand is there a jti to deny.
            let token = self.token_held_by(key);
            let Ok(node) = self.admin_route("/admin/revoke", tracer) else { return Ok(()) };
            self.as_server(node, None, tracer, |server, ctx| server.revoke_token(token.as_deref(), ctx));
            return Ok(());
        }
        let store = if self.per_server() { "any server's memory" } else { "the store" };
        let narration = match self.session_held_by(key) {
            Err(NoSessionHeld::NoTicket) => format!(
                "The administrator is to revoke the session {label} is using, but that browser's jar holds no \
                 session ticket the server could read: it has no session to end. Nothing changes."
            ),
            Err(NoSessionHeld::NoRecord(id)) => format!(
                "The administrator is to revoke the session {label} is using, but the ticket in its jar, {id}, names \
                 no record in {store}: that session has already ended (revoked, logged out, or expired and cleaned \
                 up). There is nothing to revoke; nothing changes."
            ),
            Ok(id) => {
                // The ticket is the only link between a browser and its record: the
                // administrator finds the session by the ID that browser carries.
                let narration = format!(
                    "The administrator picks out the session {label} is using: the record filed under the ID in \
                     that browser's session cookie, {id}."
                );
                tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
                self.revoke(Some(&id), tracer);
                return Ok(());
            }
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        Ok(())
    }

    /// The token a browser holds, in its page's storage or its token cookie.
    fn token_held_by(&self, key: &str) -> Option<String> {
        let browser = self.browser(key)?;
        let stored = browser.storage.get(crate::library::token::TOKEN_STORAGE_KEY).cloned();
        stored.or_else(|| browser.jar.get(&self.server.session_cookie_name()).map(|c| c.value.clone()))
    }

    pub(super) fn revoke_user(&mut self, user: &str, tracer: &mut Tracer) {
        let Ok(node) = self.admin_route("/admin/revoke-user", tracer) else { return };
        self.as_server(node, None, tracer, |server, ctx| server.revoke_user(user, ctx));
        let Some(node) = node else { return };
        // Say what the one server could not reach.
        let survivors: Vec<String> = self.cluster.as_ref().map_or(Vec::new(), |c| {
            (0..c.nodes.len())
                .filter(|&i| i != node && !c.nodes[i].store.ids_of_user(user).is_empty())
                .map(server_name)
                .collect()
        });
        let narration = if survivors.is_empty() {
            format!(
                "No other server holds a session of {user} now, so this time every one is gone. With one store per \
                 server that is luck: the admin endpoint could search only {}'s memory.",
                server_name(node)
            )
        } else {
            format!(
                "{user}'s sessions in {}'s memory survive: {} could not reach them. With one store per server, \
                 ending every session of a user needs every server to do it, or a shared store.",
                survivors.join(" and "),
                server_name(node)
            )
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
    }

    /// Restarts the server, or every app server one after another (a deploy).
    pub(super) fn restart_servers(&mut self, tracer: &mut Tracer) {
        if !self.per_server() {
            self.as_server(None, None, tracer, |server, ctx| server.restart(ctx));
            return;
        }
        let narration = "Every app server restarts, one after another (a deploy).";
        tracer.push(StepDraft::new(Actor::Server, StepKind::ServerRestarted, narration));
        if self.server.mechanism() == crate::server::Mechanism::Token {
            // Each server's own memory held at most a denylist; the tokens need none of it.
            let count = self.cluster.as_ref().map_or(0, |c| c.nodes.len());
            let lost: usize = (0..count).map(|node| self.lose_memory_of(node, tracer).len()).sum();
            let narration = crate::text::token::restart(lost, false);
            tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        }
        let mut removed = Vec::new();
        let count = self.cluster.as_ref().map_or(0, |c| c.nodes.len());
        for node in 0..count {
            removed.extend(self.lose_memory_of(node, tracer));
        }
        let command = "(each process exited: its sessions map is gone)";
        crate::server::push_memory_lost("Each server kept its sessions in its own memory", removed, command, tracer);
    }

    pub(super) fn stop_server(&mut self, node: usize, tracer: &mut Tracer) {
        let name = server_name(node);
        let Some(cluster) = &mut self.cluster else { return };
        if !cluster.nodes[node].up {
            let narration = format!("{name} is already stopped.");
            tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        }
        cluster.nodes[node].up = false;
        self.refresh(tracer, None);
        let narration = format!(
            "{name} stops (a crash, or taken out for a deploy). The load balancer's health checks notice, and it \
             sends {name} no more requests."
        );
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        let tokens = self.server.mechanism() == crate::server::Mechanism::Token;
        if !self.per_server() {
            // A token server keeps no logins anywhere: its users' tokens verify on any other server.
            let narration = if tokens {
                crate::text::token::server_stopped(&name, 0)
            } else {
                format!(
                    "{name} kept no sessions of its own: they live in the shared store, so none is lost. Any other \
                     server can serve {name}'s users."
                )
            };
            let op = StoreOp::bulk(
                StoreOpKind::Flush,
                Vec::new(),
                Commands::note("(nothing: the shared store kept running)"),
            );
            tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
            return;
        }
        let removed = self.lose_memory_of(node, tracer);
        if let Some(cluster) = &mut self.cluster {
            cluster.lost.extend(removed.iter().map(|id| (id.clone(), node)));
        }
        let narration = match removed.len() {
            // Under tokens what a server's memory held is its denylist, never a login.
            n if tokens => crate::text::token::server_stopped(&name, n),
            0 => "Its memory held no sessions, so no one is logged out by its stopping.".to_owned(),
            n => format!(
                "Its sessions lived in its memory, so {}: whoever was served by {name} is logged out at their next \
                 request, whichever server gets it.",
                if n == 1 { "the one it held is gone".to_owned() } else { format!("all {n} it held are gone") }
            ),
        };
        let op = StoreOp::bulk(
            StoreOpKind::Flush,
            removed,
            Commands::note(&format!("(the {name} process exited: its sessions map is gone)")),
        );
        tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Server `node`'s process ends: the sessions in its own memory are gone.
    /// Returns their IDs.
    pub(super) fn lose_memory_of(&mut self, node: usize, tracer: &mut Tracer) -> Vec<SessionId> {
        let Some(cluster) = &mut self.cluster else { return Vec::new() };
        let store = &mut cluster.nodes[node].store;
        let removed = store.clear();
        tracer.set_store(store, Some(node));
        removed
    }

    pub(super) fn start_server(&mut self, node: usize, tracer: &mut Tracer) {
        let name = server_name(node);
        let Some(cluster) = &mut self.cluster else { return };
        let narration = if cluster.nodes[node].up {
            format!("{name} is already running.")
        } else {
            cluster.nodes[node].up = true;
            format!(
                "{name} starts again, with empty memory. Once its health checks pass, the load balancer sends it \
                 requests again."
            )
        };
        self.refresh(tracer, None);
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
    }

    pub(super) fn set_store_reachable(&mut self, reachable: bool, tracer: &mut Tracer) {
        let dialect = self.server.settings.store_dialect();
        let narration = match &mut self.cluster {
            _ if !dialect.survives_restart() => "The sessions live in each server's own memory: there is no separate \
                                                 store to lose. (Stop a server instead.)"
                .to_owned(),
            None => "With one server and its own store, there is no shared store here to lose. (Choose a shared \
                     store in the settings.)"
                .to_owned(),
            Some(cluster) if cluster.store_reachable == reachable => {
                format!("The session store is already {}.", if reachable { "reachable" } else { "down" })
            }
            Some(cluster) => {
                cluster.store_reachable = reachable;
                if reachable {
                    format!(
                        "The session store ({}) is reachable again. Its records were never lost, only out of reach: \
                         every live ticket works again.",
                        dialect.label()
                    )
                } else {
                    format!(
                        "The session store ({}) goes down: the network to it fails, or it stops. Its records are \
                         safe, but no app server can read them now, so no request can be authenticated until it is \
                         back.",
                        dialect.label()
                    )
                }
            }
        };
        self.refresh(tracer, None);
        tracer.push(StepDraft::new(Actor::Store, StepKind::AdminAction, narration));
    }
}
