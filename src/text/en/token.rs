//! The token server's sentences in English (`TokenMessage`): each says what
//! differs from a server-side session and why: the token carries its own
//! claims and a signature, so the server keeps nothing, looks nothing up, and
//! has nothing to delete.

use crate::base::clock::Instant;
use crate::library::token::{Carry, TokenVerdict};
use crate::text::human_duration;
use crate::text::message::token::{Signed, TokenAttackName, TokenMessage};

/// The message in English.
pub(super) fn render(message: &TokenMessage<'_>) -> String {
    match *message {
        TokenMessage::Signed(ref t) => signed(t),
        TokenMessage::HandedOver(ref t) => handed_over(t),
        TokenMessage::Verified { verdict, carry, user, expires, node, denylist } => {
            verified(verdict, carry, user, expires, node, denylist)
        }
        TokenMessage::DenylistChecked { denied } => denylist_checked(denied).to_owned(),
        TokenMessage::VerdictReason(verdict) => verdict_reason(verdict).to_owned(),
        TokenMessage::Unauthorized => UNAUTHORIZED.to_owned(),
        TokenMessage::Profile { user, role } => profile(user, role),
        TokenMessage::Logout { carry, user, expires } => logout(carry, user, expires),
        TokenMessage::LogoutDenied { user, expires } => logout_denied(user, expires),
        TokenMessage::RevokeNothing { user, expires } => revoke_nothing(user, expires),
        TokenMessage::RevokeDenied { user, jti, expires } => revoke_denied(user, jti, expires),
        TokenMessage::EndAllOf { user, by_admin, denylist } => end_all_of(user, by_admin, denylist),
        TokenMessage::PasswordChanged { user } => password_changed(user),
        TokenMessage::Restart { denylist_entries, survives } => restart(denylist_entries, survives),
        TokenMessage::KeyRotated => KEY_ROTATED.to_owned(),
        TokenMessage::RotationWithoutTokens => ROTATION_WITHOUT_TOKENS.to_owned(),
        TokenMessage::StoreDownDenylist => store_down_denylist().to_owned(),
        TokenMessage::EmptyStore { denylist } => empty_store(denylist).to_owned(),
        TokenMessage::StorageCopied { from, to, keys } => storage_copied(from, to, keys),
        TokenMessage::Attack(attack) => match attack {
            TokenAttackName::Stolen => "Stolen token",
            TokenAttackName::ScriptTheft => "Script theft of a token (XSS)",
            TokenAttackName::AlgNone => "Forged token with alg: none",
            TokenAttackName::GuessedSecret => "Forged token, secret guessed from a word list",
        }
        .to_owned(),
        TokenMessage::CopyLabel { from, to } => format!("copy the token cookie from {from} to {to}"),
        TokenMessage::RevokeNewestLabel => "admin: revoke the newest token".to_owned(),
        TokenMessage::RevokeHeldByLabel { browser } => format!("admin: revoke the token of {browser}"),
        TokenMessage::RevokeUserLabel { user } => format!("admin: end every token of {user}"),
        TokenMessage::StoreDownLabel => "the shared store goes down".to_owned(),
        TokenMessage::StoreBackLabel => "the shared store is back".to_owned(),
        TokenMessage::TypedIn { browser, name, value } => typed_in(browser, name, value),
        TokenMessage::BrowserClosed { browser, gone } => browser_closed(browser, gone),
        TokenMessage::ServerStopped { name, denylist_lost } => server_stopped(name, denylist_lost),
        TokenMessage::StartedOverWithTokens { prepared } => started_over_with_tokens(prepared),
    }
}

/// Login: the token is signed, and nothing is stored.
fn signed(t: &Signed<'_>) -> String {
    format!(
        "The server writes a JSON Web Token: the claims sub={user}, iat (now), exp (now + {life}, at {exp}) and \
         jti={jti} (drawn from its ID source), signed with HMAC-SHA256 under its own secret. It stores nothing: the \
         token itself says who this is and until when, and only the server's secret can make its signature. There \
         is no coat on a rack, only a signed note the browser keeps.",
        user = t.user,
        life = human_duration(t.lifetime),
        exp = t.expires,
        jti = t.jti
    )
}

