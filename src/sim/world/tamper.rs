//! What an attacker does to tickets outside the protocol: a cookie copied
//! from one jar to another, planted, guessed or read by an injected script,
//! a request read off plain http, a browser closed.

use super::{view, World, WorldError, MALLORY};
use crate::base::http::cookie_value;
use crate::base::ids::SessionId;
use crate::browser::{JarChange, Screen};
use crate::trace::{Actor, HttpMessage, StepDraft, StepKind, Tracer};

impl World {
    pub(super) fn copy_cookie(&mut self, from: &str, to: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let (source, target) = (self.index_of(from)?, self.index_of(to)?);
        let name = self.server.session_cookie_name();
        let (from_label, to_label) = (self.browsers[source].label.clone(), self.browsers[target].label.clone());
        let narration = match self.browsers[source].jar.get(&name).cloned() {
            Some(cookie) => {
                let value = cookie.value.clone();
                self.browsers[target].jar.put(cookie);
                tracer.set_browser(view(&self.browsers[target], &self.server));
                format!(
                    "The {name} cookie is copied from {from_label} into {to_label}'s jar: {name}={value}. (How a \
                     ticket gets copied, through malware or a shared computer, is a story of \
                     its own.) The server cannot tell the two copies apart."
                )
            }
            None => format!("{from_label} holds no {name} cookie, so there is nothing to copy."),
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(to));
        Ok(())
    }

