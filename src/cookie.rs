//! The `Set-Cookie` header: what the server writes and the browser reads.
//!
//! The cookie's attributes are typed values here; only the header text is a
//! string, because the text is what travels and what the reader should see.
//! The parser implements the parts of RFC 6265bis §5.6 this model relies on:
//! name and value, `Path`, `Max-Age`, `Expires` (recorded), `Domain`,
//! `Secure`, `HttpOnly` and `SameSite`, with unknown attributes ignored.

use serde::Serialize;
use std::fmt;

/// The `SameSite` attribute: when a cookie rides along on cross-site requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SameSite {
    /// Only on requests started by the site itself.
    Strict,
    /// Also on top-level GET navigations from other sites.
    Lax,
    /// On every request (and the browser insists on `Secure`).
    None,
}

impl fmt::Display for SameSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        })
    }
}

/// One `Set-Cookie` header, as the server builds it and the browser parses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetCookie {
    /// The cookie name, e.g. `sid`.
    pub name: String,
    /// The cookie value: for a session cookie, the session ID.
    pub value: String,
    /// `Path=`; `None` means the browser derives a default path.
    pub path: Option<String>,
    /// `Domain=`; `None` means host-only.
    pub domain: Option<String>,
    /// `Max-Age=` in seconds; zero or less tells the browser to delete it.
    pub max_age: Option<i64>,
    /// The raw `Expires=` date, if any.
    pub expires: Option<String>,
    /// `Secure`: only ever sent over https.
    pub secure: bool,
    /// `HttpOnly`: hidden from page scripts (`document.cookie`).
    pub http_only: bool,
    /// `SameSite=`.
    pub same_site: Option<SameSite>,
}

impl SetCookie {
    /// A bare `name=value` cookie with no attributes.
    pub fn new(name: &str, value: &str) -> SetCookie {
        SetCookie {
            name: name.to_owned(),
            value: value.to_owned(),
            path: None,
            domain: None,
            max_age: None,
            expires: None,
            secure: false,
            http_only: false,
            same_site: None,
        }
    }

    /// Parses a `Set-Cookie` header value. A header without a `name=value`
    /// pair, or with an empty name, is ignored by browsers: that is the error.
    pub fn parse(header: &str) -> Result<SetCookie, CookieError> {
        let mut parts = header.split(';');
        let pair = parts.next().unwrap_or("");
        let Some((name, value)) = pair.split_once('=') else {
            return Err(CookieError::NoNameValuePair);
        };
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty() {
            return Err(CookieError::EmptyName);
        }
        let mut cookie = SetCookie::new(name, value);
        for attribute in parts {
            let (key, val) = attribute.split_once('=').unwrap_or((attribute, ""));
            let (key, val) = (key.trim(), val.trim());
            // Attribute names are case-insensitive; unknown ones are ignored.
            match key.to_ascii_lowercase().as_str() {
                // A path that does not start with "/" is ignored (RFC 6265bis §5.6.4).
                "path" if val.starts_with('/') => cookie.path = Some(val.to_owned()),
                "path" => cookie.path = None,
                "domain" if !val.is_empty() => {
                    cookie.domain = Some(val.trim_start_matches('.').to_ascii_lowercase());
                }
                // Max-Age must be an optional minus sign and digits, or it is ignored (§5.6.2).
                "max-age" => {
                    let digits = val.strip_prefix('-').unwrap_or(val);
                    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                        cookie.max_age = Some(val.parse().unwrap_or(if val.starts_with('-') {
                            i64::MIN
                        } else {
                            i64::MAX
                        }));
                    }
                }
                "expires" => cookie.expires = Some(val.to_owned()),
                "secure" => cookie.secure = true,
                "httponly" => cookie.http_only = true,
                "samesite" => {
                    cookie.same_site = match val.to_ascii_lowercase().as_str() {
                        "strict" => Some(SameSite::Strict),
                        "lax" => Some(SameSite::Lax),
                        "none" => Some(SameSite::None),
                        // An unrecognised value counts as absent.
                        _ => None,
                    }
                }
                _ => {}
            }
        }
        Ok(cookie)
    }
}

impl fmt::Display for SetCookie {
    /// The header value, attributes in the order most frameworks write them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.name, self.value)?;
        if let Some(path) = &self.path {
            write!(f, "; Path={path}")?;
        }
        if let Some(domain) = &self.domain {
            write!(f, "; Domain={domain}")?;
        }
        if let Some(max_age) = self.max_age {
            write!(f, "; Max-Age={max_age}")?;
        }
        if let Some(expires) = &self.expires {
            write!(f, "; Expires={expires}")?;
        }
        if self.http_only {
            f.write_str("; HttpOnly")?;
        }
        if self.secure {
            f.write_str("; Secure")?;
        }
        if let Some(same_site) = self.same_site {
            write!(f, "; SameSite={same_site}")?;
        }
        Ok(())
    }
}

/// Why a browser ignored a `Set-Cookie` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CookieError {
    /// The header has no `=` in its first part.
    NoNameValuePair,
    /// The cookie name is empty.
    EmptyName,
}

impl fmt::Display for CookieError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CookieError::NoNameValuePair => "the header has no name=value pair",
            CookieError::EmptyName => "the cookie name is empty",
        })
    }
}

impl std::error::Error for CookieError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_session_cookie_like_a_framework() {
        let mut c = SetCookie::new("sid", "abc");
        c.path = Some("/".into());
        c.http_only = true;
        c.same_site = Some(SameSite::Lax);
        assert_eq!(c.to_string(), "sid=abc; Path=/; HttpOnly; SameSite=Lax");
    }

    #[test]
    fn parses_what_it_renders_and_tolerates_case_and_spaces() {
        let c = SetCookie::parse("sid=abc;  path=/ ; HTTPONLY; samesite=lax; Max-Age=0").unwrap();
        assert_eq!(c.name, "sid");
        assert_eq!(c.value, "abc");
        assert_eq!(c.path.as_deref(), Some("/"));
        assert!(c.http_only);
        assert_eq!(c.same_site, Some(SameSite::Lax));
        assert_eq!(c.max_age, Some(0));
    }

    #[test]
    fn ignores_bad_attribute_values_and_rejects_nameless_cookies() {
        let c = SetCookie::parse("a=1; Max-Age=soon; Path=relative; SameSite=Sometimes").unwrap();
        assert_eq!((c.max_age, c.path, c.same_site), (None, None, None));
        assert_eq!(
            SetCookie::parse("novalue"),
            Err(CookieError::NoNameValuePair)
        );
        assert_eq!(SetCookie::parse("=x"), Err(CookieError::EmptyName));
    }
}
