//! Names and short descriptions the page and the transcripts show: stores,
//! ID sources and formats, defences, attacks, balancing, store layouts, the
//! cost model's counts, the browsers and the actions' one-line labels.

use crate::base::ids::{IdFormat, IdSource, Refusal};
use crate::library::defence::{Attack, Defence};
use crate::library::topology::{Balancing, Cost, StoreLayout};
use crate::session::commands::StoreDialect;

/// A name or a short description, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum Label<'a> {
    /// A store's short name: "Redis", "SQL database".
    Store(StoreDialect),
    /// A store's name as the settings panel gives it: "Redis (connect-redis)".
    StoreDetailed(StoreDialect),
    /// Where IDs come from: "CSPRNG (getrandom)".
    IdSource(&'a IdSource),
    /// An ID format: "128 random bits, written as 22 URL-safe characters".
    IdFormat(IdFormat),
    /// A defence's name.
    Defence(Defence),
    /// An attack's name.
    Attack(Attack),
    /// A balancing policy.
    Balancing(Balancing),
    /// A store layout.
    StoreLayout(StoreLayout),
    /// The cost model's counts in one line.
    Cost(&'a Cost),
    /// A browser, by its key ("laptop" is "Alice's laptop").
    Browser(&'a str),
    /// The page a browser shows before any request.
    BlankScreen,
    /// A shared Redis that a preset with an in-memory store reaches, in connect-redis's way.
    SharedRedis,
    /// Why a shared link's ID was refused, as a clause.
    IdRefusal(Refusal),
}
