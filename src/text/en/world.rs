//! The world's steps in English (`WorldMessage`).
//!
//! Why one file of this length: it is the catalogue of one area, one arm per
//! id in the enum's order, so a translator works through it top to bottom
//! beside `message/world.rs`.

use crate::session::commands::StoreDialect;
use crate::text::message::world::{ActionLabel, CookiesSent, Doing, WorldMessage, WorldProblem};

/// The message in English.
pub(super) fn render(message: &WorldMessage<'_>) -> String {
    use WorldMessage as M;
    match message {
        M::RequestBuilt { browser, doing, cookies, bearer } => {
            let cookie_note = match cookies {
                CookiesSent::Header(cookies) => format!(
                    "Its jar holds a cookie for this site, so the browser attaches it on its own: Cookie: {cookies}."
                ),
                CookiesSent::NoneHeld => "Its jar holds no cookie for this site, so no ticket rides along.".to_owned(),
                CookiesSent::NoneSent => {
                    "The browser attaches none of its cookies to this request, so no ticket rides along.".to_owned()
                }
            };
            let cookie_note = match bearer {
                true => format!("{cookie_note} The page's script adds the token it keeps: Authorization: Bearer."),
                false => cookie_note,
            };
            let what = doing_text(doing);
            format!("{browser} {what} {cookie_note}")
        }
        M::RequestTravels { balancer: true, plain_http: false } => {
            "The request travels to the load balancer in front of the app servers. (On a real site this is https.)"
                .to_owned()
        }
        M::RequestTravels { plain_http: true, .. } => {
            "The request travels to the server in plain text: anyone on the network path can read it.".to_owned()
        }
        M::RequestTravels { .. } => {
            "The request travels to the server. (On a real site this is https, so nobody on the way can read it.)"
                .to_owned()
        }
        M::ResponseTravels => "The response travels back to the browser.".to_owned(),
        M::TokenCookieStored { name } => format!(
            "The browser files the {name} cookie in its jar for this site. Unlike a session ID, the token says \
             something by itself: anyone can decode its claims (they are only base64url), though only the server \
             can make its signature."
        ),
        M::AffinityCookieStored { name } => format!(
            "The browser files the {name} cookie in its jar too: the load balancer's own, which the app never reads. \
             The browser will send it with every request to this site, like any other cookie."
        ),
        M::AffinityCookieReplaced { name } => {
            format!("The browser replaces its {name} cookie with the new one, which names another server.")
        }
        M::OtherCookieStored { name } => format!("The browser files the {name} cookie in its jar."),
        M::SessionCookieStored { name } => format!(
            "The browser files the {name} cookie in its jar for this site. The ticket means nothing by itself: only \
             the server can look it up."
        ),
        M::SessionCookieReplaced { name } => {
            format!("The browser replaces the {name} cookie in its jar with the one just received.")
        }
        M::CookieDeleted { name } => format!("The browser deletes the {name} cookie from its jar: the ticket is gone."),
        M::NothingToDelete { name } => {
            format!("The server asked to delete the {name} cookie, but the jar did not hold one.")
        }
        M::SetCookieIgnored { why } => format!("The browser ignores a Set-Cookie header: {why}."),
        M::PageShown { first, status, body } => format!(
            "{} shows the page: {status} \u{201c}{body}\u{201d}",
            if *first { "The browser" } else { "It" }
        ),
        M::NoServerBody => "No server is available to handle this request.".to_owned(),
        M::AffinitySet { header, server, cookie } => format!(
            "On the way back, the load balancer adds a cookie of its own to the response: Set-Cookie: {header}. It \
             pins this browser to {server} while the cookie lasts (7 days; AWS's stickiness duration, 1 day by default, \
             can end the pinning sooner). AWS's balancer also sets a copy named {cookie}CORS with \
             SameSite=None; Secure, for cross-origin requests; it is left out here. So is the re-issue: a real \
             balancer sends a fresh {cookie} (a new encrypted value, a new Expires) with every response, \
             so the pin slides with use; here it is set only when the balancer picks a server."
        ),
        M::RecordLostWith { server } => format!(
            "The record was in {server}'s memory, and it was lost when {server} stopped: the ticket names nothing now, on \
             any server."
        ),
        M::RecordHeldBy { holder, server } => format!(
            "The record is in {holder}'s memory, and {server} cannot see into another process's memory: here the ticket \
             names nothing. To this user it looks as if they were logged out at random."
        ),

        M::NoServerRunning => "No app server is running: the load balancer has nowhere to send the request, and answers 503 \
                       Service Unavailable itself."
            .to_owned(),
        M::OnlyServer { server } => format!("The load balancer sends the request to {server}, the only server running."),
        M::RoundRobin { server } => format!(
            "The load balancer sends the request to {server}, the next server in turn (round-robin). It knows \
             nothing about sessions: it only spreads the load."
        ),
        M::RandomPick { server } => format!(
            "The load balancer picks {server} at random. It knows nothing about sessions: it only spreads the load."
        ),
        M::Pinned { cookie, server } => format!(
            "The request carries the load balancer's own cookie, {cookie}. Its value is opaque to \
             the browser (AWS encrypts it); the balancer reads {server} in it and sends the request there, as it \
             has every request from this browser."
        ),
        M::PinnedDown { cookie, server, next } => format!(
            "The {cookie} cookie names {server}, but {server} is down. The balancer does what AWS's does \
             when a pinned target fails: it picks a healthy server as if there were no cookie ({next}, the \
             next in turn) and pins the browser to it instead."
        ),
        M::NotPinned { cookie, server } => format!(
            "The request carries no {cookie} cookie, so the load balancer picks a server the \
             usual way ({server}, the next in turn). It will pin this browser to it with a cookie of its own."
        ),

        M::ScriptStoresToken => "The page's script stores the token in localStorage (access_token).".to_owned(),
        M::ScriptDeletesToken => "The page's script deletes its copy of the token from localStorage.".to_owned(),

        M::StoreEmpty { per_server: true } => "No records on any server: nobody is logged in.".to_owned(),
        M::StoreEmpty { per_server: false } => "No records: nobody is logged in.".to_owned(),
        M::StartedOver { defence, prepared } => {
            let mut narration = format!(
                "Everything starts over: an empty store, empty jars, the clock back at the start. This time the \
                 server has one more defence: {defence}."
            );
            if !prepared.is_empty() {
                narration.push_str(&format!(" As at the start, this has already happened: {}.", prepared.join("; ")));
            }
            narration
        }
        M::TimePassed { secs, now, http_date } => format!(
            "Time jumps forward by {} with no requests. The clock now reads {now} ({http_date}).",
            super::duration(*secs)
        ),
        M::CookiesExpired { names, browser } => format!(
            "The {} cookie in the jar of {browser} reaches the end of its lifetime (its Max-Age or Expires), and the browser drops it. That is the \
             cookie's clock, not the server's.",
            names.join(", ")
        ),

        M::AdminRouted { path, server: Some(server) } => format!(
            "The administrator's request (POST {path}) goes through the load balancer like any other, and the \
             balancer sends it to {server}. The admin endpoint runs in that one process: it can search that server's \
             memory, and no other."
        ),
        M::AdminRouted { path, server: None } => format!(
            "The administrator's request (POST {path}) reaches the load balancer, but no app server is running: \
             it answers 503 Service Unavailable, and nothing is revoked."
        ),
        M::HeldElsewhere { holder, server } => format!(
            "The record lives in {holder}'s memory, out of {server}'s reach: that session survives, and its ticket still works \
             there."
        ),
        M::RevokeHeldByNoTicket { browser } => format!(
            "The administrator is to revoke the session {browser} is using, but that browser's jar holds no \
             session ticket the server could read: it has no session to end. Nothing changes."
        ),
        M::RevokeHeldByNoRecord { browser, id, per_server } => format!(
            "The administrator is to revoke the session {browser} is using, but the ticket in its jar, {id}, names \
             no record in {store}: that session has already ended (revoked, logged out, or expired and cleaned \
             up). There is nothing to revoke; nothing changes.",
            store = if *per_server { "any server's memory" } else { "the store" }
        ),
        M::RevokeHeldBy { browser, id } => format!(
            "The administrator picks out the session {browser} is using: the record filed under the ID in \
             that browser's session cookie, {id}."
        ),
        M::RevokeUserReach { user, server, survivors: [] } => format!(
            "No other server holds a session of {user} now, so this time every one is gone. With one store per \
             server that is luck: the admin endpoint could search only {server}'s memory."
        ),
        M::RevokeUserReach { user, server, survivors } => format!(
            "{user}'s sessions in {}'s memory survive: {server} could not reach them. With one store per server, \
             ending every session of a user needs every server to do it, or a shared store.",
            survivors.join(" and ")
        ),
        M::DeployRestart => "Every app server restarts, one after another (a deploy).".to_owned(),
        M::LostInEachMemory => "Each server kept its sessions in its own memory".to_owned(),
        M::NoteEachProcessExited => "(each process exited: its sessions map is gone)".to_owned(),
        M::AlreadyStopped { server } => format!("{server} is already stopped."),
        M::Stopped { server } => format!(
            "{server} stops (a crash, or taken out for a deploy). The load balancer's health checks notice, and it \
             sends {server} no more requests."
        ),
        M::StoppedShared { server } => format!(
            "{server} kept no sessions of its own: they live in the shared store, so none is lost. Any other server \
             can serve {server}'s users."
        ),
        M::NoteSharedKeptRunning => "(nothing: the shared store kept running)".to_owned(),
        M::StoppedLosing { lost: 0, .. } => {
            "Its memory held no sessions, so no one is logged out by its stopping.".to_owned()
        }
        M::StoppedLosing { server, lost } => format!(
            "Its sessions lived in its memory, so {}: whoever was served by {server} is logged out at their next \
             request, whichever server gets it.",
            if *lost == 1 { "the one it held is gone".to_owned() } else { format!("all {lost} it held are gone") }
        ),
        M::NoteServerExited { server } => format!("(the {server} process exited: its sessions map is gone)"),
        M::AlreadyRunning { server } => format!("{server} is already running."),
        M::Started { server } => format!(
            "{server} starts again, with empty memory. Once its health checks pass, the load balancer sends it \
             requests again."
        ),
        M::NoSeparateStore => "The sessions live in each server's own memory: there is no separate \
                                                 store to lose. (Stop a server instead.)"
            .to_owned(),
        M::NoSharedStore => "With one server and its own store, there is no shared store here to lose. (Choose a shared \
                     store in the settings.)"
            .to_owned(),
        M::StoreAlready { reachable } => {
            format!("The session store is already {}.", if *reachable { "reachable" } else { "down" })
        }
        M::StoreBack { store } => format!(
            "The session store ({}) is reachable again. Its records were never lost, only out of reach: \
             every live ticket works again.",
            store_label(*store)
        ),
        M::StoreDown { store } => format!(
            "The session store ({}) goes down: the network to it fails, or it stops. Its records are \
             safe, but no app server can read them now, so no request can be authenticated until it is \
             back.",
            store_label(*store)
        ),

        M::Copied { name, value, from, to } => format!(
            "The {name} cookie is copied from {from} into {to}'s jar: {name}={value}. (How a \
             ticket gets copied, through malware or a shared computer, is a story of \
             its own.) The server cannot tell the two copies apart."
        ),
        M::NothingToCopy { name, from } => format!("{from} holds no {name} cookie, so there is nothing to copy."),
        M::ClosedKeepingAll { browser } => format!(
            "{browser} is closed and opened again. Every cookie in its jar has an expiry date, so all of them survive."
        ),
        M::ClosedLosing { browser, gone } => format!(
            "{browser} is closed and opened again. The {} cookie had no Max-Age or Expires, so it lasted only until the \
             browser closed: it is gone. The session's record on the server knows nothing of this and lives on \
             until it expires.",
            gone.join(", ")
        ),
        M::NothingToPlant => "Mallory has no ticket of her own to plant.".to_owned(),
        M::PlantRefused { reason } => format!("The browser refuses it: {reason}. Nothing is planted."),
        M::PlantAccepted { host } => format!(
            "The browser accepts it: a cookie for every host of {host}, which the app will receive as its own \
             session ticket."
        ),
        M::Planted { browser, host, header, outcome } => format!(
            "{browser} visits a page on mallory.{host}, a subdomain Mallory controls (user-hosted content, say). Its \
             response sets Set-Cookie: {header}. {outcome}"
        ),
        M::Guessed { browser, name, value } => format!(
            "{browser} types a ticket of its own choosing into the jar (devtools will do): {name}={value}. Whether it \
             opens anything is up to the server's store."
        ),
        M::ScriptStealsStoredToken { browser, key } => format!(
            "A script injected into the app's page (a cross-site scripting hole) runs in {browser} and reads \
             localStorage.{key}: the token itself, which no HttpOnly flag can guard there. It sends it to \
             Mallory, whose own copy of the page now sends it as Authorization: Bearer."
        ),
        M::ScriptStealsCookie { browser, seen, name } => format!(
            "A script injected into the app's page (a cross-site scripting hole) runs in {browser} and reads \
             document.cookie: {}. It sends the {name} cookie to Mallory, who puts it in her own jar.",
            seen_by_script(*seen)
        ),
        M::ScriptBlockedByHttpOnly { browser, seen } => format!(
            "A script injected into the app's page runs in {browser} and reads document.cookie: {}. HttpOnly \
             keeps the session cookie out of its reach, so there is no ticket to steal. (HttpOnly does not stop \
             the script acting inside the page: it can still send requests as the user while the page is open.)",
            seen_by_script(*seen)
        ),
        M::ScriptFindsNothing { browser, seen } => format!(
            "A script injected into the app's page runs in {browser} and reads document.cookie: {}. This \
             browser holds no session cookie, so there is nothing to steal.",
            seen_by_script(*seen)
        ),
        M::Sniffed { name, value } => format!(
            "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request as it passes and copies the \
             ticket: {name}={value}."
        ),
        M::SniffedSecure { name } => format!(
            "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request, but it carries no {name} cookie: \
             the browser keeps a Secure cookie off plain http."
        ),
        M::SniffedNothing { name } => format!(
            "Mallory, on the same caf\u{e9} Wi-Fi, reads the plain-text request, but it carries no {name} cookie: \
             this browser holds none."
        ),
    }
}

