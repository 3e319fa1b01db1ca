//! Store operations written as the command the real store would run.
//!
//! The model's store is one in-memory map whatever the preset; this module
//! only says what each operation would look like against the preset's real
//! store: connect-redis's `SET sess:<id> <json> EX 86400`, Django's SQL on
//! `django_session`, Spring Session's hashes and principal index, PHP's
//! `sess_<id>` files. Each operation is [`Commands`]: several commands, in
//! order, counted one by one by the cost model.

use crate::base::clock::Instant;
use crate::base::ids::SessionId;
use crate::session::store::Record;
use std::fmt;

/// Store commands, in the order they run: what the cost model counts (one
/// round trip each to a networked store) and the page shows, one a line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Commands(Vec<String>);

impl Commands {
    /// Commands written as one text, one a line, as they would be typed at
    /// the store: the dialects' literals below, and the server's own steps
    /// that no dialect method covers (PHP's `stat` and `unlink` of a file).
    pub(crate) fn script(text: String) -> Commands {
        Commands(text.split('\n').map(str::to_owned).collect())
    }

    /// A note in place of a command, for a step where the store ran none
    /// ("the process exited: its sessions map is gone").
    pub fn note(text: &str) -> Commands {
        Commands(vec![text.to_owned()])
    }

    /// These commands, then `next`'s.
    pub fn then(mut self, next: Commands) -> Commands {
        self.0.extend(next.0);
        self
    }

    /// `earlier`'s commands, then these.
    pub fn after(self, earlier: Commands) -> Commands {
        earlier.then(self)
    }

    /// How many commands.
    pub fn count(&self) -> usize {
        self.0.len()
    }

