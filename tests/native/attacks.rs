//! The attack lab: every attack succeeds against the weak settings, and the
//! defence matrix, computed by playing each attack against each defence,
//! says exactly which defences stop which attacks.

use session_playground::attacks::{expected_seconds_to_guess, matrix, succeeds, Attack, MatrixRow, ATTACKS};
use session_playground::defence::{Defence, DEFENCES};
use session_playground::json::{to_json, ToJson};
use session_playground::token_attacks::{
    forge_alg_none, guess_secret, play, token_matrix, token_succeeds, TokenAttack, TOKEN_ATTACKS, TOKEN_DEFENCES,
    WORD_LIST,
};

/// A matrix as its rows' names and a mark per defence, `X` where the defence
/// stops the attack; every attack must succeed undefended.
fn marks<A>(rows: Vec<MatrixRow<A>>) -> Vec<(String, String)> {
    let mark = |stops: &bool| if *stops { 'X' } else { '.' };
    rows.into_iter()
        .map(|row| {
            assert!(row.succeeds_undefended, "{} should succeed undefended", row.label);
            (row.label, row.stopped_by.iter().map(mark).collect())
        })
        .collect()
}

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
    assert_eq!(marks(matrix()), expected.map(|(label, row)| (label.to_owned(), row.to_owned())));
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
    // The engine's own JSON, read back as data (whose objects keep their keys in order).
    let data = |value: &dyn ToJson| serde_json::from_str::<serde_json::Value>(&to_json(value)).unwrap();
    let label = |d: &Defence| session_playground::say(session_playground::message::Label::Defence(*d));
    let defences: Vec<_> = DEFENCES.iter().map(|d| serde_json::json!({ "key": data(d), "label": label(d) })).collect();
    let token_defences: Vec<_> =
        TOKEN_DEFENCES.iter().map(|d| serde_json::json!({ "key": data(d), "label": label(d) })).collect();
    let engine = serde_json::json!({
        "defences": defences,
        "rows": data(&matrix()),
        "tokenDefences": token_defences,
        "tokenRows": data(&token_matrix()),
    });
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

#[test]
fn every_token_attack_succeeds_against_the_weak_token_server() {
    for attack in TOKEN_ATTACKS {
        assert!(token_succeeds(attack, None), "{attack:?} should succeed against the weak token server");
    }
}

#[test]
fn the_token_matrix_is_what_the_engine_does() {
    // A letter per defence, in TOKEN_DEFENCES order: denylist, algorithm
    // pinned, random secret, token in an HttpOnly cookie. X = stops it.
    // Alice's token is revoked before Mallory strikes in every run: only a
    // denylist makes that revocation mean anything, and only for a genuine
    // token; a forged one carries a jti nobody revoked.
    let expected = [
        ("Stolen token", "X..."),
        ("Script theft of a token (XSS)", "X..X"),
        ("Forged token with alg: none", ".X.."),
        ("Forged token, secret guessed from a word list", "..X."),
    ];
    assert_eq!(marks(token_matrix()), expected.map(|(label, row)| (label.to_owned(), row.to_owned())));
}

#[test]
fn the_dictionary_attack_finds_a_word_and_never_a_random_secret() {
    // Mallory's genuine token under the weak secret gives it away at the list's 13th word.
    let run = play(TokenAttack::GuessedSecret, None);
    assert_eq!(run.secret_found, Some(("secret".to_owned(), 13)));
    assert_eq!(WORD_LIST[12], "secret");
    // Under the 32 random bytes no word matches, so there is nothing to sign with.
    assert_eq!(play(TokenAttack::GuessedSecret, Some(Defence::StrongSecret)).secret_found, None);
    // A pinned verifier checks HS256 honestly, and a token signed with the real secret is honest HS256.
    assert!(play(TokenAttack::GuessedSecret, Some(Defence::PinnedAlgorithm)).succeeded);
}

#[test]
fn an_alg_none_forgery_is_three_parts_with_an_empty_signature() {
    let sample =
        session_playground::jwt::sign(&session_playground::jwt::Claims::new("mallory", 100, 1000, "7"), b"secret");
    let forged = forge_alg_none(&sample).unwrap();
    let parts = session_playground::jwt::split(&forged).unwrap();
    assert_eq!(parts.header_json, r#"{"alg":"none","typ":"JWT"}"#);
    assert_eq!(parts.claims_json, r#"{"sub":"alice","iat":100,"exp":1000,"jti":"forged-by-mallory"}"#);
    assert_eq!(parts.signature, "");
    assert_eq!(guess_secret(&sample).map(|(w, _)| w), Some("secret".to_owned()));
    assert_eq!(forge_alg_none("not a token"), None);
}
