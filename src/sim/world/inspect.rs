//! The token inspector: a token taken apart into its three parts, each field
//! explained, and checked as this world's server would check it at a given
//! moment, with its current secret (and its denylist, if it keeps one).
//!
//! Nothing here changes the world or records a step: the inspector only
//! looks. The reader may edit the claims first; the edited token keeps the
//! original header and signature, which is all anyone without the secret can
//! do, and the check says what the server would make of it.

use super::World;
use crate::base::clock::Instant;
use crate::base::jwt::{self, Field};
use crate::library::token::TokenVerdict;
use crate::text::message::inspect::InspectMessage;
use crate::text::say;

/// A token's three parts as written on the wire (base64url), for colouring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawParts {
    /// The first part: the header.
    pub header: String,
    /// The second part: the claims (the payload).
    pub claims: String,
    /// The third part: the signature.
    pub signature: String,
}

crate::base::json::json_fields!([] RawParts { "header": header, "claims": claims, "signature": signature });

/// One field of the header or the claims, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainedField {
    /// Its name, e.g. `exp`.
    pub name: String,
    /// Its value as the reader should read it.
    pub value: String,
    /// What it is for, and what this value says.
    pub meaning: String,
}

crate::base::json::json_fields!([] ExplainedField { "name": name, "value": value, "meaning": meaning });

/// Everything the inspector shows of one token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInspection {
    /// The token inspected: the one given, or the one the edit made.
    pub token: String,
    /// Whether the claims were edited (the token is no longer the one given).
    pub edited: bool,
    /// Its three parts, if it has three.
    pub parts: Option<RawParts>,
    /// The header decoded: JSON text, if the first part decodes.
    pub header_json: Option<String>,
    /// The claims decoded: JSON text, if the second part decodes.
    pub claims_json: Option<String>,
    /// The header's fields, explained (empty if it is not a JSON object).
    pub header: Vec<ExplainedField>,
    /// The claims, explained (empty if they are not a JSON object).
    pub claims: Vec<ExplainedField>,
    /// What the server would make of it.
    pub verdict: TokenVerdict,
    /// The verdict in a few words.
    pub headline: String,
    /// Why, in a sentence or two.
    pub reason: String,
    /// The moment it was checked at.
    pub checked_at: Instant,
}

crate::base::json::json_fields!([] TokenInspection {
    "token": token, "edited": edited, "parts": parts, "headerJson": header_json, "claimsJson": claims_json,
    "header": header, "claims": claims, "verdict": verdict, "headline": headline, "reason": reason,
    "checkedAt": checked_at
});

impl World {
    /// The world's clock now.
    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// Inspects `token` as this world's server would check it at `at` (the
    /// moment the reader is looking at; the world's clock if `None`): with the
    /// server's current secret, its pinned algorithm and, if it keeps one, its
    /// denylist. With `claims_json`, the claims are first replaced by that
    /// text, the header and signature kept.
    pub fn inspect_token(&self, token: &str, claims_json: Option<&str>, at: Option<Instant>) -> TokenInspection {
        let at = at.unwrap_or_else(|| self.now());
        let given = jwt::split(token).ok();
        let token = match (&given, claims_json) {
            (Some(parts), Some(claims)) => jwt::with_claims(parts, claims),
            _ => token.to_owned(),
        };
        let edited = given.is_some() && claims_json.is_some();
        // The parts of the token inspected, decoded as far as they decode:
        // a forged or broken token is shown as readily as a genuine one.
        let pieces: Vec<&str> = token.split('.').collect();
        let parts = (pieces.len() == 3).then(|| RawParts {
            header: pieces[0].to_owned(),
            claims: pieces[1].to_owned(),
            signature: pieces[2].to_owned(),
        });
        let decoded = |index: usize| {
            parts.as_ref().and(pieces.get(index)).and_then(|part| crate::base::encoding::base64url_decode(part))
        };
        let text = |bytes: Option<Vec<u8>>| bytes.and_then(|b| String::from_utf8(b).ok());
        let header_json = text(decoded(0));
        let claims_json = text(decoded(1));
        let explain = |json: &Option<String>, each: &dyn Fn(&Field) -> (String, String)| {
            json.as_deref()
                .and_then(jwt::fields)
                .unwrap_or_default()
                .iter()
                .map(|field| {
                    let (value, meaning) = each(field);
                    ExplainedField { name: field.name.clone(), value, meaning }
                })
                .collect::<Vec<_>>()
        };
        let header = explain(&header_json, &|f| {
            let (name, value) = (f.name.as_str(), &f.value);
            (
                say(InspectMessage::HeaderFieldShown { name, value }),
                say(InspectMessage::HeaderFieldMeaning { name, value }),
            )
        });
        let claims = explain(&claims_json, &|f| {
            let (name, value) = (f.name.as_str(), &f.value);
            (say(InspectMessage::ClaimShown { name, value, at }), say(InspectMessage::ClaimMeaning { name, value, at }))
        });
        let check = self.server.check_token(&token, at, &self.store);
        let outdated = check.version.is_some_and(|version| !version.current());
        let verdict = match (&check.result, check.denied, outdated) {
            (Ok(_), true, _) => TokenVerdict::Denied,
            (Ok(_), false, true) => TokenVerdict::Outdated,
            (Ok(_), false, false) => TokenVerdict::Accepted,
            (Err(rejection), _, _) => TokenVerdict::of_rejection(rejection),
        };
        let user = check.result.as_ref().map(|claims| claims.sub.as_str()).unwrap_or_default();
        TokenInspection {
            reason: say(InspectMessage::CheckReason {
                rejection: check.result.as_ref().err(),
                denied: check.denied,
                denylist: check.denylist,
                version: check.version,
                user,
                edited,
                at,
            }),
            headline: say(InspectMessage::Headline(verdict)),
            token,
            edited,
            parts,
            header_json,
            claims_json,
            header,
            claims,
            verdict,
            checked_at: at,
        }
    }
}
