//! Each preset's library in English ([`PresetText`]): its name for the page,
//! exactly what the preset reproduces, and what is special about it.

use crate::library::preset::Library;
use crate::text::message::PresetText;

/// The preset's text in English.
pub fn render(text: &PresetText) -> String {
    match *text {
        PresetText::Label(library) => label(library),
        PresetText::Reproduces(library) => reproduces(library),
        PresetText::Summary(library) => summary(library),
    }
    .to_owned()
}

/// Name for the page.
fn label(library: Library) -> &'static str {
    match library {
        Library::Generic => "Playground default",
        Library::Express => "express-session + connect-redis",
        Library::Tower => "tower-sessions (Redis store)",
        Library::Django => "Django (database sessions)",
        Library::Spring => "Spring Session (Redis, indexed)",
        Library::Php => "PHP sessions (files)",
        Library::Owasp => "OWASP recommended",
    }
}

/// Exactly what the preset reproduces: the library and version, its
/// configuration, and how that was checked.
fn reproduces(library: Library) -> &'static str {
    match library {
        Library::Generic => "no library: the playground's own careful setup",
        Library::Express => "express-session 1.19 with connect-redis 10 (Redis 7.0), recorded",
        Library::Tower => "tower-sessions 0.14 with tower-sessions-redis-store 0.16 (Redis 7.0), recorded",
        Library::Django => "Django 6.1 with database sessions (sqlite), recorded (5.2, the LTS, recorded the same)",
        Library::Spring => "Spring Session 4.1, RedisIndexedSessionRepository, read from source (not recorded)",
        Library::Php => "PHP 8.2, Debian 12's php.ini (php.ini-production) with session.use_strict_mode=1, recorded",
        Library::Owasp => "the OWASP Session Management Cheat Sheet (a recommendation, no library)",
    }
}

/// What is special about it, in a sentence or two.
fn summary(library: Library) -> &'static str {
    match library {
        Library::Generic => {
            "A plain, careful setup: a 128-bit ID in a cookie named sid, HttpOnly and SameSite=Lax, a 30-minute \
                  idle and 8-hour absolute timeout, rotation at login, and a logout that deletes the record and \
                  expires the cookie. Sessions live in the server's memory."
        }
        Library::Express => {
            "Configured as connect-redis's README recommends (resave: false, saveUninitialized: false, so no \
                  session until login). The cookie value is signed: s:<id>.<HMAC-SHA256>, URL-encoded. No SameSite, \
                  no Secure, no expiry by default. connect-redis keeps each session 86400 s and resets that TTL on \
                  every request. The app must call regenerate() at login (as the README's example does), and \
                  destroy() deletes the record but leaves the cookie in the browser."
        }
        Library::Tower => {
            "Rust's tower-sessions: a 128-bit ID in a cookie named id (a generic name, as OWASP advises), \
                  HttpOnly, SameSite=Strict and Secure. With no expiry set the cookie lasts until the browser closes \
                  while the record lives two weeks from its last save; reading a session does not extend it. \
                  axum-login cycles the ID at login, stores a hash of the password with the session (so a password \
                  change ends the other sessions on their next request), and logout flushes the record and sends \
                  a removal cookie."
        }
        Library::Django => {
            "The cookie sessionid is persistent: Max-Age=1209600 (two weeks), HttpOnly, SameSite=Lax, no Secure. \
                  Keys are 32 characters of a\u{2013}z0\u{2013}9. Expiry counts from the last change, and reading is \
                  not a change. login() cycles the key and stores a hash of the password, so a password change \
                  flushes the user's other sessions on their next request; logout() flushes the session and \
                  deletes the cookie. Expired rows stay in django_session until a clearsessions job deletes them."
        }
        Library::Spring => {
            "The cookie SESSION holds the ID base64-encoded (encoding, not protection); HttpOnly, SameSite=Lax, \
                  and Secure because the request is https. IDs are random UUIDs. Sessions end after 1800 s idle. \
                  Spring Security changes the ID at login; logout invalidates the session and expires the cookie. \
                  The indexed repository keeps a set of session IDs per user, for \u{201c}log out everywhere\u{201d}."
        }
        Library::Php => {
            "PHPSESSID=<26 characters of 0\u{2013}9a\u{2013}v>; path=/ and nothing else: no HttpOnly, no Secure, \
                  no SameSite (every php.ini PHP ships sets sid_length=26 and sid_bits_per_character=5; with no \
                  php.ini at all the ID is 32 hex digits, and PHP 8.4 deprecates both settings, keeping 32 \
                  characters of 4 bits by default). PHP never checks gc_maxlifetime (1440 s) when it reads a session: \
                  only garbage collection deletes stale files, and Debian turns PHP's own collection off \
                  (gc_probability=0) in favour of a cron job at :09 and :39; here the collection runs as soon as \
                  time passes. PHP does not change the ID at login unless the app calls session_regenerate_id(), \
                  session_destroy() leaves the cookie, and every response of a started session carries the \
                  nocache headers (Expires in 1981, Cache-Control, Pragma). Shown with session.use_strict_mode=1, \
                  which PHP encourages (Debian's php.ini leaves it 0, which would accept IDs PHP never issued): a \
                  cookie naming no session file gets a fresh, empty session under a new ID, with its own cookie."
        }
        Library::Owasp => {
            "The OWASP Session Management Cheat Sheet's advice: __Host-id; Secure; HttpOnly; SameSite=Strict; \
                  Path=/, no Domain and no expiry (a non-persistent cookie), an ID from a CSPRNG with at least 64 \
                  bits of entropy (this preset uses 128, the floor ASVS 5.0 sets), a new ID at login, a 15-minute \
                  idle and 8-hour absolute timeout enforced on the server, and a logout that invalidates both sides \
                  (the cookie emptied, with an Expires in the past)."
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::library::preset::PRESETS;
    use crate::text::{message::PresetText, say};

    #[test]
    fn every_preset_names_its_own_library() {
        let labels: std::collections::BTreeSet<String> =
            PRESETS.iter().map(|p| say(PresetText::Label(p.library))).collect();
        assert_eq!(labels.len(), PRESETS.len(), "two presets share a library's text");
        let django = PRESETS.iter().find(|p| p.key == "django").unwrap();
        assert_eq!(say(PresetText::Label(django.library)), "Django (database sessions)");
    }
}
