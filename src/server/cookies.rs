//! The session cookie as each library writes and reads it: the value's
//! encoding (plain, express's signature, Spring's base64), the `Set-Cookie`
//! that issues it and the one that removes it, and the headers a library adds
//! to every response it touches.

use super::{Context, Server, Ticket};
use crate::base::clock::{http_date_of_unix, Instant};
use crate::base::crypto::{constant_time_eq, hmac_sha256};
use crate::base::encoding::{base64, base64_decode, base64_unpadded, decode_uri_component, encode_uri_component};
use crate::base::http::{cookie_value, Method, Request, Response, Status};
use crate::base::ids::SessionId;
use crate::browser::cookie::{CookieStyle, SetCookie};
use crate::library::preset::{CookieCodec, LogoutMode, EXPRESS_SECRET};
use crate::text::message::server::Unreadable;

impl Server {
    /// The headers a session library adds to every response it touches,
    /// whatever the route: as recorded from the real libraries (tests/real/).
    pub(super) fn library_headers(&self, request: &Request, mut response: Response, ctx: &Context<'_>) -> Response {
        let now = ctx.now;
        // A token server is the app's own code: no session library runs.
        if self.mechanism() == super::Mechanism::Token {
            return response;
        }
        let style = self.preset().cookie_style;
        let sets_cookie = response.headers.iter().any(|h| h.name == "Set-Cookie");
        // Django's SessionMiddleware and tower-sessions answer a ticket that
        // names no live session by telling the browser to forget it.
        if ctx.dead_ticket && !sets_cookie && matches!(style, CookieStyle::Django | CookieStyle::CookieCrate) {
            response = response.with_header("Set-Cookie", self.removal_cookie(now));
        }
        match style {
            // The session was read (AuthenticationMiddleware reads it on every
            // request), so the page depends on the Cookie header: Vary says so.
            CookieStyle::Django => response.headers.insert(1, crate::base::http::Header::new("Vary", "Cookie")),
            // session_start() sends session.cache_limiter=nocache's three
            // headers, after the cookie of a new session and before any
            // cookie the script sets itself (a removal).
            CookieStyle::Php if self.php_session_started(request, &response) => {
                let at = response
                    .headers
                    .iter()
                    .position(|h| {
                        h.name == "Set-Cookie" && h.value.starts_with(&format!("{}=deleted", self.cookie_name()))
                    })
                    .unwrap_or(response.headers.len());
                // Strict mode's fresh session sends its cookie as session_start() runs.
                let at = match &ctx.php_fresh {
                    Some(fresh) => {
                        response
                            .headers
                            .insert(at, crate::base::http::Header::new("Set-Cookie", self.issue_cookie(fresh, now)));
                        at + 1
                    }
                    None => at,
                };
                for (offset, (name, value)) in [
                    ("Expires", "Thu, 19 Nov 1981 08:52:00 GMT"),
                    ("Cache-Control", "no-store, no-cache, must-revalidate"),
                    ("Pragma", "no-cache"),
                ]
                .into_iter()
                .enumerate()
                {
                    response.headers.insert(at + offset, crate::base::http::Header::new(name, value));
                }
            }
            _ => {}
        }
        response
    }

    /// Whether the PHP app started a session on this request: it does at a
    /// successful login, and on any other page only when the browser brings
    /// the session cookie (a logout that only expires the cookie starts none).
    pub(super) fn php_session_started(&self, request: &Request, response: &Response) -> bool {
        let login = request.method == Method::Post && request.path == "/login";
        (login && response.status == Status::OK)
            || (!login && self.php_starts_session_on(request) && !matches!(self.read_ticket(request), Ticket::Missing))
    }

