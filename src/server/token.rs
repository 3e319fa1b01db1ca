//! The second mechanism: a signed token (an HS256 JWT, [`crate::base::jwt`])
//! instead of a server-side session.
//!
//! At login the server signs the claims `sub`, `iat`, `exp` and `jti` with
//! its secret and hands the token over, in a cookie or in the response body
//! for the page's script to send as `Authorization: Bearer`. On every later
//! request it verifies the signature and the expiry: computation, not a
//! lookup, so the store stays empty and any server with the secret can
//! check any token. The cost is the other side of the same fact: there is
//! no record to delete, so logout, revocation and a password change cannot
//! end a token before its `exp`, unless the server keeps a denylist of
//! revoked `jti` in its store and checks it on every request again.

use super::{Context, Mechanism, Server};
use crate::base::clock::{Instant, START_UNIX_SECS};
use crate::base::crypto::sha256;
use crate::base::encoding::hex;
use crate::base::http::{bearer_token, cookie_value, Request, Response, Status};
use crate::base::ids::SessionId;
use crate::base::jwt::{self, Algorithms, Claims};
use crate::base::sorted::SortedMap;
use crate::browser::cookie::SetCookie;
use crate::library::token::{Carry, TokenVerdict, VersionCheck, TOKEN_COOKIE};
use crate::session::store::{Record, SessionStore};
use crate::text::message::token::{Signed, TokenMessage as Say};
use crate::text::message::ServerMessage;
use crate::text::say;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind};

/// The instant of a token's `NumericDate` (seconds since the epoch) on the
/// playground's clock; a date before the start is the start.
pub(super) fn instant_of(unix_secs: u64) -> Instant {
    Instant::START.plus_secs(unix_secs.saturating_sub(START_UNIX_SECS))
}

/// The key a revoked token's `jti` is denied under in the store.
pub(crate) fn denylist_key(jti: &str) -> SessionId {
    SessionId::from_untrusted(&format!("denylist:{jti}"))
}

/// What the server would make of a token, without a request: the
/// inspector's check ([`Server::check_token`]).
#[derive(Clone, Debug)]
pub struct TokenCheck {
    /// The verifier's result: the claims, or why it refused.
    pub result: Result<Claims, jwt::Rejection>,
    /// Whether the denylist names the token's `jti`.
    pub denied: bool,
    /// Whether the server keeps a denylist (so a genuine token costs a lookup).
    pub denylist: bool,
    /// With a token version: the token's `ver` and its user's current one.
    pub version: Option<VersionCheck>,
}

impl Server {
    /// The name of the cookie a token travels in: `token`, or `__Host-token`
    /// when that defence is on.
    pub(super) fn token_cookie_name(&self) -> String {
        if self.settings.host_prefix {
            format!("__Host-{TOKEN_COOKIE}")
        } else {
            TOKEN_COOKIE.to_owned()
        }
    }

    fn secret(&self) -> &[u8] {
        self.settings.token_secret.as_bytes()
    }

    /// The token a request brings and how: the `Authorization: Bearer`
    /// header first (a page that sends one means it), else the token cookie.
    pub(crate) fn token_in_request(&self, request: &Request) -> Option<(Carry, String)> {
        if let Some(bearer) = request.header("Authorization").and_then(bearer_token) {
            return Some((Carry::Bearer, bearer.trim().to_owned()));
        }
        let value = cookie_value(request.header("Cookie")?, &self.token_cookie_name())?;
        Some((Carry::Cookie, value.to_owned()))
    }

