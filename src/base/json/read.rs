//! JSON data as the core reads it ([`Value`]), and a small parser of JSON
//! text ([`parse`]) for what is read natively: scenario files, the
//! transcript command, the tests. In the browser the text goes through
//! `JSON.parse` instead and `src/wasm.rs` walks the result into a [`Value`],
//! so neither wasm module carries this parser unless something in it reads
//! text.
//!
//! A number is an `f64`, exactly as JavaScript reads it: `1`, `1.0` and `1e0`
//! are the same number, and 18446744073709551615 is 2^64. So a file means the
//! same in both places, whoever parsed it.

use crate::base::sorted::SortedMap;

/// How deeply arrays and objects may nest (the browser's walk keeps to it too).
pub const MAX_DEPTH: usize = 128;

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as a double (never NaN or infinite).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object; a key given twice keeps its last value, as `JSON.parse` does.
    Object(Map),
}

/// An object's fields, in key order.
pub type Map = SortedMap<String, Value>;

/// A number that is whole: `Ok` when it fits `u64`, `Err` when negative and
/// it fits `i64`; `None` for a fraction or one too large (`2^64` and up).
pub fn whole(n: f64) -> Option<Result<u64, i64>> {
    const TWO_TO_64: f64 = 18_446_744_073_709_551_616.0;
    if n.fract() != 0.0 {
        None
    } else if (0.0..TWO_TO_64).contains(&n) {
        Some(Ok(n as u64))
    } else if (-(TWO_TO_64 / 2.0)..0.0).contains(&n) {
        Some(Err(n as i64))
    } else {
        None
    }
}

impl Value {
    /// The number, if this is a whole one from 0 to `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => whole(*n)?.ok(),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The fields, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The field `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

/// Where JSON text stopped being JSON, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The line, from 1.
    pub line: usize,
    /// The character in that line, from 1.
    pub column: usize,
    /// What was wrong there.
    pub problem: Syntax,
}

/// What was wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Something else was expected; `found` is `None` at the end of the text.
    Expected {
        /// What would have been JSON there.
        expected: Expected,
        /// What was there instead.
        found: Option<char>,
    },
    /// A control character (U+0000 to U+001F) written raw inside a string.
    ControlInString(char),
    /// A `\u` escape of half a surrogate pair without the other half.
    LoneSurrogate,
    /// A number too large for a double.
    NumberTooLarge,
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// What the parser expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A value: an object, array, string, number, `true`, `false` or `null`.
    Value,
    /// A field's name in quotes, or `}`.
    KeyOrEnd,
    /// A field's name in quotes.
    Key,
    /// `:` after a field's name.
    Colon,
    /// `,` or `}` after a field.
    CommaOrBrace,
    /// `,` or `]` after an item.
    CommaOrBracket,
    /// A digit.
    Digit,
    /// One of the escapes `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u`.
    Escape,
    /// A hexadecimal digit of a `\u` escape.
    HexDigit,
    /// The closing quote of a string.
    Quote,
    /// Nothing more: the value has ended.
    End,
}

/// Parses JSON text (RFC 8259) into a [`Value`].
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value(0)?;
    parser.skip_space();
    match parser.peek() {
        None => Ok(value),
        found => Err(parser.error(Syntax::Expected { expected: Expected::End, found })),
    }
}

