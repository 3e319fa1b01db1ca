//! A token server's refresh tokens and token version in English
//! (`RefreshMessage`).
//!
//! Each sentence names the cost the fix brings back: the refresh token
//! puts a record in the store and a lookup at every renewal, and ends a
//! login only at the next renewal; the version ends a user's tokens at
//! once, at the price of a read of the user table on every request.

use crate::base::clock::Instant;
use crate::library::token::{Carry, RefreshVerdict};
use crate::text::human_duration;
use crate::text::message::refresh::RefreshMessage;

/// The message in English.
pub(super) fn render(message: &RefreshMessage<'_>) -> String {
    match *message {
        RefreshMessage::ExtraClaims { sid, ver } => extra_claims(sid, ver),
        RefreshMessage::SignedWithRefresh { user, jti, lifetime, expires, sid, ver } => {
            signed_with_refresh(user, jti, lifetime, expires, &extra_claims(sid, ver))
        }
        RefreshMessage::RefreshFiled { user, token, lifetime, expires } => {
            refresh_filed(user, token, lifetime, expires)
        }
        RefreshMessage::HandedOver { carry, http_only } => handed_over(carry, http_only),
        RefreshMessage::Unauthorized => UNAUTHORIZED.to_owned(),
        RefreshMessage::ExpiredHint => EXPIRED_HINT.to_owned(),
        RefreshMessage::AsksToRenew { carry } => asks_to_renew(carry).to_owned(),
        RefreshMessage::Retries => RETRIES.to_owned(),
        RefreshMessage::RefreshLookedUp { user, expired } => refresh_looked_up(user, expired),
        RefreshMessage::RefreshChecked { verdict, user } => refresh_checked(verdict, user),
        RefreshMessage::Rotated { old, new } => rotated(old, new),
        RefreshMessage::Renewed { user, jti, lifetime, expires, sid, ver } => {
            renewed(user, jti, lifetime, expires, &extra_claims(sid, ver))
        }
        RefreshMessage::RenewedHandedOver { carry } => renewed_handed_over(carry).to_owned(),
        RefreshMessage::ScriptStoresBoth => SCRIPT_STORES_BOTH.to_owned(),
        RefreshMessage::ScriptForgetsBoth => SCRIPT_FORGETS_BOTH.to_owned(),
        RefreshMessage::ScriptTakesRefresh => SCRIPT_TAKES_REFRESH.to_owned(),
        RefreshMessage::LogoutEndsRefresh { user, access_expires, removed } => {
            logout_ends_refresh(user, access_expires, removed)
        }
        RefreshMessage::RefreshDeleted { user, removed } => refresh_deleted(user, removed),
        RefreshMessage::AllRefreshDeleted { user, removed } => all_refresh_deleted(user, removed),
        RefreshMessage::RevokeRefresh { user, access_expires } => revoke_refresh(user, access_expires),
        RefreshMessage::RevokeNoRefreshRecord => revoke_no_refresh_record().to_owned(),
        RefreshMessage::EndAllOf { user, by_admin, refresh, version } => end_all_of(user, by_admin, refresh, version),
        RefreshMessage::PasswordChanged { user, refresh, version } => password_changed(user, refresh, version),
        RefreshMessage::VersionBumped { user, from, to } => version_bumped(user, from, to),
        RefreshMessage::VerifiedThenLookups { carry, user, expires, denylist } => {
            verified_then_lookups(carry, user, expires, denylist)
        }
        RefreshMessage::VersionRead { user, current, carried } => version_read(user, current, carried),
        RefreshMessage::OutdatedReason => OUTDATED_REASON.to_owned(),
        RefreshMessage::OutdatedStatus => OUTDATED_STATUS.to_owned(),
        RefreshMessage::RefreshReason { verdict } => refresh_reason(verdict).to_owned(),
        RefreshMessage::RefreshStatus { verdict } => refresh_status(verdict).to_owned(),
        RefreshMessage::RestartLosesRefresh { records } => restart_loses_refresh(records),
        RefreshMessage::EmptyStore => EMPTY_STORE.to_owned(),
        RefreshMessage::RecordsGone => RECORDS_GONE.to_owned(),
        RefreshMessage::StoreDownRefresh => store_down_refresh().to_owned(),
        RefreshMessage::StoreUnavailableBody => STORE_UNAVAILABLE_BODY.to_owned(),
        RefreshMessage::LoggedOutEverywhereBody => LOGGED_OUT_EVERYWHERE_BODY.to_owned(),
        RefreshMessage::RefreshLifetimeWithoutRefresh => REFRESH_LIFETIME_WITHOUT_REFRESH.to_owned(),
        RefreshMessage::RefreshLifetimeTooShort { token_lifetime } => refresh_lifetime_too_short(token_lifetime),
        RefreshMessage::RenewedBody => RENEWED_BODY.to_owned(),
        RefreshMessage::LogInAgainBody => LOG_IN_AGAIN_BODY.to_owned(),
    }
}