/// What `document.cookie` gave a script.
fn seen_by_script(seen: Option<&str>) -> &str {
    seen.unwrap_or("(nothing)")
}

fn store_label(store: StoreDialect) -> String {
    super::store_label(store)
}

/// What the reader (or the page's script) did, as the request's step says it.
fn doing_text(doing: &Doing<'_>) -> String {
    match doing {
        Doing::CrossSiteForm { site, method, path, session, decision } => format!(
            "has a page of another site open ({site}), which submits a hidden form to app.example: a {method} to \
             {path}. The browser decides, cookie by cookie, whether to attach them to a request another site \
             started.{}",
            why(session, *decision)
        ),
        Doing::PlainHttp { path, session, decision } => format!(
            "opens http://app.example{path}: plain http, not https (a typed address, an old link).{}",
            why(session, *decision)
        ),
        Doing::Login => {
            "fills in the login form and sends it: a POST to /login with the username and password in the body."
                .to_owned()
        }
        Doing::Logout => "clicks \u{201c}Log out\u{201d}: a POST to /logout.".to_owned(),
        Doing::LogoutEverywhere => {
            "clicks \u{201c}Log out everywhere\u{201d}: a POST to /logout-everywhere.".to_owned()
        }
        Doing::ChangePassword => "submits a new password: a POST to /password.".to_owned(),
        Doing::Open { path, method } => format!("opens {path}: a {method} request."),
        Doing::Renew { carry } => super::refresh::asks_to_renew(*carry).to_owned(),
        Doing::Again(first) => format!("{} {}", super::refresh::RETRIES, doing_text(first)),
    }
}

