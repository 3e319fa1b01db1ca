//! Scenarios: a JSON script of settings and actions, with narration.
//!
//! One format serves the built-in tours, the tests, the transcript tool and
//! tutorial authors (docs/scenario-format.md documents it, and
//! docs/scenario.schema.json gives its JSON Schema). Parsing checks every
//! field and reports the first problem with its path and what was expected,
//! e.g. `steps[2].action: expected one of login, visit, …; found "lgoin"`.
//! It never panics, whatever the input.
//!
//! A scenario may start from a prepared state: its `given` actions run
//! silently on the fresh world before the first step ("Alice is already
//! logged in"), and again whenever a step starts everything over with a
//! defence, so the tour carries on from the same place.
//!
//! Why one file of this length: the code is some 420 lines (the scenario,
//! its steps, questions and verdicts, and playing them); the unit tests of the
//! format, error by error, are the rest. Reading the JSON is `parse.rs`.

mod parse;
mod token_settings;
pub mod tours;
#[cfg(not(target_arch = "wasm32"))]
pub mod transcript;

use crate::text::message::ScenarioProblem as P;
use crate::text::message::{Evidence, VerdictReason};
use crate::text::say;
pub use parse::{
    action_from_json, action_from_value, settings_from_json, settings_from_value, ACTIONS, SETTINGS_FIELDS,
};
use parse::{error, found, join, parse_given, parse_settings, parse_step, Fields};

use crate::base::json::Value;
use crate::library::preset::Settings;
use crate::library::topology::StoreLayout;
use crate::session::store::Expiry;
use crate::sim::world::{Action, NoSessionHeld, World, WorldError};
use crate::trace::{Snapshot, StepKind, Trace};
use std::fmt;

use crate::base::clock::MAX_ELAPSED_SECS;

/// A parsed, checked scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Its title.
    pub title: String,
    /// A sentence or two on what it shows.
    pub summary: String,
    /// The settings the world starts with.
    pub settings: Settings,
    /// Actions run silently on the fresh world before the first step: the
    /// prepared start the tour begins from.
    pub given: Vec<Action>,
    /// The steps, in order.
    pub steps: Vec<ScenarioStep>,
    /// Whether the scenario asks to be shown forked (`"fork": "tokens"`):
    /// beside its own timeline, the same actions against a token server.
    pub fork: bool,
}

/// A scenario as the page reads it: title, summary, settings, and `fork` when it asks for one.
impl crate::base::json::ToJson for Scenario {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::base::json::Object::open(out);
        object.field("title", &self.title).field("summary", &self.summary).field("settings", &self.settings);
        if self.fork {
            object.field("fork", &true);
        }
        object.close();
    }
}

/// One step of a scenario: an action and, optionally, what to say first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioStep {
    /// A short name for the moment the step shows, e.g. "The ticket names nothing".
    pub title: Option<String>,
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What the reader sees, e.g. "Yes, logged in".
    pub label: String,
    /// The status of the last response the answer predicts.
    pub status: u16,
    /// Text the answer predicts on the page shown last, if any.
    pub page: Option<String>,
}

crate::base::json::json_fields!([] Choice { "label": label, "status": status, "page": page });

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

/// The answer to a step's question, where it was decided and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Which choice the outcome bore out.
    pub correct_choice: usize,
    /// That choice's label.
    pub answer: String,
    /// The step of the trace (an index into its steps) that decided the
    /// outcome: where the server settled on its answer. The page shows the
    /// verdict from the moment holding this step on.
    pub decided_at: usize,
    /// Why, in a sentence: what the server found, and what it answered.
    pub reason: String,
}

crate::base::json::json_fields!([] Verdict {
    "correctChoice": correct_choice, "answer": answer, "decidedAt": decided_at, "reason": reason
});

