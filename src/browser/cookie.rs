//! The `Set-Cookie` header: what the server writes and the browser reads.
//!
//! The cookie's attributes are typed values here; only the header text is a
//! string, because the text is what travels and what the reader should see.
//! Servers build a [`SetCookie`] and render it in their library's own
//! attribute order; browsers read the text with the jar's parser
//! ([`crate::browser::jar::parse`]). The cookie-date algorithm both use lives here.

use std::fmt;

/// The `SameSite` attribute: when a cookie rides along on cross-site requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// Only on requests started by the site itself.
    Strict,
    /// Also on top-level GET navigations from other sites.
    Lax,
    /// On every request (and the browser insists on `Secure`).
    None,
}

crate::base::json::json_names!(SameSite { Strict => "Strict", Lax => "Lax", None => "None" });

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
#[derive(Clone, Debug, PartialEq, Eq)]
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

crate::base::json::json_fields!([] SetCookie {
    "name": name, "value": value, "path": path, "domain": domain, "maxAge": max_age, "expires": expires,
    "secure": secure, "httpOnly": http_only, "sameSite": same_site
});

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

impl SetCookie {
    /// The header value as a given library's cookie writer formats it: the
    /// same attributes, in that library's order and spelling.
    pub fn render(&self, style: CookieStyle) -> String {
        let mut parts = vec![format!("{}={}", self.name, self.value)];
        let mut push = |text: Option<String>| parts.extend(text);
        let path = |label: &str| self.path.as_ref().map(|p| format!("{label}={p}"));
        let domain = |label: &str| self.domain.as_ref().map(|d| format!("{label}={d}"));
        let max_age = self.max_age.map(|m| format!("Max-Age={m}"));
        let expires = |label: &str| self.expires.as_ref().map(|e| format!("{label}={e}"));
        let flag = |on: bool, text: &str| on.then(|| text.to_owned());
        let same_site = self.same_site.map(|s| format!("SameSite={s}"));
        match style {
            CookieStyle::Generic => return self.to_string(),
            // The `cookie` npm package: Max-Age, Domain, Path, Expires, HttpOnly, Secure, SameSite.
            CookieStyle::Express => {
                for part in [max_age, domain("Domain"), path("Path"), expires("Expires")] {
                    push(part);
                }
                push(flag(self.http_only, "HttpOnly"));
                push(flag(self.secure, "Secure"));
                push(same_site);
            }
            // The Rust `cookie` crate: HttpOnly, SameSite, Secure, Path, Domain, Max-Age, Expires.
            CookieStyle::CookieCrate => {
                push(flag(self.http_only, "HttpOnly"));
                push(same_site);
                push(flag(self.secure, "Secure"));
                for part in [path("Path"), domain("Domain"), max_age, expires("Expires")] {
                    push(part);
                }
            }
            // Python's Morsel writes attributes sorted by their lower-case key.
            CookieStyle::Django => {
                push(domain("Domain"));
                push(expires("expires"));
                push(flag(self.http_only, "HttpOnly"));
                push(max_age);
                push(path("Path"));
                push(same_site);
                push(flag(self.secure, "Secure"));
            }
            // Spring's DefaultCookieSerializer: Max-Age, Expires, Domain, Path, Secure, HttpOnly, SameSite.
            CookieStyle::Spring => {
                for part in [max_age, expires("Expires"), domain("Domain"), path("Path")] {
                    push(part);
                }
                push(flag(self.secure, "Secure"));
                push(flag(self.http_only, "HttpOnly"));
                push(same_site);
            }
            // PHP: expires, Max-Age, path, domain, secure, HttpOnly, SameSite.
            CookieStyle::Php => {
                for part in [expires("expires"), max_age, path("path"), domain("domain")] {
                    push(part);
                }
                push(flag(self.secure, "secure"));
                push(flag(self.http_only, "HttpOnly"));
                push(same_site);
            }
            // The OWASP cheat sheet's example order, with any expiry last.
            CookieStyle::Owasp => {
                push(flag(self.secure, "Secure"));
                push(flag(self.http_only, "HttpOnly"));
                push(same_site);
                push(path("Path"));
                push(max_age);
                push(expires("Expires"));
            }
        }
        parts.join("; ")
    }
}

