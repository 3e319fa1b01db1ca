//! A transcript's own words and the `transcript` command's in English (`TranscriptText`).

use super::duration;
use crate::library::preset::{Cleanup, LogoutMode, Settings};
use crate::library::token::{Carry, Mechanism};
use crate::text::message::transcript::{BriefStep, TranscriptText};
use crate::text::message::{Label, PresetText};
use std::fmt::Write;

/// The text in English.
pub(super) fn render(text: &TranscriptText<'_>) -> String {
    use TranscriptText as T;
    match text {
        T::SettingsLine(settings) => settings_line(settings),
        T::SettingsHeading { settings } => format!("Settings: {settings}"),
        T::Presses { presses } => format!("Presses: {presses} (one per moment)"),
        T::GivenHeading => "\n## Given (run before the first step, unseen)".to_owned(),
        T::Choice { label, right } => format!("  - {label} ({})", if *right { "right" } else { "wrong" }),
        T::Verdict { at, answer, reason } => format!("   = verdict at {at}: \u{201c}{answer}\u{201d}. {reason}"),
        T::Cost { action, total } => format!("   = cost: {action} (in all: {total})"),
        T::Jar { browser, cookies } => format!("  jar of {browser}: {cookies}"),
        T::StoreEmpty => "  store: empty".to_owned(),
        T::StoreRecord { id, user } => format!("  store: {id} \u{2192} {user}"),
        T::Clock { now } => format!("  clock: {now}"),
        T::Brief(step) => brief(*step).to_owned(),
        T::Usage => {
            "usage: transcript [--json] <scenario.json | - | tour:NAME>\n       transcript --list\n       transcript --help"
                .to_owned()
        }
        T::Help => "Plays a scenario (docs/scenario-format.md) on a fresh world and prints what happens.\n\n  \
                    scenario.json  a scenario file; - reads one from standard input\n  \
                    tour:NAME      a built-in tour (see --list)\n  \
                    --json         the full trace as JSON instead of the readable transcript\n  \
                    --list         the built-in tours, one a line\n  \
                    --help, -h     this text\n\n\
                    Exit status: 0 when the scenario played, 1 when it could not be read, 2 for a wrong command line."
            .to_owned(),
        T::UnknownOption { option } => format!("unknown option {option}"),
        T::Error { why } => format!("error: {why}"),
        T::BrokenTour { why } => format!("(broken: {why})"),
        T::TourError { name, why } => format!("tour {name}: {why}"),
        T::CannotReadStdin { why } => format!("cannot read standard input: {why}"),
        T::CannotReadFile { source, why } => format!("cannot read {source}: {why}"),
        T::InFile { source, why } => format!("{source}: {why}"),
        T::Utf16 => "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8".to_owned(),
        T::NotUtf8 { byte } => format!("the file is not UTF-8 text (byte {byte} is not valid UTF-8); save it as UTF-8"),
    }
}

/// A step's name in the brief form.
fn brief(step: BriefStep) -> &'static str {
    use BriefStep as B;
    match step {
        B::Request => "request",
        B::PasswordChecked { ok: true } => "password ok",
        B::PasswordChecked { ok: false } => "password wrong",
        B::CookieRead { found: true } => "cookie read",
        B::CookieRead { found: false } => "no cookie",
        B::Response => "response",
        B::Received => "received",
        B::Store => "store",
        B::Admin => "admin",
        B::Restart => "restart",
        B::JarTampered => "jar tampered",
        B::BrowserClosed => "browser closed",
        B::TimePasses => "time passes",
        B::CookiesExpired => "cookies expired",
        B::Eavesdropped { ticket_seen: true } => "eavesdropper copies the ticket",
        B::Eavesdropped { ticket_seen: false } => "eavesdropper sees no ticket",
        B::Routed { running: true } => "routed",
        B::Routed { running: false } => "no server running",
        B::AffinityCookie => "affinity cookie",
        B::TokenSigned => "token signed",
        B::TokenChecked { accepted: true, .. } => "token verified",
        B::TokenChecked { present: false, .. } => "no token",
        B::TokenChecked { .. } => "token refused",
        B::RefreshChecked { renewed: true } => "refresh token accepted",
        B::RefreshChecked { renewed: false } => "refresh token refused",
    }
}

/// The settings in one line.
fn settings_line(settings: &Settings) -> String {
    use crate::base::ids::IdSourceSetting;
    let label = |label: Label<'_>| super::render(&label.into());
    let ids = match settings.ids {
        IdSourceSetting::Csprng => "CSPRNG".to_owned(),
        IdSourceSetting::Seeded { seed } => format!("seeded ({seed})"),
        IdSourceSetting::Sequential => "sequential".to_owned(),
    };
    let timeout = |t: Option<u64>| t.map(duration).unwrap_or_else(|| "none".to_owned());
    // A token server has none of a session's settings (rotation, logout
    // modes, cleanup, timeouts): its terms are the token's.
    let mut line = if settings.mechanism == Mechanism::Token {
        format!(
            "preset {} ({}), IDs {ids}, signed tokens (HS256 JWT, exp {} after login) {}, {}",
            settings.preset.key,
            super::render(&PresetText::Label(settings.preset().library).into()),
            duration(settings.token_lifetime),
            match (settings.carry, settings.http_only) {
                (Carry::Cookie, true) => "in an HttpOnly cookie",
                (Carry::Cookie, false) => "in a cookie scripts can read",
                (Carry::Bearer, _) => "in localStorage, sent as Authorization: Bearer",
            },
            if settings.denylist { "a denylist of revoked jti in the store" } else { "no denylist" }
        )
    } else {
        format!(
            "preset {} ({}: {}), IDs {ids}, rotation at login {}, logout {}, cleanup {}, idle timeout {}, absolute \
             timeout {}",
            settings.preset.key,
            super::render(&PresetText::Label(settings.preset().library).into()),
            super::render(&PresetText::Reproduces(settings.preset().library).into()),
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
            duration(settings.refresh_lifetime)
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
            label(Label::Balancing(settings.balancing)),
            label(Label::StoreLayout(settings.store_layout)),
            match settings.store_layout {
                crate::library::topology::StoreLayout::Shared => {
                    format!(" ({})", label(Label::Store(settings.store_dialect())))
                }
                crate::library::topology::StoreLayout::PerServer => String::new(),
            }
        );
    }
    line
}
