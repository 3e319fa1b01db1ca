//! A question's verdict in English (`VerdictReason`).

use crate::text::message::scenario::{Evidence, VerdictReason};

/// The verdict's reason in English.
pub(super) fn render(reason: &VerdictReason<'_>) -> String {
    let VerdictReason::Answered { evidence, status } = reason;
    let store = |server: &Option<usize>| match server {
        Some(node) => format!("the memory of {}", crate::library::topology::server_name(*node)),
        None => "the store".to_owned(),
    };
    let evidence = evidence.map(|evidence| match evidence {
        Evidence::NoServerRunning => "no app server was running to take the request".to_owned(),
        Evidence::Password(false) => "the password did not match".to_owned(),
        Evidence::Password(true) => "the password matched".to_owned(),
        Evidence::NoTicket => "the request carried no session ticket".to_owned(),
        Evidence::Token(verdict) => super::token::render(&crate::text::message::TokenMessage::VerdictReason(verdict)),
        Evidence::Refresh(verdict) => super::refresh::refresh_reason(verdict).to_owned(),
        Evidence::LiveSession { user, server } => {
            format!("{} holds a live session of {user} under the ticket", store(&server))
        }
        Evidence::IdleExpired => "the record under the ticket has passed its idle timeout".to_owned(),
        Evidence::AbsoluteExpired => "the record under the ticket has passed its absolute timeout".to_owned(),
        Evidence::NoRecord { server } => format!("the ticket names no record in {}", store(&server)),
        Evidence::StoreUnreachable => "the session store could not be reached".to_owned(),
    });
    match evidence {
        // The evidence starts the sentence.
        Some(evidence) => {
            let mut chars = evidence.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
            format!("{first}{}, so the server answered {status}.", chars.as_str())
        }
        None => format!("The server answered {status}."),
    }
}
