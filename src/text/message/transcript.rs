//! What a transcript says around the steps (its headings, the settings line,
//! the brief form's step names) and what the `transcript` command says of its
//! command line and its input.

use crate::library::preset::Settings;

/// A transcript's own words, by their stable ids.
#[derive(Clone, Copy, Debug)]
pub enum TranscriptText<'a> {
    /// The settings in one line, e.g. `preset generic, IDs seeded (1), rotation on, …`.
    SettingsLine(&'a Settings),
    /// The heading line naming the settings.
    SettingsHeading {
        /// The settings line.
        settings: &'a str,
    },
    /// How many presses of Next a scenario takes.
    Presses {
        /// The count.
        presses: usize,
    },
    /// The heading over a scenario's given actions.
    GivenHeading,
    /// One of a question's choices, marked right or wrong.
    Choice {
        /// The choice as the reader sees it.
        label: &'a str,
        /// Whether it is the right answer.
        right: bool,
    },
    /// A question's verdict and why it is right.
    Verdict {
        /// The step number the verdict is decided at.
        at: usize,
        /// The right answer.
        answer: &'a str,
        /// Why.
        reason: &'a str,
    },
    /// What a step cost, and what everything has cost so far.
    Cost {
        /// This step's counts, in one line.
        action: &'a str,
        /// All the counts so far, in one line.
        total: &'a str,
    },
    /// A jar that holds cookies.
    Jar {
        /// The browser's label.
        browser: &'a str,
        /// Its cookies, `name=value` joined.
        cookies: &'a str,
    },
    /// A store with no records.
    StoreEmpty,
    /// One record of the store.
    StoreRecord {
        /// The session ID.
        id: &'a str,
        /// Its user.
        user: &'a str,
    },
    /// The virtual clock.
    Clock {
        /// The instant, written.
        now: &'a str,
    },
    /// What happened at a step, in the brief form.
    Brief(BriefStep),
    /// The command's usage lines.
    Usage,
    /// The command's help below its usage.
    Help,
    /// An option the command does not know.
    UnknownOption {
        /// The option.
        option: &'a str,
    },
    /// An error, as the command prints it.
    Error {
        /// What went wrong.
        why: &'a str,
    },
    /// A built-in tour whose scenario is broken, in the list of tours.
    BrokenTour {
        /// The scenario's error.
        why: &'a str,
    },
    /// A built-in tour that does not load.
    TourError {
        /// The tour's key.
        name: &'a str,
        /// The scenario's error.
        why: &'a str,
    },
    /// Standard input that cannot be read.
    CannotReadStdin {
        /// The system's words.
        why: &'a str,
    },
    /// A file that cannot be read.
    CannotReadFile {
        /// The file.
        source: &'a str,
        /// The system's words.
        why: &'a str,
    },
    /// A scenario file's error, after its name.
    InFile {
        /// The file.
        source: &'a str,
        /// The scenario's error.
        why: &'a str,
    },
    /// A file in UTF-16.
    Utf16,
    /// A file that is not UTF-8.
    NotUtf8 {
        /// The first byte that is not valid UTF-8.
        byte: usize,
    },
}

/// What happened at a step, as the brief form names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BriefStep {
    /// A request is built.
    Request,
    /// A password is checked.
    PasswordChecked {
        /// Whether it matched.
        ok: bool,
    },
    /// A cookie is looked for.
    CookieRead {
        /// Whether one was there.
        found: bool,
    },
    /// A response is built.
    Response,
    /// A response is received.
    Received,
    /// A store operation.
    Store,
    /// An administrator's action.
    Admin,
    /// A server restarts.
    Restart,
    /// A jar is tampered with.
    JarTampered,
    /// A browser is closed.
    BrowserClosed,
    /// Time passes.
    TimePasses,
    /// Cookies expire.
    CookiesExpired,
    /// An eavesdropper watches a request.
    Eavesdropped {
        /// Whether the request carried a ticket.
        ticket_seen: bool,
    },
    /// The balancer routes a request.
    Routed {
        /// Whether a server was running.
        running: bool,
    },
    /// The balancer sets its affinity cookie.
    AffinityCookie,
    /// A token is signed.
    TokenSigned,
    /// A token is checked.
    TokenChecked {
        /// Whether a token was there.
        present: bool,
        /// Whether it was accepted.
        accepted: bool,
    },
    /// A refresh token is checked.
    RefreshChecked {
        /// Whether it renewed the token.
        renewed: bool,
    },
}
