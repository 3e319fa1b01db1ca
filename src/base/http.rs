//! HTTP messages as they would appear on the wire.
//!
//! The browser and the server talk only through these values, and each side
//! reads only what is in them: the server learns who you are from the `Cookie`
//! header and nothing else. Rendering a message gives its HTTP/1.1 text, which
//! is what the page and transcripts show.

use std::fmt;

/// The host name of the playground's application.
pub const APP_HOST: &str = "app.example";

/// The request methods the playground uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Read a page.
    Get,
    /// Submit a form.
    Post,
}

crate::base::json::json_names!(Method { Get => "GET", Post => "POST" });

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Get => "GET",
            Method::Post => "POST",
        })
    }
}

/// A response status code with its standard reason phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status(pub u16);

/// A status is written as its number.
impl crate::base::json::ToJson for Status {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

impl Status {
    /// 200: here is the page.
    pub const OK: Status = Status(200);
    /// 400: the request was malformed.
    pub const BAD_REQUEST: Status = Status(400);
    /// 401: you are not (or no longer) logged in.
    pub const UNAUTHORIZED: Status = Status(401);
    /// 404: no such page.
    pub const NOT_FOUND: Status = Status(404);
    /// 500: the server failed.
    pub const INTERNAL_SERVER_ERROR: Status = Status(500);
    /// 503: nothing is there to serve the request (a load balancer with no running server).
    pub const SERVICE_UNAVAILABLE: Status = Status(503);

    /// The reason phrase from RFC 9110.
    pub fn reason(self) -> &'static str {
        match self.0 {
            200 => "OK",
            400 => "Bad Request",
            401 => "Unauthorized",
            404 => "Not Found",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            _ => "",
        }
    }
}

/// One header line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Field name, e.g. `Set-Cookie`.
    pub name: String,
    /// Field value, exactly as sent.
    pub value: String,
}

crate::base::json::json_fields!([] Header { "name": name, "value": value });

impl Header {
    /// A header from name and value.
    pub fn new(name: &str, value: impl Into<String>) -> Header {
        Header { name: name.to_owned(), value: value.into() }
    }
}

/// A request from the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// GET or POST.
    pub method: Method,
    /// The path, e.g. `/profile`.
    pub path: String,
    /// Header lines in order.
    pub headers: Vec<Header>,
    /// The body, for a form post.
    pub body: Option<String>,
}

crate::base::json::json_fields!([] Request { "method": method, "path": path, "headers": headers, "body": body });

impl Request {
    /// The first header with this name (case-insensitive, as HTTP field names are).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The value of the cookie `name` this request carries, the first if it carries several.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.header("Cookie").and_then(|header| cookie_value(header, name))
    }

    /// The request line, e.g. `GET /profile HTTP/1.1`.
    pub fn start_line(&self) -> String {
        format!("{} {} HTTP/1.1", self.method, self.path)
    }
}

/// A response from the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: Status,
    /// Header lines in order.
    pub headers: Vec<Header>,
    /// The body: a short text standing in for the HTML page.
    pub body: Option<String>,
}

crate::base::json::json_fields!([] Response { "status": status, "headers": headers, "body": body });

impl Response {
    /// A text response with the given status and body.
    pub fn text(status: Status, body: &str) -> Response {
        Response {
            status,
            headers: vec![Header::new("Content-Type", "text/html; charset=utf-8")],
            body: Some(body.to_owned()),
        }
    }

    /// Adds a header line.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push(Header::new(name, value));
        self
    }

    /// Every value of the headers with this name, in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
    }

    /// The status line, e.g. `HTTP/1.1 401 Unauthorized`.
    pub fn start_line(&self) -> String {
        format!("HTTP/1.1 {} {}", self.status.0, self.status.reason())
    }
}

fn find_header<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}

