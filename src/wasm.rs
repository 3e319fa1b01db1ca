//! The JavaScript boundary: the only file that knows wasm-bindgen.
//!
//! It exports one class, `Playground`, an opaque handle on a [`World`]. Its
//! methods take and return plain JS objects in the shapes of the scenario
//! format (docs/scenario-format.md): settings like a scenario's `settings`,
//! actions like a scenario's steps, and traces as the core serializes them.
//! Errors become JS exceptions whose message names the field and what was
//! expected; a panic, which should never happen, is written to the console
//! and to `globalThis.__sessionPlaygroundPanic` so tests can report it.

use crate::scenario::{action_from_json, settings_from_json, Scenario};
use crate::tours::TOURS;
use crate::{Action, IdSource, IdSourceSetting, Settings, Timeline, World, LAPTOP, PRESETS};
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

/// A JS value as JSON text, for the core's checked parsers.
fn to_json(value: &JsValue) -> Result<String, JsError> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("expected a plain object that JSON.stringify can write"))
}

/// A tour or scenario loaded for stepping through.
struct Loaded {
    scenario: Scenario,
    next: usize,
}

/// One tour in the list the page offers.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TourInfo {
    key: &'static str,
    title: String,
    summary: String,
}

/// What the page needs to show a loaded scenario.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScenarioInfo<'a> {
    title: &'a str,
    summary: &'a str,
    settings: &'a Settings,
    steps: Vec<StepInfo<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StepInfo<'a> {
    say: Option<&'a str>,
    ask: Option<&'a str>,
    choices: &'a [crate::scenario::Choice],
    action: String,
}

/// One scenario step, run.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunStep<'a> {
    index: usize,
    say: Option<&'a str>,
    ask: Option<&'a str>,
    choices: &'a [crate::scenario::Choice],
    correct_choice: Option<usize>,
    action: String,
    trace: crate::Trace,
}

/// Where an action's steps sit in the timeline.
#[derive(Serialize)]
struct StepsAt {
    first: usize,
    count: usize,
}

/// What a replay of many actions did.
#[derive(Serialize)]
struct Replayed {
    counts: Vec<usize>,
    failed: Option<Failed>,
}

/// The action a replay stopped at, and why.
#[derive(Serialize)]
struct Failed {
    index: usize,
    message: String,
}

/// A playground: a server with its session store, and three browsers.
#[wasm_bindgen]
pub struct Playground {
    world: World,
    /// Every action applied to `world` since it began, for `stepAt`.
    timeline: Timeline,
    settings: Settings,
    loaded: Option<Loaded>,
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
    pub fn with_seed(seed: u32) -> Playground {
        Playground::with(Settings::of(&PRESETS[0], IdSourceSetting::Seeded { seed: seed.into() }))
    }

    fn with(settings: Settings) -> Playground {
        let world = World::from_settings(settings.clone());
        Playground { timeline: Timeline::new(&world), world, settings, loaded: None }
    }

    /// Every preset: key, label, summary and defaults.
    pub fn presets() -> Result<JsValue, JsError> {
        to_js(&PRESETS)
    }

    /// Every built-in tour: `[{ key, title, summary }]`.
    pub fn tours() -> Result<JsValue, JsError> {
        let tours: Vec<TourInfo> = TOURS
            .iter()
            .filter_map(|(key, json)| {
                Scenario::from_json(json).ok().map(|s| TourInfo { key, title: s.title, summary: s.summary })
            })
            .collect();
        to_js(&tours)
    }

