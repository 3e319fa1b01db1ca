//! Reading the scenario format: JSON in, checked settings, actions and steps
//! out, or an error naming the field (`steps[2].browser`) and what was
//! expected. Nothing here plays anything.

use super::{Choice, ScenarioError, ScenarioStep};
use crate::base::clock::MAX_WAIT_SECS;
use crate::base::encoding::{escape_controls, quoted};
use crate::base::ids::IdSourceSetting;
use crate::base::ids::SessionId;
use crate::base::json::{FieldError, Fields as JsonFields, Map, Value};
use crate::library::preset::{Cleanup, LogoutMode, Preset, Settings, PRESETS};
use crate::library::topology::{Balancing, StoreLayout, MAX_SERVERS};
use crate::sim::world::{Action, BROWSERS, LAPTOP};
use crate::text::message::InputProblem;
use crate::text::message::ScenarioProblem as P;
use crate::text::say;

pub(super) fn error(path: &str, message: impl Into<String>) -> ScenarioError {
    ScenarioError { path: path.to_owned(), message: message.into() }
}

/// A short description of a JSON value, for "found …" in messages.
pub(super) fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        // Whole in decimal, any other as the shortest text that reads back the same (`1.5`).
        Value::Number(_) => crate::base::json::to_json(value),
        // Quoted as JSON writes it, control characters escaped: a message
        // must never carry a raw CR, LF or ESC from the input to a terminal.
        Value::String(s) if s.chars().count() > 40 => {
            let head = quoted(&s.chars().take(40).collect::<String>());
            format!("{}…\"", &head[..head.len() - 1])
        }
        Value::String(s) => quoted(s),
        Value::Array(_) => say(P::AnArray),
        Value::Object(_) => say(P::AnObject),
    }
}

/// Reads the fields of one JSON object, checking that no unknown field is present.
pub(super) struct Fields<'a> {
    path: String,
    object: &'a Map,
}

impl<'a> Fields<'a> {
    pub(super) fn of(value: &'a Value, path: &str, allowed: &[&str]) -> Result<Fields<'a>, ScenarioError> {
        let object = value.as_object().ok_or_else(|| error(path, say(P::NotObject { found: &found(value) })))?;
        for key in object.keys() {
            if !allowed.contains(&key.as_str()) {
                let key = escape_controls(key);
                return Err(error(&join(path, &key), say(P::UnknownField { allowed: &allowed.join(", ") })));
            }
        }
        Ok(Fields { path: path.to_owned(), object })
    }

    pub(super) fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    pub(super) fn get(&self, key: &str) -> Option<&'a Value> {
        self.reader().get(key)
    }

    /// The shared reader of these fields.
    fn reader(&self) -> JsonFields<'a> {
        JsonFields::new(self.object)
    }

    /// A field's problem, worded with its path.
    #[inline(never)]
    fn problem(&self, key: &str, problem: FieldError<'_>) -> ScenarioError {
        let message = match problem {
            FieldError::OutOfRange { min, max, found: value } => say(P::WholeNumber { min, max, found: &found(value) }),
            FieldError::NotBool(value) => say(P::NotBool { found: &found(value) }),
            FieldError::NotString(value) | FieldError::UnknownName(value) => say(P::NotString { found: &found(value) }),
        };
        error(&self.path(key), message)
    }

    #[inline(never)]
    pub(super) fn string(&self, key: &str) -> Result<Option<String>, ScenarioError> {
        self.reader().string(key).map(|s| s.map(str::to_owned)).map_err(|p| self.problem(key, p))
    }

    #[inline(never)]
    pub(super) fn required_string(&self, key: &str) -> Result<String, ScenarioError> {
        self.string(key)?.ok_or_else(|| error(&self.path(key), say(P::MissingString)))
    }

    #[inline(never)]
    pub(super) fn bool(&self, key: &str) -> Result<Option<bool>, ScenarioError> {
        self.reader().bool(key).map_err(|p| self.problem(key, p))
    }

    #[inline(never)]
    pub(super) fn integer(&self, key: &str, min: u64, max: u64) -> Result<Option<u64>, ScenarioError> {
        self.reader().whole(key, min, max).map_err(|p| self.problem(key, p))
    }

    /// A timeout: seconds, or `null` for none. `Err` if malformed, `Ok(None)` if absent.
    pub(super) fn timeout(&self, key: &str) -> Result<Option<Option<u64>>, ScenarioError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(_) => Ok(Some(self.integer(key, 1, MAX_WAIT_SECS)?)),
        }
    }

    /// One of `options` by its name. Only the lookup of the value is generic:
    /// the reading and the error are [`Fields::choice_index`], once for every
    /// type a field names, not a copy per type (that, and the readers below
    /// kept out of line rather than inlined at each field, is 2.6 KB less
    /// in the browser's module).
    pub(super) fn choice<T: Copy>(&self, key: &str, options: &[(&str, T)]) -> Result<Option<T>, ScenarioError> {
        let index = self.choice_index(key, options.len(), &|i| options[i].0)?;
        Ok(index.map(|i| options[i].1))
    }

    /// Which of `count` names (the `i`th is `name(i)`) the field holds.
    #[inline(never)]
    fn choice_index<'n>(
        &self,
        key: &str,
        count: usize,
        name: &dyn Fn(usize) -> &'n str,
    ) -> Result<Option<usize>, ScenarioError> {
        self.reader().one_of(key, |s| (0..count).find(|&i| name(i) == s)).map_err(|problem| {
            let FieldError::UnknownName(value) = problem else { return self.problem(key, problem) };
            let names: Vec<&str> = (0..count).map(name).collect();
            error(&self.path(key), say(P::OneOf { names: &names.join(", "), found: &found(value) }))
        })
    }

    #[inline(never)]
    pub(super) fn browser(&self, key: &str) -> Result<String, ScenarioError> {
        let Some(value) = self.get(key) else { return Ok(LAPTOP.to_owned()) };
        let names: Vec<&str> = BROWSERS.to_vec();
        match value.as_str() {
            Some(s) if names.contains(&s) => Ok(s.to_owned()),
            _ => Err(error(&self.path(key), say(P::OneOf { names: &names.join(", "), found: &found(value) }))),
        }
    }
}

pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The actions a step may name, and the fields each takes besides `action`, `say`, `ask` and `choices`.
pub const ACTIONS: [(&str, &[&str]); 22] = [
    ("login", &["browser", "username", "password"]),
    ("visit", &["browser", "path"]),
    ("logout", &["browser"]),
    ("logoutEverywhere", &["browser"]),
    ("changePassword", &["browser", "password"]),
    ("revoke", &["id", "browser"]),
    ("revokeUser", &["user"]),
    ("copyCookie", &["from", "to"]),
    ("closeBrowser", &["browser"]),
    ("wait", &["seconds"]),
    ("restartServer", &[]),
    ("rotateSigningKey", &[]),
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
pub(super) const DEFENCE_KEYS: [(&str, crate::library::defence::Defence); 11] = [
    ("rotation", crate::library::defence::Defence::Rotation),
    ("strictAdoption", crate::library::defence::Defence::StrictAdoption),
    ("randomIds", crate::library::defence::Defence::RandomIds),
    ("httpOnly", crate::library::defence::Defence::HttpOnly),
    ("sameSite", crate::library::defence::Defence::SameSite),
    ("secure", crate::library::defence::Defence::Secure),
    ("hostPrefix", crate::library::defence::Defence::HostPrefix),
    ("timeouts", crate::library::defence::Defence::Timeouts),
    ("revocation", crate::library::defence::Defence::Revocation),
    ("denylist", crate::library::defence::Defence::Denylist),
    ("tokens", crate::library::defence::Defence::Tokens),
];

/// The `given` list: actions in the step shape, without narration or
/// questions (nobody sees them run). Absent means an empty list.
pub(super) fn parse_given(value: Option<&Value>) -> Result<Vec<Action>, ScenarioError> {
    let Some(value) = value else { return Ok(Vec::new()) };
    let list = value.as_array().ok_or_else(|| error("given", say(P::GivenNotArray { found: &found(value) })))?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let path = format!("given[{i}]");
            if let Some(key) = ["title", "say", "ask", "choices"].iter().find(|k| v.get(k).is_some()) {
                return Err(error(&join(&path, key), say(P::GivenShows)));
            }
            let action = parse_step(v, &path)?.action;
            if matches!(action, Action::StartOverWith { .. }) {
                return Err(error(&join(&path, "action"), say(P::GivenStartsOver)));
            }
            Ok(action)
        })
        .collect()
}

/// Parses settings alone, in the scenario format's `settings` shape.
pub fn settings_from_json(text: &str) -> Result<Settings, ScenarioError> {
    let value = crate::base::json::parse(text).map_err(|e| error("settings", say(InputProblem::NotJson(e))))?;
    settings_from_value(&value)
}

