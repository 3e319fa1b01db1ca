//! The token inspector in English (`InspectMessage`): each field of a
//! token's header and claims explained, times read on the playground's clock
//! ("in 12 min"), and the signature check's verdict in a headline and a
//! sentence.
//!
//! A reader who edits the claims learns the rule here: the signature covers
//! every byte of the header and the claims, so any change without the secret
//! is a bad signature.

use crate::base::clock::{http_date_of_unix, Instant, START_UNIX_SECS};
use crate::base::jwt::{FieldValue, Rejection, HS256};
use crate::library::token::{TokenVerdict, VersionCheck};
use crate::text::message::inspect::InspectMessage;

/// The message in English.
pub(super) fn render(message: &InspectMessage<'_>) -> String {
    match *message {
        InspectMessage::HeaderFieldShown { name, value } => header_field(name, value).shown,
        InspectMessage::HeaderFieldMeaning { name, value } => header_field(name, value).meaning,
        InspectMessage::ClaimShown { name, value, at } => claim(name, value, at).shown,
        InspectMessage::ClaimMeaning { name, value, at } => claim(name, value, at).meaning,
        InspectMessage::Headline(verdict) => headline(verdict).to_owned(),
        InspectMessage::CheckReason { rejection, denied, denylist, version, user, edited, at } => {
            check_reason(rejection, denied, denylist, version, user, edited, at)
        }
    }
}

/// A field as the inspector lists it: its value as shown, and what it means.
struct Explained {
    /// The value, as the reader should read it (a time on the clock, say).
    shown: String,
    /// What the field is for, and what this value says.
    meaning: String,
}

/// A span of seconds as a person says it roughly: "45 s", "4 min",
/// "4 min 30 s", "2 h 5 min", "3 days".
fn roughly(secs: u64) -> String {
    match secs {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => match s % 60 {
            0 => format!("{} min", s / 60),
            rest => format!("{} min {rest} s", s / 60),
        },
        s if s < 86_400 => match s % 3600 / 60 {
            0 => format!("{} h", s / 3600),
            rest => format!("{} h {rest} min", s / 3600),
        },
        s => {
            let days = s / 86_400;
            format!("{days} day{}", if days == 1 { "" } else { "s" })
        }
    }
}

/// A `NumericDate` as the reader reads it: the playground's clock time when it
/// falls within the playground's time, else the calendar date.
fn when(unix: u64) -> String {
    match unix.checked_sub(START_UNIX_SECS) {
        Some(since_start) => {
            let instant = Instant::START.plus_secs(since_start);
            format!("{instant} on the clock ({})", instant.http_date())
        }
        None => http_date_of_unix(i64::try_from(unix).unwrap_or(i64::MAX)),
    }
}

/// How far `unix` is from the moment `at`: "in 12 min", "3 min ago", "now".
fn from_now(unix: u64, at: Instant) -> String {
    let now = at.unix_secs();
    match unix.cmp(&now) {
        std::cmp::Ordering::Greater => format!("in {}", roughly(unix - now)),
        std::cmp::Ordering::Less => format!("{} ago", roughly(now - unix)),
        std::cmp::Ordering::Equal => "right now".to_owned(),
    }
}

/// A value as written in the JSON: a string in quotes, anything else as is.
fn written(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(text) => crate::base::encoding::quoted(text),
        FieldValue::Seconds(n) => n.to_string(),
        FieldValue::Other(json) => json.clone(),
    }
}

/// A field of the header.
fn header_field(name: &str, value: &FieldValue) -> Explained {
    let shown = written(value);
    let meaning = match (name, value) {
        ("alg", FieldValue::Text(alg)) if alg == HS256 => {
            "The algorithm the signature claims to use: HMAC-SHA256 with a secret only the server knows. This server \
             pins HS256 and checks with that, whatever a header says."
                .to_owned()
        }
        ("alg", FieldValue::Text(alg)) if alg.eq_ignore_ascii_case("none") => {
            "\"none\": no signature at all. A careless verifier that lets the token choose would accept it; this \
             server pins HS256 and refuses it."
                .to_owned()
        }
        ("alg", _) => "The algorithm the signature claims to use. This server accepts only HS256 and refuses any \
                       other."
            .to_owned(),
        ("typ", _) => "The type of the token: a JSON Web Token. Informational; nothing is decided by it.".to_owned(),
        ("kid", _) => "Which key signed it, when a server keeps several. This server has one secret and does not \
                       read it."
            .to_owned(),
        _ => "Not a header field this server reads.".to_owned(),
    };
    Explained { shown, meaning }
}

/// A claim of the payload, with times read against `at`, the moment shown.
fn claim(name: &str, value: &FieldValue, at: Instant) -> Explained {
    match (name, value) {
        ("sub", FieldValue::Text(user)) => Explained {
            shown: crate::base::encoding::quoted(user),
            meaning: format!(
                "Subject: who the token speaks for. The server believes it is {user} because the signature says the \
                 server itself wrote this, not because it looked anything up."
            ),
        },
        ("iat", FieldValue::Seconds(unix)) => Explained {
            shown: format!("{unix} = {}", when(*unix)),
            meaning: format!("Issued at: when the server signed it, {}.", from_now(*unix, at)),
        },
        ("exp", FieldValue::Seconds(unix)) => {
            let meaning = if at.unix_secs() >= *unix {
                format!(
                    "Expires: it passed {}, so every server refuses the token now. This is the only way a token ends \
                     on its own.",
                    from_now(*unix, at)
                )
            } else {
                format!(
                    "Expires {}: until then any copy of it is accepted, by any server with the secret, whatever \
                     happens to the login in between (unless a denylist names its jti).",
                    from_now(*unix, at)
                )
            };
            Explained { shown: format!("{unix} = {}", when(*unix)), meaning }
        }
        ("jti", FieldValue::Text(id)) => Explained {
            shown: crate::base::encoding::quoted(id),
            meaning: "JWT ID: the token's own name, drawn from the server's ID source. The server keeps no list of \
                      them; a denylist is the one place a jti is written down."
                .to_owned(),
        },
        ("sub" | "jti", other) => Explained {
            shown: written(other),
            meaning: "Should be a string: the server refuses a token whose claim is not one.".to_owned(),
        },
        ("iat" | "exp", other) => Explained {
            shown: written(other),
            meaning: "Should be a time in seconds since 1970: the server refuses a token whose claim is not one."
                .to_owned(),
        },
        (_, other) => Explained {
            shown: written(other),
            meaning: "Not a claim this server reads; it is signed all the same, so changing it breaks the \
                      signature too."
                .to_owned(),
        },
    }
}

