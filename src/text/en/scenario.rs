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
        // The evidence starts the sentence. Every evidence above begins with
        // an ASCII letter, so an ASCII capital is the whole capital: no
        // Unicode case table comes into the wasm for one letter (a test
        // below holds every evidence to it).
        Some(evidence) => {
            let mut chars = evidence.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase().to_string()).unwrap_or_default();
            format!("{first}{}, so the server answered {status}.", chars.as_str())
        }
        None => format!("The server answered {status}."),
    }
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::library::token::{RefreshVerdict, TokenVerdict};
    use crate::text::message::scenario::{Evidence, VerdictReason};

    /// Every evidence there is, with each verdict and server it can carry.
    fn every_evidence() -> Vec<Evidence<'static>> {
        // A new kind of evidence stops this match from compiling until it is listed.
        let listed = |evidence: &Evidence<'_>| match evidence {
            Evidence::NoServerRunning
            | Evidence::Password(_)
            | Evidence::NoTicket
            | Evidence::Token(_)
            | Evidence::Refresh(_)
            | Evidence::LiveSession { .. }
            | Evidence::IdleExpired
            | Evidence::AbsoluteExpired
            | Evidence::NoRecord { .. }
            | Evidence::StoreUnreachable => true,
        };
        let mut all = vec![
            Evidence::NoServerRunning,
            Evidence::Password(false),
            Evidence::Password(true),
            Evidence::NoTicket,
            Evidence::IdleExpired,
            Evidence::AbsoluteExpired,
            Evidence::StoreUnreachable,
        ];
        for server in [None, Some(0), Some(2)] {
            all.push(Evidence::LiveSession { user: "élodie", server });
            all.push(Evidence::NoRecord { server });
        }
        all.extend(
            [
                TokenVerdict::Accepted,
                TokenVerdict::Missing,
                TokenVerdict::Malformed,
                TokenVerdict::BadSignature,
                TokenVerdict::AlgorithmRefused,
                TokenVerdict::Expired,
                TokenVerdict::Denied,
                TokenVerdict::Outdated,
            ]
            .map(Evidence::Token),
        );
        all.extend(
            [RefreshVerdict::Renewed, RefreshVerdict::Missing, RefreshVerdict::Unknown, RefreshVerdict::Expired]
                .map(Evidence::Refresh),
        );
        assert!(all.iter().all(listed));
        all
    }

    /// The verdict capitalises its evidence's first letter as ASCII: right
    /// only while every evidence starts with an ASCII letter (one starting
    /// with "é" would stay lower case), so each is held to that.
    #[test]
    fn every_evidence_starts_the_sentence_with_an_ascii_capital() {
        for evidence in every_evidence() {
            let sentence = render(&VerdictReason::Answered { evidence: Some(evidence), status: "200 OK" });
            assert!(sentence.starts_with(|c: char| c.is_ascii_uppercase()), "{evidence:?}: {sentence}");
            assert!(sentence.ends_with(", so the server answered 200 OK."), "{sentence}");
        }
        assert_eq!(
            render(&VerdictReason::Answered { evidence: None, status: "401 Unauthorized" }),
            "The server answered 401 Unauthorized."
        );
    }
}
