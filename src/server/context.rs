//! What the server works with during one call, handed in by the caller.
//!
//! The server owns only what outlives a request: its settings, its user
//! accounts. Everything else (the time, where IDs come from, the trace being
//! written, the store it may use and which server of a cluster it runs as) is
//! the caller's, lent for one call in a [`Context`]. So with one store per
//! server the world hands each server its own store, and nothing is swapped
//! into the server or set on it and cleared afterwards.

use crate::base::clock::Instant;
use crate::base::ids::{IdSource, SessionId};
use crate::library::topology::server_name;
use crate::session::store::SessionStore;
use crate::trace::Tracer;

/// One call's world, as the server sees it.
pub(crate) struct Context<'a> {
    /// The time of the call.
    pub now: Instant,
    /// Where new session IDs come from.
    pub ids: &'a mut IdSource,
    /// The trace the server writes its steps into.
    pub tracer: &'a mut Tracer,
    /// The session store this call may use: the one store, or with one store
    /// per server the memory of the server it runs as.
    pub store: &'a mut SessionStore,
    /// With one store per server, which server this is (its index), so the
    /// narration can name it and the trace can show its store.
    pub node: Option<usize>,
    /// With one store per server: why a lookup will miss when the browser's
    /// record lives in another server's memory.
    pub elsewhere: Option<String>,
    /// Whether the request brought an ID that names no live session (some
    /// libraries then tell the browser to forget it).
    pub(crate) dead_ticket: bool,
    /// The fresh, empty session PHP's strict mode starts on this request in
    /// place of an ID it does not know (drawn before the route runs).
    pub(crate) php_fresh: Option<SessionId>,
}

impl<'a> Context<'a> {
    /// A call on `store`, as the one server (no cluster, or a shared store).
    pub fn new(now: Instant, ids: &'a mut IdSource, tracer: &'a mut Tracer, store: &'a mut SessionStore) -> Self {
        Context { now, ids, tracer, store, node: None, elsewhere: None, dead_ticket: false, php_fresh: None }
    }

    /// The same call, run by server `node` on its own memory's store.
    pub fn on_node(mut self, node: usize, elsewhere: Option<String>) -> Self {
        self.node = Some(node);
        self.elsewhere = elsewhere;
        self
    }

    /// The name of the server this runs as (`app-2`), with one store per server.
    pub fn node_name(&self) -> Option<String> {
        self.node.map(server_name)
    }

    /// The store changed: later steps show its rows.
    pub fn store_changed(&mut self) {
        self.tracer.set_store(self.store, self.node);
    }
}
