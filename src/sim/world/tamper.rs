//! What an attacker does to tickets outside the protocol: a cookie copied
//! from one jar to another, planted, guessed or read by an injected script,
//! a request read off plain http, a browser closed.

use super::{view, World, WorldError, MALLORY};
use crate::base::http::cookie_value;
use crate::base::ids::SessionId;
use crate::browser::{JarChange, Screen};
use crate::text::message::WorldMessage;
use crate::text::say;
use crate::trace::{Actor, HttpMessage, StepDraft, StepKind, Tracer};

impl World {
    pub(super) fn copy_cookie(&mut self, from: &str, to: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let (source, target) = (self.index_of(from)?, self.index_of(to)?);
        let name = self.server.session_cookie_name();
        let (from_label, to_label) = (self.browsers[source].label.clone(), self.browsers[target].label.clone());
        // A bearer token lives in the page's storage, not the jar: whatever
        // copies the jar (malware, a shared computer) copies that too.
        // A refresh token kept beside it goes with it.
        if self.browsers[source].storage.contains_key(crate::library::token::TOKEN_STORAGE_KEY) {
            let storage = self.browsers[source].storage.clone();
            let keys: Vec<&str> = storage.keys().map(String::as_str).collect();
            let narration = crate::text::say(crate::text::message::TokenMessage::StorageCopied {
                from: &from_label,
                to: &to_label,
                keys: &keys,
            });
            self.browsers[target].storage.extend(storage.iter().map(|(k, v)| (k.clone(), v.clone())));
            tracer.set_browser(view(&self.browsers[target], &self.server));
            tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(to));
            return Ok(());
        }
        let narration = match self.browsers[source].jar.get(&name).cloned() {
            Some(cookie) => {
                let value = cookie.value.clone();
                self.browsers[target].jar.put(cookie);
                tracer.set_browser(view(&self.browsers[target], &self.server));
                say(WorldMessage::Copied { name: &name, value: &value, from: &from_label, to: &to_label })
            }
            None => say(WorldMessage::NothingToCopy { name: &name, from: &from_label }),
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(to));
        Ok(())
    }

    pub(super) fn close_browser(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let browser = &mut self.browsers[index];
        let gone = browser.jar.close();
        browser.screen = Screen::blank(&say(crate::text::message::Label::BlankScreen));
        tracer.set_browser(view(browser, &self.server));
        // Under tokens the cookie is only a copy of a token the server never kept: saying so is the lesson.
        let narration = if self.server.mechanism() == crate::server::Mechanism::Token {
            crate::text::say(crate::text::message::TokenMessage::BrowserClosed { browser: &browser.label, gone: &gone })
        } else {
            say(match gone.is_empty() {
                true => WorldMessage::ClosedKeepingAll { browser: &browser.label },
                false => WorldMessage::ClosedLosing { browser: &browser.label, gone: &gone },
            })
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
            let narration = say(WorldMessage::NothingToPlant);
            tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
            return Ok(());
        };
        let name = self.server.session_cookie_name();
        let value = self.server.encode_unsigned(&id);
        let header = format!("{name}={value}; Domain={}; Path=/", crate::base::http::APP_HOST);
        // Built, not parsed: a fixed URL needs no parser's error path (whose
        // `expect` would pull `Debug` formatting into the browser's module).
        let url = crate::browser::jar::Url {
            scheme: "https".to_owned(),
            host: format!("mallory.{}", crate::base::http::APP_HOST),
            path: "/".to_owned(),
        };
        let now = self.clock.now().unix_millis() as i64;
        let change = self.browsers[index].jar.set_cookie(&header, &url, crate::browser::jar::Context::SAME_SITE, now);
        let browser = &self.browsers[index];
        tracer.set_browser(view(browser, &self.server));
        let host = crate::base::http::APP_HOST;
        let outcome = match &change {
            JarChange::Rejected { reason } => say(WorldMessage::PlantRefused { reason: &reason.to_string() }),
            _ => say(WorldMessage::PlantAccepted { host }),
        };
        let narration =
            say(WorldMessage::Planted { browser: &browser.label, host, header: &header, outcome: &outcome });
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
            crate::text::say(crate::text::message::TokenMessage::TypedIn {
                browser: &browser.label,
                name: &name,
                value: &value,
            })
        } else {
            say(WorldMessage::Guessed { browser: &browser.label, name: &name, value: &value })
        };
        tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
        Ok(())
    }

    pub(super) fn script_theft(&mut self, key: &str, tracer: &mut Tracer) -> Result<(), WorldError> {
        let index = self.index_of(key)?;
        let mallory = self.index_of(MALLORY)?;
        let now = self.clock.now();
        let url = crate::browser::jar::Url {
            scheme: "https".to_owned(),
            host: crate::base::http::APP_HOST.to_owned(),
            path: "/profile".to_owned(),
        };
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
            // A refresh token kept beside it is in the same reach.
            let refresh_name = crate::library::token::REFRESH_STORAGE_KEY;
            let refresh = self.browsers[index].storage.get(refresh_name).cloned();
            let took_refresh = refresh.is_some();
            if let Some(refresh) = refresh {
                self.browsers[mallory].storage.insert(refresh_name.to_owned(), refresh);
            }
            tracer.set_browser(view(&self.browsers[mallory], &self.server));
            let mut narration = say(WorldMessage::ScriptStealsStoredToken { browser: &label, key: key_name });
            if took_refresh {
                narration.push_str(&crate::text::say(crate::text::message::RefreshMessage::ScriptTakesRefresh));
            }
            tracer.push(StepDraft::new(Actor::Browser, StepKind::JarTampered, narration).browser(key));
            return Ok(());
        }
        let name = self.server.session_cookie_name();
        // The script can only send what document.cookie gave it.
        let stolen = visible.as_deref().and_then(|text| cookie_value(text, &name)).map(str::to_owned);
        let seen = visible.as_deref();
        let narration = match stolen {
            Some(value) => {
                self.browsers[mallory].jar.put(stolen_cookie(&name, &value, now));
                tracer.set_browser(view(&self.browsers[mallory], &self.server));
                say(WorldMessage::ScriptStealsCookie { browser: &label, seen, name: &name })
            }
            None if self.browsers[index].jar.get(&name).is_some() => {
                say(WorldMessage::ScriptBlockedByHttpOnly { browser: &label, seen })
            }
            None => say(WorldMessage::ScriptFindsNothing { browser: &label, seen }),
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
                say(WorldMessage::Sniffed { name: &name, value: &value })
            }
            None if jar_held_one => say(WorldMessage::SniffedSecure { name: &name }),
            None => say(WorldMessage::SniffedNothing { name: &name }),
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
