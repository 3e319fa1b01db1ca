//! The simulation: a world of browsers, app servers and stores, run one action
//! at a time.
//!
//! [`world`] holds the actors and runs an [`world::Action`] to its end;
//! `cluster` (crate-private) is the load balancer and each server's state when
//! there are several; `page_script` is the app's own script in its page,
//! which carries a bearer token; [`timeline`] keeps a world's history so the page can
//! step back and forth; [`fork`] plays a timeline's actions against a token
//! server beside it and finds where the two part ways.

pub(crate) mod cluster;
pub mod fork;
mod page_script;
pub mod timeline;
pub mod world;
