//! The session store: what the server remembers behind the counter.
//!
//! [`store`] keeps the records (who, since when, until when) keyed by session
//! ID; [`commands`] writes each store operation as the command the real store
//! would run (Redis, SQL, PHP's files), and [`refresh_commands`] those of
//! a token server's refresh tokens and token versions. Nothing here knows cookies, browsers
//! or libraries' presets.

pub mod commands;
pub mod refresh_commands;
pub mod store;
