//! What the server's steps say: its routes, logins, lookups, logouts and the
//! administrator's and the process's actions (`src/server/`).
//!
//! `node` is the name of the server of a cluster that acts, given only when
//! each server keeps its sessions in its own memory (then the sentence says
//! whose memory it searched).
//!
//! Why one file of this length: it is one area's list of ids, in the order
//! the steps happen, each with its parameters documented; `en/server.rs`
//! renders them in the same order.

use crate::base::ids::{IdFormat, IdSource, SessionId};
use crate::browser::cookie::SameSite;
use crate::browser::jar::SameSiteDefault;
use crate::library::preset::CookieCodec;
use crate::session::commands::StoreDialect;

/// One thing a server's step says, by its stable id.
#[derive(Clone, Debug)]
pub enum ServerMessage<'a> {
    // --- The administrator's and the process's actions (server/admin.rs) ---
    /// Revoking the newest session, when there is none to revoke.
    RevokeNewestOfNone {
        /// The server asked, with one store per server.
        node: Option<&'a str>,
    },
    /// Revoking a session: found, or not, in the store searched.
    Revoke {
        /// Whose session it was, when the store holds it.
        user: Option<&'a str>,
        /// The server asked, with one store per server.
        node: Option<&'a str>,
        /// The ID asked for.
        target: &'a str,
        /// Where the record lives instead, with one store per server.
        elsewhere: Option<&'a str>,
    },
    /// The store's answer to a revocation.
    RevokeDeleted {
        /// Whether there was a record to delete.
        found: bool,
    },
    /// Ending every session of a user, by an administrator.
    RevokeUser {
        /// Whose sessions.
        user: &'a str,
        /// The server asked, with one store per server.
        node: Option<&'a str>,
    },
    /// The process stops and starts.
    Restart,
    /// A restart, when the sessions live in a store of their own.
    RestartSurvived {
        /// The store they live in.
        store: StoreDialect,
    },
    /// The store command of a restart that lost nothing.
    NoteStoreKeptRunning,
    /// Where the sessions lived when a process's memory is lost at a restart.
    LostInProcessMemory,
    /// The store command of a process whose memory was lost.
    NoteProcessExited,
    /// The sweeper removed expired records.
    Swept {
        /// The store that swept.
        store: StoreDialect,
        /// The server sweeping its own memory, with one store per server.
        node: Option<&'a str>,
        /// How many records went.
        removed: usize,
    },
    /// The store command of PHP's collector removing an empty session's file.
    NotePhpCollectsEmpty {
        /// The session's ID.
        id: &'a str,
    },
    /// The store finds a user's sessions and deletes them.
    UserSessionsDeleted {
        /// Whose sessions.
        user: &'a str,
        /// The server searching its own memory, with one store per server.
        node: Option<&'a str>,
        /// Whether the session asking is kept.
        keeping_this_one: bool,
        /// How many were deleted.
        deleted: usize,
    },
    /// Sessions kept in a process's memory died with it.
    MemoryLost {
        /// Where they lived (`LostInProcessMemory`, or a cluster's words).
        whose: &'a str,
        /// How many there were.
        removed: usize,
    },

    // --- Routes and responses (server/mod.rs) ---
    /// A path the server has no route for.
    NoPage {
        /// The path asked for.
        path: &'a str,
    },
    /// The body of a 404.
    NoPageBody {
        /// The path asked for.
        path: &'a str,
    },
    /// The body of a 500 when the denylist cannot be reached.
    DenylistUnavailableBody,
    /// The store cannot be reached: express-session on connect-redis waits.
    StoreDownExpress {
        /// The store.
        store: StoreDialect,
        /// What the server was about to do.
        doing: StoreErrand,
    },
    /// express-session's answer when its store failed.
    StoreDownExpressVerdict,
    /// The store cannot be reached: any other server waits.
    StoreDown {
        /// The store.
        store: StoreDialect,
        /// What the server was about to do.
        doing: StoreErrand,
    },
    /// A server's answer when its store failed.
    StoreDownVerdict,
    /// The body of a 500 when the session store cannot be reached.
    StoreUnavailableBody,
    /// The body of a 401 for the profile page.
    LogInToSeeProfileBody,
    /// The profile page, answered from the session's record.
    Profile {
        /// Who.
        user: &'a str,
        /// Their role.
        role: &'a str,
    },
    /// The body of the profile page.
    ProfileBody {
        /// Who.
        user: &'a str,
        /// Their role.
        role: &'a str,
        /// When the session began, as the clock writes it.
        since: &'a str,
    },
    /// A logout deleted the record, or found none.
    LogoutDeleted {
        /// Whose record it was, when there was one.
        user: Option<&'a str>,
    },
    /// The body of a logout.
    LoggedOutBody,
    /// What a logout does to the cookie, by the logout mode.
    LogoutCookie {
        /// The logout mode.
        mode: crate::library::preset::LogoutMode,
        /// Whether the request brought a ticket.
        had_ticket: bool,
    },
    /// The body of a 401 for a route that needs a login.
    LogInFirstBody,
    /// "Log out everywhere", with one store per server: only this server's memory.
    LoggedOutEverywhereOnNode {
        /// The server.
        node: &'a str,
        /// Whose sessions.
        user: &'a str,
        /// How many ended.
        ended: usize,
    },
    /// "Log out everywhere".
    LoggedOutEverywhere {
        /// Whose sessions.
        user: &'a str,
        /// How many ended.
        ended: usize,
    },
    /// The body of "log out everywhere".
    LoggedOutEverywhereBody {
        /// How many sessions ended.
        removed: usize,
    },
    /// A request with no valid session.
    Unauthorized,
    /// The CSPRNG failed.
    IdFailure {
        /// Why, from the ID source.
        reason: &'a str,
    },
    /// The body of a 500 when no ID could be drawn.
    IdFailureBody,
    /// A `__Host-` removal a browser will refuse for lacking `Secure`.
    RefusedRemoval {
        /// The library that writes it so.
        library: &'a str,
    },

    // --- Logging in and changing the password (server/login.rs) ---
    /// A login form without a username or a password.
    LoginFormIncomplete,
    /// The body of a 400 for such a form.
    LoginFormIncompleteBody,
    /// The password check failed.
    WrongPassword {
        /// The username typed.
        username: &'a str,
    },
    /// The body of a 401 for a failed login.
    WrongPasswordBody,
    /// The password check passed.
    PasswordMatches {
        /// Who.
        user: &'a str,
    },
    /// A permissive server adopts the ID the browser brought.
    Adopted {
        /// The ID.
        id: &'a str,
        /// Whose session it now is.
        user: &'a str,
    },
    /// The body of a successful login.
    WelcomeBody {
        /// Who.
        user: &'a str,
    },
    /// The answer to an adopting login: the same ticket re-sent.
    AdoptedResent,
    /// Django keeps the key when the same user logs in again.
    DjangoKeepsKey {
        /// Who.
        user: &'a str,
    },
    /// Rotation at login: a new ID, the old one deleted.
    Rotated {
        /// IDs drawn first that collided with live sessions.
        collided: &'a [SessionId],
        /// Where IDs come from.
        ids: &'a IdSource,
    },
    /// No rotation: the same ID now belongs to the user.
    KeptWithoutRotation {
        /// Who.
        user: &'a str,
    },
    /// A new session filed under a fresh ID.
    Filed {
        /// IDs drawn first that collided with live sessions.
        collided: &'a [SessionId],
        /// Where IDs come from.
        ids: &'a IdSource,
        /// The new ID.
        id: &'a str,
        /// The preset's ID format.
        format: IdFormat,
        /// The store it is filed in.
        store: StoreDialect,
        /// Whose session.
        user: &'a str,
        /// How long it lasts.
        expiry: Lifetime,
    },
    /// The answer to a login: the ticket handed over.
    HandedOver {
        /// What the cookie's codec adds.
        codec: CookieCodec,
        /// The notes on the cookie's attributes when a protection is missing.
        notes: Option<&'a [AttributeNote]>,
    },
    /// PHP's answer to a login that kept the ID: no cookie.
    PhpNoNewCookie,
    /// express-session's unsaved session, destroyed before the new one.
    ExpressDiscardsUnsaved,
    /// tower-sessions' `cycle_id()` deleting a session never saved.
    TowerDiscardsUnsaved,
    /// A password change that ends every other session at once.
    PasswordChangedDeletesOthers {
        /// Whose.
        user: &'a str,
    },
    /// A password change that ends other sessions by their auth hash.
    PasswordChangedAuthHash {
        /// Whose.
        user: &'a str,
    },
    /// The body of a password change.
    PasswordChangedBody {
        /// How many other sessions ended now (none counted for an auth hash).
        ended: Option<usize>,
    },
    /// The session's ID renewed at a password change.
    PasswordChangeRenewsId,
    /// A password change: the browser's new ticket.
    PasswordChangeNewTicket,
    /// A password change: the same ID goes on.
    PasswordChangeSameId,
    /// PHP's lazy write at the end of a password change.
    PhpLazyWrite,
    /// The body of a token server's password change.
    TokenPasswordChangedBody,
    /// Why a new session could not be kept or renamed.
    IdFailureReason(IdFailureReason),
    /// A password form without a password.
    PasswordFormIncomplete,
    /// The body of a 400 for such a form.
    PasswordFormIncompleteBody,

    // --- Reading the ticket and looking it up (server/lookup.rs) ---
    /// With one store per server: this server's memory misses, and why.
    LookupMissOnNode {
        /// Where the record lives instead.
        elsewhere: &'a str,
    },
    /// The store holds no record under the ID.
    LookupMiss {
        /// Whether the server adopts no unknown ID (else it would at a login).
        strict: bool,
    },
    /// The record's session is over.
    LookupExpired {
        /// Whose record.
        user: &'a str,
        /// Which timeout ended it, and when.
        why: Expired<'a>,
        /// Whether the server deletes it now (cleanup on read).
        deleted_on_read: bool,
    },
    /// The record holds an old password's hash.
    LookupStaleAuthHash {
        /// Whose record.
        user: &'a str,
    },
    /// A live record.
    LookupHit {
        /// Whose record.
        user: &'a str,
        /// When the session now ends, if the request slid its idle timeout.
        slid: Option<Slide<'a>>,
    },
    /// The ticket the request carries.
    TicketRead {
        /// The ID.
        id: &'a str,
        /// How many cookies of the session's name came.
        copies: usize,
        /// The session cookie's name.
        name: &'a str,
        /// How the server reads the value.
        codec: CookieCodec,
    },
    /// A session cookie the server cannot read.
    TicketUnreadable {
        /// The session cookie's name.
        name: &'a str,
        /// Why.
        why: Unreadable,
    },
    /// No session cookie.
    TicketMissing {
        /// The session cookie's name.
        name: &'a str,
    },

    // --- PHP's files handler (server/php.rs) ---
    /// `session_destroy()` of an empty session PHP started earlier.
    PhpDestroysEmpty {
        /// The ID.
        id: &'a str,
    },
    /// `session_destroy()` of the fresh session strict mode just started.
    PhpDestroysFresh {
        /// The unknown ID.
        id: &'a str,
        /// The fresh one.
        fresh: &'a str,
    },
    /// A request naming one of PHP's empty sessions.
    PhpFindsEmpty {
        /// The ID.
        id: &'a str,
    },
    /// No file for the ID, at a login in strict mode.
    PhpNoFileAtLogin {
        /// The ID.
        id: &'a str,
    },
    /// No file for the ID: strict mode starts a fresh, empty session.
    PhpStartsFresh {
        /// The unknown ID.
        id: &'a str,
        /// The fresh one.
        fresh: &'a str,
    },
    /// A login fills one of PHP's empty sessions.
    PhpFillsEmpty {
        /// The ID.
        id: &'a str,
        /// Who.
        user: &'a str,
    },

    // --- A token server's words that are not the token's own (server/token.rs) ---
    /// The store files a token's denial.
    DenialFiled {
        /// The store's key.
        key: &'a str,
    },
    /// The store command of a restart that lost the denylist.
    NoteDenylistExited,
    /// The denylist lost at a restart.
    DenylistLost,
}

