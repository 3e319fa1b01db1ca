//! JSON numbers as JavaScript reads them.
//!
//! The browser's wasm modules read scenarios and lab settings with the
//! browser's own `JSON.parse`, which keeps only each number's value as a
//! double. Natively the same files go through `serde_json`, which keeps
//! their spelling (`1.0` a float, `1` an integer). So that a file means the
//! same in both, the native readers pass what they parsed through
//! [`as_javascript_reads_it`], and the browser's through [`javascript_number`].

use serde_json::Value;

/// A JSON number as JavaScript's `JSON.parse` reads it: its value as a
/// double, then an integer when that is whole and fits `u64` or `i64`, else a
/// float. The browser's module reads scenarios with `JSON.parse`, so a file
/// must mean the same there and here: `1.0` and `1e2` are the integers 1 and
/// 100 in both, and 18446744073709551615 (past 2^53) the float 2^64.
pub fn javascript_number(n: f64) -> Value {
    const TWO_TO_64: f64 = 18_446_744_073_709_551_616.0;
    if n.fract() == 0.0 && (0.0..TWO_TO_64).contains(&n) {
        Value::from(n as u64)
    } else if n.fract() == 0.0 && (-(TWO_TO_64 / 2.0)..0.0).contains(&n) {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// Every number in `value` as [`javascript_number`] reads it.
pub fn as_javascript_reads_it(value: Value) -> Value {
    match value {
        Value::Number(n) => javascript_number(n.as_f64().unwrap_or(f64::NAN)),
        Value::Array(list) => Value::Array(list.into_iter().map(as_javascript_reads_it).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, as_javascript_reads_it(v))).collect()),
        other => other,
    }
}
