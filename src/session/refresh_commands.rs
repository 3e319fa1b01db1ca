//! The commands of a token server's refresh tokens and token versions,
//! written as the real store (or the app's user table) would run them.
//! No preset keeps refresh tokens or token versions: the commands are what
//! an app would send the store its preset talks to, and its database.

use super::commands::{Commands, StoreDialect};
use crate::base::clock::Instant;

impl StoreDialect {
    /// Filing a refresh token's record: whose login (`sid`) it renews, until
    /// `expires`. (No preset keeps refresh tokens; the commands are what an
    /// app would send its store.)
    pub fn refresh_add(self, token: &str, user: &str, sid: &str, expires: Instant) -> Commands {
        Commands::script(match self {
            StoreDialect::ConnectRedis | StoreDialect::TowerRedis | StoreDialect::SpringRedis => format!(
                "SET refresh:{token} {{\"sub\":\"{user}\",\"sid\":\"{sid}\"}} EXAT {}\nSADD refresh-of:{user} {token}",
                expires.unix_secs()
            ),
            StoreDialect::DjangoDb => format!(
                "INSERT INTO token_refresh (token, username, sid, expires) VALUES ('{token}', '{user}', '{sid}', '{}')",
                expires.sql_timestamp()
            ),
            StoreDialect::PhpFiles | StoreDialect::Memory => {
                format!("refreshTokens.set(\"{token}\", {{sub: \"{user}\", sid: \"{sid}\", expires: {expires}}})")
            }
        })
    }

    /// Looking a refresh token up: the one store read of a refresh design,
    /// once per access token's lifetime.
    pub fn refresh_get(self, token: &str) -> Commands {
        Commands::script(match self {
            StoreDialect::ConnectRedis | StoreDialect::TowerRedis | StoreDialect::SpringRedis => {
                format!("GET refresh:{token}")
            }
            StoreDialect::DjangoDb => {
                format!("SELECT username, sid, expires FROM token_refresh WHERE token = '{token}'")
            }
            StoreDialect::PhpFiles | StoreDialect::Memory => format!("refreshTokens.get(\"{token}\")"),
        })
    }

    /// Rotating a refresh token: the used one gone, a new one filed in its place.
    pub fn refresh_rotate(self, old: &str, new: &str, user: &str) -> Commands {
        Commands::script(match self {
            // RENAME keeps the key's expiry: renewing does not extend the login.
            StoreDialect::ConnectRedis | StoreDialect::TowerRedis | StoreDialect::SpringRedis => format!(
                "RENAME refresh:{old} refresh:{new}\nSREM refresh-of:{user} {old}\nSADD refresh-of:{user} {new}"
            ),
            StoreDialect::DjangoDb => format!("UPDATE token_refresh SET token = '{new}' WHERE token = '{old}'"),
            StoreDialect::PhpFiles | StoreDialect::Memory => {
                format!("refreshTokens.set(\"{new}\", refreshTokens.take(\"{old}\"))")
            }
        })
    }

    /// Deleting refresh tokens: one by its value, or (with `sid`) every one of
    /// a login, or (neither) every one of a user.
    pub fn refresh_delete(self, token: Option<&str>, user: &str, sid: Option<&str>) -> Commands {
        Commands::script(match (self, token, sid) {
            (StoreDialect::DjangoDb, Some(token), _) => format!("DELETE FROM token_refresh WHERE token = '{token}'"),
            (StoreDialect::DjangoDb, None, Some(sid)) => format!("DELETE FROM token_refresh WHERE sid = '{sid}'"),
            (StoreDialect::DjangoDb, None, None) => format!("DELETE FROM token_refresh WHERE username = '{user}'"),
            (StoreDialect::PhpFiles | StoreDialect::Memory, Some(token), _) => {
                format!("refreshTokens.delete(\"{token}\")")
            }
            (StoreDialect::PhpFiles | StoreDialect::Memory, None, Some(sid)) => {
                format!("refreshTokens.deleteWhere(sid = \"{sid}\")")
            }
            (StoreDialect::PhpFiles | StoreDialect::Memory, None, None) => {
                format!("refreshTokens.deleteWhere(sub = \"{user}\")")
            }
            (_, Some(token), _) => format!("DEL refresh:{token}"),
            // Redis has no query by value: the app keeps a set of each user's refresh tokens.
            (_, None, _) => format!("SMEMBERS refresh-of:{user}\nDEL refresh:\u{2026}   (those of this login, or all)"),
        })
    }

    /// Reading a user's token version from the user table (the app's
    /// database, whatever the session store): on every request.
    pub fn token_version_read(self, user: &str) -> Commands {
        Commands::script(format!("SELECT token_version FROM {} WHERE username = '{user}'", self.user_table()))
    }

    /// Raising a user's token version: every token signed before is outdated.
    pub fn token_version_bump(self, user: &str) -> Commands {
        Commands::script(format!(
            "UPDATE {} SET token_version = token_version + 1 WHERE username = '{user}'",
            self.user_table()
        ))
    }

    /// The app's user table: Django's own, or a plain `users`.
    fn user_table(self) -> &'static str {
        match self {
            StoreDialect::DjangoDb => "auth_user",
            _ => "users",
        }
    }
}
