//! The server's session store: the coat racks behind the counter.
//!
//! Each record holds what the server knows about one login: whose it is, the
//! data that goes with it (here, the user's role), when it began and was last
//! used, and when it expires. The browser never sees any of it; it holds only
//! the ID that names the record. Deleting a record is therefore enough to end
//! a session everywhere at once, whoever holds a copy of the ticket.
//!
//! Beside the records the store keeps an index from user to session IDs, like
//! Spring Session's principal-name index, so "log out everywhere" and "end my
//! other sessions" find a user's sessions without scanning every record.

use crate::base::clock::Instant;
use crate::base::ids::SessionId;
use crate::base::sorted::{SortedMap, SortedSet};
use std::cell::RefCell;
use std::sync::Arc;

/// Which timeout ended a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// Too long without a request.
    Idle,
    /// Too long since login, however active.
    Absolute,
}

crate::base::json::json_names!(Expiry { Idle => "idle", Absolute => "absolute" });

/// One session record: the coat on the rack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The session ID the record is filed under.
    pub id: SessionId,
    /// The user this session authenticates.
    pub user: String,
    /// What else the server keeps with the session.
    pub data: SortedMap<String, String>,
    /// When the session was created (at login).
    pub created: Instant,
    /// When a request last used it.
    pub last_seen: Instant,
    /// When it ends if no request comes first (the idle timeout), if there is one.
    pub idle_expires: Option<Instant>,
    /// When it ends regardless of activity (the absolute timeout), if there is one.
    pub absolute_expires: Option<Instant>,
}

crate::base::json::json_fields!([] Record {
    "id": id, "user": user, "data": data, "created": created, "lastSeen": last_seen, "idleExpires": idle_expires,
    "absoluteExpires": absolute_expires
});

impl Record {
    /// Whether the record has expired at `now`, and which timeout did it.
    /// An expiry instant is the first moment the session is no longer valid.
    pub fn expired_at(&self, now: Instant) -> Option<Expiry> {
        if self.absolute_expires.is_some_and(|at| now >= at) {
            Some(Expiry::Absolute)
        } else if self.idle_expires.is_some_and(|at| now >= at) {
            Some(Expiry::Idle)
        } else {
            None
        }
    }
}

/// A session store, keyed by session ID, with an index by user.
#[derive(Clone, Debug, Default)]
pub struct SessionStore {
    records: SortedMap<SessionId, (u64, Record)>,
    by_user: SortedMap<String, SortedSet<SessionId>>,
    next_serial: u64,
    /// The rows, oldest first, as the last snapshot showed them: every step
    /// until the store next changes shares this one copy.
    shown: RefCell<Option<Arc<Vec<Record>>>>,
}

/// The store already has a live record under this ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdTaken;

impl SessionStore {
    /// An empty store.
    pub fn new() -> SessionStore {
        SessionStore::default()
    }

    /// Files a new record, refusing to overwrite one with the same ID (the
    /// check Redis does with `SET NX`): a new login must never land in
    /// somebody else's session.
    pub fn insert_new(&mut self, record: Record) -> Result<(), IdTaken> {
        self.changed();
        if self.records.contains_key(&record.id) {
            return Err(IdTaken);
        }
        self.next_serial += 1;
        self.by_user.get_or_insert_with(record.user.clone(), SortedSet::new).insert(record.id.clone());
        self.records.insert(record.id.clone(), (self.next_serial, record));
        Ok(())
    }

    /// Looks an ID up, expired or not. `None` means the store never issued
    /// it or has since deleted it; either way the ID authenticates nobody.
    pub fn get(&self, id: &SessionId) -> Option<&Record> {
        self.records.get(id).map(|(_, record)| record)
    }

    /// Notes that a request just used the session: the idle timeout slides.
    pub fn touch(&mut self, id: &SessionId, now: Instant, idle_timeout: Option<u64>) {
        self.changed();
        if let Some((_, record)) = self.records.get_mut(id) {
            record.last_seen = now;
            record.idle_expires = idle_timeout.map(|secs| now.plus_secs(secs));
        }
    }

    /// Starts a record's clocks afresh at `now` (a login), in place.
    pub fn begin_anew(&mut self, id: &SessionId, now: Instant, idle: Option<u64>, absolute: Option<u64>) {
        self.changed();
        if let Some((_, record)) = self.records.get_mut(id) {
            record.created = now;
            record.last_seen = now;
            record.idle_expires = idle.map(|secs| now.plus_secs(secs));
            record.absolute_expires = absolute.map(|secs| now.plus_secs(secs));
        }
    }

    /// Sets a record's expiries afresh from `now`, as saving a session does
    /// where expiry counts from the last save.
    pub fn resave(&mut self, id: &SessionId, now: Instant, idle: Option<u64>, absolute: Option<u64>) {
        self.changed();
        if let Some((_, record)) = self.records.get_mut(id) {
            record.idle_expires = idle.map(|secs| now.plus_secs(secs));
            record.absolute_expires = absolute.map(|secs| now.plus_secs(secs));
        }
    }

    /// Gives an existing session to another user, keeping its ID. This is
    /// what a login without rotation does, and what session fixation exploits.
    pub fn reassign(&mut self, id: &SessionId, user: &str, data: SortedMap<String, String>) {
        self.changed();
        if let Some((_, record)) = self.records.get_mut(id) {
            let old_user = std::mem::replace(&mut record.user, user.to_owned());
            record.data = data;
            remove_from_index(&mut self.by_user, &old_user, id);
            self.by_user.get_or_insert_with(user.to_owned(), SortedSet::new).insert(id.clone());
        }
    }

