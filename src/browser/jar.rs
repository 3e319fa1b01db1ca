//! A browser's cookie jar, as RFC 6265bis specifies it and browsers ship it.
//!
//! [`CookieJar::set_cookie`] is the storage model (§5.6 parsing, §5.7
//! storing): it decides whether a `Set-Cookie` header (or a script's
//! `document.cookie = …`) is stored, replaces a cookie, deletes one, or is
//! ignored, and says why. [`CookieJar::cookie_string`] is the retrieval model
//! (§5.8.3): which cookies go with a request, in which order, and for each
//! cookie in the jar, why it went or was withheld.
//!
//! Time is Unix milliseconds handed in by the caller: the jar reads no clock.
//! URLs come in already parsed and canonical ([`Url`]): lower-case ASCII host,
//! path without query. The page canonicalises with the browser's own `URL`;
//! the conformance runner with the `url` crate.
//!
//! Why one file of this length: it is one algorithm, RFC 6265bis's parsing,
//! storage and retrieval models over one representation of a cookie, kept in
//! the RFC's order so it can be read beside it; its unit tests are the last
//! quarter. The reasons it gives live in `reason.rs`.

use crate::browser::cookie::{parse_cookie_date, SameSite};
use crate::browser::reason::{LaxBlocks, SendReason};
pub use crate::browser::reason::{Rejection, SetCookieError, UrlError};

/// RFC 6265bis: a name plus value over this many octets is rejected.
pub const MAX_NAME_VALUE: usize = 4096;
/// RFC 6265bis: an attribute value over this many octets is ignored.
pub const MAX_ATTRIBUTE_VALUE: usize = 1024;
/// RFC 6265bis: no cookie may live longer than 400 days.
pub const MAX_AGE_CAP_SECS: i64 = 400 * 86_400;
/// Cookies kept per domain before the oldest are evicted (Chromium's 180).
pub const MAX_PER_DOMAIN: usize = 180;
/// Cookies kept in all before the oldest are evicted (Chromium's 3300).
pub const MAX_TOTAL: usize = 3300;

/// A request or document URL, already canonical.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// `http`, `https`, or anything else (which never gets cookies).
    pub scheme: String,
    /// The ASCII host, lower case, without port.
    pub host: String,
    /// The path, starting with `/`, without query or fragment.
    pub path: String,
}

crate::base::json::json_fields!([] Url { "scheme": scheme, "host": host, "path": path });

impl Url {
    /// A minimal parser for the simple URLs the playground itself uses
    /// (`https://app.example/profile?x`): scheme, host (port dropped,
    /// lower-cased), path (query and fragment dropped). It does no IDNA;
    /// full WHATWG parsing is the caller's job.
    pub fn parse(text: &str) -> Result<Url, UrlError> {
        let (scheme, rest) = text.split_once("://").ok_or_else(|| UrlError::NotAbsolute(text.to_owned()))?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or(host)
        } else {
            host.split(':').next().unwrap_or(host)
        };
        if host.is_empty() {
            return Err(UrlError::NoHost(text.to_owned()));
        }
        let path = rest[end..].split(['?', '#']).next().unwrap_or("");
        let path = if path.starts_with('/') { path.to_owned() } else { "/".to_owned() };
        Ok(Url { scheme: scheme.to_ascii_lowercase(), host: host.to_ascii_lowercase(), path })
    }

    fn is_secure(&self) -> bool {
        self.scheme == "https"
    }

    fn is_http(&self) -> bool {
        self.scheme == "http" || self.scheme == "https"
    }
}

/// Who sets or reads cookies: the HTTP layer, or a page script through `document.cookie`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// `Set-Cookie` and `Cookie` headers.
    Http,
    /// `document.cookie`.
    Script,
}

crate::base::json::json_names!(Api { Http => "http", Script => "script" });

/// How a request relates to the site that started it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// HTTP or script.
    pub api: Api,
    /// Whether the request (or the document) is same-site with the site that started it.
    pub same_site: bool,
    /// A top-level navigation (a link followed, a form submitted in the tab), not an embedded request.
    pub top_level: bool,
    /// A safe method (GET, HEAD), as opposed to POST.
    pub safe_method: bool,
}

crate::base::json::json_fields!([] Context {
    "api": api, "sameSite": same_site, "topLevel": top_level, "safeMethod": safe_method
});

impl Context {
    /// A same-site HTTP request: the site talking to itself.
    pub const SAME_SITE: Context = Context { api: Api::Http, same_site: true, top_level: true, safe_method: true };
    /// A page script on the site itself.
    pub const SCRIPT: Context = Context { api: Api::Script, same_site: true, top_level: true, safe_method: true };
}

/// What a missing or unknown `SameSite` attribute means: a browser setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SameSiteDefault {
    /// Treated as Lax, as Chromium does.
    #[default]
    Lax,
    /// No restriction, as Firefox and Safari ship today.
    None,
}

