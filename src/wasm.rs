//! The JavaScript boundary: the only file that knows wasm-bindgen.
//!
//! It exports one class, `Playground`, an opaque handle on a [`World`]. Its
//! methods take and return plain JS objects in the shapes of the scenario
//! format (docs/scenario-format.md): settings like a scenario's `settings`,
//! actions like a scenario's steps, and traces as the core serializes them.
//! Errors become JS exceptions whose message names the field and what was
//! expected; a panic, which should never happen, is written to the console
//! and to `globalThis.__sessionPlaygroundPanic` so tests can report it.
//!
//! Every argument comes in as a `JsValue` and is checked here. wasm-bindgen's
//! own conversions trust their input: a `&str` parameter given `true` or a
//! Symbol reads memory out of bounds and traps. So a wrong type is an
//! exception naming the method and the argument (`loadScenario(json): expected
//! a string; found true`), and the instance goes on working.
//!
//! Why one file of this length: it is the only file that may know
//! wasm-bindgen (tests/native/tidy.rs checks it), so every export of every
//! class lives here; each method only checks its arguments and calls the core.
//!
//! The browser loads one module built from this file: `Playground`, the
//! stepper the page and the element drive, and `CookieLab` and `ScaleRun`,
//! the labs below the page's playground. The labs' code is mostly the
//! engine's own (the jar, the server, the world), so one module carries
//! both for less than two would (measured: 190 KB gzipped, against 176 KB
//! and 52 KB apart).

use crate::base::json::{Map, Value, MAX_DEPTH};
use crate::scenario::{action_from_value, settings_from_value, Scenario};
use crate::sim::fork::{Fork, Side};
use crate::text::message::boundary::{Expected, JsKind};
use crate::text::message::BoundaryProblem as P;
use crate::text::message::{Label, PresetText};
use crate::text::say;
use crate::{Action, IdSource, IdSourceSetting, Settings, Timeline, World, LAPTOP, PRESETS};
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

/// What a JS value is, for "found …" in messages: `true`, `0`, `NaN`,
/// `"text"` (quoted, control characters escaped), `undefined`, `null`,
/// `10n`, a Symbol, a function, an array, a Date, an object.
fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".to_owned()
    } else if value.is_null() {
        "null".to_owned()
    } else if let Some(b) = value.as_bool() {
        b.to_string()
    } else if value.as_f64().is_some() {
        // JavaScript's own spelling: NaN, Infinity, 1e+21, -0 as 0.
        String::from(
            js_sys::Number::from(value.clone())
                .to_string_with_radix(10)
                .unwrap_or_else(|_| say(P::Found(JsKind::Number)).into()),
        )
    } else if let Some(text) = value.as_string() {
        let cut: String = text.chars().take(40).collect();
        let quoted = crate::base::encoding::quoted(&cut);
        if cut.len() < text.len() {
            format!("{}…\"", &quoted[..quoted.len() - 1])
        } else {
            quoted
        }
    } else if value.is_bigint() {
        let digits = js_sys::BigInt::from(value.clone()).to_string(10).map(String::from).unwrap_or_default();
        format!("{digits}n")
    } else if value.is_symbol() {
        say(P::Found(JsKind::Symbol))
    } else if value.is_function() {
        say(P::Found(JsKind::Function))
    } else if js_sys::Array::is_array(value) {
        say(P::Found(JsKind::Array))
    } else if value.is_instance_of::<js_sys::Date>() {
        say(P::Found(JsKind::Date))
    } else {
        say(P::Found(JsKind::Object))
    }
}

/// The error for argument `arg` of `method`: `loadScenario(json): expected a string; found true`.
fn bad_arg(method: &str, arg: &str, expected: Expected, value: &JsValue) -> JsError {
    JsError::new(&say(P::BadArgument { method, arg, expected, found: &describe(value) }))
}

/// A string argument.
fn string_arg(method: &str, arg: &str, value: &JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| bad_arg(method, arg, Expected::String, value))
}

/// A number argument: any JS number but `NaN`.
fn number_arg(method: &str, arg: &str, value: &JsValue) -> Result<f64, JsError> {
    value.as_f64().filter(|n| !n.is_nan()).ok_or_else(|| bad_arg(method, arg, Expected::Number, value))
}

/// A whole-number argument from `min` to `max`.
fn whole_arg(method: &str, arg: &str, value: &JsValue, min: u64, max: u64) -> Result<u64, JsError> {
    value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= min as f64 && *n <= max as f64)
        .map(|n| n as u64)
        .ok_or_else(|| bad_arg(method, arg, Expected::WholeNumber { min, max }, value))
}

