//! The core's JSON, against `serde_json`: any string escaped as `serde_json`
//! escapes it, any compact text laid out as `serde_json::to_string_pretty`
//! lays it out (what `transcript --json` prints), any data written and read
//! back the same by both, and any text, valid or broken, accepted by the
//! core's parser exactly when `serde_json` accepts it.

use proptest::prelude::*;
use session_playground::json::{parse, pretty, to_json, Map, Value};

/// `serde_json`'s data as the core's: every number as its double.
fn ours(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(ours).collect()),
        serde_json::Value::Object(map) => {
            let mut fields = Map::new();
            for (key, value) in map {
                fields.insert(key.clone(), ours(value));
            }
            Value::Object(fields)
        }
    }
}

/// Text that is nearly JSON: its punctuation, words and digits, and a few others.
fn nearly_json() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{"),
        Just("}"),
        Just("["),
        Just("]"),
        Just(":"),
        Just(","),
        Just("\""),
        Just("\\"),
        Just("true"),
        Just("fals"),
        Just("null"),
        Just("0"),
        Just("12"),
        Just("-"),
        Just("."),
        Just("e"),
        Just("E+"),
        Just("1e400"),
        Just(" "),
        Just("\n"),
        Just("\\u00e9"),
        Just("\\ud800"),
        Just("\\udc00"),
        Just("\\x"),
        Just("\t"),
        Just("a"),
        Just("é"),
        Just("01"),
        Just("-0"),
        Just("1.5"),
        Just("2E-3"),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Any JSON data `serde_json` holds, as text.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
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

    #[test]
    fn valid_text_reads_as_serde_json_reads_it_and_writes_back_the_same(value in json()) {
        for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
            let read = parse(&text);
            prop_assert_eq!(read.as_ref(), Ok(&ours(&value)));
            let written: serde_json::Value = serde_json::from_str(&to_json(&read.unwrap())).unwrap();
            prop_assert_eq!(ours(&written), ours(&value));
        }
    }

}

proptest! {
    // Parsing is quick: many cases, so that rare shapes (a leading zero, a lone surrogate) come up.
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn text_is_refused_exactly_when_serde_json_refuses_it(text in nearly_json()) {
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        prop_assert_eq!(parse(&text).is_ok(), theirs.is_ok(), "{:?}: {:?}", text, theirs.err());
    }

    #[test]
    fn broken_documents_are_refused_exactly_when_serde_json_refuses_them(
        value in json(), at in any::<prop::sample::Index>(), cut in 0usize..3,
        insert in prop::sample::select(vec!["", "}", "]", ",", ":", "\"", "0", "-", "\\", "\u{1}"]),
    ) {
        let text = serde_json::to_string(&value).unwrap();
        let boundaries: Vec<usize> = (0..=text.len()).filter(|i| text.is_char_boundary(*i)).collect();
        let start = boundaries[at.index(boundaries.len())];
        let end = boundaries.iter().copied().filter(|&b| b >= start).nth(cut).unwrap_or(text.len());
        let broken = format!("{}{insert}{}", &text[..start], &text[end..]);
        let theirs = serde_json::from_str::<serde_json::Value>(&broken);
        prop_assert_eq!(parse(&broken).is_ok(), theirs.is_ok(), "{:?}: {:?}", broken, theirs.err());
    }
}
