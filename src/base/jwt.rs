//! JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 (JWS HS256, RFC 7515):
//! the other way a server can remember who is logged in.
//!
//! A session ID is a coat-check ticket: it means nothing until the server looks
//! it up. A token is the opposite: the claims (who, since when, until when) are
//! written on the ticket itself, and the server's signature proves it wrote
//! them. Verifying needs the secret and the clock, and nothing else: no store,
//! no lookup. That is the whole trade-off, and it starts here.
//!
//! A token is three base64url parts joined by dots: the header
//! (`{"alg":"HS256","typ":"JWT"}`), the claims, and the signature, which is
//! `HMAC-SHA256(secret, header "." claims)`. This module writes tokens, takes
//! them apart for the inspector, and verifies them the way careful libraries
//! do; [`Algorithms::FromHeader`] is the careless verifier that trusts the
//! token's own `alg`, so the attack lab can show why that is a flaw.
//!
//! Why one file of this length: writing, taking apart and verifying a token
//! share one representation of it; the unit tests (RFC 7515's example, the
//! recording of `PyJWT`) are the last third.

use super::crypto::{constant_time_eq, hmac_sha256};
use super::encoding::{base64url, base64url_decode, quote_with};

/// The one signing algorithm the playground writes and a pinned verifier accepts.
pub const HS256: &str = "HS256";

/// The header every token this module writes carries. Written with its keys
/// sorted and no spaces, as `PyJWT` writes it, so a token is byte-identical
/// whichever of the two made it from the same claims and secret.
const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Nesting deeper than this in a header or claims set is refused, so a hostile
/// token cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

/// The registered claims (RFC 7519 §4.1) a token server here writes and needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claims {
    /// `sub`: who the token speaks for.
    pub sub: String,
    /// `iat`: when it was issued, in seconds since the epoch.
    pub iat: u64,
    /// `exp`: the first second at which it must no longer be accepted.
    pub exp: u64,
    /// `jti`: the token's own ID, what a denylist names.
    pub jti: String,
    /// `sid`: the login this token belongs to (`OpenID` Connect's session ID
    /// claim), when the server renews tokens with a refresh token: what a
    /// logout or a revocation names to end that login's refresh record.
    pub sid: Option<String>,
    /// `ver`: the user's token version when it was signed, when the server
    /// keeps one (a private claim): a token older than the user's current
    /// version is refused.
    pub ver: Option<u64>,
}

impl Claims {
    /// The four registered claims every token here carries, and no others.
    pub fn new(sub: &str, iat: u64, exp: u64, jti: &str) -> Claims {
        Claims { sub: sub.to_owned(), iat, exp, jti: jti.to_owned(), sid: None, ver: None }
    }
}

/// Which of a token's three parts a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The first part: the algorithm and type.
    Header,
    /// The second part: the claims.
    Claims,
    /// The third part: the signature.
    Signature,
}

/// How a verifier chooses the algorithm it checks the signature with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithms {
    /// Only HS256, whatever the header says: what RFC 8725 §3.1 asks of a verifier.
    Pinned,
    /// Whatever the token's header names, `"none"` included: the classic flaw,
    /// a forged token with no signature at all is accepted.
    FromHeader,
}

/// Why a token was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Not three parts separated by two dots.
    NotThreeParts,
    /// A part is not unpadded base64url.
    NotBase64url(Part),
    /// The header or claims are not one JSON object.
    NotJsonObject(Part),
    /// The header names an algorithm this verifier does not accept.
    AlgorithmRefused(String),
    /// The signature is not the one the secret gives for this header and these claims.
    BadSignature,
    /// The clock has reached `exp`.
    Expired {
        /// The token's `exp`, in seconds since the epoch.
        exp: u64,
        /// The verifier's clock, in seconds since the epoch.
        now: u64,
    },
    /// A claim the server needs is missing or of the wrong type.
    MissingClaim(&'static str),
}

