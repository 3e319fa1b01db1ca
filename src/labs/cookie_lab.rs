//! The cookie lab: one browser jar on its own, for trying any `Set-Cookie`
//! against any URL and seeing what a browser would store and send, and why.
//!
//! The lab owns a [`CookieJar`] and a clock of its own in Unix milliseconds,
//! starting where the playground's does. Each operation returns a [`LabView`]:
//! the change or the send decisions it made, and the jar's rows with how far
//! each cookie reaches. The page only draws the view; the words naming where a
//! cookie came from or where a request goes are parsed here ([`Origin`],
//! [`RequestKind`]), so every rule lives in the core.

use crate::base::clock::{http_date_of_unix, Instant, MAX_ELAPSED_SECS};
use crate::base::encoding::quoted;
use crate::browser::cookie::SameSite;
use crate::browser::jar::{Api, Context, CookieJar, JarChange, JarCookie, SameSiteDefault, SendDecision, Url};

/// Where a `Set-Cookie` reaches the jar from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A response to a same-site request (`"http"`).
    Http,
    /// A response to a link or form from another site (`"cross-site-navigation"`).
    CrossSiteNavigation,
    /// A response to another site's image or fetch (`"cross-site"`).
    CrossSite,
    /// `document.cookie = …` in a page at the URL (`"script"`).
    Script,
}

impl Origin {
    /// The origin the page names by `word`, or what the words may be.
    pub fn parse(word: &str) -> Result<Origin, String> {
        match word {
            "http" => Ok(Origin::Http),
            "cross-site-navigation" => Ok(Origin::CrossSiteNavigation),
            "cross-site" => Ok(Origin::CrossSite),
            "script" => Ok(Origin::Script),
            other => {
                Err(format!("expected http, cross-site-navigation, cross-site or script; found {}", quoted(other)))
            }
        }
    }

    /// The jar's view of the response.
    fn context(self) -> Context {
        match self {
            Origin::Http => Context::SAME_SITE,
            Origin::CrossSiteNavigation => Context { same_site: false, ..Context::SAME_SITE },
            Origin::CrossSite => Context { same_site: false, top_level: false, ..Context::SAME_SITE },
            Origin::Script => Context::SCRIPT,
        }
    }
}

/// What kind of request asks the jar for its cookies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// A request from the site itself (`"same-site"`).
    SameSite,
    /// A top-level GET from another site (`"cross-site-link"`).
    CrossSiteLink,
    /// A form POST from another site (`"cross-site-post"`).
    CrossSitePost,
    /// An image or fetch from another site (`"cross-site-embed"`).
    CrossSiteEmbed,
    /// Reading `document.cookie` in a page at the URL (`"script"`).
    Script,
}

impl RequestKind {
    /// The kind the page names by `word`, or what the words may be.
    pub fn parse(word: &str) -> Result<RequestKind, String> {
        match word {
            "same-site" => Ok(RequestKind::SameSite),
            "cross-site-link" => Ok(RequestKind::CrossSiteLink),
            "cross-site-post" => Ok(RequestKind::CrossSitePost),
            "cross-site-embed" => Ok(RequestKind::CrossSiteEmbed),
            "script" => Ok(RequestKind::Script),
            other => Err(format!(
                "expected same-site, cross-site-link, cross-site-post, cross-site-embed or script; found {}",
                quoted(other)
            )),
        }
    }

    /// The jar's view of the request: `SameSite` decides by these four facts.
    fn context(self) -> Context {
        let cross_site = |top_level, safe_method| Context { api: Api::Http, same_site: false, top_level, safe_method };
        match self {
            RequestKind::SameSite => Context::SAME_SITE,
            RequestKind::CrossSiteLink => cross_site(true, true),
            RequestKind::CrossSitePost => cross_site(true, false),
            RequestKind::CrossSiteEmbed => cross_site(false, true),
            RequestKind::Script => Context::SCRIPT,
        }
    }
}

/// What the lab shows after each operation.
#[derive(Debug)]
pub struct LabView<'a> {
    /// What a `Set-Cookie` did to the jar, when the operation was one.
    pub change: Option<JarChange>,
    /// The `Cookie` header a request carries, when the operation was one and any cookie goes.
    pub cookie_string: Option<String>,
    /// For a request, each cookie's send decision with its reason.
    pub decisions: Vec<SendDecision>,
    /// The jar's rows.
    pub jar: Vec<LabCookie<'a>>,
    /// The lab's clock, as an HTTP date.
    pub now: String,
}

crate::base::json::json_fields!(['a] LabView<'a> {
    "change": change, "cookieString": cookie_string, "decisions": decisions, "jar": jar, "now": now
});

/// A row of the lab's jar table: the cookie, with how far it reaches decided here.
#[derive(Debug)]
pub struct LabCookie<'a> {
    /// The cookie's name.
    pub name: &'a str,
    /// The cookie's value.
    pub value: &'a str,
    /// The host or domain it belongs to.
    pub domain: &'a str,
    /// `"host"` (host-only), `"subdomains"` (a `Domain=` cookie) or
    /// `"address"` (a `Domain=` cookie on an IP address, which has no subdomains).
    pub reach: &'static str,
    /// Its path.
    pub path: &'a str,
    /// Its `Secure`.
    pub secure: bool,
    /// Its `HttpOnly`.
    pub http_only: bool,
    /// Its `SameSite`, if it has one.
    pub same_site: Option<SameSite>,
    /// When it expires, as an HTTP date; none for a session cookie.
    pub expires: Option<&'a str>,
}

