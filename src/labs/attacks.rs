//! The attack lab: how sessions fail, and what stops each attack.
//!
//! Each [`Attack`] is a short script played on a fresh world whose settings
//! start deliberately weak (no rotation, permissive adoption, sequential
//! IDs, no cookie attributes, no timeouts). It succeeds when, at the end,
//! Mallory's browser is shown Alice's profile. Each [`Defence`] changes one
//! setting (or adds one action); [`matrix`] plays every attack with every
//! defence and records which ones stop it. Nothing in the matrix is typed by
//! hand: it is what the engine does.

use crate::base::ids::IdSourceSetting;
use crate::base::ids::SessionId;
use crate::browser::jar::SameSiteDefault;
use crate::library::defence::{Defence, DEFENCES};
use crate::library::preset::{Cleanup, LogoutMode, Settings, PRESETS};
use crate::sim::world::{Action, World, LAPTOP, MALLORY};

pub use crate::library::defence::{Attack, ATTACKS};

/// How long Mallory waits before she strikes: just past a 30-minute idle timeout.
pub const STRIKE_DELAY_SECS: u64 = 31 * 60;

/// The password Mallory's forged form sets.
const FORGED_PASSWORD: &str = "chosen-by-mallory";

/// The ID Mallory makes up for the made-up-ticket attack.
const MADE_UP_ID: &str = "MalloryMadeThisUp";

impl Attack {
    /// The attack's name.
    pub fn label(self) -> String {
        crate::text::say(crate::text::message::Label::Attack(self))
    }

    /// The attack as actions, with `defence`'s extra action if it has one.
    pub fn script(self, defence: Option<Defence>) -> Vec<Action> {
        let login = |browser: &str, user: &str, password: &str| Action::Login {
            browser: browser.into(),
            username: user.into(),
            password: password.into(),
        };
        let alice = || login(LAPTOP, "alice", "wonderland");
        let mut before = Vec::new();
        let mut strike = vec![Action::Visit { browser: MALLORY.into(), path: "/profile".into() }];
        match self {
            Attack::StolenTicket => {
                before.push(alice());
                before.push(Action::CopyCookie { from: LAPTOP.into(), to: MALLORY.into() });
            }
            Attack::PlantedTicket => {
                before.push(login(MALLORY, "mallory", "hunter2"));
                before.push(Action::PlantTicket { browser: LAPTOP.into(), id: None });
                before.push(alice());
            }
            Attack::MadeUpTicket => {
                let id = SessionId::from_untrusted(MADE_UP_ID);
                before.push(Action::PlantTicket { browser: LAPTOP.into(), id: Some(id.clone()) });
                before.push(alice());
                strike.insert(0, Action::GuessTicket { browser: MALLORY.into(), id });
            }
            Attack::GuessedId => {
                before.push(alice());
                before.push(login(MALLORY, "mallory", "hunter2"));
                // Mallory's own ID is 2; the one before it belongs to someone else.
                strike.insert(0, Action::GuessTicket { browser: MALLORY.into(), id: SessionId::from_untrusted("1") });
            }
            Attack::ScriptTheft => {
                before.push(alice());
                before.push(Action::ScriptTheft { browser: LAPTOP.into() });
            }
            Attack::CrossSiteForm => {
                before.push(alice());
                strike = vec![
                    Action::CrossSiteForm {
                        browser: LAPTOP.into(),
                        path: "/password".into(),
                        fields: vec![("password".into(), FORGED_PASSWORD.into())],
                    },
                    login(MALLORY, "alice", FORGED_PASSWORD),
                    Action::Visit { browser: MALLORY.into(), path: "/profile".into() },
                ];
            }
            Attack::PlainHttp => {
                before.push(alice());
                before.push(Action::VisitOverHttp { browser: LAPTOP.into(), path: "/profile".into() });
            }
        }
        // Mallory strikes a while later, after Alice (if she can) has ended her sessions.
        before.push(Action::Wait { secs: STRIKE_DELAY_SECS });
        if defence == Some(Defence::Revocation) {
            before.push(Action::RevokeUser { user: "alice".into() });
        }
        before.extend(strike);
        before
    }
}

