//! Why the jar did what it did: typed reasons, written out in words only
//! when they are shown.
//!
//! The jar decides with a [`Rejection`] (why a `Set-Cookie` was ignored) or
//! a [`SendReason`] (why a cookie went with a request or stayed home). Code
//! that needs the decision matches on the variant; the page and the
//! narration get the words, which serialize as the same strings they always
//! were (`"ignored: a Secure cookie can only be set over https"`).

use serde::{Serialize, Serializer};
use std::fmt;

/// Why the jar ignored a `Set-Cookie` header (RFC 6265bis §5.6, §5.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The URL is not http or https (its scheme).
    NotHttp(String),
    /// The header does not parse (why, from the parser).
    Unparsable(String),
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

impl Rejection {
    /// Why, as a clause: "a Secure cookie can only be set over https".
    pub fn why(&self) -> String {
        match self {
            Rejection::NotHttp(scheme) => format!("cookies come only from http and https URLs, not {scheme}"),
            Rejection::Unparsable(why) => why.clone(),
            Rejection::PublicSuffix { domain } => {
                format!("Domain={domain} is a public suffix, shared by unrelated sites")
            }
            Rejection::DomainMismatch { domain, host } => format!("Domain={domain} does not cover the host {host}"),
            Rejection::SecureOverHttp => "a Secure cookie can only be set over https".to_owned(),
            Rejection::ScriptSetsHttpOnly => "a script cannot set an HttpOnly cookie".to_owned(),
            Rejection::ShadowsSecure => {
                "over plain http it would overwrite a Secure cookie of the same name".to_owned()
            }
            Rejection::SameSiteNoneWithoutSecure => "SameSite=None requires Secure".to_owned(),
            Rejection::CrossSiteSubresource => {
                "a response to another site's embedded request can set only SameSite=None cookies".to_owned()
            }
            Rejection::NamelessPrefix => "a nameless cookie cannot pose as a __Secure- or __Host- cookie".to_owned(),
            Rejection::SecurePrefix => "a __Secure- cookie must be Secure".to_owned(),
            Rejection::HostPrefix => "a __Host- cookie must be Secure, have Path=/ and no Domain".to_owned(),
            Rejection::ScriptOverwritesHttpOnly => "a script cannot overwrite an HttpOnly cookie".to_owned(),
        }
    }
}

impl fmt::Display for Rejection {
    /// The reason as the jar reports it: "ignored: …" (a URL that is not
    /// http gets no cookie at all, so it is said without the prefix).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::NotHttp(_) => f.write_str(&self.why()),
            _ => write!(f, "ignored: {}", self.why()),
        }
    }
}

impl Serialize for Rejection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
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

impl fmt::Display for SendReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let default = |defaulted: bool| if defaulted { " (the browser's default for a missing SameSite)" } else { "" };
        match self {
            SendReason::Sent => f.write_str("sent: it matches the host and path, and nothing holds it back"),
            SendReason::VisibleToScript => {
                f.write_str("visible to document.cookie: it matches the host and path and is not HttpOnly")
            }
            SendReason::Expired => f.write_str("withheld: it has expired"),
            SendReason::HostOnly { domain, host } => {
                write!(f, "withheld: it is host-only for {domain}, and this is {host}")
            }
            SendReason::OutsideDomain { host, domain } => write!(f, "withheld: {host} is not within Domain={domain}"),
            SendReason::PathNotUnder { path, cookie_path } => {
                write!(f, "withheld: the path {path} is not under Path={cookie_path}")
            }
            SendReason::SecureOnHttp => f.write_str("withheld: it is Secure and this request is plain http"),
            SendReason::HiddenFromScript => f.write_str("withheld: it is HttpOnly, hidden from document.cookie"),
            SendReason::Strict { defaulted } => {
                write!(f, "withheld: SameSite=Strict{} on a cross-site request", default(*defaulted))
            }
            SendReason::Lax { defaulted, on } => {
                let what = match on {
                    LaxBlocks::CrossSitePost => "a cross-site POST",
                    LaxBlocks::CrossSiteEmbed => "a cross-site embedded request",
                };
                write!(f, "withheld: SameSite=Lax{} on {what}", default(*defaulted))
            }
            SendReason::NotHttp(scheme) => write!(f, "withheld: {scheme} URLs get no cookies"),
        }
    }
}

impl Serialize for SendReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
