//! Refused input in English (`InputProblem`).

use crate::base::json::FieldError;
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
                format!("{key}: expected a whole number from {min} to {max}; found {found}")
            }
            FieldError::NotBool(found) => format!("{key}: expected true or false; found {found}"),
            FieldError::NotString(found) | FieldError::UnknownName(found) => {
                format!("{key}: expected one of {names}; found {found}")
            }
        },
        P::ScaleNotJson { why } => format!("not JSON: {why}"),
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
