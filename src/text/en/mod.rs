//! English, the playground's first language: every [`Message`] written out.
//!
//! Each area's file matches on every variant of its enum, so a variant
//! without an English rendering does not compile.

mod boundary;
mod explain;
mod fork;
mod ids;
mod input;
mod inspect;
mod jar;
mod label;
mod preset;
mod refresh;
mod scenario;
mod scenario_problem;
mod server;
mod status;
mod token;
#[cfg(not(target_arch = "wasm32"))]
mod transcript;
mod world;

use super::Message;

/// The message in English.
pub fn render(message: &Message<'_>) -> String {
    match message {
        Message::Server(message) => server::render(message),
        Message::World(message) => world::render(message),
        Message::Status(status) => status::render(status),
        Message::Label(label) => label::render(label),
        Message::Action(label) => world::action(label),
        Message::WorldProblem(problem) => world::problem(problem),
        Message::Verdict(reason) => scenario::render(reason),
        Message::Input(problem) => input::render(problem),
        Message::Jar(message) => jar::render(message),
        Message::Ids(message) => ids::render(message),
        Message::Preset(text) => preset::render(text),
        #[cfg(not(target_arch = "wasm32"))]
        Message::Transcript(text) => transcript::render(text),
        Message::Scenario(problem) => scenario_problem::render(problem),
        Message::Boundary(problem) => boundary::render(problem),
        Message::Token(message) => token::render(message),
        Message::Inspect(message) => inspect::render(message),
        Message::Fork(message) => fork::render(message),
        Message::Explain(message) => explain::render(message),
        Message::Refresh(message) => refresh::render(message),
    }
}

/// "1 week", "3 days": a count and its unit, pluralised.
pub(crate) fn plural(n: u64, unit: &str) -> String {
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// A duration in the largest whole unit that fits: "2 weeks", "30 minutes", "1440 seconds".
pub fn duration(secs: u64) -> String {
    match secs {
        0 => "0 seconds".to_owned(),
        s if s % 604_800 == 0 => plural(s / 604_800, "week"),
        s if s % 86_400 == 0 => plural(s / 86_400, "day"),
        s if s % 3600 == 0 => plural(s / 3600, "hour"),
        s if s % 60 == 0 => plural(s / 60, "minute"),
        s => plural(s, "second"),
    }
}

/// A store's name, for the page and the narration: "Redis", "SQL database".
pub(crate) fn store_label(store: crate::session::commands::StoreDialect) -> String {
    label::store_label(store).to_owned()
}

/// Where a world's IDs come from, in a few words: "CSPRNG (getrandom)".
pub(crate) fn id_source(ids: &crate::base::ids::IdSource) -> &'static str {
    label::id_source(ids)
}

/// An ID format in words, for narration.
pub(crate) fn id_format(format: crate::base::ids::IdFormat) -> String {
    label::id_format(format)
}