/// Login: how the token is handed over.
fn handed_over(t: &Signed<'_>) -> String {
    match (t.carry, t.http_only) {
        (Carry::Cookie, true) => "The server answers 200 OK and hands the token over in a Set-Cookie (HttpOnly): \
                                  the browser attaches it to every request on its own, and no script can read it."
            .to_owned(),
        (Carry::Cookie, false) => "The server answers 200 OK and hands the token over in a Set-Cookie without \
                                   HttpOnly: the browser attaches it on its own, and any script on the page can \
                                   read it through document.cookie."
            .to_owned(),
        (Carry::Bearer, _) => "The server answers 200 OK with the token in the response body (access_token). The \
                               page's own script keeps it in localStorage and sends it on each request as \
                               Authorization: Bearer. Any script running on the page can read localStorage, an \
                               injected one too: that is the price of carrying it there."
            .to_owned(),
    }
}

/// Where the server found the token, as the verify step begins.
fn carried(carry: Option<Carry>) -> &'static str {
    match carry {
        Some(Carry::Cookie) => "the token cookie",
        Some(Carry::Bearer) => "the Authorization: Bearer header",
        None => "",
    }
}

/// A request's verification, by its verdict. `node` names the server of a
/// cluster that checked it, when there are several.
fn verified(
    verdict: TokenVerdict,
    carry: Option<Carry>,
    user: Option<&str>,
    expires: Option<Instant>,
    node: Option<&str>,
    denylist: bool,
) -> String {
    let from = carried(carry);
    let user = user.unwrap_or("?");
    match verdict {
        // With a denylist, a genuine token still needs the store's word.
        TokenVerdict::Accepted | TokenVerdict::Denied if denylist => {
            let exp = expires.map(|e| format!(", which comes at {e}")).unwrap_or_default();
            format!(
                "The server reads {from} and verifies it: the signature matches and exp has not passed yet{exp}; the \
                 claims say sub={user}. But before it trusts a genuine token, this server must ask its store one \
                 question."
            )
        }
        TokenVerdict::Missing => "The request carries no token, so the server cannot tell who this is.".to_owned(),
        TokenVerdict::Accepted => {
            let exp = expires.map(|e| format!(", which comes at {e}")).unwrap_or_default();
            let who = match node {
                Some(node) => format!(
                    "{node} has never seen this browser and shares no store with any other server, but it holds \
                     the same signing secret, so it can check the token alone. "
                ),
                None => String::new(),
            };
            format!(
                "{who}The server reads {from} and verifies it: it computes HMAC-SHA256 of the header and claims under \
                 its secret and compares it with the signature (they match), then checks exp against its clock: not \
                 yet{exp}. The claims say sub={user}. Nothing was looked up: no store, no record, only arithmetic."
            )
        }
        TokenVerdict::Expired => format!(
            "The server reads {from} and verifies it: the signature matches, but its exp has passed. A token cannot \
             be renewed in place; this one is worthless now, and the request is anonymous."
        ),
        TokenVerdict::BadSignature => format!(
            "The server reads {from} and verifies it: the signature is not the one its secret makes for this header \
             and these claims. Someone changed the token, or another key signed it. The server refuses it: the \
             request is anonymous."
        ),
        TokenVerdict::AlgorithmRefused => format!(
            "The server reads {from}, whose header names an algorithm other than HS256. This verifier pins its \
             algorithm and does not let the token choose: refused, the request is anonymous."
        ),
        TokenVerdict::Malformed => format!(
            "The server reads {from}, but it is not a token it can check (not three base64url parts of JSON, or a \
             claim missing). The request is anonymous."
        ),
        TokenVerdict::Denied => format!(
            "The server reads {from}: genuine and unexpired, claims sub={user}, but its jti is on the denylist, so \
             the server refuses it: the request is anonymous."
        ),
        TokenVerdict::Outdated => format!(
            "The server reads {from}: genuine and unexpired, claims sub={user}, but its ver is older than {user}'s \
             token version in the user table, so the server refuses it: the request is anonymous."
        ),
    }
}

/// The denylist lookup every request pays for once the server keeps one.
fn denylist_checked(denied: bool) -> &'static str {
    if denied {
        "The server asks its store whether this token's jti is on the denylist: it is. The token was revoked, so the \
         server refuses it, signature or not: the request is anonymous. This lookup happens on every request again: \
         a token with a denylist is a session with extra steps."
    } else {
        "The server asks its store whether this token's jti is on the denylist: it is not. This lookup happens on \
         every request again: the denylist brought back the very round trip tokens were meant to save."
    }
}

