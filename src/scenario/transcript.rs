//! Plain-text transcripts of traces.
//!
//! A transcript prints each step as a numbered line naming the actor and the
//! narration, followed by the HTTP message or store command indented beneath
//! it. Tests compare transcripts, and authors can paste them into articles.

use crate::library::token::TokenVerdict;
use crate::text::message::transcript::BriefStep;
use crate::text::message::{Label, TranscriptText};
use crate::text::say;
use crate::trace::{Direction, Snapshot, Step, StepKind, Trace};
use std::fmt::Write;

/// Renders a trace, numbering steps from `first`.
pub fn render(trace: &Trace, first: usize) -> String {
    let mut out = String::new();
    for (i, step) in trace.steps.iter().enumerate() {
        render_step(&mut out, first + i, step);
    }
    out
}

fn render_step(out: &mut String, number: usize, step: &Step) {
    let _ = writeln!(out, "{number:>2}. [{}] {}", step.actor.name(), step.narration);
    // Each message is printed where it is built or received, not while it
    // travels, so the transcript shows every message once per side.
    if let Some(message) = &step.message {
        let arrow = match message.direction {
            Direction::ToServer => ">",
            Direction::ToBrowser => "<",
        };
        let printed = matches!(step.kind, StepKind::RequestBuilt { .. } | StepKind::ResponseReceived { .. });
        if printed {
            for line in message.text.lines() {
                let _ = writeln!(out, "      {arrow} {line}");
            }
        }
    }
    if let Some(op) = &step.store_op {
        for line in op.command.iter() {
            let _ = writeln!(out, "      $ {line}");
        }
    }
}

/// Renders a trace in brief: one line per step with the actor, what
/// happened, and the lines that matter for sessions (the request or status
/// line, `Cookie` and `Set-Cookie`, the store command). Narration is left
/// out, so the brief form only changes when behaviour does.
pub fn render_brief(trace: &Trace) -> String {
    let mut out = String::new();
    for step in &trace.steps {
        let what = match &step.kind {
            StepKind::RequestBuilt { .. } => BriefStep::Request,
            StepKind::RequestSent | StepKind::ResponseSent => continue,
            StepKind::PasswordChecked { ok } => BriefStep::PasswordChecked { ok: *ok },
            StepKind::CookieRead { id } => BriefStep::CookieRead { found: id.is_some() },
            StepKind::ResponseBuilt => BriefStep::Response,
            StepKind::ResponseReceived { .. } => BriefStep::Received,
            StepKind::StoreOperation => BriefStep::Store,
            StepKind::AdminAction => BriefStep::Admin,
            StepKind::ServerRestarted => BriefStep::Restart,
            StepKind::JarTampered => BriefStep::JarTampered,
            StepKind::BrowserClosed => BriefStep::BrowserClosed,
            StepKind::TimePassed { .. } => BriefStep::TimePasses,
            StepKind::CookiesExpired => BriefStep::CookiesExpired,
            StepKind::Eavesdropped { ticket_seen } => BriefStep::Eavesdropped { ticket_seen: *ticket_seen },
            StepKind::Routed { server } => BriefStep::Routed { running: server.is_some() },
            StepKind::AffinitySet { .. } => BriefStep::AffinityCookie,
            StepKind::TokenSigned { .. } => BriefStep::TokenSigned,
            StepKind::TokenVerified { verdict, .. } => BriefStep::TokenChecked {
                present: *verdict != TokenVerdict::Missing,
                accepted: *verdict == TokenVerdict::Accepted,
            },
            StepKind::RefreshChecked { verdict, .. } => {
                BriefStep::RefreshChecked { renewed: *verdict == crate::library::token::RefreshVerdict::Renewed }
            }
        };
        let what = say(TranscriptText::Brief(what));
        let _ = write!(out, "{:<7} {what}", step.actor.name());
        if let StepKind::Routed { server: Some(server) } | StepKind::AffinitySet { server } = &step.kind {
            let _ = write!(out, ": {server}");
        }
        if let (Some(message), StepKind::RequestBuilt { .. } | StepKind::ResponseReceived { .. }) =
            (&step.message, &step.kind)
        {
            let _ = write!(out, ": {}", message.start_line);
            for header in
                message.headers.iter().filter(|h| ["Cookie", "Set-Cookie", "Authorization"].contains(&h.name.as_str()))
            {
                let _ = write!(out, " | {}: {}", header.name, header.value);
            }
        }
        if let Some(op) = &step.store_op {
            let _ = write!(out, ": {}", op.command.iter().collect::<Vec<_>>().join(" ; "));
        }
        out.push('\n');
    }
    out
}

