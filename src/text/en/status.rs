//! The server's status line in English (`ServerStatus`).

use crate::library::token::TokenVerdict;
use crate::text::message::status::ServerStatus;

/// The status line in English.
pub(super) fn render(status: &ServerStatus<'_>) -> String {
    use ServerStatus as S;
    let text = match status {
        S::Arriving(line) => return format!("Request arriving: {line}"),
        S::Answering { status, reason } => return format!("Answering {status} {reason}"),
        S::TicketPresented(id) => return format!("Ticket presented: {id}"),
        S::SigningToken(sub) => return format!("Signing a token for {sub}; nothing stored."),
        S::AnsweringSoon => "Answering.",
        S::Waiting => "Waiting for requests.",
        S::PasswordChecked { ok: true } => "Password matches.",
        S::PasswordChecked { ok: false } => "Password does not match.",
        S::NoTicket => "No usable ticket in the request.",
        S::TokenVerified(verdict) => match verdict {
            TokenVerdict::Accepted => "Token verified: signature and exp checked.",
            TokenVerdict::Missing => "No token in the request.",
            TokenVerdict::Malformed => "Token refused: not a token it can check.",
            TokenVerdict::BadSignature => "Token refused: bad signature.",
            TokenVerdict::AlgorithmRefused => "Token refused: algorithm not accepted.",
            TokenVerdict::Expired => "Token refused: expired.",
            TokenVerdict::Denied => "Token refused: on the denylist.",
            TokenVerdict::Outdated => super::refresh::OUTDATED_STATUS,
        },
        S::RefreshChecked(verdict) => super::refresh::refresh_status(*verdict),
        S::Filing => "Filing a new record.",
        S::LookingUp => "Looking the ticket up in the store.",
        S::Handing => "Handing the session to a new user.",
        S::Renaming => "Giving the session a new ID.",
        S::Deleting => "Deleting a record.",
        S::EndingUsersSessions => "Ending a user's sessions.",
        S::Sweeping => "The store is cleaning up.",
        S::Flushed => "Starting with whatever the store still holds.",
        S::StoreSilent => "The store does not answer.",
        S::ResponseSent => "Response sent.",
        S::Admin => "An administrator is at the console.",
        S::Restarting => "Restarting\u{2026}",
        S::WaitingBlindToJars => "Waiting for requests. (It cannot see what happens inside a browser.)",
        S::WaitingBlindToClose => "Waiting for requests. (It cannot see a browser close.)",
        S::TimePasses => "Time passes.",
    };
    text.to_owned()
}
