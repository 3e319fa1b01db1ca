//! Small ordered maps and sets: a `Vec` kept sorted by key.
//!
//! The core's maps are small (a session's data, a user's sessions, a
//! browser's page storage, a cluster's pins) and are walked in key order
//! for snapshots and store commands, so the order must be the keys' order,
//! whatever order they were inserted in. `BTreeMap` gives that, but every
//! key and value type it is used with gets its own copy of its node code in
//! the wasm the page downloads. A sorted `Vec` found by binary search gives
//! the same order with a few small functions: for maps of tens of entries
//! it is also as fast, and it iterates, compares and serializes exactly as
//! `BTreeMap` does (in key order, as a JSON object).
//!
//! [`sort_by`] is the core's one sort for the same reason: the standard
//! library's sorts are generic over the items and the comparison, so each
//! call site gets its own copy of a large algorithm. Here the algorithm (a
//! stable merge sort) is one function over positions, and only a few lines
//! that read the items and move them into place are copied per call site.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;

/// Sorts `items` by `compare`, stably: items that compare equal keep their
/// order, as with the standard library's `sort_by`, so either gives the same result.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

/// Sorts `items` stably by the key `key` gives each (`sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` (given two positions) puts
/// them, ties in their first order: a bottom-up merge sort, runs of 1, 2, 4…
/// merged pairwise. Not generic, so the wasm has one copy of it.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right, mut out) = (start, middle, start);
            while left < middle && right < end {
                // Only a strictly smaller right item goes first: a tie takes
                // the left run's item, which is what keeps the sort stable.
                if compare(order[right], order[left]) == Ordering::Less {
                    merged[out] = order[right];
                    right += 1;
                } else {
                    merged[out] = order[left];
                    left += 1;
                }
                out += 1;
            }
            let rest_left = middle - left;
            merged[out..out + rest_left].copy_from_slice(&order[left..middle]);
            merged[out + rest_left..end].copy_from_slice(&order[right..end]);
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// A map whose entries are kept in key order (a sorted `Vec` of pairs).
#[derive(Clone, PartialEq, Eq)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap { entries: Vec::new() }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        SortedMap::default()
    }

    /// Where `key` is (`Ok`), or where it would go to keep the order (`Err`).
    fn position<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value under `key`, if there is one.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.position(key).ok().map(|at| &self.entries[at].1)
    }

    /// The value under `key`, to change in place.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.position(key).ok().map(|at| &mut self.entries[at].1)
    }

    /// True if the map has an entry under `key`.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.position(key).is_ok()
    }

    /// Puts `value` under `key`, in its place in the order; returns the value
    /// it replaces, if the key was there already.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.position(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// The value under `key`, first putting `make()` there if there is none
    /// (`BTreeMap`'s `entry(key).or_insert_with(make)`).
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let at = match self.position(&key) {
            Ok(at) => at,
            Err(at) => {
                self.entries.insert(at, (key, make()));
                at
            }
        };
        &mut self.entries[at].1
    }

    /// Takes the entry under `key` out, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.position(key).ok().map(|at| self.entries.remove(at).1)
    }
}

impl<K, V> SortedMap<K, V> {
    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in their keys' order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    /// Inserts each pair in turn: a later pair under the same key replaces an earlier one.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        for (key, value) in pairs {
            self.insert(key, value);
        }
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut map = SortedMap::new();
        map.extend(pairs);
        map
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A set whose members are kept in order (a [`SortedMap`] to nothing).
#[derive(Clone, PartialEq, Eq)]
pub struct SortedSet<T> {
    members: SortedMap<T, ()>,
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet { members: SortedMap::default() }
    }
}

impl<T: Ord> SortedSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        SortedSet::default()
    }

    /// Adds `member`; false if it was there already.
    pub fn insert(&mut self, member: T) -> bool {
        self.members.insert(member, ()).is_none()
    }

    /// Takes `member` out; false if it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, member: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.members.remove(member).is_some()
    }

    /// True if `member` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, member: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.members.contains_key(member)
    }
}