    /// Each command, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl fmt::Display for Commands {
    /// One command a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

/// As the page reads them: one text, a command a line.
impl crate::base::json::ToJson for Commands {
    fn write_json(&self, out: &mut String) {
        crate::base::json::write_string(out, &self.to_string());
    }
}

/// Spring Session's principal-name index key prefix (indexed repository).
const SPRING_INDEX: &str =
    "spring:session:index:org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME";

/// Seconds until the record's earlier expiry, or `fallback` if it has none.
fn ttl(record: &Record, now: Instant, fallback: u64) -> u64 {
    [record.idle_expires, record.absolute_expires]
        .into_iter()
        .flatten()
        .map(|at| at.as_secs().saturating_sub(now.as_secs()))
        .min()
        .unwrap_or(fallback)
}

/// The unix time of the record's earlier expiry (tower-sessions' `expiry_date`).
fn expiry_unix(record: &Record, now: Instant) -> u64 {
    now.unix_secs() + ttl(record, now, 14 * 86_400)
}

fn express_json(record: &Record) -> String {
    let mut json = String::from(r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"}"#);
    json.push_str(&format!(r#","user":"{}""#, record.user));
    for (key, value) in &record.data {
        json.push_str(&format!(r#","{key}":"{value}""#));
    }
    json.push('}');
    json
}

fn php_serialized(record: &Record) -> String {
    // PHP's default session serializer: name|serialized-value, back to back.
    let mut out = format!("user|s:{}:\"{}\";", record.user.len(), record.user);
    for (key, value) in &record.data {
        out.push_str(&format!("{key}|s:{}:\"{value}\";", value.len()));
    }
    out
}

/// Django's `create()`: a key no row has yet (checked with `SELECT 1`), then the row.
fn django_create(r: &Record, now: Instant) -> String {
    let id = &r.id;
    format!(
        "SELECT 1 FROM django_session WHERE session_key = '{id}' LIMIT 1\nINSERT INTO django_session (session_key, \
         session_data, expire_date) VALUES ('{id}', '<signed session data>', '{}')",
        now.plus_secs(ttl(r, now, 14 * 86_400)).sql_timestamp()
    )
}

/// Django's `save()` of a session whose row exists: its data and expiry.
fn django_update(r: &Record, now: Instant) -> String {
    format!(
        "UPDATE django_session SET session_data = '<signed session data>', expire_date = '{}' WHERE session_key = \
         '{}'",
        now.plus_secs(ttl(r, now, 14 * 86_400)).sql_timestamp(),
        r.id
    )
}

fn spring_key(id: &SessionId) -> String {
    format!("spring:session:sessions:{id}")
}

/// The minute bucket of a session's expiry, as `MinuteBasedRedisSessionExpirationStore`
/// names it: the expiry plus one minute, truncated to the minute (so an expiry
/// right on a minute goes in the next one), in unix milliseconds.
fn spring_minute(now: Instant, idle: u64) -> u64 {
    (now.unix_millis() + idle * 1000 + 60_000) / 60_000 * 60_000
}

/// The end of `saveDelta()` for session `id` (spring-session 206fb60): the
/// shadow key that carries the idle timeout (its expiry is the event Redis
/// reports), the hash's own expiry five minutes later, and the minute bucket
/// of sessions expiring then (whose EXPIRE is sent before the SADD creates it).
fn spring_expiry_tail(id: &SessionId, now: Instant, idle: u64) -> String {
    let minute = spring_minute(now, idle);
    format!(
        "APPEND spring:session:sessions:expires:{id} \"\"\nEXPIRE spring:session:sessions:expires:{id} {idle}\n\
         EXPIRE {} {}\nEXPIRE spring:session:expirations:{minute} {}\nSADD spring:session:expirations:{minute} \
         expires:{id}",
        spring_key(id),
        idle + 300,
        idle + 300,
    )
}

impl StoreDialect {
    /// Filing a new record.
    pub fn insert(self, r: &Record, now: Instant) -> Commands {
        Commands::script({
            let id = &r.id;
            match self {
                StoreDialect::Memory => format!("sessions.insert(\"{id}\", {{ user: \"{}\" }})", r.user),
                StoreDialect::ConnectRedis => format!("SET sess:{id} '{}' EX {}", express_json(r), ttl(r, now, 86_400)),
                StoreDialect::TowerRedis => {
                    format!("SET {id} <MessagePack of the record> EXAT {} NX", expiry_unix(r, now))
                }
                // create(): a key nobody holds (SELECT 1 checks), an INSERT, and
                // the middleware's save of the logged-in session as the response ends.
                StoreDialect::DjangoDb => format!("{}\n{}", django_create(r, now), django_update(r, now)),
                // A new session's save: the delta (its three times and the
                // security context, in the HashMap's order), the principal index,
                // the created event, then the expiry keys (spring-session 206fb60).
                StoreDialect::SpringRedis => {
                    let idle = ttl(r, now, 1800);
                    format!(
                        "HMSET {key} lastAccessedTime {} maxInactiveInterval {idle} creationTime {} \
                         sessionAttr:SPRING_SECURITY_CONTEXT <serialized context>\nSADD {SPRING_INDEX}:{} {id}\n\
                         PUBLISH spring:session:event:0:created:{id} <the delta, serialized>\n{}",
                        r.last_seen.unix_millis(),
                        r.created.unix_millis(),
                        r.user,
                        spring_expiry_tail(id, now, idle),
                        key = spring_key(id),
                    )
                }
                // The files handler creates the file as the session starts, and
                // writes the data into it as the request ends.
                StoreDialect::PhpFiles => format!("create sess_{id}\nwrite sess_{id}: {}", php_serialized(r)),
            }
        })
    }

    /// Looking an ID up.
    pub fn lookup(self, id: &SessionId, now: Instant) -> Commands {
        Commands::script({
            match self {
                StoreDialect::Memory => format!("sessions.get(\"{id}\")"),
                StoreDialect::ConnectRedis => format!("GET sess:{id}"),
                StoreDialect::TowerRedis => format!("GET {id}"),
                StoreDialect::DjangoDb => format!(
                    "SELECT session_data, expire_date FROM django_session WHERE session_key = '{id}' AND expire_date > '{}'",
                    now.sql_timestamp()
                ),
                StoreDialect::SpringRedis => format!("HGETALL {}", spring_key(id)),
                StoreDialect::PhpFiles => format!("read sess_{id}"),
            }
        })
    }

    /// Recording activity: the idle timeout slides.
    pub fn touch(self, r: &Record, now: Instant) -> Commands {
        Commands::script({
            let id = &r.id;
            match self {
                StoreDialect::Memory => format!("sessions[\"{id}\"].last_seen = {now}"),
                StoreDialect::ConnectRedis => format!("EXPIRE sess:{id} {}", ttl(r, now, 86_400)),
                StoreDialect::TowerRedis => {
                    format!("SET {id} <MessagePack of the record> EXAT {} XX", expiry_unix(r, now))
                }
                StoreDialect::DjangoDb => format!(
                    "UPDATE django_session SET expire_date = '{}' WHERE session_key = '{id}'",
                    now.plus_secs(ttl(r, now, 14 * 86_400)).sql_timestamp()
                ),
                // saveDelta() for a session whose lastAccessedTime changed: the
                // hash, the shadow key that carries the idle timeout (its expiry
                // is the one Redis reports), the hash's own expiry five minutes
                // later, and the set of sessions expiring in that minute
                // (RedisIndexedSessionRepository, spring-session 206fb60).
                StoreDialect::SpringRedis => {
                    let idle = ttl(r, now, 1800);
                    format!(
                        "HMSET {} lastAccessedTime {}\n{}",
                        spring_key(id),
                        now.unix_millis(),
                        spring_expiry_tail(id, now, idle)
                    )
                }
                StoreDialect::PhpFiles => format!("touch sess_{id}"),
            }
        })
    }

    /// Saving a record that changed hands (a login without rotation).
    pub fn update(self, r: &Record, old_user: &str, now: Instant) -> Commands {
        Commands::script({
            let id = &r.id;
            match self {
                StoreDialect::Memory => format!("sessions[\"{id}\"].user = \"{}\"", r.user),
                StoreDialect::ConnectRedis => format!("SET sess:{id} '{}' EX {}", express_json(r), ttl(r, now, 86_400)),
                StoreDialect::TowerRedis => {
                    format!("SET {id} <MessagePack of the record> EXAT {} XX", expiry_unix(r, now))
                }
                // SessionBase.save() writes the data and the expiry together.
                StoreDialect::DjangoDb => django_update(r, now),
                StoreDialect::SpringRedis => format!(
                    "HSET {} sessionAttr:SPRING_SECURITY_CONTEXT <serialized context>\nSREM {SPRING_INDEX}:{old_user} \
                     {id}\nSADD {SPRING_INDEX}:{} {id}",
                    spring_key(id),
                    r.user
                ),
                StoreDialect::PhpFiles => format!("write sess_{id}: {}", php_serialized(r)),
            }
        })
    }

    /// Moving a record to a new ID (rotation at login or password change).
    pub fn rename(self, old: &SessionId, r: &Record, now: Instant) -> Commands {
        Commands::script({
            let new = &r.id;
            match self {
                StoreDialect::Memory => format!("sessions.insert(\"{new}\", sessions.remove(\"{old}\"))"),
                // express-session's regenerate(): destroy the old session, then save a new one.
                StoreDialect::ConnectRedis => format!("DEL sess:{old}\n{}", self.insert(r, now)),
                // tower-sessions' cycle_id(): delete the old ID, create under the new one.
                StoreDialect::TowerRedis => format!("DEL {old}\n{}", self.insert(r, now)),
                // Django's cycle_key(): create the new key, delete the old one
                // (delete() fetches the row, then deletes it), and save the data
                // under the new key as the response ends.
                StoreDialect::DjangoDb => {
                    format!("{}\n{}\n{}", django_create(r, now), self.delete(old, None), django_update(r, now))
                }
                // Spring Security's changeSessionId(), then the save as the
                // response commits: saveChangeSessionId() renames the hash and the
                // shadow key and moves the ID in the index (of the session's
                // user, taken here to be the one logging in), and looks the old
                // ID up to take it out of its minute bucket (finding nothing, as
                // the hash was just renamed); then saveDelta() writes the delta
                // and sets the index once more (spring-session 206fb60).
                StoreDialect::SpringRedis => {
                    let idle = ttl(r, now, 1800);
                    let index = format!("{SPRING_INDEX}:{}", r.user);
                    format!(
                        "RENAME {} {key}\nRENAME spring:session:sessions:expires:{old} \
                         spring:session:sessions:expires:{new}\nSREM {index} {old}\nSADD {index} {new}\nHGETALL {}\n\
                         HMSET {key} lastAccessedTime {} sessionAttr:SPRING_SECURITY_CONTEXT <serialized context>\n\
                         SREM {index} {new}\nSADD {index} {new}\n{}",
                        spring_key(old),
                        spring_key(old),
                        now.unix_millis(),
                        spring_expiry_tail(new, now, idle),
                        key = spring_key(new),
                    )
                }
                // session_regenerate_id(true): write the new file, delete the old.
                StoreDialect::PhpFiles => format!("write sess_{new}: {}\nunlink sess_{old}", php_serialized(r)),
            }
        })
    }

    /// Deleting one record.
    pub fn delete(self, id: &SessionId, user: Option<&str>) -> Commands {
        Commands::script({
            match self {
                StoreDialect::Memory => format!("sessions.remove(\"{id}\")"),
                StoreDialect::ConnectRedis => format!("DEL sess:{id}"),
                StoreDialect::TowerRedis => format!("DEL {id}"),
                StoreDialect::DjangoDb => format!(
                    "SELECT session_key, session_data, expire_date FROM django_session WHERE session_key = '{id}'\n\
                     DELETE FROM django_session WHERE session_key IN ('{id}')"
                ),
                // deleteById() does not delete the hash: it reads the session,
                // takes it out of the principal index and its expiry minute,
                // deletes the shadow key, and saves the session with
                // maxInactiveInterval 0, which leaves the hash five more minutes
                // (for the expiry event) (spring-session 206fb60).
                StoreDialect::SpringRedis => {
                    let key = spring_key(id);
                    let index = user.map(|user| format!("SREM {SPRING_INDEX}:{user} {id}\n")).unwrap_or_default();
                    format!(
                        "HGETALL {key}\n{index}HGETALL {key}\nSREM spring:session:expirations:<its expiry minute> \
                         expires:{id}\nDEL spring:session:sessions:expires:{id}\nHMSET {key} maxInactiveInterval 0\n\
                         DEL spring:session:sessions:expires:{id}\nEXPIRE {key} 300\n\
                         EXPIRE spring:session:expirations:<this minute> 300\nSADD spring:session:expirations:<this \
                         minute> expires:{id}"
                    )
                }
                StoreDialect::PhpFiles => format!("unlink sess_{id}"),
            }
        })
    }

    /// Deleting a record a search has just read (the rows [`Self::find_user`]
    /// returned). Django's `row.delete()` on a fetched model instance sends
    /// the `DELETE` alone: the row is in hand, so unlike `session.delete()`
    /// nothing is read first. The other stores delete as [`Self::delete`] does.
    pub fn delete_found(self, id: &SessionId, user: Option<&str>) -> Commands {
        match self {
            StoreDialect::DjangoDb => {
                Commands::script(format!("DELETE FROM django_session WHERE session_key IN ('{id}')"))
            }
            _ => self.delete(id, user),
        }
    }

    /// Finding every session of a user. Only Spring's indexed repository
    /// keeps an index; the others must read every session.
    pub fn find_user(self, user: &str, now: Instant) -> Commands {
        Commands::script({
            match self {
                StoreDialect::Memory => format!("sessions_by_user.get(\"{user}\")"),
                StoreDialect::ConnectRedis => {
                    "SCAN 0 MATCH sess:* COUNT 100\nMGET sess:\u{2026}   (then keep those whose user matches)"
                        .to_owned()
                }
                StoreDialect::TowerRedis => {
                    "SCAN 0 COUNT 100\nGET \u{2026}   (every key, then keep those whose user matches)".to_owned()
                }
                StoreDialect::DjangoDb => format!(
                    "SELECT session_key, session_data FROM django_session WHERE expire_date > '{}'   (then decode each \
                     to find {user}'s)",
                    now.sql_timestamp()
                ),
                StoreDialect::SpringRedis => format!("SMEMBERS {SPRING_INDEX}:{user}"),
                StoreDialect::PhpFiles => "read sess_*   (every file: PHP keeps no index by user)".to_owned(),
            }
        })
    }

    /// A token server's denylist check: is this `jti` revoked? (No preset
    /// keeps one; the commands are what an app would send its store.)
    pub fn denylist_check(self, jti: &str) -> Commands {
        Commands::script(match self {
            StoreDialect::ConnectRedis | StoreDialect::TowerRedis | StoreDialect::SpringRedis => {
                format!("EXISTS denylist:{jti}")
            }
            StoreDialect::DjangoDb => format!("SELECT 1 FROM token_denylist WHERE jti = '{jti}'"),
            StoreDialect::PhpFiles | StoreDialect::Memory => format!("denylist.has(\"{jti}\")"),
        })
    }

    /// Adding a `jti` to the denylist until `expires`.
    pub fn denylist_add(self, jti: &str, expires: Instant) -> Commands {
        Commands::script(match self {
            StoreDialect::ConnectRedis | StoreDialect::TowerRedis | StoreDialect::SpringRedis => {
                format!("SET denylist:{jti} 1 EXAT {}", expires.unix_secs())
            }
            StoreDialect::DjangoDb => {
                format!("INSERT INTO token_denylist (jti, expires) VALUES ('{jti}', '{}')", expires.sql_timestamp())
            }
            StoreDialect::PhpFiles | StoreDialect::Memory => format!("denylist.set(\"{jti}\", {expires})"),
        })
    }

    /// Removing expired records in the background.
    pub fn sweep(self, expired: &[Record], now: Instant) -> Commands {
        Commands::script({
            let ids: Vec<String> = expired.iter().map(|r| r.id.to_string()).collect();
            match self {
                StoreDialect::Memory => format!("sessions.retain(|s| !s.expired_at({now}))"),
                StoreDialect::ConnectRedis => ids
                    .iter()
                    .map(|id| format!("(Redis) TTL ran out: sess:{id} deleted"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                StoreDialect::TowerRedis => {
                    ids.iter().map(|id| format!("(Redis) EXAT passed: {id} deleted")).collect::<Vec<_>>().join("\n")
                }
                StoreDialect::DjangoDb => {
                    format!(
                        "DELETE FROM django_session WHERE expire_date < '{}'   (clearsessions)",
                        now.sql_timestamp()
                    )
                }
                StoreDialect::SpringRedis => ids
                    .iter()
                    .zip(expired)
                    .map(|(id, r)| {
                        format!(
                            "(Redis) TTL ran out: spring:session:sessions:expires:{id}\nSREM {SPRING_INDEX}:{} {id}",
                            r.user
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                StoreDialect::PhpFiles => ids
                    .iter()
                    .map(|id| format!("unlink sess_{id}   (garbage collection)"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            }
        })
    }
}

/// The store a preset talks to, which decides how its operations are written
/// and whether sessions survive a restart of the application server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreDialect {
    /// A map inside the server process.
    Memory,
    /// connect-redis (for express-session): `sess:<id>` keys holding JSON.
    ConnectRedis,
    /// tower-sessions-redis-store: `<id>` keys holding `MessagePack`, with `EXAT`.
    TowerRedis,
    /// Django's database backend: the `django_session` table.
    DjangoDb,
    /// Spring Session Data Redis (indexed): hashes under `spring:session:sessions:<id>`.
    SpringRedis,
    /// PHP's files handler: one `sess_<id>` file per session.
    PhpFiles,
}

crate::base::json::json_names!(StoreDialect {
    Memory => "memory", ConnectRedis => "connectRedis", TowerRedis => "towerRedis", DjangoDb => "djangoDb",
    SpringRedis => "springRedis", PhpFiles => "phpFiles"
});

impl StoreDialect {
    /// True when the store lives outside the server process and survives its restart.
    pub fn survives_restart(self) -> bool {
        self != StoreDialect::Memory
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_count_one_by_one_and_read_one_a_line() {
        let id = SessionId::from_untrusted("abc");
        let lookup = StoreDialect::DjangoDb.lookup(&id, Instant::START);
        let both = lookup.clone().then(StoreDialect::DjangoDb.delete(&id, Some("alice")));
        assert_eq!(both.count(), lookup.count() + StoreDialect::DjangoDb.delete(&id, Some("alice")).count());
        assert_eq!(both.to_string().lines().count(), both.count());
        // Django's create() is two commands: the check that the key is free, then the row.
        let record = Record {
            id: id.clone(),
            user: "alice".into(),
            data: Default::default(),
            created: Instant::START,
            last_seen: Instant::START,
            idle_expires: None,
            absolute_expires: None,
        };
        let insert = StoreDialect::DjangoDb.insert(&record, Instant::START);
        assert_eq!(insert.iter().next().map(|c| c.starts_with("SELECT 1")), Some(true));
        assert_eq!(Commands::note("(nothing)").after(insert.clone()).count(), insert.count() + 1);
    }
}