/// Login or renewal: the access token's extra claims, when the server adds any.
fn extra_claims(sid: Option<&str>, ver: Option<u64>) -> String {
    let mut claims = Vec::new();
    if let Some(sid) = sid {
        claims.push(format!("sid={sid} names this login, as its refresh record does"));
    }
    if let Some(ver) = ver {
        claims.push(format!("ver={ver} is the user's token version in the user table"));
    }
    match claims.len() {
        0 => String::new(),
        1 => format!(" One more claim rides along: {}.", claims[0]),
        _ => format!(" Two more claims ride along: {}.", claims.join("; ")),
    }
}

/// Login with refresh tokens: the short-lived access token is signed, and a
/// refresh token is filed in the store.
fn signed_with_refresh(user: &str, jti: &str, lifetime: u64, expires: Instant, extras: &str) -> String {
    format!(
        "The server writes a short-lived access token, a JSON Web Token: sub={user}, iat (now), exp (now + {life}, \
         at {expires}) and jti={jti}, signed with HMAC-SHA256 under its own secret.{extras} Every request will be \
         checked by arithmetic alone, as before; but this server also keeps something.",
        life = human_duration(lifetime)
    )
}

/// The refresh record filed at login.
fn refresh_filed(user: &str, token: &str, lifetime: u64, expires: Instant) -> String {
    format!(
        "The store files a refresh token for {user}: {token}, a random ID from the server's ID source, kept with \
         who it is for and until when ({life} from the login, at {expires}). It is a session record in all but \
         name: while it exists, the browser can trade it for a new access token; delete it, and the next renewal \
         fails.",
        life = human_duration(lifetime)
    )
}

/// How both tokens are handed over.
fn handed_over(carry: Carry, http_only: bool) -> String {
    match carry {
        Carry::Cookie => format!(
            "The server answers 200 OK with two cookies: the access token (token{}), sent with every request, and \
             the refresh token (refresh_token, HttpOnly, Path=/refresh), which the browser sends to the refresh \
             endpoint and nowhere else.",
            if http_only { ", HttpOnly" } else { ", without HttpOnly" }
        ),
        Carry::Bearer => "The server answers 200 OK with both tokens in the body (access_token and refresh_token, \
                          RFC 6749's shape). The page's script keeps both in localStorage: the access token goes \
                          with every request as Authorization: Bearer, the refresh token only to /refresh. Any \
                          script on the page can read both."
            .to_owned(),
    }
}

/// A request without an acceptable access token, on a server that renews.
const UNAUTHORIZED: &str = "With no valid access token the server cannot tell who this is. It answers 401 \
     Unauthorized; when the token is genuine and only expired, it says so in a WWW-Authenticate header, so the \
     page's script can renew it with the refresh token instead of asking for the password.";

/// The hint a 401 carries when the access token has only expired.
const EXPIRED_HINT: &str = "Bearer error=\"invalid_token\", error_description=\"The access token expired\"";

