//! The choice between the two ways a server remembers a login, and the
//! settings of the second one, the signed token.
//!
//! A server-side session keeps a record and hands out its random ID; a
//! signed token (a JWT, [`crate::base::jwt`]) carries the claims themselves
//! and a signature only the server can make, so the server keeps nothing and
//! looks nothing up. What that buys (no store, any server can check it) and
//! what it costs (nothing to delete when a login must end before `exp`) is
//! the lesson; each fix real systems use is one more setting here, with the
//! lookup it brings back.

/// How a server remembers who logged in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mechanism {
    /// A random ID in a cookie names a record in the server's session store.
    #[default]
    ServerSession,
    /// A signed token carries who you are and until when; the server keeps no record.
    Token,
}

crate::base::json::json_names!(Mechanism { ServerSession => "session", Token => "token" });

impl Mechanism {
    /// Every mechanism with the key scenarios and the page name it by.
    pub const ALL: [(&'static str, Mechanism); 2] =
        [("session", Mechanism::ServerSession), ("token", Mechanism::Token)];
}

/// How the browser brings a token back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Carry {
    /// In a cookie the server sets (`HttpOnly` when the setting says so): the
    /// browser attaches it on its own, and a script cannot read it.
    #[default]
    Cookie,
    /// In the page's storage (`localStorage`), where the page's own script
    /// keeps it and sends it as `Authorization: Bearer`: any script on the
    /// page can read it, an injected one too.
    Bearer,
}

crate::base::json::json_names!(Carry { Cookie => "cookie", Bearer => "bearer" });

impl Carry {
    /// Every carry with the key scenarios and the page name it by.
    pub const ALL: [(&'static str, Carry); 2] = [("cookie", Carry::Cookie), ("bearer", Carry::Bearer)];
}

/// The name of the cookie a token travels in (with `carry: "cookie"`).
pub const TOKEN_COOKIE: &str = "token";

/// The key under which the page's script keeps a token in `localStorage`
/// (with `carry: "bearer"`).
pub const TOKEN_STORAGE_KEY: &str = "access_token";

/// The signing secret a token server starts with: a server setting, never
/// sent anywhere. Thirty-two random-looking bytes, as RFC 7518 §3.2 asks of
/// an HS256 key (at least as long as the hash).
pub const DEFAULT_TOKEN_SECRET: &str = "k8Jq2vXo7RZcN4tLmA9wYe3uPbFhGd6s";

/// How long a token lasts by default: 15 minutes, the usual life of an
/// access token (long enough to matter when it cannot be revoked).
pub const DEFAULT_TOKEN_LIFETIME_SECS: u64 = 15 * 60;

/// The shortest token lifetime a server may be given: a minute.
pub const MIN_TOKEN_LIFETIME_SECS: u64 = 60;

/// The longest: thirty days (a token that lives a year is a password).
pub const MAX_TOKEN_LIFETIME_SECS: u64 = 30 * 86_400;

/// How long a login can be renewed with its refresh token by default: a
/// day, djangorestframework-simplejwt's `REFRESH_TOKEN_LIFETIME` (whose
/// access tokens last 5 minutes). Counted from the login: renewing does not
/// extend it.
pub const DEFAULT_REFRESH_LIFETIME_SECS: u64 = 86_400;

/// The name of the cookie a refresh token travels in (with `carry:
/// "cookie"`). It is scoped to `Path=/refresh`, so the browser sends it to
/// the refresh endpoint alone, never with an ordinary request.
pub const REFRESH_COOKIE: &str = "refresh_token";

/// The path of the refresh endpoint, and of the refresh cookie.
pub const REFRESH_PATH: &str = "/refresh";

/// The key under which the page's script keeps a refresh token in
/// `localStorage` (with `carry: "bearer"`), and the form field it sends it
/// in (RFC 6749 §6).
pub const REFRESH_STORAGE_KEY: &str = "refresh_token";

/// What a token server made of a refresh token brought to `/refresh`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshVerdict {
    /// The store holds a live record under it: a new access token (and a new
    /// refresh token in its place) is issued.
    Renewed,
    /// The request brought no refresh token.
    Missing,
    /// The store holds no record under it: revoked, logged out, already
    /// used once (rotated), or never issued.
    Unknown,
    /// Its record is there, but the login's refresh lifetime has run out.
    Expired,
}

crate::base::json::json_names!(RefreshVerdict {
    Renewed => "renewed", Missing => "missing", Unknown => "unknown", Expired => "expired"
});

/// What a token server made of the token a request brought.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenVerdict {
    /// Signed with the server's secret, not expired (and not on the denylist,
    /// if there is one): the claims say who is asking.
    Accepted,
    /// The request brought no token.
    Missing,
    /// Not three base64url parts of JSON, or a claim the server needs is missing.
    Malformed,
    /// The signature is not the one the server's secret makes.
    BadSignature,
    /// The header names an algorithm the verifier does not accept.
    AlgorithmRefused,
    /// Its `exp` has passed.
    Expired,
    /// Genuine and unexpired, but its `jti` is on the denylist.
    Denied,
    /// Genuine and unexpired, but its `ver` is older than the user's token
    /// version in the user table (a password change or a "log out
    /// everywhere" raised it).
    Outdated,
}

crate::base::json::json_names!(TokenVerdict {
    Accepted => "accepted", Missing => "missing", Malformed => "malformed", BadSignature => "badSignature",
    AlgorithmRefused => "algorithmRefused", Expired => "expired", Denied => "denied", Outdated => "outdated"
});

impl TokenVerdict {
    /// The verdict of `jwt::verify`'s rejection.
    pub fn of_rejection(rejection: &crate::base::jwt::Rejection) -> TokenVerdict {
        use crate::base::jwt::Rejection;
        match rejection {
            Rejection::Expired { .. } => TokenVerdict::Expired,
            Rejection::BadSignature => TokenVerdict::BadSignature,
            Rejection::AlgorithmRefused(_) => TokenVerdict::AlgorithmRefused,
            _ => TokenVerdict::Malformed,
        }
    }
}

/// A token's `ver` beside its user's current token version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VersionCheck {
    /// The version the token carries (`None`: it carries none).
    pub claimed: Option<u64>,
    /// The user's version now, read from the user table.
    pub current: u64,
}

impl VersionCheck {
    /// Whether the token is of its user's current version.
    pub fn current(self) -> bool {
        self.claimed == Some(self.current)
    }
}