crate::base::json::json_names!(SameSiteDefault { Lax => "lax", None => "none" });

/// A cookie as the jar keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JarCookie {
    /// Cookie name (may be empty: a nameless cookie).
    pub name: String,
    /// Cookie value.
    pub value: String,
    /// The domain it belongs to.
    pub domain: String,
    /// True when set without `Domain=`: sent to exactly this host, no subdomains.
    pub host_only: bool,
    /// The path prefix it is sent for.
    pub path: String,
    /// Sent only over https.
    pub secure: bool,
    /// Hidden from `document.cookie`.
    pub http_only: bool,
    /// The `SameSite` attribute, if a valid one was given.
    pub same_site: Option<SameSite>,
    /// When it expires, in Unix milliseconds; `None` for a non-persistent
    /// cookie that lives until the browser closes.
    pub expires_ms: Option<i64>,
    /// The expiry as an HTTP date, for people.
    pub expires: Option<String>,
    /// When the jar first stored it (kept across replacements), Unix milliseconds.
    pub created_ms: i64,
    /// Arrival order, to order cookies created at the same instant.
    pub seq: u64,
}

crate::base::json::json_fields!([] JarCookie {
    "name": name, "value": value, "domain": domain, "hostOnly": host_only, "path": path, "secure": secure,
    "httpOnly": http_only, "sameSite": same_site, "expiresMs": expires_ms, "expires": expires,
    "createdMs": created_ms, "seq": seq
});

impl JarCookie {
    /// Whether subdomains of its domain get it too. A `Domain=` cookie
    /// reaches them, except when the domain is an IP address: an address
    /// has no subdomains, so domain-matching (§5.1.3) only ever finds itself.
    pub fn reaches_subdomains(&self) -> bool {
        !self.host_only && !is_ip_address(&self.domain)
    }
}

/// What the jar did with one `Set-Cookie` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JarChange {
    /// A new cookie was stored.
    Stored {
        /// Its name.
        name: String,
    },
    /// An existing cookie with the same name, domain and path was replaced (keeping its creation time).
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
        /// Why (it serializes as the words).
        reason: Rejection,
    },
}

/// `{"outcome":"stored","name":"sid"}`, …, `{"outcome":"rejected","reason":"ignored: …"}`.
impl crate::base::json::ToJson for JarChange {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::base::json::Object::open(out);
        match self {
            JarChange::Stored { name } => object.field("outcome", &"stored").field("name", name),
            JarChange::Replaced { name } => object.field("outcome", &"replaced").field("name", name),
            JarChange::Deleted { name } => object.field("outcome", &"deleted").field("name", name),
            JarChange::NothingToDelete { name } => object.field("outcome", &"nothingToDelete").field("name", name),
            JarChange::Rejected { reason } => object.field("outcome", &"rejected").field("reason", reason),
        };
        object.close();
    }
}

/// Whether one cookie in the jar went with a request, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendDecision {
    /// The cookie's name.
    pub name: String,
    /// Its domain and path, to tell same-named cookies apart.
    pub domain: String,
    /// Its path.
    pub path: String,
    /// Sent or withheld.
    pub sent: bool,
    /// Why (it serializes as the words).
    pub reason: SendReason,
}

crate::base::json::json_fields!([] SendDecision {
    "name": name, "domain": domain, "path": path, "sent": sent, "reason": reason
});

/// The jar.
#[derive(Clone, Debug, Default)]
pub struct CookieJar {
    cookies: Vec<JarCookie>,
    next_seq: u64,
    /// What a missing `SameSite` means.
    pub same_site_default: SameSiteDefault,
}

/// A parsed `Set-Cookie` string (§5.6), before the storage model decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    /// The name (empty for a nameless cookie).
    pub name: String,
    /// The value.
    pub value: String,
    /// The last valid `Expires`, in Unix seconds.
    pub expires: Option<i64>,
    /// The last valid `Max-Age`, in seconds.
    pub max_age: Option<i64>,
    /// The last non-empty `Domain`, without its leading dot, lower case.
    pub domain: Option<String>,
    /// The last `Path`, if it was valid (`None` means the default path).
    pub path: Option<String>,
    /// `Secure`.
    pub secure: bool,
    /// `HttpOnly`.
    pub http_only: bool,
    /// A valid `SameSite`, if given.
    pub same_site: Option<SameSite>,
}

fn reject(reason: Rejection) -> JarChange {
    JarChange::Rejected { reason }
}

/// Trims SP and HTAB, the only whitespace the cookie grammar knows.
fn trim_wsp(text: &str) -> &str {
    text.trim_matches([' ', '\t'])
}

