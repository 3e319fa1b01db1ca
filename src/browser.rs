//! The browser: a cookie jar, and a screen showing the last page it loaded.
//!
//! The browser knows nothing about sessions. It keeps whatever cookies the
//! server sets, under the rules browsers apply, and attaches the matching ones
//! to every request to that site. That automatic attaching is what makes the
//! ticket come back to the counter on each visit.

use crate::clock::Instant;
use crate::cookie::{parse_cookie_date, CookieError, SameSite, SetCookie};
use crate::http::{Header, Method, Request, Response, APP_HOST};
use serde::Serialize;

/// A cookie as the jar keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JarCookie {
    /// Cookie name.
    pub name: String,
    /// Cookie value (for the session cookie: the session ID).
    pub value: String,
    /// The host it belongs to.
    pub domain: String,
    /// True when set without `Domain=`: sent to exactly this host, no subdomains.
    pub host_only: bool,
    /// The path prefix it is sent for.
    pub path: String,
    /// Sent only over https.
    pub secure: bool,
    /// Hidden from `document.cookie`.
    pub http_only: bool,
    /// The `SameSite` attribute, if any.
    pub same_site: Option<SameSite>,
    /// When it expires; `None` for a session cookie that lives until the browser closes.
    pub expires: Option<Instant>,
    /// When the jar first stored it.
    pub created: Instant,
}

/// What the jar did with one `Set-Cookie` header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "outcome")]
pub enum JarChange {
    /// A new cookie was stored.
    Stored {
        /// Its name.
        name: String,
    },
    /// An existing cookie with the same name, domain and path was replaced.
    Replaced {
        /// Its name.
        name: String,
    },
    /// The cookie was removed, because the header expired it.
    Deleted {
        /// Its name.
        name: String,
    },
    /// The header asked to delete a cookie the jar did not have.
    NothingToDelete {
        /// Its name.
        name: String,
    },
    /// The header was ignored.
    Rejected {
        /// Why, in words.
        reason: String,
    },
}

/// A browser's cookie jar.
#[derive(Clone, Debug, Default)]
pub struct CookieJar {
    cookies: Vec<JarCookie>,
}

impl CookieJar {
    /// Stores (or deletes) a cookie from a `Set-Cookie` header received from
    /// `host` for a request to `request_path`.
    pub fn set_from_header(&mut self, header: &str, host: &str, request_path: &str, now: Instant) -> JarChange {
        let parsed = match SetCookie::parse(header) {
            Ok(parsed) => parsed,
            Err(e @ (CookieError::NoNameValuePair | CookieError::EmptyName)) => {
                return JarChange::Rejected { reason: e.to_string() }
            }
        };
        let path = parsed.path.clone().unwrap_or_else(|| default_path(request_path));
        // Max-Age wins over Expires (RFC 6265bis §5.6.2). A lifetime that is
        // already over means "delete this cookie now": `None` below.
        let expires = match (parsed.max_age, parsed.expires.as_deref().and_then(parse_cookie_date)) {
            (Some(secs), _) if secs <= 0 => None,
            (Some(secs), _) => Some(Some(now.plus_secs(secs.unsigned_abs()))),
            (None, Some(unix)) if unix <= now.unix_secs() as i64 => None,
            (None, Some(unix)) => Some(Some(Instant::from_unix(unix))),
            (None, None) => Some(None),
        };
        let Some(expires) = expires else {
            let before = self.cookies.len();
            self.cookies.retain(|c| !(c.name == parsed.name && c.domain == host && c.path == path));
            let name = parsed.name;
            return if self.cookies.len() < before {
                JarChange::Deleted { name }
            } else {
                JarChange::NothingToDelete { name }
            };
        };
        let mut cookie = JarCookie {
            name: parsed.name.clone(),
            value: parsed.value,
            domain: parsed.domain.clone().unwrap_or_else(|| host.to_owned()),
            host_only: parsed.domain.is_none(),
            path,
            secure: parsed.secure,
            http_only: parsed.http_only,
            same_site: parsed.same_site,
            expires,
            created: now,
        };
        // Same name, domain and path is the same cookie: replace it, keeping
        // its original creation time (RFC 6265bis §5.7, step 23).
        if let Some(old) = self
            .cookies
            .iter_mut()
            .find(|c| c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path)
        {
            cookie.created = old.created;
            *old = cookie;
            JarChange::Replaced { name: parsed.name }
        } else {
            self.cookies.push(cookie);
            JarChange::Stored { name: parsed.name }
        }
    }

    /// The `Cookie` header value for a request to `path` on `host`, if any
    /// cookie matches: name=value pairs joined by `; `, longer paths first.
    pub fn cookie_header(&self, host: &str, path: &str, now: Instant) -> Option<String> {
        let mut matching: Vec<&JarCookie> = self
            .cookies
            .iter()
            .filter(|c| c.domain == host && path_matches(path, &c.path))
            .filter(|c| c.expires.is_none_or(|at| at > now))
            .collect();
        matching.sort_by(|a, b| b.path.len().cmp(&a.path.len()).then(a.created.cmp(&b.created)));
        if matching.is_empty() {
            return None;
        }
        Some(matching.iter().map(|c| format!("{}={}", c.name, c.value)).collect::<Vec<_>>().join("; "))
    }

    /// The cookies, in the order they were stored.
    pub fn cookies(&self) -> &[JarCookie] {
        &self.cookies
    }

