//! Plain-text transcripts of traces.
//!
//! A transcript prints each step as a numbered line naming the actor and the
//! narration, followed by the HTTP message or store command indented beneath
//! it. Tests compare transcripts, and authors can paste them into articles.

use crate::library::token::{Carry, Mechanism, TokenVerdict};
use crate::text::message::Label;
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
            StepKind::RequestBuilt { .. } => "request",
            StepKind::RequestSent | StepKind::ResponseSent => continue,
            StepKind::PasswordChecked { ok: true } => "password ok",
            StepKind::PasswordChecked { ok: false } => "password wrong",
            StepKind::CookieRead { id: Some(_) } => "cookie read",
            StepKind::CookieRead { id: None } => "no cookie",
            StepKind::ResponseBuilt => "response",
            StepKind::ResponseReceived { .. } => "received",
            StepKind::StoreOperation => "store",
            StepKind::AdminAction => "admin",
            StepKind::ServerRestarted => "restart",
            StepKind::JarTampered => "jar tampered",
            StepKind::BrowserClosed => "browser closed",
            StepKind::TimePassed { .. } => "time passes",
            StepKind::CookiesExpired => "cookies expired",
            StepKind::Eavesdropped { ticket_seen: true } => "eavesdropper copies the ticket",
            StepKind::Eavesdropped { ticket_seen: false } => "eavesdropper sees no ticket",
            StepKind::Routed { server: Some(_) } => "routed",
            StepKind::Routed { server: None } => "no server running",
            StepKind::AffinitySet { .. } => "affinity cookie",
            StepKind::TokenSigned { .. } => "token signed",
            StepKind::TokenVerified { verdict: TokenVerdict::Accepted, .. } => "token verified",
            StepKind::TokenVerified { verdict: TokenVerdict::Missing, .. } => "no token",
            StepKind::TokenVerified { .. } => "token refused",
            StepKind::RefreshChecked { verdict: crate::library::token::RefreshVerdict::Renewed, .. } => {
                "refresh token accepted"
            }
            StepKind::RefreshChecked { .. } => "refresh token refused",
        };
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
    let _ = writeln!(out, "Settings: {}", describe_settings(&scenario.settings));
    let presses: usize = played.iter().map(|step| step.trace.moments()).sum();
    let _ = writeln!(out, "Presses: {presses} (one per moment)");
    if !scenario.given.is_empty() {
        let _ = writeln!(out, "\n## Given (run before the first step, unseen)");
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
            let mark = if step.correct_choice == Some(i) { "right" } else { "wrong" };
            let _ = writeln!(out, "  - {} ({mark})", choice.label);
        }
        out.push_str(&render(&step.trace, number));
        if let Some(verdict) = &step.verdict {
            let at = number + verdict.decided_at;
            let _ = writeln!(out, "   = verdict at {at}: \u{201c}{}\u{201d}. {}", verdict.answer, verdict.reason);
        }
        number += step.trace.steps.len();
        if let Some(cluster) = step.trace.steps.last().and_then(|s| s.state.cluster.as_ref()) {
            let _ = writeln!(
                out,
                "   = cost: {} (in all: {})",
                say(Label::Cost(&cluster.action)),
                say(Label::Cost(&cluster.total))
            );
        }
    }
    out
}

/// The state in brief: each jar that holds cookies, then the store's records.
pub fn describe_state(state: &Snapshot) -> String {
    let mut out = String::new();
    for browser in state.browsers.iter().filter(|b| !b.jar.is_empty()) {
        let cookies: Vec<String> = browser.jar.iter().map(|c| format!("{}={}", c.name, c.value)).collect();
        let _ = writeln!(out, "  jar of {}: {}", browser.label, cookies.join("; "));
    }
    if state.store.is_empty() {
        let _ = writeln!(out, "  store: empty");
    }
    for record in state.store.iter() {
        let _ = writeln!(out, "  store: {} \u{2192} {}", record.id, record.user);
    }
    let _ = writeln!(out, "  clock: {}", state.now);
    out
}

/// The settings in one line, e.g. `preset generic, IDs seeded (1), rotation on, …`.
pub fn describe_settings(settings: &crate::library::preset::Settings) -> String {
    use crate::base::ids::IdSourceSetting;
    use crate::library::preset::{Cleanup, LogoutMode};
    use crate::text::human_duration;
    let ids = match settings.ids {
        IdSourceSetting::Csprng => "CSPRNG".to_owned(),
        IdSourceSetting::Seeded { seed } => format!("seeded ({seed})"),
        IdSourceSetting::Sequential => "sequential".to_owned(),
    };
    let timeout = |t: Option<u64>| t.map(human_duration).unwrap_or_else(|| "none".to_owned());
    // A token server has none of a session's settings (rotation, logout
    // modes, cleanup, timeouts): its terms are the token's.
    let mut line = if settings.mechanism == Mechanism::Token {
        format!(
            "preset {} ({}), IDs {ids}, signed tokens (HS256 JWT, exp {} after login) {}, {}",
            settings.preset.key,
            crate::text::say(crate::text::message::PresetText::Label(settings.preset().library)),
            human_duration(settings.token_lifetime),
            match (settings.carry, settings.http_only) {
                (Carry::Cookie, true) => "in an HttpOnly cookie",
                (Carry::Cookie, false) => "in a cookie scripts can read",
                (Carry::Bearer, _) => "in localStorage, sent as Authorization: Bearer",
            },
            if settings.denylist { "a denylist of revoked jti in the store" } else { "no denylist" }
        )
    } else {
        format!(
        "preset {} ({}: {}), IDs {ids}, rotation at login {}, logout {}, cleanup {}, idle timeout {}, absolute timeout {}",
        settings.preset.key,
        crate::text::say(crate::text::message::PresetText::Label(settings.preset().library)),
        crate::text::say(crate::text::message::PresetText::Reproduces(settings.preset().library)),
        if settings.rotate_on_login { "on" } else { "off" },
        match settings.logout {
            LogoutMode::DeleteAndExpire => "deletes the record and expires the cookie",
            LogoutMode::ClientOnly => "only expires the cookie",
            LogoutMode::ServerOnly => "only deletes the record",
        },
        match settings.cleanup {
            Cleanup::OnRead => "on read",
            Cleanup::Sweeper => "by a sweeper",
            Cleanup::Never => "never (expired records stay, refused)",
        },
            timeout(settings.idle_timeout),
            timeout(settings.absolute_timeout)
        )
    };
    // The fixes with a lookup of their own, named only when on: a line
    // without them is the line of a bare token server.
    if settings.mechanism == Mechanism::Token && settings.refresh {
        let _ = write!(
            line,
            ", refresh tokens in the store (renewing for {} after login, rotated at each renewal)",
            human_duration(settings.refresh_lifetime)
        );
    }
    if settings.mechanism == Mechanism::Token && settings.token_version {
        line.push_str(", a token version per user, read from the user table on every request");
    }
    if settings.clustered() {
        let _ = write!(
            line,
            ", {} behind a {} load balancer, {}{}",
            match settings.servers {
                1 => "1 app server".to_owned(),
                n => format!("{n} app servers"),
            },
            say(Label::Balancing(settings.balancing)),
            say(Label::StoreLayout(settings.store_layout)),
            match settings.store_layout {
                crate::library::topology::StoreLayout::Shared =>
                    format!(" ({})", say(Label::Store(settings.store_dialect()))),
                crate::library::topology::StoreLayout::PerServer => String::new(),
            }
        );
    }
    line
}