/// Judges a question: which answer the trace bears out, at which step, and why.
/// `None` when no choice matches (a broken question) or there are none.
pub fn verdict(choices: &[Choice], trace: &Trace) -> Option<Verdict> {
    let correct = correct_choice(choices, trace)?;
    // The final response is the one the answers are about. The server settles
    // on it at the last response it builds (or, with no server running, where
    // the load balancer finds none); without either, at the response itself.
    let decided_at = trace
        .steps
        .iter()
        .rposition(|s| {
            // A refused refresh token is decided where the server judges it.
            let refused = matches!(s.kind, StepKind::RefreshChecked { verdict, .. } if verdict != crate::library::token::RefreshVerdict::Renewed);
            refused || matches!(s.kind, StepKind::ResponseBuilt | StepKind::Routed { server: None })
        })
        .or_else(|| trace.steps.iter().rposition(|s| s.message.as_ref().is_some_and(|m| m.status.is_some())))?;
    Some(Verdict {
        correct_choice: correct,
        answer: choices[correct].label.clone(),
        decided_at,
        reason: reason(trace, decided_at),
    })
}

/// What decided an outcome, read off the trace: the evidence the server had
/// on the last request (its password check, the ticket it read, what the
/// store said about it), then the status it answered.
fn reason(trace: &Trace, decided_at: usize) -> String {
    use crate::trace::StoreOpKind;
    let status = trace.steps[decided_at..]
        .iter()
        .find_map(|s| s.message.as_ref().and_then(|m| m.status.map(|_| m.start_line.clone())))
        .map(|line| line.trim_start_matches("HTTP/1.1 ").to_owned())
        .unwrap_or_default();
    // The evidence of the last request only: its steps since it was built.
    let start = trace.steps[..=decided_at].iter().rposition(|s| matches!(s.kind, StepKind::RequestBuilt { .. }));
    let request = &trace.steps[start.unwrap_or(0)..=decided_at];
    let mut evidence = None;
    let mut token_judged = false;
    for step in request {
        // A token's verdict is the whole story: a denylist's lookup after it only confirms it.
        token_judged |= matches!(step.kind, StepKind::TokenVerified { .. });
        if token_judged && step.kind == StepKind::StoreOperation {
            continue;
        }
        let found = match (&step.kind, &step.store_op) {
            (StepKind::Routed { server: None }, _) => Some(Evidence::NoServerRunning),
            (StepKind::PasswordChecked { ok }, _) => Some(Evidence::Password(*ok)),
            (StepKind::CookieRead { id: None }, _) => Some(Evidence::NoTicket),
            (StepKind::TokenVerified { verdict, .. }, _) => Some(Evidence::Token(*verdict)),
            (StepKind::RefreshChecked { verdict, .. }, _) => Some(Evidence::Refresh(*verdict)),
            (StepKind::StoreOperation, Some(op)) if op.kind == StoreOpKind::Lookup => {
                // With one store per server, the store is the memory of the server that got the request.
                let own_memory = step.state.cluster.as_ref().filter(|c| c.layout == StoreLayout::PerServer);
                let server = own_memory.and_then(|c| c.active);
                Some(match (&op.user, op.expired) {
                    (Some(user), None) if op.found => Evidence::LiveSession { user, server },
                    (_, Some(Expiry::Idle)) => Evidence::IdleExpired,
                    (_, Some(Expiry::Absolute)) => Evidence::AbsoluteExpired,
                    _ => Evidence::NoRecord { server },
                })
            }
            (StepKind::StoreOperation, Some(op)) if op.kind == StoreOpKind::Failed => Some(Evidence::StoreUnreachable),
            _ => None,
        };
        // A lookup says more than the cookie read before it, and a later
        // lookup (say, after a login's password check) more than an earlier step.
        if found.is_some() {
            evidence = found;
        }
    }
    crate::text::say(VerdictReason::Answered { evidence, status: &status })
}

