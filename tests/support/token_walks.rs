//! What the token tests share: a walk given as a token server's settings and
//! its steps in the scenario format, the steps they take most, and reading
//! what the server decided and said.

use session_playground::token::TokenVerdict;
use session_playground::{PlayedStep, Scenario, StepKind, World};

/// Alice logs in on her laptop.
pub const LOGIN: &str = r#"{"action": "login", "browser": "laptop", "username": "alice", "password": "wonderland"}"#;
/// Alice's laptop visits the profile.
pub const VISIT: &str = r#"{"action": "visit", "browser": "laptop"}"#;
/// Mallory copies what the laptop holds.
pub const STEAL: &str = r#"{"action": "copyCookie", "from": "laptop", "to": "mallory"}"#;
/// Mallory's laptop visits the profile with the copy.
pub const MALLORY_VISITS: &str = r#"{"action": "visit", "browser": "mallory"}"#;

/// Plays a scenario given as its settings and its steps (JSON).
pub fn play(settings: &str, steps: &[&str]) -> Vec<PlayedStep> {
    let json = format!(r#"{{"title": "t", "settings": {settings}, "steps": [{}]}}"#, steps.join(","));
    Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}")).play()
}

/// The world after a token server's settings and steps (JSON) have run.
pub fn world_after(settings: &str, steps: &[&str]) -> World {
    let json = format!(r#"{{"title": "t", "settings": {settings}, "steps": [{}]}}"#, steps.join(","));
    let scenario = Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
    let mut world = scenario.start();
    for step in &scenario.steps {
        world.apply(&step.action).unwrap();
    }
    world
}

/// Every verdict the server reached, in order.
pub fn verdicts(played: &[PlayedStep]) -> Vec<TokenVerdict> {
    played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| match s.kind {
            StepKind::TokenVerified { verdict, .. } => Some(verdict),
            _ => None,
        })
        .collect()
}

/// Everything one played step's narration said, a line a step.
pub fn said(played: &PlayedStep) -> String {
    played.trace.steps.iter().map(|s| s.narration.as_str()).collect::<Vec<_>>().join("\n")
}
