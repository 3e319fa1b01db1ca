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
        /// `sid`.
        sid: Option<&'a str>,
        /// `ver`.
        ver: Option<u64>,
    },
    /// Login with refresh tokens: the short-lived access token is signed, and a
    /// refresh token is filed in the store.
    SignedWithRefresh {
        /// `user`.
        user: &'a str,
        /// `jti`.
        jti: &'a str,
        /// `lifetime`.
        lifetime: u64,
        /// `expires`.
        expires: Instant,
        /// The `sid` claim, when the token names its login.
        sid: Option<&'a str>,
        /// The `ver` claim, when the server keeps token versions.
        ver: Option<u64>,
    },
    /// The refresh record filed at login.
    RefreshFiled {
        /// `user`.
        user: &'a str,
        /// `token`.
        token: &'a str,
        /// `lifetime`.
        lifetime: u64,
        /// `expires`.
        expires: Instant,
    },
    /// How both tokens are handed over.
    HandedOver {
        /// `carry`.
        carry: Carry,
        /// `http_only`.
        http_only: bool,
    },
    /// A request without an acceptable access token, on a server that renews.
    Unauthorized,
    /// The hint a 401 carries when the access token has only expired.
    ExpiredHint,
    /// What the browser does when the page's script renews the access token.
    AsksToRenew {
        /// `carry`.
        carry: Carry,
    },
    /// The lead of the request the page's script sends again after a renewal.
    Retries,
    /// The refresh token's lookup: the one store read of this design.
    RefreshLookedUp {
        /// `user`.
        user: Option<&'a str>,
        /// `expired`.
        expired: bool,
    },
    /// The server's decision on a refresh token.
    RefreshChecked {
        /// `verdict`.
        verdict: RefreshVerdict,
        /// `user`.
        user: Option<&'a str>,
    },
    /// The rotation in the store.
    Rotated {
        /// `old`.
        old: &'a str,
        /// `new`.
        new: &'a str,
    },
    /// A renewal's access token is signed.
    Renewed {
        /// `user`.
        user: &'a str,
        /// `jti`.
        jti: &'a str,
        /// `lifetime`.
        lifetime: u64,
        /// `expires`.
        expires: Instant,
        /// The `sid` claim, when the token names its login.
        sid: Option<&'a str>,
        /// The `ver` claim, when the server keeps token versions.
        ver: Option<u64>,
    },
    /// How a renewal is handed over.
    RenewedHandedOver {
        /// `carry`.
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
        /// `user`.
        user: &'a str,
        /// `access_expires`.
        access_expires: Instant,
        /// `removed`.
        removed: usize,
    },
    /// The store deletes one login's refresh records.
    RefreshDeleted {
        /// `user`.
        user: &'a str,
        /// `removed`.
        removed: usize,
    },
    /// The store deletes every refresh record of a user.
    AllRefreshDeleted {
        /// `user`.
        user: &'a str,
        /// `removed`.
        removed: usize,
    },
    /// An administrator revokes a login that renews with a refresh token.
    RevokeRefresh {
        /// `user`.
        user: &'a str,
        /// `access_expires`.
        access_expires: Option<Instant>,
    },
    /// An administrator's revocation finds no refresh record to delete.
    RevokeNoRefreshRecord,
    /// "Log out everywhere" or revoking every login of a user, with the fixes on.
    EndAllOf {
        /// `user`.
        user: &'a str,
        /// `by_admin`.
        by_admin: bool,
        /// `refresh`.
        refresh: bool,
        /// `version`.
        version: bool,
    },
    /// A password change with the fixes on.
    PasswordChanged {
        /// `user`.
        user: &'a str,
        /// `refresh`.
        refresh: bool,
        /// `version`.
        version: bool,
    },
    /// The version is raised in the user table.
    VersionBumped {
        /// `user`.
        user: &'a str,
        /// `from`.
        from: u64,
        /// `to`.
        to: u64,
    },
    /// The verify step when the server will ask its store or user table before trusting a genuine token.
    VerifiedThenLookups {
        /// `carry`.
        carry: Option<Carry>,
        /// `user`.
        user: &'a str,
        /// `expires`.
        expires: Instant,
        /// `denylist`.
        denylist: bool,
    },
    /// The version's read on every request.
    VersionRead {
        /// `user`.
        user: &'a str,
        /// `current`.
        current: u64,
        /// `carried`.
        carried: Option<u64>,
    },
    /// The verdict on an outdated token, for a question's explanation.
    OutdatedReason,
    /// The verdict on an outdated token, on the server's status line.
    OutdatedStatus,
    /// Why a refresh token decided a request, for a question's explanation.
    RefreshReason {
        /// `verdict`.
        verdict: RefreshVerdict,
    },
    /// The server's status line as it decides on a refresh token.
    RefreshStatus {
        /// `verdict`.
        verdict: RefreshVerdict,
    },
    /// A restart of a token server whose refresh records lived in its memory.
    RestartLosesRefresh {
        /// `records`.
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
        /// `token_lifetime`.
        token_lifetime: u64,
    },
    /// The body of a renewal's 200.
    RenewedBody,
    /// The body of a refused renewal's 401.
    LogInAgainBody,
}
