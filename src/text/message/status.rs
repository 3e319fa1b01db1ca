//! What the server's status line says at each step (`src/trace/`): one
//! short line under the server, drawn with the moment so far.

use crate::library::token::{RefreshVerdict, TokenVerdict};

/// The server's status line, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum ServerStatus<'a> {
    /// Idle between requests.
    Waiting,
    /// A request on its way in (its request line, without the version).
    Arriving(&'a str),
    /// A response being written, with its status and reason phrase.
    Answering {
        /// The status code.
        status: u16,
        /// The reason phrase.
        reason: &'a str,
    },
    /// A response being written, its status not yet known.
    AnsweringSoon,
    /// The password check.
    PasswordChecked {
        /// Whether it matched.
        ok: bool,
    },
    /// A ticket presented (its ID, shortened).
    TicketPresented(&'a str),
    /// No usable ticket.
    NoTicket,
    /// A token being signed for a user.
    SigningToken(&'a str),
    /// A token's verdict.
    TokenVerified(TokenVerdict),
    /// A refresh token's verdict.
    RefreshChecked(RefreshVerdict),
    /// Filing a new record.
    Filing,
    /// Looking a ticket up.
    LookingUp,
    /// Handing a session to a new user.
    Handing,
    /// Giving a session a new ID.
    Renaming,
    /// Deleting a record.
    Deleting,
    /// Ending a user's sessions.
    EndingUsersSessions,
    /// The store cleaning up.
    Sweeping,
    /// Starting with what the store still holds.
    Flushed,
    /// The store does not answer.
    StoreSilent,
    /// A response on its way.
    ResponseSent,
    /// An administrator at the console.
    Admin,
    /// Restarting.
    Restarting,
    /// Idle while a browser's jar is tampered with.
    WaitingBlindToJars,
    /// Idle while a browser closes.
    WaitingBlindToClose,
    /// Time passing.
    TimePasses,
}