struct Parser<'a> {
    text: &'a str,
    /// The byte offset of the next character.
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    /// The error at the next character.
    fn error(&self, problem: Syntax) -> SyntaxError {
        let before = &self.text[..self.at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        SyntaxError { line, column: before[line_start..].chars().count() + 1, problem }
    }

    fn expected(&self, expected: Expected) -> SyntaxError {
        self.error(Syntax::Expected { expected, found: self.peek() })
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        let ate = self.peek() == Some(c);
        if ate {
            self.at += 1;
        }
        ate
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.skip_space();
        match self.peek() {
            Some('{' | '[') if depth >= MAX_DEPTH => Err(self.error(Syntax::TooDeep)),
            Some('{') => self.object(depth + 1),
            Some('[') => self.array(depth + 1),
            Some('"') => self.string().map(Value::String),
            Some('-' | '0'..='9') => self.number(),
            Some('t') => self.word("true", Value::Bool(true)),
            Some('f') => self.word("false", Value::Bool(false)),
            Some('n') => self.word("null", Value::Null),
            _ => Err(self.expected(Expected::Value)),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        for c in word.chars() {
            if !self.eat(c) {
                return Err(self.expected(Expected::Value));
            }
        }
        Ok(value)
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut map = Map::new();
        self.skip_space();
        if self.eat('}') {
            return Ok(Value::Object(map));
        }
        let mut key_expected = Expected::KeyOrEnd;
        loop {
            self.skip_space();
            if self.peek() != Some('"') {
                return Err(self.expected(key_expected));
            }
            let key = self.string()?;
            self.skip_space();
            if !self.eat(':') {
                return Err(self.expected(Expected::Colon));
            }
            let value = self.value(depth)?;
            map.insert(key, value);
            self.skip_space();
            if self.eat('}') {
                return Ok(Value::Object(map));
            }
            if !self.eat(',') {
                return Err(self.expected(Expected::CommaOrBrace));
            }
            key_expected = Expected::Key;
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            if self.eat(']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(',') {
                return Err(self.expected(Expected::CommaOrBracket));
            }
        }
    }

    fn digits(&mut self) -> Result<(), SyntaxError> {
        if !matches!(self.peek(), Some('0'..='9')) {
            return Err(self.expected(Expected::Digit));
        }
        while matches!(self.peek(), Some('0'..='9')) {
            self.at += 1;
        }
        Ok(())
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, read as the
    /// nearest double, as JavaScript reads it.
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        self.eat('-');
        // A leading zero stands alone: `01` is not a number.
        if !self.eat('0') {
            self.digits()?;
        }
        if self.eat('.') {
            self.digits()?;
        }
        if self.eat('e') || self.eat('E') {
            if !self.eat('+') {
                self.eat('-');
            }
            self.digits()?;
        }
        let n: f64 = self.text[start..self.at].parse().unwrap_or(f64::INFINITY);
        if n.is_finite() {
            Ok(Value::Number(n))
        } else {
            self.at = start;
            Err(self.error(Syntax::NumberTooLarge))
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1;
        let mut text = String::new();
        loop {
            let start = self.at;
            match self.bump() {
                None => return Err(self.expected(Expected::Quote)),
                Some('"') => return Ok(text),
                Some('\\') => text.push(self.escape()?),
                Some(c) if c < ' ' => {
                    self.at = start;
                    return Err(self.error(Syntax::ControlInString(c)));
                }
                Some(c) => text.push(c),
            }
        }
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        let c = match self.peek() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                self.at += 1;
                return self.unicode_escape();
            }
            _ => return Err(self.expected(Expected::Escape)),
        };
        self.at += 1;
        Ok(c)
    }

    /// After `\u`: four hex digits, and for the first half of a surrogate
    /// pair, the `\uXXXX` of its second half.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let start = self.at - 2;
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                let pair = self.eat('\\') && self.eat('u');
                let second = if pair { self.hex4()? } else { 0 };
                if !(0xDC00..=0xDFFF).contains(&second) {
                    self.at = start;
                    return Err(self.error(Syntax::LoneSurrogate));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                self.at = start;
                return Err(self.error(Syntax::LoneSurrogate));
            }
            _ => first,
        };
        // Every code here is a scalar value: surrogates were paired or refused.
        char::from_u32(code).ok_or_else(|| self.error(Syntax::LoneSurrogate))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|c| c.to_digit(16)).ok_or_else(|| self.expected(Expected::HexDigit))?;
            self.at += 1;
            code = code * 16 + digit;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Expected, Syntax, SyntaxError, Value};

    fn problem(text: &str) -> (usize, usize, Syntax) {
        let SyntaxError { line, column, problem } = parse(text).unwrap_err();
        (line, column, problem)
    }

    #[test]
    fn numbers_are_read_as_javascript_reads_them() {
        assert_eq!(parse("1.0"), Ok(Value::Number(1.0)));
        assert_eq!(parse("1e2").unwrap().as_u64(), Some(100));
        assert_eq!(parse("18446744073709551615").unwrap().as_u64(), None, "2^64, past u64");
        assert_eq!(parse("-0").unwrap().as_u64(), Some(0));
        assert_eq!(parse("-3").unwrap().as_u64(), None);
        assert_eq!(parse(" [true, null, \"a\\u00e9\\ud83d\\ude00\"] ").unwrap().as_array().map(Vec::len), Some(3));
        let object = parse(r#"{"b": 1, "a": {}, "b": 2}"#).unwrap();
        assert_eq!(object.get("b"), Some(&Value::Number(2.0)), "the last of a repeated key");
        assert_eq!(object.as_object().unwrap().keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn bad_text_says_where_and_what_was_expected() {
        let expected = |expected, found| Syntax::Expected { expected, found };
        assert_eq!(problem(""), (1, 1, expected(Expected::Value, None)));
        assert_eq!(problem("{"), (1, 2, expected(Expected::KeyOrEnd, None)));
        assert_eq!(problem("{\"a\" 1}"), (1, 6, expected(Expected::Colon, Some('1'))));
        assert_eq!(problem("{\"a\": 1,\n  }"), (2, 3, expected(Expected::Key, Some('}'))));
        assert_eq!(problem("[1 2]"), (1, 4, expected(Expected::CommaOrBracket, Some('2'))));
        assert_eq!(problem("{\"a\": 1 2"), (1, 9, expected(Expected::CommaOrBrace, Some('2'))));
        assert_eq!(problem("01"), (1, 2, expected(Expected::End, Some('1'))));
        assert_eq!(problem("-"), (1, 2, expected(Expected::Digit, None)));
        assert_eq!(problem("1.e5"), (1, 3, expected(Expected::Digit, Some('e'))));
        assert_eq!(problem("tru"), (1, 4, expected(Expected::Value, None)));
        assert_eq!(problem("\"é\\x\""), (1, 4, expected(Expected::Escape, Some('x'))));
        assert_eq!(problem("\"\\u12g4\""), (1, 6, expected(Expected::HexDigit, Some('g'))));
        assert_eq!(problem("\"open"), (1, 6, expected(Expected::Quote, None)));
        assert_eq!(problem("\"a\tb\""), (1, 3, Syntax::ControlInString('\t')));
        assert_eq!(problem("\"\\ud800x\""), (1, 2, Syntax::LoneSurrogate));
        assert_eq!(problem("\"\\udc00\""), (1, 2, Syntax::LoneSurrogate));
        assert_eq!(problem("[1e400]"), (1, 2, Syntax::NumberTooLarge));
        assert_eq!(problem(&"[".repeat(129)), (1, 129, Syntax::TooDeep));
        assert!(parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_ok());
    }
}
