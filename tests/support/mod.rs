//! What the native tests share: the actions they take most (a login with the
//! account's password, a visit to the profile, a logout), running one, and
//! reading the statuses a run ended in; the cookie suite's runner and the
//! growing-store storm, which the examples share too.

#![allow(dead_code)] // Each helper serves some of the tests, not all.

pub mod jar_cases;
pub mod storm;
pub mod token_walks;

use session_playground::{Action, Instant, JarCookie, PlayedStep, Trace, World, BROWSERS};

/// `user` logs in from `browser` with the account's own password
/// (alice's "wonderland", bob's "builder", mallory's "hunter2").
pub fn login(browser: &str, user: &str) -> Action {
    let password = match user {
        "alice" => "wonderland",
        "bob" => "builder",
        _ => "hunter2",
    };
    login_with(browser, user, password)
}

/// `user` logs in from `browser` with `password`, right or wrong.
pub fn login_with(browser: &str, user: &str, password: &str) -> Action {
    Action::Login { browser: browser.into(), username: user.into(), password: password.into() }
}

/// `browser` opens the profile page.
pub fn visit(browser: &str) -> Action {
    Action::Visit { browser: browser.into(), path: "/profile".into() }
}

/// `browser` logs out.
pub fn logout(browser: &str) -> Action {
    Action::Logout { browser: browser.into() }
}

/// Runs one action, which must run.
pub fn run(world: &mut World, action: Action) -> Trace {
    world.apply(&action).expect("the action runs")
}

/// The status of the response a browser finally showed.
pub fn status(trace: &Trace) -> u16 {
    let last = trace.steps.last().expect("the action took a step");
    let shown = last.state.browsers.iter().find(|b| Some(&b.key) == last.browser.as_ref());
    shown.expect("the last step names a browser").screen.status
}

/// The status of the last response of each step played, `None` for a step with no HTTP.
pub fn statuses(played: &[PlayedStep]) -> Vec<Option<u16>> {
    played.iter().map(|p| p.trace.steps.iter().rev().find_map(|s| s.message.as_ref().and_then(|m| m.status))).collect()
}

/// Puts a session cookie holding `value` into browser `browser`'s jar (by
/// its place in `BROWSERS`), as if someone had written it there by hand.
pub fn forge(world: &mut World, browser: usize, value: &str) {
    let name = world.server().settings.cookie_name();
    world.browser_mut(BROWSERS[browser]).unwrap().jar.put(JarCookie {
        name,
        value: value.into(),
        domain: "app.example".into(),
        host_only: true,
        path: "/".into(),
        secure: false,
        http_only: false,
        same_site: None,
        expires_ms: None,
        expires: None,
        created_ms: Instant::START.unix_millis() as i64,
        seq: 0,
    });
}
