//! Two fixes real token servers use, each with the lookup it brings back.
//!
//! **Refresh tokens.** The access token stays short-lived and is checked by
//! arithmetic alone; beside it the login gets a refresh token, which is a
//! record in the store (a random ID from the ID source, with its user, its
//! login's `sid` and its expiry). When the access token expires, the page's
//! script trades the refresh token at `POST /refresh` for a new pair: the
//! store is read once per access token's lifetime, not once per request.
//! Logout, "log out everywhere", a password change and an administrator's
//! revocation delete refresh records, so a login ends at its next renewal:
//! the access token already out keeps working until its `exp`.
//!
//! **A token version.** Each user has a version number in the user table,
//! and each token carries the version it was signed at (`ver`). A password
//! change or "log out everywhere" raises it, and every request compares: a
//! user's tokens end at once, at the price of a read of the user table on
//! every request, which is counted as a store step like the denylist's.

use super::{Context, Server};
use crate::base::clock::Instant;
use crate::base::http::{cookie_value, form_decode, Request, Response, Status};
use crate::base::ids::SessionId;
use crate::base::jwt::{self, Algorithms, Claims};
use crate::base::sorted::SortedMap;
use crate::browser::cookie::SetCookie;
use crate::library::token::{Carry, RefreshVerdict, REFRESH_COOKIE, REFRESH_PATH, REFRESH_STORAGE_KEY};
use crate::session::store::Record;
use crate::trace::{Actor, StepDraft, StepKind, StoreOp, StoreOpKind};

/// The key a refresh token's record is filed under in the store. (Real
/// systems often file only a hash of it, so a leaked table renews nothing;
/// here it is filed as it is, like a session ID.)
pub(crate) fn refresh_key(token: &str) -> SessionId {
    SessionId::from_untrusted(&format!("refresh:{token}"))
}

/// The data key that marks a record as a refresh token's, naming its login.
const SID: &str = "sid";

/// The user-table key a token version's read and bump name in the trace.
fn user_key(user: &str) -> SessionId {
    SessionId::from_untrusted(&format!("user:{user}"))
}

/// What a login's or a renewal's refresh token is.
pub(super) struct RefreshToken {
    /// The refresh token itself: what the browser keeps and brings back.
    pub token: String,
    /// The login it renews (the access token's `sid`).
    pub sid: String,
}

impl Server {
    /// The `ver` claim a new token for `user` carries, with a token version on.
    pub(super) fn version_claim(&self, user: &str) -> Option<u64> {
        self.settings.token_version.then(|| self.token_version_of(user))
    }

    pub(super) fn token_version_of(&self, user: &str) -> u64 {
        self.accounts.iter().find(|a| a.username == user).map_or(0, |a| a.token_version)
    }

    /// Draws a login's `sid` and its first refresh token from the ID source.
    pub(super) fn draw_refresh(&self, ctx: &mut Context<'_>) -> Result<RefreshToken, String> {
        let format = self.preset().id_format;
        let sid = ctx.ids.next_id(format).map_err(|e| e.to_string())?.to_string();
        let token = ctx.ids.next_id(format).map_err(|e| e.to_string())?.to_string();
        Ok(RefreshToken { token, sid })
    }

