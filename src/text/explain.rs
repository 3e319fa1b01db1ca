//! Each line of an HTTP message with what it means, for the page's wire
//! inspector.
//!
//! The explanations read the message the way the receiving side would: a
//! `Set-Cookie` is parsed as a browser parses it, a `Cookie` header split
//! into its pairs. This file decides which line gets which [`ExplainMessage`]
//! and gathers the facts it carries; the words are the catalogue's
//! (`src/text/en/explain.rs`), rendered with [`say`].

use crate::base::http::{form_decode, parse_cookie_header, Request, Response};
use crate::text::message::explain::ExplainMessage;
use crate::text::say;

/// One line of a message with what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainedLine {
    /// The line as sent.
    pub text: String,
    /// What it means, in a sentence or two.
    pub meaning: String,
}

crate::base::json::json_fields!([] ExplainedLine { "text": text, "meaning": meaning });

fn line(text: String, meaning: String) -> ExplainedLine {
    ExplainedLine { text, meaning }
}

/// Each line of a request, explained.
pub fn request(request: &Request) -> Vec<ExplainedLine> {
    let start = ExplainMessage::RequestLine { method: request.method, path: &request.path };
    let mut lines = vec![line(request.start_line(), say(start))];
    for h in &request.headers {
        let meaning = match h.name.as_str() {
            "Host" => say(ExplainMessage::Host),
            "Content-Type" => say(ExplainMessage::FormContentType),
            "Cookie" => {
                // Only names and values travel: the header is its pairs.
                let names: Vec<&str> = parse_cookie_header(&h.value).into_iter().map(|(name, _)| name).collect();
                say(ExplainMessage::Cookie { names: &names })
            }
            _ => say(ExplainMessage::OtherHeader),
        };
        lines.push(line(format!("{}: {}", h.name, h.value), meaning));
    }
    if let Some(body) = &request.body {
        let fields: Vec<String> = form_decode(body).into_iter().map(|(k, _)| k).collect();
        lines.push(line(body.clone(), say(ExplainMessage::FormBody { fields: &fields })));
    }
    lines
}

/// Each line of a response, explained.
pub fn response(response: &Response) -> Vec<ExplainedLine> {
    let mut lines = vec![line(response.start_line(), say(ExplainMessage::Status(response.status)))];
    for h in &response.headers {
        let meaning = match h.name.as_str() {
            "Set-Cookie" => set_cookie(&h.value),
            "Content-Type" => say(ExplainMessage::PageContentType),
            _ => say(ExplainMessage::OtherHeader),
        };
        lines.push(line(format!("{}: {}", h.name, h.value), meaning));
    }
    if let Some(body) = &response.body {
        lines.push(line(body.clone(), say(ExplainMessage::PageBody)));
    }
    lines
}

/// What a `Set-Cookie` header asks of the browser, attribute by attribute.
pub fn set_cookie(header: &str) -> String {
    // The same parser the browser's jar uses: a header it refuses is ignored whole.
    let cookie = match crate::browser::jar::parse(header) {
        Ok(cookie) => cookie,
        Err(why) => return say(ExplainMessage::SetCookieIgnored(&why)),
    };
    // A lifetime already over deletes the cookie: Max-Age of zero or less, or
    // (without Max-Age, which would win) an Expires before 2001, the long-past
    // date servers write to clear a cookie (usually 1970's first second).
    let deletes = cookie.max_age.is_some_and(|m| m <= 0)
        || (cookie.max_age.is_none() && cookie.expires.is_some_and(|unix| unix < 1_000_000_000));
    let host_prefix = cookie.name.starts_with("__Host-");
    say(ExplainMessage::SetCookie { cookie: &cookie, deletes, host_prefix })
}