    /// Issuing a login as a signed token: nothing stored, a token handed over.
    pub(super) fn issue_token(&mut self, user: &str, ctx: &mut Context<'_>) -> Response {
        let now = ctx.now;
        let jti = match ctx.ids.next_id(self.preset().id_format) {
            Ok(id) => id.to_string(),
            Err(reason) => return self.id_failure(&reason.to_string(), ctx.tracer),
        };
        let iat = now.unix_secs();
        let mut claims = Claims::new(user, iat, iat + self.settings.token_lifetime, &jti);
        claims.ver = self.version_claim(user);
        if self.settings.refresh {
            return self.issue_with_refresh(claims, ctx);
        }
        let token = jwt::sign(&claims, self.secret());
        let expires = instant_of(claims.exp);
        let terms = Signed {
            user,
            jti: &jti,
            lifetime: self.settings.token_lifetime,
            expires,
            carry: self.settings.carry,
            http_only: self.settings.http_only,
        };
        let signed = StepKind::TokenSigned { jti: jti.clone(), sub: user.to_owned(), expires };
        let narration = say(Say::Signed(terms))
            + &crate::text::say(crate::text::message::RefreshMessage::ExtraClaims { sid: None, ver: claims.ver });
        ctx.tracer.push(StepDraft::new(Actor::Server, signed, narration));
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, say(Say::HandedOver(terms))));
        match self.settings.carry {
            Carry::Cookie => Response::text(Status::OK, &crate::text::say(ServerMessage::WelcomeBody { user }))
                .with_header("Set-Cookie", self.token_cookie(&token)),
            // RFC 6749 §5.1's shape: the page's script takes it from here.
            Carry::Bearer => Response::text(
                Status::OK,
                &format!(
                    "{{\"access_token\":\"{token}\",\"token_type\":\"Bearer\",\"expires_in\":{}}}",
                    self.settings.token_lifetime
                ),
            )
            .with_header("Content-Type", "application/json"),
        }
    }

    /// Issuing a login with a refresh token: a short-lived access token
    /// naming the login (`sid`), and the login's refresh record in the store.
    fn issue_with_refresh(&mut self, mut claims: Claims, ctx: &mut Context<'_>) -> Response {
        let refresh = match self.draw_refresh(ctx) {
            Ok(refresh) => refresh,
            Err(reason) => return self.id_failure(&reason, ctx.tracer),
        };
        claims.sid = Some(refresh.sid.clone());
        let token = jwt::sign(&claims, self.secret());
        let expires = instant_of(claims.exp);
        let lifetime = self.settings.token_lifetime;
        let narration = crate::text::say(crate::text::message::RefreshMessage::SignedWithRefresh {
            user: &claims.sub,
            jti: &claims.jti,
            lifetime,
            expires,
            sid: claims.sid.as_deref(),
            ver: claims.ver,
        });
        let signed = StepKind::TokenSigned { jti: claims.jti.clone(), sub: claims.sub.clone(), expires };
        ctx.tracer.push(StepDraft::new(Actor::Server, signed, narration));
        self.file_refresh(&claims.sub, &refresh, ctx);
        let narration = crate::text::say(crate::text::message::RefreshMessage::HandedOver {
            carry: self.settings.carry,
            http_only: self.settings.http_only,
        });
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        let welcome = crate::text::say(ServerMessage::WelcomeBody { user: &claims.sub });
        self.hand_over(&token, &refresh.token, &welcome)
    }

    pub(super) fn token_cookie(&self, token: &str) -> String {
        let mut cookie = SetCookie::new(&self.token_cookie_name(), token);
        cookie.path = Some("/".to_owned());
        cookie.http_only = self.settings.http_only;
        cookie.secure = self.settings.secure;
        cookie.same_site = self.settings.same_site;
        // No Max-Age: a cookie for the browser's session. Its lifetime is the
        // browser's business; what ends the login is the exp inside, which
        // the server checks on every request.
        cookie.to_string()
    }

    pub(super) fn token_removal_cookie(&self) -> String {
        let mut cookie = SetCookie::new(&self.token_cookie_name(), "");
        cookie.path = Some("/".to_owned());
        cookie.http_only = self.settings.http_only;
        cookie.secure = self.settings.secure;
        cookie.same_site = self.settings.same_site;
        cookie.max_age = Some(0);
        cookie.to_string()
    }

    /// The server's verifier: its secret, its clock, and the algorithm pinned.
    fn verify(&self, token: &str, now: Instant) -> Result<Claims, jwt::Rejection> {
        // The verifier pins HS256: the token does not get to choose (RFC 8725 §3.1),
        // unless the attack lab's flawed verifier lets the header choose.
        let algorithms = if self.settings.token_alg_from_header { Algorithms::FromHeader } else { Algorithms::Pinned };
        jwt::verify(token, self.secret(), now.unix_secs(), algorithms)
    }

    /// What this server would make of `token` at `now`, without a request and
    /// without a trace: the inspector's check. The verifier's result,
    /// whether a denylist kept in `store` names the token's `jti` (asked only
    /// of a token the verifier accepted, and only when the server keeps one),
    /// and with a token version, the token's `ver` beside its user's.
    pub fn check_token(&self, token: &str, now: Instant, store: &SessionStore) -> TokenCheck {
        let result = self.verify(token, now);
        let denied = match &result {
            Ok(claims) => self.settings.denylist && store.contains(&denylist_key(&claims.jti)),
            Err(_) => false,
        };
        // As on a request: only a genuine token that is not denied has its
        // `ver` compared with its user's current version.
        let version = match &result {
            Ok(claims) if self.settings.token_version && !denied => {
                Some(VersionCheck { claimed: claims.ver, current: self.token_version_of(&claims.sub) })
            }
            _ => None,
        };
        TokenCheck { result, denied, denylist: self.settings.denylist, version }
    }

    /// Checks a token as the server does on every request, recording the
    /// verify step (and, with a denylist, the store's answer). The claims of
    /// an accepted token; `None` for any other.
    pub(crate) fn verify_token(&self, request: &Request, ctx: &mut Context<'_>) -> Option<Claims> {
        let now = ctx.now;
        let carried = self.token_in_request(request);
        let result = carried.as_ref().map(|(_, token)| self.verify(token, now));
        let carry = carried.as_ref().map(|(carry, _)| *carry);
        let (verdict, claims) = match result {
            None => (TokenVerdict::Missing, None),
            Some(Err(rejection)) => (TokenVerdict::of_rejection(&rejection), None),
            Some(Ok(claims)) => (TokenVerdict::Accepted, Some(claims)),
        };
        // A denylist, if kept, is asked only about a token that is otherwise
        // good: a forged or expired one is refused before any lookup.
        let denied = match (&claims, self.settings.denylist) {
            (Some(claims), true) => Some(ctx.store.contains(&denylist_key(&claims.jti))),
            _ => None,
        };
        let verdict = if denied == Some(true) { TokenVerdict::Denied } else { verdict };
        // With a token version, a genuine token that is not denied is
        // compared with its user's version: a read of the user table, on
        // every request (the denylist's lookup, in another table).
        let versioned = claims.as_ref().filter(|_| self.settings.token_version && verdict == TokenVerdict::Accepted);
        let current = versioned.map(|claims| self.version_is_current(claims));
        let verdict = if current == Some(false) { TokenVerdict::Outdated } else { verdict };
        let node = ctx.node_name().filter(|_| self.settings.servers > 1);
        let narration = match &claims {
            Some(c) if self.settings.token_version && denied != Some(true) => {
                crate::text::say(crate::text::message::RefreshMessage::VerifiedThenLookups {
                    carry,
                    user: &c.sub,
                    expires: instant_of(c.exp),
                    denylist: denied.is_some(),
                })
            }
            _ => say(Say::Verified {
                verdict,
                carry,
                user: claims.as_ref().map(|c| c.sub.as_str()),
                expires: claims.as_ref().map(|c| instant_of(c.exp)),
                node: node.as_deref(),
                denylist: denied.is_some(),
            }),
        };
        let jti = claims.as_ref().map(|c| c.jti.clone());
        ctx.tracer.push(StepDraft::new(
            Actor::Server,
            StepKind::TokenVerified { carried: carry, jti, verdict },
            narration,
        ));
        if let (Some(denied), Some(claims)) = (denied, &claims) {
            let key = denylist_key(&claims.jti);
            let op = StoreOp::on(StoreOpKind::Lookup, &key, self.dialect().denylist_check(&claims.jti))
                .found(denied.then_some(claims.sub.as_str()));
            ctx.tracer.push(
                StepDraft::new(Actor::Store, StepKind::StoreOperation, say(Say::DenylistChecked { denied }))
                    .store_op(op),
            );
        }
        if let Some(claims) = versioned {
            self.push_version_read(claims, ctx);
        }
        claims.filter(|_| verdict == TokenVerdict::Accepted)
    }

    /// Authenticating a request by its token: who the verified claims say.
    /// The answer is shaped as a session's record for the routes (who,
    /// since when, until when), though no record exists anywhere.
    pub(super) fn authenticate_token(&mut self, request: &Request, ctx: &mut Context<'_>) -> Option<Record> {
        let claims = self.verify_token(request, ctx)?;
        let role = self.accounts.iter().find(|a| a.username == claims.sub).map(|a| a.role.clone());
        Some(Record {
            id: SessionId::from_untrusted(&claims.jti),
            user: claims.sub,
            data: role.map(|role| SortedMap::from([("role".to_owned(), role)])).unwrap_or_default(),
            created: instant_of(claims.iat),
            last_seen: ctx.now,
            idle_expires: None,
            absolute_expires: Some(instant_of(claims.exp)),
        })
    }

    /// Logout with a token: the client forgets its copy; only a denylist
    /// can make the token itself stop working before `exp`.
    pub(super) fn end_token(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        if self.settings.refresh {
            return self.end_token_and_refresh(request, ctx);
        }
        let record = self.authenticate_token(request, ctx);
        let narration = match (&record, self.settings.denylist) {
            (Some(record), true) => {
                let expires = record.absolute_expires.unwrap_or(ctx.now);
                self.deny(record.id.as_str(), &record.user, expires, ctx);
                say(Say::LogoutDenied { user: &record.user, expires })
            }
            (record, false) => say(Say::Logout {
                carry: self.settings.carry,
                user: record.as_ref().map(|r| r.user.as_str()),
                expires: record.as_ref().and_then(|r| r.absolute_expires),
            }),
            (None, true) => say(Say::Logout { carry: self.settings.carry, user: None, expires: None }),
        };
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        let response = Response::text(Status::OK, &crate::text::say(ServerMessage::LoggedOutBody));
        match self.settings.carry {
            Carry::Cookie => response.with_header("Set-Cookie", self.token_removal_cookie()),
            Carry::Bearer => response,
        }
    }

    /// Logout on a refresh-token server: the login the token names (by its
    /// `sid`, read from a genuine token even past its `exp`) loses its
    /// refresh record; with a denylist the token is denied as well.
    fn end_token_and_refresh(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let live = self.authenticate_token(request, ctx);
        let claims = self.signed_claims_in(request);
        if let (Some(record), true) = (&live, self.settings.denylist) {
            let expires = record.absolute_expires.unwrap_or(ctx.now);
            self.deny(record.id.as_str(), &record.user, expires, ctx);
        }
        let narration = match &claims {
            Some(claims) => {
                let removed = self.delete_refresh(&claims.sub, Some(claims.sid.as_deref().unwrap_or_default()), ctx);
                crate::text::say(crate::text::message::RefreshMessage::LogoutEndsRefresh {
                    user: &claims.sub,
                    access_expires: instant_of(claims.exp),
                    removed,
                })
            }
            None => say(Say::Logout { carry: self.settings.carry, user: None, expires: None }),
        };
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        self.forget_tokens(&crate::text::say(ServerMessage::LoggedOutBody))
    }

    /// A 200 that tells the client to forget its tokens: with cookies, each
    /// the server set expired (the refresh cookie too, if it sets one).
    pub(super) fn forget_tokens(&self, message: &str) -> Response {
        let response = Response::text(Status::OK, message);
        match (self.settings.carry, self.settings.refresh) {
            (Carry::Cookie, true) => response
                .with_header("Set-Cookie", self.token_removal_cookie())
                .with_header("Set-Cookie", self.refresh_removal_cookie()),
            (Carry::Cookie, false) => response.with_header("Set-Cookie", self.token_removal_cookie()),
            (Carry::Bearer, _) => response,
        }
    }

    /// Puts `jti` on the denylist until `expires`, the token's own `exp`:
    /// after that the token fails by itself, and the entry can go.
    fn deny(&self, jti: &str, user: &str, expires: Instant, ctx: &mut Context<'_>) {
        let key = denylist_key(jti);
        let entry = Record {
            id: key.clone(),
            user: user.to_owned(),
            data: SortedMap::from([("denied".to_owned(), jti.to_owned())]),
            created: ctx.now,
            last_seen: ctx.now,
            idle_expires: None,
            absolute_expires: Some(expires),
        };
        // A second revocation of the same token finds it already denied.
        let _ = ctx.store.insert_new(entry);
        ctx.store_changed();
        let narration = crate::text::say(ServerMessage::DenialFiled { key: key.as_str() });
        let op = StoreOp::on(StoreOpKind::Insert, &key, self.dialect().denylist_add(jti, expires)).found(Some(user));
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// An administrator's revocation on a token server. `token` is the one
    /// the administrator was shown (the one a browser holds), if any.
    pub(crate) fn revoke_token(&mut self, token: Option<&str>, ctx: &mut Context<'_>) {
        // With refresh tokens, revoking a login deletes its refresh record;
        // a denylist, if kept too, also denies the access token now.
        if self.settings.refresh {
            self.revoke_refresh_held(token, ctx);
            if !self.settings.denylist {
                return;
            }
        }
        // The administrator reads the token's claims; the signature is the server's own.
        let claims = token.and_then(|t| jwt::verify(t, self.secret(), ctx.now.unix_secs(), Algorithms::Pinned).ok());
        match (claims, self.settings.denylist) {
            (Some(claims), true) => {
                let expires = instant_of(claims.exp);
                let narration = say(Say::RevokeDenied { user: &claims.sub, jti: &claims.jti, expires });
                ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
                self.deny(&claims.jti, &claims.sub, expires, ctx);
            }
            (claims, _) => {
                let narration = say(Say::RevokeNothing {
                    user: claims.as_ref().map(|c| c.sub.as_str()),
                    expires: claims.as_ref().map(|c| instant_of(c.exp)),
                });
                ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
            }
        }
    }

    /// An administrator rotates the signing key: a new secret, so every
    /// token signed with the old one fails its signature from now on.
    pub(crate) fn rotate_signing_key(&mut self, ctx: &mut Context<'_>) {
        if self.mechanism() != Mechanism::Token {
            ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, say(Say::RotationWithoutTokens)));
            return;
        }
        // The next key, derived so runs replay; a real one comes from the CSPRNG.
        let next = hex(&sha256(format!("rotated:{}", self.settings.token_secret).as_bytes()));
        self.settings.token_secret = next[..32].to_owned();
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, say(Say::KeyRotated)));
    }

    /// Ending every login of a user on a token server: nothing to find.
    pub(super) fn end_all_tokens_of(&mut self, user: &str, by_admin: bool, ctx: &mut Context<'_>) {
        if self.settings.refresh || self.settings.token_version {
            return self.end_all_with_fixes(user, by_admin, ctx);
        }
        let narration = say(Say::EndAllOf { user, by_admin, denylist: self.settings.denylist });
        let kind = if by_admin { StepKind::AdminAction } else { StepKind::ResponseBuilt };
        ctx.tracer.push(StepDraft::new(Actor::Server, kind, narration));
    }

    /// A restart of a token server: the tokens need nothing from it; a
    /// denylist in the process's memory is lost.
    pub(super) fn restart_token_server(&self, ctx: &mut Context<'_>) {
        let survives = self.dialect().survives_restart();
        let entries = ctx.store.len();
        let narration = match (self.settings.refresh, entries, survives) {
            (true, 1.., false) => {
                crate::text::say(crate::text::message::RefreshMessage::RestartLosesRefresh { records: entries })
            }
            _ => say(Say::Restart { denylist_entries: entries, survives }),
        };
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        if entries > 0 && !survives {
            let removed = ctx.store.clear();
            ctx.store_changed();
            let narration = match self.settings.refresh {
                true => crate::text::say(crate::text::message::RefreshMessage::RecordsGone),
                false => crate::text::say(ServerMessage::DenylistLost),
            };
            super::push_flush(narration, removed, &say(ServerMessage::NoteDenylistExited), ctx.tracer);
        }
    }
}
