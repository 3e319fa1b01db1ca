//! The token inspector's ids: each header field and claim of a token, as
//! shown and as explained, and the signature check's headline and reason.

use crate::base::clock::Instant;
use crate::base::jwt::{FieldValue, Rejection};
use crate::library::token::{TokenVerdict, VersionCheck};

/// What the token inspector says, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum InspectMessage<'a> {
    /// A header field's value, as the reader should read it.
    HeaderFieldShown {
        /// The field's name.
        name: &'a str,
        /// Its value.
        value: &'a FieldValue,
    },
    /// What a header field is for, and what this value says.
    HeaderFieldMeaning {
        /// The field's name.
        name: &'a str,
        /// Its value.
        value: &'a FieldValue,
    },
    /// A claim's value, with times read on the playground's clock.
    ClaimShown {
        /// The claim's name.
        name: &'a str,
        /// Its value.
        value: &'a FieldValue,
        /// The moment shown.
        at: Instant,
    },
    /// What a claim is for, and what this value says at `at`.
    ClaimMeaning {
        /// The claim's name.
        name: &'a str,
        /// Its value.
        value: &'a FieldValue,
        /// The moment shown.
        at: Instant,
    },
    /// The check's headline, by verdict.
    Headline(TokenVerdict),
    /// Why the check came out as it did; `rejection` is the verifier's,
    /// `None` for a token it accepted (denied or not).
    CheckReason {
        /// The verifier's rejection, if any.
        rejection: Option<&'a Rejection>,
        /// Whether the token's jti is on the denylist.
        denied: bool,
        /// Whether the server keeps a denylist (a genuine token costs a lookup).
        denylist: bool,
        /// With a token version: the token's `ver` beside its user's.
        version: Option<VersionCheck>,
        /// Who the token speaks for (empty if the verifier refused it).
        user: &'a str,
        /// Whether the reader edited the token.
        edited: bool,
        /// The moment of the check.
        at: Instant,
    },
}