/// Writes a message as HTTP/1.1 text: start line, headers, blank line, body.
fn write_message(f: &mut fmt::Formatter<'_>, start: &str, headers: &[Header], body: &Option<String>) -> fmt::Result {
    writeln!(f, "{start}")?;
    for h in headers {
        writeln!(f, "{}: {}", h.name, h.value)?;
    }
    if let Some(body) = body {
        write!(f, "\n{body}")?;
    }
    Ok(())
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_message(f, &self.start_line(), &self.headers, &self.body)
    }
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_message(f, &self.start_line(), &self.headers, &self.body)
    }
}

/// Encodes form fields as `application/x-www-form-urlencoded`, the way a
/// browser submits an HTML form.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode_into(&mut out, name);
        out.push('=');
        percent_encode_into(&mut out, value);
    }
    out
}

fn percent_encode_into(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
}

/// Decodes an `application/x-www-form-urlencoded` body into name/value pairs.
/// Malformed escapes are kept literally, as browsers and servers do.
pub fn form_decode(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(decoded) => {
                        out.push(decoded);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a `Cookie` request header into name/value pairs (RFC 6265bis §5.7:
/// pairs separated by `; `). Servers read it exactly like this.
pub fn parse_cookie_header(value: &str) -> Vec<(&str, &str)> {
    value
        .split(';')
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            Some((name.trim(), value.trim()))
        })
        .collect()
}

/// Every value a `Cookie` header carries under `name`, in order: a browser
/// can send two cookies of one name (one set for a parent domain, say).
pub fn cookie_values<'a>(header: &'a str, name: &str) -> Vec<&'a str> {
    parse_cookie_header(header).into_iter().filter(|(n, _)| *n == name).map(|(_, v)| v).collect()
}

/// The value of the cookie `name` in a `Cookie` header. When several share
/// the name, the first: what most servers (and this one) read.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    cookie_values(header, name).first().copied()
}

/// The `Authorization` scheme a bearer token comes under, with its space.
pub const BEARER_SCHEME: &str = "Bearer ";

/// The token of an `Authorization` header's value, if it is a bearer token
/// (RFC 6750 §2.1: the scheme, one space, the token).
pub fn bearer_token(value: &str) -> Option<&str> {
    value.strip_prefix(BEARER_SCHEME)
}

/// The cookie a `Set-Cookie` header sets, as a name/value pair: its first
/// pair (the rest are attributes), trimmed as a browser trims it.
pub fn set_cookie_pair(value: &str) -> Option<(&str, &str)> {
    let (name, value) = value.split(';').next()?.split_once('=')?;
    Some((name.trim(), value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_round_trips_through_encoding() {
        let body = form_encode(&[("username", "alice"), ("password", "p@ss word&=")]);
        assert_eq!(body, "username=alice&password=p%40ss+word%26%3D");
        assert_eq!(
            form_decode(&body),
            vec![("username".into(), "alice".into()), ("password".into(), "p@ss word&=".into())]
        );
    }

    #[test]
    fn malformed_percent_escapes_are_kept_literally() {
        assert_eq!(form_decode("a=%zz&b=%4"), vec![("a".into(), "%zz".into()), ("b".into(), "%4".into())]);
        assert_eq!(form_decode("c=%"), vec![("c".into(), "%".into())]);
    }

    #[test]
    fn cookie_header_splits_into_pairs() {
        assert_eq!(parse_cookie_header("sid=abc; theme=dark"), vec![("sid", "abc"), ("theme", "dark")]);
        assert_eq!(parse_cookie_header("junk; sid=x"), vec![("sid", "x")]);
        assert_eq!(cookie_values("sid=a; theme=dark; sid=b", "sid"), ["a", "b"]);
        assert_eq!(cookie_value("theme=dark; sid=a; sid=b", "sid"), Some("a"));
        assert_eq!(cookie_value("theme=dark", "sid"), None);
    }

    #[test]
    fn messages_render_as_http_1_1_text() {
        let response = Response::text(Status::UNAUTHORIZED, "Please log in.");
        assert_eq!(
            response.to_string(),
            "HTTP/1.1 401 Unauthorized\nContent-Type: text/html; charset=utf-8\n\nPlease log in."
        );
    }
}