/// Renders a played scenario: a heading, the settings, how many presses of
/// Next it takes, the prepared start (its given actions, then the jars and
/// the store as the first step finds them), then each step's title,
/// narration, question, verdict and transcript, numbered through.
pub fn render_scenario(
    scenario: &crate::scenario::Scenario,
    start: &Snapshot,
    played: &[crate::scenario::PlayedStep],
) -> String {
    let mut out = format!("# {}\n", scenario.title);
    if !scenario.summary.is_empty() {
        let _ = writeln!(out, "{}", scenario.summary);
    }
    let _ =
        writeln!(out, "{}", say(TranscriptText::SettingsHeading { settings: &describe_settings(&scenario.settings) }));
    let presses: usize = played.iter().map(|step| step.trace.moments()).sum();
    let _ = writeln!(out, "{}", say(TranscriptText::Presses { presses }));
    if !scenario.given.is_empty() {
        let _ = writeln!(out, "{}", say(TranscriptText::GivenHeading));
        for action in &scenario.given {
            let _ = writeln!(out, "- {}", action.label_under(scenario.settings.mechanism));
        }
        out.push_str(&describe_state(start));
    }
    let mut number = 1;
    for (i, step) in played.iter().enumerate() {
        match &step.title {
            Some(title) => {
                let _ = writeln!(out, "\n## {}. {title} ({})", i + 1, step.action);
            }
            None => {
                let _ = writeln!(out, "\n## {}. {}", i + 1, step.action);
            }
        }
        if let Some(say) = &step.say {
            let _ = writeln!(out, "» {say}");
        }
        if let Some(ask) = &step.ask {
            let _ = writeln!(out, "? {ask}");
        }
        for (i, choice) in step.choices.iter().enumerate() {
            let right = step.correct_choice == Some(i);
            let _ = writeln!(out, "{}", say(TranscriptText::Choice { label: &choice.label, right }));
        }
        out.push_str(&render(&step.trace, number));
        if let Some(verdict) = &step.verdict {
            let at = number + verdict.decided_at;
            let (answer, reason) = (&verdict.answer, &verdict.reason);
            let _ = writeln!(out, "{}", say(TranscriptText::Verdict { at, answer, reason }));
        }
        number += step.trace.steps.len();
        if let Some(cluster) = step.trace.steps.last().and_then(|s| s.state.cluster.as_ref()) {
            let (action, total) = (say(Label::Cost(&cluster.action)), say(Label::Cost(&cluster.total)));
            let _ = writeln!(out, "{}", say(TranscriptText::Cost { action: &action, total: &total }));
        }
    }
    out
}

/// The state in brief: each jar that holds cookies, then the store's records.
pub fn describe_state(state: &Snapshot) -> String {
    let mut out = String::new();
    for browser in state.browsers.iter().filter(|b| !b.jar.is_empty()) {
        let cookies: Vec<String> = browser.jar.iter().map(|c| format!("{}={}", c.name, c.value)).collect();
        let _ = writeln!(out, "{}", say(TranscriptText::Jar { browser: &browser.label, cookies: &cookies.join("; ") }));
    }
    if state.store.is_empty() {
        let _ = writeln!(out, "{}", say(TranscriptText::StoreEmpty));
    }
    for record in state.store.iter() {
        let _ =
            writeln!(out, "{}", say(TranscriptText::StoreRecord { id: &record.id.to_string(), user: &record.user }));
    }
    let _ = writeln!(out, "{}", say(TranscriptText::Clock { now: &state.now.to_string() }));
    out
}

/// The settings in one line, e.g. `preset generic, IDs seeded (1), rotation on, …`.
pub fn describe_settings(settings: &crate::library::preset::Settings) -> String {
    say(TranscriptText::SettingsLine(settings))
}
