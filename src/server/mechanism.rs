//! The seam between what the app does and how it remembers a login.
//!
//! Three things make a login last beyond the request that checked the
//! password, whatever the mechanism: **issuing** it (after the password
//! check, hand the browser something to bring back), **authenticating**
//! each later request by what it brings, and **ending** it at logout. The
//! routes ask for these three through [`Mechanism`], never for a store or a
//! cookie directly.
//!
//! There are two mechanisms, chosen by [`Settings::mechanism`](crate::library::preset::Settings):
//! the server-side session, a record in the store under a random ID, the ID
//! in a cookie ([`Mechanism::ServerSession`], in `login.rs`, `lookup.rs` and
//! `mod.rs`); and the signed token the server keeps no record of
//! ([`Mechanism::Token`], in `token.rs`). The routes and the password check
//! stay as they are.

use super::{Context, Server};
use crate::base::http::{Request, Response};
use crate::base::sorted::SortedMap;
use crate::session::store::Record;

pub use crate::library::token::Mechanism;

impl Server {
    /// The mechanism this server remembers logins with.
    pub fn mechanism(&self) -> Mechanism {
        self.settings.mechanism
    }

    /// Issues a login: the password of `user` matched; remember them, with
    /// `data` (their role, say), for the requests to come.
    pub(super) fn issue(
        &mut self,
        request: &Request,
        user: &str,
        data: SortedMap<String, String>,
        ctx: &mut Context<'_>,
    ) -> Response {
        match self.mechanism() {
            Mechanism::ServerSession => self.issue_session(request, user, data, ctx),
            // The token carries who and until when; the session's data (a
            // password hash to compare later, say) has nowhere to live.
            Mechanism::Token => self.issue_token(user, ctx),
        }
    }

    /// Authenticates a request: who sent it, if the login it brings is live.
    /// The answer is the session's record (who, since when, with what data).
    pub(super) fn authenticate(&mut self, request: &Request, ctx: &mut Context<'_>) -> Option<Record> {
        match self.mechanism() {
            Mechanism::ServerSession => self.authenticate_session(request, ctx),
            Mechanism::Token => self.authenticate_token(request, ctx),
        }
    }

    /// Ends the login a request brings: logout.
    pub(super) fn end(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        match self.mechanism() {
            Mechanism::ServerSession => self.end_session(request, ctx),
            Mechanism::Token => self.end_token(request, ctx),
        }
    }
}