/// Checks settings already parsed as JSON (the browser's build parses with
/// the browser's own `JSON.parse`, so it carries no JSON parser of its own).
pub fn settings_from_value(value: &Value) -> Result<Settings, ScenarioError> {
    parse_settings(value)
}

/// Parses one action, in the scenario format's step shape (`say` and `ask` allowed and ignored).
pub fn action_from_json(text: &str) -> Result<Action, ScenarioError> {
    let value = crate::base::json::parse(text).map_err(|e| error("action", say(InputProblem::NotJson(e))))?;
    action_from_value(&value)
}

/// Checks one action already parsed as JSON, as `action_from_json` does.
pub fn action_from_value(value: &Value) -> Result<Action, ScenarioError> {
    Ok(parse_step(value, "action")?.action)
}

/// The fields of a scenario's `settings`, in the order the format guide lists them.
pub const SETTINGS_FIELDS: &[&str] = &[
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
    "mechanism",
    "carry",
    "tokenSecret",
    "tokenLifetime",
    "denylist",
    "refresh",
    "refreshLifetime",
    "tokenVersion",
];

pub(super) fn parse_settings(value: &Value) -> Result<Settings, ScenarioError> {
    let fields = Fields::of(value, "settings", SETTINGS_FIELDS)?;
    let presets: Vec<(&str, &'static Preset)> = PRESETS.iter().map(|p| (p.key, p)).collect();
    // An unknown key is an error above; no key at all means the playground's own preset.
    let chosen = fields.choice("preset", &presets)?.unwrap_or(&PRESETS[0]);
    let seed = fields.integer("seed", 0, u64::from(u32::MAX))?;
    let ids = match fields.choice("ids", &[("csprng", 0), ("seeded", 1), ("sequential", 2)])? {
        Some(1) => IdSourceSetting::Seeded { seed: seed.unwrap_or(1) },
        Some(2) => IdSourceSetting::Sequential,
        // A seed alone means a seeded source.
        _ if seed.is_some() && fields.get("ids").is_none() => IdSourceSetting::Seeded { seed: seed.unwrap_or(1) },
        _ => IdSourceSetting::Csprng,
    };
    if seed.is_some() && !matches!(ids, IdSourceSetting::Seeded { .. }) {
        return Err(error("settings.seed", say(P::SeedWithoutSeeded)));
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
                ("strict", crate::browser::cookie::SameSite::Strict),
                ("lax", crate::browser::cookie::SameSite::Lax),
                ("none", crate::browser::cookie::SameSite::None),
            ];
            settings.same_site = fields.choice("sameSite", &options)?;
        }
    }
    let defaults =
        [("lax", crate::browser::jar::SameSiteDefault::Lax), ("none", crate::browser::jar::SameSiteDefault::None)];
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
    super::token_settings::parse(&fields, &mut settings)?;
    Ok(settings)
}

/// A request path: starts with "/", no whitespace or control characters.
pub(super) fn request_path(f: &Fields, default: &str) -> Result<String, ScenarioError> {
    let path = f.string("path")?.unwrap_or_else(|| default.to_owned());
    if !path.starts_with('/') || path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(error(&f.path("path"), say(P::RequestPath { found: &quoted(&path) })));
    }
    Ok(path)
}

/// A session ID as a cookie value may carry it: printable ASCII without
/// spaces, quotes, commas, semicolons or backslashes.
pub(super) fn ticket_id(f: &Fields, key: &str, required: bool) -> Result<Option<SessionId>, ScenarioError> {
    let Some(id) = f.string(key)? else {
        return if required { Err(error(&f.path(key), say(P::MissingSessionId))) } else { Ok(None) };
    };
    let ok = !id.is_empty() && id.len() <= 256 && id.chars().all(|c| c.is_ascii_graphic() && !"\",;\\".contains(c));
    if !ok {
        return Err(error(&f.path(key), say(P::SessionIdCharacters { found: &quoted(&id) })));
    }
    Ok(Some(SessionId::from_untrusted(&id)))
}

