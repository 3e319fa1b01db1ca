//! Scaling out, told as features: a deployment and a script of actions in,
//! exact counts out (statuses, lookups that found a session, requests per
//! server, round trips and modelled time).
//!
//! Every run is seeded, so every count is exact: the same scenario always
//! routes the same requests to the same servers.

use crate::support::statuses;
use session_playground::transcript::render_brief;
use session_playground::{message::Label, say};
use session_playground::{Actor, StoreOpKind};
use session_playground::{PlayedStep, Scenario, StepKind};

/// Plays a scenario given as its settings and its steps (JSON).
fn play(settings: &str, steps: &str) -> Vec<PlayedStep> {
    let json = format!(r#"{{"title": "t", "settings": {settings}, "steps": {steps}}}"#);
    Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}")).play()
}

/// Every lookup in the run: found a live session or not.
fn lookups(played: &[PlayedStep]) -> Vec<bool> {
    played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| s.store_op.as_ref())
        .filter(|op| op.kind == StoreOpKind::Lookup)
        .map(|op| op.found && op.expired.is_none())
        .collect()
}

/// The server each request was routed to, in order.
fn routes(played: &[PlayedStep]) -> Vec<String> {
    played
        .iter()
        .flat_map(|p| &p.trace.steps)
        .filter_map(|s| match &s.kind {
            StepKind::Routed { server } => Some(server.clone().unwrap_or_else(|| "none".into())),
            _ => None,
        })
        .collect()
}

/// The deployment after the last step.
fn end(played: &[PlayedStep]) -> session_playground::ClusterView {
    played.last().unwrap().trace.steps.last().unwrap().state.cluster.clone().expect("a clustered world")
}

fn handled(played: &[PlayedStep]) -> Vec<u64> {
    end(played).servers.iter().map(|s| s.handled).collect()
}

const LOGIN: &str = r#"{"action": "login", "username": "alice", "password": "wonderland"}"#;
const VISIT: &str = r#"{"action": "visit"}"#;

fn steps(parts: &[&str]) -> String {
    format!("[{}]", parts.join(","))
}

#[test]
fn four_servers_round_robin_and_their_own_memory_lose_three_requests_in_four() {
    let played = play(
        r#"{"seed": 1, "servers": 4, "balancing": "roundRobin", "storeLayout": "perServer"}"#,
        &steps(&[LOGIN, VISIT, VISIT, VISIT, VISIT, VISIT, VISIT, VISIT, VISIT]),
    );
    let ok = Some(200);
    let out = Some(401);
    assert_eq!(statuses(&played), [ok, out, out, out, ok, out, out, out, ok]);
    // Of the 8 requests after login, 6 find no session: 3 of every 4.
    let found = lookups(&played);
    assert_eq!((found.len(), found.iter().filter(|f| !**f).count()), (8, 6));
    assert_eq!(routes(&played), ["app-1", "app-2", "app-3", "app-4", "app-1", "app-2", "app-3", "app-4", "app-1"]);
    assert_eq!(handled(&played), [3, 2, 2, 2]);
    // Only app-1 holds the record; the others' memory is empty.
    let records: Vec<usize> = end(&played).servers.iter().map(|s| s.records.len()).collect();
    assert_eq!(records, [1, 0, 0, 0]);
    // Every store operation stays in the process: no round trip at all.
    let total = end(&played).total;
    assert_eq!((total.requests, total.lookups, total.round_trips), (9, 8, 0));
    // The login's insert, 8 lookups, and a touch with each of the 2 hits: 1 µs each.
    assert_eq!((total.in_process_ops, total.nanos), (11, 11_000));
}

#[test]
fn random_balancing_is_seeded_and_replays_exactly() {
    let settings = r#"{"seed": 1, "servers": 4, "balancing": "random"}"#;
    let script = steps(&[LOGIN, VISIT, VISIT, VISIT, VISIT, VISIT, VISIT, VISIT, VISIT]);
    let first = play(settings, &script);
    assert_eq!(routes(&first), routes(&play(settings, &script)));
    assert_eq!(routes(&first), ["app-3", "app-1", "app-2", "app-1", "app-2", "app-2", "app-1", "app-2", "app-4"]);
    // She logged in on app-3, and none of the eight visits that follow lands there.
    let found = lookups(&first);
    assert_eq!((found.len(), found.iter().filter(|f| **f).count()), (8, 0));
}

