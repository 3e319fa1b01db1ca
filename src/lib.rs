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
//! - the **server** ([`Server`]) checks the password at login, hands out
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
// the graph). The folders are private: what the page's boundary, the tests,
// the examples and the `transcript` command use is re-exported below.
mod base;
mod browser;
mod labs;
mod library;
mod scenario;
mod server;
mod session;
mod sim;
mod text;
mod trace;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The browser build's allocator: Talc, which grows the module's memory as
/// it needs, in place of Rust's default dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// The modules a caller reads, each under the name it is known by, whatever its layer.

/// The virtual clock, instants and calendar dates.
pub use base::clock;
/// SHA-256, HMAC-SHA256 and constant-time comparison.
pub use base::crypto;
/// Base64, hex, percent-encoding and quoting.
pub use base::encoding;
/// Session IDs, their formats and sources.
pub use base::ids;
/// JSON: the core's data written as text, and JSON data read.
pub use base::json;
/// JSON Web Tokens signed with HS256.
pub use base::jwt;
/// A `Set-Cookie` header and how each library writes one.
pub use browser::cookie;
/// The cookie jar (RFC 6265bis).
pub use browser::jar;
/// The attack lab: attacks, defences and the matrix.
pub use labs::attacks;
/// The cookie lab: one jar on its own.
pub use labs::cookie_lab;
/// The stepper's figures the scale lab charges, as data checked against the stepper.
pub use labs::measured;
/// How long a stolen credential outlives its revocation, measured.
pub use labs::revocation;
/// The scale lab's bulk simulator.
pub use labs::scale;
/// The attack lab's token rows.
pub use labs::token_attacks;
/// Each defence as a change to the settings.
pub use library::defence;
/// Real libraries' defaults and the reader's settings.
pub use library::preset;
/// The token mechanism's vocabulary.
pub use library::token;
/// Scaling out: balancing, store layouts, the cost model.
pub use library::topology;
/// The built-in tours.
pub use scenario::tours;
/// Transcripts of traces and scenarios (natively: no page shows one).
#[cfg(not(target_arch = "wasm32"))]
pub use scenario::transcript;
/// The session store.
pub use session::store;
/// The fork: a timeline played again against a token server, and where the two part ways.
pub use sim::fork;
/// The message catalogue's ids, by area.
pub use text::message;

// The items a caller names most.
pub use base::clock::{Clock, Instant};
pub use base::ids::{IdFormat, IdSource, IdSourceSetting, SessionId};
pub use browser::{Browser, CookieJar, JarChange, JarCookie};
pub use library::preset::{Cleanup, LogoutMode, Preset, Settings, PRESETS};
pub use scenario::{
    action_from_json, action_from_value, settings_from_json, settings_from_value, ACTIONS, SETTINGS_FIELDS,
};
pub use scenario::{PlayedStep, Scenario, ScenarioError};
pub use server::{Mechanism, Server};
pub use session::store::{Record, SessionStore};
pub use sim::timeline::Timeline;
pub use sim::world::{Action, World, WorldError, BROWSERS, LAPTOP, MALLORY};
pub use sim::world::{ExplainedField, RawParts, TokenInspection};
pub use text::{say, Language, Message};
pub use trace::{
    Actor, ClusterView, Direction, HttpMessage, Snapshot, Step, StepKind, StoreOpKind, TokenPlace, Trace, WireTicket,
    WireToken, STORE_VIEW_OTHERS,
};