/// The deliberately weak settings every attack starts from.
pub fn weak_settings() -> Settings {
    let mut s = Settings::of(&PRESETS[0], IdSourceSetting::Sequential);
    s.rotate_on_login = false;
    s.strict_adoption = false;
    s.http_only = false;
    s.secure = false;
    s.same_site = None;
    s.host_prefix = false;
    s.browser_same_site_default = SameSiteDefault::None;
    s.idle_timeout = None;
    s.absolute_timeout = None;
    s.cleanup = Cleanup::OnRead;
    s.logout = LogoutMode::DeleteAndExpire;
    s
}

/// Plays an attack, with one defence or none. True if Mallory ends up seeing Alice's profile.
pub fn succeeds(attack: Attack, defence: Option<Defence>) -> bool {
    let mut settings = weak_settings();
    if let Some(defence) = defence {
        defence.apply(&mut settings);
    }
    let mut world = World::from_settings(settings);
    for action in attack.script(defence) {
        // The scripts name only real browsers; a failure here is a bug in the script.
        world.apply(&action).expect("an attack script runs");
    }
    world.browser(MALLORY).is_some_and(|b| {
        b.screen.status == 200 && b.screen.url.ends_with("/profile") && b.screen.text.contains("alice")
    })
}

/// One row of a defence matrix: a session attack ([`Attack`]) or a token
/// one (`token_attacks::TokenAttack`), against each of its matrix's defences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixRow<A = Attack> {
    /// The attack.
    pub attack: A,
    /// Its name.
    pub label: String,
    /// Whether it succeeds with no defence.
    pub succeeds_undefended: bool,
    /// For each defence in its matrix's order ([`DEFENCES`], or the tokens'
    /// own): whether it stops the attack.
    pub stopped_by: Vec<bool>,
}

crate::base::json::json_fields!([A: crate::base::json::ToJson] MatrixRow<A> {
    "attack": attack, "label": label, "succeedsUndefended": succeeds_undefended, "stoppedBy": stopped_by
});

impl<A: Copy> MatrixRow<A> {
    /// The row of `attack`, named `label`, from the engine's own runs:
    /// `succeeds` plays it with no defence, then with each of `defences`.
    pub fn played(
        attack: A,
        label: String,
        defences: &[Defence],
        succeeds: impl Fn(A, Option<Defence>) -> bool,
    ) -> Self {
        MatrixRow {
            attack,
            label,
            succeeds_undefended: succeeds(attack, None),
            stopped_by: defences.iter().map(|&d| !succeeds(attack, Some(d))).collect(),
        }
    }
}

/// Every attack against every defence, from the engine's own runs.
pub fn matrix() -> Vec<MatrixRow> {
    ATTACKS.iter().map(|&attack| MatrixRow::played(attack, attack.label(), &DEFENCES, succeeds)).collect()
}

/// The expected time, in seconds, for an attacker to guess a live session
/// ID: each guess hits with probability `live_sessions / 2^bits`, so the
/// expected number of guesses is `2^bits / live_sessions`. This is the
/// expected time for OWASP's example (64 bits, 100,000 live sessions,
/// 10,000 guesses a second) is about 585 years. OWASP's cheat sheet quotes
/// "greater than 292 years": its formula, (2^B+1)/(2AS), halves this.
pub fn expected_seconds_to_guess(bits: f64, live_sessions: f64, guesses_per_second: f64) -> f64 {
    if live_sessions <= 0.0 || guesses_per_second <= 0.0 {
        return f64::INFINITY;
    }
    2f64.powf(bits) / (live_sessions * guesses_per_second)
}

/// The same expected time as a base-10 logarithm of seconds, which stays
/// finite for any number of bits (2^1024 overflows a float).
pub fn log10_seconds_to_guess(bits: f64, live_sessions: f64, guesses_per_second: f64) -> f64 {
    if live_sessions <= 0.0 || guesses_per_second <= 0.0 {
        return f64::INFINITY;
    }
    bits * 2f64.log10() - live_sessions.log10() - guesses_per_second.log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owasp_worked_example_is_about_585_years() {
        let years = expected_seconds_to_guess(64.0, 100_000.0, 10_000.0) / (365.25 * 86_400.0);
        assert!((584.0..586.0).contains(&years), "{years}");
        assert_eq!(expected_seconds_to_guess(128.0, 0.0, 1.0), f64::INFINITY);
        let log = log10_seconds_to_guess(1024.0, 1.0, 1.0);
        assert!((308.0..309.0).contains(&log), "{log}");
    }
}
