//! Text encodings that session cookies use: base64 in its two alphabets,
//! hex, and the percent-encoding of JavaScript's `encodeURIComponent`; and
//! the escaping that lets a message quote untrusted text safely.

/// The standard base64 alphabet (RFC 4648 §4).
const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The URL-safe alphabet (RFC 4648 §5).
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64_with(alphabet: &[u8; 64], bytes: &[u8], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [group[0], *group.get(1).unwrap_or(&0), *group.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // A group of k bytes yields k + 1 characters, then padding to 4.
        for i in 0..=group.len() {
            out.push(char::from(alphabet[((n >> (18 - 6 * i)) & 0x3F) as usize]));
        }
        if pad {
            out.push_str(&"=="[..3 - group.len()]);
        }
    }
    out
}

/// Unpadded base64url, the form of tower-sessions' and express-session's IDs.
pub fn base64url(bytes: &[u8]) -> String {
    base64_with(URL_SAFE, bytes, false)
}

/// Standard base64 with padding, as Java's `Base64.getEncoder()` writes it.
pub fn base64(bytes: &[u8]) -> String {
    base64_with(STANDARD, bytes, true)
}

/// Standard base64 without the trailing `=`, as cookie-signature writes signatures.
pub fn base64_unpadded(bytes: &[u8]) -> String {
    base64_with(STANDARD, bytes, false)
}

/// Decodes standard base64, padded or not. `None` for anything malformed.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    base64_decode_with(STANDARD, text)
}

/// Decodes unpadded base64url, as a JWT's three parts are written (RFC 7515
/// §2). `None` for anything malformed, padding included.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    if text.contains('=') {
        return None;
    }
    base64_decode_with(URL_SAFE, text)
}

fn base64_decode_with(alphabet: &[u8; 64], text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim_end_matches('=');
    if trimmed.len() % 4 == 1 || text.len() - trimmed.len() > 2 {
        return None;
    }
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    for c in trimmed.bytes() {
        let value = alphabet.iter().position(|&a| a == c)? as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )` is
/// percent-encoded. express-session's cookie values go through it.
pub fn encode_uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Reverses percent-encoding; `None` if an escape is malformed or the result
/// is not UTF-8 (where `decodeURIComponent` would throw).
pub fn decode_uri_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a character must not reach a terminal or a reader raw: the C0
/// and C1 control characters and DEL (which move the cursor, erase lines
/// and start escape sequences: CR, LF, ESC) and the bidirectional
/// formatting characters (which reorder what is shown, as in "Trojan
/// Source").
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => out.push_str(&format!("\\u{:04x}", u32::from(c))),
    }
}

/// `text` with every control and bidirectional formatting character
/// written as a JSON escape (`\n`, `\r`, `\t`, `\u001b`): safe to print in
/// a terminal or a message, whatever the input held.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if needs_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` in double quotes for a message, as JSON writes a string: `"` and
/// `\` escaped, and control characters as [`escape_controls`] writes them.
pub fn quoted(text: &str) -> String {
    quote_with(text, |out, c| {
        let escaped = needs_escape(c);
        if escaped {
            push_escape(out, c);
        }
        escaped
    })
}

/// `text` in double quotes with `"` and `\` escaped; every other character
/// goes through `escape`, which writes it its own way and says so (`true`),
/// or leaves it to be written as it is.
pub fn quote_with(text: &str, mut escape: impl FnMut(&mut String, char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if escape(&mut out, c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, padded) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(base64(plain.as_bytes()), padded);
            assert_eq!(base64url(plain.as_bytes()), padded.trim_end_matches('='));
            assert_eq!(base64_decode(padded).unwrap(), plain.as_bytes());
            assert_eq!(base64_decode(padded.trim_end_matches('=')).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url(&[0xFB, 0xFF]), "-_8");
        assert_eq!(base64(&[0xFB, 0xFF]), "+/8=");
    }

    #[test]
    fn control_characters_are_escaped_and_nothing_else() {
        assert_eq!(escape_controls("a\r\nb\tc\u{1b}[2Jd\u{7f}\u{9b}e"), "a\\r\\nb\\tc\\u001b[2Jd\\u007f\\u009be");
        assert_eq!(escape_controls("caf\u{e9} \u{202e}txt"), "caf\u{e9} \\u202etxt");
        assert_eq!(escape_controls("plain \"text\" \\ stays"), "plain \"text\" \\ stays");
        assert_eq!(quoted("say \"hi\"\\\n"), "\"say \\\"hi\\\"\\\\\\n\"");
        assert_eq!(quoted("lgoin"), "\"lgoin\"");
    }

    #[test]
    fn malformed_base64_is_rejected() {
        assert_eq!(base64_decode("Zg==="), None);
        assert_eq!(base64_decode("Z"), None);
        assert_eq!(base64_decode("Zm9v!"), None);
    }

    #[test]
    fn base64url_round_trips_and_refuses_the_other_alphabet() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(base64url_decode(&base64url(&bytes)), Some(bytes));
        assert_eq!(base64url_decode("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(base64url_decode("+/8"), None);
        assert_eq!(base64url_decode("Zg=="), None);
    }

    #[test]
    fn uri_component_round_trips() {
        assert_eq!(encode_uri_component("s:ab+c/d="), "s%3Aab%2Bc%2Fd%3D");
        assert_eq!(decode_uri_component("s%3Aab%2Bc%2Fd%3D").as_deref(), Some("s:ab+c/d="));
        assert_eq!(decode_uri_component("%zz"), None);
        assert_eq!(decode_uri_component("%4"), None);
    }
}
