//! What the fork says: where a session timeline and its token twin part ways,
//! and the words for the evidence each server had.

use crate::session::store::Expiry;

/// One side's answer to a request, as the sentence tells it.
#[derive(Clone, Copy, Debug)]
pub struct Told<'a> {
    /// The response's status, if one came.
    pub status: Option<u16>,
    /// Who the server answered as.
    pub who: Option<&'a str>,
    /// Whether the request was served.
    pub served: bool,
    /// What the server found.
    pub evidence: &'a str,
}

/// What the fork says: where a session timeline and its token twin part ways, by its stable id.
#[derive(Clone, Copy, Debug)]
pub enum ForkMessage<'a> {
    /// The divergence: what each server made of the same request. `None` on a
    /// side means that side sent no such request in this action.
    Parted {
        /// The session server's answer, `None` when it sent no such request.
        session: Option<Told<'a>>,
        /// The token server's answer, `None` when it sent no such request.
        token: Option<Told<'a>>,
    },
    /// The divergence in a line, for a narrow screen: "Sessions: 401 Unauthorized. Tokens: 200 OK, as alice."
    Summary {
        /// The session server's answer, `None` when it sent no such request.
        session: Option<Told<'a>>,
        /// The token server's answer, `None` when it sent no such request.
        token: Option<Told<'a>>,
    },
    /// The divergence when an action could not run on one side (or failed differently on each).
    FailedOnOneSide {
        /// The session server's error, if its side failed.
        session: Option<&'a str>,
        /// The token server's error, if its side failed.
        token: Option<&'a str>,
    },
    /// No app server was running.
    NoServer,
    /// The password check at a login.
    Password {
        /// Whether the password matched.
        ok: bool,
    },
    /// A request with no session cookie.
    NoTicket,
    /// The store could not be reached.
    StoreDown,
    /// What a session lookup found: a live record of `user`, a record past a timeout, or nothing.
    Lookup {
        /// The user of the live record found, if one.
        user: Option<&'a str>,
        /// Which timeout the record had passed, if one.
        expired: Option<Expiry>,
    },
}
