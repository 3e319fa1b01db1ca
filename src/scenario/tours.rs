//! The built-in guided tours: scenario files from `scenarios/`, compiled in.
//!
//! Tours are ordinary scenarios in the documented JSON format, so the page,
//! the tests and the transcript tool all read the same files an author would
//! write. A mistyped key gets the tour the author most likely meant.

use crate::scenario::{Scenario, ScenarioError};

/// Every tour: its key (the file name) and its JSON text, in teaching order.
pub const TOURS: [(&str, &str); 27] = [
    ("coat-check", include_str!("../../scenarios/coat-check.json")),
    ("revocation", include_str!("../../scenarios/revocation.json")),
    ("logout-done-right", include_str!("../../scenarios/logout-done-right.json")),
    ("logout-client-only", include_str!("../../scenarios/logout-client-only.json")),
    ("logout-server-only", include_str!("../../scenarios/logout-server-only.json")),
    ("idle-timeout", include_str!("../../scenarios/idle-timeout.json")),
    ("absolute-timeout", include_str!("../../scenarios/absolute-timeout.json")),
    ("cookie-and-record", include_str!("../../scenarios/cookie-and-record.json")),
    ("log-out-everywhere", include_str!("../../scenarios/log-out-everywhere.json")),
    ("password-change", include_str!("../../scenarios/password-change.json")),
    ("server-restart", include_str!("../../scenarios/server-restart.json")),
    ("server-restart-redis", include_str!("../../scenarios/server-restart-redis.json")),
    ("load-balancer-round-robin", include_str!("../../scenarios/load-balancer-round-robin.json")),
    ("sticky-sessions", include_str!("../../scenarios/sticky-sessions.json")),
    ("shared-store", include_str!("../../scenarios/shared-store.json")),
    ("store-outage", include_str!("../../scenarios/store-outage.json")),
    ("tokens-nothing-to-look-up", include_str!("../../scenarios/tokens-nothing-to-look-up.json")),
    ("token-revocation", include_str!("../../scenarios/token-revocation.json")),
    ("token-denylist", include_str!("../../scenarios/token-denylist.json")),
    ("sessions-vs-tokens", include_str!("../../scenarios/sessions-vs-tokens.json")),
    ("attack-stolen-ticket", include_str!("../../scenarios/attack-stolen-ticket.json")),
    ("session-fixation", include_str!("../../scenarios/session-fixation.json")),
    ("attack-made-up-id", include_str!("../../scenarios/attack-made-up-id.json")),
    ("attack-guessed-id", include_str!("../../scenarios/attack-guessed-id.json")),
    ("attack-script-theft", include_str!("../../scenarios/attack-script-theft.json")),
    ("attack-csrf", include_str!("../../scenarios/attack-csrf.json")),
    ("attack-plain-http", include_str!("../../scenarios/attack-plain-http.json")),
];

/// The tour with this key, parsed. `None` if there is no such tour.
pub fn tour(key: &str) -> Option<Result<Scenario, ScenarioError>> {
    TOURS.iter().find(|(k, _)| *k == key).map(|(_, json)| Scenario::from_json(json))
}

/// The tour key an author most likely meant by `wanted`: the nearest by edit
/// distance (letters inserted, deleted or changed), if it is a small edit
/// away, or one that contains `wanted` (four letters or more). `None` when
/// nothing is close. The page's own suggestion (www/embedding.js) uses the same rule.
pub fn closest_tour(wanted: &str) -> Option<&'static str> {
    let needle: Vec<char> = wanted.trim().to_lowercase().chars().collect();
    let mut best: Option<(&'static str, usize)> = None;
    for (key, _) in TOURS {
        let name: Vec<char> = key.chars().collect();
        let contained = needle.len() >= 4 && key.contains(needle.iter().collect::<String>().as_str());
        let distance = if contained { 1 } else { edit_distance(&needle, &name) };
        // Small means at most 2 edits, or a quarter of the key's letters for a long key.
        let small = distance <= (name.len() / 4).max(2);
        if small && best.is_none_or(|(_, d)| distance < d) {
            best = Some((key, distance));
        }
    }
    best.map(|(key, _)| key)
}

/// What to say when no tour has this key: the closest key if there is one, and every key.
pub fn no_such_tour(key: &str) -> String {
    let keys: Vec<&str> = TOURS.iter().map(|(k, _)| *k).collect();
    // Quoted with its control characters escaped: the key is the caller's input.
    let quoted = crate::base::encoding::quoted(key);
    let keys = keys.join(", ");
    crate::text::say(crate::text::message::InputProblem::NoSuchTour {
        quoted: &quoted,
        meant: closest_tour(key),
        keys: &keys,
    })
}

/// Levenshtein distance: the fewest single-letter insertions, deletions and
/// substitutions that turn `a` into `b`, one row of the table at a time.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_key_suggests_the_tour_meant() {
        assert_eq!(closest_tour("revokation"), Some("revocation"), "one letter changed");
        assert_eq!(closest_tour("revocaton"), Some("revocation"), "one letter left out");
        assert_eq!(closest_tour("Coat-Check "), Some("coat-check"), "case and spaces do not count");
        assert_eq!(closest_tour("coatcheck"), Some("coat-check"));
        assert_eq!(closest_tour("idle-timout"), Some("idle-timeout"));
        assert_eq!(closest_tour("csrf"), Some("attack-csrf"), "a part of a key");
        assert_eq!(closest_tour("server-restart-redsi"), Some("server-restart-redis"), "the nearer of two close keys");
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest_tour("toaster"), None);
        assert_eq!(closest_tour(""), None);
        assert_eq!(closest_tour("xyz"), None, "too short to be part of a key, too far from any");
    }

    #[test]
    fn the_message_names_the_key_asked_for_the_suggestion_and_every_tour() {
        let message = no_such_tour("revokation");
        assert!(message.starts_with("there is no tour called \"revokation\"; did you mean \"revocation\"? (the tours are coat-check, revocation,"), "{message}");
        assert!(message.ends_with("attack-plain-http)"), "{message}");
        assert_eq!(
            no_such_tour("toaster").split("; ").nth(1).map(|rest| rest.starts_with("the tours are coat-check")),
            Some(true)
        );
    }

    #[test]
    fn edit_distance_counts_single_letter_edits() {
        let d = |a: &str, b: &str| edit_distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        assert_eq!((d("", ""), d("abc", ""), d("", "abc")), (0, 3, 3));
        assert_eq!((d("kitten", "sitting"), d("flaw", "lawn"), d("same", "same")), (3, 2, 0));
    }
}
