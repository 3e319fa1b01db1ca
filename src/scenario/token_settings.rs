//! Reading a token server's settings: the mechanism, and the terms of its
//! tokens (how they are carried, the signing secret, their lifetime, the
//! denylist, refresh tokens, the token version), each checked with an error
//! naming the field; and a scenario's request to be shown beside its token
//! twin (`"fork": "tokens"`).

use super::parse::{error, found, Fields};
use super::ScenarioError;
use crate::library::preset::Settings;
use crate::library::token::{Carry, Mechanism};
use crate::text::message::InputProblem;

/// The mechanism, and the token's terms: these last only mean something
/// with `"mechanism": "token"`, and saying otherwise is an error, not a
/// setting silently ignored.
pub(super) fn parse(fields: &Fields, settings: &mut Settings) -> Result<(), ScenarioError> {
    if let Some(mechanism) = fields.choice("mechanism", &Mechanism::ALL)? {
        settings.mechanism = mechanism;
    }
    let token_only =
        ["carry", "tokenSecret", "tokenLifetime", "denylist", "refresh", "refreshLifetime", "tokenVersion"];
    if settings.mechanism != Mechanism::Token {
        if let Some(key) = token_only.iter().find(|key| fields.get(key).is_some()) {
            return Err(error(&format!("settings.{key}"), crate::text::say(InputProblem::TokenOnlySetting)));
        }
        return Ok(());
    }
    if let Some(carry) = fields.choice("carry", &Carry::ALL)? {
        settings.carry = carry;
    }
    if let Some(secret) = fields.string("tokenSecret")? {
        // An HMAC key may be any bytes, but an empty one signs nothing worth checking.
        if secret.is_empty() || secret.len() > 256 {
            return Err(error("settings.tokenSecret", crate::text::say(InputProblem::SigningSecretLength)));
        }
        settings.token_secret = secret;
    }
    // From a minute to thirty days: a token that lives a year is a password.
    let (shortest, longest) =
        (crate::library::token::MIN_TOKEN_LIFETIME_SECS, crate::library::token::MAX_TOKEN_LIFETIME_SECS);
    if let Some(lifetime) = fields.integer("tokenLifetime", shortest, longest)? {
        settings.token_lifetime = lifetime;
    }
    if let Some(denylist) = fields.bool("denylist")? {
        settings.denylist = denylist;
    }
    refresh_and_version(fields, settings)
}

/// The two fixes with a lookup of their own: refresh tokens (and how long a
/// login can be renewed) and the per-user token version.
fn refresh_and_version(fields: &Fields, settings: &mut Settings) -> Result<(), ScenarioError> {
    if let Some(refresh) = fields.bool("refresh")? {
        settings.refresh = refresh;
    }
    // From a minute to a year; and longer than the access token it renews,
    // or it would never get the chance.
    if let Some(lifetime) = fields.integer("refreshLifetime", 60, 366 * 86_400)? {
        if !settings.refresh {
            return Err(error(
                "settings.refreshLifetime",
                crate::text::say(crate::text::message::RefreshMessage::RefreshLifetimeWithoutRefresh),
            ));
        }
        settings.refresh_lifetime = lifetime;
    }
    if settings.refresh && settings.refresh_lifetime <= settings.token_lifetime {
        let problem = crate::text::say(crate::text::message::RefreshMessage::RefreshLifetimeTooShort {
            token_lifetime: settings.token_lifetime,
        });
        return Err(error("settings.refreshLifetime", problem));
    }
    if let Some(version) = fields.bool("tokenVersion")? {
        settings.token_version = version;
    }
    Ok(())
}

/// The `fork` field: `"tokens"` asks the page to open the scenario forked,
/// its own timeline beside the same actions against a token server. Absent
/// means not forked; the one value there is names the other side.
pub(super) fn fork_from_json(value: Option<&crate::base::json::Value>) -> Result<bool, ScenarioError> {
    match value {
        None => Ok(false),
        Some(crate::base::json::Value::String(text)) if text == "tokens" => Ok(true),
        Some(other) => Err(error("fork", crate::text::say(InputProblem::ForkValue { found: &found(other) }))),
    }
}