/// A true-or-false argument.
fn bool_arg(method: &str, arg: &str, value: &JsValue) -> Result<bool, JsError> {
    value.as_bool().ok_or_else(|| bad_arg(method, arg, Expected::TrueOrFalse, value))
}

/// An argument in the scenario format (an object, or whatever `JSON.stringify`
/// can write, for the core's parser to judge), as JSON text.
fn json_arg(method: &str, arg: &str, value: &JsValue) -> Result<String, JsError> {
    if value.is_undefined() || value.is_symbol() || value.is_function() || value.is_bigint() {
        return Err(bad_arg(method, arg, Expected::PlainObject, value));
    }
    // JSON.stringify throws on a cycle or a BigInt inside, and gives
    // undefined for what it cannot write: both are this message.
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| bad_arg(method, arg, Expected::StringifiableObject, value))
}

/// An argument in the scenario format as JSON data: the object as
/// `JSON.stringify` writes it (so the same values as JSON text would give:
/// `undefined` fields left out, a Date as its string, `NaN` as null), read
/// back by the browser's `JSON.parse` and walked through js-sys. Neither
/// module carries a JSON parser of its own.
fn json_data(method: &str, arg: &str, value: &JsValue) -> Result<Value, JsError> {
    let text = json_arg(method, arg, value)?;
    let plain = js_sys::JSON::parse(&text).map_err(|_| bad_arg(method, arg, Expected::PlainObject, value))?;
    from_js(&plain, 0).ok_or_else(|| bad_arg(method, arg, Expected::NestedAtMost { depth: MAX_DEPTH }, value))
}

/// JSON text (a scenario file) as JSON data, parsed by the browser's
/// `JSON.parse`; a UTF-8 byte-order mark is skipped, as the native parser skips it.
fn parse_json_text(text: &str) -> Result<Value, JsError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plain = js_sys::JSON::parse(text).map_err(|e| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        JsError::new(&say(P::ScenarioNotJson { why: &why }))
    })?;
    from_js(&plain, 0).ok_or_else(|| JsError::new(&say(P::ScenarioTooDeep { depth: MAX_DEPTH })))
}

/// One value `JSON.parse` returned, as the core's [`Value`] (a number as the
/// double it is, as the native parser reads it too). `None` past [`MAX_DEPTH`].
fn from_js(value: &JsValue, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        // JSON.parse gives no NaN nor infinity (1e400 is infinity, written back as null).
        if n.is_finite() {
            Value::Number(n)
        } else {
            Value::Null
        }
    } else if let Some(text) = value.as_string() {
        Value::String(text)
    } else if let Some(list) = value.dyn_ref::<js_sys::Array>() {
        Value::Array(list.iter().map(|item| from_js(&item, depth + 1)).collect::<Option<_>>()?)
    } else if value.is_object() {
        let mut map = Map::new();
        for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
            let field = js_sys::Reflect::get(value, &key).ok()?;
            map.insert(key.as_string()?, from_js(&field, depth + 1)?);
        }
        Value::Object(map)
    } else {
        Value::Null
    })
}

/// Converts core data to a plain JS value: objects, arrays, strings, numbers,
/// null. Written as JSON text and read by the browser's `JSON.parse`: one
/// crossing of the boundary for a whole step, and measured 8 KB gzipped
/// smaller than building the object call by call (serde-wasm-bindgen).
fn to_js(value: &dyn crate::base::json::ToJson) -> Result<JsValue, JsError> {
    // The writer writes only what JSON.parse reads (no NaN: the core's data has no floats).
    js_sys::JSON::parse(&crate::base::json::to_json(value)).map_err(|_| JsError::new(&say(P::UnreadableJson)))
}

/// A tour or scenario loaded for stepping through.
struct Loaded {
    scenario: Scenario,
    next: usize,
}

/// What the page needs to show a loaded scenario.
struct ScenarioInfo<'a> {
    title: &'a str,
    summary: &'a str,
    settings: &'a Settings,
    /// The actions run before the first step (the prepared start), as labels.
    given: Vec<String>,
    steps: Vec<StepInfo<'a>>,
    /// Whether the scenario asks to open forked (`"fork": "tokens"`).
    fork: bool,
}

crate::base::json::json_fields!(['a] ScenarioInfo<'a> {
    "title": title, "summary": summary, "settings": settings, "given": given, "steps": steps, "fork": fork
});

struct StepInfo<'a> {
    title: Option<&'a str>,
    say: Option<&'a str>,
    ask: Option<&'a str>,
    choices: &'a [crate::scenario::Choice],
    action: String,
}

crate::base::json::json_fields!(['a] StepInfo<'a> {
    "title": title, "say": say, "ask": ask, "choices": choices, "action": action
});

/// One scenario step, run, and its place in the scenario.
struct RunStep {
    index: usize,
    step: crate::scenario::PlayedStep,
}

/// `index`, then the played step's own fields in the same object.
impl crate::base::json::ToJson for RunStep {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::base::json::Object::open(out);
        object.field("index", &self.index).fields(&self.step);
        object.close();
    }
}