/// Runs one step of a scenario on its world. When the step starts
/// everything over (with a defence), the world runs the scenario's given
/// actions again itself ([`World::prepare`]), and the step shows the world
/// prepared as at the start.
pub fn run_step(world: &mut World, step: &ScenarioStep) -> Result<Trace, WorldError> {
    world.apply(&step.action)
}

impl ScenarioStep {
    /// This step, run in a world whose server remembers logins by
    /// `mechanism`: its words and question with what `trace` says happened
    /// (which answer it bore out, and the verdict), and its action's label.
    pub fn played(&self, trace: Trace, mechanism: crate::library::token::Mechanism) -> PlayedStep {
        PlayedStep {
            title: self.title.clone(),
            say: self.say.clone(),
            ask: self.ask.clone(),
            choices: self.choices.clone(),
            correct_choice: correct_choice(&self.choices, &trace),
            verdict: verdict(&self.choices, &trace),
            action: self.action.label_under(mechanism),
            trace,
        }
    }
}

/// A step that has run: what was said, what was done, and what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlayedStep {
    /// Narration shown before the action.
    pub say: Option<String>,
    /// The step's title, if any.
    pub title: Option<String>,
    /// The question asked before it, if any.
    pub ask: Option<String>,
    /// The answers offered, if any.
    pub choices: Vec<Choice>,
    /// Which of them the outcome bore out.
    pub correct_choice: Option<usize>,
    /// The answer with where it was decided and why, for a question.
    pub verdict: Option<Verdict>,
    /// The action, as a short label.
    pub action: String,
    /// What happened.
    pub trace: Trace,
}

crate::base::json::json_fields!([] PlayedStep {
    "say": say, "title": title, "ask": ask, "choices": choices, "correctChoice": correct_choice, "verdict": verdict,
    "action": action, "trace": trace
});

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