/// §5.6: parses a set-cookie-string, or says why a browser would ignore it.
pub fn parse(header: &str) -> Result<Parsed, SetCookieError> {
    // A control character (other than HTAB) anywhere makes the whole line invalid.
    if let Some(c) = header.chars().find(|&c| (c < ' ' && c != '\t') || c == '\u{7f}') {
        return Err(SetCookieError::ControlCharacter(c));
    }
    let (pair, attributes) = header.split_once(';').unwrap_or((header, ""));
    let (name, value) = match pair.split_once('=') {
        Some((name, value)) => (trim_wsp(name), trim_wsp(value)),
        // No "=": a nameless cookie whose value is the whole pair.
        None => ("", trim_wsp(pair)),
    };
    if name.is_empty() && value.is_empty() {
        return Err(SetCookieError::NoNameNorValue);
    }
    if name.len() + value.len() > MAX_NAME_VALUE {
        return Err(SetCookieError::TooLong { bytes: name.len() + value.len(), limit: MAX_NAME_VALUE });
    }
    let mut parsed = Parsed {
        name: name.to_owned(),
        value: value.to_owned(),
        expires: None,
        max_age: None,
        domain: None,
        path: None,
        secure: false,
        http_only: false,
        same_site: None,
    };
    if attributes.is_empty() && !header.contains(';') {
        return Ok(parsed);
    }
    for attribute in attributes.split(';') {
        let (key, val) = attribute.split_once('=').unwrap_or((attribute, ""));
        let (key, val) = (trim_wsp(key), trim_wsp(val));
        // An attribute value over 1024 bytes is ignored; the cookie is kept.
        if val.len() > MAX_ATTRIBUTE_VALUE {
            continue;
        }
        // Later attributes of the same name win over earlier ones.
        match key.to_ascii_lowercase().as_str() {
            "expires" => {
                if let Some(unix) = parse_cookie_date(val) {
                    parsed.expires = Some(unix);
                }
            }
            "max-age" => {
                let digits = val.strip_prefix('-').unwrap_or(val);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    let negative = val.starts_with('-');
                    // Huge values saturate instead of failing.
                    let n = digits.parse::<i64>().unwrap_or(i64::MAX);
                    parsed.max_age = Some(if negative { -n } else { n });
                }
            }
            // An empty Domain is ignored; one leading dot is dropped.
            "domain" if !val.is_empty() => {
                let val = val.strip_prefix('.').unwrap_or(val);
                parsed.domain = Some(val.to_ascii_lowercase());
            }
            "path" => {
                // An empty path, or one not starting with "/", means the default path.
                parsed.path = if val.starts_with('/') { Some(val.to_owned()) } else { None };
            }
            "secure" => parsed.secure = true,
            "httponly" => parsed.http_only = true,
            "samesite" => {
                parsed.same_site = match val.to_ascii_lowercase().as_str() {
                    "strict" => Some(SameSite::Strict),
                    "lax" => Some(SameSite::Lax),
                    "none" => Some(SameSite::None),
                    // An unknown value counts as absent: the browser's default applies.
                    _ => None,
                }
            }
            _ => {}
        }
    }
    Ok(parsed)
}

/// The default path of a cookie set without a valid `Path` (§5.1.4).
pub fn default_path(request_path: &str) -> String {
    if !request_path.starts_with('/') {
        return "/".to_owned();
    }
    match request_path.rfind('/') {
        Some(0) | None => "/".to_owned(),
        Some(i) => request_path[..i].to_owned(),
    }
}

/// Path-match (§5.1.4): equal, or a prefix ending at a `/`.
pub fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/') || request_path[cookie_path.len()..].starts_with('/')))
}