/// Where an action's steps sit in the timeline.
struct StepsAt {
    first: usize,
    count: usize,
}

crate::base::json::json_fields!([] StepsAt { "first": first, "count": count });

/// What a replay of many actions did.
struct Replayed {
    counts: Vec<usize>,
    /// Each action's moments, as their numbers of steps.
    moments: Vec<Vec<usize>>,
    failed: Option<Failed>,
}

crate::base::json::json_fields!([] Replayed { "counts": counts, "moments": moments, "failed": failed });

/// The action a replay stopped at, and why.
struct Failed {
    index: usize,
    message: String,
}

crate::base::json::json_fields!([] Failed { "index": index, "message": message });

/// A playground: a server with its session store, and three browsers.
#[wasm_bindgen]
pub struct Playground {
    world: World,
    /// Every action applied to `world` since it began, for `stepAt`.
    timeline: Timeline,
    settings: Settings,
    loaded: Option<Loaded>,
    /// The timeline forked against the other mechanism, while the page shows the fork.
    fork: Option<Fork>,
}

#[wasm_bindgen]
impl Playground {
    /// A playground with the default settings, session IDs from the browser's
    /// CSPRNG (`crypto.getRandomValues`), as a real server's would be.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        Playground::with(Settings::default())
    }

    /// A reproducible playground: the same seed gives the same IDs.
    #[wasm_bindgen(js_name = withSeed)]
    pub fn with_seed(seed: &JsValue) -> Result<Playground, JsError> {
        let seed = whole_arg("withSeed", "seed", seed, 0, u32::MAX.into())?;
        Ok(Playground::with(Settings::of(&PRESETS[0], IdSourceSetting::Seeded { seed })))
    }

    fn with(settings: Settings) -> Playground {
        let world = World::from_settings(settings.clone());
        Playground { timeline: Timeline::new(&world), world, settings, loaded: None, fork: None }
    }

    /// Every preset: key, label, summary and defaults, and `storeLabel`, its
    /// store as the settings panel names it.
    pub fn presets() -> Result<JsValue, JsError> {
        struct PresetInfo {
            key: &'static str,
            label: String,
            reproduces: String,
            summary: String,
            preset: &'static crate::Preset,
            store_label: String,
        }
        /// Key, label, reproduces and summary, the preset's own fields, then its store's label.
        impl crate::base::json::ToJson for PresetInfo {
            fn write_json(&self, out: &mut String) {
                let mut object = crate::base::json::Object::open(out);
                object
                    .field("key", &self.key)
                    .field("label", &self.label)
                    .field("reproduces", &self.reproduces)
                    .field("summary", &self.summary)
                    .fields(self.preset)
                    .field("storeLabel", &self.store_label);
                object.close();
            }
        }
        let info = |preset: &'static crate::Preset| PresetInfo {
            key: preset.key,
            label: say(PresetText::Label(preset.library)),
            reproduces: say(PresetText::Reproduces(preset.library)),
            summary: say(PresetText::Summary(preset.library)),
            preset,
            store_label: say(Label::StoreDetailed(preset.store)),
        };
        let presets: Vec<PresetInfo> = PRESETS.iter().map(info).collect();
        to_js(&presets)
    }

    /// The limits the core enforces on what the page's forms send, so the
    /// page offers and states the same ones: `{ maxServers, timeoutSeconds:
    /// { min, max }, storeViewOthers, tokenLifetimeSeconds: { min, max } }`
    /// (the servers behind a balancer, a timeout in seconds, how many records
    /// a snapshot shows besides the ones its moment touched and the jars'
    /// tickets name, and a token's lifetime in seconds).
    pub fn limits() -> Result<JsValue, JsError> {
        struct Range {
            min: u64,
            max: u64,
        }

        crate::base::json::json_fields!([] Range { "min": min, "max": max });

        struct Limits {
            max_servers: u8,
            timeout_seconds: Range,
            store_view_others: usize,
            token_lifetime_seconds: Range,
        }

        crate::base::json::json_fields!([] Limits {
            "maxServers": max_servers, "timeoutSeconds": timeout_seconds, "storeViewOthers": store_view_others,
            "tokenLifetimeSeconds": token_lifetime_seconds
        });
        to_js(&Limits {
            max_servers: crate::library::topology::MAX_SERVERS,
            timeout_seconds: Range { min: 1, max: crate::base::clock::MAX_WAIT_SECS },
            store_view_others: crate::trace::STORE_VIEW_OTHERS,
            token_lifetime_seconds: Range {
                min: crate::library::token::MIN_TOKEN_LIFETIME_SECS,
                max: crate::library::token::MAX_TOKEN_LIFETIME_SECS,
            },
        })
    }

    /// Expected seconds to guess a live session ID, as a base-10 logarithm
    /// (finite for any number of bits): `bits` of randomness, `live`
    /// sessions, `rate` guesses a second.
    #[wasm_bindgen(js_name = log10GuessSeconds)]
    pub fn log10_guess_seconds(bits: &JsValue, live: &JsValue, rate: &JsValue) -> Result<f64, JsError> {
        let method = "log10GuessSeconds";
        let (bits, live, rate) =
            (number_arg(method, "bits", bits)?, number_arg(method, "live", live)?, number_arg(method, "rate", rate)?);
        Ok(crate::labs::attacks::log10_seconds_to_guess(bits, live, rate))
    }

    /// The session cookie's name under the current settings.
    #[wasm_bindgen(getter, js_name = cookieName)]
    pub fn cookie_name(&self) -> String {
        self.world.server().settings.cookie_name()
    }

    /// Starts over with new settings, given in the scenario format's
    /// `settings` shape. Throws, changing nothing, if they are invalid.
    pub fn configure(&mut self, settings: &JsValue) -> Result<(), JsError> {
        let settings = settings_from_value(&json_data("configure", "settings", settings)?)?;
        *self = Playground::with(settings);
        Ok(())
    }

    /// The current settings.
    #[wasm_bindgen(getter)]
    pub fn settings(&self) -> Result<JsValue, JsError> {
        // The world's own settings: a tour may have switched a defence on.
        to_js(&self.world.server().settings)
    }

    /// The settings a switch to preset `key` starts from: its defaults, with
    /// the current ID source and browsers' `SameSite` default kept.
    #[wasm_bindgen(js_name = presetSettings)]
    pub fn preset_settings(&self, key: &JsValue) -> Result<JsValue, JsError> {
        let key = string_arg("presetSettings", "key", key)?;
        let preset = crate::library::preset::preset(&key).ok_or_else(|| {
            let keys: Vec<&str> = PRESETS.iter().map(|p| p.key).collect();
            JsError::new(&say(P::NoSuchPreset { quoted: &crate::base::encoding::quoted(&key), keys: &keys.join(", ") }))
        })?;
        let current = &self.world.server().settings;
        to_js(&Settings {
            browser_same_site_default: current.browser_same_site_default,
            ..Settings::of(preset, current.ids)
        })
    }

    /// Starts over: empty store, empty jars, clock at zero, same settings.
    /// A loaded scenario starts again from its first step.
    pub fn reset(&mut self) {
        // A tour starts over with its own settings, whatever defences it
        // switched on since, and from its prepared start.
        if let Some(loaded) = &mut self.loaded {
            loaded.next = 0;
            self.settings = loaded.scenario.settings.clone();
            self.world = loaded.scenario.start();
        } else {
            self.world = World::from_settings(self.settings.clone());
        }
        self.timeline = Timeline::new(&self.world);
        self.fork = None;
    }

    /// The session IDs the CSPRNG has drawn since the world began, in order
    /// (empty for seeded and sequential IDs, which replay by themselves).
    #[wasm_bindgen(getter, js_name = drawnIds)]
    pub fn drawn_ids(&self) -> Vec<String> {
        self.world.drawn_ids().iter().map(|id| id.as_str().to_owned()).collect()
    }

    /// Makes the CSPRNG hand out these IDs first: replaying a shared run with
    /// the tickets the reader saw. Throws if an ID is not one the preset could draw.
    #[wasm_bindgen(js_name = replayIds)]
    pub fn replay_ids(&mut self, ids: &JsValue) -> Result<(), JsError> {
        let list =
            ids.dyn_ref::<js_sys::Array>().ok_or_else(|| bad_arg("replayIds", "ids", Expected::ArrayOfStrings, ids))?;
        let ids = list
            .iter()
            .enumerate()
            .map(|(i, id)| string_arg("replayIds", &format!("ids[{i}]"), &id))
            .collect::<Result<Vec<String>, JsError>>()?;
        self.world.replay_ids(&ids).map_err(|e| JsError::new(&e))
    }

    /// The shared link's IDs that were refused when their turn came, in
    /// order: `[{ position, id, reason }]` (the CSPRNG could not have drawn them there).
    #[wasm_bindgen(getter, js_name = refusedIds)]
    pub fn refused_ids(&self) -> Result<JsValue, JsError> {
        to_js(&self.world.refused_ids())
    }

    /// Runs one action, as `run` does, but returns only where its steps sit
    /// in the timeline, `{ first, count }`: the page asks for a step with
    /// `stepAt` when it shows it, so no step's state crosses over unseen.
    pub fn act(&mut self, action: &JsValue) -> Result<JsValue, JsError> {
        let action = action_from_value(&json_data("act", "action", action)?)?;
        let first = self.timeline.len();
        let trace = self.timeline.apply(&mut self.world, &action)?;
        to_js(&StepsAt { first, count: trace.steps.len() })
    }

    /// Replays a shared link's free-play actions (scenario-format objects,
    /// in order) without tracing them: the world ends where the link's run
    /// ended, and each step is traced only when `stepAt` asks for it.
    /// Returns `{ counts: [steps of each action], moments: [[steps of each
    /// of its moments]], failed: null | { index, message } }`; it stops at the first action that is not one or fails.
    #[wasm_bindgen(js_name = replayActions)]
    pub fn replay_actions(&mut self, actions: &JsValue) -> Result<JsValue, JsError> {
        if !js_sys::Array::is_array(actions) {
            return Err(bad_arg("replayActions", "actions", Expected::ArrayOfActions, actions));
        }
        let Value::Array(list) = json_data("replayActions", "actions", actions)? else {
            return Err(bad_arg("replayActions", "actions", Expected::ArrayOfActions, actions));
        };
        let mut counts = Vec::with_capacity(list.len());
        let mut moments = Vec::with_capacity(list.len());
        let mut failed = None;
        for (index, value) in list.iter().enumerate() {
            let outcome = action_from_value(value).map_err(|e| e.to_string()).and_then(|action| {
                self.timeline.apply_untraced_moments(&mut self.world, &action).map_err(|e| e.to_string())
            });
            match outcome {
                Ok(sizes) => {
                    counts.push(sizes.iter().sum());
                    moments.push(sizes);
                }
                Err(message) => {
                    failed = Some(Failed { index, message });
                    break;
                }
            }
        }
        to_js(&Replayed { counts, moments, failed })
    }

    /// Steps in the timeline since the world began (or started over).
    #[wasm_bindgen(getter, js_name = stepCount)]
    pub fn step_count(&self) -> f64 {
        self.timeline.len() as f64
    }

    /// Step `index` of the timeline (from 0), with the state after it, as
    /// `run` returns steps. Steps the reader has not seen are traced now,
    /// from the nearest checkpoint. Throws if there is no such step.
    #[wasm_bindgen(js_name = stepAt)]
    pub fn step_at(&mut self, index: f64) -> Result<JsValue, JsError> {
        let total = self.timeline.len();
        let whole = index.is_finite() && index >= 0.0 && index.fract() == 0.0;
        let step = if whole { self.timeline.step(&self.world, index as usize) } else { None };
        match step {
            Some(step) => to_js(step),
            // The index as JavaScript spells it (`describe`): formatting an
            // f64 in Rust would bring its float printer into the wasm.
            None => Err(JsError::new(&say(P::StepOutOfRange {
                index: &describe(&JsValue::from_f64(index)),
                last: total.saturating_sub(1),
                total,
            }))),
        }
    }

    /// Where session IDs come from, in words.
    #[wasm_bindgen(getter, js_name = idSource)]
    pub fn id_source(&self) -> String {
        say(Label::IdSource(&IdSource::from_setting(self.world.server().settings.ids)))
    }

    /// The key of the browser every playground starts with.
    #[wasm_bindgen(getter, js_name = defaultBrowser)]
    pub fn default_browser(&self) -> String {
        LAPTOP.to_owned()
    }

    /// The visible state: `{ now, date, browsers, store }`.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        to_js(&self.world.snapshot())
    }

    /// Runs one action, given as a scenario step such as
    /// `{ action: "visit", browser: "phone", path: "/profile" }`. Returns its trace.
    pub fn run(&mut self, action: &JsValue) -> Result<JsValue, JsError> {
        let action = action_from_value(&json_data("run", "action", action)?)?;
        self.apply(action)
    }

    /// The token inspector: `token` taken apart into its three parts, its
    /// header and claims explained, and checked as the server would check it
    /// (its current secret, its pinned algorithm, its denylist) at `at`, the
    /// moment shown in milliseconds of the clock (`state.now.ms`; the world's
    /// clock if `undefined` or `null`). With `claims` (JSON text), the claims
    /// are replaced by it first, the header and signature kept: the edited
    /// token. Returns `{ token, edited, parts, headerJson, claimsJson, header,
    /// claims, verdict, headline, reason, checkedAt }`; changes nothing.
    #[wasm_bindgen(js_name = inspectToken)]
    pub fn inspect_token(&self, token: &JsValue, claims: &JsValue, at: &JsValue) -> Result<JsValue, JsError> {
        let token = string_arg("inspectToken", "token", token)?;
        let claims = if claims.is_undefined() || claims.is_null() {
            None
        } else {
            Some(claims.as_string().ok_or_else(|| bad_arg("inspectToken", "claims", Expected::StringOrNull, claims))?)
        };
        let at = if at.is_undefined() || at.is_null() {
            None
        } else {
            let limit = crate::base::clock::MAX_ELAPSED_SECS * 1000;
            let ms = whole_arg("inspectToken", "at", at, 0, limit)?;
            Some(crate::base::clock::Instant::START.plus_secs(ms / 1000))
        };
        to_js(&self.world.inspect_token(&token, claims.as_deref(), at))
    }

    /// The short label of an action given in the scenario format, e.g.
    /// "Alice's phone: visit /profile". Throws, naming the field, if it is not an action.
    #[wasm_bindgen(js_name = actionLabel)]
    pub fn action_label(action: &JsValue) -> Result<String, JsError> {
        Ok(action_from_value(&json_data("actionLabel", "action", action)?)?.label())
    }

    /// The label of an action (scenario format) in this playground's world,
    /// worded for its mechanism: under tokens, "copy the token cookie …",
    /// "admin: revoke the token of …". Throws, naming the field, if it is not an action.
    #[wasm_bindgen(js_name = labelOf)]
    pub fn label_of(&self, action: &JsValue) -> Result<String, JsError> {
        let action = action_from_value(&json_data("labelOf", "action", action)?)?;
        Ok(action.label_under(self.world.server().mechanism()))
    }

    fn apply(&mut self, action: Action) -> Result<JsValue, JsError> {
        let trace = self.timeline.apply(&mut self.world, &action)?;
        to_js(&trace)
    }

    /// Loads a scenario (a built-in tour's, fetched by the page from
    /// `scenarios/`, or an author's) from its JSON text: the world starts
    /// over with its settings, and its given actions run (the prepared
    /// start). Returns `{ title, summary, settings, given: [label], steps:
    /// [{ title, say, ask, choices, action }] }`. Throws, with the field and
    /// what was expected, if the scenario is broken.
    #[wasm_bindgen(js_name = loadScenario)]
    pub fn load_scenario(&mut self, json: &JsValue) -> Result<JsValue, JsError> {
        let json = string_arg("loadScenario", "json", json)?;
        self.load_scenario_text(&json)
    }

    fn load_scenario_text(&mut self, json: &str) -> Result<JsValue, JsError> {
        let scenario = Scenario::from_value(&parse_json_text(json)?)?;
        let info = ScenarioInfo {
            title: &scenario.title,
            summary: &scenario.summary,
            settings: &scenario.settings,
            given: scenario.given.iter().map(|a| a.label_under(scenario.settings.mechanism)).collect(),
            fork: scenario.fork,
            steps: scenario
                .steps
                .iter()
                .map(|s| StepInfo {
                    title: s.title.as_deref(),
                    say: s.say.as_deref(),
                    ask: s.ask.as_deref(),
                    choices: &s.choices,
                    action: s.action.label_under(scenario.settings.mechanism),
                })
                .collect(),
        };
        let info = to_js(&info)?;
        self.settings = scenario.settings.clone();
        // The page's first snapshot shows the world as the given actions left it.
        self.world = scenario.start();
        self.timeline = Timeline::new(&self.world);
        self.loaded = Some(Loaded { scenario, next: 0 });
        self.fork = None;
        Ok(info)
    }

    /// Leaves the loaded scenario, keeping the world as it is (free play).
    #[wasm_bindgen(js_name = unloadScenario)]
    pub fn unload_scenario(&mut self) {
        self.loaded = None;
    }

    /// Runs the loaded scenario's next step. Returns `{ index, title, say,
    /// ask, choices, correctChoice, verdict, action, trace }`, or `null` when
    /// it has no steps left. `verdict`, for a question, is `{ correctChoice,
    /// answer, decidedAt, reason }`: `decidedAt` indexes the trace's steps.
    #[wasm_bindgen(js_name = nextScenarioStep)]
    pub fn next_scenario_step(&mut self) -> Result<JsValue, JsError> {
        let Some(loaded) = &mut self.loaded else { return Err(JsError::new(&say(P::NoScenario))) };
        let Some(step) = loaded.scenario.steps.get(loaded.next) else { return Ok(JsValue::NULL) };
        let trace = self.timeline.apply(&mut self.world, &step.action)?;
        let run = RunStep { index: loaded.next, step: step.played(trace, loaded.scenario.settings.mechanism) };
        loaded.next += 1;
        to_js(&run)
    }

    /// Forks the timeline: its actions so far, and a loaded tour's steps
    /// still to come, played from the same start once with server-side
    /// sessions and once with signed tokens (all else equal). Returns `{
    /// original, labels, rows: [{ action, session, token, diverges }],
    /// divergence, lengths }`: `original` is the side the timeline is
    /// (`session` or `token`), each row one press of Next with each side's
    /// moment `{ first, size }` (or `null`: that side holds its last), and
    /// `divergence` null or `{ action, label, session, token, sessionStep,
    /// tokenStep, reason }`. The steps come from `forkStepAt`.
    pub fn fork(&mut self) -> Result<JsValue, JsError> {
        let start = self.timeline.start();
        let mut actions = self.timeline.actions().to_vec();
        if let Some(loaded) = &self.loaded {
            actions.extend(loaded.scenario.steps[loaded.next..].iter().map(|s| s.action.clone()));
        }
        let settings = start.server().settings.clone();
        let fork = Fork::new(&settings, start.prepared(), &actions, Some(&self.world));
        let original = match settings.mechanism {
            crate::library::token::Mechanism::ServerSession => Side::Session,
            crate::library::token::Mechanism::Token => Side::Token,
        };

        struct Lengths {
            session: usize,
            token: usize,
        }

        crate::base::json::json_fields!([] Lengths { "session": session, "token": token });

        struct Forked<'a> {
            original: Side,
            labels: &'a [String],
            rows: Vec<crate::sim::fork::ForkRow>,
            divergence: Option<&'a crate::sim::fork::Divergence>,
            lengths: Lengths,
        }

        crate::base::json::json_fields!(['a] Forked<'a> {
            "original": original, "labels": labels, "rows": rows, "divergence": divergence, "lengths": lengths
        });
        let info = to_js(&Forked {
            original,
            labels: fork.labels(),
            rows: fork.rows(),
            divergence: fork.divergence(),
            lengths: Lengths { session: fork.len(Side::Session), token: fork.len(Side::Token) },
        })?;
        self.fork = Some(fork);
        Ok(info)
    }

    /// Step `index` (from 0) of one side of the fork (`"session"` or
    /// `"token"`), with the state after it, as `stepAt` returns steps.
    #[wasm_bindgen(js_name = forkStepAt)]
    pub fn fork_step_at(&mut self, side: &JsValue, index: &JsValue) -> Result<JsValue, JsError> {
        let key = string_arg("forkStepAt", "side", side)?;
        let side = Side::from_key(&key)
            .ok_or_else(|| bad_arg("forkStepAt", "side", Expected::ForkSide, &JsValue::from_str(&key)))?;
        let Some(fork) = &mut self.fork else {
            return Err(JsError::new(&say(P::NoFork)));
        };
        let total = fork.len(side);
        let max = total.saturating_sub(1) as u64;
        if total == 0 {
            return Err(JsError::new(&say(P::EmptySide { side: &key })));
        }
        let index = whole_arg("forkStepAt", "index", index, 0, max)?;
        match fork.step(side, index as usize) {
            Some(step) => to_js(step),
            None => Err(JsError::new(&say(P::SideSteps { side: &key, total }))),
        }
    }

    /// Leaves the fork: its two timelines are dropped.
    pub fn unfork(&mut self) {
        self.fork = None;
    }
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new()
    }
}