    /// A removal cookie for a `__Host-` name that lacks `Secure`, as express's
    /// `res.clearCookie(name, { path: '/' })` and tower-sessions write it: the
    /// browser refuses any `__Host-` cookie without `Secure`, so the removal
    /// is ignored and the jar keeps the ticket. Empty when that cannot happen.
    pub(super) fn refused_removal_note(&self, mode: LogoutMode) -> String {
        let removal = self.removal_cookie(Instant::START);
        let lacks_secure = !removal.split(';').any(|part| part.trim().eq_ignore_ascii_case("secure"));
        if mode == LogoutMode::ServerOnly || !self.settings.host_prefix || !lacks_secure {
            return String::new();
        }
        let library = crate::text::say(crate::text::message::PresetText::Label(self.preset().library));
        crate::text::say(crate::text::message::ServerMessage::RefusedRemoval { library: &library })
    }

    /// The session ID a browser's jar carries, read as this server would
    /// read it from a request. `None` if there is no session cookie or it
    /// cannot be read (a bad signature, say).
    pub fn ticket_in(&self, jar: &crate::browser::CookieJar) -> Option<SessionId> {
        // The first session cookie in the order the browser would send them.
        let url = crate::browser::jar::Url {
            scheme: "https".into(),
            host: crate::base::http::APP_HOST.into(),
            path: "/".into(),
        };
        let (header, _) = jar.cookie_string(&url, crate::browser::jar::Context::SAME_SITE, i64::MIN);
        self.decode(cookie_value(header.as_deref()?, &self.cookie_name())?).ok()
    }

    /// For each cookie in a jar, the session ID it carries if it bears the
    /// session cookie's name and can be read.
    pub fn tickets_in(&self, jar: &crate::browser::CookieJar) -> Vec<Option<SessionId>> {
        let name = self.cookie_name();
        jar.cookies().iter().map(|c| if c.name == name { self.decode(&c.value).ok() } else { None }).collect()
    }

    /// The cookie value carrying `id` as someone without the server's secret
    /// would write it: plain, or base64 (which needs no secret), but never
    /// with a valid express signature.
    pub(crate) fn encode_unsigned(&self, id: &SessionId) -> String {
        match self.preset().codec {
            CookieCodec::ExpressSigned => encode_uri_component(&format!("s:{id}.forged-signature")),
            _ => self.encode(id),
        }
    }

    /// The session cookie's name.
    pub fn session_cookie_name(&self) -> String {
        if self.mechanism() == super::Mechanism::Token {
            return self.token_cookie_name();
        }
        self.cookie_name()
    }

    /// The cookie value carrying `id`, written as the preset writes it.
    pub(super) fn encode(&self, id: &SessionId) -> String {
        match self.preset().codec {
            CookieCodec::Plain => id.to_string(),
            CookieCodec::ExpressSigned => {
                let signature = base64_unpadded(&hmac_sha256(EXPRESS_SECRET.as_bytes(), id.as_str().as_bytes()));
                encode_uri_component(&format!("s:{id}.{signature}"))
            }
            CookieCodec::Base64 => base64(id.as_str().as_bytes()),
        }
    }

