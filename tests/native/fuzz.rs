//! Hostile input, generated: arbitrary scenario JSON and arbitrary shared
//! links (`#play=` payloads, the part the core reads), bounded to a few
//! seconds in `cargo test`.
//!
//! - A scenario, however broken (random JSON, random steps and settings
//!   built from the format's own words and from anything else, built-in
//!   tours with random parts replaced, text cut short or behind a
//!   byte-order mark), either parses and then plays every step without an
//!   error, or is refused with a message that names a place and quotes no
//!   raw control character. Nothing panics.
//! - A shared link's settings, session IDs and actions, however made up,
//!   are taken or refused with a clear message, one at a time, as the page
//!   replays them; the world they build stays serialisable with every
//!   number exact in JavaScript (below 2^53). Nothing panics.
//!
//! The link's outer layer (base64url, JSON, its shape) is decoded in the
//! page; `tests/e2e/share-fuzz.test.mjs` fuzzes that decoder.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{Map, Value};
use session_playground::tours::{tour, TOURS};
use session_playground::{action_from_json, settings_from_json, ACTIONS, SETTINGS_FIELDS};
use session_playground::{Scenario, World};

/// Words of the format (with [`SETTINGS_FIELDS`]), so random documents reach deep into the parser.
const WORDS: &[&str] = &[
    "version",
    "title",
    "summary",
    "settings",
    "steps",
    "action",
    "say",
    "ask",
    "choices",
    "label",
    "status",
    "page",
    "browser",
    "username",
    "password",
    "path",
    "id",
    "user",
    "from",
    "to",
    "seconds",
    "fields",
    "defence",
    "server",
    "laptop",
    "phone",
    "mallory",
    "alice",
    "bob",
    "wonderland",
    "builder",
    "hunter2",
    "/profile",
    "/login",
    "/",
    "generic",
    "express",
    "tower",
    "django",
    "spring",
    "php",
    "owasp",
    "csprng",
    "seeded",
    "sequential",
    "deleteAndExpire",
    "clientOnly",
    "serverOnly",
    "onRead",
    "sweeper",
    "never",
    "lax",
    "strict",
    "none",
    "roundRobin",
    "random",
    "sticky",
    "perServer",
    "shared",
    "rotation",
    "randomIds",
    "timeouts",
    "revocation",
    "",
    " ",
    "\r\n",
    "\u{1b}[2J",
    "\u{feff}",
    "\u{202e}",
    "\0",
    "a;b",
    "AAAAAAAAAAAAAAAAAAAAAA",
    "wVwCiewtCpFn7I5loY3rvg",
    "s:abc.def",
    "%0d%0a",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        2 => prop::sample::select(SETTINGS_FIELDS).prop_map(str::to_owned),
        1 => prop::sample::select(ACTIONS.iter().map(|(name, _)| *name).collect::<Vec<_>>()).prop_map(str::to_owned),
        1 => any::<String>(),
        1 => (1usize..400).prop_map(|n| "x".repeat(n)),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::from(0)),
        Just(Value::from(1)),
        Just(Value::from(-1)),
        Just(Value::from(316_224_000u64)),
        Just(Value::from(316_224_001u64)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(i64::MIN)),
        (0u64..1000).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::Bool), number(), word().prop_map(Value::String),]
}

/// Any JSON value, up to a few levels deep, keys mostly the format's own.
fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(word(), inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A value for a field: usually a plausible one, sometimes anything.
fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![3 => word().prop_map(Value::String), 2 => number(), 1 => json()]
}

