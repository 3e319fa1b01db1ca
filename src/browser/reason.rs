//! Why the jar did what it did: typed reasons, with no words.
//!
//! The jar decides with a [`Rejection`] (why a `Set-Cookie` was ignored) or
//! a [`SendReason`] (why a cookie went with a request or stayed home); a
//! header that does not parse says why with a [`SetCookieError`], a URL with
//! a [`UrlError`]. Code that needs the decision matches on the variant; the
//! words are the catalogue's (`src/text/message/jar.rs` and
//! `src/text/en/jar.rs`), which also makes each reason display and serialize
//! as the same strings it always was
//! (`"ignored: a Secure cookie can only be set over https"`).

/// Why the jar ignored a `Set-Cookie` header (RFC 6265bis §5.6, §5.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The URL is not http or https (its scheme).
    NotHttp(String),
    /// The header does not parse (why, from the parser).
    Unparsable(SetCookieError),
    /// `Domain=` names a public suffix that is not the host itself.
    PublicSuffix {
        /// The `Domain` attribute.
        domain: String,
    },
    /// `Domain=` does not cover the host that set it.
    DomainMismatch {
        /// The `Domain` attribute.
        domain: String,
        /// The host of the URL.
        host: String,
    },
    /// A `Secure` cookie from a plain-http URL.
    SecureOverHttp,
    /// A script tried to set an `HttpOnly` cookie.
    ScriptSetsHttpOnly,
    /// Plain http would overwrite a `Secure` cookie of the same name.
    ShadowsSecure,
    /// `SameSite=None` without `Secure`.
    SameSiteNoneWithoutSecure,
    /// A response to another site's embedded request set a cookie that is not `SameSite=None`.
    CrossSiteSubresource,
    /// A nameless cookie whose value starts like a prefixed name.
    NamelessPrefix,
    /// A `__Secure-` cookie without `Secure`.
    SecurePrefix,
    /// A `__Host-` cookie without `Secure`, `Path=/`, or with a `Domain`.
    HostPrefix,
    /// A script tried to overwrite an `HttpOnly` cookie.
    ScriptOverwritesHttpOnly,
}

/// Which cross-site request a `SameSite=Lax` cookie stays home from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaxBlocks {
    /// A form POST from another site.
    CrossSitePost,
    /// An image, a fetch or a frame another site embeds.
    CrossSiteEmbed,
}

/// Why one cookie went with a request or stayed home (§5.8.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendReason {
    /// It went: it matches the host and path, and nothing holds it back.
    Sent,
    /// A script reading `document.cookie` sees it.
    VisibleToScript,
    /// It has expired.
    Expired,
    /// It is host-only for another host.
    HostOnly {
        /// Its host.
        domain: String,
        /// The request's host.
        host: String,
    },
    /// The host is not within its `Domain`.
    OutsideDomain {
        /// The request's host.
        host: String,
        /// Its domain.
        domain: String,
    },
    /// The request's path is not under its `Path`.
    PathNotUnder {
        /// The request's path.
        path: String,
        /// Its path.
        cookie_path: String,
    },
    /// It is `Secure` and the request is plain http.
    SecureOnHttp,
    /// It is `HttpOnly` and a script asks.
    HiddenFromScript,
    /// `SameSite=Strict` on a cross-site request; `defaulted` when the
    /// cookie had no `SameSite` and the browser's default decided.
    Strict {
        /// The browser's default, not the cookie, said Strict.
        defaulted: bool,
    },
    /// `SameSite=Lax` on a cross-site request other than a top-level GET.
    Lax {
        /// The browser's default, not the cookie, said Lax.
        defaulted: bool,
        /// Which request.
        on: LaxBlocks,
    },
    /// The URL is not http or https (its scheme).
    NotHttp(String),
}

impl SendReason {
    /// Whether the cookie went (or, for a script, is visible).
    pub fn sent(&self) -> bool {
        matches!(self, SendReason::Sent | SendReason::VisibleToScript)
    }
}

/// Why a `Set-Cookie` string does not parse (§5.6): a browser ignores the whole header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetCookieError {
    /// It contains a control character other than HTAB.
    ControlCharacter(char),
    /// Both its name and its value are empty.
    NoNameNorValue,
    /// Its name and value together are longer than the limit.
    TooLong {
        /// The bytes of name and value together.
        bytes: usize,
        /// The limit, in bytes.
        limit: usize,
    },
}

/// Why text is not a URL the jar can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// It has no `scheme://` (the text).
    NotAbsolute(String),
    /// Its host is empty (the text).
    NoHost(String),
}
