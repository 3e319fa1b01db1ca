//! The ids of what a token server says of its refresh tokens and its token
//! version: the records filed, looked up, rotated and deleted, the renewals,
//! the version's read and bump, and the bodies and hints those answers carry.

use crate::base::clock::Instant;
use crate::library::token::{Carry, RefreshVerdict};

/// What a token server says of its refresh tokens and token version, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum RefreshMessage<'a> {
    /// Login or renewal: the access token's extra claims, when the server adds any.
    ExtraClaims {
        /// The `sid` claim, naming the login.
        sid: Option<&'a str>,
        /// The `ver` claim, the user's token version.
        ver: Option<u64>,
    },
    /// Login with refresh tokens: the short-lived access token is signed, and a
    /// refresh token is filed in the store.
    SignedWithRefresh {
        /// Who.
        user: &'a str,
        /// The token's `jti`.
        jti: &'a str,
        /// How long it lasts, in seconds.
        lifetime: u64,
        /// When it expires.
        expires: Instant,
        /// The `sid` claim, when the token names its login.
        sid: Option<&'a str>,
        /// The `ver` claim, when the server keeps token versions.
        ver: Option<u64>,
    },
    /// The refresh record filed at login.
    RefreshFiled {
        /// Who.
        user: &'a str,
        /// The refresh token's value.
        token: &'a str,
        /// How long it lasts, in seconds.
        lifetime: u64,
        /// When it expires.
        expires: Instant,
    },
    /// How both tokens are handed over.
    HandedOver {
        /// How the token is carried.
        carry: Carry,
        /// Whether the access token's cookie is `HttpOnly`.
        http_only: bool,
    },
    /// A request without an acceptable access token, on a server that renews.
    Unauthorized,
    /// The hint a 401 carries when the access token has only expired.
    ExpiredHint,
    /// What the browser does when the page's script renews the access token.
    AsksToRenew {
        /// How the token is carried.
        carry: Carry,
    },
    /// The lead of the request the page's script sends again after a renewal.
    Retries,
    /// The refresh token's lookup: the one store read of this design.
    RefreshLookedUp {
        /// Who.
        user: Option<&'a str>,
        /// Whether the login's refresh lifetime has run out.
        expired: bool,
    },
    /// The server's decision on a refresh token.
    RefreshChecked {
        /// The verdict.
        verdict: RefreshVerdict,
        /// Who.
        user: Option<&'a str>,
    },
    /// The rotation in the store.
    Rotated {
        /// The refresh token just used.
        old: &'a str,
        /// The refresh token that takes its place.
        new: &'a str,
    },
    /// A renewal's access token is signed.
    Renewed {
        /// Who.
        user: &'a str,
        /// The token's `jti`.
        jti: &'a str,
        /// How long it lasts, in seconds.
        lifetime: u64,
        /// When it expires.
        expires: Instant,
        /// The `sid` claim, when the token names its login.
        sid: Option<&'a str>,
        /// The `ver` claim, when the server keeps token versions.
        ver: Option<u64>,
    },
    /// How a renewal is handed over.
    RenewedHandedOver {
        /// How the token is carried.
        carry: Carry,
    },
    /// The page's script keeps what a login or a renewal gave it.
    ScriptStoresBoth,
    /// The page's script forgets both tokens.
    ScriptForgetsBoth,
    /// An injected script finds the refresh token beside the access token in localStorage.
    ScriptTakesRefresh,
    /// Logout on a refresh-token server: the refresh record is deleted.
    LogoutEndsRefresh {
        /// Who.
        user: &'a str,
        /// When the access token expires.
        access_expires: Instant,
        /// How many refresh records were deleted.
        removed: usize,
    },
    /// The store deletes one login's refresh records.
    RefreshDeleted {
        /// Who.
        user: &'a str,
        /// How many refresh records were deleted.
        removed: usize,
    },
    /// The store deletes every refresh record of a user.
    AllRefreshDeleted {
        /// Who.
        user: &'a str,
        /// How many refresh records were deleted.
        removed: usize,
    },
    /// An administrator revokes a login that renews with a refresh token.
    RevokeRefresh {
        /// Who.
        user: &'a str,
        /// When the access token expires.
        access_expires: Option<Instant>,
    },
    /// An administrator's revocation finds no refresh record to delete.
    RevokeNoRefreshRecord,
    /// "Log out everywhere" or revoking every login of a user, with the fixes on.
    EndAllOf {
        /// Who.
        user: &'a str,
        /// Whether an administrator asked.
        by_admin: bool,
        /// Whether the server keeps refresh tokens.
        refresh: bool,
        /// Whether the server keeps token versions.
        version: bool,
    },
    /// A password change with the fixes on.
    PasswordChanged {
        /// Who.
        user: &'a str,
        /// Whether the server keeps refresh tokens.
        refresh: bool,
        /// Whether the server keeps token versions.
        version: bool,
    },
    /// The version is raised in the user table.
    VersionBumped {
        /// Who.
        user: &'a str,
        /// The version before.
        from: u64,
        /// The version after.
        to: u64,
    },
    /// The verify step when the server will ask its store or user table before trusting a genuine token.
    VerifiedThenLookups {
        /// How the token is carried.
        carry: Option<Carry>,
        /// Who.
        user: &'a str,
        /// When it expires.
        expires: Instant,
        /// Whether the server keeps a denylist.
        denylist: bool,
    },
    /// The version's read on every request.
    VersionRead {
        /// Who.
        user: &'a str,
        /// The user's token version in the user table.
        current: u64,
        /// The `ver` the token carries, if any.
        carried: Option<u64>,
    },
    /// The verdict on an outdated token, for a question's explanation.
    OutdatedReason,
    /// The verdict on an outdated token, on the server's status line.
    OutdatedStatus,
    /// Why a refresh token decided a request, for a question's explanation.
    RefreshReason {
        /// The verdict.
        verdict: RefreshVerdict,
    },
    /// The server's status line as it decides on a refresh token.
    RefreshStatus {
        /// The verdict.
        verdict: RefreshVerdict,
    },
    /// A restart of a token server whose refresh records lived in its memory.
    RestartLosesRefresh {
        /// How many refresh records were lost.
        records: usize,
    },
    /// What an empty store says on a server with refresh tokens.
    EmptyStore,
    /// The store's step as a restart loses the refresh records.
    RecordsGone,
    /// The store is down: a refresh, a login or a logout needs it.
    StoreDownRefresh,
    /// The body of a 500 when the store holding the refresh tokens cannot be reached.
    StoreUnavailableBody,
    /// The body of a "log out everywhere" answered with every login ended.
    LoggedOutEverywhereBody,
    /// A refresh lifetime on a server without refresh tokens.
    RefreshLifetimeWithoutRefresh,
    /// A refresh lifetime no longer than the access token's.
    RefreshLifetimeTooShort {
        /// The access token's lifetime, in seconds.
        token_lifetime: u64,
    },
    /// The body of a renewal's 200.
    RenewedBody,
    /// The body of a refused renewal's 401.
    LogInAgainBody,
}
