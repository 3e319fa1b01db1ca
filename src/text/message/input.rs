//! What the reader is told when input cannot be taken: a tour's key, a token
//! server's settings, the cookie lab's clock, the scale lab's configuration.

use crate::base::json::{FieldError, Syntax, SyntaxError};

/// Why input was refused, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum InputProblem<'a> {
    /// No tour has this key.
    NoSuchTour {
        /// The key, quoted with its control characters escaped.
        quoted: &'a str,
        /// The closest key, if one is close.
        meant: Option<&'a str>,
        /// Every key, joined.
        keys: &'a str,
    },
    /// A token server's setting without `"mechanism": "token"`.
    TokenOnlySetting,
    /// A signing secret that is empty or too long.
    SigningSecretLength,
    /// A scenario's `fork` that is not `"tokens"`.
    ForkValue {
        /// What was there instead, described.
        found: &'a str,
    },
    /// A wait past the cookie lab clock's end.
    LabClockPastEnd {
        /// The seconds asked for.
        secs: u64,
        /// The clock's end, as an HTTP date.
        end: &'a str,
        /// The seconds left.
        left: i64,
    },
    /// A scale lab field that cannot be read.
    ScaleField {
        /// The field.
        key: &'a str,
        /// The names it takes, joined (for a name).
        names: &'a str,
        /// What is wrong.
        problem: FieldError<'a>,
    },
    /// A scale lab configuration that is not JSON.
    ScaleNotJson(SyntaxError),
    /// JSON text (settings, an action) that is not JSON: where, and what was expected.
    NotJson(SyntaxError),
    /// What was wrong in JSON text, without where.
    JsonSyntax(Syntax),
    /// A scale lab configuration that is not an object.
    ScaleNotObject,
    /// A field the scale lab does not know.
    ScaleUnknownField {
        /// The field.
        key: &'a str,
        /// The fields it knows, joined.
        known: &'a str,
    },
    /// A count out of its range.
    ScaleCount {
        /// The field.
        key: &'a str,
        /// The largest allowed.
        max: u64,
        /// What it was.
        found: u64,
    },
    /// Stopping a server with one server.
    ScaleStopNeedsTwo,
    /// Stopping a server that does not exist.
    ScaleStopOutOfRange {
        /// How many servers there are.
        servers: u8,
        /// The one asked for.
        stop: u8,
    },
    /// An outage share past 100.
    ScaleOutagePercent {
        /// What it was.
        found: u8,
    },
    /// An outage without a shared store.
    ScaleOutageNeedsShared,
    /// A token-only field (`denylist`, `refresh`) without tokens.
    ScaleNeedsTokens {
        /// The field.
        key: &'static str,
    },
    /// A denylist or refresh tokens without a shared store.
    ScaleNeedsSharedStore {
        /// The field.
        key: &'static str,
    },
    /// A slow round trip's frequency out of range.
    ScaleSlowOneIn,
    /// A combination of layout, mechanism, denylist and refresh tokens the
    /// stepper's figures have no row for (one `check` lets through).
    ScaleNotMeasured,
}
