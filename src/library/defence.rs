//! Defences: one change each to a world's [`Settings`], named for the page.
//!
//! A defence is a setting switched on (or, for revocation, an action the
//! attack script adds), so it belongs with the settings it changes; the attack
//! lab plays each one against each [`Attack`] (named here, played as a script
//! in `labs/attacks.rs`), and a scenario may start over with one on.

use crate::base::ids::IdSourceSetting;
use crate::browser::cookie::SameSite;
use crate::library::preset::Settings;

/// A defence against one or more attacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Defence {
    /// A new session ID at login.
    Rotation,
    /// IDs the server never issued are refused.
    StrictAdoption,
    /// IDs from a (seeded) random source instead of a counter.
    RandomIds,
    /// `HttpOnly` on the session cookie.
    HttpOnly,
    /// `SameSite=Lax` on the session cookie.
    SameSite,
    /// `Secure` on the session cookie.
    Secure,
    /// The `__Host-` prefix (which implies `Secure`, `Path=/` and no `Domain`).
    HostPrefix,
    /// A 30-minute idle timeout (Mallory strikes 31 minutes later).
    Timeouts,
    /// Alice logs out everywhere before Mallory strikes.
    Revocation,
    /// A token server keeps a denylist of revoked `jti` and checks it on
    /// every request. Not a column of the session attack matrix.
    Denylist,
    /// A token verifier that accepts HS256 only, whatever the token's header
    /// names. A column of the token matrix.
    PinnedAlgorithm,
    /// A signing secret of 32 random bytes instead of a word from a list.
    /// A column of the token matrix.
    StrongSecret,
    /// The token in an `HttpOnly` cookie instead of the page's storage. A
    /// column of the token matrix.
    TokenInHttpOnlyCookie,
    /// Signed tokens instead of server-side sessions: not a defence against
    /// an attack but the other mechanism, so a tour can start over with it
    /// and show the same actions go the other way. Not a matrix column.
    Tokens,
}

crate::base::json::json_names!(Defence {
    Rotation => "rotation", StrictAdoption => "strictAdoption", RandomIds => "randomIds", HttpOnly => "httpOnly",
    SameSite => "sameSite", Secure => "secure", HostPrefix => "hostPrefix", Timeouts => "timeouts",
    Revocation => "revocation", Denylist => "denylist", PinnedAlgorithm => "pinnedAlgorithm",
    StrongSecret => "strongSecret", TokenInHttpOnlyCookie => "tokenInHttpOnlyCookie", Tokens => "tokens"
});

/// Every defence, in the matrix's column order.
pub const DEFENCES: [Defence; 9] = [
    Defence::Rotation,
    Defence::StrictAdoption,
    Defence::RandomIds,
    Defence::HttpOnly,
    Defence::SameSite,
    Defence::Secure,
    Defence::HostPrefix,
    Defence::Timeouts,
    Defence::Revocation,
];

impl Defence {
    /// Switches this defence on in `settings`.
    pub fn apply(self, settings: &mut Settings) {
        match self {
            Defence::Rotation => settings.rotate_on_login = true,
            Defence::StrictAdoption => settings.strict_adoption = true,
            // A counter becomes a random source (seeded, so the matrix is the
            // same on every run); a CSPRNG is left alone.
            Defence::RandomIds => {
                if settings.ids == IdSourceSetting::Sequential {
                    settings.ids = IdSourceSetting::Seeded { seed: 1 }
                }
            }
            Defence::HttpOnly => settings.http_only = true,
            Defence::SameSite => settings.same_site = Some(SameSite::Lax),
            Defence::Secure => settings.secure = true,
            Defence::HostPrefix => {
                settings.host_prefix = true;
                settings.secure = true;
            }
            Defence::Timeouts => settings.idle_timeout = Some(30 * 60),
            // An action, not a setting: see `Attack::script`.
            Defence::Revocation => {}
            Defence::Denylist => settings.denylist = true,
            Defence::PinnedAlgorithm => settings.token_alg_from_header = false,
            Defence::StrongSecret => settings.token_secret = crate::library::token::DEFAULT_TOKEN_SECRET.to_owned(),
            // Out of any script's reach: a cookie the browser attaches by
            // itself, which document.cookie does not show.
            Defence::TokenInHttpOnlyCookie => {
                settings.carry = crate::library::token::Carry::Cookie;
                settings.http_only = true;
            }
            Defence::Tokens => settings.mechanism = crate::library::token::Mechanism::Token,
        }
    }
}

/// An attack on sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attack {
    /// Mallory gets a copy of Alice's ticket (malware, a shared computer, a log file).
    StolenTicket,
    /// Mallory plants her own ticket in Alice's browser before Alice logs in (session fixation).
    PlantedTicket,
    /// Mallory plants a ticket she made up, hoping the server adopts it (fixation against a permissive server).
    MadeUpTicket,
    /// Mallory guesses another session's ID from her own (sequential IDs).
    GuessedId,
    /// An injected script reads `document.cookie` and sends the ticket to Mallory.
    ScriptTheft,
    /// A form on Mallory's site makes Alice's browser change Alice's password (cross-site request forgery).
    CrossSiteForm,
    /// Alice's browser sends its ticket over plain http, where Mallory reads it.
    PlainHttp,
}

crate::base::json::json_names!(Attack {
    StolenTicket => "stolenTicket", PlantedTicket => "plantedTicket", MadeUpTicket => "madeUpTicket",
    GuessedId => "guessedId", ScriptTheft => "scriptTheft", CrossSiteForm => "crossSiteForm",
    PlainHttp => "plainHttp"
});

/// Every attack, in teaching order.
pub const ATTACKS: [Attack; 7] = [
    Attack::StolenTicket,
    Attack::PlantedTicket,
    Attack::MadeUpTicket,
    Attack::GuessedId,
    Attack::ScriptTheft,
    Attack::CrossSiteForm,
    Attack::PlainHttp,
];