    pub(super) fn close_browser(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let browser = &mut self.browsers[index];
        let gone = browser.jar.close();
        browser.screen = Screen::blank();
        tracer.set_browser(view(browser, &self.server));
        // Under tokens the cookie is only a copy of a token the server never kept: saying so is the lesson.
        let narration = if self.server.mechanism() == crate::server::Mechanism::Token {
            crate::text::token::browser_closed(&browser.label, &gone)
        } else if gone.is_empty() {
            format!(
                "{} is closed and opened again. Every cookie in its jar has an expiry date, so all of them survive.",
                browser.label
            )
        } else {
            format!(
                "{} is closed and opened again. The {} cookie had no Max-Age or Expires, so it lasted only until the \
                 browser closed: it is gone. The session's record on the server knows nothing of this and lives on \
                 until it expires.",
                browser.label,
                gone.join(", ")
            )
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::BrowserClosed, narration).browser(key));
        Ok(())
    }

    pub(super) fn plant_ticket(
        &mut self,
        key: &str,
        id: Option<&SessionId>,
        tracer: &mut Tracer,
    ) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let mallory = self.index_of(MALLORY)?;
        let id = match id {
            Some(id) => Some(id.clone()),
            None => self.server.ticket_in(&self.browsers[mallory].jar),
        };
        let Some(id) = id else {
            let narration = "Mallory has no ticket of her own to plant.";
            tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
            return Ok(());
        };
        let name = self.server.session_cookie_name();
        let value = self.server.encode_unsigned(&id);
        let header = format!("{name}={value}; Domain={}; Path=/", crate::base::http::APP_HOST);
        let url = crate::browser::jar::Url::parse(&format!("https://mallory.{}/", crate::base::http::APP_HOST))
            .expect("a fixed URL");
        let now = self.clock.now().unix_millis() as i64;
        let change = self.browsers[index].jar.set_cookie(&header, &url, crate::browser::jar::Context::SAME_SITE, now);
        let browser = &self.browsers[index];
        tracer.set_browser(view(browser, &self.server));
        let outcome = match &change {
            JarChange::Rejected { reason } => format!("The browser refuses it: {reason}. Nothing is planted."),
            _ => format!(
                "The browser accepts it: a cookie for every host of {}, which the app will receive as its own \
                 session ticket.",
                crate::base::http::APP_HOST
            ),
        };
        let narration = format!(
            "{} visits a page on mallory.{host}, a subdomain Mallory controls (user-hosted content, say). Its \
             response sets Set-Cookie: {header}. {outcome}",
            browser.label,
            host = crate::base::http::APP_HOST
        );
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
        Ok(())
    }

    pub(super) fn guess_ticket(&mut self, key: &str, id: &SessionId, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let name = self.server.session_cookie_name();
        let value = self.server.encode_unsigned(id);
        self.browsers[index].jar.put(stolen_cookie(&name, &value, self.clock.now()));
        let browser = &self.browsers[index];
        tracer.set_browser(view(browser, &self.server));
        // A token opens nothing by a lookup: the server's signature check decides.
        let narration = if self.server.mechanism() == crate::server::Mechanism::Token {
            crate::text::token::typed_in(&browser.label, &name, &value)
        } else {
            format!(
                "{} types a ticket of its own choosing into the jar (devtools will do): {name}={value}. Whether it \
                 opens anything is up to the server's store.",
                browser.label
            )
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
        Ok(())
    }

    pub(super) fn script_theft(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let mallory = self.index_of(MALLORY)?;
        let now = self.clock.now();
        let url = crate::browser::jar::Url::parse(&format!("https://{}/profile", crate::base::http::APP_HOST))
            .expect("a fixed URL");
        let (visible, _) = self.browsers[index].jar.cookie_string(
            &url,
            crate::browser::jar::Context::SCRIPT,
            now.unix_millis() as i64,
        );
        let label = self.browsers[index].label.clone();
        // A token the page's script keeps in localStorage is in any script's reach.
        let key_name = crate::library::token::TOKEN_STORAGE_KEY;
        if let Some(token) = self.browsers[index].storage.get(key_name).cloned() {
            self.browsers[mallory].storage.insert(key_name.to_owned(), token);
            tracer.set_browser(view(&self.browsers[mallory], &self.server));
            let narration = format!(
                "A script injected into the app's page (a cross-site scripting hole) runs in {label} and reads \
                 localStorage.{key_name}: the token itself, which no HttpOnly flag can guard there. It sends it to \
                 Mallory, whose own copy of the page now sends it as Authorization: Bearer."
            );
            tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
            return Ok(());
        }
        let name = self.server.session_cookie_name();
        // The script can only send what document.cookie gave it.
        let stolen = visible.as_deref().and_then(|text| cookie_value(text, &name)).map(str::to_owned);
        let seen = visible.as_deref().unwrap_or("(nothing)");
        let narration = match stolen {
            Some(value) => {
                self.browsers[mallory].jar.put(stolen_cookie(&name, &value, now));
                tracer.set_browser(view(&self.browsers[mallory], &self.server));
                format!(
                    "A script injected into the app's page (a cross-site scripting hole) runs in {label} and reads \
                     document.cookie: {seen}. It sends the {name} cookie to Mallory, who puts it in her own jar."
                )
            }
            None if self.browsers[index].jar.get(&name).is_some() => format!(
                "A script injected into the app's page runs in {label} and reads document.cookie: {seen}. HttpOnly \
                 keeps the session cookie out of its reach, so there is no ticket to steal. (HttpOnly does not stop \
                 the script acting inside the page: it can still send requests as the user while the page is open.)"
            ),
            None => format!(
                "A script injected into the app's page runs in {label} and reads document.cookie: {seen}. This \
                 browser holds no session cookie, so there is nothing to steal."
            ),
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
        Ok(())
    }

    /// Mallory, on the network, reads a plain-http request and keeps any session cookie in it.
    pub(super) fn eavesdrop(&mut self, index: usize, request: &crate::base::http::Request, tracer: &mut Tracer) {
        let name = self.server.session_cookie_name();
        let seen = request.cookie(&name).map(str::to_owned);
        let ticket_seen = seen.is_some();
        let jar_held_one = self.browsers[index].jar.get(&name).is_some();
        let narration = match seen {
            Some(value) => {
                // What Mallory keeps is exactly what went over the wire.
                if let Ok(mallory) = self.index_of(MALLORY) {
                    self.browsers[mallory].jar.put(stolen_cookie(&name, &value, self.clock.now()));
                    tracer.set_browser(view(&self.browsers[mallory], &self.server));
                }
                format!(
                    "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request as it passes and copies the \
                     ticket: {name}={value}."
                )
            }
            None if jar_held_one => format!(
                "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request, but it carries no {name} cookie: \
                 the browser keeps a Secure cookie off plain http."
            ),
            None => format!(
                "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request, but it carries no {name} cookie: \
                 this browser holds none."
            ),
        };
        // The step carries what Mallory read: the whole request, in plain text.
        tracer.push(
            StepDraft::new(Actor::Network, StepKind::Eavesdropped { ticket_seen }, narration)
                .message(HttpMessage::from(request)),
        );
    }
}

/// A session cookie as Mallory keeps a stolen or guessed value: host-only for the app, sent over https and http.
pub(super) fn stolen_cookie(
    name: &str,
    value: &str,
    now: crate::base::clock::Instant,
) -> crate::browser::jar::JarCookie {
    crate::browser::jar::JarCookie {
        name: name.to_owned(),
        value: value.to_owned(),
        domain: crate::base::http::APP_HOST.to_owned(),
        host_only: true,
        path: "/".to_owned(),
        secure: false,
        http_only: false,
        same_site: None,
        expires_ms: None,
        expires: None,
        created_ms: now.unix_millis() as i64,
        seq: 0,
    }
}

/// Every ID a cookie value could be carrying, readable by the server or
/// not: the value itself, percent-decoded, and an express-style `s:ID.signature`'s ID.
pub(super) fn ids_written_in(value: &str) -> Vec<SessionId> {
    let mut ids = vec![SessionId::from_untrusted(value)];
    if let Some(decoded) = crate::base::encoding::decode_uri_component(value) {
        if let Some((id, _signature)) = decoded.strip_prefix("s:").and_then(|signed| signed.rsplit_once('.')) {
            ids.push(SessionId::from_untrusted(id));
        }
        ids.push(SessionId::from_untrusted(&decoded));
    }
    ids
}
