//! Names and short descriptions in English (`Label`).

use super::plural;
use crate::base::ids::{IdFormat, IdSource, Refusal};
use crate::library::defence::{Attack, Defence};
use crate::library::topology::{Balancing, Cost, StoreLayout};
use crate::session::commands::StoreDialect;
use crate::text::message::label::Label;

/// The label in English.
pub(super) fn render(label: &Label<'_>) -> String {
    match label {
        Label::Store(store) => store_label(*store).to_owned(),
        Label::StoreDetailed(store) => match store {
            StoreDialect::Memory => "in memory",
            StoreDialect::ConnectRedis => "Redis (connect-redis)",
            StoreDialect::TowerRedis => "Redis",
            StoreDialect::DjangoDb => "SQL: django_session",
            StoreDialect::SpringRedis => "Redis (Spring Session)",
            StoreDialect::PhpFiles => "files (sess_*)",
        }
        .to_owned(),
        Label::IdSource(ids) => id_source(ids).to_owned(),
        Label::IdFormat(format) => id_format(*format),
        Label::Defence(defence) => match defence {
            Defence::Rotation => "New ID at login",
            Defence::StrictAdoption => "Strict adoption",
            Defence::RandomIds => "Random IDs",
            Defence::HttpOnly => "HttpOnly",
            Defence::SameSite => "SameSite=Lax",
            Defence::Secure => "Secure",
            Defence::HostPrefix => "__Host- prefix",
            Defence::Timeouts => "Idle timeout (if Mallory is slower)",
            Defence::Revocation => "Sessions ended before she strikes",
            Defence::Denylist => "Denylist of revoked tokens",
            Defence::Tokens => "Signed tokens instead of sessions",
        }
        .to_owned(),
        Label::Attack(attack) => match attack {
            Attack::StolenTicket => "Stolen ticket",
            Attack::PlantedTicket => "Session fixation (planted ticket)",
            Attack::MadeUpTicket => "Session fixation (made-up ID)",
            Attack::GuessedId => "Guessed ID",
            Attack::ScriptTheft => "Script theft (XSS)",
            Attack::CrossSiteForm => "Cross-site request forgery",
            Attack::PlainHttp => "Sniffing plain http",
        }
        .to_owned(),
        Label::Balancing(balancing) => match balancing {
            Balancing::RoundRobin => "round-robin",
            Balancing::Random => "random",
            Balancing::Sticky => "sticky sessions",
        }
        .to_owned(),
        Label::StoreLayout(layout) => match layout {
            StoreLayout::PerServer => "one in-memory store per server",
            StoreLayout::Shared => "one shared store over the network",
        }
        .to_owned(),
        Label::Cost(cost) => cost_line(cost),
        Label::Browser(key) => match *key {
            "laptop" => "Alice's laptop",
            "phone" => "Alice's phone",
            "mallory" => "Mallory's laptop",
            key => key,
        }
        .to_owned(),
        Label::BlankScreen => "Log in to app.example".to_owned(),
        Label::SharedRedis => "Redis, with connect-redis's keys and commands".to_owned(),
        Label::IdRefusal(Refusal::NotInFormat(format)) => format!("it is not {}", id_format(*format)),
        Label::IdRefusal(Refusal::HandedOutBefore) => {
            "it was handed out before in this run, and the CSPRNG never repeats an ID".to_owned()
        }
        Label::IdRefusal(Refusal::KnownBefore) => {
            "it was already in the world (typed into a jar, planted or named) before it was drawn, and the CSPRNG \
             cannot draw an ID someone knew in advance"
                .to_owned()
        }
    }
}

/// A store's short name, for the page and the narration: "Redis", "SQL database".
pub(super) fn store_label(store: StoreDialect) -> &'static str {
    match store {
        StoreDialect::Memory => "in memory",
        StoreDialect::ConnectRedis | StoreDialect::TowerRedis | StoreDialect::SpringRedis => "Redis",
        StoreDialect::DjangoDb => "SQL database",
        StoreDialect::PhpFiles => "files",
    }
}

/// Where a world's IDs come from, in a few words.
pub(super) fn id_source(ids: &IdSource) -> &'static str {
    match ids {
        IdSource::Csprng | IdSource::RememberingCsprng(_) => "CSPRNG (getrandom)",
        IdSource::Seeded(_) => "seeded generator (reproducible, not secret)",
        IdSource::Sequential { .. } => "sequential counter (guessable!)",
    }
}

/// An ID format in words, for narration.
pub(super) fn id_format(format: IdFormat) -> String {
    match format {
        IdFormat::Base64Url { bytes } => {
            format!("{} random bits, written as {} URL-safe characters", bytes * 8, (bytes * 8).div_ceil(6))
        }
        IdFormat::Hex { bytes } => format!("{} random bits, written as {} hex digits", bytes * 8, bytes * 2),
        IdFormat::Base32 { len } => {
            format!("{} random bits, written as {len} characters from 0\u{2013}9 and a\u{2013}v", len * 5)
        }
        IdFormat::LowerAlnum { len } => format!(
            "{len} random characters from a\u{2013}z and 0\u{2013}9 (about {} bits)",
            crate::base::ids::bits_of_lower_alnum(len)
        ),
        IdFormat::Uuid => "a random UUID (version 4: 122 random bits)".to_owned(),
    }
}

/// The counts in one line, e.g. "1 lookup, 2 round trips (0 slow), 0.400 ms".
/// Kinds of store work that did not happen are left out.
fn cost_line(cost: &Cost) -> String {
    let mut parts = vec![plural(cost.lookups, "lookup")];
    if cost.round_trips > 0 {
        parts.push(format!("{} ({} slow)", plural(cost.round_trips, "round trip"), cost.slow_round_trips));
    }
    if cost.in_process_ops > 0 {
        parts.push(plural(cost.in_process_ops, "in-process operation"));
    }
    if cost.timeouts > 0 {
        parts.push(format!("{} (no reply)", plural(cost.timeouts, "timed-out command")));
    }
    if parts.len() == 1 {
        parts.push("no store commands".to_owned());
    }
    parts.push(cost.time());
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use crate::library::topology::{Cost, CostModel};
    use crate::text::message::Label;
    use crate::text::say;

    #[test]
    fn a_cost_reads_as_counts_and_modelled_time() {
        let cost = CostModel::DEFAULT.charge(3, true, 98, false);
        assert_eq!(say(Label::Cost(&cost)), "0 lookups, 3 round trips (1 slow), 2.400 ms");
        assert_eq!(say(Label::Cost(&Cost::default())), "0 lookups, no store commands, 0.000 ms");
        let timeout = CostModel::DEFAULT.charge(1, true, 0, true);
        assert_eq!(say(Label::Cost(&timeout)), "0 lookups, 1 timed-out command (no reply), 1000.000 ms");
    }
}
