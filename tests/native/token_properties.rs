//! Property tests of the token mechanism, over random token settings and
//! random sequences of actions (tampered and unsigned tokens among them):
//!
//! - a request answered 200 on `/profile` carried a token that an
//!   independent check (`jwt::verify` with the server's secret, at the
//!   request's time) accepts: never one past its `exp`, never one with a bad
//!   signature (a tampered one, or one signed before the key was rotated),
//!   never `alg: none`;
//! - with a denylist, never a token whose `jti` was revoked or logged out
//!   (an oracle kept from the actions alone, not from the trace's store steps),
//!   until a restart empties a denylist kept in the process's memory;
//! - with refresh tokens and a token version, over their own random servers:
//!   no access token past its `exp`; no renewal with a refresh token that
//!   was never handed over, already used (rotated), past its login's refresh
//!   lifetime, or of a login that was logged out, ended everywhere, revoked
//!   or lost in a restart (an oracle kept from the messages and the actions);
//!   and no token whose `ver` is older than its user's version.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use session_playground::encoding::{base64url, base64url_decode};
use session_playground::ids::IdSourceSetting;
use session_playground::jwt::{self, Algorithms};
use session_playground::preset::{preset, Settings};
use session_playground::token::{Carry, Mechanism};
use session_playground::topology::StoreLayout;
use session_playground::HttpMessage;
use session_playground::{Action, Instant, SessionId, StepKind, Trace, World, BROWSERS};
use std::collections::HashSet;

#[derive(Clone, Debug)]
enum Op {
    Act(Action),
    /// Mallory rewrites the claims of the token a browser holds to say bob,
    /// keeping its signature, and plants it in that browser.
    Tamper(usize),
    /// Mallory writes an unsigned token (`alg: none`) for bob and plants it.
    Unsigned(usize),
    /// A copy of the tokens one browser holds, the refresh token too (cookies
    /// or storage), lands in another, as malware or a shared machine would leave them.
    CopyRefresh(usize, usize),
}

fn key(i: usize) -> String {
    BROWSERS[i].to_owned()
}