crate::base::json::json_fields!(['a] LabCookie<'a> {
    "name": name, "value": value, "domain": domain, "reach": reach, "path": path, "secure": secure,
    "httpOnly": http_only, "sameSite": same_site, "expires": expires
});

impl<'a> From<&'a JarCookie> for LabCookie<'a> {
    fn from(c: &'a JarCookie) -> Self {
        // A Domain= cookie reaches subdomains, except on an IP address, which has none.
        let reach = match (c.host_only, c.reaches_subdomains()) {
            (true, _) => "host",
            (false, true) => "subdomains",
            (false, false) => "address",
        };
        LabCookie {
            name: &c.name,
            value: &c.value,
            domain: &c.domain,
            reach,
            path: &c.path,
            secure: c.secure,
            http_only: c.http_only,
            same_site: c.same_site,
            expires: c.expires.as_deref(),
        }
    }
}

/// One jar and its clock.
#[derive(Debug)]
pub struct CookieLab {
    jar: CookieJar,
    now_ms: i64,
}

impl CookieLab {
    /// An empty jar, its clock at the scenario start (2 March 2026, 09:00 UTC).
    pub fn new() -> CookieLab {
        CookieLab { jar: CookieJar::new(), now_ms: Instant::START.unix_millis() as i64 }
    }

    /// The jar as it is now, with the change or send decisions an operation made.
    fn view(&self, change: Option<JarChange>, sent: Option<(Option<String>, Vec<SendDecision>)>) -> LabView<'_> {
        let (cookie_string, decisions) = sent.unwrap_or_default();
        LabView {
            change,
            cookie_string,
            decisions,
            jar: self.jar.cookies().iter().map(LabCookie::from).collect(),
            now: http_date_of_unix(self.now_ms.div_euclid(1000)),
        }
    }

    /// Applies one `Set-Cookie` string received from `url`.
    pub fn set_cookie(&mut self, url: &Url, header: &str, from: Origin) -> LabView<'_> {
        let change = self.jar.set_cookie(header, url, from.context(), self.now_ms);
        self.view(Some(change), None)
    }

    /// What goes with a request of `kind` to `url`.
    pub fn request(&mut self, url: &Url, kind: RequestKind) -> LabView<'_> {
        let sent = self.jar.cookie_string(url, kind.context(), self.now_ms);
        self.view(None, Some(sent))
    }

    /// What a missing `SameSite` means: Lax (Chromium) or no restriction.
    pub fn set_same_site_default(&mut self, default: SameSiteDefault) {
        self.jar.same_site_default = default;
    }

    /// Lets `secs` seconds pass; expired cookies leave the jar. The lab's clock
    /// stops where the playground's does, a hundred years after the start.
    pub fn wait(&mut self, secs: u64) -> Result<LabView<'_>, String> {
        let start_ms = Instant::START.unix_millis() as i64;
        let left = (start_ms + MAX_ELAPSED_SECS as i64 * 1000 - self.now_ms) / 1000;
        if secs as i64 > left {
            let end = Instant::START.plus_secs(MAX_ELAPSED_SECS).http_date();
            return Err(crate::text::say(crate::text::message::InputProblem::LabClockPastEnd {
                secs,
                end: &end,
                left,
            }));
        }
        self.now_ms += secs as i64 * 1000;
        self.jar.remove_expired(self.now_ms);
        Ok(self.view(None, None))
    }

    /// Empties the jar and sets the clock back.
    pub fn clear(&mut self) -> LabView<'_> {
        *self = CookieLab::new();
        self.view(None, None)
    }
}

impl Default for CookieLab {
    fn default() -> CookieLab {
        CookieLab::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_set_over_http_goes_back_with_a_same_site_request_and_not_with_a_script_read_if_http_only() {
        let mut lab = CookieLab::new();
        let url = Url::parse("https://app.example/").unwrap();
        let view = lab.set_cookie(&url, "sid=abc; Path=/; HttpOnly", Origin::Http);
        assert_eq!(view.jar.len(), 1);
        assert_eq!(view.jar[0].reach, "host");
        assert_eq!(lab.request(&url, RequestKind::SameSite).cookie_string.as_deref(), Some("sid=abc"));
        assert_eq!(lab.request(&url, RequestKind::Script).cookie_string, None);
    }

    #[test]
    fn unknown_words_are_errors_that_list_the_known_ones() {
        assert_eq!(
            Origin::parse("ftp").unwrap_err(),
            "expected http, cross-site-navigation, cross-site or script; found \"ftp\""
        );
        assert!(RequestKind::parse("").unwrap_err().starts_with("expected same-site, cross-site-link"));
    }

    #[test]
    fn the_clock_stops_a_hundred_years_on_and_clear_sets_it_back() {
        let mut lab = CookieLab::new();
        assert!(lab.wait(MAX_ELAPSED_SECS).is_ok());
        assert!(lab.wait(1).unwrap_err().contains("0 seconds are left"));
        assert_eq!(lab.clear().now, Instant::START.http_date());
    }
}
