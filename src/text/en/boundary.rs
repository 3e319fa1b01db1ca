//! The page's boundary's refusals in English (`BoundaryProblem`).

use crate::text::message::boundary::{BoundaryProblem, Expected, JsKind};

/// The problem in English.
pub(super) fn render(problem: &BoundaryProblem<'_>) -> String {
    use BoundaryProblem as P;
    match problem {
        P::BadArgument { method, arg, expected, found } => {
            format!("{method}({arg}): expected {}; found {found}", expected_text(*expected))
        }
        P::Found(kind) => match kind {
            JsKind::Number => "a number",
            JsKind::Symbol => "a Symbol",
            JsKind::Function => "a function",
            JsKind::Array => "an array",
            JsKind::Date => "a Date",
            JsKind::Object => "an object",
        }
        .to_owned(),
        P::InArgument { method, arg, why } => format!("{method}({arg}): {why}"),
        P::ScenarioNotJson { why } => format!("the scenario is not valid JSON: {why}"),
        P::ScenarioTooDeep { depth } => format!("the scenario nests arrays and objects more than {depth} deep"),
        P::UnreadableJson => "the core wrote JSON the browser cannot read".to_owned(),
        P::NoSuchPreset { quoted, keys } => format!("there is no preset {quoted}; the presets are {keys}"),
        P::StepOutOfRange { index, last, total } => {
            format!("stepAt({index}): expected a whole number from 0 to {last}; the timeline has {total} steps")
        }
        P::NoScenario => "no scenario is loaded".to_owned(),
        P::NoFork => "forkStepAt: there is no fork; call fork() first".to_owned(),
        P::EmptySide { side } => format!("forkStepAt: the {side} side has no steps"),
        P::SideSteps { side, total } => format!("forkStepAt: the {side} side has {total} steps"),
    }
}

/// What an argument takes, after "expected".
fn expected_text(expected: Expected) -> String {
    match expected {
        Expected::String => "a string".to_owned(),
        Expected::Number => "a number".to_owned(),
        Expected::WholeNumber { min, max } => format!("a whole number from {min} to {max}"),
        Expected::TrueOrFalse => "true or false".to_owned(),
        Expected::PlainObject => "a plain object".to_owned(),
        Expected::StringifiableObject => "a plain object that JSON.stringify can write".to_owned(),
        Expected::NestedAtMost { depth } => format!("data nested at most {depth} arrays or objects deep"),
        Expected::ArrayOfStrings => "an array of strings".to_owned(),
        Expected::ArrayOfActions => "an array of actions".to_owned(),
        Expected::StringOrNull => "a string or null".to_owned(),
        Expected::ForkSide => "\"session\" or \"token\"".to_owned(),
        Expected::Sweep => "none, servers, policies or mechanisms".to_owned(),
    }
}