/// Why the session cookie went or stayed, when the jar said.
fn why(session: &str, decision: Option<&str>) -> String {
    decision.map(|r| format!(" For the {session} cookie: {r}.")).unwrap_or_default()
}

/// An action's one-line label in English.
pub(super) fn action(label: &ActionLabel<'_>) -> String {
    use ActionLabel as A;
    match label {
        A::Login { browser, user } => format!("{browser}: log in as {user}"),
        A::Visit { browser, path } => format!("{browser}: visit {path}"),
        A::Logout(browser) => format!("{browser}: log out"),
        A::LogoutEverywhere(browser) => format!("{browser}: log out everywhere"),
        A::ChangePassword(browser) => format!("{browser}: change password"),
        A::Revoke(id) => format!("admin: revoke {id}"),
        A::RevokeNewest => "admin: revoke the newest session".to_owned(),
        A::RevokeHeldBy(browser) => format!("admin: revoke the session of {browser}"),
        A::RevokeUser(user) => format!("admin: end every session of {user}"),
        A::CopyCookie { from, to } => format!("copy the session cookie from {from} to {to}"),
        A::CloseBrowser(browser) => format!("{browser}: close and reopen the browser"),
        A::Wait(secs) => format!("wait {}", super::duration(*secs)),
        A::RestartServer => "restart the server".to_owned(),
        A::RotateSigningKey => "admin: rotate the signing key".to_owned(),
        A::PlantTicket(browser) => format!("Mallory plants a ticket in {browser}"),
        A::GuessTicket { browser, id } => format!("{browser}: try the ticket {id}"),
        A::ScriptTheft(browser) => format!("an injected script runs in {browser}"),
        A::CrossSiteForm { browser, path } => format!("{browser}: another site's form posts to {path}"),
        A::VisitOverHttp { browser, path } => format!("{browser}: visit http://app.example{path}"),
        A::StartOverWith(defence) => format!("start over with {defence} on"),
        A::StopServer(server) => format!("stop {server}"),
        A::StartServer(server) => format!("start {server} again"),
        A::StopStore => "the session store goes down".to_owned(),
        A::StartStore => "the session store is back".to_owned(),
    }
}

/// Why the world cannot run an action, in English.
pub(super) fn problem(problem: &WorldProblem<'_>) -> String {
    match problem {
        WorldProblem::UnknownBrowser { key, keys } => {
            format!("there is no browser called \u{201c}{key}\u{201d} (the browsers are {keys})")
        }
        WorldProblem::UnknownServer { n, count } => {
            format!("there is no app server {n} (the servers are numbered 1 to {count})")
        }
        WorldProblem::SingleServer => {
            "stopping or starting a server needs 2 or more servers, or a shared store (settings.servers, \
                 settings.storeLayout); with one server, use restartServer"
                .to_owned()
        }
        WorldProblem::WaitOutOfRange { secs, max } => {
            format!("seconds: expected a whole number from 1 to {max} (ten years); found {secs}")
        }
        WorldProblem::WaitPastTheEnd { secs, end, left } => format!(
            "seconds: waiting {} would take the clock past its limit, a hundred years after the start ({end}); \
             {}. Start over to wait again",
            super::duration(*secs),
            if *left == 0 {
                "it has reached it".to_owned()
            } else {
                format!("the longest wait left is {left} seconds ({})", super::duration(*left))
            }
        ),
    }
}