    /// The defence matrix, computed by playing every attack against every
    /// defence: `{ defences: [{ key, label }], rows: [{ attack, label,
    /// succeedsUndefended, stoppedBy: [bool] }] }`.
    #[wasm_bindgen(js_name = defenceMatrix)]
    pub fn defence_matrix() -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct DefenceInfo {
            key: crate::attacks::Defence,
            label: &'static str,
        }
        #[derive(Serialize)]
        struct Matrix {
            defences: Vec<DefenceInfo>,
            rows: Vec<crate::attacks::MatrixRow>,
        }
        let defences = crate::attacks::DEFENCES.iter().map(|&d| DefenceInfo { key: d, label: d.label() }).collect();
        to_js(&Matrix { defences, rows: crate::attacks::matrix() })
    }

    /// Expected seconds to guess a live session ID: `bits` of randomness,
    /// `live` sessions, `rate` guesses a second. Infinity if nobody is logged in.
    #[wasm_bindgen(js_name = expectedGuessSeconds)]
    pub fn expected_guess_seconds(bits: f64, live: f64, rate: f64) -> f64 {
        crate::attacks::expected_seconds_to_guess(bits, live, rate)
    }

    /// The same, as a base-10 logarithm of seconds (finite for any number of bits).
    #[wasm_bindgen(js_name = log10GuessSeconds)]
    pub fn log10_guess_seconds(bits: f64, live: f64, rate: f64) -> f64 {
        crate::attacks::log10_seconds_to_guess(bits, live, rate)
    }

    /// The session cookie's name under the current settings.
    #[wasm_bindgen(getter, js_name = cookieName)]
    pub fn cookie_name(&self) -> String {
        self.world.server().settings.cookie_name()
    }

    /// Starts over with new settings, given in the scenario format's
    /// `settings` shape. Throws, changing nothing, if they are invalid.
    pub fn configure(&mut self, settings: &JsValue) -> Result<(), JsError> {
        let settings = settings_from_json(&to_json(settings)?)?;
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
    pub fn preset_settings(&self, key: &str) -> Result<JsValue, JsError> {
        let preset =
            crate::preset::preset(key).ok_or_else(|| JsError::new(&format!("there is no preset \"{key}\"")))?;
        let current = &self.world.server().settings;
        to_js(&Settings {
            browser_same_site_default: current.browser_same_site_default,
            ..Settings::of(preset, current.ids)
        })
    }

    /// Starts over: empty store, empty jars, clock at zero, same settings.
    /// A loaded scenario starts again from its first step.
    pub fn reset(&mut self) {
        // A tour starts over with its own settings, whatever defences it switched on since.
        if let Some(loaded) = &mut self.loaded {
            loaded.next = 0;
            self.settings = loaded.scenario.settings.clone();
        }
        self.world = World::from_settings(self.settings.clone());
        self.timeline = Timeline::new(&self.world);
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
    pub fn replay_ids(&mut self, ids: Vec<String>) -> Result<(), JsError> {
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
        let action = action_from_json(&to_json(action)?)?;
        let first = self.timeline.len();
        let trace = self.timeline.apply(&mut self.world, &action)?;
        to_js(&StepsAt { first, count: trace.steps.len() })
    }

    /// Replays a shared link's free-play actions (scenario-format objects,
    /// in order) without tracing them: the world ends where the link's run
    /// ended, and each step is traced only when `stepAt` asks for it.
    /// Returns `{ counts: [steps of each action], failed: null | { index,
    /// message } }`; it stops at the first action that is not one or fails.
    #[wasm_bindgen(js_name = replayActions)]
    pub fn replay_actions(&mut self, actions: &JsValue) -> Result<JsValue, JsError> {
        let list: Vec<serde_json::Value> = serde_json::from_str(&to_json(actions)?)
            .map_err(|_| JsError::new("replayActions: expected a list of actions"))?;
        let mut counts = Vec::with_capacity(list.len());
        let mut failed = None;
        for (index, value) in list.iter().enumerate() {
            let outcome = action_from_json(&value.to_string())
                .map_err(|e| e.to_string())
                .and_then(|action| self.timeline.apply_untraced(&mut self.world, &action).map_err(|e| e.to_string()));
            match outcome {
                Ok(count) => counts.push(count),
                Err(message) => {
                    failed = Some(Failed { index, message });
                    break;
                }
            }
        }
        to_js(&Replayed { counts, failed })
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
            None => Err(JsError::new(&format!(
                "stepAt({index}): expected a whole number from 0 to {}; the timeline has {total} steps",
                total.saturating_sub(1)
            ))),
        }
    }

    /// Where session IDs come from, in words.
    #[wasm_bindgen(getter, js_name = idSource)]
    pub fn id_source(&self) -> String {
        IdSource::from_setting(self.world.server().settings.ids).describe().to_owned()
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
        let action = action_from_json(&to_json(action)?)?;
        self.apply(action)
    }

    /// The short label of an action given in the scenario format, e.g.
    /// "Alice's phone: visit /profile". Throws, naming the field, if it is not an action.
    #[wasm_bindgen(js_name = actionLabel)]
    pub fn action_label(action: &JsValue) -> Result<String, JsError> {
        Ok(action_from_json(&to_json(action)?)?.label())
    }

    /// Submits the login form from a browser. Returns the trace.
    pub fn login(&mut self, browser: &str, username: &str, password: &str) -> Result<JsValue, JsError> {
        self.apply(Action::Login { browser: browser.into(), username: username.into(), password: password.into() })
    }

    /// Opens a page in a browser. Returns the trace.
    pub fn visit(&mut self, browser: &str, path: &str) -> Result<JsValue, JsError> {
        self.apply(Action::Visit { browser: browser.into(), path: path.into() })
    }

    /// Revokes a session on the server, by ID; with no ID, the newest one.
    pub fn revoke(&mut self, id: Option<String>) -> Result<JsValue, JsError> {
        self.apply(Action::Revoke { id: id.as_deref().map(crate::SessionId::from_untrusted) })
    }

    /// Logs a browser out. Returns the trace.
    pub fn logout(&mut self, browser: &str) -> Result<JsValue, JsError> {
        self.apply(Action::Logout { browser: browser.into() })
    }

    fn apply(&mut self, action: Action) -> Result<JsValue, JsError> {
        let trace = self.timeline.apply(&mut self.world, &action)?;
        to_js(&trace)
    }

    /// Loads a built-in tour by key: the world starts over with the tour's
    /// settings. Returns `{ title, summary, settings, steps: [{ say, ask, action }] }`.
    #[wasm_bindgen(js_name = loadTour)]
    pub fn load_tour(&mut self, key: &str) -> Result<JsValue, JsError> {
        let names: Vec<&str> = TOURS.iter().map(|(k, _)| *k).collect();
        let json = TOURS.iter().find(|(k, _)| *k == key).map(|(_, json)| *json).ok_or_else(|| {
            JsError::new(&format!("there is no tour called \"{key}\"; the tours are {}", names.join(", ")))
        })?;
        self.load_scenario(json)
    }

    /// Loads a scenario from its JSON text, as `loadTour` does. Throws, with
    /// the field and what was expected, if the scenario is broken.
    #[wasm_bindgen(js_name = loadScenario)]
    pub fn load_scenario(&mut self, json: &str) -> Result<JsValue, JsError> {
        let scenario = Scenario::from_json(json)?;
        let info = ScenarioInfo {
            title: &scenario.title,
            summary: &scenario.summary,
            settings: &scenario.settings,
            steps: scenario
                .steps
                .iter()
                .map(|s| StepInfo {
                    say: s.say.as_deref(),
                    ask: s.ask.as_deref(),
                    choices: &s.choices,
                    action: s.action.label(),
                })
                .collect(),
        };
        let info = to_js(&info)?;
        self.settings = scenario.settings.clone();
        self.world = World::from_settings(self.settings.clone());
        self.timeline = Timeline::new(&self.world);
        self.loaded = Some(Loaded { scenario, next: 0 });
        Ok(info)
    }

    /// Leaves the loaded scenario, keeping the world as it is (free play).
    #[wasm_bindgen(js_name = unloadScenario)]
    pub fn unload_scenario(&mut self) {
        self.loaded = None;
    }

    /// Runs the loaded scenario's next step. Returns
    /// `{ index, say, ask, action, trace }`, or `null` when it has no steps left.
    #[wasm_bindgen(js_name = nextScenarioStep)]
    pub fn next_scenario_step(&mut self) -> Result<JsValue, JsError> {
        let Some(loaded) = &mut self.loaded else { return Err(JsError::new("no scenario is loaded")) };
        let Some(step) = loaded.scenario.steps.get(loaded.next) else { return Ok(JsValue::NULL) };
        let trace = self.timeline.apply(&mut self.world, &step.action)?;
        let run = RunStep {
            index: loaded.next,
            say: step.say.as_deref(),
            ask: step.ask.as_deref(),
            choices: &step.choices,
            correct_choice: crate::scenario::correct_choice(&step.choices, &trace),
            action: step.action.label(),
            trace,
        };
        loaded.next += 1;
        to_js(&run)
    }
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new()
    }
}

