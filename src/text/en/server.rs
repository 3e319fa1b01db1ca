//! The server's steps in English (`ServerMessage`).
//!
//! Why one file of this length: it is the catalogue of one area, one arm per
//! id in the enum's order, so a translator works through it top to bottom
//! beside `message/server.rs`.

use crate::base::ids::{IdSource, SessionId};
use crate::browser::cookie::SameSite;
use crate::browser::jar::SameSiteDefault;
use crate::library::preset::{CookieCodec, LogoutMode};
use crate::session::commands::StoreDialect;
use crate::text::human_duration;
use crate::text::message::server::{
    AttributeNote, Expired, IdFailureReason, Lifetime, ServerMessage, Slide, StoreErrand, Unreadable,
};

/// "the one session", "both sessions", "every one of the 3 sessions".
fn count(n: usize, one: &str, two: &str, many: &str) -> String {
    match n {
        0 => format!("no {one}s (there were none)"),
        1 => format!("the one {one}"),
        2 => two.to_owned(),
        n => many.replace("{}", &n.to_string()),
    }
}

/// `s` after a count that is not one.
fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn errand(doing: StoreErrand) -> &'static str {
    match doing {
        StoreErrand::LookUp => "look it up",
        StoreErrand::SaveNew => "save a new session",
    }
}

