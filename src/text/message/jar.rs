//! What the cookie jar's decisions say (`src/browser/reason.rs`): why a
//! `Set-Cookie` was ignored, why a cookie went with a request or stayed
//! home, why a header or a URL does not parse.
//!
//! The browser layer sits below the catalogue and keeps its reasons typed;
//! this is where they get their words. The reasons display and serialize as
//! their sentence (in the playground's language), so a jar change in a trace
//! or the cookie lab still carries the words the page and the snapshots read.

use crate::browser::jar::{Rejection, SetCookieError, UrlError};
use crate::browser::reason::SendReason;
use crate::text::say;
use std::fmt;

/// The jar's reasons, by their stable id.
#[derive(Clone, Copy, Debug)]
pub enum JarMessage<'a> {
    /// Why a header was ignored, as a clause: "a Secure cookie can only be set over https".
    Why(&'a Rejection),
    /// The same as the jar reports it: "ignored: …" (a URL that is not http
    /// gets no cookie at all, so it is said without the prefix).
    Ignored(&'a Rejection),
    /// Why one cookie went with a request or stayed home.
    Send(&'a SendReason),
    /// Why a `Set-Cookie` string does not parse.
    Unparsable(&'a SetCookieError),
    /// Why text is not a URL.
    BadUrl(&'a UrlError),
}

impl Rejection {
    /// Why, as a clause: "a Secure cookie can only be set over https".
    pub fn why(&self) -> String {
        say(JarMessage::Why(self))
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say(JarMessage::Ignored(self)))
    }
}

impl fmt::Display for SendReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say(JarMessage::Send(self)))
    }
}

impl fmt::Display for SetCookieError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say(JarMessage::Unparsable(self)))
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say(JarMessage::BadUrl(self)))
    }
}

impl std::error::Error for UrlError {}

/// A rejection is written as its words.
impl crate::base::json::ToJson for Rejection {
    fn write_json(&self, out: &mut String) {
        crate::base::json::write_string(out, &self.to_string());
    }
}

/// A reason is written as its words.
impl crate::base::json::ToJson for SendReason {
    fn write_json(&self, out: &mut String) {
        crate::base::json::write_string(out, &self.to_string());
    }
}