/// What the lab shows after each operation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LabResult<'a> {
    change: Option<crate::jar::JarChange>,
    cookie_string: Option<String>,
    decisions: Vec<crate::jar::SendDecision>,
    jar: Vec<LabCookie<'a>>,
    now: String,
}

/// A row of the lab's jar table: the cookie, with how far it reaches decided here.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LabCookie<'a> {
    name: &'a str,
    value: &'a str,
    domain: &'a str,
    /// `"host"` (host-only), `"subdomains"` (a `Domain=` cookie) or
    /// `"address"` (a `Domain=` cookie on an IP address, which has no subdomains).
    reach: &'static str,
    path: &'a str,
    secure: bool,
    http_only: bool,
    same_site: Option<crate::cookie::SameSite>,
    expires: Option<&'a str>,
}

impl<'a> From<&'a crate::jar::JarCookie> for LabCookie<'a> {
    fn from(c: &'a crate::jar::JarCookie) -> Self {
        let reach = match (c.host_only, c.reaches_subdomains()) {
            (true, _) => "host",
            (false, true) => "subdomains",
            (false, false) => "address",
        };
        LabCookie {
            name: &c.name,
            value: &c.value,
            domain: &c.domain,
            reach,
            path: &c.path,
            secure: c.secure,
            http_only: c.http_only,
            same_site: c.same_site,
            expires: c.expires.as_deref(),
        }
    }
}