/// What the browser does when the page's script renews the access token.
pub(super) fn asks_to_renew(carry: Carry) -> &'static str {
    match carry {
        Carry::Cookie => {
            "runs the page's script, which read the 401's WWW-Authenticate (the access token expired) and asks for a \
             new one: a POST to /refresh. The refresh_token cookie is scoped to that path, so this is the one \
             request it rides on."
        }
        Carry::Bearer => {
            "runs the page's script, which read the 401's WWW-Authenticate (the access token expired) and asks for a \
             new one: a POST to /refresh with the refresh token from localStorage in the body."
        }
    }
}

/// The lead of the request the page's script sends again after a renewal.
pub(super) const RETRIES: &str = "sends the same request again, now with the new access token:";

/// The refresh token's lookup: the one store read of this design.
fn refresh_looked_up(user: Option<&str>, expired: bool) -> String {
    let cost = "This is the lookup a refresh token costs: once per access token's lifetime, not once per request.";
    match (user, expired) {
        (Some(user), false) => {
            format!("The server looks the refresh token up in its store and finds {user}'s record, not expired. {cost}")
        }
        (Some(user), true) => format!(
            "The server looks the refresh token up in its store and finds {user}'s record, but the login's refresh \
             lifetime has run out: the store deletes it. {cost}"
        ),
        (None, _) => format!(
            "The server looks the refresh token up in its store and finds no record under it: it was revoked, \
             logged out, already used once, or never issued. {cost}"
        ),
    }
}

/// The server's decision on a refresh token.
fn refresh_checked(verdict: RefreshVerdict, user: Option<&str>) -> String {
    let user = user.unwrap_or("?");
    match verdict {
        RefreshVerdict::Renewed => format!(
            "The record is live, so {user} may have a new access token. The server rotates the refresh token as it \
             does so: the one just used stops working, and a new one takes its place (what RFC 9700, OAuth's \
             security best practice, asks of refresh tokens held in a browser, and what Auth0 and Okta do)."
        ),
        RefreshVerdict::Missing => "The request carries no refresh token, so there is nothing to renew: 401 \
                                    Unauthorized, log in again."
            .to_owned(),
        RefreshVerdict::Unknown => "No record, no renewal: the server answers 401 Unauthorized and clears both \
                                    tokens. Whoever holds this refresh token must log in again. This is where a \
                                    revocation of a refresh-token login finally takes effect."
            .to_owned(),
        RefreshVerdict::Expired => format!(
            "{user}'s login has lasted as long as its refresh token may renew it: 401 Unauthorized, log in again."
        ),
    }
}

/// The rotation in the store.
fn rotated(old: &str, new: &str) -> String {
    format!(
        "The store moves the record from {old} to {new}, keeping its expiry: renewing does not make the login last \
         longer. The old refresh token now names nothing."
    )
}

/// A renewal's access token is signed.
fn renewed(user: &str, jti: &str, lifetime: u64, expires: Instant, extras: &str) -> String {
    format!(
        "The server signs a new access token for {user}: jti={jti}, exp at {expires} ({life} from now).{extras}",
        life = human_duration(lifetime)
    )
}

/// How a renewal is handed over.
fn renewed_handed_over(carry: Carry) -> &'static str {
    match carry {
        Carry::Cookie => {
            "The server answers 200 OK with both cookies replaced: the new access token and the new refresh token."
        }
        Carry::Bearer => "The server answers 200 OK with the new access token and the new refresh token in the body.",
    }
}

/// The page's script keeps what a login or a renewal gave it.
const SCRIPT_STORES_BOTH: &str =
    "The page's script stores both tokens in localStorage (access_token and refresh_token).";

/// The page's script forgets both tokens.
const SCRIPT_FORGETS_BOTH: &str = "The page's script deletes both tokens from localStorage.";

/// An injected script finds the refresh token beside the access token in localStorage.
const SCRIPT_TAKES_REFRESH: &str = " It takes localStorage.refresh_token too: with it Mallory can renew the login \
     herself when the access token expires. Rotation means only one of the two copies can renew: whoever renews \
     first retires the token the other holds.";

