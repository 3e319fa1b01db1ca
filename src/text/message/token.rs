//! The token server's ids: every sentence of the signed-token mechanism
//! (signing, verifying, logging out, revoking, restarting), the token
//! attacks' names and the action labels whose session wording would mislead
//! under tokens.

use crate::base::clock::Instant;
use crate::library::token::{Carry, TokenVerdict};

/// The token's terms as the step that signs it says them.
#[derive(Clone, Copy, Debug)]
pub struct Signed<'a> {
    /// Who it speaks for.
    pub user: &'a str,
    /// Its `jti`.
    pub jti: &'a str,
    /// How long it lasts.
    pub lifetime: u64,
    /// When it stops being accepted.
    pub expires: Instant,
    /// How it is carried.
    pub carry: Carry,
    /// Whether its cookie is `HttpOnly` (with `Carry::Cookie`).
    pub http_only: bool,
}

/// A token attack of the attack lab, by its row.
#[derive(Clone, Copy, Debug)]
pub enum TokenAttackName {
    /// A copy of a genuine token, used after it was revoked.
    Stolen,
    /// An injected script reads the token from the page's storage.
    ScriptTheft,
    /// A token with `alg: none` and no signature, claiming to be Alice.
    AlgNone,
    /// A token signed with a secret found by a dictionary attack.
    GuessedSecret,
}

/// What a token server's steps say, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum TokenMessage<'a> {
    /// Login: the token is signed, and nothing is stored.
    Signed(Signed<'a>),
    /// Login: how the token is handed over.
    HandedOver(Signed<'a>),
    /// A request's verification, by its verdict; `node` names the server of
    /// a cluster that checked it, when there are several.
    Verified {
        /// The verdict.
        verdict: TokenVerdict,
        /// Where the token was found.
        carry: Option<Carry>,
        /// Who its claims name.
        user: Option<&'a str>,
        /// Its exp.
        expires: Option<Instant>,
        /// The server of several that checked it.
        node: Option<&'a str>,
        /// Whether the server keeps a denylist.
        denylist: bool,
    },
    /// The denylist lookup every request pays for once the server keeps one.
    DenylistChecked {
        /// Whether the jti was on it.
        denied: bool,
    },
    /// Why a verdict decided a request, for a question's explanation.
    VerdictReason(TokenVerdict),
    /// A request without an acceptable token.
    Unauthorized,
    /// The profile page, answered from the token's claims.
    Profile {
        /// Who.
        user: &'a str,
        /// Their role.
        role: &'a str,
    },
    /// Logout, with no denylist: only the client's copy is forgotten.
    Logout {
        /// How the token is carried.
        carry: Carry,
        /// Whose token, if one was shown.
        user: Option<&'a str>,
        /// Its exp.
        expires: Option<Instant>,
    },
    /// Logout with a denylist: the token's jti goes on it.
    LogoutDenied {
        /// Whose token.
        user: &'a str,
        /// Its exp.
        expires: Instant,
    },
    /// An administrator's revocation when there is nothing the server could delete.
    RevokeNothing {
        /// Whose login, if known.
        user: Option<&'a str>,
        /// Its exp, if known.
        expires: Option<Instant>,
    },
    /// An administrator's revocation with a denylist.
    RevokeDenied {
        /// Whose token.
        user: &'a str,
        /// Its jti.
        jti: &'a str,
        /// Its exp.
        expires: Instant,
    },
    /// "Log out everywhere" or revoking every login of a user.
    EndAllOf {
        /// Whose logins.
        user: &'a str,
        /// Whether an administrator asked.
        by_admin: bool,
        /// Whether the server keeps a denylist.
        denylist: bool,
    },
    /// A password change: the tokens signed before it stay valid.
    PasswordChanged {
        /// Whose password.
        user: &'a str,
    },
    /// A restart: nothing to lose (or a denylist lost with the memory).
    Restart {
        /// How many denylist entries there were.
        denylist_entries: usize,
        /// Whether the denylist's store survives the restart.
        survives: bool,
    },
    /// The signing key is rotated.
    KeyRotated,
    /// Rotating a key on a session server.
    RotationWithoutTokens,
    /// The store is down while the denylist needs it.
    StoreDownDenylist,
    /// What an empty store says under tokens.
    EmptyStore {
        /// Whether the server keeps a denylist.
        denylist: bool,
    },
    /// A bearer token copied out of one browser's page storage into another's,
    /// with whatever else the page keeps there (`keys`).
    StorageCopied {
        /// The browser copied from.
        from: &'a str,
        /// The browser copied into.
        to: &'a str,
        /// The page storage's keys.
        keys: &'a [&'a str],
    },
    /// A token attack's name, as the attack lab's rows say it.
    Attack(TokenAttackName),
    /// Label: copying the token cookie from one jar into another.
    CopyLabel {
        /// From this browser.
        from: &'a str,
        /// Into this one.
        to: &'a str,
    },
    /// Label: revoking the newest login.
    RevokeNewestLabel,
    /// Label: revoking the token a browser holds.
    RevokeHeldByLabel {
        /// The browser.
        browser: &'a str,
    },
    /// Label: ending every login of a user.
    RevokeUserLabel {
        /// The user.
        user: &'a str,
    },
    /// Label: the shared store goes down.
    StoreDownLabel,
    /// Label: the shared store is back.
    StoreBackLabel,
    /// A ticket typed into a jar, under tokens.
    TypedIn {
        /// The browser.
        browser: &'a str,
        /// The cookie's name.
        name: &'a str,
        /// Its value.
        value: &'a str,
    },
    /// A browser closed and opened again, under tokens; `gone` names the
    /// cookies that lasted only until it closed.
    BrowserClosed {
        /// The browser.
        browser: &'a str,
        /// The cookies gone.
        gone: &'a [String],
    },
    /// A server of several stops, under tokens.
    ServerStopped {
        /// The server's name.
        name: &'a str,
        /// How many denylist entries its memory held.
        denylist_lost: usize,
    },
    /// A tour starts over with signed tokens in place of sessions; `prepared`
    /// names what its prepared start did again, unseen.
    StartedOverWithTokens {
        /// The prepared start's labels.
        prepared: &'a [String],
    },
}
