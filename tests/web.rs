//! Browser tests of the JavaScript boundary, run in headless Chromium by
//! `wasm-pack test --headless --chrome`.
//!
//! They drive `Playground` exactly as the page does and read the plain JS
//! objects it returns, so they check the shape the page relies on, and that
//! session IDs come from the browser's `crypto.getRandomValues`.

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Reflect};
use session_playground::wasm::Playground;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `value.a.b.c`, or undefined.
fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| match key.parse::<u32>() {
        Ok(i) => Reflect::get_u32(&v, i).unwrap_or(JsValue::UNDEFINED),
        Err(_) => Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED),
    })
}

/// A JS value from a Rust one, as the page would pass it.
fn js(value: impl Into<JsValue>) -> JsValue {
    value.into()
}

fn steps(trace: &JsValue) -> Array {
    get(trace, "steps").dyn_into().expect("trace.steps is an array")
}

fn last(trace: &JsValue) -> JsValue {
    let steps = steps(trace);
    steps.get(steps.length() - 1)
}

/// An action in the scenario format, as the page builds one.
fn action(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

fn login_action(browser: &str) -> JsValue {
    action(&format!(r#"{{"action": "login", "browser": "{browser}", "username": "alice", "password": "wonderland"}}"#))
}

fn visit_action(browser: &str, path: &str) -> JsValue {
    action(&format!(r#"{{"action": "visit", "browser": "{browser}", "path": "{path}"}}"#))
}

fn text(value: &JsValue, path: &str) -> String {
    get(value, path).as_string().unwrap_or_else(|| panic!("{path} is not a string"))
}

#[wasm_bindgen_test]
fn the_coat_check_flow_runs_through_the_js_api() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let laptop = playground.default_browser();

    let login = playground.run(&login_action(&laptop)).unwrap();
    let first = steps(&login).get(0);
    assert_eq!(text(&first, "actor"), "browser");
    assert_eq!(text(&first, "kind.type"), "requestBuilt");
    assert_eq!(text(&first, "message.startLine"), "POST /login HTTP/1.1");
    let end = last(&login);
    assert_eq!(text(&end, "state.browsers.0.jar.0.name"), "sid");
    let id = text(&end, "state.store.0.id");
    assert_eq!(text(&end, "state.browsers.0.jar.0.value"), id);
    assert_eq!(text(&end, "state.store.0.user"), "alice");
    assert!(text(&end, "message.text").contains(&format!("Set-Cookie: sid={id}; Path=/; HttpOnly; SameSite=Lax")));

    let visit = playground.run(&visit_action(&laptop, "/profile")).unwrap();
    assert_eq!(get(&last(&visit), "message.status").as_f64(), Some(200.0));

    let revoke = playground.run(&action(r#"{"action": "revoke"}"#)).unwrap();
    assert_eq!(text(&last(&revoke), "storeOp.kind"), "delete");
    let visit = playground.run(&visit_action(&laptop, "/profile")).unwrap();
    assert_eq!(get(&last(&visit), "message.status").as_f64(), Some(401.0));

    let logout = playground.run(&action(r#"{"action": "logout", "browser": "laptop"}"#)).unwrap();
    assert_eq!(get(&last(&logout), "state.browsers.0.jar.length").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn absent_values_are_null_not_undefined() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let laptop = playground.default_browser();
    let trace = playground.run(&visit_action(&laptop, "/profile")).unwrap();
    // The first step has no store operation: the page can test it with `=== null`.
    assert!(get(&steps(&trace).get(0), "storeOp").is_null());
}

#[wasm_bindgen_test]
fn errors_become_js_exceptions_with_a_message() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let err = playground
        .run(&action(r#"{"action": "logout", "browser": "toaster"}"#))
        .expect_err("an unknown browser is an error");
    let err: JsValue = err.into();
    assert_eq!(text(&err, "message"), "action.browser: expected one of laptop, phone, mallory; found \"toaster\"");
}

#[wasm_bindgen_test]
fn session_ids_come_from_crypto_get_random_values() {
    // Wrap the browser's CSPRNG: count the calls, and (for this test only)
    // fill with zeros so the resulting ID is predictable.
    let install = Function::new_no_args(
        "const c = globalThis.crypto;
         const original = c.getRandomValues.bind(c);
         globalThis.__calls = 0;
         c.getRandomValues = (buf) => { globalThis.__calls++; buf.fill(0); return buf; };
         return () => { c.getRandomValues = original; };",
    );
    let restore: Function = install.call0(&JsValue::NULL).unwrap().dyn_into().unwrap();

    let mut playground = Playground::new();
    assert_eq!(playground.id_source(), "CSPRNG (getrandom)");
    let laptop = playground.default_browser();
    let login = playground.run(&login_action(&laptop));
    let calls = Reflect::get(&js_sys::global(), &"__calls".into()).unwrap().as_f64().unwrap();
    restore.call0(&JsValue::NULL).unwrap();

    let login = login.unwrap();
    assert!(calls >= 1.0, "crypto.getRandomValues was never called");
    // 16 zero bytes in base64url: the ID is exactly what the browser's CSPRNG gave.
    assert_eq!(text(&last(&login), "state.store.0.id"), "AAAAAAAAAAAAAAAAAAAAAA");

    // With the real CSPRNG restored, IDs are 22 URL-safe characters and differ.
    let mut playground = Playground::new();
    let a = text(&last(&playground.run(&login_action(&laptop)).unwrap()), "state.store.0.id");
    let b = text(&last(&playground.run(&login_action(&laptop)).unwrap()), "state.store.0.id");
    assert_ne!(a, b);
    for id in [a, b] {
        assert_eq!(id.len(), 22);
        assert!(id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }
}

/// A plain JS object from JSON text, as the page would build it.
fn object(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

#[wasm_bindgen_test]
fn actions_run_from_plain_objects_and_bad_ones_throw_with_the_field() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let trace = playground
        .run(&object(r#"{"action": "login", "browser": "phone", "username": "bob", "password": "builder"}"#))
        .unwrap();
    assert_eq!(text(&last(&trace), "state.browsers.1.jar.0.name"), "sid");
    let err: JsValue = playground.run(&object(r#"{"action": "fly"}"#)).expect_err("not an action").into();
    assert!(text(&err, "message").starts_with("action.action: expected one of login, visit"));
    let err: JsValue =
        playground.run(&object(r#"{"action": "wait", "seconds": "soon"}"#)).expect_err("not a number").into();
    assert_eq!(text(&err, "message"), "action.seconds: expected a whole number from 1 to 316224000; found \"soon\"");
}

#[wasm_bindgen_test]
fn an_action_is_labelled_by_the_core_and_a_bad_one_throws() {
    let label = Playground::action_label(&object(r#"{"action": "visit", "browser": "phone", "path": "/profile"}"#));
    assert_eq!(label.unwrap(), "Alice's phone: visit /profile");
    let err: JsValue = Playground::action_label(&object(r#"{"action": "fly"}"#)).expect_err("not an action").into();
    assert!(text(&err, "message").starts_with("action.action: expected one of login, visit"));
}

#[wasm_bindgen_test]
fn settings_reconfigure_the_server_and_bad_ones_change_nothing() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    playground.configure(&object(r#"{"preset": "django", "seed": 7}"#)).unwrap();
    assert_eq!(text(&playground.settings().unwrap(), "preset"), "django");
    let login =
        playground.run(&object(r#"{"action": "login", "username": "alice", "password": "wonderland"}"#)).unwrap();
    assert!(text(&last(&login), "message.text").contains("Set-Cookie: sessionid="));
    let err: JsValue = playground.configure(&object(r#"{"preset": "rails"}"#)).expect_err("no such preset").into();
    assert!(text(&err, "message").starts_with("settings.preset: expected one of generic, express"));
    assert_eq!(text(&playground.settings().unwrap(), "preset"), "django");
}

#[wasm_bindgen_test]
fn tours_load_and_step_through_to_the_end() {
    // The page fetches a tour's file from scenarios/ and hands its text over.
    let mut playground = Playground::new();
    let info = playground.load_scenario(&js(include_str!("../scenarios/revocation.json"))).unwrap();
    assert_eq!(text(&info, "title"), "Instant revocation");
    let total = get(&info, "steps.length").as_f64().unwrap() as u32;
    let mut ran = 0;
    let mut final_status = None;
    loop {
        let step = playground.next_scenario_step().unwrap();
        if step.is_null() {
            break;
        }
        ran += 1;
        final_status = get(&last(&get(&step, "trace")), "message.status").as_f64();
    }
    assert_eq!(ran, total);
    // Turned away after the revocation, Alice logs in again.
    assert_eq!(final_status, Some(200.0));
    let err: JsValue = playground.load_scenario(&js("{\"title\": 1}")).expect_err("broken").into();
    assert_eq!(text(&err, "message"), "title: expected a string; found 1");
}

#[wasm_bindgen_test]
fn a_cluster_shows_in_the_settings_the_steps_and_the_snapshot() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    // One server with its own store: no cluster in the snapshot at all.
    assert!(get(&playground.snapshot().unwrap(), "cluster").is_undefined());
    playground.configure(&object(r#"{"seed": 1, "servers": 4, "balancing": "sticky"}"#)).unwrap();
    let settings = playground.settings().unwrap();
    assert_eq!(get(&settings, "servers").as_f64(), Some(4.0));
    assert_eq!(text(&settings, "balancing"), "sticky");
    assert_eq!(text(&settings, "storeLayout"), "perServer");
    let login = playground.run(&login_action("laptop")).unwrap();
    assert_eq!(text(&steps(&login).get(2), "actor"), "balancer");
    assert_eq!(text(&steps(&login).get(2), "kind.server"), "app-1");
    let end = last(&login);
    assert_eq!(text(&end, "state.browsers.0.jar.1.name"), "AWSALB");
    assert_eq!(get(&end, "state.cluster.servers.length").as_f64(), Some(4.0));
    assert_eq!(text(&end, "state.cluster.servers.0.records.0.user"), "alice");
    assert_eq!(get(&end, "state.cluster.total.inProcessOps").as_f64(), Some(1.0));
    assert_eq!(get(&end, "state.cluster.model.roundTripNs").as_f64(), Some(200_000.0));
    let stop = playground.run(&object(r#"{"action": "stopServer", "server": 1}"#)).unwrap();
    assert_eq!(get(&last(&stop), "state.cluster.servers.0.up").as_bool(), Some(false));
    let err: JsValue =
        playground.run(&object(r#"{"action": "stopServer", "server": 5}"#)).expect_err("no app-5").into();
    assert_eq!(
        get(&err, "message").as_string().as_deref(),
        Some("there is no app server 5 (the servers are numbered 1 to 4)")
    );
}

#[wasm_bindgen_test]
fn the_scale_lab_runs_in_chunks_and_reports_plain_objects() {
    use session_playground::wasm::ScaleLab;
    let config = object(
        r#"{"users": 10000, "requests": 100000, "servers": 4, "balancing": "roundRobin", "layout": "perServer", "seed": 1}"#,
    );
    let mut run = ScaleLab::new(&config).unwrap();
    assert_eq!(run.total(), 100_000.0);
    assert_eq!(run.step(&js(30_000)).unwrap(), 30_000.0);
    assert!(!run.finished());
    while !run.finished() {
        run.step(&js(30_000)).unwrap();
    }
    let result = run.result().unwrap();
    // The same counts as the native run of the same seed (tests/scale.rs).
    assert_eq!(get(&result, "found").as_f64(), Some(22_417.0));
    assert_eq!(get(&result, "notFound").as_f64(), Some(67_583.0));
    assert_eq!(get(&result, "perServer.3").as_f64(), Some(25_000.0));
    assert_eq!(get(&result, "latency.p99Ns").as_f64(), Some(2_000.0));
    assert_eq!(get(&result, "memory.redisBytesPerRecord").as_f64(), Some(272.0));
    assert_eq!(text(&result, "config.balancing"), "roundRobin");
    assert!(get(&result, "config.stopServer").is_null());

    let sweep: Array = ScaleLab::sweep(&config, &js("servers")).unwrap().dyn_into().unwrap();
    assert_eq!(sweep.length(), 8);
    assert_eq!(get(&sweep.get(7), "servers").as_f64(), Some(8.0));
    // A sweep's configurations go straight back in.
    assert!(ScaleLab::new(&sweep.get(0)).is_ok());

    let err: JsValue = ScaleLab::new(&object(r#"{"users": 0}"#)).err().expect("no users").into();
    assert_eq!(text(&err, "message"), "users: expected a whole number from 1 to 100000; found 0");
    let err: JsValue = ScaleLab::sweep(&config, &js("zones")).expect_err("no such sweep").into();
    assert_eq!(text(&err, "message"), "sweep(sweep): expected none, servers or policies; found \"zones\"");
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_throw_naming_the_method_and_the_argument() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let message = |err: wasm_bindgen::JsError| text(&JsValue::from(err), "message");
    assert_eq!(
        message(playground.load_scenario(&js(true)).unwrap_err()),
        "loadScenario(json): expected a string; found true"
    );
    let symbol = js_sys::Symbol::for_("s");
    assert_eq!(
        message(playground.load_scenario(&symbol).unwrap_err()),
        "loadScenario(json): expected a string; found a Symbol"
    );
    let big = js_sys::BigInt::from(10u32);
    assert_eq!(
        message(playground.preset_settings(&big).unwrap_err()),
        "presetSettings(key): expected a string; found 10n"
    );
    let date = js_sys::Date::new_0();
    assert_eq!(message(playground.run(&symbol).unwrap_err()), "run(action): expected a plain object; found a Symbol");
    assert_eq!(
        message(playground.load_scenario(&date).unwrap_err()),
        "loadScenario(json): expected a string; found a Date"
    );
    assert_eq!(
        message(Playground::with_seed(&js(f64::NAN)).err().unwrap()),
        "withSeed(seed): expected a whole number from 0 to 4294967295; found NaN"
    );
    // A path with CR or LF never reaches the request text.
    assert_eq!(
        message(playground.run(&visit_action("laptop", "/a\\r\\nX: 1")).unwrap_err()),
        "action.path: expected a path such as /profile; found \"/a\\r\\nX: 1\""
    );
    // And the playground still works.
    let trace = playground.run(&login_action("laptop")).unwrap();
    assert_eq!(text(&last(&trace), "state.store.0.user"), "alice");
}

#[wasm_bindgen_test]
fn the_cookie_labs_clock_stops_where_the_playgrounds_does() {
    use session_playground::wasm::CookieLab;
    let mut lab = CookieLab::new();
    let decade = js(316_224_000);
    for _ in 0..9 {
        lab.wait(&decade).unwrap();
    }
    let err: JsValue = lab.wait(&decade).expect_err("past the clock's end").into();
    assert_eq!(
        text(&err, "message"),
        "wait(secs): 316224000 seconds would take the lab's clock past its limit, a hundred years after the start \
         (Sat, 02 Mar 2126 09:00:00 GMT); 309657600 seconds are left. Clear the jar to start again"
    );
    let result = lab.wait(&js(309_657_600)).unwrap();
    assert_eq!(text(&result, "now"), "Sat, 02 Mar 2126 09:00:00 GMT");
}

/// A scenario's prepared start is in place as soon as it loads (the page's
/// first snapshot shows it), again after a reset, and its steps carry their
/// titles, moments and verdicts.
#[wasm_bindgen_test]
fn a_loaded_scenario_starts_from_its_given_state() {
    let json = r#"{"title": "t", "settings": {"seed": 1},
        "given": [{"action": "login", "browser": "laptop", "username": "alice", "password": "wonderland"}],
        "steps": [{"title": "Revoked", "action": "revoke"},
                  {"title": "Refused", "ask": "In?", "choices": [{"label": "Yes", "status": 200}, {"label": "No", "status": 401}],
                   "action": "visit", "browser": "laptop", "path": "/profile"}]}"#;
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let info = playground.load_scenario(&js(json)).unwrap();
    assert_eq!(text(&info, "given.0"), "Alice's laptop: log in as alice");
    assert_eq!(text(&info, "steps.1.title"), "Refused");
    let at_load = playground.snapshot().unwrap();
    assert_eq!(text(&at_load, "store.0.user"), "alice");
    assert_eq!(text(&at_load, "browsers.0.ticketState"), "live");

    let revoke = playground.next_scenario_step().unwrap();
    assert_eq!(text(&revoke, "title"), "Revoked");
    assert_eq!(get(&steps(&get(&revoke, "trace")).get(0), "startsMoment").as_bool(), Some(true));
    assert!(get(&revoke, "verdict").is_null());
    let visit = playground.next_scenario_step().unwrap();
    assert_eq!(text(&visit, "verdict.answer"), "No");
    let decided = get(&visit, "verdict.decidedAt").as_f64().unwrap() as u32;
    assert_eq!(text(&steps(&get(&visit, "trace")).get(decided), "kind.type"), "responseBuilt");
    assert!(text(&visit, "verdict.reason").ends_with("401 Unauthorized."));

    playground.reset();
    assert_eq!(text(&playground.snapshot().unwrap(), "store.0.user"), "alice", "a reset goes back to the given state");
}

/// `revoke` names a session by the browser using it: from free play (nothing
/// known beforehand, so a browser without a session gets one narrated step)
/// and in a loaded scenario (checked as it loads, the error naming the step).
#[wasm_bindgen_test]
fn revoke_names_a_session_by_the_browser_using_it() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let revoke_phone = object(r#"{"action": "revoke", "browser": "phone"}"#);
    let nothing = playground.run(&revoke_phone).unwrap();
    assert_eq!(steps(&nothing).length(), 1);
    assert!(text(&last(&nothing), "narration").contains("holds no session ticket"));
    assert!(get(&last(&nothing), "storeOp").is_null(), "no store operation");

    playground.run(&login_action("phone")).unwrap();
    let laptop = playground.run(&login_action("laptop")).unwrap();
    let phone_ticket = text(&last(&laptop), "state.browsers.1.ticket");
    let revoked = playground.run(&revoke_phone).unwrap();
    assert_eq!(text(&last(&revoked), "storeOp.kind"), "delete");
    assert_eq!(text(&last(&revoked), "storeOp.id"), phone_ticket, "the phone's record, not the newest");
    assert_eq!(get(&last(&revoked), "state.store.length").as_f64(), Some(1.0));
    assert_eq!(text(&last(&revoked), "state.browsers.1.ticketState"), "noRecord");
    assert_eq!(text(&last(&revoked), "state.browsers.0.ticketState"), "live");

    let json = r#"{"title": "t", "steps": [{"action": "visit"}, {"action": "revoke", "browser": "phone"}]}"#;
    let err: JsValue = playground.load_scenario(&js(json)).expect_err("the phone holds no ticket").into();
    assert!(
        text(&err, "message").starts_with("steps[1].browser: Alice's phone holds no session ticket when this runs"),
        "{}",
        text(&err, "message")
    );
}

#[wasm_bindgen_test]
fn the_timeline_gives_back_any_step_and_a_replay_counts_steps_untraced() {
    let mut playground = Playground::with_seed(&js(3)).unwrap();
    let login = object(r#"{"action":"login","browser":"laptop","username":"alice","password":"wonderland"}"#);
    let visit = object(r#"{"action":"visit","browser":"laptop","path":"/profile"}"#);
    let at = playground.act(&login).unwrap();
    assert_eq!(get(&at, "first").as_f64(), Some(0.0));
    let count = get(&at, "count").as_f64().unwrap();
    assert!(count > 3.0);
    let last_login_step = playground.step_at(count - 1.0).unwrap();
    assert_eq!(text(&last_login_step, "state.store.0.user"), "alice");
    // An action through `run` joins the same timeline.
    playground.run(&visit).unwrap();
    assert!(playground.step_count() > count);

    // Untraced replay: counts per action, and the steps come back on request.
    let mut replayed = Playground::with_seed(&js(3)).unwrap();
    let list = Array::of2(&login, &visit);
    let result = replayed.replay_actions(&list).unwrap();
    let counts: Array = get(&result, "counts").dyn_into().unwrap();
    assert_eq!(counts.length(), 2);
    assert_eq!(counts.get(0).as_f64(), Some(count));
    assert!(get(&result, "failed").is_null());
    assert_eq!(replayed.step_count(), playground.step_count());
    let a = js_sys::JSON::stringify(&replayed.step_at(count - 1.0).unwrap()).unwrap();
    let b = js_sys::JSON::stringify(&last_login_step).unwrap();
    assert_eq!(a, b, "a replayed step is the step first traced");

    // A bad action stops the replay and says which.
    let bad = Array::of2(&visit, &object(r#"{"action":"fly"}"#));
    let result = Playground::with_seed(&js(3)).unwrap().replay_actions(&bad).unwrap();
    assert_eq!(get(&result, "failed.index").as_f64(), Some(1.0));
    assert!(text(&result, "failed.message").contains("fly"), "{}", text(&result, "failed.message"));

    // Past the end, or not a whole number: a clear error.
    for index in [playground.step_count(), -1.0, 0.5, f64::NAN] {
        let error = JsValue::from(playground.step_at(index).unwrap_err());
        let message = text(&error, "message");
        assert!(message.contains("expected a whole number"), "{message}");
    }
}

#[wasm_bindgen_test]
fn a_shared_links_impossible_ids_are_refused_and_listed() {
    let mut playground = Playground::new();
    let login = object(r#"{"action":"login","browser":"laptop","username":"alice","password":"wonderland"}"#);
    playground.run(&login).unwrap();
    let first = playground.drawn_ids()[0].clone();
    let mut replay = Playground::new();
    // The same ID twice: the second time the CSPRNG could not have drawn it.
    let ids = js_sys::Array::of2(&js(first.as_str()), &js(first.as_str()));
    replay.replay_ids(&ids).unwrap();
    replay.run(&login).unwrap();
    replay.run(&login).unwrap();
    assert_eq!(replay.drawn_ids()[0], first);
    assert_ne!(replay.drawn_ids()[1], first);
    let refused = replay.refused_ids().unwrap();
    assert_eq!(get(&refused, "0.position").as_f64(), Some(2.0));
    assert_eq!(text(&refused, "0.id"), first);
    assert!(text(&refused, "0.reason").contains("handed out before"));
}

/// The browser's module reads scenarios with the browser's own `JSON.parse`
/// (it carries no JSON parser): each document below must be judged exactly as
/// the native parser judges it, numbers included (a whole number that fits
/// 64 bits is an integer, anything else a float), with the same message for
/// every mistake, and nesting too deep is an error, not a crash.
#[wasm_bindgen_test]
fn scenarios_read_through_json_parse_are_judged_as_the_native_parser_judges_them() {
    use session_playground::Scenario;
    let message = |err: wasm_bindgen::JsError| text(&JsValue::from(err), "message");
    let step = |extra: &str| {
        format!(r#"{{"version": 1, "title": "T", "steps": [{{"action": "wait", "seconds": 60{extra}}}]}}"#)
    };
    let mut documents = vec![
        step(""),
        r#"{"version": 1.0, "title": "T", "steps": []}"#.to_owned(),
        r#"{"version": 1e0, "title": "T", "steps": []}"#.to_owned(),
        r#"{"version": -1, "title": "T", "steps": []}"#.to_owned(),
        r#"{"version": 18446744073709551615, "title": "T", "steps": []}"#.to_owned(),
        r#"{"version": -9223372036854775808, "title": "T", "steps": []}"#.to_owned(),
        r#"{"version": 1e300, "title": "T", "steps": []}"#.to_owned(),
        r#"{"title": "\u001b[2J", "summary": "é", "steps": [], "extra": null}"#.to_owned(),
        r#"{"title": "T", "title": "U", "steps": []}"#.to_owned(),
        r#"{"title": "T", "settings": {"preset": "express", "idleTimeout": 1.5}, "steps": []}"#.to_owned(),
        r#"{"title": "T", "settings": {"seed": 4294967296}, "steps": []}"#.to_owned(),
        r#"[1, "two", true, null, {"a": []}]"#.to_owned(),
        "\u{feff}{\"title\": \"with a byte-order mark\", \"steps\": []}".to_owned(),
    ];
    for seconds in ["1.5", "-60", "0", "315360001", "1e2", "99999999999999999999"] {
        documents.push(step(&format!(r#", "seconds": {seconds}"#)).replace(r#""seconds": 60, "#, ""));
    }
    for document in &documents {
        let native = Scenario::from_json(document).map(|s| s.title).map_err(|e| e.to_string());
        let browser =
            Playground::new().load_scenario(&js(document.as_str())).map(|info| text(&info, "title")).map_err(message);
        assert_eq!(browser, native, "for {document}");
    }
    // Broken JSON is named as such (in the browser's own words after the colon).
    let broken = message(Playground::new().load_scenario(&js("{\"title\": ")).unwrap_err());
    assert!(broken.starts_with("the scenario is not valid JSON: "), "{broken}");
    // 200 nested arrays: past the limit, an error; the playground goes on working.
    let deep = format!(r#"{{"title": "T", "steps": [], "x": {}{}}}"#, "[".repeat(200), "]".repeat(200));
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    assert_eq!(
        message(playground.load_scenario(&js(deep.as_str())).unwrap_err()),
        "the scenario nests arrays and objects more than 128 deep"
    );
    let nested = object(&format!("{}{}", "[".repeat(200), "]".repeat(200)));
    assert!(message(playground.run(&nested).unwrap_err()).starts_with("run(action): expected data nested at most 128"));
    assert!(playground.run(&login_action("laptop")).is_ok());
}

#[wasm_bindgen_test]
fn the_core_gives_the_pages_forms_their_limits_and_each_presets_store_label() {
    let limits = Playground::limits().unwrap();
    assert_eq!(get(&limits, "maxServers").as_f64(), Some(8.0));
    assert_eq!(get(&limits, "timeoutSeconds.min").as_f64(), Some(1.0));
    assert_eq!(get(&limits, "timeoutSeconds.max").as_f64(), Some(316_224_000.0), "ten years");
    assert_eq!(get(&limits, "storeViewOthers").as_f64(), Some(12.0));
    let presets: Array = Playground::presets().unwrap().dyn_into().unwrap();
    let label_of = |key: &str| {
        let preset = presets.iter().find(|p| text(p, "key") == key).unwrap_or_else(|| panic!("no preset {key}"));
        text(&preset, "storeLabel")
    };
    assert_eq!(label_of("django"), "SQL: django_session");
    assert_eq!(label_of("express"), "Redis (connect-redis)");
    assert_eq!(label_of("generic"), "in memory");
}

#[wasm_bindgen_test]
fn a_step_carries_its_server_status_and_its_worlds_cookie_name() {
    let mut playground = Playground::with_seed(&js(1)).unwrap();
    let login = object(r#"{"action":"login","browser":"laptop","username":"alice","password":"wonderland"}"#);
    let trace = playground.run(&login).unwrap();
    assert_eq!(text(&trace, "steps.1.serverStatus"), "Request arriving: POST /login");
    assert_eq!(text(&trace, "steps.0.state.cookieName"), playground.cookie_name());
    assert_eq!(get(&trace, "steps.6.state.storeTotal").as_f64(), Some(1.0));
}