    /// Moves a record to a new ID (rotation). Fails if the new ID is taken.
    pub fn rename(&mut self, old: &SessionId, new: &SessionId) -> Result<(), IdTaken> {
        self.changed();
        if self.records.contains_key(new) {
            return Err(IdTaken);
        }
        if let Some((serial, mut record)) = self.records.remove(old) {
            remove_from_index(&mut self.by_user, &record.user, old);
            record.id = new.clone();
            self.by_user.get_or_insert_with(record.user.clone(), SortedSet::new).insert(new.clone());
            self.records.insert(new.clone(), (serial, record));
        }
        Ok(())
    }

    /// Removes a record, returning it if it was there.
    pub fn delete(&mut self, id: &SessionId) -> Option<Record> {
        self.changed();
        let (_, record) = self.records.remove(id)?;
        remove_from_index(&mut self.by_user, &record.user, id);
        Some(record)
    }

    /// The IDs of every session of `user`, from the index.
    pub fn ids_of_user(&self, user: &str) -> Vec<SessionId> {
        self.by_user.get(user).map(|ids| ids.iter().cloned().collect()).unwrap_or_default()
    }

    /// Deletes every record whose expiry has passed, returning them.
    pub fn sweep(&mut self, now: Instant) -> Vec<Record> {
        let expired: Vec<SessionId> =
            self.records.values().filter(|(_, r)| r.expired_at(now).is_some()).map(|(_, r)| r.id.clone()).collect();
        expired.iter().filter_map(|id| self.delete(id)).collect()
    }

    /// Forgets everything, as a process's memory is lost when it exits:
    /// returns the IDs of the records there were, in row order.
    pub fn clear(&mut self) -> Vec<SessionId> {
        self.changed();
        let removed = self.rows().into_iter().map(|r| r.id).collect();
        self.records.clear();
        self.by_user.clear();
        removed
    }

    /// True if the store holds this ID.
    pub fn contains(&self, id: &SessionId) -> bool {
        self.records.contains_key(id)
    }

    /// Every record, oldest first, shared: the same copy until the store changes.
    pub fn shared_rows(&self) -> Arc<Vec<Record>> {
        self.shown.borrow_mut().get_or_insert_with(|| Arc::new(self.rows())).clone()
    }

    /// Whatever changes a record makes the next snapshot copy the rows again.
    fn changed(&mut self) {
        *self.shown.get_mut() = None;
    }

    /// Every record, oldest first.
    pub fn rows(&self) -> Vec<Record> {
        let mut rows: Vec<_> = self.records.values().collect();
        crate::base::sorted::sort_by_key(&mut rows, |(serial, _)| *serial);
        rows.into_iter().map(|(_, record)| record.clone()).collect()
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The most recently created record, if any.
    pub fn newest(&self) -> Option<&Record> {
        self.records.values().max_by_key(|(serial, _)| *serial).map(|(_, record)| record)
    }
}

fn remove_from_index(index: &mut SortedMap<String, SortedSet<SessionId>>, user: &str, id: &SessionId) {
    if let Some(ids) = index.get_mut(user) {
        ids.remove(id);
        if ids.is_empty() {
            index.remove(user);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, user: &str) -> Record {
        Record {
            id: SessionId::from_untrusted(id),
            user: user.into(),
            data: SortedMap::new(),
            created: Instant::START,
            last_seen: Instant::START,
            idle_expires: Some(Instant::START.plus_secs(60)),
            absolute_expires: Some(Instant::START.plus_secs(600)),
        }
    }

    #[test]
    fn the_user_index_follows_inserts_renames_reassignments_and_deletes() {
        let mut store = SessionStore::new();
        store.insert_new(record("a", "alice")).unwrap();
        store.insert_new(record("b", "alice")).unwrap();
        assert_eq!(store.insert_new(record("a", "bob")), Err(IdTaken));
        store.rename(&SessionId::from_untrusted("a"), &SessionId::from_untrusted("c")).unwrap();
        assert_eq!(store.ids_of_user("alice"), [SessionId::from_untrusted("b"), SessionId::from_untrusted("c")]);
        store.reassign(&SessionId::from_untrusted("b"), "bob", SortedMap::new());
        assert_eq!(store.ids_of_user("bob"), [SessionId::from_untrusted("b")]);
        store.delete(&SessionId::from_untrusted("c"));
        assert!(store.ids_of_user("alice").is_empty());
    }

    #[test]
    fn expiry_is_idle_or_absolute_whichever_comes_first() {
        let mut r = record("a", "alice");
        assert_eq!(r.expired_at(Instant::START.plus_secs(59)), None);
        assert_eq!(r.expired_at(Instant::START.plus_secs(60)), Some(Expiry::Idle));
        r.idle_expires = Some(Instant::START.plus_secs(900));
        assert_eq!(r.expired_at(Instant::START.plus_secs(600)), Some(Expiry::Absolute));
    }

    #[test]
    fn touching_slides_the_idle_expiry() {
        let mut store = SessionStore::new();
        store.insert_new(record("a", "alice")).unwrap();
        let id = SessionId::from_untrusted("a");
        store.touch(&id, Instant::START.plus_secs(50), Some(60));
        assert_eq!(store.get(&id).unwrap().idle_expires, Some(Instant::START.plus_secs(110)));
        assert!(store.sweep(Instant::START.plus_secs(100)).is_empty());
        assert_eq!(store.sweep(Instant::START.plus_secs(110)).len(), 1);
    }
}