/// The message in English.
pub(super) fn render(message: &ServerMessage<'_>) -> String {
    use ServerMessage as M;
    match message {
        M::RevokeNewestOfNone { node: Some(node) } => format!(
            "The administrator's request asks {node} to revoke the newest session, but {node}'s own memory \
             holds none, and it can search no other server's. Nothing is revoked; any session another server \
             holds survives."
        ),
        M::RevokeNewestOfNone { node: None } => "An administrator opens the session store to revoke a session, but it is empty: nobody is \
                         logged in, so there is nothing to revoke."
            .to_owned(),
        M::Revoke { user: Some(user), node: Some(node), .. } => format!(
            "An administrator revokes {user}'s session through the admin endpoint of {node}, which searches only \
             its own memory, and finds it there. No message goes to any browser: whoever holds this ticket keeps \
             holding it."
        ),
        M::Revoke { user: Some(user), node: None, .. } => format!(
            "An administrator revokes {user}'s session, right on the server. No message goes to any browser: \
             whoever holds this ticket keeps holding it."
        ),
        M::Revoke { user: None, node: Some(node), target, elsewhere } => format!(
            "An administrator asks {node} to revoke session {target}, but {node}'s own memory does not hold it, \
             and {node} can search no other server's.{}",
            elsewhere.map(|note| format!(" {note}")).unwrap_or_default()
        ),
        M::Revoke { user: None, node: None, .. } => {
            "An administrator asks to revoke a session the store does not hold.".to_owned()
        }
        M::RevokeDeleted { found: true } => "The store deletes the record. The ticket in the browser's jar now names nothing: the very next \
                        request that carries it will be turned away. That is instant revocation."
            .to_owned(),
        M::RevokeDeleted { found: false } => "There is no record under that ID; nothing changes.".to_owned(),
        M::RevokeUser { user, node: Some(node) } => format!(
            "An administrator asks to end every session of {user} (say, because the account was compromised). \
             The admin endpoint runs in {node}, which can search only its own memory."
        ),
        M::RevokeUser { user, node: None } => format!(
            "An administrator ends every session of {user}, on all devices at once (say, because the account \
             was compromised)."
        ),
        M::Restart => "The server process stops and starts again (a deploy, a crash, a reboot).".to_owned(),
        M::RestartSurvived { store } => format!(
            "The sessions live in a separate store ({}), not in the server's memory, so they survive the \
             restart: every ticket still works.",
            super::store_label(*store)
        ),
        M::NoteStoreKeptRunning => "(nothing: the store kept running)".to_owned(),
        M::LostInProcessMemory => "The sessions lived in the process's memory".to_owned(),
        M::NoteProcessExited => "(the process exited: its sessions map is gone)".to_owned(),
        M::Swept { store, node, removed } => {
            let own_sweep = node.map(|node| format!("A background job in {node} sweeps its own memory"));
            let how = match store {
                StoreDialect::Memory => own_sweep.as_deref().unwrap_or("A background job sweeps the store"),
                StoreDialect::ConnectRedis | StoreDialect::TowerRedis => {
                    "Redis deletes keys whose time to live ran out"
                }
                StoreDialect::SpringRedis => {
                    "Spring Session cleans up: the shadow key's time to live runs out, Redis reports it, and the session \
                 is removed from the index (the data key itself lives five minutes longer, for the expiry event)"
                }
                StoreDialect::DjangoDb => {
                    "A clearsessions job (which the app must schedule, from cron say) deletes expired rows"
                }
                StoreDialect::PhpFiles => {
                    "PHP's garbage collector deletes stale session files (it runs on a random fraction of session starts, \
                 so in reality this may come later; here it runs as soon as time passes)"
                }
            };
            format!(
                "{how}: {removed} expired session{} removed. Without such cleanup, expired records would pile up forever.",
                s(*removed)
            )
        }
        M::NotePhpCollectsEmpty { id } => format!("unlink sess_{id}   (garbage collection; an empty session)"),
        M::UserSessionsDeleted { user, node, keeping_this_one, deleted } => format!(
            "{} {user}'s sessions{} and deletes {}.",
            match node {
                Some(node) => format!("{node} searches its own memory for"),
                None => "The store finds".to_owned(),
            },
            if *keeping_this_one { " other than this one" } else { "" },
            match deleted {
                0 => "nothing (there were none)".to_owned(),
                1 => "the one it finds".to_owned(),
                2 => "both".to_owned(),
                n => format!("all {n} of them"),
            }
        ),
        M::MemoryLost { whose, removed } => format!(
            "{whose}, so {}",
            match removed {
                0 => "they would be gone, but there were none: nobody was logged in, so nobody is logged out."
                    .to_owned(),
                n => format!(
                    "{} gone. Every browser still holds its ticket, but none names anything now: everybody is logged out.",
                    if *n == 1 { "the one session is".to_owned() } else { format!("all {n} of them are") }
                ),
            }
        ),

        M::NoPage { path } => format!("The server has no page at {path}; it answers 404 Not Found."),
        M::NoPageBody { path } => format!("No page at {path}."),
        M::DenylistUnavailableBody => "The token denylist is unavailable.".to_owned(),
        M::StoreDownExpress { store, doing } => format!(
            "express-session asks its store ({store}) to {what}, and connect-redis sends the command to \
             Redis, which cannot be reached. The Redis client holds the command in its offline queue (or \
             fails it at once, with that queue off): no reply comes, and the request waits until the client \
             gives up.",
            store = super::store_label(*store),
            what = errand(*doing)
        ),
        M::StoreDownExpressVerdict => "connect-redis passes the client's error to express-session, which hands it to the app's error \
                 handler: 500 Internal Server Error. Nobody can be authenticated (or log in) until the store is back."
            .to_owned(),
        M::StoreDown { store, doing } => format!(
            "The server tries to {what} in the store ({store}), but the store cannot be reached: the command \
             gets no reply, and the server waits until it gives up.",
            store = super::store_label(*store),
            what = errand(*doing)
        ),
        M::StoreDownVerdict => "Without the store the server cannot tell whose session this is, and it will not guess: it answers \
                 500 Internal Server Error. Nobody can be authenticated until the store is back."
            .to_owned(),
        M::StoreUnavailableBody => "The session store is unavailable.".to_owned(),
        M::LogInToSeeProfileBody => "Please log in to see your profile.".to_owned(),
        M::Profile { user, role } => format!(
            "Now the server knows who is asking: {user}, with the role {role}. It answers 200 OK with {user}'s \
             profile page. Nothing in the request said \u{201c}{user}\u{201d}: the name came from the store."
        ),
        M::ProfileBody { user, role, since } => format!("Profile of {user} ({role}). Signed in since {since}."),
        M::LogoutDeleted { user: Some(user) } => format!(
            "The server deletes {user}'s record from the store. The ID is now dead everywhere, even in a copy of \
             the ticket someone else might hold."
        ),
        M::LogoutDeleted { user: None } => {
            "The store has no record under that ID, so there is nothing to delete.".to_owned()
        }
        M::LoggedOutBody => "You are logged out.".to_owned(),
        M::LogoutCookie { mode, had_ticket } => match mode {
            LogoutMode::DeleteAndExpire | LogoutMode::ClientOnly if !had_ticket => {
                "There is no session to end. The server tells the browser to forget the cookie anyway: a Set-Cookie \
                 with the same name and path, an empty value and an expiry in the past."
            }
            LogoutMode::ServerOnly if !had_ticket => "There is no session to end, and the server sends no Set-Cookie.",
            LogoutMode::DeleteAndExpire => {
                "The server also tells the browser to forget the cookie: a Set-Cookie with the same name and path, an \
                 empty value and an expiry in the past. Both sides are cleaned up: a complete logout."
            }
            LogoutMode::ClientOnly => {
                "The server only tells the browser to forget the cookie; the record stays alive in the store. This \
                 browser is logged out, but any copy of the ticket (stolen, or left on another machine) still works \
                 until the session expires. An incomplete logout."
            }
            LogoutMode::ServerOnly => {
                "The server sends no Set-Cookie, so the browser keeps its ticket. That is harmless: the record is \
                 gone, and the next request carrying the stale ID will be turned away."
            }
        }
        .to_owned(),
        M::LogInFirstBody => "Please log in first.".to_owned(),
        M::LoggedOutEverywhereOnNode { node, user, ended } => format!(
            "{node} has ended {ended} of {user} that its own memory held, and only those: it cannot see into \
             another server's memory. Any session of {user} that another server holds survives, and the device \
             that holds its ticket stays logged in there. The app believes it logged out everywhere; it did not.",
            ended = count(*ended, "session", "both sessions", "every one of the {} sessions")
        ),
        M::LoggedOutEverywhere { user, ended } => format!(
            "The server has ended {ended} of {user}, on every device. Any other browser still holds its ticket, but it \
             now names nothing.",
            ended = count(*ended, "session", "both sessions", "every one of the {} sessions")
        ),
        M::LoggedOutEverywhereBody { removed } => format!("Logged out everywhere ({removed} session{}).", s(*removed)),
        M::Unauthorized => {
            "With no valid session the server cannot tell who this is. It answers 401 Unauthorized: log in first."
                .to_owned()
        }
        M::IdFailure { reason } => format!(
            "The server cannot get a random session ID ({reason}). It refuses to invent a weak one and answers 500 \
             Internal Server Error."
        ),
        M::IdFailureBody => "Could not start a session. Please try again.".to_owned(),
        M::RefusedRemoval { library } => format!(
            " But {library} writes this removal without Secure, and a browser refuses any __Host- cookie without Secure: \
             it will ignore the removal and keep the ticket (which names nothing once the record is deleted)."
        ),

        M::LoginFormIncomplete => {
            "The form lacks a username or a password field, so the server answers 400 Bad Request.".to_owned()
        }
        M::LoginFormIncompleteBody => "The login form needs a username and a password.".to_owned(),
        M::WrongPassword { username } => format!(
            "The server checks the username \u{201c}{username}\u{201d} and the password against its accounts: no \
             match. No session is created and no ticket is handed out; it answers 401 Unauthorized."
        ),
        M::WrongPasswordBody => "Wrong username or password.".to_owned(),
        M::PasswordMatches { user } => format!(
            "The server checks the password for \u{201c}{user}\u{201d} against its accounts: it matches. Now it must \
             remember that this browser is {user} for the requests to come."
        ),
        M::Adopted { id, user } => format!(
            "This server is permissive: it adopts the ID the browser brought, {id}, though it never issued it, and \
             files {user}'s session under it. Whoever chose that ID (Mallory, say, who planted it) now holds a \
             ticket to {user}'s session. Strict adoption, or rotation at login, would have stopped this."
        ),
        M::WelcomeBody { user } => format!("Welcome, {user}. You are logged in."),
        M::AdoptedResent => "The server answers 200 OK. It re-sends the same ticket in a Set-Cookie.".to_owned(),
        M::DjangoKeepsKey { user } => format!(
            "The session already belongs to {user}, so Django's login() keeps its key: it rotates the key \
             only when an anonymous session logs in, and empties the session when another user's was \
             there. The session is saved again under the same key, its two weeks counted afresh."
        ),
        M::Rotated { collided, ids } => format!(
            "{}The browser already had a live session, so the server gives it a new ID ({}) and deletes the \
             old one. Whoever knew the old ID (say, someone who planted it) is left with a dead ticket: \
             this is the defence against session fixation.",
            collision_note(collided),
            super::id_source(ids)
        ),
        M::KeptWithoutRotation { user } => format!(
            "Rotation is off: the server keeps the session's ID and simply notes that it now belongs to \
             {user}. Anyone else who knows this ID (who planted it, or copied it before login) is now \
             logged in as {user} too. This is how session fixation works."
        ),
        M::Filed { collided, ids, id, format, store, user, expiry } => {
            let how = match ids {
                IdSource::Sequential { .. } => {
                    format!("takes the next number from its counter, {id}: anyone can guess its neighbours")
                }
                _ => format!("draws a new session ID from its {}: {}", super::id_source(ids), super::id_format(*format)),
            };
            format!(
                "{}The server {how}. It files a record under that ID in its session store ({}): this session \
                 belongs to {user}. The record is the coat; it stays behind the counter. {}",
                collision_note(collided),
                super::store_label(*store),
                lifetime(*expiry)
            )
        }
        M::HandedOver { codec, notes } => format!(
            "The server answers 200 OK and hands over the ticket: a Set-Cookie header carrying nothing but the ID{}.{}",
            codec_note(*codec),
            notes.map(|notes| format!(" {}", attribute_notes(notes))).unwrap_or_default()
        ),
        M::PhpNoNewCookie => "The server answers 200 OK. The ID did not change, and PHP sends the session cookie only \
                             when it starts a session under a new ID: no Set-Cookie."
            .to_owned(),
        M::ExpressDiscardsUnsaved => "express-session gave this request a session of its own, never saved (saveUninitialized: false). \
             regenerate() destroys it before making the new one: connect-redis deletes a key Redis never held."
            .to_owned(),
        M::TowerDiscardsUnsaved => "tower-sessions' cycle_id() first deletes the session's current ID from the store: this request's \
             session was never saved, so Redis deletes nothing."
            .to_owned(),
        M::PasswordChangedDeletesOthers { user } => format!(
            "The server saves {user}'s new password and ends every other session of {user} (whoever might have \
             stolen a ticket is out)."
        ),
        M::PasswordChangedAuthHash { user } => format!(
            "The server saves {user}'s new password, hashed with a fresh salt, and stores the hash derived \
             from it in this session only. Every other session of {user} still holds the old one (a new salt \
             changes it even when the password is the same), so each will be flushed the next time it is \
             used."
        ),
        M::PasswordChangedBody { ended: Some(n) } => format!("Password changed. {n} other session{} ended.", s(*n)),
        M::PasswordChangedBody { ended: None } => {
            "Password changed. Your other sessions end the next time they are used.".to_owned()
        }
        M::PasswordChangeRenewsId => {
            "The current session keeps going under a new ID: a privilege change is a reason to renew it.".to_owned()
        }
        M::PasswordChangeNewTicket => " This browser gets its new ticket in a Set-Cookie.".to_owned(),
        M::PasswordChangeSameId => " This browser's session goes on with the same ID.".to_owned(),
        M::PhpLazyWrite => "As the request ends PHP saves the session: its data did not change, so the file is \
                                only touched (lazy_write), which keeps it from the garbage collector."
            .to_owned(),
        M::TokenPasswordChangedBody => {
            "Password changed. Tokens already issued stay valid until they expire.".to_owned()
        }
        M::IdFailureReason(reason) => match reason {
            IdFailureReason::Vanished => "the session vanished".to_owned(),
            IdFailureReason::NewIdTaken => "the new ID was taken".to_owned(),
            IdFailureReason::RenamedVanished => "the renamed session vanished".to_owned(),
            IdFailureReason::Collided { draws } => format!("{draws} draws in a row collided with live sessions"),
        },
        M::PasswordFormIncomplete => {
            "The form lacks a password field, so the server answers 400 Bad Request.".to_owned()
        }
        M::PasswordFormIncompleteBody => "The form needs a new password.".to_owned(),

        M::LookupMissOnNode { elsewhere } => {
            format!("This server's own memory has no record under that ID. {elsewhere}")
        }
        M::LookupMiss { strict: true } => "The store has no record under that ID: it was never issued, or it has been deleted. The server does \
                 not adopt an unknown ID; the request counts as anonymous."
            .to_owned(),
        M::LookupMiss { strict: false } => "The store has no record under that ID: it was never issued, or it has been deleted. The request \
                 counts as anonymous (this permissive server would adopt the ID only at a login)."
            .to_owned(),
        M::LookupExpired { user, why, deleted_on_read } => {
            let why = match why {
                Expired::Idle { at, secs } => {
                    format!("its idle timeout passed at {at} (no request for {})", human_duration(*secs))
                }
                Expired::SinceLastSave { at, secs } => format!(
                    "its expiry passed at {at} ({} after the session was last saved; reading it does not count as a \
                     change)",
                    human_duration(*secs)
                ),
                Expired::Absolute { at, secs } => {
                    format!("its absolute timeout passed at {at} ({} after login, however active)", human_duration(*secs))
                }
            };
            format!(
                "The store finds {user}'s record, but {why}. The session is over: the request is anonymous.{}",
                if *deleted_on_read { " Finding it expired, the server deletes it now (cleanup on read)." } else { "" }
            )
        }
        M::LookupStaleAuthHash { user } => format!(
            "The store finds {user}'s record, but the password hash stored in it no longer matches the \
             account's: the password has changed since this session began. The server flushes the session \
             and treats the request as anonymous."
        ),
        M::LookupHit { user, slid } => format!(
            "The store finds a live record under that ID: the session of {user}. This lookup happens on every request; \
             the ticket only works because the coat is still on the rack.{}",
            match slid {
                None => String::new(),
                Some(Slide::Absolute(absolute)) => format!(
                    " The request counts as activity, but the absolute timeout is nearer: the session ends at \
                     {absolute} whatever happens."
                ),
                Some(Slide::Idle(idle_end)) => format!(
                    " The request counts as activity: the idle timeout restarts, so the session now ends at {idle_end} \
                     unless another request comes first."
                ),
            }
        ),
        M::TicketRead { id, copies, name, codec } => format!(
            "{}The server reads the ticket from the Cookie header{}: {id}. The ID by itself says nothing about \
             who sent it; only the store can say whose it is.",
            if *copies > 1 {
                format!(
                    "The request carries {copies} cookies named {name} (one may have been tossed in from a \
                     subdomain); like most servers, this one reads the first. "
                )
            } else {
                String::new()
            },
            match codec {
                CookieCodec::Plain => "",
                CookieCodec::ExpressSigned => " and checks its signature (it matches)",
                CookieCodec::Base64 => " and decodes its base64",
            }
        ),
        M::TicketUnreadable { name, why } => format!(
            "The server finds a {name} cookie but {}, so it ignores it: the request carries no ticket.",
            unreadable(*why)
        ),
        M::TicketMissing { name } => {
            format!("The request carries no {name} cookie: no ticket, so the server cannot tell who this is.")
        }

        M::PhpDestroysEmpty { id } => format!(
            "The cookie names sess_{id}, an empty session PHP started earlier in place of an ID it did not know. \
             session_destroy() deletes the file (an empty file gives nothing to read first)."
        ),
        M::PhpDestroysFresh { id, fresh } => format!(
            "PHP checks for the file sess_{id} (a stat()): there is none. In strict mode session_start() starts \
             a fresh, empty session under a new ID, {fresh}, creates its file and sends its cookie; then \
             session_destroy() deletes that file at once. The browser is left with a cookie that names nothing."
        ),
        M::PhpFindsEmpty { id } => format!(
            "PHP finds sess_{id}, an empty session: PHP started it on an earlier request, in place of an ID it \
             did not know. It holds nobody, so the request is anonymous. An empty file gives nothing to read; as \
             the request ends PHP writes it back, still empty (the files are not listed with the store's \
             sessions, which each belong to someone)."
        ),
        M::PhpNoFileAtLogin { id } => format!(
            "PHP checks for the file sess_{id} (a stat(), which reads nothing): there is none. In strict mode \
             (session.use_strict_mode=1) PHP never adopts an ID it did not issue, so the login starts its \
             session under a new one."
        ),
        M::PhpStartsFresh { id, fresh } => format!(
            "PHP checks for the file sess_{id} (a stat(), which reads nothing): there is none. In strict mode \
             (session.use_strict_mode=1) PHP does not adopt an ID it never issued: session_start() starts a fresh, \
             empty session under a new ID, {fresh}, creates its file and sends its cookie with this response. The \
             session holds nobody, so the request is anonymous; as the request ends PHP writes the file, empty."
        ),
        M::PhpFillsEmpty { id, user } => format!(
            "PHP resumes the session the cookie names: the empty one it started on an earlier request, in place of \
             an ID it did not know. An empty file gives nothing to read; PHP fills the session and writes it as the \
             request ends: from now on {id} means {user}. PHP does not change the ID at login unless the app calls \
             session_regenerate_id(), so anyone who holds this ID is logged in as {user} too: strict mode refuses a \
             made-up ID, not one an attacker got from this server and planted."
        ),

        M::DenialFiled { key } => format!("The store files the denial under {key}, expiring with the token."),
        M::NoteDenylistExited => "(the process exited: its denylist is gone)".to_owned(),
        M::DenylistLost => "The denylist is gone with the process's memory.".to_owned(),
    }
}