/// Parses a cookie date (RFC 6265bis §5.1.1) into Unix seconds.
///
/// The algorithm is deliberately lenient, as browsers are: it splits the
/// text at delimiters and scans the tokens, in order, for a time
/// (`hh:mm:ss`), a day of the month, a month name and a year, each the first
/// token that fits; anything else is ignored. Then it checks the values and
/// that the date exists (no 30 February).
pub fn parse_cookie_date(text: &str) -> Option<i64> {
    // delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
    let is_delimiter = |c: char| {
        c == '\t'
            || (' '..='/').contains(&c)
            || (';'..='@').contains(&c)
            || ('['..='`').contains(&c)
            || ('{'..='~').contains(&c)
    };
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    for token in text.split(is_delimiter).filter(|t| !t.is_empty()) {
        if time.is_none() {
            if let Some(hms) = hms_time(token) {
                time = Some(hms);
                continue;
            }
        }
        if day.is_none() {
            if let Some(d) = leading_digits(token, 1, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() && token.len() >= 3 {
            const MONTHS: [&str; 12] =
                ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
            if let Some(i) = token.get(..3).and_then(|m| MONTHS.iter().position(|name| m.eq_ignore_ascii_case(name))) {
                month = Some(i as i64 + 1);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = leading_digits(token, 2, 4) {
                year = Some(y);
                continue;
            }
        }
    }
    let (h, mi, s) = time?;
    let (d, mo, mut y) = (day?, month?, year?);
    // Two-digit years: 70–99 are 1970–1999, 0–69 are 2000–2069.
    if (70..=99).contains(&y) {
        y += 1900;
    } else if (0..=69).contains(&y) {
        y += 2000;
    }
    if y < 1601 || h > 23 || mi > 59 || s > 59 || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    Some(crate::base::clock::days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// `min` to `max` digits at the start of `token`, followed by nothing or a non-digit.
fn leading_digits(token: &str, min: usize, max: usize) -> Option<i64> {
    let end = token.find(|c: char| !c.is_ascii_digit()).unwrap_or(token.len());
    (min..=max).contains(&end).then(|| token[..end].parse().ok()).flatten()
}

/// `hms-time = time-field ":" time-field ":" time-field`, each 1–2 digits,
/// optionally followed by a non-digit and anything.
fn hms_time(token: &str) -> Option<(i64, i64, i64)> {
    let bytes = token.as_bytes();
    let mut fields = [0i64; 3];
    let mut i = 0;
    for (n, field) in fields.iter_mut().enumerate() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        if i == start {
            return None;
        }
        *field = token[start..i].parse().ok()?;
        if n < 2 {
            if bytes.get(i) != Some(&b':') {
                return None;
            }
            i += 1;
        }
    }
    // After the seconds: the end, or a non-digit and anything.
    match bytes.get(i) {
        Some(b) if b.is_ascii_digit() => None,
        _ => Some((fields[0], fields[1], fields[2])),
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Which library's cookie writer formats `Set-Cookie` (attribute order and spelling).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookieStyle {
    /// This playground's own default.
    Generic,
    /// The `cookie` npm package, used by express-session.
    Express,
    /// The Rust `cookie` crate, used by tower-sessions.
    CookieCrate,
    /// Python's `http.cookies.Morsel`, used by Django (attributes sorted by name).
    Django,
    /// Spring Session's `DefaultCookieSerializer`.
    Spring,
    /// PHP's session module.
    Php,
    /// The OWASP cheat sheet's example.
    Owasp,
}

crate::base::json::json_names!(CookieStyle {
    Generic => "generic", Express => "express", CookieCrate => "cookieCrate", Django => "django", Spring => "spring",
    Php => "php", Owasp => "owasp"
});

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
    fn each_library_writes_its_own_attribute_order() {
        let mut c = SetCookie::new("id", "v");
        c.path = Some("/".into());
        c.http_only = true;
        c.secure = true;
        c.same_site = Some(SameSite::Strict);
        assert_eq!(c.render(CookieStyle::CookieCrate), "id=v; HttpOnly; SameSite=Strict; Secure; Path=/");
        assert_eq!(c.render(CookieStyle::Owasp), "id=v; Secure; HttpOnly; SameSite=Strict; Path=/");
        assert_eq!(c.render(CookieStyle::Spring), "id=v; Path=/; Secure; HttpOnly; SameSite=Strict");
        c.max_age = Some(1209600);
        c.expires = Some("Mon, 16 Mar 2026 09:00:00 GMT".into());
        c.secure = false;
        c.same_site = Some(SameSite::Lax);
        assert_eq!(
            c.render(CookieStyle::Django),
            "id=v; expires=Mon, 16 Mar 2026 09:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax"
        );
    }

    #[test]
    fn cookie_dates_parse_leniently() {
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 00:00:01 GMT"), Some(1));
        assert_eq!(parse_cookie_date("Mon, 02-Mar-26 09:00:00 GMT"), Some(1_772_442_000));
        assert_eq!(parse_cookie_date("02 Mar 2026 9:00:00"), Some(1_772_442_000));
        assert_eq!(parse_cookie_date("tomorrow"), None);
        assert_eq!(parse_cookie_date("Thu, 32 Jan 1970 00:00:00 GMT"), None);
        assert_eq!(parse_cookie_date("30 Feb 2024 00:00:00"), None);
        assert_eq!(parse_cookie_date("29 Feb 2024 00:00:00"), Some(1_709_164_800));
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 00:00:00:00 GMT"), Some(0));
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 000:00:00 GMT"), None);
    }
}