/// The cookie lab: one browser jar on its own, for trying any `Set-Cookie`
/// against any URL and seeing what a browser would store and send, and why.
#[wasm_bindgen]
pub struct CookieLab {
    jar: crate::jar::CookieJar,
    now_ms: i64,
}

#[wasm_bindgen]
impl CookieLab {
    /// An empty jar, its clock at the scenario start (2 March 2026, 09:00 UTC).
    #[wasm_bindgen(constructor)]
    pub fn new() -> CookieLab {
        CookieLab { jar: crate::jar::CookieJar::new(), now_ms: crate::Instant::START.unix_millis() as i64 }
    }

    fn result(
        &self,
        change: Option<crate::jar::JarChange>,
        sent: Option<(Option<String>, Vec<crate::jar::SendDecision>)>,
    ) -> Result<JsValue, JsError> {
        let (cookie_string, decisions) = sent.unwrap_or_default();
        to_js(&LabResult {
            change,
            cookie_string,
            decisions,
            jar: self.jar.cookies().iter().map(LabCookie::from).collect(),
            now: crate::clock::http_date_of_unix(self.now_ms.div_euclid(1000)),
        })
    }

    /// Applies one `Set-Cookie` string received from `url` (a canonical
    /// absolute URL, as the browser's `URL` writes it). `from` is `"http"`,
    /// `"cross-site-navigation"` (a link or form from another site),
    /// `"cross-site"` (a response to another site's image or fetch) or
    /// `"script"` (`document.cookie = …` in a page at `url`).
    #[wasm_bindgen(js_name = setCookie)]
    pub fn set_cookie(&mut self, url: &str, header: &str, from: &str) -> Result<JsValue, JsError> {
        let url = crate::jar::Url::parse(url).map_err(|e| JsError::new(&e))?;
        let context = match from {
            "http" => crate::jar::Context::SAME_SITE,
            "cross-site-navigation" => crate::jar::Context { same_site: false, ..crate::jar::Context::SAME_SITE },
            "cross-site" => {
                crate::jar::Context { same_site: false, top_level: false, ..crate::jar::Context::SAME_SITE }
            }
            "script" => crate::jar::Context::SCRIPT,
            other => {
                return Err(JsError::new(&format!("unknown source \"{other}\"; expected http, cross-site or script")))
            }
        };
        let change = self.jar.set_cookie(header, &url, context, self.now_ms);
        self.result(Some(change), None)
    }

