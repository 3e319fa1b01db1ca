//! The JavaScript boundary: the only file that knows wasm-bindgen.
//!
//! It exports one class, `Playground`, an opaque handle on a [`World`]. Each
//! action method returns the action's trace as a plain JS object (the core's
//! serde shape, field names in camelCase). Errors become JS exceptions with a
//! readable message; a panic, which should never happen, is written to the
//! console and to `globalThis.__sessionPlaygroundPanic` so tests can report it.

use crate::{Action, IdSource, SessionId, World, LAPTOP};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("session-playground panicked: {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &JsValue::from_str("__sessionPlaygroundPanic"),
            &JsValue::from_str(&message),
        );
    }));
}

/// Converts core data to a plain JS value: objects, arrays, strings, numbers, null.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

/// A playground: a server, its session store and Alice's laptop.
#[wasm_bindgen]
pub struct Playground {
    world: World,
    seed: Option<u32>,
}

#[wasm_bindgen]
impl Playground {
    /// A playground whose session IDs come from the browser's CSPRNG
    /// (`crypto.getRandomValues`), as a real server's would.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        Playground { world: World::new(IdSource::Csprng), seed: None }
    }

    /// A reproducible playground: the same seed gives the same IDs, for
    /// tests and shared replays.
    #[wasm_bindgen(js_name = withSeed)]
    pub fn with_seed(seed: u32) -> Playground {
        Playground { world: World::new(IdSource::seeded(seed.into())), seed: Some(seed) }
    }

    /// Starts over: empty store, empty jars, clock at zero, same ID source.
    pub fn reset(&mut self) {
        let ids = match self.seed {
            Some(seed) => IdSource::seeded(seed.into()),
            None => IdSource::Csprng,
        };
        self.world = World::new(ids);
    }

    /// Where session IDs come from, in words.
    #[wasm_bindgen(getter, js_name = idSource)]
    pub fn id_source(&self) -> String {
        match self.seed {
            Some(_) => IdSource::seeded(0).describe().to_owned(),
            None => IdSource::Csprng.describe().to_owned(),
        }
    }

    /// The key of the browser every playground starts with.
    #[wasm_bindgen(getter, js_name = defaultBrowser)]
    pub fn default_browser(&self) -> String {
        LAPTOP.to_owned()
    }

    /// The visible state: `{ now, browsers, store }`.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        to_js(&self.world.snapshot())
    }

    /// Submits the login form from a browser. Returns the trace.
    pub fn login(&mut self, browser: &str, username: &str, password: &str) -> Result<JsValue, JsError> {
        self.run(Action::Login { browser: browser.into(), username: username.into(), password: password.into() })
    }

    /// Opens a page in a browser. Returns the trace.
    pub fn visit(&mut self, browser: &str, path: &str) -> Result<JsValue, JsError> {
        self.run(Action::Visit { browser: browser.into(), path: path.into() })
    }

    /// Revokes a session on the server, by ID; with no ID, the newest one.
    pub fn revoke(&mut self, id: Option<String>) -> Result<JsValue, JsError> {
        self.run(Action::Revoke { id: id.as_deref().map(SessionId::from_untrusted) })
    }

    /// Logs a browser out. Returns the trace.
    pub fn logout(&mut self, browser: &str) -> Result<JsValue, JsError> {
        self.run(Action::Logout { browser: browser.into() })
    }

    fn run(&mut self, action: Action) -> Result<JsValue, JsError> {
        let trace = self.world.apply(&action)?;
        to_js(&trace)
    }
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new()
    }
}
