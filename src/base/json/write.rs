//! The core's data as JSON text: what the page reads (traces, snapshots,
//! settings, the labs' results) and what `transcript --json` prints.
//!
//! Each type the page reads says how it is written with [`ToJson`]: a plain
//! struct through `json_fields!`, a field-less enum through `json_names!`,
//! the few with a tag or a computed field by hand with an [`Object`].
//! Nothing here is generic over a serializer: one writer, into one `String`,
//! so the wasm carries one small copy of it rather than one per type and format.
//!
//! The text is what `serde_json::to_string` would write for the same shapes
//! (the tests check it against `serde_json`): no spaces, fields in the order
//! written, strings escaped as `serde_json` escapes them, integers in decimal.
//! The core's own data holds no floats; only a [`Value`](super::Value) read
//! in (and quoted back in a message) can hold one, written as `serde_json`
//! writes it.

use crate::base::sorted::SortedMap;
use std::sync::Arc;

/// A value the page reads, written as JSON.
pub trait ToJson {
    /// Appends this value's JSON text to `out`.
    fn write_json(&self, out: &mut String);
}

/// A struct written as a JSON object: its fields, in order. An object that
/// flattens another (a run step and its played step) writes both sets of
/// fields into the one object.
pub trait JsonFields {
    /// Writes each field into `object`.
    fn write_fields(&self, object: &mut Object<'_>);
}

/// `value` as compact JSON text.
pub fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// A JSON object being written: `{`, then each field, then `}` on [`Object::close`].
pub struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    /// Opens an object in `out`.
    pub fn open(out: &'a mut String) -> Object<'a> {
        out.push('{');
        Object { out, empty: true }
    }

    /// Writes one field, `"key":value`.
    pub fn field(&mut self, key: &str, value: &dyn ToJson) -> &mut Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_string(self.out, key);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// Writes every field of `fields` into this object (serde's `flatten`).
    pub fn fields(&mut self, fields: &dyn JsonFields) -> &mut Self {
        fields.write_fields(self);
        self
    }

    /// Closes the object.
    pub fn close(self) {
        self.out.push('}');
    }
}

/// Writes `fields` as one object.
pub fn write_object(out: &mut String, fields: &dyn JsonFields) {
    let mut object = Object::open(out);
    fields.write_fields(&mut object);
    object.close();
}

/// Writes `text` as a JSON string, escaped as `serde_json` escapes it: `"` and
/// `\` with a backslash, the control characters U+0000 to U+001F as `\b`,
/// `\t`, `\n`, `\f`, `\r` or `\u00XX` (lowercase hex), everything else,
/// DEL and non-ASCII included, as it is.
pub fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0C => "\\f",
            b'\r' => "\\r",
            0x00..=0x1F => "",
            _ => continue,
        };
        // Only ASCII bytes are escaped, so `at` is always a character boundary.
        out.push_str(&text[start..at]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        } else {
            out.push_str(escape);
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// Writes a whole number in decimal, with its own digits rather than
/// `core::fmt`'s machinery.
fn write_unsigned(out: &mut String, mut n: u64, negative: bool) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

macro_rules! unsigned_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write_unsigned(out, *self as u64, false);
            }
        }
    )*};
}
unsigned_to_json!(u8, u16, u32, u64, usize);

