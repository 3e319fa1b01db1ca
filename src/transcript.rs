//! Plain-text transcripts of traces.
//!
//! A transcript prints each step as a numbered line naming the actor and the
//! narration, followed by the HTTP message or store command indented beneath
//! it. Tests compare transcripts, and authors can paste them into articles.

use crate::trace::{Direction, Step, StepKind, Trace};
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
    let _ = writeln!(
        out,
        "{number:>2}. [{}] {}",
        step.actor.name(),
        step.narration
    );
    // Each message is printed where it is built or received, not while it
    // travels, so the transcript shows every message once per side.
    if let Some(message) = &step.message {
        let arrow = match message.direction {
            Direction::ToServer => ">",
            Direction::ToBrowser => "<",
        };
        let printed = matches!(
            step.kind,
            StepKind::RequestBuilt | StepKind::ResponseReceived { .. }
        );
        if printed {
            for line in message.text.lines() {
                let _ = writeln!(out, "      {arrow} {line}");
            }
        }
    }
    if let Some(op) = &step.store_op {
        let _ = writeln!(out, "      $ {}", op.command);
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
            StepKind::RequestBuilt => "request",
            StepKind::RequestSent | StepKind::ResponseSent => continue,
            StepKind::PasswordChecked { ok: true } => "password ok",
            StepKind::PasswordChecked { ok: false } => "password wrong",
            StepKind::CookieRead { id: Some(_) } => "cookie read",
            StepKind::CookieRead { id: None } => "no cookie",
            StepKind::ResponseBuilt => "response",
            StepKind::ResponseReceived { .. } => "received",
            StepKind::StoreOperation => "store",
            StepKind::AdminAction => "admin",
        };
        let _ = write!(out, "{:<7} {what}", step.actor.name());
        if let (Some(message), StepKind::RequestBuilt | StepKind::ResponseReceived { .. }) =
            (&step.message, &step.kind)
        {
            let _ = write!(out, ": {}", message.start_line);
            for header in message
                .headers
                .iter()
                .filter(|h| h.name == "Cookie" || h.name == "Set-Cookie")
            {
                let _ = write!(out, " | {}: {}", header.name, header.value);
            }
        }
        if let Some(op) = &step.store_op {
            let _ = write!(out, ": {}", op.command);
        }
        out.push('\n');
    }
    out
}
