//! What the page's boundary (`src/wasm.rs`) says when JavaScript hands the
//! core an argument it cannot take, or asks for what is not there.

/// Why the boundary refused a call, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum BoundaryProblem<'a> {
    /// An argument of the wrong kind: `loadScenario(json): expected a string; found true`.
    BadArgument {
        /// The method called, as JavaScript names it.
        method: &'a str,
        /// The argument.
        arg: &'a str,
        /// What it takes.
        expected: Expected,
        /// The value found, described.
        found: &'a str,
    },
    /// A kind of JavaScript value, as a value found.
    Found(JsKind),
    /// An argument's own problem, after the method and the argument.
    InArgument {
        /// The method called.
        method: &'a str,
        /// The argument.
        arg: &'a str,
        /// What is wrong, already said.
        why: &'a str,
    },
    /// A scenario text that is not JSON.
    ScenarioNotJson {
        /// The parser's words.
        why: &'a str,
    },
    /// A scenario nested too deep.
    ScenarioTooDeep {
        /// The deepest nesting allowed.
        depth: usize,
    },
    /// JSON from the core that the browser's parser refuses.
    UnreadableJson,
    /// A preset key that names none.
    NoSuchPreset {
        /// The key, quoted.
        quoted: &'a str,
        /// Every key, joined.
        keys: &'a str,
    },
    /// A timeline step past the timeline's end.
    StepOutOfRange {
        /// The index, as JavaScript writes it.
        index: &'a str,
        /// The last index.
        last: usize,
        /// How many steps there are.
        total: usize,
    },
    /// A call that needs a loaded scenario.
    NoScenario,
    /// A fork step asked for before any fork.
    NoFork,
    /// A fork side without steps.
    EmptySide {
        /// The side's key.
        side: &'a str,
    },
    /// A fork step past its side's end.
    SideSteps {
        /// The side's key.
        side: &'a str,
        /// How many steps it has.
        total: usize,
    },
}

/// What an argument takes.
#[derive(Clone, Copy, Debug)]
pub enum Expected {
    /// A string.
    String,
    /// Any number but `NaN`.
    Number,
    /// A whole number in a range.
    WholeNumber {
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
    },
    /// `true` or `false`.
    TrueOrFalse,
    /// A plain object.
    PlainObject,
    /// A plain object `JSON.stringify` can write.
    StringifiableObject,
    /// Data nested no deeper than a limit.
    NestedAtMost {
        /// The deepest nesting allowed.
        depth: usize,
    },
    /// An array of strings.
    ArrayOfStrings,
    /// An array of actions.
    ArrayOfActions,
    /// A string or `null`.
    StringOrNull,
    /// A fork's side: `"session"` or `"token"`.
    ForkSide,
    /// A scale sweep's name.
    Sweep,
}

/// A kind of JavaScript value, named where its value is not written out.
#[derive(Clone, Copy, Debug)]
pub enum JsKind {
    /// A number JavaScript cannot spell.
    Number,
    /// A `Symbol`.
    Symbol,
    /// A function.
    Function,
    /// An array.
    Array,
    /// A `Date`.
    Date,
    /// Any other object.
    Object,
}