fn is_ip_address(host: &str) -> bool {
    host.starts_with('[')
        || host.contains(':')
        || (host.split('.').count() == 4
            && host.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
}

/// Domain-match (§5.1.3): identical, or a suffix after a dot of a host name (never of an IP address).
pub fn domain_matches(host: &str, domain: &str) -> bool {
    host == domain
        || (!is_ip_address(host)
            && host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

/// The minimal public-suffix rule: every single-label domain (`com`,
/// `test`), and `co.uk`. A real browser uses the whole Public Suffix List.
pub fn is_public_suffix(domain: &str) -> bool {
    !domain.contains('.') || domain == "co.uk"
}

fn http_date_ms(ms: i64) -> String {
    crate::base::clock::http_date_of_unix(ms.div_euclid(1000))
}

impl CookieJar {
    /// An empty jar.
    pub fn new() -> CookieJar {
        CookieJar::default()
    }

    /// The cookies, in the order they were stored.
    pub fn cookies(&self) -> &[JarCookie] {
        &self.cookies
    }

    /// The first cookie with this name, if the jar holds one.
    pub fn get(&self, name: &str) -> Option<&JarCookie> {
        self.cookies.iter().find(|c| c.name == name)
    }

    /// Puts a cookie in the jar as it is, replacing one with the same name,
    /// domain and path: what devtools, or an attacker with access to the
    /// machine, can do.
    pub fn put(&mut self, mut cookie: JarCookie) {
        self.cookies.retain(|c| {
            !(c.name == cookie.name
                && c.domain == cookie.domain
                && c.host_only == cookie.host_only
                && c.path == cookie.path)
        });
        cookie.seq = self.next_seq;
        self.next_seq += 1;
        let domain = cookie.domain.clone();
        self.cookies.push(cookie);
        // Within the limits, as every cookie the jar takes in.
        self.enforce_limits(&domain);
    }

    /// Drops cookies expired at `now_ms`, returning their names.
    pub fn remove_expired(&mut self, now_ms: i64) -> Vec<String> {
        let (gone, kept): (Vec<_>, Vec<_>) =
            self.cookies.drain(..).partition(|c| c.expires_ms.is_some_and(|at| at <= now_ms));
        self.cookies = kept;
        gone.into_iter().map(|c| c.name).collect()
    }

    /// Closing the browser ends its non-persistent cookies. Returns their names.
    pub fn close(&mut self) -> Vec<String> {
        let (gone, kept): (Vec<_>, Vec<_>) = self.cookies.drain(..).partition(|c| c.expires_ms.is_none());
        self.cookies = kept;
        gone.into_iter().map(|c| c.name).collect()
    }

    /// The storage model (§5.7): what to do with one `Set-Cookie` string
    /// received for `url` (or one `document.cookie` assignment in a document
    /// at `url`) at `now_ms`.
    pub fn set_cookie(&mut self, header: &str, url: &Url, context: Context, now_ms: i64) -> JarChange {
        if !url.is_http() {
            return reject(Rejection::NotHttp(url.scheme.clone()));
        }
        let parsed = match parse(header) {
            Ok(parsed) => parsed,
            Err(why) => return reject(Rejection::Unparsable(why)),
        };
        let name = parsed.name.clone();

        // Expiry: Max-Age wins over Expires; none means "until the browser closes".
        let expires_ms = match (parsed.max_age, parsed.expires) {
            (Some(age), _) if age <= 0 => Some(i64::MIN),
            (Some(age), _) => Some(now_ms.saturating_add(age.min(MAX_AGE_CAP_SECS).saturating_mul(1000))),
            (None, Some(unix)) => Some(unix.saturating_mul(1000).min(now_ms.saturating_add(MAX_AGE_CAP_SECS * 1000))),
            (None, None) => None,
        };

        // Domain: host-only unless a Domain attribute names a domain the host belongs to.
        let mut domain_attribute = parsed.domain.clone().unwrap_or_default();
        if !domain_attribute.is_empty() && is_public_suffix(&domain_attribute) {
            if domain_attribute == url.host {
                domain_attribute.clear();
            } else {
                return reject(Rejection::PublicSuffix { domain: domain_attribute });
            }
        }
        let (domain, host_only) = if domain_attribute.is_empty() {
            (url.host.clone(), true)
        } else if domain_matches(&url.host, &domain_attribute) {
            (domain_attribute, false)
        } else {
            return reject(Rejection::DomainMismatch { domain: domain_attribute, host: url.host.clone() });
        };

        let path = parsed.path.clone().unwrap_or_else(|| default_path(&url.path));

        if parsed.secure && !url.is_secure() {
            return reject(Rejection::SecureOverHttp);
        }
        if parsed.http_only && context.api == Api::Script {
            return reject(Rejection::ScriptSetsHttpOnly);
        }
        // "Leave secure cookies alone": plain http cannot shadow a Secure cookie.
        if !parsed.secure && !url.is_secure() {
            let shadows = self.cookies.iter().any(|c| {
                c.name == name
                    && c.secure
                    && (domain_matches(&c.domain, &domain) || domain_matches(&domain, &c.domain))
                    && path_matches(&path, &c.path)
            });
            if shadows {
                return reject(Rejection::ShadowsSecure);
            }
        }
        if parsed.same_site == Some(SameSite::None) && !parsed.secure {
            return reject(Rejection::SameSiteNoneWithoutSecure);
        }
        // A cross-site subresource (an image, a fetch) can set only SameSite=None
        // cookies; a top-level navigation from another site can set any.
        let cross_site_subresource = !(context.same_site || context.api == Api::Http && context.top_level);
        if cross_site_subresource && parsed.same_site != Some(SameSite::None) {
            return reject(Rejection::CrossSiteSubresource);
        }
        // Prefixes, matched without regard to case.
        let lower = name.to_ascii_lowercase();
        let lower_value = parsed.value.to_ascii_lowercase();
        if name.is_empty() && (lower_value.starts_with("__secure-") || lower_value.starts_with("__host-")) {
            return reject(Rejection::NamelessPrefix);
        }
        if lower.starts_with("__secure-") && !parsed.secure {
            return reject(Rejection::SecurePrefix);
        }
        // __Host- needs an explicit "Path=/": the default path does not count.
        if lower.starts_with("__host-") && !(parsed.secure && host_only && parsed.path.as_deref() == Some("/")) {
            return reject(Rejection::HostPrefix);
        }

        let old = self
            .cookies
            .iter()
            .position(|c| c.name == name && c.domain == domain && c.host_only == host_only && c.path == path);
        let mut created_ms = now_ms;
        let mut seq = self.next_seq;
        if let Some(i) = old {
            if context.api == Api::Script && self.cookies[i].http_only {
                return reject(Rejection::ScriptOverwritesHttpOnly);
            }
            // A replacement keeps the old cookie's creation time and place.
            created_ms = self.cookies[i].created_ms;
            seq = self.cookies[i].seq;
            self.cookies.remove(i);
        }
        if expires_ms.is_some_and(|at| at <= now_ms) {
            return match old {
                Some(_) => JarChange::Deleted { name },
                None => JarChange::NothingToDelete { name },
            };
        }
        if old.is_none() {
            self.next_seq += 1;
        }
        self.cookies.push(JarCookie {
            name: name.clone(),
            value: parsed.value,
            domain: domain.clone(),
            host_only,
            path,
            secure: parsed.secure,
            http_only: parsed.http_only,
            same_site: parsed.same_site,
            expires_ms,
            expires: expires_ms.map(http_date_ms),
            created_ms,
            seq,
        });
        self.evict(now_ms, &domain);
        if old.is_some() {
            JarChange::Replaced { name }
        } else {
            JarChange::Stored { name }
        }
    }

    /// Keeps the jar within its limits after a cookie for `domain` was
    /// stored: expired cookies go first, then the least recently created of
    /// that domain if it is over full, then of the whole jar.
    fn evict(&mut self, now_ms: i64, domain: &str) {
        self.cookies.retain(|c| c.expires_ms.is_none_or(|at| at > now_ms));
        self.enforce_limits(domain);
    }

    /// The jar is within its limits before every insertion, so after one
    /// only the domain written to can be over its own limit, and the jar
    /// over its total, each by one cookie: one pass counts that domain and
    /// finds its oldest, and one more finds the jar's oldest. Each insertion
    /// costs a few passes over the jar, never one per domain it holds
    /// (`make bench` times it: `examples/jar_limits.rs`).
    fn enforce_limits(&mut self, domain: &str) {
        let age = |c: &JarCookie| (c.created_ms, c.seq);
        loop {
            let mut count = 0;
            let mut oldest: Option<usize> = None;
            for (i, c) in self.cookies.iter().enumerate() {
                if c.domain == domain {
                    count += 1;
                    if oldest.is_none_or(|o| age(c) < age(&self.cookies[o])) {
                        oldest = Some(i);
                    }
                }
            }
            match oldest {
                Some(i) if count > MAX_PER_DOMAIN => {
                    self.cookies.remove(i);
                }
                _ => break,
            }
        }
        while self.cookies.len() > MAX_TOTAL {
            let oldest = self.cookies.iter().enumerate().min_by_key(|(_, c)| age(c)).map(|(i, _)| i);
            if let Some(i) = oldest {
                self.cookies.remove(i);
            }
        }
    }

    /// Why a cookie would not go with this request, or `None` if it goes.
    fn withheld(&self, cookie: &JarCookie, url: &Url, context: Context, now_ms: i64) -> Option<SendReason> {
        if cookie.expires_ms.is_some_and(|at| at <= now_ms) {
            return Some(SendReason::Expired);
        }
        let domain_ok =
            if cookie.host_only { url.host == cookie.domain } else { domain_matches(&url.host, &cookie.domain) };
        if !domain_ok {
            let (domain, host) = (cookie.domain.clone(), url.host.clone());
            return Some(match cookie.host_only {
                true => SendReason::HostOnly { domain, host },
                false => SendReason::OutsideDomain { host, domain },
            });
        }
        if !path_matches(&url.path, &cookie.path) {
            return Some(SendReason::PathNotUnder { path: url.path.clone(), cookie_path: cookie.path.clone() });
        }
        if cookie.secure && !url.is_secure() {
            return Some(SendReason::SecureOnHttp);
        }
        if cookie.http_only && context.api == Api::Script {
            return Some(SendReason::HiddenFromScript);
        }
        if !context.same_site {
            let effective = cookie.same_site.unwrap_or(match self.same_site_default {
                SameSiteDefault::Lax => SameSite::Lax,
                SameSiteDefault::None => SameSite::None,
            });
            let defaulted = cookie.same_site.is_none();
            match effective {
                SameSite::Strict => return Some(SendReason::Strict { defaulted }),
                // Lax lets a cookie go only on a top-level navigation by a safe method (a link).
                SameSite::Lax if !(context.top_level && context.safe_method) => {
                    let on = if context.top_level { LaxBlocks::CrossSitePost } else { LaxBlocks::CrossSiteEmbed };
                    return Some(SendReason::Lax { defaulted, on });
                }
                _ => {}
            }
        }
        None
    }

    /// The retrieval model (§5.8.3): the cookie string for a request to
    /// `url` (or what `document.cookie` returns in a document at `url`), and
    /// for each cookie in the jar whether it went and why. `None` when no cookie goes.
    pub fn cookie_string(&self, url: &Url, context: Context, now_ms: i64) -> (Option<String>, Vec<SendDecision>) {
        let mut decisions = Vec::new();
        let mut sent: Vec<&JarCookie> = Vec::new();
        for cookie in &self.cookies {
            let why = if url.is_http() {
                self.withheld(cookie, url, context, now_ms)
            } else {
                Some(SendReason::NotHttp(url.scheme.clone()))
            };
            decisions.push(SendDecision {
                name: cookie.name.clone(),
                domain: cookie.domain.clone(),
                path: cookie.path.clone(),
                sent: why.is_none(),
                reason: why.unwrap_or(match context.api {
                    Api::Script => SendReason::VisibleToScript,
                    Api::Http => SendReason::Sent,
                }),
            });
            if decisions.last().is_some_and(|d| d.sent) {
                sent.push(cookie);
            }
        }
        // Longer paths first, then earlier creation, then arrival order.
        crate::base::sorted::sort_by(&mut sent, |a, b| {
            b.path.len().cmp(&a.path.len()).then(a.created_ms.cmp(&b.created_ms)).then(a.seq.cmp(&b.seq))
        });
        if sent.is_empty() {
            return (None, decisions);
        }
        let text = sent
            .iter()
            .map(|c| if c.name.is_empty() { c.value.clone() } else { format!("{}={}", c.name, c.value) })
            .collect::<Vec<_>>()
            .join("; ");
        (Some(text), decisions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn set(jar: &mut CookieJar, header: &str, at: &str) -> JarChange {
        jar.set_cookie(header, &url(at), Context::SAME_SITE, 0)
    }

    fn get(jar: &CookieJar, at: &str) -> Option<String> {
        jar.cookie_string(&url(at), Context::SAME_SITE, 0).0
    }

    #[test]
    fn urls_parse_to_scheme_host_and_path() {
        assert_eq!(
            url("HTTPS://App.Example:8443/a/b?q#f"),
            Url { scheme: "https".into(), host: "app.example".into(), path: "/a/b".into() }
        );
        assert_eq!(url("http://h").path, "/");
        assert!(Url::parse("nonsense").is_err());
    }

    #[test]
    fn domain_cookies_reach_subdomains_and_host_only_ones_do_not() {
        let mut jar = CookieJar::new();
        set(&mut jar, "a=1; Domain=example.com", "http://www.example.com/");
        set(&mut jar, "b=2", "http://www.example.com/");
        assert_eq!(get(&jar, "http://sub.example.com/"), Some("a=1".into()));
        assert_eq!(get(&jar, "http://www.example.com/"), Some("a=1; b=2".into()));
        assert!(matches!(set(&mut jar, "c=3; Domain=com", "http://example.com/"), JarChange::Rejected { .. }));
        assert!(matches!(set(&mut jar, "c=3; Domain=other.org", "http://example.com/"), JarChange::Rejected { .. }));
        let reach: Vec<(&str, bool)> =
            jar.cookies().iter().map(|c| (c.name.as_str(), c.reaches_subdomains())).collect();
        assert_eq!(reach, [("a", true), ("b", false)]);
    }

    #[test]
    fn a_domain_cookie_on_an_ip_address_reaches_that_address_alone() {
        let mut jar = CookieJar::new();
        assert!(matches!(set(&mut jar, "a=1; Domain=127.0.0.1", "http://127.0.0.1/"), JarChange::Stored { .. }));
        let cookie = &jar.cookies()[0];
        assert!(!cookie.host_only && !cookie.reaches_subdomains());
        assert_eq!(get(&jar, "http://127.0.0.1/"), Some("a=1".into()));
        assert_eq!(get(&jar, "http://127.0.0.2/"), None);
    }

    #[test]
    fn secure_http_only_and_prefixes_are_enforced_with_reasons() {
        let mut jar = CookieJar::new();
        assert_eq!(set(&mut jar, "s=1; Secure", "http://h.example/"), reject(Rejection::SecureOverHttp));
        assert!(matches!(set(&mut jar, "s=1; Secure", "https://h.example/"), JarChange::Stored { .. }));
        assert_eq!(set(&mut jar, "s=2", "http://h.example/"), reject(Rejection::ShadowsSecure));
        assert_eq!(
            jar.set_cookie("h=1; HttpOnly", &url("https://h.example/"), Context::SCRIPT, 0),
            reject(Rejection::ScriptSetsHttpOnly)
        );
        assert!(matches!(set(&mut jar, "__Host-x=1; Secure; Path=/", "https://h.example/"), JarChange::Stored { .. }));
        assert!(matches!(
            set(&mut jar, "__Host-y=1; Secure; Path=/; Domain=h.example", "https://h.example/"),
            JarChange::Rejected { .. }
        ));
        assert!(matches!(set(&mut jar, "__Secure-z=1", "https://h.example/"), JarChange::Rejected { .. }));
    }

    #[test]
    fn host_prefix_needs_an_explicit_path_of_slash() {
        let mut jar = CookieJar::new();
        assert_eq!(set(&mut jar, "__Host-x=1; Secure", "https://h.example/"), reject(Rejection::HostPrefix));
        assert!(matches!(set(&mut jar, "__Host-x=1; Secure; Path=/", "https://h.example/a"), JarChange::Stored { .. }));
        assert!(matches!(set(&mut jar, "__secure-y=1; Secure", "https://h.example/"), JarChange::Stored { .. }));
    }

    #[test]
    fn a_cross_site_navigation_may_set_cookies_but_an_embedded_request_only_none() {
        let site = url("https://app.example/");
        let navigation = Context { api: Api::Http, same_site: false, top_level: true, safe_method: true };
        let embedded = Context { top_level: false, ..navigation };
        let mut jar = CookieJar::new();
        assert!(matches!(jar.set_cookie("a=1; SameSite=Lax", &site, navigation, 0), JarChange::Stored { .. }));
        assert!(matches!(jar.set_cookie("b=1", &site, navigation, 0), JarChange::Stored { .. }));
        assert!(matches!(jar.set_cookie("c=1; SameSite=Strict", &site, embedded, 0), JarChange::Rejected { .. }));
        assert!(matches!(jar.set_cookie("d=1; SameSite=None; Secure", &site, embedded, 0), JarChange::Stored { .. }));
    }

    #[test]
    fn same_site_decides_what_cross_site_requests_carry() {
        let mut jar = CookieJar::new();
        let site = url("https://app.example/");
        jar.set_cookie("strict=1; SameSite=Strict", &site, Context::SAME_SITE, 0);
        jar.set_cookie("lax=1; SameSite=Lax", &site, Context::SAME_SITE, 0);
        jar.set_cookie("none=1; SameSite=None; Secure", &site, Context::SAME_SITE, 0);
        jar.set_cookie("default=1", &site, Context::SAME_SITE, 0);
        let link = Context { api: Api::Http, same_site: false, top_level: true, safe_method: true };
        let post = Context { safe_method: false, ..link };
        assert_eq!(jar.cookie_string(&site, link, 0).0.as_deref(), Some("lax=1; none=1; default=1"));
        let (text, decisions) = jar.cookie_string(&site, post, 0);
        assert_eq!(text.as_deref(), Some("none=1"));
        assert_eq!(decisions[1].reason, SendReason::Lax { defaulted: false, on: LaxBlocks::CrossSitePost });
        assert_eq!(decisions[1].reason.to_string(), "withheld: SameSite=Lax on a cross-site POST");
        assert_eq!(
            decisions[3].reason.to_string(),
            "withheld: SameSite=Lax (the browser's default for a missing SameSite) on a cross-site POST"
        );
        jar.same_site_default = SameSiteDefault::None;
        assert_eq!(jar.cookie_string(&site, post, 0).0.as_deref(), Some("none=1; default=1"));
        assert_eq!(
            jar.set_cookie("n=1; SameSite=None", &site, Context::SAME_SITE, 0),
            reject(Rejection::SameSiteNoneWithoutSecure)
        );
    }

    #[test]
    fn order_is_longer_paths_first_then_creation() {
        let mut jar = CookieJar::new();
        jar.set_cookie("a=1; Path=/", &url("http://h/"), Context::SAME_SITE, 0);
        jar.set_cookie("b=2; Path=/x", &url("http://h/"), Context::SAME_SITE, 5);
        jar.set_cookie("c=3; Path=/", &url("http://h/"), Context::SAME_SITE, 9);
        jar.set_cookie("a=4; Path=/", &url("http://h/"), Context::SAME_SITE, 10);
        assert_eq!(jar.cookie_string(&url("http://h/x/y"), Context::SAME_SITE, 10).0.as_deref(), Some("b=2; a=4; c=3"));
    }

    #[test]
    fn limits_reject_and_evict() {
        let mut jar = CookieJar::new();
        let big = "v".repeat(4096);
        assert!(matches!(set(&mut jar, &format!("n={big}"), "http://h/"), JarChange::Rejected { .. }));
        assert!(matches!(set(&mut jar, &format!("n=1; Path=/{big}"), "http://h/"), JarChange::Stored { .. }));
        assert_eq!(jar.get("n").unwrap().path, "/", "an over-long attribute is ignored");
        for i in 0..200 {
            jar.set_cookie(&format!("c{i}=1"), &url("http://h/"), Context::SAME_SITE, i);
        }
        assert_eq!(jar.cookies().len(), MAX_PER_DOMAIN);
        assert!(jar.get("n").is_none() && jar.get("c0").is_none(), "the oldest went first");
    }

    /// Sets `name=v` from `host` at `ms`.
    fn set_at(jar: &mut CookieJar, name: &str, host: &str, ms: i64) -> JarChange {
        jar.set_cookie(&format!("{name}=v; Max-Age=86400"), &url(&format!("https://{host}/")), Context::SAME_SITE, ms)
    }

    fn names(jar: &CookieJar) -> Vec<String> {
        jar.cookies().iter().map(|c| c.name.clone()).collect()
    }

    #[test]
    fn a_domain_at_its_limit_keeps_all_and_past_it_loses_its_own_oldest() {
        let mut jar = CookieJar::new();
        set_at(&mut jar, "elsewhere", "other.example", 0);
        for i in 0..MAX_PER_DOMAIN {
            set_at(&mut jar, &format!("c{i}"), "app.example", 1 + i as i64);
        }
        assert_eq!(jar.cookies().len(), MAX_PER_DOMAIN + 1, "exactly at the limit, nothing goes");
        // Replacing a cookie at the limit evicts nothing and keeps its creation time.
        assert!(matches!(set_at(&mut jar, "c0", "app.example", 500), JarChange::Replaced { .. }));
        assert_eq!(jar.cookies().len(), MAX_PER_DOMAIN + 1);
        assert_eq!(jar.cookies().iter().find(|c| c.name == "c0").unwrap().created_ms, 1);
        // One past it: the domain's own oldest goes (c0, created first, though replaced
        // later), not the older cookie of another domain.
        set_at(&mut jar, "new", "app.example", 600);
        assert_eq!(jar.cookies().len(), MAX_PER_DOMAIN + 1);
        assert!(!names(&jar).contains(&"c0".to_owned()) && names(&jar).contains(&"c1".to_owned()));
        assert!(names(&jar).contains(&"elsewhere".to_owned()));
        // A domain cookie and a host-only cookie of the same domain count together.
        let mut jar = CookieJar::new();
        for i in 0..=MAX_PER_DOMAIN {
            let header = if i % 2 == 0 { format!("d{i}=v; Domain=app.example") } else { format!("h{i}=v") };
            jar.set_cookie(&header, &url("https://app.example/"), Context::SAME_SITE, i as i64);
        }
        assert_eq!(jar.cookies().len(), MAX_PER_DOMAIN);
        assert!(jar.get("d0").is_none());
    }

    #[test]
    fn a_full_jar_loses_its_oldest_cookie_whatever_its_domain() {
        let mut jar = CookieJar::new();
        // 20 domains of 165 cookies each: every domain under its limit, the jar at its own.
        for i in 0..MAX_TOTAL {
            set_at(&mut jar, &format!("c{i}"), &format!("site{}.example", i % 20), i as i64);
        }
        assert_eq!(jar.cookies().len(), MAX_TOTAL, "exactly at the limit, nothing goes");
        set_at(&mut jar, "new", "fresh.example", MAX_TOTAL as i64);
        assert_eq!(jar.cookies().len(), MAX_TOTAL);
        assert!(jar.get("c0").is_none() && jar.get("c1").is_some() && jar.get("new").is_some());
        // Expired cookies go before any live one is evicted.
        jar.set_cookie("brief=v; Max-Age=1", &url("https://brief.example/"), Context::SAME_SITE, 10_000);
        assert!(jar.get("c1").is_none(), "the jar was full: the oldest went to make room");
        set_at(&mut jar, "later", "fresh.example", 20_000);
        assert!(jar.get("brief").is_none(), "it had expired");
        assert!(jar.get("c2").is_some(), "so nothing live was evicted");
        assert_eq!(jar.cookies().len(), MAX_TOTAL);
    }

    #[test]
    fn past_the_limit_on_thousands_of_domains_the_newest_stay() {
        let mut jar = CookieJar::new();
        for i in 0..5_000 {
            set_at(&mut jar, &format!("c{i}"), &format!("site{i}.example"), i as i64);
        }
        let expected: Vec<String> = (5_000 - MAX_TOTAL..5_000).map(|i| format!("c{i}")).collect();
        assert_eq!(names(&jar), expected);
    }

    #[test]
    fn a_planted_cookie_obeys_the_limits_too() {
        let mut jar = CookieJar::new();
        for i in 0..MAX_PER_DOMAIN {
            set_at(&mut jar, &format!("c{i}"), "app.example", i as i64);
        }
        let mut planted = jar.get("c5").unwrap().clone();
        planted.name = "planted".into();
        planted.created_ms = 1_000;
        jar.put(planted);
        assert_eq!(jar.cookies().len(), MAX_PER_DOMAIN);
        assert!(jar.get("c0").is_none() && jar.get("planted").is_some());
    }
}
