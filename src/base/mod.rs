//! The base layer: facts and tools every other layer may use, and that know
//! nothing of browsers, sessions or libraries.
//!
//! The virtual clock ([`clock`]), session IDs and where they come from
//! ([`ids`]), HTTP messages ([`http`]), text encodings ([`encoding`]) and the
//! hashes express signs its cookies with ([`crypto`]), and the signed tokens
//! a server can hand out instead of a session ID ([`jwt`]), JSON numbers
//! read as JavaScript reads them ([`json`]), and small ordered maps and sets
//! and the one sort ([`sorted`]).

pub mod clock;
pub mod crypto;
pub mod encoding;
pub mod http;
pub mod ids;
pub mod json;
pub mod jwt;
pub mod sorted;