/// A token taken apart, before any check: what the inspector decodes and
/// colours, part by part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenParts<'a> {
    /// The header, as written on the wire (base64url).
    pub header: &'a str,
    /// The claims, as written on the wire (base64url).
    pub claims: &'a str,
    /// The signature, as written on the wire (base64url).
    pub signature: &'a str,
    /// The header decoded: the JSON text.
    pub header_json: String,
    /// The claims decoded: the JSON text.
    pub claims_json: String,
}

impl<'a> TokenParts<'a> {
    /// What is signed: the first two parts as written, joined by a dot.
    pub fn signing_input(&self) -> String {
        format!("{}.{}", self.header, self.claims)
    }
}

/// Writes and signs a token for `claims` under `secret`.
pub fn sign(claims: &Claims, secret: &[u8]) -> String {
    // Claims in a fixed order, no spaces: the order PyJWT keeps for a dict
    // built in this order, so the same claims give the same bytes.
    // The optional claims follow, only when present: a token without them is
    // byte-for-byte the one PyJWT writes from the four registered claims.
    let sid = claims.sid.as_ref().map(|sid| format!(r#","sid":{}"#, json_string(sid))).unwrap_or_default();
    let ver = claims.ver.map(|ver| format!(r#","ver":{ver}"#)).unwrap_or_default();
    let claims_json = format!(
        r#"{{"sub":{},"iat":{},"exp":{},"jti":{}{sid}{ver}}}"#,
        json_string(&claims.sub),
        claims.iat,
        claims.exp,
        json_string(&claims.jti)
    );
    let input = format!("{}.{}", base64url(HEADER_JSON.as_bytes()), base64url(claims_json.as_bytes()));
    let signature = base64url(&hmac_sha256(secret, input.as_bytes()));
    format!("{input}.{signature}")
}

/// Takes a token apart into its three parts and decodes the first two. Checks
/// nothing else: a forged token comes apart as readily as a real one, which is
/// the point of showing it.
pub fn split(token: &str) -> Result<TokenParts<'_>, Rejection> {
    let mut parts = token.split('.');
    let (Some(header), Some(claims), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Rejection::NotThreeParts);
    };
    let decode = |text: &str, part: Part| {
        let bytes = base64url_decode(text).ok_or(Rejection::NotBase64url(part))?;
        String::from_utf8(bytes).map_err(|_| Rejection::NotJsonObject(part))
    };
    let header_json = decode(header, Part::Header)?;
    let claims_json = decode(claims, Part::Claims)?;
    if base64url_decode(signature).is_none() {
        return Err(Rejection::NotBase64url(Part::Signature));
    }
    Ok(TokenParts { header, claims, signature, header_json, claims_json })
}

/// Verifies a token as a server does on every request: its algorithm, its
/// signature, then its expiry against `now` (seconds since the epoch), and
/// reads the claims the server needs. Nothing is looked up anywhere.
pub fn verify(token: &str, secret: &[u8], now: u64, algorithms: Algorithms) -> Result<Claims, Rejection> {
    let parts = split(token)?;
    let header = parse_object(&parts.header_json).ok_or(Rejection::NotJsonObject(Part::Header))?;
    let alg = match field(&header, "alg") {
        Some(Json::String(alg)) => alg.as_str(),
        _ => return Err(Rejection::AlgorithmRefused(String::new())),
    };
    match (algorithms, alg) {
        (_, HS256) => {
            let expected = hmac_sha256(secret, parts.signing_input().as_bytes());
            let given = base64url_decode(parts.signature).unwrap_or_default();
            // Compared in constant time, so the time taken leaks nothing of
            // how much of a guessed signature was right.
            if !constant_time_eq(&expected, &given) {
                return Err(Rejection::BadSignature);
            }
        }
        // The flaw: a verifier that lets the token choose accepts "none",
        // and a token with no signature at all passes (RFC 8725 §2.1).
        (Algorithms::FromHeader, "none") if parts.signature.is_empty() => {}
        (_, other) => return Err(Rejection::AlgorithmRefused(other.to_owned())),
    }
    let claims = parse_object(&parts.claims_json).ok_or(Rejection::NotJsonObject(Part::Claims))?;
    let exp = seconds(&claims, "exp")?;
    // RFC 7519 §4.1.4: "on or after" the expiry the token must be refused.
    if now >= exp {
        return Err(Rejection::Expired { exp, now });
    }
    // The optional claims: absent is absent; present but of the wrong type is malformed.
    let sid = match field(&claims, "sid") {
        None => None,
        Some(_) => Some(text(&claims, "sid")?),
    };
    let ver = match field(&claims, "ver") {
        None => None,
        Some(_) => Some(seconds(&claims, "ver")?),
    };
    Ok(Claims { sub: text(&claims, "sub")?, iat: seconds(&claims, "iat")?, exp, jti: text(&claims, "jti")?, sid, ver })
}

/// One field of a token's header or claims, as an inspector lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name, e.g. `exp`.
    pub name: String,
    /// Its value.
    pub value: FieldValue,
}

/// A field's value, read as far as a reader of a token needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldValue {
    /// A JSON string.
    Text(String),
    /// A whole, non-negative number: a `NumericDate` if the claim is one.
    Seconds(u64),
    /// Anything else, written back as compact JSON.
    Other(String),
}

