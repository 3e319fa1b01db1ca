//! # session-playground
//!
//! A model of server-side sessions, small enough to step through one message
//! at a time: how a server remembers who is logged in.
//!
//! ## Brief overview
//!
//! Three actors take part, like a coat check:
//!
//! - the **browser** ([`Browser`]) keeps cookies in its jar and attaches them
//!   to every request, the way you keep a ticket in your pocket;
//! - the **server** ([`server::Server`]) checks the password at login, hands out
//!   a random, meaningless session ID as a cookie, and on every later request
//!   looks that ID up;
//! - the **session store** ([`SessionStore`]) holds the records (who you are,
//!   since when) behind the counter. Delete a record and the ticket is worthless.
//!
//! A [`World`] holds them together with a virtual [`Clock`] and an injected
//! [`IdSource`]. [`World::apply`] runs an [`Action`] and returns a [`Trace`]:
//! typed steps, each with a narration sentence, the HTTP message or store
//! operation involved, and a [`Snapshot`] of the jars and the store after it.
//! The web page animates traces; it never decides what happens.
//!
//! ```
//! use session_playground::{Action, IdSource, World, LAPTOP};
//!
//! let mut world = World::new(IdSource::seeded(1));
//! world.apply(&Action::Login {
//!     browser: LAPTOP.into(),
//!     username: "alice".into(),
//!     password: "wonderland".into(),
//! })?;
//! let visit = world.apply(&Action::Visit { browser: LAPTOP.into(), path: "/profile".into() })?;
//! let last = visit.steps.last().unwrap();
//! assert_eq!(last.message.as_ref().unwrap().status, Some(200));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod attacks;
pub mod browser;
pub mod clock;
pub(crate) mod cluster;
pub mod commands;
pub mod cookie;
pub mod crypto;
pub mod encoding;
pub mod explain;
pub mod http;
pub mod ids;
pub mod jar;
pub mod preset;
pub mod scale;
pub mod scenario;
pub mod server;
pub mod store;
pub mod timeline;
pub mod topology;
pub mod tours;
pub mod trace;
pub mod transcript;
pub mod world;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use browser::{Browser, CookieJar, JarChange, JarCookie};
pub use clock::{Clock, Instant};
pub use ids::{IdSource, SessionId};
pub use preset::{Cleanup, IdSourceSetting, LogoutMode, Preset, Settings, PRESETS};
pub use scenario::{PlayedStep, Scenario, ScenarioError};
pub use store::{Record, SessionStore};
pub use timeline::Timeline;
pub use trace::{Actor, Snapshot, Step, StepKind, Trace};
pub use world::{Action, World, WorldError, BROWSERS, LAPTOP, MALLORY};