#[test]
fn sticky_sessions_work_until_the_pinned_server_stops() {
    let stop = r#"{"action": "stopServer", "server": 1}"#;
    let phone_login = r#"{"action": "login", "browser": "phone", "username": "alice", "password": "wonderland"}"#;
    let phone_visit = r#"{"action": "visit", "browser": "phone"}"#;
    let played = play(
        r#"{"seed": 1, "servers": 3, "balancing": "sticky"}"#,
        &steps(&[LOGIN, VISIT, VISIT, VISIT, phone_login, VISIT, stop, VISIT, VISIT, phone_visit]),
    );
    let ok = Some(200);
    assert_eq!(statuses(&played), [ok, ok, ok, ok, ok, ok, None, Some(401), Some(401), ok]);
    assert_eq!(
        routes(&played),
        ["app-1", "app-1", "app-1", "app-1", "app-2", "app-1", "app-3", "app-3", "app-2"],
        "pinned to app-1, then re-pinned to app-3 when app-1 stops"
    );
    // All 4 laptop lookups before the stop find the session; none after.
    assert_eq!(lookups(&played), [true, true, true, true, false, false, true]);
    // The miss after the stop says where the record went.
    assert!(said(&played[7]).contains("The record was in app-1's memory, and it was lost when app-1 stopped"));
    assert!(!said(&played[7]).contains("it was never issued"));
    // Uneven load: app-1 did 5 requests before it stopped, app-3 none until then.
    assert_eq!(handled(&played), [5, 2, 2]);
    assert!(!end(&played).servers[0].up);
    // The balancer's cookie is in the jar: the real jar stored it, and it now names app-3.
    let laptop = &played.last().unwrap().trace.steps.last().unwrap().state.browsers[0];
    let affinity = laptop.jar.iter().find(|c| c.name == "AWSALB").expect("the AWSALB cookie is in the jar");
    assert_eq!((affinity.path.as_str(), affinity.expires.as_deref()), ("/", Some("Mon, 09 Mar 2026 09:00:00 GMT")));
    // The balancer set it three times: two logins and one re-pin.
    let pins = played.iter().flat_map(|p| &p.trace.steps).filter(|s| matches!(s.kind, StepKind::AffinitySet { .. }));
    assert_eq!(pins.count(), 3);
}

#[test]
fn a_shared_store_serves_anyone_anywhere_and_revokes_everywhere_at_a_round_trip_each() {
    let revoke = r#"{"action": "revoke"}"#;
    let played = play(
        r#"{"preset": "tower", "seed": 1, "servers": 3, "storeLayout": "shared"}"#,
        &steps(&[LOGIN, VISIT, VISIT, VISIT, revoke, VISIT, VISIT, VISIT]),
    );
    let (ok, out) = (Some(200), Some(401));
    assert_eq!(statuses(&played), [ok, ok, ok, ok, None, out, out, out]);
    assert_eq!(routes(&played), ["app-1", "app-2", "app-3", "app-1", "app-2", "app-3", "app-1"]);
    // The first request after the revocation finds nothing, and tower-sessions
    // answers it with a removal cookie: the browser forgets the dead ticket,
    // so the last two requests carry none and look nothing up.
    assert_eq!(lookups(&played), [true, true, true, false]);
    // tower-sessions deletes the unsaved session's ID and writes at login (DEL, SET … NX),
    // reads with one GET, and deletes with one DEL: round trips are the lookups plus those three.
    let total = end(&played).total;
    assert_eq!((total.lookups, total.round_trips, total.slow_round_trips), (4, 7, 0));
    assert_eq!(total.nanos, 7 * 200_000);
    // Every command is the real Redis one.
    let brief: String = played.iter().map(|p| render_brief(&p.trace)).collect();
    assert!(brief.contains("store   store: SET wVwCiewtCpFn7I5loY3rvg <MessagePack of the record> EXAT"));
    assert!(brief.contains("store   store: GET wVwCiewtCpFn7I5loY3rvg"));
    assert!(brief.contains("store   store: DEL wVwCiewtCpFn7I5loY3rvg"));
}

/// The store's name in the cluster's view, as the page's store panel shows it.
fn store_kind(played: &[PlayedStep]) -> String {
    end(played).store_kind
}

