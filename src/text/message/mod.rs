//! The catalogue's ids: one enum per area, each variant a stable id for one
//! thing the reader is told, carrying the facts its sentence needs.
//!
//! No words live here: a variant names what is said (`ServerMessage::Revoked`),
//! the languages under `src/text/` say it. Parameters are facts (a user's
//! name, a count, a duration in seconds, a store's dialect), so each language
//! makes its own plurals and word order.

pub mod server;
pub mod status;
pub mod world;

pub use server::ServerMessage;
pub use status::ServerStatus;
pub use world::WorldMessage;

/// Anything the playground says, by area.
#[derive(Clone, Debug)]
pub enum Message<'a> {
    /// The server's narration: routes, logins, lookups, the administrator's actions.
    Server(ServerMessage<'a>),
    /// The world's narration: requests, jars, the balancer, time, attackers, the operator.
    World(WorldMessage<'a>),
    /// The server's status line.
    Status(ServerStatus<'a>),
}

impl<'a> From<ServerMessage<'a>> for Message<'a> {
    fn from(message: ServerMessage<'a>) -> Self {
        Message::Server(message)
    }
}

impl<'a> From<WorldMessage<'a>> for Message<'a> {
    fn from(message: WorldMessage<'a>) -> Self {
        Message::World(message)
    }
}

impl<'a> From<ServerStatus<'a>> for Message<'a> {
    fn from(message: ServerStatus<'a>) -> Self {
        Message::Status(message)
    }
}