impl Scenario {
    /// Parses and checks a scenario from JSON text.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        // A UTF-8 byte-order mark, which some editors write at the start of
        // a file, is not JSON (RFC 8259 §8.1 lets a parser ignore it): skip it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value = crate::base::json::parse(text).map_err(|e| {
            let why = say(crate::text::message::InputProblem::JsonSyntax(e.problem));
            error("", say(P::NotJson { line: e.line, column: e.column, why: &why }))
        })?;
        Scenario::from_value(&value)
    }

    /// Checks a scenario already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<Scenario, ScenarioError> {
        let top =
            Fields::of(value, "", &["$schema", "version", "title", "summary", "settings", "given", "steps", "fork"])?;
        if let Some(version) = top.get("version") {
            if version.as_u64() != Some(1) {
                return Err(error("version", say(P::Version { found: &found(version) })));
            }
        }
        let title = top.required_string("title")?;
        let summary = top.string("summary")?.unwrap_or_default();
        let settings = match top.get("settings") {
            Some(value) => parse_settings(value)?,
            None => Settings::default(),
        };
        let steps_value = top.get("steps").ok_or_else(|| error("steps", say(P::MissingSteps)))?;
        let list = steps_value
            .as_array()
            .ok_or_else(|| error("steps", say(P::StepsNotArray { found: &found(steps_value) })))?;
        if list.is_empty() {
            return Err(error("steps", say(P::NoSteps)));
        }
        let steps: Vec<ScenarioStep> =
            list.iter().enumerate().map(|(i, v)| parse_step(v, &format!("steps[{i}]"))).collect::<Result<_, _>>()?;
        let given = parse_given(top.get("given"))?;
        // The clock stops a hundred years after the start (clock.rs): a
        // scenario's waits must fit before that, so playing it never fails.
        // The given start's waits come first, and count.
        let mut elapsed: u64 =
            given.iter().map(|action| if let Action::Wait { secs } = action { *secs } else { 0 }).sum();
        for (i, step) in steps.iter().enumerate() {
            match step.action {
                Action::StartOverWith { .. } => elapsed = 0,
                Action::Wait { secs } => {
                    elapsed += secs;
                    if elapsed > MAX_ELAPSED_SECS {
                        return Err(error(
                            &format!("steps[{i}].seconds"),
                            say(P::WaitsPastLimit { days: elapsed / 86_400, limit_days: MAX_ELAPSED_SECS / 86_400 }),
                        ));
                    }
                }
                _ => {}
            }
        }
        // A server number must name one of the scenario's servers.
        let given_actions = given.iter().enumerate().map(|(i, a)| (format!("given[{i}]"), a));
        let step_actions = steps.iter().enumerate().map(|(i, s)| (format!("steps[{i}]"), &s.action));
        for (path, action) in given_actions.chain(step_actions) {
            // A denylist is a token server's defence: a session server has its records already.
            let denylist = crate::library::defence::Defence::Denylist;
            if matches!(action, Action::StartOverWith { defence } if *defence == denylist)
                && settings.mechanism != crate::library::token::Mechanism::Token
            {
                return Err(error(&format!("{path}.defence"), say(P::DenylistNeedsTokens)));
            }
            if let Action::StopServer { server } | Action::StartServer { server } = *action {
                if !settings.clustered() {
                    return Err(error(&format!("{path}.action"), say(P::StopStartNeedsCluster)));
                }
                if server > settings.servers {
                    return Err(error(
                        &format!("{path}.server"),
                        say(P::ServerOutOfRange { servers: settings.servers, server }),
                    ));
                }
            }
        }
        // A token server has no records to find: its revocation says so itself.
        let sessions = settings.mechanism == crate::library::token::Mechanism::ServerSession;
        if sessions
            && given.iter().chain(steps.iter().map(|s| &s.action)).any(|a| matches!(a, Action::RevokeHeldBy { .. }))
        {
            check_revocations_by_browser(&settings, &given, &steps)?;
        }
        let fork = token_settings::fork_from_json(top.get("fork"))?;
        Ok(Scenario { title, summary, settings, given, steps, fork })
    }

    /// A fresh world with the scenario's settings, its given actions run:
    /// the world as the first step finds it.
    pub fn start(&self) -> World {
        let mut world = World::from_settings(self.settings.clone());
        // Parsing checked every browser key and server number, the only ways an action can fail.
        let _ = world.prepare(&self.given);
        world
    }

    /// Runs the scenario from its start and returns every step with its trace.
    pub fn play(&self) -> Vec<PlayedStep> {
        self.play_with_start().1
    }

    /// Runs the scenario; returns the state its first step starts from (after
    /// the given actions) and every step with its trace.
    pub fn play_with_start(&self) -> (Snapshot, Vec<PlayedStep>) {
        let mut world = self.start();
        let start = world.snapshot();
        let played = self
            .steps
            .iter()
            .map(|step| {
                let trace = run_step(&mut world, step).unwrap_or_default();
                step.played(trace, self.settings.mechanism)
            })
            .collect();
        (start, played)
    }
}

