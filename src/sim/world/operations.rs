//! The operator's side of the world: an administrator revoking sessions
//! (through the balancer, with one store per server), servers restarting,
//! stopping and starting, the shared store going down and coming back.

use super::{NoSessionHeld, World, WorldError};
use crate::base::http::Method;
use crate::base::ids::SessionId;
use crate::library::topology::{server_name, StoreLayout};
use crate::text::message::WorldMessage;
use crate::text::say;
use crate::trace::{Actor, HttpMessage, StepDraft, StepKind, Tracer};

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
        let server = node.map(server_name);
        let narration = say(WorldMessage::AdminRouted { path, server: server.as_deref() });
        let routed = StepKind::Routed { server: node.map(server_name) };
        tracer.push(StepDraft::new(Actor::Balancer, routed, narration).message(HttpMessage::from(&request)));
        node.map(Some).ok_or(())
    }

    /// With one store per server: where else a session lives, when server `node` does not hold it.
    pub(super) fn held_elsewhere(&self, id: &SessionId, node: usize) -> Option<String> {
        let cluster = self.cluster.as_ref()?;
        let holder = (0..cluster.nodes.len()).find(|&i| i != node && cluster.nodes[i].store.contains(id))?;
        Some(say(WorldMessage::HeldElsewhere { holder: &server_name(holder), server: &server_name(node) }))
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
        let narration = match self.session_held_by(key) {
            Err(NoSessionHeld::NoTicket) => say(WorldMessage::RevokeHeldByNoTicket { browser: &label }),
            Err(NoSessionHeld::NoRecord(id)) => say(WorldMessage::RevokeHeldByNoRecord {
                browser: &label,
                id: id.as_str(),
                per_server: self.per_server(),
            }),
            Ok(id) => {
                // The ticket is the only link between a browser and its record: the
                // administrator finds the session by the ID that browser carries.
                let narration = say(WorldMessage::RevokeHeldBy { browser: &label, id: id.as_str() });
                tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
                self.revoke(Some(&id), tracer);
                return Ok(());
            }
        };
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        Ok(())
    }

    /// The token a browser holds, in its page's storage or its token cookie.
    pub(crate) fn token_held_by(&self, key: &str) -> Option<String> {
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
        let narration = say(WorldMessage::RevokeUserReach { user, server: &server_name(node), survivors: &survivors });
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
    }

    /// Restarts the server, or every app server one after another (a deploy).
    pub(super) fn restart_servers(&mut self, tracer: &mut Tracer) {
        if !self.per_server() {
            self.as_server(None, None, tracer, |server, ctx| server.restart(ctx));
            return;
        }
        let narration = say(WorldMessage::DeployRestart);
        tracer.push(StepDraft::new(Actor::Server, StepKind::ServerRestarted, narration));
        if self.server.mechanism() == crate::server::Mechanism::Token {
            // Each server's own memory held at most a denylist; the tokens need none of it.
            let count = self.cluster.as_ref().map_or(0, |c| c.nodes.len());
            let lost: usize = (0..count).map(|node| self.lose_memory_of(node, tracer).len()).sum();
            let narration = crate::text::say(crate::text::message::TokenMessage::Restart {
                denylist_entries: lost,
                survives: false,
            });
            tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        }
        let mut removed = Vec::new();
        let count = self.cluster.as_ref().map_or(0, |c| c.nodes.len());
        for node in 0..count {
            removed.extend(self.lose_memory_of(node, tracer));
        }
        let command = say(WorldMessage::NoteEachProcessExited);
        crate::server::push_memory_lost(&say(WorldMessage::LostInEachMemory), removed, &command, tracer);
    }

    pub(super) fn stop_server(&mut self, node: usize, tracer: &mut Tracer) {
        let name = server_name(node);
        let Some(cluster) = &mut self.cluster else { return };
        if !cluster.nodes[node].up {
            let narration = say(WorldMessage::AlreadyStopped { server: &name });
            tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            return;
        }
        cluster.nodes[node].up = false;
        self.refresh(tracer, None);
        let narration = say(WorldMessage::Stopped { server: &name });
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        let tokens = self.server.mechanism() == crate::server::Mechanism::Token;
        if !self.per_server() {
            // A token server keeps no logins anywhere: its users' tokens verify on any other server.
            let narration = if tokens {
                crate::text::say(crate::text::message::TokenMessage::ServerStopped { name: &name, denylist_lost: 0 })
            } else {
                say(WorldMessage::StoppedShared { server: &name })
            };
            crate::server::push_flush(narration, Vec::new(), &say(WorldMessage::NoteSharedKeptRunning), tracer);
            return;
        }
        let removed = self.lose_memory_of(node, tracer);
        if let Some(cluster) = &mut self.cluster {
            cluster.lost.extend(removed.iter().map(|id| (id.clone(), node)));
        }
        // Under tokens what a server's memory held is its denylist, never a login.
        let narration = if tokens {
            crate::text::say(crate::text::message::TokenMessage::ServerStopped {
                name: &name,
                denylist_lost: removed.len(),
            })
        } else {
            say(WorldMessage::StoppedLosing { server: &name, lost: removed.len() })
        };
        crate::server::push_flush(narration, removed, &say(WorldMessage::NoteServerExited { server: &name }), tracer);
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
            say(WorldMessage::AlreadyRunning { server: &name })
        } else {
            cluster.nodes[node].up = true;
            say(WorldMessage::Started { server: &name })
        };
        self.refresh(tracer, None);
        tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
    }

    pub(super) fn set_store_reachable(&mut self, reachable: bool, tracer: &mut Tracer) {
        let dialect = self.server.settings.store_dialect();
        let narration = match &mut self.cluster {
            _ if !dialect.survives_restart() => say(WorldMessage::NoSeparateStore),
            None => say(WorldMessage::NoSharedStore),
            Some(cluster) if cluster.store_reachable == reachable => say(WorldMessage::StoreAlready { reachable }),
            Some(cluster) => {
                cluster.store_reachable = reachable;
                say(match reachable {
                    true => WorldMessage::StoreBack { store: dialect },
                    false => WorldMessage::StoreDown { store: dialect },
                })
            }
        };
        self.refresh(tracer, None);
        tracer.push(StepDraft::new(Actor::Store, StepKind::AdminAction, narration));
    }
}