/// Why a verdict decided a request, for a question's explanation.
fn verdict_reason(verdict: TokenVerdict) -> &'static str {
    match verdict {
        TokenVerdict::Accepted => "the token's signature matched and its exp had not passed",
        TokenVerdict::Missing => "the request carried no token",
        TokenVerdict::Malformed => "the request carried no token the server could check",
        TokenVerdict::BadSignature => "the token's signature did not match the server's secret",
        TokenVerdict::AlgorithmRefused => "the token named an algorithm the server does not accept",
        TokenVerdict::Expired => "the token's exp had passed",
        TokenVerdict::Denied => "the token's jti was on the denylist",
        TokenVerdict::Outdated => super::refresh::OUTDATED_REASON,
    }
}

/// A request without an acceptable token.
const UNAUTHORIZED: &str =
    "With no valid token the server cannot tell who this is. It answers 401 Unauthorized: log in first.";

/// The profile page, answered from the token's claims.
fn profile(user: &str, role: &str) -> String {
    format!(
        "Now the server knows who is asking: {user}, with the role {role}. It answers 200 OK with {user}'s profile \
         page. The name came from the token's signed claims, not from any store."
    )
}

/// Logout, with no denylist: only the client's copy is forgotten.
fn logout(carry: Carry, user: Option<&str>, expires: Option<Instant>) -> String {
    let forget = match carry {
        Carry::Cookie => "It tells the browser to forget the token cookie (a Set-Cookie with an expiry in the past)",
        Carry::Bearer => "The page's script deletes its copy from localStorage",
    };
    let until = expires.map(|e| format!(" until its exp at {e}")).unwrap_or_default();
    match user {
        Some(user) => format!(
            "The server has no record of {user}'s login to delete: it never kept one. {forget}, and that is all a \
             logout can do. The token itself is still valid: any copy of it (stolen, or left on another machine) \
             keeps working{until}."
        ),
        None => format!("There is no token to end. {forget} anyway."),
    }
}

/// Logout with a denylist: the token's jti goes on it.
fn logout_denied(user: &str, expires: Instant) -> String {
    format!(
        "The server puts the token's jti on its denylist, to stay there until the token's own exp at {expires}: \
         every copy of {user}'s token is refused from now on. The client's copy is forgotten too."
    )
}

/// An administrator's revocation when there is nothing the server could delete.
fn revoke_nothing(user: Option<&str>, expires: Option<Instant>) -> String {
    match (user, expires) {
        (Some(user), Some(exp)) => format!(
            "An administrator wants to revoke {user}'s login. But a token server keeps no record of the tokens it \
             signed: there is nothing to delete. The token in {user}'s browser (and any copy of it) keeps working \
             until its exp at {exp}. That is the price of keeping no state."
        ),
        _ => "An administrator wants to revoke the newest login. But a token server keeps no record of the tokens \
              it signed: it cannot even list them, let alone delete one. Every token it issued keeps working until \
              its exp. That is the price of keeping no state."
            .to_owned(),
    }
}

/// An administrator's revocation with a denylist.
fn revoke_denied(user: &str, jti: &str, expires: Instant) -> String {
    format!(
        "An administrator revokes {user}'s token: its jti {jti} goes on the denylist in the store, to stay there \
         until the token's own exp at {expires} (after that the token fails on its own). The browser is not told; \
         its next request will be refused."
    )
}

/// "Log out everywhere" or revoking every login of a user.
fn end_all_of(user: &str, by_admin: bool, denylist: bool) -> String {
    let who = if by_admin {
        format!("An administrator asks to end every login of {user}.")
    } else {
        format!("{user} asks to be logged out everywhere.")
    };
    let why = if denylist {
        " The denylist names tokens by jti, and the server never kept a list of which jti it gave whom: it can deny \
         only a token it is shown."
    } else {
        ""
    };
    format!(
        "{who} A token server keeps no record of the tokens it signed, so it has nothing to find and nothing to \
         delete.{why} Every token of {user} keeps working until its own exp."
    )
}

/// A password change: the tokens signed before it stay valid.
fn password_changed(user: &str) -> String {
    format!(
        "The server saves {user}'s new password, hashed with a fresh salt. The tokens already signed for {user} say \
         nothing about the password and are still signed with the same secret: every one of them, a stolen one too, \
         keeps working until its exp. Changing the password does not end a single token."
    )
}

/// A restart: nothing to lose (or a denylist lost with the memory).
fn restart(denylist_entries: usize, survives: bool) -> String {
    match (denylist_entries, survives) {
        (0, _) => "The server keeps nothing about logins, so a restart loses nothing: with the same secret, every \
                   token it signed before still verifies."
            .to_owned(),
        (_, true) => "The tokens need nothing from the server's memory, and the denylist lives in a separate store, \
                      which keeps running: every valid token still verifies, every denied one is still refused."
            .to_owned(),
        (n, false) => format!(
            "Every token still verifies with the same secret. But the denylist lived in the process's memory, and \
             its {n} entr{} died with it: the tokens it refused are accepted again, until their own exp.",
            if n == 1 { "y" } else { "ies" }
        ),
    }
}