/// The cookie lab ([`crate::labs::cookie_lab`]): one browser jar on its own,
/// for trying any `Set-Cookie` against any URL and seeing what a browser would
/// store and send, and why.
#[wasm_bindgen]
pub struct CookieLab {
    lab: crate::labs::cookie_lab::CookieLab,
}

#[wasm_bindgen]
impl CookieLab {
    /// An empty jar, its clock at the scenario start (2 March 2026, 09:00 UTC).
    #[wasm_bindgen(constructor)]
    pub fn new() -> CookieLab {
        CookieLab { lab: crate::labs::cookie_lab::CookieLab::new() }
    }

    /// Applies one `Set-Cookie` string received from `url` (a canonical
    /// absolute URL, as the browser's `URL` writes it). `from` is `"http"`,
    /// `"cross-site-navigation"` (a link or form from another site),
    /// `"cross-site"` (a response to another site's image or fetch) or
    /// `"script"` (`document.cookie = …` in a page at `url`).
    #[wasm_bindgen(js_name = setCookie)]
    pub fn set_cookie(&mut self, url: &JsValue, header: &JsValue, from: &JsValue) -> Result<JsValue, JsError> {
        let url = crate::browser::jar::Url::parse(&string_arg("setCookie", "url", url)?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let header = string_arg("setCookie", "header", header)?;
        let from = crate::labs::cookie_lab::Origin::parse(&string_arg("setCookie", "from", from)?)
            .map_err(|e| JsError::new(&say(P::InArgument { method: "setCookie", arg: "from", why: &e.to_string() })))?;
        to_js(&self.lab.set_cookie(&url, &header, from))
    }

    /// What goes with a request to `url`. `kind` is `"same-site"`,
    /// `"cross-site-link"` (a top-level GET from another site),
    /// `"cross-site-post"` (a form POST from another site),
    /// `"cross-site-embed"` (an image or fetch from another site) or
    /// `"script"` (reading `document.cookie` in a page at `url`).
    pub fn request(&mut self, url: &JsValue, kind: &JsValue) -> Result<JsValue, JsError> {
        let url = crate::browser::jar::Url::parse(&string_arg("request", "url", url)?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let kind = crate::labs::cookie_lab::RequestKind::parse(&string_arg("request", "kind", kind)?)
            .map_err(|e| JsError::new(&say(P::InArgument { method: "request", arg: "kind", why: &e.to_string() })))?;
        to_js(&self.lab.request(&url, kind))
    }

    /// What a missing `SameSite` means: `true` for Lax (Chromium), `false` for no restriction.
    #[wasm_bindgen(js_name = setSameSiteDefaultLax)]
    pub fn set_same_site_default_lax(&mut self, lax: &JsValue) -> Result<(), JsError> {
        use crate::browser::jar::SameSiteDefault;
        let lax = bool_arg("setSameSiteDefaultLax", "lax", lax)?;
        self.lab.set_same_site_default(if lax { SameSiteDefault::Lax } else { SameSiteDefault::None });
        Ok(())
    }

    /// Lets `secs` seconds pass (1 to ten years); expired cookies leave the
    /// jar. The lab's clock stops where the playground's does, a hundred
    /// years after the start.
    pub fn wait(&mut self, secs: &JsValue) -> Result<JsValue, JsError> {
        let secs = whole_arg("wait", "secs", secs, 1, crate::base::clock::MAX_WAIT_SECS)?;
        let view = self
            .lab
            .wait(secs)
            .map_err(|e| JsError::new(&say(P::InArgument { method: "wait", arg: "secs", why: &e.to_string() })))?;
        to_js(&view)
    }

    /// Empties the jar and sets the clock back.
    pub fn clear(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.lab.clear())
    }
}

impl Default for CookieLab {
    fn default() -> CookieLab {
        CookieLab::new()
    }
}

/// The scale lab: one bulk run of [`crate::labs::scale::ScaleRun`], stepped in
/// chunks so the page can show progress and cancel between them.
#[wasm_bindgen(js_name = ScaleRun)]
pub struct ScaleLab {
    run: crate::labs::scale::ScaleRun,
}

/// A JS config object as a checked [`crate::labs::scale::ScaleConfig`].
fn scale_config(method: &str, config: &JsValue) -> Result<crate::labs::scale::ScaleConfig, JsError> {
    crate::labs::scale::ScaleConfig::from_value(json_data(method, "config", config)?)
        .map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen(js_class = ScaleRun)]
impl ScaleLab {
    /// A run at its start. `config` is a plain object such as `{users: 1000,
    /// requests: 10000, servers: 4, balancing: "roundRobin", layout:
    /// "perServer", seed: 1, stopServer: null, outagePercent: 0, relogin:
    /// false}`; a bad field throws an error naming it.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &JsValue) -> Result<ScaleLab, JsError> {
        let config = scale_config("new ScaleRun", config)?;
        let run = crate::labs::scale::ScaleRun::new(config).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(ScaleLab { run })
    }

