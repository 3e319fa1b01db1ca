//! What the reader is told when a scenario cannot be read: each problem with
//! a field (its path is the scenario error's own), and what was expected.
//!
//! `found` is always the offending value described: quoted as JSON writes it,
//! or [`ScenarioProblem::AnArray`] / [`ScenarioProblem::AnObject`] rendered.

/// Why a scenario was refused, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum ScenarioProblem<'a> {
    /// "an array", as a value found.
    AnArray,
    /// "an object", as a value found.
    AnObject,
    /// Text that is not JSON.
    NotJson {
        /// The line of the first error.
        line: usize,
        /// Its column.
        column: usize,
        /// The parser's words.
        why: &'a str,
    },
    /// A version other than 1.
    Version {
        /// The value found.
        found: &'a str,
    },
    /// No steps.
    MissingSteps,
    /// Steps that are not an array.
    StepsNotArray {
        /// The value found.
        found: &'a str,
    },
    /// An empty array of steps.
    NoSteps,
    /// Waits that take the clock past its limit.
    WaitsPastLimit {
        /// The days the waits add up to.
        days: u64,
        /// The limit, in days.
        limit_days: u64,
    },
    /// A denylist defence on a session server.
    DenylistNeedsTokens,
    /// Stopping or starting a server with a single server and no shared store.
    StopStartNeedsCluster,
    /// A server number past the scenario's servers.
    ServerOutOfRange {
        /// How many servers the scenario has.
        servers: u8,
        /// The one named.
        server: u8,
    },
    /// Revoking by a browser that holds no ticket then.
    RevokeNoTicket {
        /// The browser's label.
        browser: &'a str,
    },
    /// Revoking by a browser whose ticket names no record then.
    RevokeNoRecord {
        /// The browser's label.
        browser: &'a str,
    },
    /// A value that should be an object.
    NotObject {
        /// The value found.
        found: &'a str,
    },
    /// A field not known here.
    UnknownField {
        /// The fields allowed, joined.
        allowed: &'a str,
    },
    /// A whole number out of range (or not a whole number).
    WholeNumber {
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
        /// The value found.
        found: &'a str,
    },
    /// A value that should be true or false.
    NotBool {
        /// The value found.
        found: &'a str,
    },
    /// A value that should be a string.
    NotString {
        /// The value found.
        found: &'a str,
    },
    /// A required string that is missing.
    MissingString,
    /// A name not among the names allowed.
    OneOf {
        /// The names, joined.
        names: &'a str,
        /// The value found.
        found: &'a str,
    },
    /// A required name that is missing.
    MissingOneOf {
        /// The names, joined.
        names: &'a str,
    },
    /// Given actions that are not an array.
    GivenNotArray {
        /// The value found.
        found: &'a str,
    },
    /// A given action with something to show.
    GivenShows,
    /// A start-over among the given actions.
    GivenStartsOver,
    /// A seed without seeded IDs.
    SeedWithoutSeeded,
    /// A request path that is not one.
    RequestPath {
        /// The value found.
        found: &'a str,
    },
    /// A required session ID that is missing.
    MissingSessionId,
    /// A session ID with characters a cookie value cannot carry.
    SessionIdCharacters {
        /// The value found.
        found: &'a str,
    },
    /// A step that is not an object.
    StepNotObject {
        /// The value found.
        found: &'a str,
    },
    /// A revocation naming both an ID and a browser.
    RevokeIdAndBrowser,
    /// A cookie copy without both browsers.
    CopyNeedsBoth,
    /// A cookie copy from a browser to itself.
    CopyToSelf {
        /// The browser.
        from: &'a str,
    },
    /// Form fields that are not an object.
    FormFields {
        /// The value found.
        found: &'a str,
    },
    /// A start-over without a defence.
    MissingDefence,
    /// A wait without seconds.
    MissingSeconds,
    /// A server action without a server.
    MissingServer,
    /// Choices without a question.
    ChoicesNeedAsk,
    /// Choices that are not an array of at least two.
    ChoicesArray {
        /// The value found.
        found: &'a str,
    },
    /// A choice without its status.
    MissingStatus,
}
