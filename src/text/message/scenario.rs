//! What a tour's question is told when it is judged (`src/scenario/`): the
//! evidence the trace holds for the outcome, and the status it ended in.

use crate::library::token::{RefreshVerdict, TokenVerdict};

/// Why a question's answer is right, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum VerdictReason<'a> {
    /// The last request's deciding evidence, if any, and the status line it ended in ("401 Unauthorized").
    Answered {
        /// What decided it.
        evidence: Option<Evidence<'a>>,
        /// The response's status and reason phrase.
        status: &'a str,
    },
}

/// What decided a request, read off its steps.
#[derive(Clone, Copy, Debug)]
pub enum Evidence<'a> {
    /// No app server was running.
    NoServerRunning,
    /// The password check, and whether it matched.
    Password(bool),
    /// No session ticket came.
    NoTicket,
    /// A token's verdict.
    Token(TokenVerdict),
    /// A refresh token's verdict.
    Refresh(RefreshVerdict),
    /// The store holds a live session.
    LiveSession {
        /// Whose.
        user: &'a str,
        /// The server whose memory it is (its index), with one store per server.
        server: Option<usize>,
    },
    /// The record has passed its idle timeout.
    IdleExpired,
    /// The record has passed its absolute timeout.
    AbsoluteExpired,
    /// The ticket names no record.
    NoRecord {
        /// The server whose memory was searched (its index), with one store per server.
        server: Option<usize>,
    },
    /// The store could not be reached.
    StoreUnreachable,
}