    /// The configurations of a sweep (`"none"`, `"servers"`, `"policies"` or `"mechanisms"`), as plain objects.
    pub fn sweep(config: &JsValue, sweep: &JsValue) -> Result<JsValue, JsError> {
        let config = scale_config("sweep", config)?;
        let key = sweep.as_string();
        let kind = key
            .as_deref()
            .and_then(crate::labs::scale::Sweep::from_key)
            .ok_or_else(|| bad_arg("sweep", "sweep", Expected::Sweep, sweep))?;
        to_js(&config.sweep(kind))
    }

    /// Simulates up to `n` more requests (a whole number, 0 or more; past
    /// the end is fine); returns how many are done in all.
    pub fn step(&mut self, n: &JsValue) -> Result<f64, JsError> {
        let n = whole_arg("step", "n", n, 0, 1 << 53)?;
        Ok(self.run.step(n) as f64)
    }

    /// Requests simulated so far.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> f64 {
        self.run.done() as f64
    }

    /// Requests in the whole run.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> f64 {
        self.run.config().requests as f64
    }

    /// Whether every request has been simulated.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.run.finished()
    }

    /// What the run has counted so far, as a plain object (`ScaleResult` in camelCase).
    pub fn result(&self) -> Result<JsValue, JsError> {
        to_js(&self.run.result())
    }
}
