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

// The layers, each a folder: base; browser and session; library; text;
// trace; server; sim; scenario and labs. Each names only the layers before it
// (tests/native/tidy.rs holds the order and enforces it; ARCHITECTURE.md draws
// the graph).
pub mod base;
pub mod browser;
pub mod labs;
pub mod library;
pub mod scenario;
pub mod server;
pub mod session;
pub mod sim;
pub mod text;
pub mod trace;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The short paths: each module under the name it is known by, whatever its layer.
pub use base::{clock, crypto, encoding, http, ids};
pub use browser::{cookie, jar};
pub use labs::{attacks, scale};
pub use library::{defence, preset, token, topology};
pub use scenario::tours;
pub use scenario::transcript;
pub use session::{commands, store};
pub use sim::{fork, timeline, world};
pub use text::explain;

pub use base::clock::{Clock, Instant};
pub use base::ids::{IdFormat, IdSource, IdSourceSetting, SessionId};
pub use browser::{Browser, CookieJar, JarChange, JarCookie};
pub use library::preset::{Cleanup, LogoutMode, Preset, Settings, PRESETS};
pub use scenario::{PlayedStep, Scenario, ScenarioError};
pub use session::store::{Record, SessionStore};
pub use sim::timeline::Timeline;
pub use sim::world::{Action, World, WorldError, BROWSERS, LAPTOP, MALLORY};
pub use trace::{Actor, Snapshot, Step, StepKind, Trace};
