//! What the reader chooses: real libraries' defaults and the changes on top.
//!
//! [`preset`] holds each library's facts and the [`preset::Settings`] a world
//! runs with; [`defence`] names the one-setting changes the attack lab and the
//! scenarios switch on; [`topology`] is the vocabulary of scaling out (servers,
//! balancing, store layout) and the cost model's stated numbers; [`token`]
//! chooses between a server-side session and a signed token, and sets the token's terms.

pub mod defence;
pub mod preset;
pub mod token;
pub mod topology;
