//! What a token server's steps say: every sentence of the signed-token
//! mechanism, one function each, so the logic in `server/token.rs` decides
//! and this file words it (and a translation is a new file of these).
//!
//! Each sentence says what differs from a server-side session and why: the
//! token carries its own claims and a signature, so the server keeps nothing,
//! looks nothing up, and has nothing to delete.

use crate::base::clock::Instant;
use crate::library::token::{Carry, TokenVerdict};
use crate::text::human_duration;

/// The token's terms as the step that signs it says them.
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

/// Login: the token is signed, and nothing is stored.
pub fn signed(t: &Signed<'_>) -> String {
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
pub fn handed_over(t: &Signed<'_>) -> String {
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
pub fn verified(
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
pub fn denylist_checked(denied: bool) -> &'static str {
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
pub fn verdict_reason(verdict: TokenVerdict) -> &'static str {
    match verdict {
        TokenVerdict::Accepted => "the token's signature matched and its exp had not passed",
        TokenVerdict::Missing => "the request carried no token",
        TokenVerdict::Malformed => "the request carried no token the server could check",
        TokenVerdict::BadSignature => "the token's signature did not match the server's secret",
        TokenVerdict::AlgorithmRefused => "the token named an algorithm the server does not accept",
        TokenVerdict::Expired => "the token's exp had passed",
        TokenVerdict::Denied => "the token's jti was on the denylist",
        TokenVerdict::Outdated => crate::text::refresh::OUTDATED_REASON,
    }
}

/// A request without an acceptable token.
pub const UNAUTHORIZED: &str =
    "With no valid token the server cannot tell who this is. It answers 401 Unauthorized: log in first.";

/// The profile page, answered from the token's claims.
pub fn profile(user: &str, role: &str) -> String {
    format!(
        "Now the server knows who is asking: {user}, with the role {role}. It answers 200 OK with {user}'s profile \
         page. The name came from the token's signed claims, not from any store."
    )
}

/// Logout, with no denylist: only the client's copy is forgotten.
pub fn logout(carry: Carry, user: Option<&str>, expires: Option<Instant>) -> String {
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
pub fn logout_denied(user: &str, expires: Instant) -> String {
    format!(
        "The server puts the token's jti on its denylist, to stay there until the token's own exp at {expires}: \
         every copy of {user}'s token is refused from now on. The client's copy is forgotten too."
    )
}

/// An administrator's revocation when there is nothing the server could delete.
pub fn revoke_nothing(user: Option<&str>, expires: Option<Instant>) -> String {
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
pub fn revoke_denied(user: &str, jti: &str, expires: Instant) -> String {
    format!(
        "An administrator revokes {user}'s token: its jti {jti} goes on the denylist in the store, to stay there \
         until the token's own exp at {expires} (after that the token fails on its own). The browser is not told; \
         its next request will be refused."
    )
}

/// "Log out everywhere" or revoking every login of a user.
pub fn end_all_of(user: &str, by_admin: bool, denylist: bool) -> String {
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
pub fn password_changed(user: &str) -> String {
    format!(
        "The server saves {user}'s new password, hashed with a fresh salt. The tokens already signed for {user} say \
         nothing about the password and are still signed with the same secret: every one of them, a stolen one too, \
         keeps working until its exp. Changing the password does not end a single token."
    )
}

/// A restart: nothing to lose (or a denylist lost with the memory).
pub fn restart(denylist_entries: usize, survives: bool) -> String {
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
pub const KEY_ROTATED: &str = "An administrator replaces the server's signing secret with a new one. Every token \
     signed with the old secret now fails its signature check: everybody is logged out at once, stolen copies and \
     all, and nothing had to be looked up or deleted. The price is just that: everybody, not one user or one token, \
     must log in again (real systems name each key in the token's kid header and keep verifying with the old one \
     for a while, which brings the stolen copies back).";

/// Rotating a key on a session server.
pub const ROTATION_WITHOUT_TOKENS: &str = "An administrator goes to rotate the token signing key, but this server \
     remembers logins as sessions in its store, not as signed tokens: there is no token key to rotate, and nothing \
     changes.";

/// The store is down: a token server without a denylist does not care.
pub fn store_down_denylist() -> &'static str {
    "The server verifies the token's signature, then must ask the store whether its jti is on the denylist, but the \
     store cannot be reached. It will not guess: 500 Internal Server Error. The denylist made the store a \
     dependency of every request again."
}

/// What an empty store says under tokens: no login is kept there, so an
/// empty rack does not mean that nobody is logged in.
pub fn empty_store(denylist: bool) -> &'static str {
    if denylist {
        "No revoked tokens listed. A token server keeps no logins: who is logged in is written, signed, in each browser's token."
    } else {
        "No records, and none to come: a token server keeps no logins. Who is logged in is written, signed, in each browser's token."
    }
}

/// A tour starts over with signed tokens in place of sessions; `prepared`
/// names what its prepared start did again, unseen.
pub fn started_over_with_tokens(prepared: &[String]) -> String {
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
