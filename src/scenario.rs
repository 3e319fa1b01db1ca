//! Scenarios: a JSON script of settings and actions, with narration.
//!
//! One format serves the built-in tours, the tests, the transcript tool and
//! tutorial authors (docs/scenario-format.md documents it, and
//! docs/scenario.schema.json gives its JSON Schema). Parsing checks every
//! field and reports the first problem with its path and what was expected,
//! e.g. `steps[2].action: expected one of login, visit, …; found "lgoin"`.
//! It never panics, whatever the input.

use crate::encoding::{escape_controls, quoted};
use crate::ids::SessionId;
use crate::preset::{preset, Cleanup, IdSourceSetting, LogoutMode, Settings, PRESETS};
use crate::topology::{Balancing, StoreLayout, MAX_SERVERS};
use crate::trace::Trace;
use crate::world::{Action, World, BROWSERS, LAPTOP};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

use crate::clock::{MAX_ELAPSED_SECS, MAX_WAIT_SECS};

/// A parsed, checked scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Its title.
    pub title: String,
    /// A sentence or two on what it shows.
    pub summary: String,
    /// The settings the world starts with.
    pub settings: Settings,
    /// The steps, in order.
    #[serde(skip)]
    pub steps: Vec<ScenarioStep>,
}

/// One step of a scenario: an action and, optionally, what to say first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioStep {
    /// Narration shown before the action runs.
    pub say: Option<String>,
    /// A question for the reader to answer before the action runs.
    pub ask: Option<String>,
    /// Answers the reader can pick; the engine's outcome decides which is right.
    pub choices: Vec<Choice>,
    /// The action.
    pub action: Action,
}

/// One possible answer to a step's question, and the outcome it predicts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// What the reader sees, e.g. "Yes, logged in".
    pub label: String,
    /// The status of the last response the answer predicts.
    pub status: u16,
    /// Text the answer predicts on the page shown last, if any.
    pub page: Option<String>,
}

impl Choice {
    /// Whether this answer predicts what the trace shows.
    pub fn matches(&self, trace: &Trace) -> bool {
        let last = trace.steps.iter().rev().find_map(|s| s.message.as_ref().filter(|m| m.status.is_some()));
        last.is_some_and(|m| {
            m.status == Some(self.status)
                && self.page.as_ref().is_none_or(|text| m.body.as_deref().unwrap_or("").contains(text.as_str()))
        })
    }
}

/// The index of the first choice that matches the trace's outcome.
pub fn correct_choice(choices: &[Choice], trace: &Trace) -> Option<usize> {
    choices.iter().position(|c| c.matches(trace))
}

/// A step that has run: what was said, what was done, and what happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayedStep {
    /// Narration shown before the action.
    pub say: Option<String>,
    /// The question asked before it, if any.
    pub ask: Option<String>,
    /// The answers offered, if any.
    pub choices: Vec<Choice>,
    /// Which of them the outcome bore out.
    pub correct_choice: Option<usize>,
    /// The action, as a short label.
    pub action: String,
    /// What happened.
    pub trace: Trace,
}

/// A scenario that cannot be used, and where the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// Where: `steps[2].browser`, or empty for the whole document.
    pub path: String,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

fn error(path: &str, message: impl Into<String>) -> ScenarioError {
    ScenarioError { path: path.to_owned(), message: message.into() }
}

/// A short description of a JSON value, for "found …" in messages.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        // Quoted as JSON writes it, control characters escaped: a message
        // must never carry a raw CR, LF or ESC from the input to a terminal.
        Value::String(s) if s.chars().count() > 40 => {
            let head = quoted(&s.chars().take(40).collect::<String>());
            format!("{}…\"", &head[..head.len() - 1])
        }
        Value::String(s) => quoted(s),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Reads the fields of one JSON object, checking that no unknown field is present.