/// Logout on a refresh-token server: the refresh record is deleted.
fn logout_ends_refresh(user: &str, access_expires: Instant, removed: usize) -> String {
    let deleted = match removed {
        0 => "There was no refresh record left to delete.".to_owned(),
        _ => "Its refresh record is deleted, so this login can never be renewed.".to_owned(),
    };
    format!(
        "The server ends {user}'s login where it can: {deleted} The access token itself cannot be recalled: any copy \
         of it keeps working until its exp at {access_expires}, and not a moment longer. The browser forgets its \
         copies."
    )
}

/// The store deletes one login's refresh records.
fn refresh_deleted(user: &str, removed: usize) -> String {
    match removed {
        0 => format!("The store holds no refresh record of this login of {user}: nothing to delete."),
        1 => format!("The store deletes the refresh record of this login of {user}."),
        n => format!("The store deletes the {n} refresh records of this login of {user}."),
    }
}

/// The store deletes every refresh record of a user.
fn all_refresh_deleted(user: &str, removed: usize) -> String {
    match removed {
        0 => format!("The store holds no refresh record of {user}: nothing to delete."),
        1 => format!("The store deletes {user}'s one refresh record."),
        n => format!("The store deletes all {n} of {user}'s refresh records, on every device."),
    }
}

/// An administrator revokes a login that renews with a refresh token.
fn revoke_refresh(user: &str, access_expires: Option<Instant>) -> String {
    let until = access_expires.map(|at| format!("until its exp at {at}")).unwrap_or_else(|| "until its exp".to_owned());
    format!(
        "An administrator revokes {user}'s login: the server deletes its refresh record. Revocation takes effect at \
         the next refresh, not before: the access token already out (and any copy of it) keeps working {until}, \
         and then the renewal finds no record."
    )
}

/// An administrator's revocation finds no refresh record to delete.
fn revoke_no_refresh_record() -> &'static str {
    "An administrator goes to revoke a login, but the store holds no refresh record to delete. Every access token \
     already out keeps working until its exp."
}

/// "Log out everywhere" or revoking every login of a user, with the fixes on.
fn end_all_of(user: &str, by_admin: bool, refresh: bool, version: bool) -> String {
    let who = if by_admin {
        format!("An administrator asks to end every login of {user}.")
    } else {
        format!("{user} asks to be logged out everywhere.")
    };
    let refresh = if refresh {
        " The server deletes every refresh record of theirs: no device can renew its access token."
    } else {
        ""
    };
    let after = match version {
        true => " And it raises their token version, so every token they hold is refused from the very next request.",
        false => " The access tokens already out keep working until their own exp.",
    };
    format!("{who}{refresh}{after}")
}

/// A password change with the fixes on.
fn password_changed(user: &str, refresh: bool, version: bool) -> String {
    let refresh = if refresh { " Every refresh record of theirs is deleted: no device can renew." } else { "" };
    let after = match version {
        true => {
            " Their token version goes up too, so every token signed before the change, a stolen one too, is \
                 refused from the next request."
        }
        false => " The access tokens already out keep working until their own exp.",
    };
    format!(
        "The server saves {user}'s new password, hashed with a fresh salt.{refresh}{after} The device that changed \
         it gets a new login of its own, so it stays logged in."
    )
}

/// The version is raised in the user table.
fn version_bumped(user: &str, from: u64, to: u64) -> String {
    format!(
        "The user table raises {user}'s token version from {from} to {to}. Every token that says ver={from} is now \
         outdated, wherever it is: nothing had to be found or deleted, one number changed."
    )
}

/// The verify step when the server will ask its store or user table before trusting a genuine token.
fn verified_then_lookups(carry: Option<Carry>, user: &str, expires: Instant, denylist: bool) -> String {
    let from = match carry {
        Some(Carry::Cookie) => "the token cookie",
        Some(Carry::Bearer) => "the Authorization: Bearer header",
        None => "the token",
    };
    let questions = match denylist {
        true => "ask its store whether the jti is on the denylist, and read the user's token version from the user \
                 table"
            .to_owned(),
        false => format!("read {user}'s token version from the user table"),
    };
    format!(
        "The server reads {from} and verifies it: the signature matches and exp has not passed yet, which comes at \
         {expires}; the claims say sub={user}. But before it trusts a genuine token, this server must {questions}."
    )
}