    /// What goes with a request to `url`. `kind` is `"same-site"`,
    /// `"cross-site-link"` (a top-level GET from another site),
    /// `"cross-site-post"` (a form POST from another site),
    /// `"cross-site-embed"` (an image or fetch from another site) or
    /// `"script"` (reading `document.cookie` in a page at `url`).
    pub fn request(&mut self, url: &str, kind: &str) -> Result<JsValue, JsError> {
        use crate::jar::{Api, Context};
        let url = crate::jar::Url::parse(url).map_err(|e| JsError::new(&e))?;
        let context = match kind {
            "same-site" => Context::SAME_SITE,
            "cross-site-link" => Context { api: Api::Http, same_site: false, top_level: true, safe_method: true },
            "cross-site-post" => Context { api: Api::Http, same_site: false, top_level: true, safe_method: false },
            "cross-site-embed" => Context { api: Api::Http, same_site: false, top_level: false, safe_method: true },
            "script" => Context::SCRIPT,
            other => return Err(JsError::new(&format!("unknown request kind \"{other}\""))),
        };
        let sent = self.jar.cookie_string(&url, context, self.now_ms);
        self.result(None, Some(sent))
    }

    /// What a missing `SameSite` means: `true` for Lax (Chromium), `false` for no restriction.
    #[wasm_bindgen(js_name = setSameSiteDefaultLax)]
    pub fn set_same_site_default_lax(&mut self, lax: bool) {
        self.jar.same_site_default =
            if lax { crate::jar::SameSiteDefault::Lax } else { crate::jar::SameSiteDefault::None };
    }

    /// Lets time pass; expired cookies leave the jar.
    pub fn wait(&mut self, secs: u32) -> Result<JsValue, JsError> {
        self.now_ms = self.now_ms.saturating_add(i64::from(secs) * 1000);
        self.jar.remove_expired(self.now_ms);
        self.result(None, None)
    }

    /// Empties the jar and sets the clock back.
    pub fn clear(&mut self) -> Result<JsValue, JsError> {
        *self = CookieLab::new();
        self.result(None, None)
    }
}

impl Default for CookieLab {
    fn default() -> CookieLab {
        CookieLab::new()
    }
}

/// The scale lab: one bulk run of [`crate::scale::ScaleRun`], stepped in
/// chunks so the page can show progress and cancel between them.
#[wasm_bindgen(js_name = ScaleRun)]
pub struct ScaleLab {
    run: crate::scale::ScaleRun,
}

/// A JS config object as a checked [`crate::scale::ScaleConfig`].
fn scale_config(config: &JsValue) -> Result<crate::scale::ScaleConfig, JsError> {
    crate::scale::ScaleConfig::from_json(&to_json(config)?).map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen(js_class = ScaleRun)]
impl ScaleLab {
    /// A run at its start. `config` is a plain object such as `{users: 1000,
    /// requests: 10000, servers: 4, balancing: "roundRobin", layout:
    /// "perServer", seed: 1, stopServer: null, outagePercent: 0, relogin:
    /// false}`; a bad field throws an error naming it.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &JsValue) -> Result<ScaleLab, JsError> {
        let config = scale_config(config)?;
        let run = crate::scale::ScaleRun::new(config).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(ScaleLab { run })
    }

    /// The configurations of a sweep (`"none"`, `"servers"` or `"policies"`), as plain objects.
    pub fn sweep(config: &JsValue, sweep: &str) -> Result<JsValue, JsError> {
        let kind = crate::scale::Sweep::from_key(sweep)
            .ok_or_else(|| JsError::new(&format!("sweep: expected none, servers or policies; found {sweep:?}")))?;
        to_js(&scale_config(config)?.sweep(kind))
    }

    /// Simulates up to `n` more requests; returns how many are done in all.
    pub fn step(&mut self, n: f64) -> f64 {
        let n = if n.is_finite() && n > 0.0 { n as u64 } else { 0 };
        self.run.step(n) as f64
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