struct Fields<'a> {
    path: String,
    object: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    fn of(value: &'a Value, path: &str, allowed: &[&str]) -> Result<Fields<'a>, ScenarioError> {
        let object =
            value.as_object().ok_or_else(|| error(path, format!("expected an object; found {}", found(value))))?;
        for key in object.keys() {
            if !allowed.contains(&key.as_str()) {
                let key = escape_controls(key);
                return Err(error(&join(path, &key), format!("unknown field; expected one of {}", allowed.join(", "))));
            }
        }
        Ok(Fields { path: path.to_owned(), object })
    }

    fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key)
    }

    fn string(&self, key: &str) -> Result<Option<String>, ScenarioError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(error(&self.path(key), format!("expected a string; found {}", found(other)))),
        }
    }

    fn required_string(&self, key: &str) -> Result<String, ScenarioError> {
        self.string(key)?.ok_or_else(|| error(&self.path(key), "missing; expected a string"))
    }

    fn bool(&self, key: &str) -> Result<Option<bool>, ScenarioError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(error(&self.path(key), format!("expected true or false; found {}", found(other)))),
        }
    }

    fn integer(&self, key: &str, min: u64, max: u64) -> Result<Option<u64>, ScenarioError> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => match value.as_u64() {
                Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(error(
                    &self.path(key),
                    format!("expected a whole number from {min} to {max}; found {}", found(value)),
                )),
            },
        }
    }

    /// A timeout: seconds, or `null` for none. `Err` if malformed, `Ok(None)` if absent.
    fn timeout(&self, key: &str) -> Result<Option<Option<u64>>, ScenarioError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(_) => Ok(Some(self.integer(key, 1, MAX_WAIT_SECS)?)),
        }
    }

    fn choice<T: Copy>(&self, key: &str, options: &[(&str, T)]) -> Result<Option<T>, ScenarioError> {
        let Some(value) = self.get(key) else { return Ok(None) };
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        value.as_str().and_then(|s| options.iter().find(|(name, _)| *name == s)).map(|(_, v)| Some(*v)).ok_or_else(
            || error(&self.path(key), format!("expected one of {}; found {}", names.join(", "), found(value))),
        )
    }

    fn browser(&self, key: &str) -> Result<String, ScenarioError> {
        let Some(value) = self.get(key) else { return Ok(LAPTOP.to_owned()) };
        let names: Vec<&str> = BROWSERS.iter().map(|(k, _)| *k).collect();
        match value.as_str() {
            Some(s) if names.contains(&s) => Ok(s.to_owned()),
            _ => Err(error(&self.path(key), format!("expected one of {}; found {}", names.join(", "), found(value)))),
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The actions a step may name, and the fields each takes besides `action`, `say`, `ask` and `choices`.
pub const ACTIONS: [(&str, &[&str]); 21] = [
    ("login", &["browser", "username", "password"]),
    ("visit", &["browser", "path"]),
    ("logout", &["browser"]),
    ("logoutEverywhere", &["browser"]),
    ("changePassword", &["browser", "password"]),
    ("revoke", &["id"]),
    ("revokeUser", &["user"]),
    ("copyCookie", &["from", "to"]),
    ("closeBrowser", &["browser"]),
    ("wait", &["seconds"]),
    ("restartServer", &[]),
    ("plantTicket", &["browser", "id"]),
    ("guessTicket", &["browser", "id"]),
    ("scriptTheft", &["browser"]),
    ("crossSiteForm", &["browser", "path", "fields"]),
    ("visitOverHttp", &["browser", "path"]),
    ("startOverWith", &["defence"]),
    ("stopServer", &["server"]),
    ("startServer", &["server"]),
    ("stopStore", &[]),
    ("startStore", &[]),
];

/// The defences a scenario may name, by key.
const DEFENCE_KEYS: [(&str, crate::attacks::Defence); 9] = [
    ("rotation", crate::attacks::Defence::Rotation),
    ("strictAdoption", crate::attacks::Defence::StrictAdoption),
    ("randomIds", crate::attacks::Defence::RandomIds),
    ("httpOnly", crate::attacks::Defence::HttpOnly),
    ("sameSite", crate::attacks::Defence::SameSite),
    ("secure", crate::attacks::Defence::Secure),
    ("hostPrefix", crate::attacks::Defence::HostPrefix),
    ("timeouts", crate::attacks::Defence::Timeouts),
    ("revocation", crate::attacks::Defence::Revocation),
];

impl Scenario {
    /// Parses and checks a scenario from JSON text.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        // A UTF-8 byte-order mark, which some editors write at the start of
        // a file, is not JSON (RFC 8259 §8.1 lets a parser ignore it): skip it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| {
            error("", format!("the scenario is not valid JSON (line {}, column {}): {e}", e.line(), e.column()))
        })?;
        Scenario::from_value(&value)
    }

    /// Checks a scenario already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<Scenario, ScenarioError> {
        let top = Fields::of(value, "", &["$schema", "version", "title", "summary", "settings", "steps"])?;
        if let Some(version) = top.get("version") {
            if version.as_u64() != Some(1) {
                return Err(error("version", format!("expected 1; found {}", found(version))));
            }
        }
        let title = top.required_string("title")?;
        let summary = top.string("summary")?.unwrap_or_default();
        let settings = match top.get("settings") {
            Some(value) => parse_settings(value)?,
            None => Settings::default(),
        };
        let steps_value = top.get("steps").ok_or_else(|| error("steps", "missing; expected an array of steps"))?;
        let list = steps_value
            .as_array()
            .ok_or_else(|| error("steps", format!("expected an array of steps; found {}", found(steps_value))))?;
        if list.is_empty() {
            return Err(error("steps", "expected at least one step; found an empty array"));
        }
        let steps: Vec<ScenarioStep> =
            list.iter().enumerate().map(|(i, v)| parse_step(v, &format!("steps[{i}]"))).collect::<Result<_, _>>()?;
        // The clock stops a hundred years after the start (clock.rs): a
        // scenario's waits must fit before that, so playing it never fails.
        let mut elapsed: u64 = 0;
        for (i, step) in steps.iter().enumerate() {
            match step.action {
                Action::StartOverWith { .. } => elapsed = 0,
                Action::Wait { secs } => {
                    elapsed += secs;
                    if elapsed > MAX_ELAPSED_SECS {
                        return Err(error(
                            &format!("steps[{i}].seconds"),
                            format!(
                                "the waits up to this step add up to {} days, past the clock's limit of a hundred \
                                 years ({} days) after the start",
                                elapsed / 86_400,
                                MAX_ELAPSED_SECS / 86_400
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
        // A server number must name one of the scenario's servers.
        for (i, step) in steps.iter().enumerate() {
            if let Action::StopServer { server } | Action::StartServer { server } = step.action {
                if !settings.clustered() {
                    return Err(error(
                        &format!("steps[{i}].action"),
                        "expected 2 or more servers, or a shared store, to stop or start a server (settings.servers, \
                         settings.storeLayout); with one server, use restartServer"
                            .to_owned(),
                    ));
                }
                if server > settings.servers {
                    return Err(error(
                        &format!("steps[{i}].server"),
                        format!("expected a server from 1 to {} (settings.servers); found {server}", settings.servers),
                    ));
                }
            }
        }
        Ok(Scenario { title, summary, settings, steps })
    }

    /// Runs the scenario on a fresh world and returns every step with its trace.
    pub fn play(&self) -> Vec<PlayedStep> {
        let mut world = World::from_settings(self.settings.clone());
        self.steps
            .iter()
            .map(|step| {
                // Parsing checked every browser key, the only way an action can fail.
                let trace = world.apply(&step.action).unwrap_or_default();
                PlayedStep {
                    say: step.say.clone(),
                    ask: step.ask.clone(),
                    choices: step.choices.clone(),
                    correct_choice: correct_choice(&step.choices, &trace),
                    action: step.action.label(),
                    trace,
                }
            })
            .collect()
    }
}

/// Parses settings alone, in the scenario format's `settings` shape.
pub fn settings_from_json(text: &str) -> Result<Settings, ScenarioError> {
    let value: Value = serde_json::from_str(text).map_err(|e| error("settings", format!("not valid JSON: {e}")))?;
    parse_settings(&value)
}

/// Parses one action, in the scenario format's step shape (`say` and `ask` allowed and ignored).
pub fn action_from_json(text: &str) -> Result<Action, ScenarioError> {
    let value: Value = serde_json::from_str(text).map_err(|e| error("action", format!("not valid JSON: {e}")))?;
    Ok(parse_step(&value, "action")?.action)
}

fn parse_settings(value: &Value) -> Result<Settings, ScenarioError> {
    let allowed = [
        "preset",
        "ids",
        "seed",
        "rotateOnLogin",
        "logout",
        "cleanup",
        "idleTimeout",
        "absoluteTimeout",
        "strictAdoption",
        "httpOnly",
        "secure",
        "sameSite",
        "hostPrefix",
        "browserSameSiteDefault",
        "servers",
        "balancing",
        "storeLayout",
    ];
    let fields = Fields::of(value, "settings", &allowed)?;
    let presets: Vec<(&str, &str)> = PRESETS.iter().map(|p| (p.key, p.key)).collect();
    let preset_key = fields.choice("preset", &presets)?.unwrap_or("generic");
    let chosen = preset(preset_key).unwrap_or(&PRESETS[0]);
    let seed = fields.integer("seed", 0, u64::from(u32::MAX))?;
    let ids = match fields.choice("ids", &[("csprng", 0), ("seeded", 1), ("sequential", 2)])? {
        Some(1) => IdSourceSetting::Seeded { seed: seed.unwrap_or(1) },
        Some(2) => IdSourceSetting::Sequential,
        // A seed alone means a seeded source.
        _ if seed.is_some() && fields.get("ids").is_none() => IdSourceSetting::Seeded { seed: seed.unwrap_or(1) },
        _ => IdSourceSetting::Csprng,
    };
    if seed.is_some() && !matches!(ids, IdSourceSetting::Seeded { .. }) {
        return Err(error("settings.seed", "a seed only makes sense with \"ids\": \"seeded\""));
    }
    let mut settings = Settings::of(chosen, ids);
    if let Some(rotate) = fields.bool("rotateOnLogin")? {
        settings.rotate_on_login = rotate;
    }
    let logouts = [
        ("deleteAndExpire", LogoutMode::DeleteAndExpire),
        ("clientOnly", LogoutMode::ClientOnly),
        ("serverOnly", LogoutMode::ServerOnly),
    ];
    if let Some(logout) = fields.choice("logout", &logouts)? {
        settings.logout = logout;
    }
    if let Some(cleanup) = fields
        .choice("cleanup", &[("onRead", Cleanup::OnRead), ("sweeper", Cleanup::Sweeper), ("never", Cleanup::Never)])?
    {
        settings.cleanup = cleanup;
    }
    if let Some(idle) = fields.timeout("idleTimeout")? {
        settings.idle_timeout = idle;
    }
    if let Some(absolute) = fields.timeout("absoluteTimeout")? {
        settings.absolute_timeout = absolute;
    }
    if let Some(strict) = fields.bool("strictAdoption")? {
        settings.strict_adoption = strict;
    }
    if let Some(on) = fields.bool("httpOnly")? {
        settings.http_only = on;
    }
    if let Some(on) = fields.bool("secure")? {
        settings.secure = on;
    }
    if let Some(on) = fields.bool("hostPrefix")? {
        settings.host_prefix = on;
    }
    // Browsers accept a __Host- cookie only if it is Secure.
    if settings.host_prefix && !settings.secure {
        return Err(error("settings.hostPrefix", "a __Host- cookie must be Secure: also set \"secure\": true"));
    }
    match fields.get("sameSite") {
        None => {}
        Some(Value::Null) => settings.same_site = None,
        Some(_) => {
            let options = [
                ("strict", crate::cookie::SameSite::Strict),
                ("lax", crate::cookie::SameSite::Lax),
                ("none", crate::cookie::SameSite::None),
            ];
            settings.same_site = fields.choice("sameSite", &options)?;
        }
    }
    let defaults = [("lax", crate::jar::SameSiteDefault::Lax), ("none", crate::jar::SameSiteDefault::None)];
    if let Some(default) = fields.choice("browserSameSiteDefault", &defaults)? {
        settings.browser_same_site_default = default;
    }
    if let Some(servers) = fields.integer("servers", 1, u64::from(MAX_SERVERS))? {
        settings.servers = servers as u8;
    }
    let policies: Vec<(&str, Balancing)> = Balancing::ALL.iter().map(|b| (b.key(), *b)).collect();
    if let Some(balancing) = fields.choice("balancing", &policies)? {
        settings.balancing = balancing;
    }
    let layouts: Vec<(&str, StoreLayout)> = StoreLayout::ALL.iter().map(|l| (l.key(), *l)).collect();
    if let Some(layout) = fields.choice("storeLayout", &layouts)? {
        settings.store_layout = layout;
    }
    Ok(settings)
}

/// A request path: starts with "/", no whitespace or control characters.
fn request_path(f: &Fields, default: &str) -> Result<String, ScenarioError> {
    let path = f.string("path")?.unwrap_or_else(|| default.to_owned());
    if !path.starts_with('/') || path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(error(&f.path("path"), format!("expected a path such as /profile; found {}", quoted(&path))));
    }
    Ok(path)
}

/// A session ID as a cookie value may carry it: printable ASCII without
/// spaces, quotes, commas, semicolons or backslashes.
fn ticket_id(f: &Fields, key: &str, required: bool) -> Result<Option<SessionId>, ScenarioError> {
    let Some(id) = f.string(key)? else {
        return if required { Err(error(&f.path(key), "missing; expected a session ID")) } else { Ok(None) };
    };
    let ok = !id.is_empty() && id.len() <= 256 && id.chars().all(|c| c.is_ascii_graphic() && !"\",;\\".contains(c));
    if !ok {
        return Err(error(
            &f.path(key),
            format!("expected a session ID of cookie-value characters; found {}", quoted(&id)),
        ));
    }
    Ok(Some(SessionId::from_untrusted(&id)))
}

fn parse_step(value: &Value, path: &str) -> Result<ScenarioStep, ScenarioError> {
    let names: Vec<&str> = ACTIONS.iter().map(|(name, _)| *name).collect();
    let object =
        value.as_object().ok_or_else(|| error(path, format!("expected a step object; found {}", found(value))))?;
    let action_value = object
        .get("action")
        .ok_or_else(|| error(&join(path, "action"), format!("missing; expected one of {}", names.join(", "))))?;
    let Some((name, extra)) = action_value.as_str().and_then(|s| ACTIONS.iter().find(|(n, _)| *n == s)) else {
        return Err(error(
            &join(path, "action"),
            format!("expected one of {}; found {}", names.join(", "), found(action_value)),
        ));
    };
    let mut allowed = vec!["action", "say", "ask", "choices"];
    allowed.extend(extra.iter());
    let f = Fields::of(value, path, &allowed)?;
    let action = match *name {
        "login" => Action::Login {
            browser: f.browser("browser")?,
            username: f.required_string("username")?,
            password: f.required_string("password")?,
        },
        "visit" => {
            let path_value = f.string("path")?.unwrap_or_else(|| "/profile".to_owned());
            if !path_value.starts_with('/') || path_value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(error(
                    &f.path("path"),
                    format!("expected a path such as /profile; found {}", quoted(&path_value)),
                ));
            }
            Action::Visit { browser: f.browser("browser")?, path: path_value }
        }
        "logout" => Action::Logout { browser: f.browser("browser")? },
        "logoutEverywhere" => Action::LogoutEverywhere { browser: f.browser("browser")? },
        "changePassword" => {
            Action::ChangePassword { browser: f.browser("browser")?, password: f.required_string("password")? }
        }
        // An ID is checked as a ticket is: nothing a cookie could not carry
        // (no CR or LF) reaches the administrator's request.
        "revoke" => Action::Revoke { id: ticket_id(&f, "id", false)? },
        "revokeUser" => Action::RevokeUser { user: f.required_string("user")? },
        "copyCookie" => {
            let (from, to) = (f.browser("from")?, f.browser("to")?);
            if f.get("from").is_none() || f.get("to").is_none() {
                return Err(error(path, "copyCookie needs both \"from\" and \"to\" browsers"));
            }
            if from == to {
                return Err(error(&f.path("to"), format!("expected a browser other than \"{from}\"")));
            }
            Action::CopyCookie { from, to }
        }
        "closeBrowser" => Action::CloseBrowser { browser: f.browser("browser")? },
        "plantTicket" => Action::PlantTicket { browser: f.browser("browser")?, id: ticket_id(&f, "id", false)? },
        "guessTicket" => Action::GuessTicket {
            browser: f.browser("browser")?,
            id: ticket_id(&f, "id", true)?.expect("a required ID is present"),
        },
        "scriptTheft" => Action::ScriptTheft { browser: f.browser("browser")? },
        "crossSiteForm" => {
            let path_value = request_path(&f, "/password")?;
            let fields = match f.get("fields") {
                None => Vec::new(),
                Some(Value::Object(map)) => map
                    .iter()
                    .map(|(k, v)| match v {
                        Value::String(s) => Ok((k.clone(), s.clone())),
                        other => Err(error(
                            &join(&f.path("fields"), k),
                            format!("expected a string; found {}", found(other)),
                        )),
                    })
                    .collect::<Result<_, _>>()?,
                Some(other) => {
                    return Err(error(
                        &f.path("fields"),
                        format!("expected an object of form fields; found {}", found(other)),
                    ))
                }
            };
            Action::CrossSiteForm { browser: f.browser("browser")?, path: path_value, fields }
        }
        "visitOverHttp" => {
            Action::VisitOverHttp { browser: f.browser("browser")?, path: request_path(&f, "/profile")? }
        }
        "startOverWith" => Action::StartOverWith {
            defence: f
                .choice("defence", &DEFENCE_KEYS)?
                .ok_or_else(|| error(&f.path("defence"), "missing; expected a defence such as rotation"))?,
        },
        "wait" => Action::Wait {
            secs: f
                .integer("seconds", 1, MAX_WAIT_SECS)?
                .ok_or_else(|| error(&f.path("seconds"), "missing; expected a whole number of seconds"))?,
        },
        "stopServer" | "startServer" => {
            let server = f
                .integer("server", 1, u64::from(MAX_SERVERS))?
                .ok_or_else(|| error(&f.path("server"), "missing; expected a server number such as 2"))?
                as u8;
            if *name == "stopServer" {
                Action::StopServer { server }
            } else {
                Action::StartServer { server }
            }
        }
        "stopStore" => Action::StopStore,
        "startStore" => Action::StartStore,
        _ => Action::RestartServer,
    };
    let ask = f.string("ask")?;
    let choices = parse_choices(&f, ask.is_some())?;
    Ok(ScenarioStep { say: f.string("say")?, ask, choices, action })
}

fn parse_choices(f: &Fields, has_question: bool) -> Result<Vec<Choice>, ScenarioError> {
    let Some(value) = f.get("choices") else { return Ok(Vec::new()) };
    let path = f.path("choices");
    if !has_question {
        return Err(error(&path, "choices need a question: add \"ask\""));
    }
    let list = value
        .as_array()
        .filter(|l| l.len() >= 2)
        .ok_or_else(|| error(&path, format!("expected an array of at least two choices; found {}", found(value))))?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let c = Fields::of(v, &format!("{path}[{i}]"), &["label", "status", "page"])?;
            Ok(Choice {
                label: c.required_string("label")?,
                status: c
                    .integer("status", 100, 599)?
                    .ok_or_else(|| error(&c.path("status"), "missing; expected an HTTP status such as 200 or 401"))?
                    as u16,
                page: c.string("page")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Scenario::from_json(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_field_and_what_was_expected() {
        assert_eq!(
            err("{"),
            "the scenario is not valid JSON (line 1, column 1): EOF while parsing an object at line 1 column 1"
        );
        assert_eq!(err("[]"), "expected an object; found an array");
        assert_eq!(err(r#"{"steps": []}"#), "title: missing; expected a string");
        assert_eq!(err(r#"{"title": "t"}"#), "steps: missing; expected an array of steps");
        assert_eq!(err(r#"{"title": "t", "steps": []}"#), "steps: expected at least one step; found an empty array");
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "lgoin"}]}"#),
            "steps[0].action: expected one of login, visit, logout, logoutEverywhere, changePassword, revoke, \
             revokeUser, copyCookie, closeBrowser, wait, restartServer, plantTicket, guessTicket, scriptTheft, \
             crossSiteForm, visitOverHttp, startOverWith, stopServer, startServer, stopStore, startStore; found \"lgoin\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "visit", "browser": "toaster"}]}"#),
            "steps[0].browser: expected one of laptop, phone, mallory; found \"toaster\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "login", "username": "alice", "pasword": "x"}]}"#),
            "steps[0].pasword: unknown field; expected one of action, say, ask, choices, browser, username, password"
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "visit", "choices": [{"label": "a", "status": 200}]}]}"#),
            "steps[0].choices: choices need a question: add \"ask\""
        );
        assert_eq!(
            err(
                r#"{"title": "t", "steps": [{"action": "visit", "ask": "?", "choices": [{"label": "a", "status": 200}, {"label": "b"}]}]}"#
            ),
            "steps[0].choices[1].status: missing; expected an HTTP status such as 200 or 401"
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "wait", "seconds": -5}]}"#),
            "steps[0].seconds: expected a whole number from 1 to 316224000; found -5"
        );
        assert_eq!(
            err(r#"{"title": "t", "settings": {"preset": "rails"}, "steps": [{"action": "restartServer"}]}"#),
            "settings.preset: expected one of generic, express, tower, django, spring, php, owasp; found \"rails\""
        );
        assert_eq!(
            err(r#"{"title": "t", "settings": {"idleTimeout": "1h"}, "steps": [{"action": "restartServer"}]}"#),
            "settings.idleTimeout: expected a whole number from 1 to 316224000; found \"1h\""
        );
    }

    #[test]
    fn settings_start_from_the_preset_and_take_overrides() {
        let s = Scenario::from_json(
            r#"{"title": "t", "settings": {"preset": "django", "seed": 3, "rotateOnLogin": false,
                "idleTimeout": 60, "absoluteTimeout": null}, "steps": [{"action": "restartServer"}]}"#,
        )
        .unwrap();
        assert_eq!(s.settings.preset, "django");
        assert_eq!(s.settings.ids, IdSourceSetting::Seeded { seed: 3 });
        assert!(!s.settings.rotate_on_login);
        assert_eq!((s.settings.idle_timeout, s.settings.absolute_timeout), (Some(60), None));
        assert_eq!(s.settings.logout, LogoutMode::DeleteAndExpire);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let s =
            Scenario::from_json("\u{feff}{\"title\": \"t\", \"steps\": [{\"action\": \"restartServer\"}]}").unwrap();
        assert_eq!(s.title, "t");
    }

    #[test]
    fn quoted_input_never_carries_a_raw_control_character() {
        assert_eq!(
            err("{\"title\": \"t\", \"steps\": [{\"action\": \"vi\\u001b[2Jsit\\r\"}]}"),
            "steps[0].action: expected one of login, visit, logout, logoutEverywhere, changePassword, revoke, \
             revokeUser, copyCookie, closeBrowser, wait, restartServer, plantTicket, guessTicket, scriptTheft, \
             crossSiteForm, visitOverHttp, startOverWith, stopServer, startServer, stopStore, startStore; found \
             \"vi\\u001b[2Jsit\\r\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "visit", "path": "/a\nSet-Cookie: x=1"}]}"#),
            "steps[0].path: expected a path such as /profile; found \"/a\\nSet-Cookie: x=1\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "wait", "seconds": 1, "x\u0007": 1}]}"#),
            "steps[0].x\\u0007: unknown field; expected one of action, say, ask, choices, seconds"
        );
        // A long value is cut at 40 characters, inside its quotes.
        let long = format!(r#"{{"title": "t", "steps": [{{"action": "{}\r"}}]}}"#, "a".repeat(45));
        assert!(err(&long).ends_with(&format!("found \"{}…\"", "a".repeat(40))));
    }

    #[test]
    fn a_scenarios_waits_must_fit_on_the_clock() {
        let waits = |n: usize| {
            let step = r#"{"action": "wait", "seconds": 316224000}"#;
            format!(r#"{{"title": "t", "steps": [{}]}}"#, vec![step; n].join(", "))
        };
        // Ten waits of ten years (of 366 days) fit within a hundred years; the eleventh does not.
        assert!(Scenario::from_json(&waits(9)).is_ok());
        assert_eq!(
            err(&waits(10)),
            "steps[9].seconds: the waits up to this step add up to 36600 days, past the clock's limit of a hundred \
             years (36524 days) after the start"
        );
        // Starting over sets the clock back.
        let restart = r#"{"action": "startOverWith", "defence": "rotation"}"#;
        let text = waits(9).replace(r#"{"action": "wait""#, &format!(r#"{restart}, {{"action": "wait""#));
        assert!(Scenario::from_json(&text).is_ok());
    }
}
