//! The attack lab: every attack succeeds against the weak settings, and the
//! defence matrix, computed by playing each attack against each defence,
//! says exactly which defences stop which attacks.

use session_playground::attacks::{expected_seconds_to_guess, matrix, succeeds, Attack, ATTACKS};
use session_playground::defence::{Defence, DEFENCES};

#[test]
fn every_attack_succeeds_when_nothing_defends_against_it() {
    for attack in ATTACKS {
        assert!(succeeds(attack, None), "{attack:?} should succeed against the weak settings");
    }
}

#[test]
fn each_attack_fails_once_its_own_defence_is_on() {
    let pairs = [
        (Attack::StolenTicket, Defence::Revocation),
        (Attack::PlantedTicket, Defence::Rotation),
        (Attack::MadeUpTicket, Defence::StrictAdoption),
        (Attack::GuessedId, Defence::RandomIds),
        (Attack::ScriptTheft, Defence::HttpOnly),
        (Attack::CrossSiteForm, Defence::SameSite),
        (Attack::PlainHttp, Defence::Secure),
    ];
    for (attack, defence) in pairs {
        assert!(!succeeds(attack, Some(defence)), "{defence:?} should stop {attack:?}");
    }
}

#[test]
fn the_defence_matrix_is_what_the_engine_does() {
    // One line per attack; a letter per defence, in DEFENCES order:
    // rotation, strict adoption, random IDs, HttpOnly, SameSite, Secure,
    // __Host-, idle timeout, log out everywhere. X = stops it, . = does not.
    let expected = [
        ("Stolen ticket", ".......XX"),
        ("Session fixation (planted ticket)", "X.....XXX"),
        ("Session fixation (made-up ID)", "XX....XXX"),
        ("Guessed ID", "..X....XX"),
        ("Script theft (XSS)", "...X...XX"),
        ("Cross-site request forgery", "....X..XX"),
        ("Sniffing plain http", ".....XXXX"),
    ];
    assert_eq!(DEFENCES.len(), 9);
    let got: Vec<(String, String)> = matrix()
        .into_iter()
        .map(|row| {
            assert!(row.succeeds_undefended, "{} should succeed undefended", row.label);
            (row.label.to_owned(), row.stopped_by.iter().map(|&s| if s { 'X' } else { '.' }).collect())
        })
        .collect();
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    assert_eq!(got, expected);
}

#[test]
fn guessing_128_random_bits_is_hopeless_and_64_takes_centuries() {
    // 2^64 / (100,000 × 10,000) s is 585 years; OWASP's (2^B+1)/(2AS) halves it to 292.
    let year = 365.25 * 86_400.0;
    let owasp = expected_seconds_to_guess(64.0, 100_000.0, 10_000.0) / year;
    assert!((584.0..586.0).contains(&owasp), "{owasp}");
    let strong = expected_seconds_to_guess(128.0, 1_000_000.0, 1_000_000_000.0) / year;
    assert!(strong > 1e15, "{strong}");
    // A 20-bit ID falls in seconds.
    assert!(expected_seconds_to_guess(20.0, 1_000.0, 1_000.0) < 2.0);
}

/// The page's defence matrix (`www/defence-matrix.json`) is data worked out
/// ahead of time, so the page runs no attack at load. It must say exactly
/// what the engine's own runs say; `UPDATE_SNAPSHOTS=1 cargo test --test
/// attacks` writes it again after the engine changes.
#[test]
fn the_pages_defence_matrix_is_the_one_the_engine_plays_out() {
    let defences: Vec<_> = DEFENCES.iter().map(|d| serde_json::json!({ "key": d, "label": session_playground::say(session_playground::message::Label::Defence(*d)) })).collect();
    let engine = serde_json::json!({ "defences": defences, "rows": matrix() });
    let text = format!("{}\n", serde_json::to_string_pretty(&engine).unwrap());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/defence-matrix.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let page = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        page == text,
        "www/defence-matrix.json differs from the engine's matrix (UPDATE_SNAPSHOTS=1 to regenerate):\n{text}"
    );
}