/// The signing key is rotated.
const KEY_ROTATED: &str = "An administrator replaces the server's signing secret with a new one. Every token \
     signed with the old secret now fails its signature check: everybody is logged out at once, stolen copies and \
     all, and nothing had to be looked up or deleted. The price is just that: everybody, not one user or one token, \
     must log in again (real systems name each key in the token's kid header and keep verifying with the old one \
     for a while, which brings the stolen copies back).";

/// Rotating a key on a session server.
const ROTATION_WITHOUT_TOKENS: &str = "An administrator goes to rotate the token signing key, but this server \
     remembers logins as sessions in its store, not as signed tokens: there is no token key to rotate, and nothing \
     changes.";

/// The store is down: a token server without a denylist does not care.
fn store_down_denylist() -> &'static str {
    "The server verifies the token's signature, then must ask the store whether its jti is on the denylist, but the \
     store cannot be reached. It will not guess: 500 Internal Server Error. The denylist made the store a \
     dependency of every request again."
}

/// What an empty store says under tokens: no login is kept there, so an
/// empty rack does not mean that nobody is logged in.
fn empty_store(denylist: bool) -> &'static str {
    if denylist {
        "No revoked tokens listed. A token server keeps no logins: who is logged in is written, signed, in each browser's token."
    } else {
        "No records, and none to come: a token server keeps no logins. Who is logged in is written, signed, in each browser's token."
    }
}

/// A bearer token copied out of one browser's page storage into another's,
/// with whatever else the page keeps there (`keys`).
fn storage_copied(from: &str, to: &str, keys: &[&str]) -> String {
    format!(
        "The page storage of {from} (localStorage: {}) is copied into {to}'s. (How it gets copied, through \
         malware or a shared computer, is a story of its own.) {to}'s copy of the page sends the token as \
         Authorization: Bearer, and the server cannot tell the two copies apart.",
        keys.join(", ")
    )
}

/// A ticket typed into a jar, under tokens: the server's check decides, not a store.
fn typed_in(browser: &str, name: &str, value: &str) -> String {
    format!(
        "{browser} types a token of its own choosing into the jar (devtools will do): {name}={value}. Whether it \
         opens anything is up to the server's check: the signature must be the one only its secret makes, and exp \
         must not have passed."
    )
}

/// A browser closed and opened again, under tokens: the token cookie (a
/// cookie for the browser's session) is gone, and the token itself lives on.
fn browser_closed(browser: &str, gone: &[String]) -> String {
    if gone.is_empty() {
        return format!(
            "{browser} is closed and opened again. Every cookie in its jar has an expiry date, so all of them \
             survive."
        );
    }
    format!(
        "{browser} is closed and opened again. The {} cookie had no Max-Age or Expires, so it lasted only until the \
         browser closed: this copy of the token is gone. The token itself is still valid until its exp: the server \
         never knew of it, and any other copy keeps working.",
        gone.join(", ")
    )
}

/// A server of several stops, under tokens: it kept no logins to lose.
fn server_stopped(name: &str, denylist_lost: usize) -> String {
    match denylist_lost {
        0 => format!(
            "{name} kept no logins of its own: a token server keeps none. Its users' next requests go to another \
             server, which checks the same tokens with the same secret: no one is logged out."
        ),
        n => format!(
            "{name} kept no logins, but its memory held {n} denylist entr{} of its own, now gone: the tokens they \
             refused are accepted again by the server that gets them, until their own exp.",
            if n == 1 { "y" } else { "ies" }
        ),
    }
}

/// A tour starts over with signed tokens in place of sessions; `prepared`
/// names what its prepared start did again, unseen.
fn started_over_with_tokens(prepared: &[String]) -> String {
    let mut narration = START_OVER_WITH_TOKENS.to_owned();
    if !prepared.is_empty() {
        narration.push_str(&format!(" As at the start, this has already happened: {}.", prepared.join("; ")));
    }
    narration
}

/// A tour starts over with signed tokens in place of sessions.
const START_OVER_WITH_TOKENS: &str = "Everything starts over: empty stores, empty jars, the clock back at the \
     start, the same servers behind the same balancer. This time they remember logins with signed tokens instead of \
     sessions: a login is a note signed with the secret every server holds, and no server keeps a record.";