impl<T> SortedSet<T> {
    /// The members in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.members.keys()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Keys inserted in any order come out in order, as from a `BTreeMap`,
    /// and a second insert under a key replaces the value and says so.
    #[test]
    fn a_map_keeps_its_keys_in_order_whatever_the_insertion_order() {
        let words = ["role", "auth_hash", "denied", "zeta", "alpha", "role", "mu", "alpha"];
        let mut sorted = SortedMap::new();
        let mut btree = BTreeMap::new();
        for (i, word) in words.iter().enumerate() {
            assert_eq!(sorted.insert(word.to_string(), i), btree.insert(word.to_string(), i), "inserting {word}");
        }
        let from_sorted: Vec<_> = sorted.iter().map(|(k, v)| (k.clone(), *v)).collect();
        let from_btree: Vec<_> = btree.iter().map(|(k, v)| (k.clone(), *v)).collect();
        assert_eq!(from_sorted, from_btree);
        assert_eq!(sorted.len(), 6);
        assert_eq!(sorted.get("role"), Some(&5));
        assert_eq!(sorted.get("nope"), None);
        assert!(sorted.contains_key("mu"));
        assert_eq!(sorted.remove("mu"), Some(6));
        assert_eq!(sorted.remove("mu"), None);
        assert!(!sorted.contains_key("mu"));
        *sorted.get_mut("zeta").unwrap() += 100;
        assert_eq!(sorted.get("zeta"), Some(&103));
        *sorted.get_or_insert_with("beta".to_owned(), || 0) += 1;
        *sorted.get_or_insert_with("beta".to_owned(), || 0) += 1;
        assert_eq!(sorted.get("beta"), Some(&2));
        assert_eq!(
            sorted.keys().cloned().collect::<Vec<_>>(),
            ["alpha", "auth_hash", "beta", "denied", "role", "zeta"]
        );
        sorted.clear();
        assert!(sorted.is_empty());
    }

    /// The page reads a session's data as a JSON object with its keys in order.
    #[test]
    fn a_map_serializes_and_prints_as_a_btree_map_does() {
        let sorted = SortedMap::from([("role".to_owned(), "admin".to_owned()), ("a".to_owned(), "1".to_owned())]);
        let btree = BTreeMap::from([("role".to_owned(), "admin".to_owned()), ("a".to_owned(), "1".to_owned())]);
        let to_json = crate::base::json::to_json::<SortedMap<String, String>>;
        assert_eq!(to_json(&sorted), r#"{"a":"1","role":"admin"}"#);
        assert_eq!(format!("{sorted:?}"), format!("{btree:?}"));
        assert_eq!(crate::base::json::to_json(&SortedMap::<String, u8>::new()), "{}");
    }

    /// Maps are equal when they hold the same entries, however they were built.
    #[test]
    fn maps_built_in_different_orders_are_equal() {
        let one: SortedMap<u8, u8> = [(3, 30), (1, 10), (2, 20)].into_iter().collect();
        let mut other = SortedMap::new();
        other.extend([(2, 20), (3, 30), (1, 10)]);
        assert_eq!(one, other);
        other.insert(2, 21);
        assert_ne!(one, other);
    }

    /// The one sort gives what the standard library's stable sort gives,
    /// ties kept in their order, for every length up to 40 and many orders.
    #[test]
    fn the_sort_matches_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..40 {
            for _ in 0..20 {
                let items: Vec<(u8, usize)> = (0..len)
                    .map(|i| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        ((seed % 5) as u8, i)
                    })
                    .collect();
                let mut ours = items.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut theirs = items.clone();
                theirs.sort_by_key(|a| a.0);
                assert_eq!(ours, theirs, "sorting {items:?}");
                let mut by_key = items.clone();
                sort_by_key(&mut by_key, |item| std::cmp::Reverse(item.0));
                theirs.sort_by_key(|item| std::cmp::Reverse(item.0));
                assert_eq!(by_key, theirs);
            }
        }
    }

    #[test]
    fn a_set_keeps_its_members_in_order_once_each() {
        let mut sorted = SortedSet::new();
        let mut btree = BTreeSet::new();
        for n in [5, 3, 9, 3, 1, 5, 7] {
            assert_eq!(sorted.insert(n), btree.insert(n), "inserting {n}");
        }
        assert_eq!(sorted.iter().copied().collect::<Vec<_>>(), btree.iter().copied().collect::<Vec<_>>());
        assert!(sorted.remove(&9));
        assert!(!sorted.remove(&9));
        assert_eq!(sorted.iter().count(), 4);
        assert_eq!(format!("{sorted:?}"), "{1, 3, 5, 7}");
        let empty: SortedSet<u8> = SortedSet::new();
        assert!(empty.is_empty());
    }
}
