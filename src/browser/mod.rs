//! The browser: a cookie jar (see [`crate::browser::jar`]), and a screen showing the
//! last page it loaded.
//!
//! The browser knows nothing about sessions. It keeps whatever cookies the
//! server sets, under the rules browsers apply, and attaches the matching ones
//! to every request to that site. That automatic attaching is what makes the
//! ticket come back to the counter on each visit.

pub mod cookie;
pub mod jar;
pub mod reason;

use crate::base::clock::Instant;
use crate::base::http::{Header, Method, Request, Response, APP_HOST};
use crate::browser::jar::{Context, Url};
pub use crate::browser::jar::{CookieJar, JarChange, JarCookie};

/// How a request reaches the app: the scheme, and who started it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Channel {
    /// `https` or `http`.
    pub scheme: &'static str,
    /// The jar's view of the request: same-site or not, top-level, safe method.
    pub context: Context,
}

impl Channel {
    /// The site's own page, over https.
    pub const NORMAL: Channel = Channel { scheme: "https", context: Context::SAME_SITE };
    /// Plain http, started by the site itself (a typed address, an old link).
    pub const PLAIN_HTTP: Channel = Channel { scheme: "http", context: Context::SAME_SITE };
    /// A form on another site, submitted in this browser (a POST, top-level).
    pub const CROSS_SITE_POST: Channel = Channel {
        scheme: "https",
        context: Context { api: crate::browser::jar::Api::Http, same_site: false, top_level: true, safe_method: false },
    };
}

/// The site another page lives on, for cross-site requests.
pub const OTHER_SITE: &str = "https://evil.example";

/// The app's URL for a path, as the jar sees it.
fn app_url(scheme: &str, path: &str) -> Url {
    Url { scheme: scheme.to_owned(), host: APP_HOST.to_owned(), path: path.split('?').next().unwrap_or("/").to_owned() }
}

/// The jar's clock: Unix milliseconds of a virtual instant.
fn jar_time(now: Instant) -> i64 {
    now.unix_millis() as i64
}

/// What the browser's screen shows: the last page it loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screen {
    /// The address bar.
    pub url: String,
    /// The status of the response that drew this page (0 before any request).
    pub status: u16,
    /// The page's text.
    pub text: String,
}

crate::base::json::json_fields!([] Screen { "url": url, "status": status, "text": text });

impl Screen {
    /// The login page, before any request, showing `text` (the catalogue's `Label::BlankScreen`).
    pub fn blank(text: &str) -> Screen {
        Screen { url: format!("https://{APP_HOST}/login"), status: 0, text: text.to_owned() }
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
    /// The site's `localStorage`: what the app's own script keeps (a bearer
    /// token, say). Unlike an `HttpOnly` cookie, any script on the page can read it.
    pub storage: crate::base::sorted::SortedMap<String, String>,
}

impl Browser {
    /// A browser with an empty jar, showing the site's login form (its text `blank`).
    pub fn new(key: &str, label: &str, blank: &str) -> Browser {
        Browser {
            key: key.to_owned(),
            label: label.to_owned(),
            jar: CookieJar::default(),
            screen: Screen::blank(blank),
            storage: Default::default(),
        }
    }

    /// Builds a request to the app, attaching every matching cookie from the
    /// jar (the browser does this on its own: the page's script has no say),
    /// and says for each cookie in the jar whether it went and why.
    pub fn request_with_decisions(
        &self,
        method: Method,
        path: &str,
        form: Option<String>,
        now: Instant,
        channel: Channel,
    ) -> (Request, Vec<crate::browser::jar::SendDecision>) {
        let mut headers = vec![Header::new("Host", APP_HOST)];
        if form.is_some() {
            headers.push(Header::new("Content-Type", "application/x-www-form-urlencoded"));
        }
        // A cross-site form post says where it comes from.
        if !channel.context.same_site {
            headers.push(Header::new("Origin", OTHER_SITE));
        }
        let (cookies, decisions) =
            self.jar.cookie_string(&app_url(channel.scheme, path), channel.context, jar_time(now));
        if let Some(cookies) = cookies {
            headers.push(Header::new("Cookie", cookies));
        }
        (Request { method, path: path.to_owned(), headers, body: form }, decisions)
    }

    /// Takes a response in: stores its cookies and shows its page.
    pub fn receive(&mut self, path: &str, response: &Response, now: Instant, channel: Channel) -> Vec<JarChange> {
        let url = app_url(channel.scheme, path);
        let changes = response
            .header_values("Set-Cookie")
            .map(|h| self.jar.set_cookie(h, &url, channel.context, jar_time(now)))
            .collect();
        self.screen = Screen {
            url: format!("{}://{APP_HOST}{path}", channel.scheme),
            status: response.status.0,
            text: response.body.clone().unwrap_or_default(),
        };
        changes
    }
}