pub(super) fn parse_step(value: &Value, path: &str) -> Result<ScenarioStep, ScenarioError> {
    let names: Vec<&str> = ACTIONS.iter().map(|(name, _)| *name).collect();
    let object = value.as_object().ok_or_else(|| error(path, say(P::StepNotObject { found: &found(value) })))?;
    let action_value = object
        .get("action")
        .ok_or_else(|| error(&join(path, "action"), say(P::MissingOneOf { names: &names.join(", ") })))?;
    let Some((name, extra)) = action_value.as_str().and_then(|s| ACTIONS.iter().find(|(n, _)| *n == s)) else {
        return Err(error(
            &join(path, "action"),
            say(P::OneOf { names: &names.join(", "), found: &found(action_value) }),
        ));
    };
    let mut allowed = vec!["action", "title", "say", "ask", "choices"];
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
                return Err(error(&f.path("path"), say(P::RequestPath { found: &quoted(&path_value) })));
            }
            Action::Visit { browser: f.browser("browser")?, path: path_value }
        }
        "logout" => Action::Logout { browser: f.browser("browser")? },
        "logoutEverywhere" => Action::LogoutEverywhere { browser: f.browser("browser")? },
        "changePassword" => {
            Action::ChangePassword { browser: f.browser("browser")?, password: f.required_string("password")? }
        }
        "revoke" => match (f.get("id"), f.get("browser")) {
            (Some(_), Some(_)) => return Err(error(&f.path("browser"), say(P::RevokeIdAndBrowser))),
            (None, Some(_)) => Action::RevokeHeldBy { browser: f.browser("browser")? },
            // An ID is checked as a ticket is: nothing a cookie could not carry
            // (no CR or LF) reaches the administrator's request.
            _ => Action::Revoke { id: ticket_id(&f, "id", false)? },
        },
        "revokeUser" => Action::RevokeUser { user: f.required_string("user")? },
        "copyCookie" => {
            let (from, to) = (f.browser("from")?, f.browser("to")?);
            if f.get("from").is_none() || f.get("to").is_none() {
                return Err(error(path, say(P::CopyNeedsBoth)));
            }
            if from == to {
                return Err(error(&f.path("to"), say(P::CopyToSelf { from: &from })));
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
                        other => Err(error(&join(&f.path("fields"), k), say(P::NotString { found: &found(other) }))),
                    })
                    .collect::<Result<_, _>>()?,
                Some(other) => return Err(error(&f.path("fields"), say(P::FormFields { found: &found(other) }))),
            };
            Action::CrossSiteForm { browser: f.browser("browser")?, path: path_value, fields }
        }
        "visitOverHttp" => {
            Action::VisitOverHttp { browser: f.browser("browser")?, path: request_path(&f, "/profile")? }
        }
        "startOverWith" => Action::StartOverWith {
            defence: f
                .choice("defence", &DEFENCE_KEYS)?
                .ok_or_else(|| error(&f.path("defence"), say(P::MissingDefence)))?,
        },
        "wait" => Action::Wait {
            secs: f
                .integer("seconds", 1, MAX_WAIT_SECS)?
                .ok_or_else(|| error(&f.path("seconds"), say(P::MissingSeconds)))?,
        },
        "stopServer" | "startServer" => {
            let server = f
                .integer("server", 1, u64::from(MAX_SERVERS))?
                .ok_or_else(|| error(&f.path("server"), say(P::MissingServer)))? as u8;
            if *name == "stopServer" {
                Action::StopServer { server }
            } else {
                Action::StartServer { server }
            }
        }
        "stopStore" => Action::StopStore,
        "startStore" => Action::StartStore,
        "rotateSigningKey" => Action::RotateSigningKey,
        _ => Action::RestartServer,
    };
    let ask = f.string("ask")?;
    let choices = parse_choices(&f, ask.is_some())?;
    Ok(ScenarioStep { title: f.string("title")?, say: f.string("say")?, ask, choices, action })
}

pub(super) fn parse_choices(f: &Fields, has_question: bool) -> Result<Vec<Choice>, ScenarioError> {
    let Some(value) = f.get("choices") else { return Ok(Vec::new()) };
    let path = f.path("choices");
    if !has_question {
        return Err(error(&path, say(P::ChoicesNeedAsk)));
    }
    let list = value
        .as_array()
        .filter(|l| l.len() >= 2)
        .ok_or_else(|| error(&path, say(P::ChoicesArray { found: &found(value) })))?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let c = Fields::of(v, &format!("{path}[{i}]"), &["label", "status", "page"])?;
            Ok(Choice {
                label: c.required_string("label")?,
                status: c.integer("status", 100, 599)?.ok_or_else(|| error(&c.path("status"), say(P::MissingStatus)))?
                    as u16,
                page: c.string("page")?,
            })
        })
        .collect()
}