/// Checks that every `revoke` naming a browser finds a session there to end.
/// A scenario always plays the same way (which browser holds a ticket, and
/// whether a record is filed under it, never depends on the IDs drawn), so a
/// dry run on a fresh world knows, at parse time, what each such step will find.
fn check_revocations_by_browser(
    settings: &Settings,
    given: &[Action],
    steps: &[ScenarioStep],
) -> Result<(), ScenarioError> {
    let check = |world: &World, action: &Action, path: String| {
        let Action::RevokeHeldBy { browser } = action else { return Ok(()) };
        let label = crate::text::say(crate::text::message::Label::Browser(browser));
        match world.session_held_by(browser) {
            Ok(_) => Ok(()),
            Err(NoSessionHeld::NoTicket) => {
                Err(error(&join(&path, "browser"), say(P::RevokeNoTicket { browser: &label })))
            }
            Err(NoSessionHeld::NoRecord(_)) => {
                Err(error(&join(&path, "browser"), say(P::RevokeNoRecord { browser: &label })))
            }
        }
    };
    let mut world = World::from_settings(settings.clone());
    for (i, action) in given.iter().enumerate() {
        check(&world, action, format!("given[{i}]"))?;
        // Parsing has checked every browser key and server number, the only ways an action can fail.
        let _ = world.apply(action);
    }
    // After a start-over, the given actions happen again.
    world.remember_prepared(given);
    for (i, step) in steps.iter().enumerate() {
        check(&world, &step.action, format!("steps[{i}]"))?;
        let _ = run_step(&mut world, step);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::IdSourceSetting;
    use crate::library::preset::LogoutMode;

    fn err(text: &str) -> String {
        Scenario::from_json(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_field_and_what_was_expected() {
        assert_eq!(
            err("{"),
            "the scenario is not valid JSON (line 1, column 2): expected a field name in quotes, or }; found the end of the text"
        );
        assert_eq!(
            err("{\"title\": \"a\",\n \"steps\": [1 2]}"),
            "the scenario is not valid JSON (line 2, column 14): expected \",\" or ] after the item; found \"2\""
        );
        assert_eq!(err("[]"), "expected an object; found an array");
        assert_eq!(err(r#"{"steps": []}"#), "title: missing; expected a string");
        assert_eq!(err(r#"{"title": "t"}"#), "steps: missing; expected an array of steps");
        assert_eq!(err(r#"{"title": "t", "steps": []}"#), "steps: expected at least one step; found an empty array");
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "lgoin"}]}"#),
            "steps[0].action: expected one of login, visit, logout, logoutEverywhere, changePassword, revoke, \
             revokeUser, copyCookie, closeBrowser, wait, restartServer, rotateSigningKey, plantTicket, guessTicket, scriptTheft, \
             crossSiteForm, visitOverHttp, startOverWith, stopServer, startServer, stopStore, startStore; found \"lgoin\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "visit", "browser": "toaster"}]}"#),
            "steps[0].browser: expected one of laptop, phone, mallory; found \"toaster\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "login", "username": "alice", "pasword": "x"}]}"#),
            "steps[0].pasword: unknown field; expected one of action, title, say, ask, choices, browser, username, password"
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
        assert_eq!(s.settings.preset.key, "django");
        assert_eq!(s.settings.ids, IdSourceSetting::Seeded { seed: 3 });
        assert!(!s.settings.rotate_on_login);
        assert_eq!((s.settings.idle_timeout, s.settings.absolute_timeout), (Some(60), None));
        assert_eq!(s.settings.logout, LogoutMode::DeleteAndExpire);
    }

    const ALICE_LOGGED_IN: &str =
        r#""given": [{"action": "login", "browser": "laptop", "username": "alice", "password": "wonderland"}]"#;

    #[test]
    fn a_given_start_is_checked_with_paths_like_the_steps() {
        let with_given =
            |given: &str| err(&format!(r#"{{"title": "t", "given": {given}, "steps": [{{"action": "visit"}}]}}"#));
        assert_eq!(with_given("{}"), "given: expected an array of actions; found an object");
        assert_eq!(
            with_given(r#"[{"action": "login", "browser": "toaster", "username": "a", "password": "b"}]"#),
            "given[0].browser: expected one of laptop, phone, mallory; found \"toaster\""
        );
        assert_eq!(
            with_given(r#"[{"action": "revoke"}, {"action": "visit", "say": "Hello"}]"#),
            "given[1].say: a given action runs silently before the first step: it takes no title, say, ask or \
             choices (move it to steps to show it)"
        );
        assert_eq!(
            with_given(r#"[{"action": "startOverWith", "defence": "rotation"}]"#),
            "given[0].action: startOverWith cannot be part of the prepared start; expected an action such as login"
        );
        assert_eq!(
            with_given(r#"[{"action": "stopServer", "server": 1}]"#),
            "given[0].action: expected 2 or more servers, or a shared store, to stop or start a server \
             (settings.servers, settings.storeLayout); with one server, use restartServer"
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "visit", "title": 3}]}"#),
            "steps[0].title: expected a string; found 3"
        );
    }

    #[test]
    fn the_first_step_starts_from_the_given_state() {
        let scenario = Scenario::from_json(&format!(
            r#"{{"title": "t", "settings": {{"seed": 1}}, {ALICE_LOGGED_IN},
                "steps": [{{"title": "Her ticket works", "action": "visit"}}]}}"#
        ))
        .unwrap();
        let (start, played) = scenario.play_with_start();
        assert_eq!(start.store.len(), 1, "the given login filed a record");
        assert_eq!(start.store[0].user, "alice");
        assert_eq!(start.browsers[0].ticket.as_ref(), Some(&start.store[0].id), "and the laptop holds its ticket");
        assert_eq!(played.len(), 1, "the given actions are not steps");
        assert_eq!(played[0].title.as_deref(), Some("Her ticket works"));
        let last = played[0].trace.steps.last().unwrap();
        assert_eq!(last.message.as_ref().and_then(|m| m.status), Some(200));
    }

    #[test]
    fn starting_over_with_a_defence_runs_the_given_actions_again() {
        let scenario = Scenario::from_json(&format!(
            r#"{{"title": "t", "settings": {{"seed": 1}}, {ALICE_LOGGED_IN},
                "steps": [{{"action": "logout"}}, {{"action": "startOverWith", "defence": "httpOnly"}}, {{"action": "visit"}}]}}"#
        ))
        .unwrap();
        let played = scenario.play();
        assert!(played[0].trace.steps.last().unwrap().state.store.is_empty(), "logged out: no record");
        let start_over = &played[1].trace.steps[0];
        assert_eq!(start_over.state.store.len(), 1, "the start-over step shows the prepared start again");
        assert!(start_over
            .narration
            .ends_with("As at the start, this has already happened: Alice's laptop: log in as alice."));
        let last = played[2].trace.steps.last().unwrap();
        assert_eq!(last.message.as_ref().and_then(|m| m.status), Some(200), "Alice is logged in again");
    }

    #[test]
    fn a_verdict_comes_at_the_step_where_the_server_decides_with_its_reason() {
        let scenario = Scenario::from_json(&format!(
            r#"{{"title": "t", "settings": {{"seed": 1}}, {ALICE_LOGGED_IN},
                "steps": [{{"action": "revoke"}}, {{"ask": "Logged in?", "choices": [{{"label": "Yes", "status": 200}},
                {{"label": "No", "status": 401}}], "action": "visit"}}]}}"#
        ))
        .unwrap();
        let played = scenario.play();
        assert_eq!(played[0].verdict, None, "no question, no verdict");
        let verdict = played[1].verdict.as_ref().unwrap();
        assert_eq!((verdict.correct_choice, verdict.answer.as_str()), (1, "No"));
        let decided = &played[1].trace.steps[verdict.decided_at];
        assert_eq!(decided.kind, StepKind::ResponseBuilt, "the server builds its answer there");
        assert!(!decided.starts_moment, "within the server's moment, after the lookup");
        assert_eq!(verdict.reason, "The ticket names no record in the store, so the server answered 401 Unauthorized.");
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
             revokeUser, copyCookie, closeBrowser, wait, restartServer, rotateSigningKey, plantTicket, guessTicket, scriptTheft, \
             crossSiteForm, visitOverHttp, startOverWith, stopServer, startServer, stopStore, startStore; found \
             \"vi\\u001b[2Jsit\\r\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "visit", "path": "/a\nSet-Cookie: x=1"}]}"#),
            "steps[0].path: expected a path such as /profile; found \"/a\\nSet-Cookie: x=1\""
        );
        assert_eq!(
            err(r#"{"title": "t", "steps": [{"action": "wait", "seconds": 1, "x\u0007": 1}]}"#),
            "steps[0].x\\u0007: unknown field; expected one of action, title, say, ask, choices, seconds"
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
