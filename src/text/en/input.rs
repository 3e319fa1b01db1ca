//! Refused input in English (`InputProblem`).

use crate::base::encoding::quoted;
use crate::base::json::{to_json, Expected, FieldError, Syntax};
use crate::text::message::input::InputProblem;

/// The problem in English.
pub(super) fn render(problem: &InputProblem<'_>) -> String {
    use InputProblem as P;
    match problem {
        P::NoSuchTour { quoted, meant: Some(meant), keys } => {
            format!("there is no tour called {quoted}; did you mean \"{meant}\"? (the tours are {keys})")
        }
        P::NoSuchTour { quoted, meant: None, keys } => {
            format!("there is no tour called {quoted}; the tours are {keys}")
        }
        P::TokenOnlySetting => "only a token server has this setting: also set \"mechanism\": \"token\"".to_owned(),
        P::SigningSecretLength => "expected a signing secret of 1 to 256 characters".to_owned(),
        P::ForkValue { found } => format!(
            "expected \"tokens\" (open the scenario beside the same actions against a token server); found {found}"
        ),
        P::LabClockPastEnd { secs, end, left } => format!(
            "{secs} seconds would take the lab's clock past its limit, a hundred years after the start ({end}); \
             {left} seconds are left. Clear the jar to start again"
        ),
        P::ScaleField { key, names, problem } => match problem {
            FieldError::OutOfRange { min, max, found } => {
                format!("{key}: expected a whole number from {min} to {max}; found {}", to_json(*found))
            }
            FieldError::NotBool(found) => format!("{key}: expected true or false; found {}", to_json(*found)),
            FieldError::NotString(found) | FieldError::UnknownName(found) => {
                format!("{key}: expected one of {names}; found {}", to_json(*found))
            }
        },
        P::ScaleNotJson(e) => format!("not JSON (line {}, column {}): {}", e.line, e.column, syntax(&e.problem)),
        P::NotJson(e) => format!("not valid JSON (line {}, column {}): {}", e.line, e.column, syntax(&e.problem)),
        P::JsonSyntax(problem) => syntax(problem),
        P::ScaleNotObject => "expected an object with users, requests, servers, balancing and layout".to_owned(),
        P::ScaleUnknownField { key, known } => format!("{key}: not a field; expected one of {known}"),
        P::ScaleCount { key, max, found } => format!("{key}: expected a whole number from 1 to {max}; found {found}"),
        P::ScaleStopNeedsTwo => "stopServer: stopping a server needs at least 2 servers".to_owned(),
        P::ScaleStopOutOfRange { servers, stop } => {
            format!("stopServer: expected a server from 1 to {servers}; found {stop}")
        }
        P::ScaleOutagePercent { found } => format!("outagePercent: expected 0 to 100; found {found}"),
        P::ScaleOutageNeedsShared => {
            "outagePercent: an outage applies to the shared store; per-server stores live in each server's memory."
                .to_owned()
        }
        P::ScaleSlowOneIn => "cost.slowOneIn: expected 2 to 4294967295".to_owned(),
        P::ScaleNotMeasured => {
            "layout, mechanism, denylist and refresh: the stepper has no figures for this combination".to_owned()
        }
        P::ScaleNeedsTokens { key: "denylist" } => {
            "denylist: a denylist of revoked tokens needs mechanism \"token\".".to_owned()
        }
        P::ScaleNeedsTokens { key } => format!("{key}: refresh tokens need mechanism \"token\"."),
        P::ScaleNeedsSharedStore { key: "denylist" } => "denylist: every server must see every revocation, so the \
                                                          denylist lives in the shared store: choose the shared store."
            .to_owned(),
        P::ScaleNeedsSharedStore { key } => format!(
            "{key}: any server may be asked to renew a token, so the refresh records live in the shared store: \
             choose the shared store."
        ),
    }
}

/// What was wrong in JSON text, in English.
fn syntax(problem: &Syntax) -> String {
    match problem {
        Syntax::Expected { expected, found } => {
            let expected = match expected {
                Expected::Value => "a value (an object, array, string, number, true, false or null)",
                Expected::KeyOrEnd => "a field name in quotes, or }",
                Expected::Key => "a field name in quotes",
                Expected::Colon => "\":\" after the field name",
                Expected::CommaOrBrace => "\",\" or } after the field",
                Expected::CommaOrBracket => "\",\" or ] after the item",
                Expected::Digit => "a digit",
                Expected::Escape => "an escape: \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u",
                Expected::HexDigit => "a hexadecimal digit of a \\u escape",
                Expected::Quote => "the string's closing quote",
                Expected::End => "the end of the text after the value",
            };
            match found {
                Some(c) => format!("expected {expected}; found {}", quoted(&c.to_string())),
                None => format!("expected {expected}; found the end of the text"),
            }
        }
        Syntax::ControlInString(c) => {
            format!("a control character (U+{:04X}) inside a string must be written as an escape", u32::from(*c))
        }
        Syntax::LoneSurrogate => "a \\u escape of half a surrogate pair, without its other half".to_owned(),
        Syntax::NumberTooLarge => "a number too large to read".to_owned(),
        Syntax::TooDeep => format!("arrays and objects nested more than {} deep", crate::base::json::MAX_DEPTH),
    }
}
