//! The JSON the core writes, against `serde_json`: any string escaped as
//! `serde_json` escapes it, and any compact text laid out as
//! `serde_json::to_string_pretty` lays it out (what `transcript --json` prints).

use proptest::prelude::*;
use session_playground::json::{pretty, to_json};

/// Any JSON data `serde_json` holds, as text.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_string_is_escaped_as_serde_json_escapes_it(text in any::<String>(), control in 0u8..0x20) {
        let text = format!("{text}{}{text}", char::from(control));
        prop_assert_eq!(to_json(text.as_str()), serde_json::to_string(&text).unwrap());
    }

    #[test]
    fn compact_text_is_laid_out_as_serde_json_lays_it_out(value in json()) {
        let compact = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(pretty(&compact), serde_json::to_string_pretty(&value).unwrap());
    }
}