/// How long a session lasts, as its timeouts say.
pub(super) fn lifetime(expiry: Lifetime) -> String {
    match (expiry.idle, expiry.absolute) {
        (Some(idle), Some(absolute)) => format!(
            "It ends after {} without a request, and {} after login at the latest.",
            human_duration(idle),
            human_duration(absolute)
        ),
        (Some(idle), None) => format!("It ends after {} without a request.", human_duration(idle)),
        (None, Some(absolute)) => {
            format!("It ends {} after login; reading it does not extend it.", human_duration(absolute))
        }
        (None, None) => "It never expires on its own.".to_owned(),
    }
}

/// What the cookie's codec does to the ID, as a parenthesis.
fn codec_note(codec: CookieCodec) -> &'static str {
    match codec {
        CookieCodec::Plain => "",
        CookieCodec::ExpressSigned => " (signed with an HMAC, so a changed value is noticed; a copied one still works)",
        CookieCodec::Base64 => " (base64-encoded, which hides nothing)",
    }
}

/// The notes on a session cookie's attributes, one sentence each.
fn attribute_notes(notes: &[AttributeNote]) -> String {
    let sentence = |note: &AttributeNote| match note {
        AttributeNote::HttpOnly(true) => "HttpOnly hides it from page scripts.",
        AttributeNote::HttpOnly(false) => "No HttpOnly: any script on the page can read it through document.cookie.",
        AttributeNote::Secure => "Secure keeps it off plain http.",
        AttributeNote::SameSite(Some(SameSite::Strict), _) => {
            "SameSite=Strict keeps it off every request another site starts."
        }
        AttributeNote::SameSite(Some(SameSite::Lax), _) => {
            "SameSite=Lax keeps it off requests other sites start, except a top-level GET navigation (a link)."
        }
        AttributeNote::SameSite(Some(SameSite::None), _) => "SameSite=None sends it on cross-site requests too.",
        AttributeNote::SameSite(None, SameSiteDefault::Lax) => {
            "No SameSite attribute: the browser's own default decides, which here is Lax (as in Chromium)."
        }
        AttributeNote::SameSite(None, SameSiteDefault::None) => {
            "No SameSite attribute: the browser's own default decides, which here is no restriction (as in \
             Firefox and Safari)."
        }
        AttributeNote::HostPrefix => "The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.",
        AttributeNote::MaxAgeCookieCrate => {
            "Max-Age keeps the cookie across browser restarts; the server's own timeouts are separate."
        }
        AttributeNote::MaxAge => {
            "Max-Age (and Expires) keep the cookie across browser restarts; the server's own timeouts are \
             separate and can end the session sooner."
        }
        AttributeNote::SessionCookie => "No Max-Age or Expires: the browser forgets it when it closes.",
        AttributeNote::PathRoot => "Path=/ sends it with every page of the site.",
    };
    notes.iter().map(sentence).collect::<Vec<_>>().join(" ")
}

/// The IDs that collided with live sessions, said before the one kept.
fn collision_note(refused: &[SessionId]) -> String {
    match refused {
        [] => String::new(),
        [one] => format!(
            "The first ID drawn, {one}, already belongs to a live session: the store refuses to overwrite it (the \
             check Redis does with SET NX) and the server draws again. "
        ),
        many => format!(
            "The IDs drawn first ({}) already belong to live sessions: the store refuses to overwrite them and the \
             server draws again. ",
            many.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Why a session cookie's value is no ID, as a clause.
fn unreadable(why: Unreadable) -> &'static str {
    match why {
        Unreadable::NotSixteenBytes => {
            "its value does not decode to the 16 bytes of a session ID (tower-sessions drops it as malformed)"
        }
        Unreadable::NotPercentEncoded => "its value is not valid percent-encoding",
        Unreadable::NotSigned => "its value is not signed (no s: prefix)",
        Unreadable::NoSignature => "its value has no signature",
        Unreadable::BadSignature => {
            "its signature does not match (the value was changed, or signed with another secret)"
        }
        Unreadable::NotBase64 => "its value is not valid base64",
    }
}