fn op() -> impl Strategy<Value = Op> {
    let browser = || 0..BROWSERS.len();
    let user = prop::sample::select(vec![("alice", "wonderland"), ("bob", "builder"), ("alice", "wrong")]);
    prop_oneof![
        4 => (browser(), user).prop_map(|(b, (u, p))| Op::Act(Action::Login { browser: key(b), username: u.into(), password: p.into() })),
        6 => browser().prop_map(|b| Op::Act(Action::Visit { browser: key(b), path: "/profile".into() })),
        2 => browser().prop_map(|b| Op::Act(Action::Logout { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::LogoutEverywhere { browser: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::ChangePassword { browser: key(b), password: "new".into() })),
        2 => browser().prop_map(|b| Op::Act(Action::RevokeHeldBy { browser: key(b) })),
        1 => Just(Op::Act(Action::Revoke { id: None })),
        2 => (browser(), browser()).prop_filter("two browsers", |(a, b)| a != b)
            .prop_map(|(a, b)| Op::Act(Action::CopyCookie { from: key(a), to: key(b) })),
        1 => browser().prop_map(|b| Op::Act(Action::ScriptTheft { browser: key(b) })),
        3 => prop::sample::select(vec![1u64, 59, 60, 299, 300, 899, 900, 3600])
            .prop_map(|secs| Op::Act(Action::Wait { secs })),
        1 => Just(Op::Act(Action::RestartServer)),
        1 => Just(Op::Act(Action::RotateSigningKey)),
        1 => prop::bool::ANY.prop_map(|down| Op::Act(if down { Action::StopStore } else { Action::StartStore })),
        2 => browser().prop_map(Op::Tamper),
        1 => browser().prop_map(Op::Unsigned),
    ]
}

/// A token server: generic (memory) or express (Redis), either carry, any
/// lifetime from one minute to an hour; with a denylist on one server or a
/// shared store, without one on up to four servers of their own.
fn settings() -> impl Strategy<Value = Settings> {
    (
        prop::sample::select(vec!["generic", "express"]),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![60u64, 300, 900, 3600]),
        (1u8..=4, any::<bool>()),
        any::<u32>(),
    )
        .prop_map(|(key, bearer, denylist, lifetime, (servers, shared), seed)| {
            let mut s = Settings::of(preset(key).unwrap(), IdSourceSetting::Seeded { seed: seed.into() });
            s.mechanism = Mechanism::Token;
            s.carry = if bearer { Carry::Bearer } else { Carry::Cookie };
            s.token_lifetime = lifetime;
            s.denylist = denylist;
            // One denylist the oracle can follow: on the one server, or in the shared store.
            s.servers = if denylist && !shared { 1 } else { servers };
            s.store_layout = if shared { StoreLayout::Shared } else { StoreLayout::PerServer };
            s
        })
}

/// The token a request carried, as the server reads it: the bearer header first, else the token cookie.
fn carried(request: &HttpMessage) -> Option<String> {
    let header = |name: &str| request.headers.iter().find(|h| h.name == name).map(|h| h.value.clone());
    if let Some(bearer) = header("Authorization").and_then(|v| v.strip_prefix("Bearer ").map(str::to_owned)) {
        return Some(bearer);
    }
    let cookies = header("Cookie")?;
    cookies
        .split("; ")
        .find_map(|pair| pair.strip_prefix("token=").or(pair.strip_prefix("__Host-token=")).map(str::to_owned))
}

/// Every request of a trace with the time it was made and the status it got.
fn exchanges(trace: &Trace) -> Vec<(HttpMessage, Instant, Option<u16>)> {
    let mut out = Vec::new();
    for (i, step) in trace.steps.iter().enumerate() {
        let (StepKind::RequestBuilt { .. }, Some(request)) = (&step.kind, &step.message) else { continue };
        let status = trace.steps[i..]
            .iter()
            .find(|s| matches!(s.kind, StepKind::ResponseReceived { .. }))
            .and_then(|s| s.message.as_ref().and_then(|m| m.status));
        out.push((request.clone(), step.state.now, status));
    }
    out
}

/// The token a browser holds, in its storage or its jar.
fn held(world: &World, browser: usize) -> Option<String> {
    let b = world.browser(&key(browser))?;
    b.storage
        .get("access_token")
        .cloned()
        .or_else(|| b.jar.get(&world.server().session_cookie_name()).map(|c| c.value.clone()))
}

fn plant(browser: usize, token: String) -> Action {
    Action::PlantTicket { browser: key(browser), id: Some(SessionId::from_untrusted(&token)) }
}

/// Mallory's tampering: the claims of the token `browser` holds rewritten
/// to say bob, its signature kept, planted back (`None`: it holds no token).
fn tampered(world: &World, browser: usize) -> Option<Action> {
    let token = held(world, browser)?;
    let parts: Vec<&str> = token.split('.').collect();
    let claims = parts.get(1).and_then(|c| base64url_decode(c))?;
    let forged = String::from_utf8_lossy(&claims).replace("alice", "bob");
    Some(plant(browser, format!("{}.{}.{}", parts[0], base64url(forged.as_bytes()), parts.get(2).unwrap_or(&""))))
}

/// Mallory's unsigned token (`alg: none`) for bob, valid for an hour from `now`, planted in `browser`.
fn unsigned(browser: usize, now: Instant) -> Action {
    let header = base64url(br#"{"alg":"none","typ":"JWT"}"#);
    let exp = now.unix_secs() + 3600;
    let claims = base64url(format!(r#"{{"sub":"bob","iat":0,"exp":{exp},"jti":"forged"}}"#).as_bytes());
    plant(browser, format!("{header}.{claims}."))
}

/// What an op does to `world`: the action to run, or `None` when there is
/// none (no token to tamper with, or a refresh copied between jars, which
/// takes no request).
fn action_of(world: &mut World, op: Op) -> Option<Action> {
    match op {
        Op::Act(action) => Some(action),
        Op::Tamper(browser) => tampered(world, browser),
        Op::Unsigned(browser) => Some(unsigned(browser, world.snapshot().now)),
        Op::CopyRefresh(from, to) => {
            let source = world.browser(&key(from)).cloned()?;
            let target = world.browser_mut(&key(to)).unwrap();
            // Both tokens: a copy of the whole login.
            for name in ["token", "refresh_token"] {
                if let Some(cookie) = source.jar.get(name) {
                    target.jar.put(cookie.clone());
                }
            }
            for name in ["access_token", "refresh_token"] {
                if let Some(token) = source.storage.get(name) {
                    target.storage.insert(name.to_owned(), token.clone());
                }
            }
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_token_past_exp_forged_or_denied_is_never_accepted(settings in settings(), ops in prop::collection::vec(op(), 1..40)) {
        let denylist = settings.denylist;
        // Only the process's memory forgets its denylist at a restart; Redis keeps it.
        let forgets_at_restart = settings.preset().key == "generic" && settings.store_layout == StoreLayout::PerServer;
        let mut world = World::from_settings(settings);
        let mut denied: HashSet<String> = HashSet::new();
        for op in ops {
            // The key the server signs with now (an administrator may have rotated it).
            let secret = world.server().settings.token_secret.clone();
            let verify = |token: &str, at: Instant| jwt::verify(token, secret.as_bytes(), at.unix_secs(), Algorithms::Pinned);
            let now = world.snapshot().now;
            let Some(action) = action_of(&mut world, op) else { continue };
            // The administrator denies the token a browser holds, if it is genuine and live.
            if let (true, Action::RevokeHeldBy { browser }) = (denylist, &action) {
                let index = BROWSERS.iter().position(|k| k == browser).unwrap();
                if let Some(claims) = held(&world, index).and_then(|t| verify(&t, now).ok()) {
                    denied.insert(claims.jti);
                }
            }
            let trace = world.apply(&action).expect("the action runs");
            // Requests run after a rotation are checked against the new key.
            let secret = world.server().settings.token_secret.clone();
            let verify = |token: &str, at: Instant| jwt::verify(token, secret.as_bytes(), at.unix_secs(), Algorithms::Pinned);
            for (request, at, status) in exchanges(&trace) {
                let token = carried(&request);
                if request.start_line.starts_with("GET /profile") && status == Some(200) {
                    let token = token.as_deref().expect("a 200 came with a token");
                    let claims = verify(token, at);
                    prop_assert!(claims.is_ok(), "accepted a token the check refuses ({claims:?}): {token}");
                    let jti = claims.unwrap().jti;
                    prop_assert!(!denied.contains(&jti), "accepted the denied token {jti}");
                }
                // A logout the server answered denies the token it was shown.
                let logout = request.start_line.starts_with("POST /logout");
                if let (true, true, Some(200), Some(token)) = (denylist, logout, status, &token) {
                    if let Ok(claims) = verify(token, at) {
                        denied.insert(claims.jti);
                    }
                }
            }
            if matches!(action, Action::RestartServer) && forgets_at_restart {
                denied.clear();
            }
        }
    }
}

/// A token server with the fixes that look something up: refresh tokens or
/// a token version or both, either carry, on one server or two sharing a
/// store (one store the oracle can follow), generic (memory) or express (Redis).
fn fixed_settings() -> impl Strategy<Value = Settings> {
    (
        prop::sample::select(vec!["generic", "express"]),
        any::<bool>(),
        prop::sample::select(vec![(true, false), (false, true), (true, true)]),
        prop::sample::select(vec![60u64, 300, 900]),
        prop::sample::select(vec![1800u64, 3600, 86_400]),
        any::<bool>(),
        any::<u32>(),
    )
        .prop_map(|(key, bearer, (refresh, version), lifetime, refresh_lifetime, shared, seed)| {
            let mut s = Settings::of(preset(key).unwrap(), IdSourceSetting::Seeded { seed: seed.into() });
            s.mechanism = Mechanism::Token;
            s.carry = if bearer { Carry::Bearer } else { Carry::Cookie };
            s.token_lifetime = lifetime;
            s.refresh = refresh;
            s.refresh_lifetime = refresh_lifetime;
            s.token_version = version;
            s.servers = if shared { 2 } else { 1 };
            s.store_layout = if shared { StoreLayout::Shared } else { StoreLayout::PerServer };
            s
        })
}

/// The actions of `op()`, an administrator ending every login of a user,
/// and a refresh token copied from one browser into another.
fn fixed_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        12 => op(),
        1 => prop::sample::select(vec!["alice", "bob"]).prop_map(|u| Op::Act(Action::RevokeUser { user: u.into() })),
        3 => (0..BROWSERS.len(), 0..BROWSERS.len()).prop_filter("two browsers", |(a, b)| a != b)
            .prop_map(|(a, b)| Op::CopyRefresh(a, b)),
        // Past the access token's life, so renewals happen often.
        3 => Just(Op::Act(Action::Wait { secs: 900 })),
    ]
}

/// Every request of a trace with the time it was made, the response it got and its status.
fn round_trips(trace: &Trace) -> Vec<(HttpMessage, Instant, Option<HttpMessage>)> {
    let mut out = Vec::new();
    for (i, step) in trace.steps.iter().enumerate() {
        let (StepKind::RequestBuilt { .. }, Some(request)) = (&step.kind, &step.message) else { continue };
        let response = trace.steps[i..]
            .iter()
            .find(|s| matches!(s.kind, StepKind::ResponseReceived { .. }))
            .and_then(|s| s.message.clone());
        out.push((request.clone(), step.state.now, response));
    }
    out
}

/// The refresh token a request to `/refresh` brought: the form field, else the cookie.
fn refresh_presented(request: &HttpMessage) -> Option<String> {
    let body = request.body.as_deref().unwrap_or("");
    if let Some(token) = body.split('&').find_map(|pair| pair.strip_prefix("refresh_token=")) {
        return Some(token.to_owned());
    }
    let cookies = request.headers.iter().find(|h| h.name == "Cookie")?;
    cookies.value.split("; ").find_map(|pair| pair.strip_prefix("refresh_token=")).map(str::to_owned)
}

/// The access token and refresh token a 200 handed over, in cookies or the body.
fn handed_over(response: &HttpMessage) -> (Option<String>, Option<String>) {
    let set = |name: &str| {
        response.headers.iter().filter(|h| h.name == "Set-Cookie").find_map(|h| {
            let value = h.value.split(';').next()?.strip_prefix(&format!("{name}="))?;
            (!value.is_empty()).then(|| value.to_owned())
        })
    };
    let body: Option<serde_json::Value> = response.body.as_deref().and_then(|b| serde_json::from_str(b).ok());
    let field = |name: &str| body.as_ref().and_then(|b| b.get(name)?.as_str().map(str::to_owned));
    (set("token").or_else(|| field("access_token")), set("refresh_token").or_else(|| field("refresh_token")))
}

/// What the oracle knows of one refresh token, from the messages alone.
#[derive(Clone, Debug)]
struct Renewable {
    user: String,
    sid: String,
    /// When its login began: renewals end a refresh lifetime later.
    login: Instant,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// With refresh tokens and a token version: an access token past its
    /// `exp` is never accepted; a refresh token that was revoked (its login
    /// logged out, ended everywhere, revoked by an administrator, lost in a
    /// restart), already used once, or past its login's refresh lifetime
    /// never yields a new access token; and after a user's version is
    /// raised, no token with an older `ver` is accepted.
    #[test]
    fn refresh_and_version_never_let_an_ended_login_through(settings in fixed_settings(), ops in prop::collection::vec(fixed_op(), 1..40)) {
        let (refresh, versioned, refresh_lifetime) = (settings.refresh, settings.token_version, settings.refresh_lifetime);
        let forgets_at_restart = settings.preset().key == "generic" && settings.store_layout == StoreLayout::PerServer;
        let mut world = World::from_settings(settings);
        // Refresh tokens the oracle saw handed over and not yet used, revoked or lost.
        let mut renewable: std::collections::HashMap<String, Renewable> = Default::default();
        let mut ended: HashSet<String> = HashSet::new();
        let mut versions: std::collections::HashMap<String, u64> = Default::default();
        for op in ops {
            let secret = world.server().settings.token_secret.clone();
            // A genuine token's claims, expired or not (what names its login).
            let signed = |token: &str| jwt::verify(token, secret.as_bytes(), 0, Algorithms::Pinned).ok();
            let Some(action) = action_of(&mut world, op) else { continue };
            // The administrator's side, known before it runs: which logins it ends.
            match &action {
                Action::RevokeHeldBy { browser } if refresh => {
                    let index = BROWSERS.iter().position(|k| k == browser).unwrap();
                    if let Some(sid) = held(&world, index).and_then(|t| signed(&t)).and_then(|c| c.sid) {
                        ended.insert(sid);
                    }
                }
                Action::Revoke { id: None } if refresh => {
                    // The newest login the store still holds a record of.
                    let newest = world.store().rows().into_iter().rev().find_map(|r| r.data.get("sid").cloned());
                    ended.extend(newest);
                }
                Action::RevokeUser { user } => {
                    ended.extend(renewable.values().filter(|r| &r.user == user).map(|r| r.sid.clone()));
                    if versioned && (user == "alice" || user == "bob") {
                        *versions.entry(user.clone()).or_default() += 1;
                    }
                }
                Action::RestartServer if forgets_at_restart => {
                    ended.extend(renewable.values().map(|r| r.sid.clone()));
                }
                _ => {}
            }
            let trace = world.apply(&action).expect("the action runs");
            let secret = world.server().settings.token_secret.clone();
            let verify = |token: &str, at: Instant| jwt::verify(token, secret.as_bytes(), at.unix_secs(), Algorithms::Pinned);
            let signed = |token: &str| jwt::verify(token, secret.as_bytes(), 0, Algorithms::Pinned).ok();
            for (request, at, response) in round_trips(&trace) {
                let status = response.as_ref().and_then(|r| r.status);
                let line = request.start_line.clone();
                if line.starts_with("GET /profile") && status == Some(200) {
                    let token = carried(&request).expect("a 200 came with a token");
                    let claims = verify(&token, at);
                    prop_assert!(claims.is_ok(), "accepted a token the check refuses ({claims:?}): {token}");
                    let claims = claims.unwrap();
                    if versioned {
                        let current = versions.get(&claims.sub).copied().unwrap_or(0);
                        prop_assert_eq!(claims.ver, Some(current), "accepted an outdated token of {}", claims.sub);
                    }
                }
                if status != Some(200) {
                    continue;
                }
                let user = carried(&request).and_then(|t| signed(&t)).map(|c| c.sub);
                if line.starts_with("POST /refresh") {
                    let presented = refresh_presented(&request).expect("a renewal came with a refresh token");
                    let known = renewable.remove(&presented);
                    prop_assert!(known.is_some(), "renewed with a refresh token never handed over or already used: {presented}");
                    let known = known.unwrap();
                    prop_assert!(!ended.contains(&known.sid), "renewed the ended login {}", known.sid);
                    prop_assert!(at < known.login.plus_secs(refresh_lifetime), "renewed past the refresh lifetime");
                    let (_, next) = handed_over(response.as_ref().unwrap());
                    renewable.insert(next.expect("a new refresh token"), known);
                    continue;
                }
                if line.starts_with("POST /logout-everywhere") || line.starts_with("POST /password") {
                    if let Some(user) = &user {
                        ended.extend(renewable.values().filter(|r| &r.user == user).map(|r| r.sid.clone()));
                        if versioned {
                            *versions.entry(user.clone()).or_default() += 1;
                        }
                    }
                } else if line.starts_with("POST /logout") {
                    ended.extend(carried(&request).and_then(|t| signed(&t)).and_then(|c| c.sid));
                }
                // A login, or the new login a password change hands the device that made it.
                if line.starts_with("POST /login") || (refresh && line.starts_with("POST /password")) {
                    let (access, next) = handed_over(response.as_ref().unwrap());
                    let claims = access.and_then(|t| signed(&t));
                    if let (Some(claims), Some(next)) = (claims, next) {
                        let sid = claims.sid.expect("a refresh login names its sid");
                        renewable.insert(next, Renewable { user: claims.sub, sid, login: at });
                    }
                }
            }
        }
    }
}
