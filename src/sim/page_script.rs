//! The app's own script in its page, for a token carried as a bearer: it
//! keeps the token the login response gave it in `localStorage` and sends
//! it with each request as `Authorization: Bearer`.
//!
//! This is the page's code, not the browser's: the browser attaches cookies
//! by itself, but a header only goes where a script puts it. So a form
//! another site submits, or a plain-http page (another origin, with its own
//! storage), carries no bearer token, while any script that runs in the
//! app's page (an injected one too) can read the stored copy.

use crate::base::http::{Header, Request, Response, Status};
use crate::browser::{Browser, Channel};
use crate::library::token::TOKEN_STORAGE_KEY;
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
    request.headers.push(Header::new("Authorization", format!("Bearer {token}")));
    true
}

/// What the app's script does with a response: keeps the token a login
/// answered with, and forgets it at a logout. Returns what changed, for the
/// narration.
pub(crate) fn after_response(
    browser: &mut Browser,
    path: &str,
    response: &Response,
    channel: Channel,
) -> Option<String> {
    if !from_app_page(channel) || response.status != Status::OK {
        return None;
    }
    match path {
        "/login" => {
            let body: serde_json::Value = serde_json::from_str(response.body.as_deref()?).ok()?;
            let token = body.get("access_token")?.as_str()?;
            browser.storage.insert(TOKEN_STORAGE_KEY.to_owned(), token.to_owned());
            Some(say(WorldMessage::ScriptStoresToken))
        }
        "/logout" | "/logout-everywhere" => {
            browser.storage.remove(TOKEN_STORAGE_KEY)?;
            Some(say(WorldMessage::ScriptDeletesToken))
        }
        _ => None,
    }
}