    /// Reads an ID back out of a cookie value.
    pub(super) fn decode(&self, value: &str) -> Result<SessionId, Unreadable> {
        match self.preset().codec {
            // tower-sessions parses the value as 16 bytes of base64url before
            // any lookup, and drops anything else as a malformed session ID.
            CookieCodec::Plain
                if self.preset().cookie_style == CookieStyle::CookieCrate
                    && !self.preset().id_format.could_draw(value)
                    && !matches!(self.settings.ids, crate::base::ids::IdSourceSetting::Sequential) =>
            {
                Err(Unreadable::NotSixteenBytes)
            }
            CookieCodec::Plain => Ok(SessionId::from_untrusted(value)),
            CookieCodec::ExpressSigned => {
                let text = decode_uri_component(value).ok_or(Unreadable::NotPercentEncoded)?;
                let signed = text.strip_prefix("s:").ok_or(Unreadable::NotSigned)?;
                let (id, signature) = signed.rsplit_once('.').ok_or(Unreadable::NoSignature)?;
                let expected = base64_unpadded(&hmac_sha256(EXPRESS_SECRET.as_bytes(), id.as_bytes()));
                if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
                    return Err(Unreadable::BadSignature);
                }
                Ok(SessionId::from_untrusted(id))
            }
            CookieCodec::Base64 => base64_decode(value)
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .map(|id| SessionId::from_untrusted(&id))
                .ok_or(Unreadable::NotBase64),
        }
    }

    /// The `Set-Cookie` value that hands `id` to the browser.
    pub(super) fn issue_cookie(&self, id: &SessionId, now: Instant) -> String {
        let preset = self.preset();
        let mut cookie = SetCookie::new(&self.cookie_name(), &self.encode(id));
        cookie.path = Some("/".to_owned());
        cookie.http_only = self.settings.http_only;
        cookie.secure = self.settings.secure;
        cookie.same_site = self.settings.same_site;
        if let Some(max_age) = preset.cookie_max_age {
            cookie.max_age = Some(max_age as i64);
            // Every writer but the cookie crate's also sends Expires, for old browsers.
            if preset.cookie_style != CookieStyle::CookieCrate {
                cookie.expires = Some(now.plus_secs(max_age).http_date());
            }
        }
        cookie.render(preset.cookie_style)
    }

    /// The `Set-Cookie` value that tells the browser to forget the session
    /// cookie, exactly as each library writes it. It must repeat the name
    /// and path (or the browser would treat it as another cookie).
    pub(super) fn removal_cookie(&self, now: Instant) -> String {
        let preset = self.preset();
        let mut cookie = SetCookie::new(&self.cookie_name(), "");
        cookie.path = Some("/".to_owned());
        let epoch = http_date_of_unix(0);
        match preset.cookie_style {
            CookieStyle::Generic => {
                cookie.max_age = Some(0);
                cookie.http_only = self.settings.http_only;
                cookie.secure = self.settings.secure;
                cookie.same_site = self.settings.same_site;
            }
            // OWASP: "an empty value plus an Expires date in the past".
            CookieStyle::Owasp => {
                cookie.expires = Some(epoch.clone());
                cookie.http_only = self.settings.http_only;
                cookie.secure = self.settings.secure;
                cookie.same_site = self.settings.same_site;
            }
            // res.clearCookie(name, { path: '/' }): Expires at the epoch, nothing else.
            CookieStyle::Express => cookie.expires = Some(epoch),
            // tower-sessions removes with a fresh cookie of the same name and
            // path, made a removal (Max-Age=0, an Expires a year back): the
            // session cookie's other attributes are not repeated (recorded).
            CookieStyle::CookieCrate => {
                cookie.max_age = Some(0);
                cookie.expires = Some(http_date_of_unix(now.unix_secs() as i64 - 365 * 86_400));
            }
            // HttpResponse.delete_cookie: an empty quoted value, Max-Age=0,
            // Expires at the epoch; Secure when the setting says so or the
            // name has a __Secure- or __Host- prefix (or the browser would
            // refuse the removal).
            CookieStyle::Django => {
                cookie.value = "\"\"".to_owned();
                cookie.max_age = Some(0);
                cookie.expires = Some(epoch);
                cookie.same_site = self.settings.same_site;
                cookie.secure = self.settings.secure || self.settings.host_prefix;
            }
            // DefaultCookieSerializer formats Expires with Java's
            // RFC_1123_DATE_TIME, which does not pad the day: "Thu, 1 Jan 1970".
            CookieStyle::Spring => {
                cookie.max_age = Some(0);
                cookie.expires = Some(epoch.replacen(" 01 ", " 1 ", 1));
                cookie.http_only = self.settings.http_only;
                cookie.secure = self.settings.secure;
                cookie.same_site = self.settings.same_site;
            }
            // The manual's setcookie(session_name(), '', time() - 42000, ...)
            // with the session's own cookie parameters: PHP writes an emptied
            // cookie as "deleted", one second after the epoch.
            CookieStyle::Php => {
                cookie.value = "deleted".to_owned();
                cookie.expires = Some(http_date_of_unix(1));
                cookie.max_age = Some(0);
                cookie.secure = self.settings.secure;
                cookie.http_only = self.settings.http_only;
            }
        }
        cookie.render(preset.cookie_style)
    }
}
