//! The catalogue's ids: one enum per area, each variant a stable id for one
//! thing the reader is told, carrying the facts its sentence needs.
//!
//! No words live here: a variant names what is said (`ServerMessage::Revoked`),
//! the languages under `src/text/` say it. Parameters are facts (a user's
//! name, a count, a duration in seconds, a store's dialect), so each language
//! makes its own plurals and word order.

pub mod boundary;
pub mod explain;
pub mod fork;
pub mod ids;
pub mod input;
pub mod inspect;
pub mod jar;
pub mod label;
pub mod preset;
pub mod refresh;
pub mod scenario;
pub mod scenario_problem;
pub mod server;
pub mod status;
pub mod token;
// The transcript command's words are native only: no page shows them, so
// the browser's modules carry neither them nor their rendering.
#[cfg(not(target_arch = "wasm32"))]
pub mod transcript;
pub mod world;

pub use boundary::BoundaryProblem;
pub use explain::ExplainMessage;
pub use fork::ForkMessage;
pub use ids::IdMessage;
pub use input::InputProblem;
pub use inspect::InspectMessage;
pub use jar::JarMessage;
pub use label::Label;
pub use preset::PresetText;
pub use refresh::RefreshMessage;
pub use scenario::{Evidence, VerdictReason};
pub use scenario_problem::ScenarioProblem;
pub use server::ServerMessage;
pub use status::ServerStatus;
pub use token::TokenMessage;
#[cfg(not(target_arch = "wasm32"))]
pub use transcript::{BriefStep, TranscriptText};
pub use world::{ActionLabel, WorldMessage, WorldProblem};

/// Anything the playground says, by area.
#[derive(Clone, Debug)]
pub enum Message<'a> {
    /// The server's narration: routes, logins, lookups, the administrator's actions.
    Server(ServerMessage<'a>),
    /// The world's narration: requests, jars, the balancer, time, attackers, the operator.
    World(WorldMessage<'a>),
    /// The server's status line.
    Status(ServerStatus<'a>),
    /// A name or a short description.
    Label(Label<'a>),
    /// An action's one-line label.
    Action(ActionLabel<'a>),
    /// Why the world cannot run an action.
    WorldProblem(WorldProblem<'a>),
    /// Why a tour question's answer is right.
    Verdict(VerdictReason<'a>),
    /// Why input was refused.
    Input(InputProblem<'a>),
    /// The cookie jar's reasons.
    Jar(JarMessage<'a>),
    /// The ID source's errors.
    Ids(IdMessage<'a>),
    /// What a preset's library is and reproduces.
    Preset(PresetText),
    /// A transcript's headings and settings line, and the `transcript` command's words.
    #[cfg(not(target_arch = "wasm32"))]
    Transcript(TranscriptText<'a>),
    /// Why a scenario was refused.
    Scenario(ScenarioProblem<'a>),
    /// Why the page's boundary refused a call.
    Boundary(BoundaryProblem<'a>),
    /// A token server's narration, its attacks' names and its action labels.
    Token(TokenMessage<'a>),
    /// The token inspector's fields and check.
    Inspect(InspectMessage<'a>),
    /// Where a session timeline and its token twin part ways.
    Fork(ForkMessage<'a>),
    /// What each line of an HTTP message means, for the wire inspector.
    Explain(ExplainMessage<'a>),
    /// A token server's refresh tokens and token version.
    Refresh(RefreshMessage<'a>),
}

/// Each area's message is a `Message` of its area.
macro_rules! areas {
    ($($area:ident => $variant:ident),* $(,)?) => {
        $(impl<'a> From<$area<'a>> for Message<'a> {
            fn from(message: $area<'a>) -> Self {
                Message::$variant(message)
            }
        })*
    };
}

areas! {
    VerdictReason => Verdict,
    ActionLabel => Action,
    WorldProblem => WorldProblem,
    Label => Label,
    ServerMessage => Server,
    WorldMessage => World,
    ServerStatus => Status,
    InputProblem => Input,
    JarMessage => Jar,
    IdMessage => Ids,
    ScenarioProblem => Scenario,
    BoundaryProblem => Boundary,
    TokenMessage => Token,
    InspectMessage => Inspect,
    ForkMessage => Fork,
    ExplainMessage => Explain,
    RefreshMessage => Refresh,
}

#[cfg(not(target_arch = "wasm32"))]
areas! {
    TranscriptText => Transcript,
}
