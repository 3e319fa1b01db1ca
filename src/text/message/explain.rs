//! The wire inspector's ids: what each line of an HTTP message means, by
//! the kind of line, carrying the facts its explanation needs (the cookies'
//! names in a `Cookie` header, a `Set-Cookie` as the browser parses it).
//!
//! Which line gets which id is decided in `src/text/explain.rs`; the words
//! are each language's (`src/text/en/explain.rs` in English).

use crate::base::http::{Method, Status};
use crate::browser::jar::{Parsed, SetCookieError};

/// What one line of a request or a response means, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum ExplainMessage<'a> {
    /// A request's start line: the method and the path it asks about.
    RequestLine {
        /// GET or POST.
        method: Method,
        /// The path, e.g. `/profile`.
        path: &'a str,
    },
    /// The `Host` header: which site the request is for.
    Host,
    /// A request's `Content-Type`: the body is an HTML form.
    FormContentType,
    /// The `Cookie` header, with the names of the cookies it carries, in order.
    Cookie {
        /// Each pair's name, repeats included.
        names: &'a [&'a str],
    },
    /// A request's form body, with its fields' names, in order.
    FormBody {
        /// Each field's name.
        fields: &'a [String],
    },
    /// A response's status line, by its code.
    Status(Status),
    /// A response's `Content-Type`: the body is an HTML page.
    PageContentType,
    /// A response's body: the page, shortened to its text.
    PageBody,
    /// A `Set-Cookie` the browser's parser refuses, so the whole header is ignored.
    SetCookieIgnored(&'a SetCookieError),
    /// A `Set-Cookie` the browser parses, attribute by attribute.
    SetCookie {
        /// The cookie as the browser's parser reads it.
        cookie: &'a Parsed,
        /// Whether it asks the browser to delete the cookie (its lifetime is
        /// already over: `Max-Age` of zero or less, or an `Expires` in the past).
        deletes: bool,
        /// Whether its name carries the `__Host-` prefix.
        host_prefix: bool,
    },
    /// Any other header.
    OtherHeader,
}