    /// The cookie with this name, if the jar holds one.
    pub fn get(&self, name: &str) -> Option<&JarCookie> {
        self.cookies.iter().find(|c| c.name == name)
    }

    /// Puts a cookie in the jar as it is, replacing one with the same name,
    /// domain and path: what devtools, or an attacker with access to the
    /// machine, can do.
    pub fn put(&mut self, cookie: JarCookie) {
        self.cookies.retain(|c| !(c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path));
        self.cookies.push(cookie);
    }

    /// Drops cookies whose expiry has passed, returning their names.
    pub fn remove_expired(&mut self, now: Instant) -> Vec<String> {
        let (gone, kept): (Vec<_>, Vec<_>) =
            self.cookies.drain(..).partition(|c| c.expires.is_some_and(|at| at <= now));
        self.cookies = kept;
        gone.into_iter().map(|c| c.name).collect()
    }

    /// Closing the browser ends its non-persistent ("session") cookies, the
    /// ones with neither Max-Age nor Expires. Returns their names.
    pub fn close(&mut self) -> Vec<String> {
        let (gone, kept): (Vec<_>, Vec<_>) = self.cookies.drain(..).partition(|c| c.expires.is_none());
        self.cookies = kept;
        gone.into_iter().map(|c| c.name).collect()
    }
}

/// The default path of a cookie set without `Path=`: the request path up to,
/// not including, its last `/` (RFC 6265bis §5.1.4).
fn default_path(request_path: &str) -> String {
    match request_path.rfind('/') {
        Some(0) | None => "/".to_owned(),
        Some(i) => request_path[..i].to_owned(),
    }
}

/// Path-match (RFC 6265bis §5.1.4): equal, or a prefix ending at a `/`.
fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/') || request_path[cookie_path.len()..].starts_with('/')))
}

/// What the browser's screen shows: the last page it loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Screen {
    /// The address bar.
    pub url: String,
    /// The status of the response that drew this page (0 before any request).
    pub status: u16,
    /// The page's text.
    pub text: String,
}

impl Screen {
    /// The login page, before any request.
    pub fn blank() -> Screen {
        Screen { url: format!("https://{APP_HOST}/login"), status: 0, text: "Log in to app.example".to_owned() }
    }
}

/// One browser, with its own jar.
#[derive(Clone, Debug)]
pub struct Browser {
    /// A short key, e.g. `laptop`.
    pub key: String,
    /// Who uses it, for the page, e.g. "Alice's laptop".
    pub label: String,
    /// Its cookie jar.
    pub jar: CookieJar,
    /// Its screen.
    pub screen: Screen,
}

impl Browser {
    /// A browser with an empty jar, showing the site's login form.
    pub fn new(key: &str, label: &str) -> Browser {
        Browser { key: key.to_owned(), label: label.to_owned(), jar: CookieJar::default(), screen: Screen::blank() }
    }

    /// Builds a request to the app, attaching every matching cookie from the
    /// jar. The browser does this on its own: the page's script has no say.
    pub fn request(&self, method: Method, path: &str, form: Option<String>, now: Instant) -> Request {
        let mut headers = vec![Header::new("Host", APP_HOST)];
        if form.is_some() {
            headers.push(Header::new("Content-Type", "application/x-www-form-urlencoded"));
        }
        if let Some(cookies) = self.jar.cookie_header(APP_HOST, path, now) {
            headers.push(Header::new("Cookie", cookies));
        }
        Request { method, path: path.to_owned(), headers, body: form }
    }

    /// Takes a response in: stores its cookies and shows its page.
    pub fn receive(&mut self, path: &str, response: &Response, now: Instant) -> Vec<JarChange> {
        let changes =
            response.header_values("Set-Cookie").map(|h| self.jar.set_from_header(h, APP_HOST, path, now)).collect();
        self.screen = Screen {
            url: format!("https://{APP_HOST}{path}"),
            status: response.status.0,
            text: response.body.clone().unwrap_or_default(),
        };
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_path_and_path_match_follow_the_rfc() {
        assert_eq!(default_path("/login"), "/");
        assert_eq!(default_path("/account/settings"), "/account");
        assert!(path_matches("/profile", "/"));
        assert!(path_matches("/account/x", "/account"));
        assert!(!path_matches("/accounting", "/account"));
    }

    #[test]
    fn max_age_zero_deletes_and_replacement_keeps_creation_time() {
        let mut jar = CookieJar::default();
        let t0 = Instant::START;
        let t1 = t0.plus_secs(5);
        assert_eq!(jar.set_from_header("a=1; Path=/", "h", "/", t0), JarChange::Stored { name: "a".into() });
        assert_eq!(jar.set_from_header("a=2; Path=/", "h", "/", t1), JarChange::Replaced { name: "a".into() });
        assert_eq!(jar.cookies()[0].created, t0);
        assert_eq!(jar.cookie_header("h", "/x", t1).as_deref(), Some("a=2"));
        assert_eq!(jar.set_from_header("a=; Path=/; Max-Age=0", "h", "/", t1), JarChange::Deleted { name: "a".into() });
        assert_eq!(jar.cookie_header("h", "/x", t1), None);
    }

    #[test]
    fn expired_cookies_are_not_sent() {
        let mut jar = CookieJar::default();
        jar.set_from_header("a=1; Max-Age=60", "h", "/", Instant::START);
        assert!(jar.cookie_header("h", "/", Instant::START.plus_secs(59)).is_some());
        assert!(jar.cookie_header("h", "/", Instant::START.plus_secs(60)).is_none());
    }
}
