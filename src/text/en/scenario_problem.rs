//! A refused scenario in English (`ScenarioProblem`).

use crate::text::message::scenario_problem::ScenarioProblem;

/// The problem in English.
pub(super) fn render(problem: &ScenarioProblem<'_>) -> String {
    use ScenarioProblem as P;
    match problem {
        P::AnArray => "an array".to_owned(),
        P::AnObject => "an object".to_owned(),
        P::NotJson { line, column, why } => {
            format!("the scenario is not valid JSON (line {line}, column {column}): {why}")
        }
        P::Version { found } => format!("expected 1; found {found}"),
        P::MissingSteps => "missing; expected an array of steps".to_owned(),
        P::StepsNotArray { found } => format!("expected an array of steps; found {found}"),
        P::NoSteps => "expected at least one step; found an empty array".to_owned(),
        P::WaitsPastLimit { days, limit_days } => format!(
            "the waits up to this step add up to {days} days, past the clock's limit of a hundred years \
             ({limit_days} days) after the start"
        ),
        P::DenylistNeedsTokens => {
            "a denylist is a token server's defence: also set settings.mechanism to \"token\"".to_owned()
        }
        P::StopStartNeedsCluster => "expected 2 or more servers, or a shared store, to stop or start a server \
                                     (settings.servers, settings.storeLayout); with one server, use restartServer"
            .to_owned(),
        P::ServerOutOfRange { servers, server } => {
            format!("expected a server from 1 to {servers} (settings.servers); found {server}")
        }
        P::RevokeNoTicket { browser } => format!(
            "{browser} holds no session ticket when this runs, so it has no session to revoke; expected a browser \
             that is logged in (log it in first, or name another browser)"
        ),
        P::RevokeNoRecord { browser } => format!(
            "the ticket {browser} holds when this runs names no record (that session has already ended), so there \
             is nothing to revoke; expected a browser whose ticket names a record"
        ),
        P::NotObject { found } => format!("expected an object; found {found}"),
        P::UnknownField { allowed } => format!("unknown field; expected one of {allowed}"),
        P::WholeNumber { min, max, found } => format!("expected a whole number from {min} to {max}; found {found}"),
        P::NotBool { found } => format!("expected true or false; found {found}"),
        P::NotString { found } => format!("expected a string; found {found}"),
        P::MissingString => "missing; expected a string".to_owned(),
        P::OneOf { names, found } => format!("expected one of {names}; found {found}"),
        P::MissingOneOf { names } => format!("missing; expected one of {names}"),
        P::GivenNotArray { found } => format!("expected an array of actions; found {found}"),
        P::GivenShows => "a given action runs silently before the first step: it takes no title, say, ask or \
                          choices (move it to steps to show it)"
            .to_owned(),
        P::GivenStartsOver => {
            "startOverWith cannot be part of the prepared start; expected an action such as login".to_owned()
        }
        P::SeedWithoutSeeded => "a seed only makes sense with \"ids\": \"seeded\"".to_owned(),
        P::RequestPath { found } => format!("expected a path such as /profile; found {found}"),
        P::MissingSessionId => "missing; expected a session ID".to_owned(),
        P::SessionIdCharacters { found } => format!("expected a session ID of cookie-value characters; found {found}"),
        P::StepNotObject { found } => format!("expected a step object; found {found}"),
        P::RevokeIdAndBrowser => "revoke names a session by \"id\" or by \"browser\", not both".to_owned(),
        P::CopyNeedsBoth => "copyCookie needs both \"from\" and \"to\" browsers".to_owned(),
        P::CopyToSelf { from } => format!("expected a browser other than \"{from}\""),
        P::FormFields { found } => format!("expected an object of form fields; found {found}"),
        P::MissingDefence => "missing; expected a defence such as rotation".to_owned(),
        P::MissingSeconds => "missing; expected a whole number of seconds".to_owned(),
        P::MissingServer => "missing; expected a server number such as 2".to_owned(),
        P::ChoicesNeedAsk => "choices need a question: add \"ask\"".to_owned(),
        P::ChoicesArray { found } => format!("expected an array of at least two choices; found {found}"),
        P::MissingStatus => "missing; expected an HTTP status such as 200 or 401".to_owned(),
    }
}
