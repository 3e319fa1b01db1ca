//! The server's session store: the coat racks behind the counter.
//!
//! Each record holds what the server knows about one login: whose it is and
//! when it began and was last used. The browser never sees any of it; it holds
//! only the ID that names the record. Deleting a record is therefore enough to
//! end a session everywhere at once, whoever holds a copy of the ticket.

use crate::clock::Instant;
use crate::ids::SessionId;
use serde::Serialize;
use std::collections::BTreeMap;

/// One session record: the coat on the rack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// The session ID the record is filed under.
    pub id: SessionId,
    /// The user this session authenticates.
    pub user: String,
    /// When the session was created (at login).
    pub created: Instant,
    /// When a request last used it.
    pub last_seen: Instant,
}

/// An in-memory session store, keyed by session ID.
#[derive(Clone, Debug, Default)]
pub struct SessionStore {
    records: BTreeMap<SessionId, (u64, Record)>,
    next_serial: u64,
}

/// The store already has a live record under this ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdTaken;

impl SessionStore {
    /// An empty store.
    pub fn new() -> SessionStore {
        SessionStore::default()
    }

    /// Files a new record, refusing to overwrite a live one with the same ID
    /// (the check Redis does with `SET NX`): a new login must never land in
    /// somebody else's session.
    pub fn insert_new(&mut self, record: Record) -> Result<(), IdTaken> {
        if self.records.contains_key(&record.id) {
            return Err(IdTaken);
        }
        self.next_serial += 1;
        self.records
            .insert(record.id.clone(), (self.next_serial, record));
        Ok(())
    }

    /// Looks an ID up. `None` means the store never issued it or has since
    /// forgotten it; either way the ID authenticates nobody.
    pub fn get(&self, id: &SessionId) -> Option<&Record> {
        self.records.get(id).map(|(_, record)| record)
    }

    /// Notes that a request just used the session.
    pub fn touch(&mut self, id: &SessionId, now: Instant) {
        if let Some((_, record)) = self.records.get_mut(id) {
            record.last_seen = now;
        }
    }

    /// Removes a record, returning it if it was there.
    pub fn delete(&mut self, id: &SessionId) -> Option<Record> {
        self.records.remove(id).map(|(_, record)| record)
    }

    /// True if the store holds this ID.
    pub fn contains(&self, id: &SessionId) -> bool {
        self.records.contains_key(id)
    }

    /// Every record, oldest first.
    pub fn rows(&self) -> Vec<Record> {
        let mut rows: Vec<_> = self.records.values().collect();
        rows.sort_by_key(|(serial, _)| *serial);
        rows.into_iter().map(|(_, record)| record.clone()).collect()
    }

    /// How many sessions are live.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when no session is live.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The most recently created record, if any.
    pub fn newest(&self) -> Option<&Record> {
        self.records
            .values()
            .max_by_key(|(serial, _)| *serial)
            .map(|(_, record)| record)
    }
}