impl ToJson for i64 {
    fn write_json(&self, out: &mut String) {
        write_unsigned(out, self.unsigned_abs(), *self < 0);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// Shared data (a snapshot's store rows) is written as what it shares.
impl<T: ToJson + ?Sized> ToJson for Arc<T> {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// `None` is `null`.
impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// A pair is a two-item array.
impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

/// A map with text keys is one object, its keys in order.
impl<V: ToJson> ToJson for SortedMap<String, V> {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        for (key, value) in self.iter() {
            object.field(key, value);
        }
        object.close();
    }
}

/// JSON data written back as text, as `serde_json` writes it: a whole number
/// in decimal, any other in the shortest form that reads back as the same
/// double (`1.5`, `1e300`), as the scale lab quotes what it was given.
impl ToJson for super::Value {
    fn write_json(&self, out: &mut String) {
        use super::Value;
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Number(n) => match super::whole(*n) {
                Some(Ok(u)) => u.write_json(out),
                Some(Err(i)) => i.write_json(out),
                None => out.push_str(zmij::Buffer::new().format_finite(*n)),
            },
            Value::String(s) => write_string(out, s),
            Value::Array(items) => items.write_json(out),
            Value::Object(map) => map.write_json(out),
        }
    }
}

/// Compact JSON text (as [`to_json`] writes it) laid out as
/// `serde_json::to_string_pretty` lays it out: two spaces a level, `"key": value`,
/// an empty array or object as `[]` or `{}`. For `transcript --json`.
#[cfg(not(target_arch = "wasm32"))]
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut chars = compact.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            // A quote ends the string unless a backslash escapes it.
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth -= 1;
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// Implements [`ToJson`] and [`JsonFields`] for a plain struct, each field
/// under its JSON name, in order:
///
/// ```ignore
/// json_fields!([] Header { "name": name, "value": value });
/// json_fields!(['a] LabCookie<'a> { "name": name, "httpOnly": http_only });
/// ```
///
/// The brackets hold the impl's generics (empty for none).
macro_rules! json_fields {
    ([$($generics:tt)*] $ty:ty { $($key:literal: $field:ident),* $(,)? }) => {
        impl<$($generics)*> $crate::base::json::JsonFields for $ty {
            fn write_fields(&self, object: &mut $crate::base::json::Object<'_>) {
                $(object.field($key, &self.$field);)*
            }
        }
        impl<$($generics)*> $crate::base::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::base::json::write_object(out, self);
            }
        }
    };
}

/// Implements [`ToJson`] for a field-less enum: each variant as a JSON string.
///
/// ```ignore
/// json_names!(Method { Get => "GET", Post => "POST" });
/// ```
macro_rules! json_names {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $crate::base::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::base::json::write_string(out, match self { $(<$ty>::$variant => $name,)* });
            }
        }
    };
}
pub(crate) use {json_fields, json_names};

#[cfg(test)]
mod tests {
    use super::{to_json, Object, ToJson};
    use crate::base::sorted::SortedMap;

    struct Inner {
        on: bool,
        names: Vec<&'static str>,
    }
    json_fields!([] Inner { "on": on, "names": names });

    struct Outer {
        index: usize,
        inner: Inner,
        gone: Option<u8>,
    }

    impl ToJson for Outer {
        fn write_json(&self, out: &mut String) {
            let mut object = Object::open(out);
            object.field("index", &self.index).fields(&self.inner).field("gone", &self.gone);
            object.close();
        }
    }

    enum Light {
        Red,
        AmberFlashing,
    }
    json_names!(Light { Red => "red", AmberFlashing => "amberFlashing" });

    #[test]
    fn structs_flattened_fields_names_and_numbers_are_written_as_serde_json_writes_them() {
        let outer = Outer { index: 3, inner: Inner { on: true, names: vec!["a", "b"] }, gone: None };
        assert_eq!(to_json(&outer), r#"{"index":3,"on":true,"names":["a","b"],"gone":null}"#);
        assert_eq!(to_json(&[Light::Red, Light::AmberFlashing][..]), r#"["red","amberFlashing"]"#);
        assert_eq!(to_json(&(u64::MAX, i64::MIN)), "[18446744073709551615,-9223372036854775808]");
        assert_eq!(to_json(&(0u8, -1i64)), "[0,-1]");
        assert_eq!(to_json(&Vec::<u8>::new()), "[]");
        let map = SortedMap::from([("b".to_owned(), 2u16), ("a\n".to_owned(), 1)]);
        assert_eq!(to_json(&map), r#"{"a\n":1,"b":2}"#);
        assert_eq!(to_json(&std::sync::Arc::new(Some("x"))), r#""x""#);
    }

    #[test]
    fn control_characters_quotes_and_backslashes_are_escaped_and_the_rest_kept() {
        assert_eq!(
            to_json("a\"b\\c\u{8}\u{c}\n\r\t\u{0}\u{1f}\u{7f}é☕"),
            r#""a\"b\\c\b\f\n\r\t\u0000\u001f é☕""#.replace(' ', "\u{7f}")
        );
    }
}
