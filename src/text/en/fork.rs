//! The fork's sentences in English (`ForkMessage`); `sim/fork.rs` decides
//! where the timelines diverge.

use crate::base::http::Status;
use crate::session::store::Expiry;
use crate::text::message::fork::{ForkMessage, Told};

/// The message in English.
pub(super) fn render(message: &ForkMessage<'_>) -> String {
    match *message {
        ForkMessage::Parted { session, token } => parted(session, token),
        ForkMessage::Summary { session, token } => summary(session, token),
        ForkMessage::FailedOnOneSide { session, token } => failed_on_one_side(session, token),
        ForkMessage::NoServer => no_server().to_owned(),
        ForkMessage::Password { ok } => password(ok).to_owned(),
        ForkMessage::NoTicket => no_ticket().to_owned(),
        ForkMessage::StoreDown => store_down().to_owned(),
        ForkMessage::Lookup { user, expired } => lookup(user, expired),
    }
}

/// "200 OK", "401 Unauthorized", or "no response".
fn status_line(status: Option<u16>) -> String {
    match status {
        Some(code) => {
            let reason = Status(code).reason();
            if reason.is_empty() {
                code.to_string()
            } else {
                format!("{code} {reason}")
            }
        }
        None => "no response".to_owned(),
    }
}

/// How one side ended the request: "answered 200 OK as alice (the token's signature matched …)".
fn ended(told: &Told<'_>) -> String {
    let status = status_line(told.status);
    let how = match (told.served, told.who) {
        (true, Some(who)) => format!("served it as {who}"),
        (true, None) => "served it to nobody in particular".to_owned(),
        (false, _) => "refused it".to_owned(),
    };
    let why = if told.evidence.is_empty() { String::new() } else { format!(": {}", told.evidence) };
    format!("{how}, {status}{why}")
}

/// The divergence: what each server made of the same request. `None` on a
/// side means that side sent no such request in this action.
fn parted(session: Option<Told<'_>>, token: Option<Told<'_>>) -> String {
    let side = |told: Option<Told<'_>>| match told {
        Some(told) => ended(&told),
        None => "sent no such request".to_owned(),
    };
    format!(
        "Here the two timelines part ways. The session server {}. The token server {}. Same browsers, same \
         actions: only the way the server remembers the login differs.",
        side(session),
        side(token)
    )
}

/// The divergence in a line, for a narrow screen: "Sessions: 401 Unauthorized. Tokens: 200 OK, as alice."
fn summary(session: Option<Told<'_>>, token: Option<Told<'_>>) -> String {
    let side = |told: Option<Told<'_>>| match told {
        Some(Told { status, who: Some(who), served: true, .. }) => format!("{}, as {who}", status_line(status)),
        Some(told) => status_line(told.status),
        None => "no such request".to_owned(),
    };
    format!("Sessions: {}. Tokens: {}.", side(session), side(token))
}

/// The divergence when an action could not run on one side (or failed differently on each).
fn failed_on_one_side(session: Option<&str>, token: Option<&str>) -> String {
    let side = |error: Option<&str>| match error {
        Some(error) => format!("could not do it ({error})"),
        None => "did it".to_owned(),
    };
    format!("Here the two timelines part ways. The session server {}; the token server {}.", side(session), side(token))
}

/// No app server was running.
fn no_server() -> &'static str {
    "no app server was running to take the request"
}

/// The password check at a login.
fn password(ok: bool) -> &'static str {
    if ok {
        "the password matched"
    } else {
        "the password did not match"
    }
}

/// A request with no session cookie.
fn no_ticket() -> &'static str {
    "the request carried no session ticket"
}

/// The store could not be reached.
fn store_down() -> &'static str {
    "the session store could not be reached"
}

/// What a session lookup found: a live record of `user`, a record past a timeout, or nothing.
fn lookup(user: Option<&str>, expired: Option<Expiry>) -> String {
    match (user, expired) {
        (_, Some(Expiry::Idle)) => "the record under the ticket had passed its idle timeout".to_owned(),
        (_, Some(Expiry::Absolute)) => "the record under the ticket had passed its absolute timeout".to_owned(),
        (Some(user), None) => format!("the store holds a live session of {user} under the ticket"),
        (None, None) => "the ticket names no record in the store".to_owned(),
    }
}