#[test]
fn a_shared_store_is_named_for_what_it_holds() {
    let script = steps(&[LOGIN, VISIT]);
    // The playground's default keeps sessions in its process's memory; shared,
    // they go to Redis as connect-redis writes them.
    let generic = play(r#"{"seed": 1, "servers": 2, "storeLayout": "shared"}"#, &script);
    assert_eq!(store_kind(&generic), "Redis, with connect-redis's keys and commands");
    // A preset with a Redis store of its own keeps it, and its name.
    let tower = play(r#"{"preset": "tower", "seed": 1, "servers": 2, "storeLayout": "shared"}"#, &script);
    assert_eq!(store_kind(&tower), "Redis");
    // A token server's denylist lives in the shared Redis under its own keys, never connect-redis's.
    let settings = r#"{"seed": 1, "mechanism": "token", "denylist": true, "servers": 2, "storeLayout": "shared"}"#;
    assert_eq!(store_kind(&play(settings, &script)), "Redis");
    // Each server's own memory, when each keeps its own.
    let own = play(r#"{"seed": 1, "servers": 2, "storeLayout": "perServer"}"#, &script);
    assert_eq!(store_kind(&own), "in memory");
}

#[test]
fn express_and_connect_redis_pay_two_round_trips_a_request_and_every_hundredth_is_slow() {
    let mut script = vec![LOGIN];
    script.extend([VISIT; 60]);
    let played = play(r#"{"preset": "express", "seed": 1, "servers": 2, "storeLayout": "shared"}"#, &steps(&script));
    assert!(statuses(&played).iter().all(|s| *s == Some(200)));
    // DEL of the unsaved session and SET twice at login (as recorded), then GET and EXPIRE on every request.
    let total = end(&played).total;
    assert_eq!((total.requests, total.lookups, total.round_trips, total.slow_round_trips), (61, 60, 123, 1));
    assert_eq!(total.nanos, 122 * 200_000 + 2_000_000);
    let first_visit = &played[1].trace.steps.last().unwrap().state.cluster.as_ref().unwrap().action;
    assert_eq!((first_visit.lookups, first_visit.round_trips, first_visit.nanos), (1, 2, 400_000));
}

#[test]
fn while_the_shared_store_is_down_nobody_is_authenticated() {
    let down = r#"{"action": "stopStore"}"#;
    let up = r#"{"action": "startStore"}"#;
    let phone_login = r#"{"action": "login", "browser": "phone", "username": "alice", "password": "wonderland"}"#;
    let script = steps(&[LOGIN, VISIT, down, VISIT, VISIT, phone_login, up, VISIT]);
    // tower-sessions: a store it cannot reach fails the request.
    let tower = play(r#"{"preset": "tower", "seed": 1, "servers": 2, "storeLayout": "shared"}"#, &script);
    let (ok, error) = (Some(200), Some(500));
    assert_eq!(statuses(&tower), [ok, ok, None, error, error, error, None, ok]);
    assert!(!tower[2].trace.steps.last().unwrap().state.cluster.as_ref().unwrap().store_reachable);
    // Each failed attempt gets no reply: no round trip, slow or not, but a
    // command that waits for the stated client timeout (1 s).
    let outage: Vec<_> =
        tower[3..6].iter().map(|p| p.trace.steps.last().unwrap().state.cluster.clone().unwrap()).collect();
    assert!(outage.iter().all(|c| (c.action.round_trips, c.action.slow_round_trips, c.action.timeouts) == (0, 0, 1)));
    assert!(outage.iter().all(|c| c.action.nanos == c.model.unreachable_timeout_ns));
    assert_eq!(say(Label::Cost(&outage[0].action)), "1 lookup, 1 timed-out command (no reply), 1000.000 ms");
    // express-session with connect-redis (v4+): store.get fails, the error
    // goes to next(err), and the app answers 500, as tower does.
    let express = play(r#"{"preset": "express", "seed": 1, "servers": 2, "storeLayout": "shared"}"#, &script);
    assert_eq!(statuses(&express), [ok, ok, None, error, error, error, None, ok]);
    assert!(render_brief(&express[3].trace).contains("store   store: GET sess:"));
    let said: String = express[3].trace.steps.iter().map(|s| s.narration.as_str()).collect();
    assert!(said.contains("connect-redis passes the client's error to express-session"), "{said}");
    assert!(!said.contains("no req.session"), "{said}");
    // Neither tried to authenticate anyone while the store was down: no lookup found a session.
    for played in [&tower, &express] {
        let during = &played[3..6];
        assert!(lookups(during).iter().all(|found| !found));
    }
}

#[test]
fn a_stopped_server_loses_its_memory_and_nothing_runs_without_servers() {
    let played = play(
        r#"{"seed": 1, "servers": 2}"#,
        &steps(&[
            LOGIN,
            r#"{"action": "stopServer", "server": 1}"#,
            r#"{"action": "stopServer", "server": 2}"#,
            VISIT,
            r#"{"action": "startServer", "server": 1}"#,
            VISIT,
        ]),
    );
    assert_eq!(statuses(&played), [Some(200), None, None, Some(503), None, Some(401)]);
    assert_eq!(routes(&played), ["app-1", "none", "app-1"]);
    let flushed =
        played[1].trace.steps.iter().filter_map(|s| s.store_op.as_ref()).find(|op| op.kind == StoreOpKind::Flush);
    assert_eq!(flushed.map(|op| op.removed.len()), Some(1));
}

#[test]
fn one_server_is_exactly_the_playground_without_a_balancer() {
    for (key, _) in session_playground::tours::TOURS {
        let scenario = session_playground::tours::tour(key).unwrap().unwrap();
        if scenario.settings.clustered() {
            continue;
        }
        for step in scenario.play().iter().flat_map(|p| p.trace.steps.clone()) {
            assert_ne!(step.actor, Actor::Balancer, "{key}");
            assert!(step.state.cluster.is_none(), "{key}");
        }
    }
}

#[test]
fn a_server_number_must_name_one_of_the_servers() {
    let json = r#"{"title": "t", "settings": {"servers": 2}, "steps": [{"action": "stopServer", "server": 3}]}"#;
    assert_eq!(
        Scenario::from_json(json).unwrap_err().to_string(),
        "steps[0].server: expected a server from 1 to 2 (settings.servers); found 3"
    );
    let json = r#"{"title": "t", "settings": {"servers": 9}, "steps": [{"action": "stopStore"}]}"#;
    assert_eq!(
        Scenario::from_json(json).unwrap_err().to_string(),
        "settings.servers: expected a whole number from 1 to 8; found 9"
    );
}

const PHONE_LOGIN: &str = r#"{"action": "login", "browser": "phone", "username": "alice", "password": "wonderland"}"#;
const PHONE_VISIT: &str = r#"{"action": "visit", "browser": "phone"}"#;

/// Everything said during one played step.
fn said(played: &PlayedStep) -> String {
    played.trace.steps.iter().map(|s| format!("{}\n", s.narration)).collect()
}

#[test]
fn with_one_store_per_server_log_out_everywhere_ends_only_what_this_server_held() {
    let everywhere = r#"{"action": "logoutEverywhere"}"#;
    let played = play(
        r#"{"seed": 1, "servers": 2, "balancing": "sticky", "storeLayout": "perServer"}"#,
        &steps(&[LOGIN, PHONE_LOGIN, everywhere, PHONE_VISIT]),
    );
    // The laptop's server ends the one session it holds; the phone's lives on.
    assert_eq!(statuses(&played), [Some(200); 4]);
    assert_eq!(routes(&played), ["app-1", "app-2", "app-1", "app-2"]);
    let text = said(&played[2]);
    assert!(!text.contains("on every device"), "{text}");
    assert!(
        text.contains("app-1 searches its own memory for alice's sessions and deletes the one it finds."),
        "{text}"
    );
    assert!(
        text.contains("app-1 has ended the one session of alice that its own memory held, and only those"),
        "{text}"
    );
    // With a shared store, the same clicks end both sessions.
    let shared = play(
        r#"{"seed": 1, "servers": 2, "balancing": "sticky", "storeLayout": "shared"}"#,
        &steps(&[LOGIN, PHONE_LOGIN, everywhere, PHONE_VISIT]),
    );
    assert_eq!(statuses(&shared), [Some(200), Some(200), Some(200), Some(401)]);
    assert!(said(&shared[2]).contains("on every device"));
}

#[test]
fn with_one_store_per_server_an_admin_reaches_one_server_through_the_balancer() {
    let revoke_user = r#"{"action": "revokeUser", "user": "alice"}"#;
    let laptop_visit = VISIT;
    let played = play(
        r#"{"seed": 1, "servers": 2, "balancing": "sticky", "storeLayout": "perServer"}"#,
        &steps(&[LOGIN, PHONE_LOGIN, revoke_user, laptop_visit, PHONE_VISIT]),
    );
    // The admin request lands on app-1: the laptop's session ends, the phone's (on app-2) survives.
    assert_eq!(statuses(&played), [Some(200), Some(200), None, Some(401), Some(200)]);
    assert_eq!(routes(&played), ["app-1", "app-2", "app-1", "app-1", "app-2"]);
    let admin = &played[2].trace;
    let asks = admin.steps.iter().filter(|s| s.narration.starts_with("An administrator")).count();
    assert_eq!(asks, 1, "one administrator, one request, one server");
    let text = said(&played[2]);
    assert!(text.contains("The admin endpoint runs in app-1, which can search only its own memory."), "{text}");
    assert!(text.contains("alice's sessions in app-2's memory survive"), "{text}");
    assert_eq!(handled(&played), [3, 2]);
    // Revoking one session by its ID works only if the admin request reaches its holder.
    let revoke_newest = r#"{"action": "revoke"}"#;
    let played = play(
        r#"{"seed": 1, "servers": 2, "balancing": "roundRobin", "storeLayout": "perServer"}"#,
        &steps(&[LOGIN, revoke_newest, VISIT]),
    );
    // The login went to app-1; the admin request goes to app-2, whose memory is empty.
    assert_eq!(routes(&played), ["app-1", "app-2", "app-1"]);
    assert_eq!(statuses(&played), [Some(200), None, Some(200)]);
    assert!(said(&played[1]).contains("app-2's own memory holds none"));
}

#[test]
fn with_one_server_there_is_no_server_to_stop() {
    let json = r#"{"title": "t", "settings": {"servers": 1}, "steps": [{"action": "stopServer", "server": 1}]}"#;
    assert_eq!(
        Scenario::from_json(json).unwrap_err().to_string(),
        "steps[0].action: expected 2 or more servers, or a shared store, to stop or start a server \
         (settings.servers, settings.storeLayout); with one server, use restartServer"
    );
    let mut world = session_playground::World::from_settings(session_playground::Settings::default());
    let error = world.apply(&session_playground::Action::StartServer { server: 1 }).unwrap_err();
    assert!(error.to_string().starts_with("stopping or starting a server needs 2 or more servers"));
}

#[test]
fn express_regenerate_destroys_the_request_session_before_saving_the_new_one_twice() {
    let played = play(
        r#"{"preset": "express", "seed": 1, "servers": 2, "storeLayout": "shared", "rotateOnLogin": true}"#,
        &steps(&[LOGIN, LOGIN]),
    );
    let commands = |p: &PlayedStep| -> Vec<String> {
        p.trace
            .steps
            .iter()
            .filter_map(|s| s.store_op.as_ref())
            .flat_map(|op| op.command.iter().map(str::to_owned))
            .collect()
    };
    let verbs = |p: &PlayedStep| -> Vec<String> {
        commands(p).iter().map(|c| c.split(' ').next().unwrap().to_owned()).collect()
    };
    // No cookie yet (saveUninitialized: false kept nothing): regenerate() destroys the
    // request's unsaved session (a DEL of a key Redis never held), then the session is
    // saved twice, by save() and as the response ends (as recorded in tests/real/).
    assert_eq!(verbs(&played[0]), ["DEL", "SET", "SET"], "{:?}", commands(&played[0]));
    // Logged in already: the session is read (no EXPIRE: it is regenerated, not
    // touched), regenerate() destroys the old record, then the new one is saved twice.
    assert_eq!(verbs(&played[1]), ["GET", "DEL", "SET", "SET"], "{:?}", commands(&played[1]));
    // One round trip per command.
    let action = &played[1].trace.steps.last().unwrap().state.cluster.as_ref().unwrap().action;
    assert_eq!(action.round_trips, 4);
}

#[test]
fn each_server_sweeps_its_own_memory_and_says_so() {
    let wait = r#"{"action": "wait", "seconds": 7200}"#;
    let played = play(
        r#"{"seed": 1, "servers": 2, "storeLayout": "perServer", "cleanup": "sweeper"}"#,
        &steps(&[LOGIN, PHONE_LOGIN, wait]),
    );
    assert_eq!(routes(&played), ["app-1", "app-2"]);
    let sweeps: Vec<&str> = played[2]
        .trace
        .steps
        .iter()
        .filter(|s| s.store_op.as_ref().is_some_and(|op| op.kind == StoreOpKind::Sweep))
        .map(|s| s.narration.as_str())
        .collect();
    assert_eq!(sweeps.len(), 2);
    assert!(sweeps[0].starts_with("A background job in app-1 sweeps its own memory"), "{}", sweeps[0]);
    assert!(sweeps[1].starts_with("A background job in app-2 sweeps its own memory"), "{}", sweeps[1]);
    // Nothing ran against a network store: the cost line names only what happened.
    let cost = end(&played).action;
    assert_eq!(say(Label::Cost(&cost)), "0 lookups, no store commands, 0.000 ms");
}
