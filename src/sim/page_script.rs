//! The app's own script in its page, for a token carried as a bearer: it
//! keeps the token the login response gave it in `localStorage` and sends
//! it with each request as `Authorization: Bearer`.
//!
//! This is the page's code, not the browser's: the browser attaches cookies
//! by itself, but a header only goes where a script puts it. So a form
//! another site submits, or a plain-http page (another origin, with its own
//! storage), carries no bearer token, while any script that runs in the
//! app's page (an injected one too) can read the stored copy. With refresh
//! tokens it also renews: told by a 401 that its access token expired, it
//! posts the refresh token to `/refresh` and sends the request again.

use crate::base::http::{Header, Request, Response, Status, BEARER_SCHEME};
use crate::browser::{Browser, Channel};
use crate::library::token::{REFRESH_PATH, REFRESH_STORAGE_KEY, TOKEN_STORAGE_KEY};
use crate::text::message::WorldMessage;
use crate::text::say;

/// Whether the app's own page, with its script and its storage, sends this
/// request: a request it makes itself, over https.
fn from_app_page(channel: Channel) -> bool {
    channel == Channel::NORMAL
}

/// Adds the stored token as `Authorization: Bearer`, if the app's script
/// sends this request and holds one. Returns whether it did.
pub(crate) fn attach_bearer(browser: &Browser, request: &mut Request, channel: Channel) -> bool {
    let Some(token) = browser.storage.get(TOKEN_STORAGE_KEY).filter(|_| from_app_page(channel)) else {
        return false;
    };
    request.headers.push(Header::new("Authorization", format!("{BEARER_SCHEME}{token}")));
    true
}

/// What the app's script does with a response: keeps the tokens a login
/// or a renewal answered with, and forgets them at a logout or a refused
/// renewal. Returns what changed, for the narration.
pub(crate) fn after_response(
    browser: &mut Browser,
    path: &str,
    response: &Response,
    channel: Channel,
) -> Option<String> {
    if !from_app_page(channel) {
        return None;
    }
    // A refused renewal means "log in again": the stored copies are worthless.
    if path == REFRESH_PATH && response.status == Status::UNAUTHORIZED {
        let access = browser.storage.remove(TOKEN_STORAGE_KEY);
        let refresh = browser.storage.remove(REFRESH_STORAGE_KEY);
        return (access.is_some() || refresh.is_some())
            .then(|| crate::text::say(crate::text::message::RefreshMessage::ScriptForgetsBoth));
    }
    if response.status != Status::OK {
        return None;
    }
    match path {
        "/login" | REFRESH_PATH => {
            // Read with the token module's small JSON reader: the engine's wasm
            // carries no general JSON parser (the browser's JSON.parse reads its input).
            let body = response.body.as_deref()?;
            let token = crate::base::jwt::string_member(body, "access_token")?;
            browser.storage.insert(TOKEN_STORAGE_KEY.to_owned(), token);
            let Some(refresh) = crate::base::jwt::string_member(body, REFRESH_STORAGE_KEY) else {
                return Some(say(WorldMessage::ScriptStoresToken));
            };
            browser.storage.insert(REFRESH_STORAGE_KEY.to_owned(), refresh);
            Some(crate::text::say(crate::text::message::RefreshMessage::ScriptStoresBoth))
        }
        "/logout" | "/logout-everywhere" => {
            let refresh = browser.storage.remove(REFRESH_STORAGE_KEY);
            let access = browser.storage.remove(TOKEN_STORAGE_KEY);
            match (access, refresh) {
                (_, Some(_)) => Some(crate::text::say(crate::text::message::RefreshMessage::ScriptForgetsBoth)),
                (Some(_), None) => Some(say(WorldMessage::ScriptDeletesToken)),
                (None, None) => None,
            }
        }
        _ => None,
    }
}

/// Whether the app's script should renew its access token after this
/// response: the server said the token is genuine but expired (RFC 6750's
/// `invalid_token`, which a server with refresh tokens sends).
pub(crate) fn wants_renewal(response: &Response, channel: Channel) -> bool {
    from_app_page(channel)
        && response.status == Status::UNAUTHORIZED
        && response.header_values("WWW-Authenticate").any(|h| h.contains("error=\"invalid_token\""))
}

/// The body of the script's `POST /refresh` (RFC 6749 §6): the stored
/// refresh token when the script keeps one; with cookies the browser
/// attaches the refresh cookie itself.
pub(crate) fn renewal_form(browser: &Browser) -> String {
    let mut fields = vec![("grant_type", "refresh_token")];
    if let Some(token) = browser.storage.get(REFRESH_STORAGE_KEY) {
        fields.push((REFRESH_STORAGE_KEY, token.as_str()));
    }
    crate::base::http::form_encode(&fields)
}