/// The check's headline, by verdict.
fn headline(verdict: TokenVerdict) -> &'static str {
    match verdict {
        TokenVerdict::Accepted => "Valid: the server would accept it",
        TokenVerdict::BadSignature => "Bad signature: the server would refuse it",
        TokenVerdict::Expired => "Expired: the server would refuse it",
        TokenVerdict::AlgorithmRefused => "Algorithm refused: the server would refuse it",
        TokenVerdict::Malformed | TokenVerdict::Missing => "Malformed: not a token the server can check",
        TokenVerdict::Denied => "Genuine, but on the denylist: the server would refuse it",
        TokenVerdict::Outdated => "Outdated: a newer token version was issued; the server would refuse it",
    }
}

/// Why the check came out as it did: the rule, at the line that decided it.
/// `rejection` is the verifier's, `None` for a token it accepted (denied or not).
fn check_reason(
    rejection: Option<&Rejection>,
    denied: bool,
    denylist: bool,
    version: Option<VersionCheck>,
    user: &str,
    edited: bool,
    at: Instant,
) -> String {
    let secret = "the server's secret";
    match rejection {
        None if denied => "The signature matches and exp has not passed, but this server keeps a denylist and the \
                           token's jti is on it: refused, after a lookup in the store on this very request."
            .to_owned(),
        None if version.is_some_and(|v| !v.current()) => {
            let version = version.unwrap_or(VersionCheck { claimed: None, current: 0 });
            format!(
                "The signature matches and exp has not passed, but this server keeps a token version per user: {} \
                 {user}'s is {} now (a password change or a log out everywhere raised it). Refused, after a read of \
                 the user table on this very request.",
                match version.claimed {
                    Some(ver) => format!("the token carries ver {ver}, and"),
                    None => "the token carries no ver, and".to_owned(),
                },
                version.current
            )
        }
        None => format!(
            "The server computes HMAC-SHA256 of the first two parts under {secret} and gets exactly the third part, \
             so it wrote these claims itself; exp has not passed at {at}. Accepted, {}.",
            match (denylist, version.is_some()) {
                (false, false) => "and nothing was looked up",
                (true, false) => "after a lookup in the denylist, which does not name it",
                (false, true) => "after a read of the user's token version, which matches",
                (true, true) => "after a lookup in the denylist and a read of the user's token version",
            }
        ),
        Some(Rejection::BadSignature) if edited => format!(
            "The signature was made for the claims as the server wrote them. Change one byte of the header or the \
             claims and HMAC-SHA256 under {secret} gives a different value: the third part no longer matches, and \
             without the secret nobody can make one that does. Refused."
        ),
        Some(Rejection::BadSignature) => format!(
            "HMAC-SHA256 of the first two parts under {secret} is not the third part: someone changed the token, or \
             another key signed it (a rotated key does this to every older token). Refused."
        ),
        Some(Rejection::Expired { exp, now }) => format!(
            "The signature matches, but exp came {} (checked at {at}): on or after exp a token must be refused \
             (RFC 7519), and there is no renewing it in place.",
            from_now(*exp, Instant::START.plus_secs(now.saturating_sub(START_UNIX_SECS)))
        ),
        Some(Rejection::AlgorithmRefused(alg)) if alg.is_empty() => {
            "The header names no algorithm. This server pins HS256: refused.".to_owned()
        }
        Some(Rejection::AlgorithmRefused(alg)) => format!(
            "The header names {}, not HS256. This server pins its algorithm and never lets the token choose (RFC \
             8725): refused before the signature is even read.",
            crate::base::encoding::quoted(alg)
        ),
        Some(Rejection::NotThreeParts) => {
            "A token is three base64url parts joined by two dots; this is not. Refused.".to_owned()
        }
        Some(Rejection::NotBase64url(part)) => {
            format!("The {} part is not base64url text. Refused.", part_name(*part))
        }
        Some(Rejection::NotJsonObject(part)) => {
            format!("The {} part does not decode to one JSON object. Refused.", part_name(*part))
        }
        Some(Rejection::MissingClaim(name)) => format!(
            "The signature matches, but the claim {name} is missing or of the wrong type, and the server needs it. \
             Refused."
        ),
    }
}

fn part_name(part: crate::base::jwt::Part) -> &'static str {
    match part {
        crate::base::jwt::Part::Header => "header",
        crate::base::jwt::Part::Claims => "payload",
        crate::base::jwt::Part::Signature => "signature",
    }
}

#[cfg(test)]
mod tests {
    use super::roughly;

    #[test]
    fn spans_read_roughly() {
        assert_eq!(roughly(45), "45 s");
        assert_eq!(roughly(240), "4 min");
        assert_eq!(roughly(270), "4 min 30 s");
        assert_eq!(roughly(7500), "2 h 5 min");
        assert_eq!(roughly(3 * 86_400 + 5), "3 days");
    }
}