/// The fields of a header or claims set given as JSON text, in the order
/// written; `None` unless it is one JSON object. Nothing is checked: this is
/// what a reader of the token sees, forged or not.
pub fn fields(json: &str) -> Option<Vec<Field>> {
    let object = parse_object(json)?;
    Some(
        object
            .into_iter()
            .map(|(name, value)| {
                let value = match value {
                    Json::String(text) => FieldValue::Text(text),
                    Json::Number(number) if number.bytes().all(|b| b.is_ascii_digit()) => {
                        number.parse().map_or(FieldValue::Other(number), FieldValue::Seconds)
                    }
                    other => FieldValue::Other(compact(&other)),
                };
                Field { name, value }
            })
            .collect(),
    )
}

/// A JSON value written back compactly, for a field an inspector shows as is.
fn compact(value: &Json) -> String {
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => b.to_string(),
        Json::Number(number) => number.clone(),
        Json::String(text) => json_string(text),
        Json::Array(items) => format!("[{}]", items.iter().map(compact).collect::<Vec<_>>().join(",")),
        Json::Object(fields) => format!(
            "{{{}}}",
            fields.iter().map(|(k, v)| format!("{}:{}", json_string(k), compact(v))).collect::<Vec<_>>().join(",")
        ),
    }
}

/// The token with its claims replaced by `claims_json`, byte for byte as
/// given (base64url of its UTF-8), and the header and signature kept: what
/// someone who edits a token without the secret ends up with.
pub fn with_claims(parts: &TokenParts<'_>, claims_json: &str) -> String {
    format!("{}.{}.{}", parts.header, base64url(claims_json.as_bytes()), parts.signature)
}

/// The `sub` claim of a token, read without checking anything: for a token
/// a verifier has already accepted (the fork names who it spoke for).
pub fn subject(token: &str) -> Option<String> {
    let parts = split(token).ok()?;
    text(&parse_object(&parts.claims_json)?, "sub").ok()
}

fn text(object: &[(String, Json)], name: &'static str) -> Result<String, Rejection> {
    match field(object, name) {
        Some(Json::String(value)) => Ok(value.clone()),
        _ => Err(Rejection::MissingClaim(name)),
    }
}

/// A `NumericDate` (RFC 7519 §2): seconds, possibly with a fraction, which
/// counts down to the whole second before it.
fn seconds(object: &[(String, Json)], name: &'static str) -> Result<u64, Rejection> {
    match field(object, name) {
        Some(Json::Number(number)) => {
            let whole = number.split('.').next().unwrap_or_default();
            whole.parse().map_err(|_| Rejection::MissingClaim(name))
        }
        _ => Err(Rejection::MissingClaim(name)),
    }
}

fn field<'j>(object: &'j [(String, Json)], name: &str) -> Option<&'j Json> {
    // A repeated name counts by its last appearance, as JSON.parse and
    // Python's json module both read it.
    object.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value)
}