/// What the server was about to ask its store when the store was down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreErrand {
    /// Looking a ticket up.
    LookUp,
    /// Saving a new session at login.
    SaveNew,
}

/// How long a session lasts, as its timeouts say (seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetime {
    /// The idle timeout.
    pub idle: Option<u64>,
    /// The absolute timeout.
    pub absolute: Option<u64>,
}

/// One thing the narration notes about a session cookie's attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeNote {
    /// `HttpOnly`, or its absence.
    HttpOnly(bool),
    /// `Secure`.
    Secure,
    /// A `SameSite` attribute, or none and the browser's default.
    SameSite(Option<SameSite>, SameSiteDefault),
    /// The `__Host-` prefix.
    HostPrefix,
    /// The tower-sessions cookie's `Max-Age`.
    MaxAgeCookieCrate,
    /// A `Max-Age` (and `Expires`).
    MaxAge,
    /// No `Max-Age` or `Expires`.
    SessionCookie,
    /// `Path=/`.
    PathRoot,
}

/// Why the server could not go on with a session's ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdFailureReason {
    /// The session disappeared while it was kept.
    Vanished,
    /// The new ID was taken.
    NewIdTaken,
    /// The renamed session disappeared.
    RenamedVanished,
    /// Every draw collided with a live session.
    Collided {
        /// How many draws.
        draws: usize,
    },
}

/// Which timeout ended a session, and when (seconds; the instant as the clock writes it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expired<'a> {
    /// The idle timeout.
    Idle {
        /// When it passed.
        at: &'a str,
        /// The timeout.
        secs: u64,
    },
    /// An expiry counted from the last save (Django's).
    SinceLastSave {
        /// When it passed.
        at: &'a str,
        /// The timeout.
        secs: u64,
    },
    /// The absolute timeout.
    Absolute {
        /// When it passed.
        at: &'a str,
        /// The timeout.
        secs: u64,
    },
}

/// How a lookup moved a session's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide<'a> {
    /// The idle timeout restarted: the session now ends then.
    Idle(&'a str),
    /// The absolute timeout comes first: the session ends then whatever happens.
    Absolute(&'a str),
}

/// Why the server could not read a session cookie's value as an ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not the 16 bytes of a tower-sessions ID.
    NotSixteenBytes,
    /// Not valid percent-encoding.
    NotPercentEncoded,
    /// No `s:` prefix.
    NotSigned,
    /// No signature.
    NoSignature,
    /// The signature does not match.
    BadSignature,
    /// Not valid base64.
    NotBase64,
}
