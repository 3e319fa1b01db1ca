//! JSON, both ways, with no serializer framework: the core's data written
//! as text for the page (`json/write.rs`: [`ToJson`], [`to_json`]), and JSON
//! data read (`json/read.rs`: [`Value`], its numbers as JavaScript reads
//! them, and [`parse`] for text read natively), with [`Fields`], the one
//! reader of an object's fields behind a scenario's settings and the scale
//! lab's configuration.

mod read;
mod write;

pub use read::{parse, whole, Expected, Map, Syntax, SyntaxError, Value, MAX_DEPTH};
#[cfg(not(target_arch = "wasm32"))]
pub use write::pretty;
pub(crate) use write::{json_fields, json_names};
pub use write::{to_json, write_object, write_string, JsonFields, Object, ToJson};

/// The fields of one JSON object, read and checked one by one: the one reader
/// behind a scenario's settings and steps (`scenario/parse.rs`) and the scale
/// lab's configuration (`labs/scale.rs`). Each caller words a [`FieldError`]
/// its own way (a scenario names the field's path).
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    object: &'a Map,
    null_is_absent: bool,
}

/// Why a field could not be read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldError<'a> {
    /// Not a whole number from `min` to `max`.
    OutOfRange {
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
        /// What the field held.
        found: &'a Value,
    },
    /// Not `true` or `false`.
    NotBool(&'a Value),
    /// Not a string.
    NotString(&'a Value),
    /// Not one of the names the field takes.
    UnknownName(&'a Value),
}

impl<'a> Fields<'a> {
    /// The fields of `object`; a `null` field is a value like any other.
    pub fn new(object: &'a Map) -> Fields<'a> {
        Fields { object, null_is_absent: false }
    }

    /// The same, reading a `null` field as an absent one.
    pub fn null_is_absent(self) -> Fields<'a> {
        Fields { null_is_absent: true, ..self }
    }

    /// The field's value, if present.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|value| !(self.null_is_absent && value.is_null()))
    }

    /// A whole number from `min` to `max`.
    pub fn whole(&self, key: &str, min: u64, max: u64) -> Result<Option<u64>, FieldError<'a>> {
        let Some(value) = self.get(key) else { return Ok(None) };
        match value.as_u64() {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(FieldError::OutOfRange { min, max, found: value }),
        }
    }

    /// `true` or `false`.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, FieldError<'a>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(FieldError::NotBool(other)),
        }
    }

    /// A string.
    pub fn string(&self, key: &str) -> Result<Option<&'a str>, FieldError<'a>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(FieldError::NotString(other)),
        }
    }

    /// A name that `parse` knows (a preset's key, a policy's).
    pub fn one_of<T>(&self, key: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, FieldError<'a>> {
        let Some(value) = self.get(key) else { return Ok(None) };
        value.as_str().and_then(parse).map(Some).ok_or(FieldError::UnknownName(value))
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, FieldError, Fields, Value};

    fn json(text: &str) -> Value {
        parse(text).unwrap()
    }

    #[test]
    fn fields_read_in_range_and_say_what_is_wrong() {
        let value = json(r#"{ "n": 5, "big": 500, "flag": true, "name": "sticky", "gone": null }"#);
        let object = value.as_object().unwrap();
        let fields = Fields::new(object);
        assert_eq!(fields.whole("n", 1, 10), Ok(Some(5)));
        assert_eq!(fields.whole("absent", 1, 10), Ok(None));
        assert_eq!(fields.whole("big", 1, 10), Err(FieldError::OutOfRange { min: 1, max: 10, found: &json("500") }));
        assert_eq!(fields.bool("flag"), Ok(Some(true)));
        assert_eq!(fields.bool("n"), Err(FieldError::NotBool(&json("5"))));
        assert_eq!(fields.one_of("name", |s| (s == "sticky").then_some(1)), Ok(Some(1)));
        assert_eq!(fields.one_of("name", |_| None::<u8>), Err(FieldError::UnknownName(&json(r#""sticky""#))));
        // A null is a value to a scenario, and nothing to the scale lab.
        assert_eq!(fields.string("gone"), Err(FieldError::NotString(&json("null"))));
        assert_eq!(fields.null_is_absent().string("gone"), Ok(None));
    }
}