/// The version's read on every request.
fn version_read(user: &str, current: u64, carried: Option<u64>) -> String {
    let cost = "This read happens on every request: the token version brings back a lookup per request, in the user \
                table rather than a session store.";
    match carried {
        Some(ver) if ver == current => {
            format!("The user table says {user}'s token version is {current}, and the token says ver={ver}: current. {cost}")
        }
        Some(ver) => format!(
            "The user table says {user}'s token version is {current}, but the token says ver={ver}: it was signed \
             before a password change or a \u{201c}log out everywhere\u{201d}. Refused, the request is anonymous. \
             {cost}"
        ),
        None => format!(
            "The user table says {user}'s token version is {current}, but the token carries no ver at all: refused, \
             the request is anonymous. {cost}"
        ),
    }
}

/// The verdict on an outdated token, for a question's explanation.
pub(super) const OUTDATED_REASON: &str = "the token's ver was older than the user's token version";

/// The verdict on an outdated token, on the server's status line.
pub(super) const OUTDATED_STATUS: &str = "Token refused: outdated version.";

/// Why a refresh token decided a request, for a question's explanation.
pub(super) fn refresh_reason(verdict: RefreshVerdict) -> &'static str {
    match verdict {
        RefreshVerdict::Renewed => "the refresh token named a live record in the store",
        RefreshVerdict::Missing => "the renewal carried no refresh token",
        RefreshVerdict::Unknown => "the refresh token named no record in the store (revoked, used, or never issued)",
        RefreshVerdict::Expired => "the login's refresh lifetime had run out",
    }
}

/// The server's status line as it decides on a refresh token.
pub(super) fn refresh_status(verdict: RefreshVerdict) -> &'static str {
    match verdict {
        RefreshVerdict::Renewed => "Refresh token found: renewing.",
        RefreshVerdict::Missing => "No refresh token in the request.",
        RefreshVerdict::Unknown => "Refresh token names no record.",
        RefreshVerdict::Expired => "Refresh token expired.",
    }
}

/// A restart of a token server whose refresh records lived in its memory.
fn restart_loses_refresh(records: usize) -> String {
    format!(
        "Every access token still verifies with the same secret. But the store lived in the process's memory, and \
         its {records} record{} died with it: no refresh token can be renewed now, so everyone must log in again \
         when their access token expires.",
        if records == 1 { "" } else { "s" }
    )
}

/// What an empty store says on a server with refresh tokens.
const EMPTY_STORE: &str = "No refresh records: no login can be renewed. An access token already out still \
     works until its exp; who holds one is written, signed, in that browser's token.";

/// The store's step as a restart loses the refresh records.
const RECORDS_GONE: &str = "The refresh records are gone with the process's memory.";

/// The store is down: a refresh, a login or a logout needs it.
fn store_down_refresh() -> &'static str {
    "This request needs the store, where the refresh tokens live, and the store cannot be reached: 500 Internal \
     Server Error. Access tokens still work on their own until they expire; logging in, out and renewing do not."
}

/// The body of a 500 when the store holding the refresh tokens cannot be reached.
const STORE_UNAVAILABLE_BODY: &str = "The token store is unavailable.";

/// The body of a "log out everywhere" answered with every login ended.
const LOGGED_OUT_EVERYWHERE_BODY: &str = "Logged out everywhere.";

/// A refresh lifetime on a server without refresh tokens.
const REFRESH_LIFETIME_WITHOUT_REFRESH: &str = "only a server with refresh tokens renews: also set \"refresh\": true";

/// A refresh lifetime no longer than the access token's.
fn refresh_lifetime_too_short(token_lifetime: u64) -> String {
    format!(
        "expected more seconds than tokenLifetime ({token_lifetime}): a refresh token must outlive the access token it \
         renews"
    )
}

/// The body of a renewal's 200.
const RENEWED_BODY: &str = "Your login is renewed.";

/// The body of a refused renewal's 401.
const LOG_IN_AGAIN_BODY: &str = "Please log in again.";