/// The string member `name` of the JSON object `text` (a login response's
/// `access_token`, as the page's script reads it), by the same small reader
/// as a token's parts; `None` if `text` is not one JSON object or the member
/// is missing or not a string.
pub fn string_member(text: &str, name: &str) -> Option<String> {
    match field(&parse_object(text)?, name)? {
        Json::String(value) => Some(value.clone()),
        _ => None,
    }
}

/// A JSON string literal for `text`: control characters as `\u` escapes.
fn json_string(text: &str) -> String {
    quote_with(text, |out, c| {
        let control = u32::from(c) < 0x20;
        if control {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        }
        control
    })
}

/// The JSON a header or claims set holds. Numbers are kept as written: the
/// claims this module reads are whole seconds, and nothing here needs floats.
#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Parses `text` as exactly one JSON object (RFC 8259), or `None`.
fn parse_object(text: &str) -> Option<Vec<(String, Json)>> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    match value {
        Json::Object(fields) if reader.at == reader.bytes.len() => Some(fields),
        _ => None,
    }
}

struct Reader<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn literal(&mut self, word: &str, value: Json) -> Option<Json> {
        self.bytes[self.at..].starts_with(word.as_bytes()).then(|| {
            self.at += word.len();
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(fields));
                }
                loop {
                    self.skip_space();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    fields.push((key, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(Json::Object(fields));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.string().map(Json::String),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'n' => self.literal("null", Json::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        self.at += usize::from(self.bytes[self.at] == b'-');
        let digits = |reader: &mut Self| {
            let from = reader.at;
            while reader.bytes.get(reader.at).is_some_and(u8::is_ascii_digit) {
                reader.at += 1;
            }
            reader.at > from
        };
        if !digits(self) {
            return None;
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        Some(Json::Number(std::str::from_utf8(&self.bytes[start..self.at]).ok()?.to_owned()))
    }

    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = std::str::from_utf8(&self.bytes[self.at..]).ok()?;
            let c = rest.chars().next()?;
            self.at += c.len_utf8();
            match c {
                '"' => return Some(out),
                '\\' => {
                    let escape = *self.bytes.get(self.at)?;
                    self.at += 1;
                    out.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                c if u32::from(c) < 0x20 => return None,
                c => out.push(c),
            }
        }
    }

    /// `\uXXXX`, with a surrogate pair read as the one character it encodes.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            if !self.bytes[self.at..].starts_with(b"\\u") {
                return None;
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return None;
            }
            return char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
        }
        char::from_u32(first)
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's script reads the token out of a login response's body.
    #[test]
    fn a_string_member_is_read_from_a_json_object() {
        let body = r#"{"access_token":"eyJ.a\u0062c","token_type":"Bearer","expires_in":900}"#;
        assert_eq!(string_member(body, "access_token").as_deref(), Some("eyJ.abc"));
        assert_eq!(string_member(body, "expires_in"), None, "not a string");
        assert_eq!(string_member(body, "refresh_token"), None, "missing");
        assert_eq!(string_member(r#"{"a":"1","a":"2"}"#, "a").as_deref(), Some("2"), "the last of a repeated name");
        assert_eq!(string_member("not json", "a"), None);
        assert_eq!(string_member(r#"["a"]"#, "a"), None, "not an object");
    }

    fn alice(exp: u64) -> Claims {
        Claims::new("alice", 1_000, exp, "t-1")
    }

    #[test]
    fn a_signed_token_verifies_until_it_expires() {
        let token = sign(&alice(1_900), b"secret");
        assert_eq!(verify(&token, b"secret", 1_899, Algorithms::Pinned), Ok(alice(1_900)));
        assert_eq!(
            verify(&token, b"secret", 1_900, Algorithms::Pinned),
            Err(Rejection::Expired { exp: 1_900, now: 1_900 })
        );
    }

    #[test]
    fn rfc_7515_appendix_a1_verifies_with_its_key() {
        // RFC 7515 A.1: an HS256 JWS with a 64-byte key given as a JWK.
        let key =
            base64url_decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
                .unwrap();
        let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\
                     .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
                     .dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let parts = split(token).unwrap();
        assert_eq!(parts.header_json, "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
        // The signature holds; the example simply has no `sub`, and it expired in 2011.
        assert_eq!(verify(token, &key, 1_300_819_379, Algorithms::Pinned), Err(Rejection::MissingClaim("sub")));
        assert_eq!(
            verify(token, &key, 1_300_819_380, Algorithms::Pinned),
            Err(Rejection::Expired { exp: 1_300_819_380, now: 1_300_819_380 })
        );
        assert_eq!(verify(token, b"another key", 0, Algorithms::Pinned), Err(Rejection::BadSignature));
    }

    #[test]
    fn a_changed_claim_breaks_the_signature() {
        let token = sign(&alice(1_900), b"secret");
        let parts = split(&token).unwrap();
        let forged_claims = parts.claims_json.replace("alice", "admin");
        let forged = format!("{}.{}.{}", parts.header, base64url(forged_claims.as_bytes()), parts.signature);
        assert_eq!(verify(&forged, b"secret", 1_000, Algorithms::Pinned), Err(Rejection::BadSignature));
    }

    #[test]
    fn alg_none_passes_only_a_verifier_that_trusts_the_header() {
        let header = base64url(br#"{"alg":"none","typ":"JWT"}"#);
        let claims = base64url(br#"{"sub":"admin","iat":1000,"exp":9999,"jti":"forged"}"#);
        let forged = format!("{header}.{claims}.");
        assert_eq!(
            verify(&forged, b"secret", 1_000, Algorithms::Pinned),
            Err(Rejection::AlgorithmRefused("none".into()))
        );
        let accepted = verify(&forged, b"secret", 1_000, Algorithms::FromHeader).unwrap();
        assert_eq!(accepted.sub, "admin");
    }

    #[test]
    fn malformed_tokens_say_which_part_is_wrong() {
        assert_eq!(split("abc"), Err(Rejection::NotThreeParts));
        assert_eq!(split("a.b.c.d"), Err(Rejection::NotThreeParts));
        assert_eq!(split("a+b.e30.").map(|_| ()), Err(Rejection::NotBase64url(Part::Header)));
        let header = base64url(HEADER_JSON.as_bytes());
        assert_eq!(split(&format!("{header}.e30=.x")).map(|_| ()), Err(Rejection::NotBase64url(Part::Claims)));
        let not_json = format!("{header}.{}.", base64url(b"[1]"));
        let signed = format!("{not_json}{}", base64url(&hmac_sha256(b"k", not_json.trim_end_matches('.').as_bytes())));
        assert_eq!(verify(&signed, b"k", 0, Algorithms::Pinned), Err(Rejection::NotJsonObject(Part::Claims)));
    }

    #[test]
    fn claims_with_odd_text_round_trip() {
        let claims = Claims::new("a \"quoted\" \\ name\n\u{1F36A}", 5, 10, "j");
        assert_eq!(verify(&sign(&claims, b"k"), b"k", 6, Algorithms::Pinned), Ok(claims));
    }

    #[test]
    fn the_json_reader_takes_what_rfc_8259_allows_and_nothing_else() {
        let object =
            parse_object(r#" { "a" : [1, -2.5e3, true, false, null, {"b": "\u00e9\ud83c\udf6a"}], "a": "last" } "#)
                .unwrap();
        assert_eq!(field(&object, "a"), Some(&Json::String("last".into())));
        let Json::Array(items) = &object[0].1 else { panic!("an array") };
        assert_eq!(items[1], Json::Number("-2.5e3".into()));
        assert_eq!(items[5], Json::Object(vec![("b".into(), Json::String("é🍪".into()))]));
        for bad in
            ["", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":01x}", "{\"a\":\"\n\"}", "{} {}", "{\"a\":1.}"]
        {
            assert_eq!(parse_object(bad), None, "{bad:?}");
        }
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(100), "]".repeat(100));
        assert_eq!(parse_object(&deep), None);
    }

    /// `PyJWT`'s recording (`make verify-real` writes it): what the library made,
    /// and how it judged the engine's tokens and a set of broken ones.
    const PYJWT: &str = include_str!("../../tests/real/jwt/pyjwt.json");

    fn get<'j>(value: &'j Json, name: &str) -> &'j Json {
        let Json::Object(fields) = value else { panic!("{name}: not in an object") };
        field(fields, name).unwrap_or_else(|| panic!("the recording has no {name:?}"))
    }

    fn string<'j>(value: &'j Json, name: &str) -> &'j str {
        match get(value, name) {
            Json::String(text) => text,
            other => panic!("{name} is {other:?}"),
        }
    }

    fn number(value: &Json, name: &str) -> u64 {
        match get(value, name) {
            Json::Number(text) => text.parse().unwrap(),
            other => panic!("{name} is {other:?}"),
        }
    }

    fn list<'j>(value: &'j Json, name: &str) -> &'j [Json] {
        match get(value, name) {
            Json::Array(items) => items,
            other => panic!("{name} is {other:?}"),
        }
    }

    /// The engine's rejection in the words the recording uses for `PyJWT`'s exceptions.
    fn judged(result: &Result<Claims, Rejection>) -> &'static str {
        match result {
            Ok(_) => "valid",
            Err(Rejection::Expired { .. }) => "expired",
            Err(Rejection::BadSignature) => "bad signature",
            Err(Rejection::AlgorithmRefused(_)) => "algorithm refused",
            Err(Rejection::NotThreeParts | Rejection::NotBase64url(_) | Rejection::NotJsonObject(_)) => "malformed",
            Err(Rejection::MissingClaim(_)) => "missing claim",
        }
    }

    #[test]
    fn tokens_agree_with_pyjwt_both_ways() {
        let recording = Json::Object(parse_object(PYJWT).expect("the recording is a JSON object"));
        let made = list(&recording, "made");
        assert!(made.len() >= 4, "the recording has its cases");
        for case in made {
            let name = string(case, "name");
            let secret = string(case, "secret").as_bytes();
            let claims = get(case, "claims");
            let claims = {
                let given = claims;
                let mut claims =
                    Claims::new(string(given, "sub"), number(given, "iat"), number(given, "exp"), string(given, "jti"));
                // The optional claims a refresh login or a token version adds.
                if let Json::Object(fields) = given {
                    claims.sid = field(fields, "sid").map(|_| string(given, "sid").to_owned());
                    claims.ver = field(fields, "ver").map(|_| number(given, "ver"));
                }
                claims
            };
            let pyjwt_token = string(case, "pyjwtToken");
            // PyJWT's token verifies here, with the same claims.
            assert_eq!(verify(pyjwt_token, secret, claims.iat, Algorithms::Pinned).as_ref(), Ok(&claims), "{name}");
            // The engine's token verified in PyJWT, and expired there at `exp`.
            assert_eq!(string(get(case, "pyjwtOnEngineToken"), "result"), "valid", "{name}");
            assert_eq!(string(get(case, "pyjwtOnEngineToken"), "sub"), claims.sub, "{name}");
            // And reads the optional claims the engine wrote as the engine does.
            let read = get(case, "pyjwtOnEngineToken");
            if let Some(sid) = &claims.sid {
                assert_eq!(string(read, "sid"), sid, "{name}");
            }
            if let Some(ver) = claims.ver {
                assert_eq!(number(read, "ver"), ver, "{name}");
            }
            assert_eq!(string(get(case, "pyjwtOnEngineTokenAtExp"), "result"), "expired", "{name}");
            // Byte for byte the same token, wherever the claims are ASCII:
            // Python's json escapes other characters as \u sequences, the
            // engine writes them as UTF-8, as JavaScript's JSON.stringify does.
            if claims.sub.is_ascii() && claims.jti.is_ascii() {
                assert_eq!(sign(&claims, secret), pyjwt_token, "{name}");
            }
        }
        let checks = list(&recording, "judged");
        assert!(checks.len() >= 8, "the recording has its checks");
        for check in checks {
            let name = string(check, "name");
            let result = verify(
                string(check, "token"),
                string(check, "secret").as_bytes(),
                number(check, "now"),
                Algorithms::Pinned,
            );
            assert_eq!(judged(&result), string(get(check, "pyjwt"), "result"), "{name}: {result:?}");
        }
    }
}