    /// Files a login's refresh record in the store, until the refresh lifetime from now.
    pub(super) fn file_refresh(&self, user: &str, refresh: &RefreshToken, ctx: &mut Context<'_>) {
        let expires = ctx.now.plus_secs(self.settings.refresh_lifetime);
        let key = refresh_key(&refresh.token);
        let record = Record {
            id: key.clone(),
            user: user.to_owned(),
            data: SortedMap::from([(SID.to_owned(), refresh.sid.clone())]),
            created: ctx.now,
            last_seen: ctx.now,
            idle_expires: None,
            absolute_expires: Some(expires),
        };
        // A fresh random ID never names a live record; a replayed one cannot.
        let _ = ctx.store.insert_new(record);
        ctx.store_changed();
        let command = self.dialect().refresh_add(&refresh.token, user, &refresh.sid, expires);
        let op = StoreOp::on(StoreOpKind::Insert, &key, command).found(Some(user));
        let narration = crate::text::say(crate::text::message::RefreshMessage::RefreshFiled {
            user,
            token: &refresh.token,
            lifetime: self.settings.refresh_lifetime,
            expires,
        });
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// The `Set-Cookie` of a refresh token: `HttpOnly` always (no script of the
    /// page needs it), and scoped to the refresh endpoint, so it rides on no
    /// other request.
    pub(super) fn refresh_cookie(&self, token: &str) -> String {
        let mut cookie = SetCookie::new(REFRESH_COOKIE, token);
        cookie.path = Some(REFRESH_PATH.to_owned());
        cookie.http_only = true;
        cookie.secure = self.settings.secure;
        cookie.same_site = self.settings.same_site;
        cookie.to_string()
    }

    pub(super) fn refresh_removal_cookie(&self) -> String {
        let mut cookie = SetCookie::new(REFRESH_COOKIE, "");
        cookie.path = Some(REFRESH_PATH.to_owned());
        cookie.http_only = true;
        cookie.secure = self.settings.secure;
        cookie.same_site = self.settings.same_site;
        cookie.max_age = Some(0);
        cookie.to_string()
    }

    /// The refresh token a request brings: the form field the page's script
    /// sends (RFC 6749 §6), else the refresh cookie.
    fn refresh_token_in(&self, request: &Request) -> Option<String> {
        let form = form_decode(request.body.as_deref().unwrap_or(""));
        if let Some((_, token)) = form.into_iter().find(|(k, _)| k == REFRESH_STORAGE_KEY) {
            return Some(token);
        }
        cookie_value(request.header("Cookie")?, REFRESH_COOKIE).map(str::to_owned)
    }

    /// A 401 whose access token was genuine but expired tells the client to
    /// renew it (RFC 6750 §3's `invalid_token`), when the server renews at all.
    pub(super) fn hint_renewal(&self, request: &Request, response: Response, now: Instant) -> Response {
        if !self.settings.refresh || response.status != Status::UNAUTHORIZED || request.path == REFRESH_PATH {
            return response;
        }
        let Some((_, token)) = self.token_in_request(request) else { return response };
        match jwt::verify(&token, self.settings.token_secret.as_bytes(), now.unix_secs(), Algorithms::Pinned) {
            Err(jwt::Rejection::Expired { .. }) => response
                .with_header("WWW-Authenticate", crate::text::say(crate::text::message::RefreshMessage::ExpiredHint)),
            _ => response,
        }
    }

    /// `POST /refresh`: the store is asked about the refresh token, and a
    /// live one is traded for a new access token and a new refresh token.
    pub(super) fn renew(&mut self, request: &Request, ctx: &mut Context<'_>) -> Response {
        let now = ctx.now;
        let Some(token) = self.refresh_token_in(request) else {
            return self.refresh_refused(RefreshVerdict::Missing, None, ctx);
        };
        let key = refresh_key(&token);
        let record = ctx.store.get(&key).filter(|r| r.data.contains_key(SID)).cloned();
        let expired = record.as_ref().is_some_and(|r| r.expired_at(now).is_some());
        // The one lookup of this design: at renewal, not on every request.
        let mut op = StoreOp::on(StoreOpKind::Lookup, &key, self.dialect().refresh_get(&token))
            .found(record.as_ref().map(|r| r.user.as_str()));
        if expired {
            op.expired = record.as_ref().and_then(|r| r.expired_at(now));
            ctx.store.delete(&key);
            ctx.store_changed();
        }
        let narration = crate::text::say(crate::text::message::RefreshMessage::RefreshLookedUp {
            user: record.as_ref().map(|r| r.user.as_str()),
            expired,
        });
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        let record = match record {
            None => return self.refresh_refused(RefreshVerdict::Unknown, None, ctx),
            Some(record) if expired => return self.refresh_refused(RefreshVerdict::Expired, Some(&record.user), ctx),
            Some(record) => record,
        };
        let user = record.user.clone();
        let checked = StepKind::RefreshChecked { user: Some(user.clone()), verdict: RefreshVerdict::Renewed };
        let narration = crate::text::say(crate::text::message::RefreshMessage::RefreshChecked {
            verdict: RefreshVerdict::Renewed,
            user: Some(&user),
        });
        ctx.tracer.push(StepDraft::new(Actor::Server, checked, narration));
        // Rotation: the used refresh token is retired and a new one takes its
        // place, with the login's `sid` and expiry unchanged (RFC 9700 §4.14.2:
        // a refresh token held by a browser must be rotated or bound to it).
        // RFC 9700 also has the server revoke the whole login when a retired
        // token comes back (reuse detection); here a retired one only fails.
        let format = self.preset().id_format;
        let (jti, next) = match (ctx.ids.next_id(format), ctx.ids.next_id(format)) {
            (Ok(jti), Ok(next)) => (jti.to_string(), next.to_string()),
            (Err(reason), _) | (_, Err(reason)) => return self.id_failure(&reason.to_string(), ctx.tracer),
        };
        let next_key = refresh_key(&next);
        // A fresh random ID never names a live record.
        let _ = ctx.store.rename(&key, &next_key);
        ctx.store_changed();
        let mut op = StoreOp::on(StoreOpKind::Rename, &next_key, self.dialect().refresh_rotate(&token, &next, &user))
            .found(Some(&user));
        op.old_id = Some(key);
        ctx.tracer.push(
            StepDraft::new(
                Actor::Store,
                StepKind::StoreOperation,
                crate::text::say(crate::text::message::RefreshMessage::Rotated { old: &token, new: &next }),
            )
            .store_op(op),
        );
        let sid = record.data.get(SID).cloned().unwrap_or_default();
        let iat = now.unix_secs();
        let mut claims = Claims::new(&user, iat, iat + self.settings.token_lifetime, &jti);
        claims.sid = Some(sid);
        claims.ver = self.version_claim(&user);
        let access = jwt::sign(&claims, self.settings.token_secret.as_bytes());
        let expires = super::token::instant_of(claims.exp);
        let narration = crate::text::say(crate::text::message::RefreshMessage::Renewed {
            user: &user,
            jti: &jti,
            lifetime: self.settings.token_lifetime,
            expires,
            sid: claims.sid.as_deref(),
            ver: claims.ver,
        });
        let signed = StepKind::TokenSigned { jti, sub: user.clone(), expires };
        ctx.tracer.push(StepDraft::new(Actor::Server, signed, narration));
        let narration =
            crate::text::say(crate::text::message::RefreshMessage::RenewedHandedOver { carry: self.settings.carry });
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::ResponseBuilt, narration));
        self.hand_over(&access, &next, &crate::text::say(crate::text::message::RefreshMessage::RenewedBody))
    }

    /// The response that hands over an access token and a refresh token.
    pub(super) fn hand_over(&self, access: &str, refresh: &str, message: &str) -> Response {
        match self.settings.carry {
            Carry::Cookie => Response::text(Status::OK, message)
                .with_header("Set-Cookie", self.token_cookie(access))
                .with_header("Set-Cookie", self.refresh_cookie(refresh)),
            // RFC 6749 §5.1's shape, with the refresh token beside the access token.
            Carry::Bearer => Response::text(
                Status::OK,
                &format!(
                    "{{\"access_token\":\"{access}\",\"token_type\":\"Bearer\",\"expires_in\":{},\"refresh_token\":\"{}\"}}",
                    self.settings.token_lifetime, refresh
                ),
            )
            .with_header("Content-Type", "application/json"),
        }
    }

    /// A refresh refused: 401, and (with cookies) both tokens cleared.
    fn refresh_refused(&self, verdict: RefreshVerdict, user: Option<&str>, ctx: &mut Context<'_>) -> Response {
        let checked = StepKind::RefreshChecked { user: user.map(str::to_owned), verdict };
        ctx.tracer.push(StepDraft::new(
            Actor::Server,
            checked,
            crate::text::say(crate::text::message::RefreshMessage::RefreshChecked { verdict, user }),
        ));
        let response = Response::text(
            Status::UNAUTHORIZED,
            &crate::text::say(crate::text::message::RefreshMessage::LogInAgainBody),
        );
        match self.settings.carry {
            Carry::Cookie => response
                .with_header("Set-Cookie", self.token_removal_cookie())
                .with_header("Set-Cookie", self.refresh_removal_cookie()),
            Carry::Bearer => response,
        }
    }

    /// The claims of the token a request brings, if the server signed it,
    /// expired or not: a logout only needs to know which login to end, and
    /// the signature proves the server wrote it (`PyJWT`'s `verify_exp: False`).
    pub(super) fn signed_claims_in(&self, request: &Request) -> Option<Claims> {
        let (_, token) = self.token_in_request(request)?;
        self.signed_claims_of(&token)
    }

    /// The claims of `token` if the server signed it, expired or not.
    pub(super) fn signed_claims_of(&self, token: &str) -> Option<Claims> {
        // Checked at the epoch's first second: every exp is later, so only
        // the algorithm and the signature can fail.
        jwt::verify(token, self.settings.token_secret.as_bytes(), 0, Algorithms::Pinned).ok()
    }

    /// Deletes the refresh records of one login (`sid`) of `user`, or with
    /// `sid` `None` every one of the user's, recording the store step. How many.
    pub(super) fn delete_refresh(&self, user: &str, sid: Option<&str>, ctx: &mut Context<'_>) -> usize {
        let ids: Vec<SessionId> = ctx
            .store
            .ids_of_user(user)
            .into_iter()
            .filter(|id| {
                let login = ctx.store.get(id).and_then(|r| r.data.get(SID));
                login.is_some_and(|login| sid.is_none_or(|sid| login == sid))
            })
            .collect();
        for id in &ids {
            ctx.store.delete(id);
        }
        ctx.store_changed();
        let removed = ids.len();
        let command = self.dialect().refresh_delete(None, user, sid);
        let (kind, narration) = match sid {
            Some(_) => (
                StoreOpKind::Delete,
                crate::text::say(crate::text::message::RefreshMessage::RefreshDeleted { user, removed }),
            ),
            None => (
                StoreOpKind::DeleteUser,
                crate::text::say(crate::text::message::RefreshMessage::AllRefreshDeleted { user, removed }),
            ),
        };
        let mut op = StoreOp::bulk(kind, ids, command);
        op.user = Some(user.to_owned());
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
        removed
    }

    /// Raises `user`'s token version in the user table: every token signed before is outdated.
    pub(super) fn bump_version(&mut self, user: &str, ctx: &mut Context<'_>) {
        let Some(account) = self.accounts.iter_mut().find(|a| a.username == user) else { return };
        let from = account.token_version;
        account.token_version += 1;
        let op = StoreOp::on(StoreOpKind::Update, &user_key(user), self.dialect().token_version_bump(user))
            .found(Some(user));
        let narration =
            crate::text::say(crate::text::message::RefreshMessage::VersionBumped { user, from, to: from + 1 });
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// The read of the user's token version a genuine token costs on every
    /// request; whether the token's `ver` is current.
    pub(super) fn version_is_current(&self, claims: &Claims) -> bool {
        claims.ver == Some(self.token_version_of(&claims.sub))
    }

    /// Records the read of `claims.sub`'s token version (the step after the verify step).
    pub(super) fn push_version_read(&self, claims: &Claims, ctx: &mut Context<'_>) {
        let user = claims.sub.as_str();
        let op = StoreOp::on(StoreOpKind::Lookup, &user_key(user), self.dialect().token_version_read(user))
            .found(Some(user));
        let narration = crate::text::say(crate::text::message::RefreshMessage::VersionRead {
            user,
            current: self.token_version_of(user),
            carried: claims.ver,
        });
        ctx.tracer.push(StepDraft::new(Actor::Store, StepKind::StoreOperation, narration).store_op(op));
    }

    /// Ending every login of `user` with the fixes on: their refresh records
    /// deleted, their version raised.
    pub(super) fn end_all_with_fixes(&mut self, user: &str, by_admin: bool, ctx: &mut Context<'_>) {
        let narration = crate::text::say(crate::text::message::RefreshMessage::EndAllOf {
            user,
            by_admin,
            refresh: self.settings.refresh,
            version: self.settings.token_version,
        });
        let kind = if by_admin { StepKind::AdminAction } else { StepKind::ResponseBuilt };
        ctx.tracer.push(StepDraft::new(Actor::Server, kind, narration));
        if self.settings.refresh {
            self.delete_refresh(user, None, ctx);
        }
        if self.settings.token_version {
            self.bump_version(user, ctx);
        }
    }

    /// An administrator's revocation of the login a browser is using, on a
    /// refresh-token server: `token` is the access token that browser holds
    /// (if any), whose `sid` names the login. Revocation takes effect at the
    /// next renewal.
    pub(crate) fn revoke_refresh_held(&self, token: Option<&str>, ctx: &mut Context<'_>) {
        let Some(claims) = token.and_then(|t| self.signed_claims_of(t)) else {
            ctx.tracer.push(StepDraft::new(
                Actor::Server,
                StepKind::AdminAction,
                crate::text::say(crate::text::message::RefreshMessage::RevokeNoRefreshRecord),
            ));
            return;
        };
        let expires = super::token::instant_of(claims.exp);
        let narration = crate::text::say(crate::text::message::RefreshMessage::RevokeRefresh {
            user: &claims.sub,
            access_expires: Some(expires),
        });
        ctx.tracer.push(StepDraft::new(Actor::Server, StepKind::AdminAction, narration));
        self.delete_refresh(&claims.sub, Some(claims.sid.as_deref().unwrap_or_default()), ctx);
    }

    /// An administrator's revocation of a refresh record: the one filed
    /// under `id`, or the newest login's. Its whole login's records go.
    pub(crate) fn revoke_refresh_record(&self, id: Option<&SessionId>, ctx: &mut Context<'_>) {
        let target = match id {
            Some(id) => ctx.store.get(id).filter(|r| r.data.contains_key(SID)).cloned(),
            None => ctx.store.rows().into_iter().rev().find(|r| r.data.contains_key(SID)),
        };
        let Some(record) = target else {
            ctx.tracer.push(StepDraft::new(
                Actor::Server,
                StepKind::AdminAction,
                crate::text::say(crate::text::message::RefreshMessage::RevokeNoRefreshRecord),
            ));
            return;
        };
        ctx.tracer.push(StepDraft::new(
            Actor::Server,
            StepKind::AdminAction,
            crate::text::say(crate::text::message::RefreshMessage::RevokeRefresh {
                user: &record.user,
                access_expires: None,
            }),
        ));
        self.delete_refresh(&record.user, record.data.get(SID).map(String::as_str), ctx);
    }
}