/// An object with some of `keys` (and now and then another key), each with a field value.
fn object_of(keys: Vec<&'static str>) -> impl Strategy<Value = Value> {
    let key = prop_oneof![6 => prop::sample::select(keys).prop_map(str::to_owned), 1 => word()];
    prop::collection::btree_map(key, field_value(), 0..5).prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// A step: a known action (usually) with some of its fields, or an unknown one.
fn step() -> impl Strategy<Value = Value> {
    let actions: Vec<&'static str> = ACTIONS.iter().map(|(name, _)| *name).collect();
    let action = prop_oneof![8 => prop::sample::select(actions).prop_map(str::to_owned), 1 => word()];
    let fields: Vec<&'static str> = ACTIONS.iter().flat_map(|(_, fields)| fields.iter().copied()).collect();
    (action, object_of(fields), prop::option::of(json())).prop_map(|(action, fields, extra)| {
        let mut object = match fields {
            Value::Object(object) => object,
            _ => Map::new(),
        };
        object.insert("action".into(), Value::String(action));
        if let Some(extra) = extra {
            object.insert("choices".into(), extra);
        }
        Value::Object(object)
    })
}

fn settings() -> impl Strategy<Value = Value> {
    object_of(SETTINGS_FIELDS.to_vec())
}

/// A scenario built from the format's parts, each possibly wrong.
fn structured_scenario() -> impl Strategy<Value = Value> {
    (field_value(), prop::option::of(settings()), prop::collection::vec(step(), 0..12)).prop_map(
        |(title, settings, steps)| {
            let mut object = Map::new();
            object.insert("title".into(), title);
            if let Some(settings) = settings {
                object.insert("settings".into(), settings);
            }
            object.insert("steps".into(), Value::Array(steps));
            Value::Object(object)
        },
    )
}

/// Replaces the value at a random place in `value` (found by walking `path` choices) with `new`.
fn mutate(value: &mut Value, path: &[usize], new: Value) {
    let Some((&first, rest)) = path.split_first() else {
        *value = new;
        return;
    };
    match value {
        Value::Object(object) if !object.is_empty() => {
            let key = object.keys().nth(first % object.len()).cloned().unwrap_or_default();
            if rest.is_empty() && first % 5 == 0 {
                object.remove(&key);
            } else if let Some(child) = object.get_mut(&key) {
                mutate(child, rest, new);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            mutate(&mut items[first % len], rest, new);
        }
        _ => *value = new,
    }
}

/// A built-in tour with a few of its parts replaced or removed.
fn mutated_tour() -> impl Strategy<Value = Value> {
    let mutation = (prop::collection::vec(any::<usize>(), 0..5), field_value());
    (0..TOURS.len(), prop::collection::vec(mutation, 1..4)).prop_map(|(i, mutations)| {
        let mut value: Value = serde_json::from_str(TOURS[i].1).expect("a tour is JSON");
        for (path, new) in mutations {
            mutate(&mut value, &path, new);
        }
        value
    })
}

/// A message fit to show: something said, and no raw control character.
fn assert_clear(message: &str, input: &str) {
    assert!(!message.trim().is_empty(), "an empty message for {input}");
    assert!(!message.chars().any(char::is_control), "a raw control character in {message:?} for {input}");
}

/// Every number in a value a JavaScript number holds exactly.
fn assert_exact_in_js(value: &Value, what: &str) {
    match value {
        Value::Number(n) => {
            let exact = n.as_u64().map(|u| u < 1 << 53).or_else(|| n.as_i64().map(|i| i.unsigned_abs() < 1 << 53));
            assert!(exact.unwrap_or(true), "{what}: {n} is not exact as a JavaScript number");
        }
        Value::Array(items) => items.iter().for_each(|v| assert_exact_in_js(v, what)),
        Value::Object(object) => object.values().for_each(|v| assert_exact_in_js(v, what)),
        _ => {}
    }
}

/// Parses a scenario from text and, if it is one, plays it: every step must run.
fn check_scenario_text(text: &str) {
    match Scenario::from_json(text) {
        Err(e) => assert_clear(&e.to_string(), text),
        Ok(scenario) => {
            for (i, played) in scenario.play().iter().enumerate() {
                assert!(!played.trace.steps.is_empty(), "step {i} of a scenario the parser took failed to run: {text}");
            }
        }
    }
}

/// The core's side of a shared link, as the page replays it: a tour's first
/// `ran` steps, or settings, the CSPRNG's IDs and the actions one by one.
fn replay_link(tour_key: Option<&str>, ran: usize, settings: &Value, ids: &[String], actions: &[Value]) {
    let mut world = match tour_key.map(tour) {
        Some(Some(Ok(scenario))) => {
            let mut world = World::from_settings(scenario.settings.clone());
            for step in scenario.steps.iter().take(ran) {
                world.apply(&step.action).expect("a built-in tour's steps run");
            }
            world
        }
        Some(Some(Err(e))) => panic!("a built-in tour is broken: {e}"),
        // An unknown tour is reported by the page; the link goes no further.
        Some(None) => return,
        None => match settings_from_json(&settings.to_string()) {
            Ok(settings) => World::from_settings(settings),
            Err(e) => return assert_clear(&e.to_string(), &settings.to_string()),
        },
    };
    if let Err(e) = world.replay_ids(ids) {
        assert_clear(&e, &format!("{ids:?}"));
    }
    for action in actions {
        match action_from_json(&action.to_string()) {
            Err(e) => assert_clear(&e.to_string(), &action.to_string()),
            Ok(action) => {
                if let Err(e) = world.apply(&action) {
                    assert_clear(&e.to_string(), &format!("{action:?}"));
                }
            }
        }
    }
    let snapshot: Value =
        serde_json::from_str(&session_playground::json::to_json(&world.snapshot())).expect("the world is JSON");
    assert_exact_in_js(&snapshot, "the snapshot");
}

/// An ID a link might carry: the preset formats' alphabets and lengths, or anything.
fn link_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_-]{22}",
        "[a-z0-9]{32}",
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "[A-Za-z0-9+/=]{0,40}",
        word(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_is_a_scenario_or_a_clear_refusal(value in json()) {
        check_scenario_text(&value.to_string());
    }


    #[test]
    fn tours_with_parts_replaced_parse_and_play_or_are_refused(value in mutated_tour(), cut in any::<prop::sample::Index>(), bom in any::<bool>(), whole in any::<bool>()) {
        let text = value.to_string();
        // Now and then the text is cut short, as a truncated download would be.
        let text = if whole { text } else {
            let at = cut.index(text.len() + 1);
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text[..at].to_owned()
        };
        check_scenario_text(&if bom { format!("\u{feff}{text}") } else { text });
    }

    #[test]
    fn arbitrary_text_is_never_a_panic(text in any::<String>()) {
        check_scenario_text(&text);
    }

}

// These two play every world they build, about 30 ms a case in a debug build:
// fewer cases keep `cargo test` within a few seconds.
proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn scenarios_built_from_wrong_parts_parse_and_play_or_are_refused(value in structured_scenario()) {
        check_scenario_text(&value.to_string());
    }

    #[test]
    fn a_shared_links_settings_ids_and_actions_are_taken_or_refused_one_by_one(
        tour_index in prop::option::weighted(0.3, 0..TOURS.len() + 1),
        ran in 0usize..40,
        settings in prop_oneof![3 => settings(), 1 => json()],
        ids in prop::collection::vec(link_id(), 0..6),
        actions in prop::collection::vec(prop_oneof![6 => step(), 1 => json()], 0..16),
    ) {
        // One past the last tour stands for a tour name that does not exist.
        let key = tour_index.map(|i| TOURS.get(i).map_or("no-such-tour", |(key, _)| *key));
        replay_link(key, ran, &settings, &ids, &actions);
    }
}

#[test]
fn a_hundred_years_of_waits_in_a_link_stay_exact() {
    // The shape of the storm that once pushed the clock past 2^53 ms.
    let wait = serde_json::json!({ "action": "wait", "seconds": 316_224_000u64 });
    replay_link(None, 0, &serde_json::json!({ "seed": 1 }), &[], &vec![wait; 40]);
}
