//! The session lifecycle, behaviour by behaviour: rotation, logout modes,
//! revocation, timeouts, cleanup, restarts, several browsers, and each
//! preset's exact cookies and store commands.

use crate::support::{login, run, status, visit};
use session_playground::ids::{IdSourceSetting, SessionId};
use session_playground::preset::{preset, Cleanup, LogoutMode, Settings};
use session_playground::transcript::render_brief;
use session_playground::{Action, Instant, Trace, World};
use session_playground::{StepKind, StoreOpKind};

fn world(preset_key: &str, tweak: impl FnOnce(&mut Settings)) -> World {
    let mut settings = Settings::of(preset(preset_key).unwrap(), IdSourceSetting::Seeded { seed: 1 });
    tweak(&mut settings);
    World::from_settings(settings)
}

/// The page text a browser finally showed.
fn page(trace: &Trace) -> String {
    trace.steps.last().unwrap().message.as_ref().unwrap().body.clone().unwrap_or_default()
}

/// Every Set-Cookie value in the trace's response.
fn set_cookies(trace: &Trace) -> Vec<String> {
    let response = trace.steps.last().unwrap().message.as_ref().unwrap();
    response.headers.iter().filter(|h| h.name == "Set-Cookie").map(|h| h.value.clone()).collect()
}

fn cookie_value(world: &World, browser: &str) -> Option<String> {
    world.browser(browser).unwrap().jar.cookies().first().map(|c| c.value.clone())
}

fn store_ids(world: &World) -> Vec<String> {
    world.store().rows().iter().map(|r| r.id.to_string()).collect()
}

#[test]
fn sequential_ids_count_up_and_anyone_can_guess_the_next() {
    let mut w = world("generic", |s| s.ids = IdSourceSetting::Sequential);
    run(&mut w, login("laptop", "alice"));
    run(&mut w, login("mallory", "mallory"));
    assert_eq!(store_ids(&w), ["1", "2"]);
    assert_eq!(w.id_source(), "sequential counter (guessable!)");
}

#[test]
fn creation_never_reuses_a_live_id_even_when_the_counter_restarts() {
    // express + connect-redis: sessions live in Redis and survive a restart,
    // but a counter kept in the server's memory starts over at 1.
    let mut w = world("express", |s| s.ids = IdSourceSetting::Sequential);
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::RestartServer);
    let trace = run(&mut w, login("mallory", "mallory"));
    let insert =
        trace.steps.iter().find(|s| s.store_op.as_ref().is_some_and(|o| o.kind == StoreOpKind::Insert)).unwrap();
    assert!(
        insert.narration.starts_with("The first ID drawn, 1, already belongs to a live session"),
        "{}",
        insert.narration
    );
    assert_eq!(store_ids(&w), ["1", "2"]);
    assert_eq!(w.store().rows()[0].user, "alice", "Alice's session was not overwritten");
    assert_eq!(status(&run(&mut w, visit("laptop"))), 200);
}

#[test]
fn a_record_holds_user_data_and_both_expiries() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "bob"));
    let record = &w.store().rows()[0];
    assert_eq!(record.user, "bob");
    assert_eq!(record.data.get("role").map(String::as_str), Some("admin"));
    assert_eq!(record.created, Instant::START);
    assert_eq!(record.last_seen, Instant::START);
    assert_eq!(record.idle_expires, Some(Instant::START.plus_secs(1800)));
    assert_eq!(record.absolute_expires, Some(Instant::START.plus_secs(8 * 3600)));
}

#[test]
fn rotation_at_login_kills_a_planted_ticket() {
    let mut w = world("generic", |s| s.rotate_on_login = true);
    run(&mut w, login("mallory", "mallory"));
    run(&mut w, Action::CopyCookie { from: "mallory".into(), to: "laptop".into() });
    let planted = cookie_value(&w, "laptop").unwrap();
    run(&mut w, login("laptop", "alice"));
    assert_ne!(cookie_value(&w, "laptop").unwrap(), planted, "Alice got a new ID");
    let mallory = run(&mut w, visit("mallory"));
    assert_eq!(status(&mallory), 401);
}

#[test]
fn without_rotation_a_planted_ticket_becomes_the_victims_session() {
    let mut w = world("generic", |s| s.rotate_on_login = false);
    run(&mut w, login("mallory", "mallory"));
    run(&mut w, Action::CopyCookie { from: "mallory".into(), to: "laptop".into() });
    let planted = cookie_value(&w, "laptop").unwrap();
    let trace = run(&mut w, login("laptop", "alice"));
    assert!(render_brief(&trace).contains(&format!("sessions[\"{planted}\"].user = \"alice\"")));
    assert_eq!(cookie_value(&w, "laptop").unwrap(), planted);
    let mallory = run(&mut w, visit("mallory"));
    assert_eq!(
        (status(&mallory), page(&mallory).as_str()),
        (200, "Profile of alice (customer). Signed in since 0:00:00.")
    );
}

#[test]
fn logout_modes_differ_in_what_they_leave_behind() {
    // Delete and expire: both sides clean; a copied ticket dies.
    let mut w = world("generic", |s| s.logout = LogoutMode::DeleteAndExpire);
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::CopyCookie { from: "laptop".into(), to: "mallory".into() });
    let out = run(&mut w, Action::Logout { browser: "laptop".into() });
    assert_eq!(set_cookies(&out), ["sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"]);
    assert!(w.store().is_empty() && cookie_value(&w, "laptop").is_none());
    assert_eq!(status(&run(&mut w, visit("mallory"))), 401);

    // Client only: the jar forgets, the record lives, the copy still works.
    let mut w = world("generic", |s| s.logout = LogoutMode::ClientOnly);
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::CopyCookie { from: "laptop".into(), to: "mallory".into() });
    run(&mut w, Action::Logout { browser: "laptop".into() });
    assert!(cookie_value(&w, "laptop").is_none());
    assert_eq!(w.store().len(), 1);
    assert_eq!(status(&run(&mut w, visit("laptop"))), 401);
    assert_eq!(status(&run(&mut w, visit("mallory"))), 200);

    // Server only: the record dies, the stale cookie stays and is rejected.
    let mut w = world("generic", |s| s.logout = LogoutMode::ServerOnly);
    run(&mut w, login("laptop", "alice"));
    let out = run(&mut w, Action::Logout { browser: "laptop".into() });
    assert!(set_cookies(&out).is_empty());
    assert!(w.store().is_empty());
    assert!(cookie_value(&w, "laptop").is_some());
    assert_eq!(status(&run(&mut w, visit("laptop"))), 401);
    assert!(w.store().is_empty(), "the stale ID was not adopted");
}

#[test]
fn log_out_everywhere_ends_every_session_of_that_user_and_no_other() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, login("phone", "alice"));
    run(&mut w, login("mallory", "bob"));
    let trace = run(&mut w, Action::LogoutEverywhere { browser: "phone".into() });
    let op =
        trace.steps.iter().find_map(|s| s.store_op.as_ref().filter(|o| o.kind == StoreOpKind::DeleteUser)).unwrap();
    assert_eq!(op.removed.len(), 2);
    assert!(op.command.to_string().starts_with("sessions_by_user.get(\"alice\")"));
    assert_eq!(page(&trace), "Logged out everywhere (2 sessions).");
    assert_eq!(status(&run(&mut w, visit("laptop"))), 401);
    assert_eq!(status(&run(&mut w, visit("mallory"))), 200, "Bob's session is untouched");
}

#[test]
fn spring_finds_a_users_sessions_through_its_principal_index() {
    let mut w = world("spring", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, login("phone", "alice"));
    let trace = run(&mut w, Action::LogoutEverywhere { browser: "phone".into() });
    let brief = render_brief(&trace);
    assert!(brief.contains(
        "SMEMBERS spring:session:index:org.springframework.session.FindByIndexNameSessionRepository.\
         PRINCIPAL_NAME_INDEX_NAME:alice"
    ));
    // deleteById() keeps each hash five minutes more, saved with maxInactiveInterval 0,
    // and deletes only its shadow key (spring-session 206fb60).
    assert_eq!(brief.matches("maxInactiveInterval 0").count(), 2);
    assert_eq!(brief.matches("DEL spring:session:sessions:expires:").count(), 4);
    assert!(!brief.contains("DEL spring:session:sessions:c"), "no hash is deleted outright");
}

#[test]
fn a_password_change_ends_the_other_sessions_and_renews_this_one() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, login("phone", "alice"));
    let before = cookie_value(&w, "phone").unwrap();
    let trace = run(&mut w, Action::ChangePassword { browser: "phone".into(), password: "looking-glass".into() });
    assert_eq!(page(&trace), "Password changed. 1 other session ended.");
    assert_ne!(cookie_value(&w, "phone").unwrap(), before, "the ID was renewed");
    assert_eq!(status(&run(&mut w, visit("laptop"))), 401);
    assert_eq!(status(&run(&mut w, visit("phone"))), 200);
    // The old password no longer works; the new one does.
    let old = Action::Login { browser: "mallory".into(), username: "alice".into(), password: "wonderland".into() };
    assert_eq!(status(&run(&mut w, old)), 401);
    let new = Action::Login { browser: "mallory".into(), username: "alice".into(), password: "looking-glass".into() };
    assert_eq!(status(&run(&mut w, new)), 200);
}

#[test]
fn an_administrator_can_end_every_session_of_a_user() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, login("phone", "alice"));
    run(&mut w, Action::RevokeUser { user: "alice".into() });
    assert!(w.store().is_empty());
    assert_eq!(status(&run(&mut w, visit("phone"))), 401);
}

#[test]
fn the_idle_timeout_slides_with_each_request() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::Wait { secs: 1200 });
    assert_eq!(status(&run(&mut w, visit("laptop"))), 200);
    run(&mut w, Action::Wait { secs: 1500 }); // 45 min after login, 25 after the last request.
    assert_eq!(status(&run(&mut w, visit("laptop"))), 200);
    run(&mut w, Action::Wait { secs: 1800 }); // exactly the idle timeout: over.
    let trace = run(&mut w, visit("laptop"));
    assert_eq!(status(&trace), 401);
    let lookup = trace.steps.iter().find_map(|s| s.store_op.as_ref()).unwrap();
    assert_eq!(lookup.expired, Some(session_playground::store::Expiry::Idle));
}

#[test]
fn the_absolute_timeout_ends_even_an_active_session() {
    let mut w = world("generic", |s| s.absolute_timeout = Some(3600));
    run(&mut w, login("laptop", "alice"));
    for _ in 0..2 {
        run(&mut w, Action::Wait { secs: 1500 });
        assert_eq!(status(&run(&mut w, visit("laptop"))), 200);
    }
    run(&mut w, Action::Wait { secs: 1500 });
    let trace = run(&mut w, visit("laptop"));
    assert_eq!(status(&trace), 401);
    let lookup = trace.steps.iter().find_map(|s| s.store_op.as_ref()).unwrap();
    assert_eq!(lookup.expired, Some(session_playground::store::Expiry::Absolute));
}

#[test]
fn reading_a_django_or_tower_session_does_not_extend_it() {
    for key in ["django", "tower"] {
        let mut w = world(key, |_| {});
        run(&mut w, login("laptop", "alice"));
        let before = w.store().rows()[0].clone();
        run(&mut w, Action::Wait { secs: 86_400 });
        assert_eq!(status(&run(&mut w, visit("laptop"))), 200, "{key}");
        let after = &w.store().rows()[0];
        assert_eq!(after.absolute_expires, before.absolute_expires, "{key}");
        assert_eq!(after.idle_expires, None, "{key}");
    }
}

#[test]
fn cleanup_on_read_deletes_an_expired_record_when_a_request_finds_it() {
    let mut w = world("generic", |s| s.cleanup = Cleanup::OnRead);
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::Wait { secs: 3600 });
    assert_eq!(w.store().len(), 1, "nothing removes it while nobody asks");
    let trace = run(&mut w, visit("laptop"));
    assert!(render_brief(&trace).contains("sessions.get(\"wVwCiewtCpFn7I5loY3rvg\") ; sessions.remove("));
    assert!(w.store().is_empty());
}

#[test]
fn a_sweeper_removes_expired_records_as_time_passes() {
    let mut w = world("generic", |s| s.cleanup = Cleanup::Sweeper);
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::Wait { secs: 600 });
    assert_eq!(w.store().len(), 1);
    let trace = run(&mut w, Action::Wait { secs: 1200 });
    assert_eq!(
        render_brief(&trace),
        "clock   time passes\nstore   store: sessions.retain(|s| !s.expired_at(0:30:00))\n"
    );
    assert!(w.store().is_empty());
}

#[test]
fn the_cookie_and_the_record_keep_separate_clocks() {
    // No Max-Age: closing the browser loses the ticket, the record lives on.
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::CloseBrowser { browser: "laptop".into() });
    assert!(cookie_value(&w, "laptop").is_none());
    assert_eq!(w.store().len(), 1);

    // Django's cookie has Max-Age=1209600: it survives the restart of the
    // browser, and leaves the jar by itself when its two weeks are up.
    let mut w = world("django", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::CloseBrowser { browser: "laptop".into() });
    assert!(cookie_value(&w, "laptop").is_some());
    let trace = run(&mut w, Action::Wait { secs: 14 * 86_400 });
    assert!(trace.steps.iter().any(|s| s.kind == StepKind::CookiesExpired));
    assert!(cookie_value(&w, "laptop").is_none());
    // Django deletes nothing by itself: the expired row stays until a
    // clearsessions job runs, but it authenticates nobody.
    assert_eq!(w.store().len(), 1);
    let mut w2 = world("django", |s| s.cleanup = Cleanup::Sweeper);
    run(&mut w2, login("laptop", "alice"));
    run(&mut w2, Action::Wait { secs: 14 * 86_400 });
    assert!(w2.store().is_empty(), "a clearsessions job swept the expired row");
}

#[test]
fn an_expired_row_that_nobody_cleans_up_is_still_refused() {
    let mut w = world("django", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::CopyCookie { from: "laptop".into(), to: "mallory".into() });
    run(&mut w, Action::Wait { secs: 15 * 86_400 });
    // The laptop's cookie ran out with the session; a copy taken earlier fares no better.
    let trace = run(&mut w, visit("mallory"));
    assert_eq!(status(&trace), 401);
    assert_eq!(w.store().len(), 1, "the row is still there, refused");
}

#[test]
fn django_ends_other_sessions_through_the_password_hash_on_their_next_request() {
    let mut w = world("django", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, login("phone", "alice"));
    let trace = run(&mut w, Action::ChangePassword { browser: "phone".into(), password: "looking-glass".into() });
    assert_eq!(page(&trace), "Password changed. Your other sessions end the next time they are used.");
    assert_eq!(w.store().len(), 2, "nothing is deleted at once");
    let laptop = run(&mut w, visit("laptop"));
    assert_eq!(status(&laptop), 401);
    assert!(laptop.steps.iter().any(|s| s.narration.contains("no longer matches the account's")));
    assert_eq!(w.store().len(), 1, "the laptop's session was flushed when it was used");
    assert_eq!(status(&run(&mut w, visit("phone"))), 200);
}

#[test]
fn setting_the_same_password_again_ends_the_other_sessions_too() {
    // Django's set_password and axum-login's examples hash every new password
    // with a fresh salt, and a session is bound to that stored hash: the same
    // password, set again, still ends every other session.
    for preset_key in ["django", "tower"] {
        let mut w = world(preset_key, |_| {});
        run(&mut w, login("laptop", "alice"));
        run(&mut w, login("phone", "alice"));
        let same = Action::ChangePassword { browser: "phone".into(), password: "wonderland".into() };
        assert_eq!(page(&run(&mut w, same)), "Password changed. Your other sessions end the next time they are used.");
        let laptop = run(&mut w, visit("laptop"));
        assert_eq!(status(&laptop), 401, "{preset_key}: the laptop's session ended");
        assert!(laptop.steps.iter().any(|s| s.narration.contains("no longer matches the account's")));
        assert_eq!(status(&run(&mut w, visit("phone"))), 200, "{preset_key}: the phone's session goes on");
        // The password itself is unchanged: it still logs in.
        assert_eq!(status(&run(&mut w, login("mallory", "alice"))), 200, "{preset_key}: the same password works");
    }
}

#[test]
fn a_restart_loses_in_memory_sessions_but_not_redis_ones() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::RestartServer);
    assert!(w.store().is_empty());
    assert!(cookie_value(&w, "laptop").is_some(), "the browser still holds its ticket");
    assert_eq!(status(&run(&mut w, visit("laptop"))), 401);

    let mut w = world("express", |_| {});
    run(&mut w, login("laptop", "alice"));
    run(&mut w, Action::RestartServer);
    assert_eq!(status(&run(&mut w, visit("laptop"))), 200);
}

#[test]
fn each_browser_has_its_own_jar() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    assert!(cookie_value(&w, "phone").is_none() && cookie_value(&w, "mallory").is_none());
    assert_eq!(status(&run(&mut w, visit("phone"))), 401);
    run(&mut w, Action::CopyCookie { from: "laptop".into(), to: "phone".into() });
    assert_eq!(status(&run(&mut w, visit("phone"))), 200);
}

#[test]
fn every_preset_sends_its_librarys_exact_cookies() {
    // (preset, Set-Cookie at login, Set-Cookie at logout or None if it sends none)
    let cases = [
        ("generic", "sid=wVwCiewtCpFn7I5loY3rvg; Path=/; HttpOnly; SameSite=Lax", Some("sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")),
        (
            "express",
            "connect.sid=s%3AwVwCiewtCpFn7I5loY3rvl5VMvvuopP4.ivDl1M0XIyEfZsyXjQaeS5frg7fqubldSxCiCS98cKU; Path=/; HttpOnly",
            None,
        ),
        (
            "tower",
            "id=wVwCiewtCpFn7I5loY3rvg; HttpOnly; SameSite=Strict; Secure; Path=/",
            Some("id=; Path=/; Max-Age=0; Expires=Sun, 02 Mar 2025 09:00:00 GMT"),
        ),
        (
            "django",
            "sessionid=n5wlfuvjygzm4yx1zwi8mz2p5r1d4ygb; expires=Mon, 16 Mar 2026 09:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
            Some("sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"),
        ),
        (
            "spring",
            "SESSION=YzE1YzAyODktZWMyZC00YTkxLWE3ZWMtOGU2NWExOGRlYmJl; Path=/; Secure; HttpOnly; SameSite=Lax",
            Some("SESSION=; Max-Age=0; Expires=Thu, 1 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly; SameSite=Lax"),
        ),
        ("php", "PHPSESSID=1s29cdah7ce51dbuulire2job9; path=/", None),
        (
            "owasp",
            "__Host-id=wVwCiewtCpFn7I5loY3rvg; Secure; HttpOnly; SameSite=Strict; Path=/",
            Some("__Host-id=; Secure; HttpOnly; SameSite=Strict; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
        ),
    ];
    for (key, issued, removed) in cases {
        let mut w = world(key, |_| {});
        assert_eq!(set_cookies(&run(&mut w, login("laptop", "alice"))), [issued], "{key} at login");
        assert_eq!(status(&run(&mut w, visit("laptop"))), 200, "{key}: the cookie it set works");
        let out = run(&mut w, Action::Logout { browser: "laptop".into() });
        assert_eq!(set_cookies(&out), removed.into_iter().collect::<Vec<_>>(), "{key} at logout");
        assert!(w.store().is_empty(), "{key}: logout deleted the record");
        // Where a removal cookie was sent, the browser really removed the cookie.
        assert_eq!(cookie_value(&w, "laptop").is_none(), removed.is_some(), "{key}");
    }
}

#[test]
fn removal_cookies_written_with_only_an_old_expires_delete_too() {
    // express's res.clearCookie() sends only Expires in 1970, no Max-Age.
    let mut w = world("express", |s| s.logout = LogoutMode::DeleteAndExpire);
    run(&mut w, login("laptop", "alice"));
    let out = run(&mut w, Action::Logout { browser: "laptop".into() });
    assert_eq!(set_cookies(&out), ["connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]);
    assert!(cookie_value(&w, "laptop").is_none());
}

#[test]
fn a_tampered_express_cookie_is_ignored_not_looked_up() {
    let mut w = world("express", |_| {});
    run(&mut w, login("laptop", "alice"));
    let jar = &mut w.browser_mut("laptop").unwrap().jar;
    let mut cookie = jar.cookies()[0].clone();
    cookie.value = cookie.value.replacen("wVwC", "AAAA", 1);
    jar.put(cookie);
    let trace = run(&mut w, visit("laptop"));
    assert!(trace.steps.iter().all(|s| s.store_op.is_none()), "no lookup for an unsigned or forged value");
    assert!(trace.steps.iter().any(|s| s.narration.contains("its signature does not match")));
    assert_eq!(status(&trace), 401);
}

/// Each preset's store commands for a login, a visit and a logout, as the
/// real library's store receives them (tests/real/ holds the recordings).
#[test]
fn every_preset_writes_its_stores_real_commands() {
    let express_json = "'{\"cookie\":{\"originalMaxAge\":null,\"expires\":null,\"httpOnly\":true,\"path\":\"/\"},\"user\":\"alice\",\"role\":\"customer\"}'";
    let express_set = format!("SET sess:wVwCiewtCpFn7I5loY3rvl5VMvvuopP4 {express_json} EX 86400");
    let django_key = "n5wlfuvjygzm4yx1zwi8mz2p5r1d4ygb";
    let django_load = format!("SELECT session_data, expire_date FROM django_session WHERE session_key = '{django_key}' AND expire_date > '2026-03-02 09:00:00'");
    // Per preset: the commands of a login, of a visit and of a logout.
    type Commands = Vec<String>;
    let cases: [(&str, Commands, Commands, Commands); 4] = [
        (
            "express",
            // regenerate() destroys the request's unsaved session, then save() and the end of the request both save.
            vec!["DEL sess:9d3SPWm1kr5dTp1n9hmvCwuN82A1MaDo".into(), format!("{express_set} ; {express_set}")],
            vec!["GET sess:wVwCiewtCpFn7I5loY3rvl5VMvvuopP4 ; EXPIRE sess:wVwCiewtCpFn7I5loY3rvl5VMvvuopP4 86400".into()],
            vec!["GET sess:wVwCiewtCpFn7I5loY3rvl5VMvvuopP4 ; DEL sess:wVwCiewtCpFn7I5loY3rvl5VMvvuopP4".into()],
        ),
        (
            "tower",
            vec!["DEL 9d3SPWm1kr5dTp1n9hmvCw".into(), "SET wVwCiewtCpFn7I5loY3rvg <MessagePack of the record> EXAT 1773651600 NX".into()],
            vec!["GET wVwCiewtCpFn7I5loY3rvg".into()],
            vec!["DEL wVwCiewtCpFn7I5loY3rvg".into()],
        ),
        (
            "django",
            vec![format!("SELECT 1 FROM django_session WHERE session_key = '{django_key}' LIMIT 1 ; INSERT INTO django_session (session_key, session_data, expire_date) VALUES ('{django_key}', '<signed session data>', '2026-03-16 09:00:00') ; UPDATE django_session SET session_data = '<signed session data>', expire_date = '2026-03-16 09:00:00' WHERE session_key = '{django_key}'")],
            vec![django_load.clone()],
            vec![format!("{django_load} ; SELECT session_key, session_data, expire_date FROM django_session WHERE session_key = '{django_key}' ; DELETE FROM django_session WHERE session_key IN ('{django_key}')")],
        ),
        (
            "php",
            vec!["create sess_1s29cdah7ce51dbuulire2job9 ; write sess_1s29cdah7ce51dbuulire2job9: user|s:5:\"alice\";role|s:8:\"customer\";".into()],
            vec!["read sess_1s29cdah7ce51dbuulire2job9 ; touch sess_1s29cdah7ce51dbuulire2job9".into()],
            vec!["read sess_1s29cdah7ce51dbuulire2job9 ; unlink sess_1s29cdah7ce51dbuulire2job9".into()],
        ),
    ];
    for (key, insert, lookup, delete) in cases {
        let mut w = world(key, |_| {});
        let commands = |t: &Trace| -> Vec<String> {
            t.steps
                .iter()
                .filter_map(|s| s.store_op.as_ref())
                .map(|o| o.command.iter().collect::<Vec<_>>().join(" ; "))
                .collect()
        };
        assert_eq!(commands(&run(&mut w, login("laptop", "alice"))), insert, "{key}");
        assert_eq!(commands(&run(&mut w, visit("laptop"))), lookup, "{key}");
        assert_eq!(commands(&run(&mut w, Action::Logout { browser: "laptop".into() })), delete, "{key}");
    }
}

#[test]
fn spring_cookies_carry_the_uuid_in_base64() {
    let mut w = world("spring", |_| {});
    run(&mut w, login("laptop", "alice"));
    let id = w.store().rows()[0].id.to_string();
    assert_eq!(id, "c15c0289-ec2d-4a91-a7ec-8e65a18debbe");
    assert_eq!(session_playground::encoding::base64(id.as_bytes()), cookie_value(&w, "laptop").unwrap());
}

#[test]
fn each_request_says_which_cookies_went_and_why() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    // A cookie for another path, set by hand, stays home.
    let jar = &mut w.browser_mut("laptop").unwrap().jar;
    let url = session_playground::jar::Url::parse("https://app.example/admin/x").unwrap();
    jar.set_cookie("panel=1", &url, session_playground::jar::Context::SAME_SITE, 1_772_442_000_000);
    let trace = run(&mut w, visit("laptop"));
    let StepKind::RequestBuilt { cookie_decisions } = &trace.steps[0].kind else {
        panic!("the first step builds the request")
    };
    let summary: Vec<(String, bool, String)> =
        cookie_decisions.iter().map(|d| (d.name.clone(), d.sent, d.reason.to_string())).collect();
    assert_eq!(
        summary,
        [
            ("sid".into(), true, "sent: it matches the host and path, and nothing holds it back".into()),
            ("panel".into(), false, "withheld: the path /profile is not under Path=/admin".into()),
        ]
    );
}

/// A run with CSPRNG IDs, replayed with the IDs it drew, shows the very same
/// tickets and store: what a shared link relies on.
#[test]
fn a_csprng_run_replayed_with_its_drawn_ids_is_the_same_run() {
    let actions = || {
        vec![
            login("laptop", "alice"),
            login("phone", "alice"),
            Action::StartOverWith { defence: session_playground::defence::Defence::Rotation },
            login("laptop", "bob"),
            visit("laptop"),
        ]
    };
    for key in ["generic", "express", "django", "spring", "php"] {
        let settings = Settings::of(preset(key).unwrap(), IdSourceSetting::Csprng);
        let mut first = World::from_settings(settings.clone());
        let traces: Vec<String> = actions().into_iter().map(|a| render_brief(&run(&mut first, a))).collect();
        let drawn: Vec<String> = first.drawn_ids().iter().map(|id| id.as_str().to_owned()).collect();
        assert_eq!(drawn.len(), 3, "{key}: one ID per login, kept across starting over");

        let mut again = World::from_settings(settings.clone());
        again.replay_ids(&drawn).unwrap();
        let replayed: Vec<String> = actions().into_iter().map(|a| render_brief(&run(&mut again, a))).collect();
        assert_eq!(replayed, traces, "{key}");
        assert_eq!(again.drawn_ids(), first.drawn_ids());

        // A fresh CSPRNG run draws other IDs; a made-up ID is refused when its turn comes, and said so.
        let mut fresh = World::from_settings(settings.clone());
        run(&mut fresh, login("laptop", "alice"));
        assert_ne!(fresh.drawn_ids()[0], first.drawn_ids()[0]);
        let mut made_up = World::from_settings(settings);
        made_up.replay_ids(&["1".to_owned()]).unwrap();
        run(&mut made_up, login("laptop", "alice"));
        assert_ne!(made_up.drawn_ids()[0].as_str(), "1", "{key}");
        let refused = made_up.refused_ids();
        assert_eq!((refused.len(), refused[0].position, refused[0].id.as_str()), (1, 1, "1"), "{key}");
        assert!(refused[0].reason.starts_with("it is not "), "{key}: {}", refused[0].reason);
    }
    // Seeded IDs replay by themselves and take none.
    assert!(world("generic", |_| {}).replay_ids(&["x".to_owned()]).is_err());
}

#[test]
fn the_clock_stops_a_hundred_years_after_the_start_and_says_so() {
    let mut w = world("generic", |_| {});
    run(&mut w, login("laptop", "alice"));
    let decade = Action::Wait { secs: 10 * 366 * 86_400 };
    for _ in 0..9 {
        run(&mut w, decade.clone());
    }
    let before = w.snapshot();
    let err = w.apply(&decade).expect_err("a wait past the clock's end").to_string();
    assert_eq!(
        err,
        "seconds: waiting 3660 days would take the clock past its limit, a hundred years after the start (Sat, 02 \
         Mar 2126 09:00:00 GMT); the longest wait left is 309657600 seconds (512 weeks). Start over to wait again"
    );
    assert_eq!(w.snapshot(), before, "a refused wait changes nothing");
    let err = w.apply(&Action::Wait { secs: u64::MAX }).expect_err("longer than one wait may be").to_string();
    assert_eq!(err, format!("seconds: expected a whole number from 1 to 316224000 (ten years); found {}", u64::MAX));
    // Up to the end exactly is fine, and the dates written stay four-digit years.
    let trace = run(&mut w, Action::Wait { secs: 512 * 7 * 86_400 });
    assert!(trace.steps[0].narration.ends_with("(Sat, 02 Mar 2126 09:00:00 GMT)."), "{}", trace.steps[0].narration);
    let login = run(&mut w, login("phone", "bob"));
    assert_eq!(status(&login), 200);
    assert!(w.apply(&Action::Wait { secs: 1 }).unwrap_err().to_string().contains("it has reached it"));
}

#[test]
fn php_strict_mode_answers_an_unknown_id_with_a_fresh_empty_session_that_a_login_then_fills() {
    let mut w = world("php", |_| {});
    run(
        &mut w,
        Action::GuessTicket {
            browser: "mallory".into(),
            id: SessionId::from_untrusted("madeupmadeupmadeupmadeupmadeup12"),
        },
    );
    let first = run(&mut w, visit("mallory"));
    assert_eq!(status(&first), 401);
    // A new ID, not the made-up one, in a cookie of its own; its file is empty,
    // so the store lists no session.
    let issued = cookie_value(&w, "mallory").unwrap();
    assert_ne!(issued, "madeupmadeupmadeupmadeupmadeup12");
    assert_eq!(set_cookies(&first), vec![format!("PHPSESSID={issued}; path=/")]);
    assert!(render_brief(&first).contains(&format!("create sess_{issued} ; write sess_{issued}: ")));
    assert!(store_ids(&w).is_empty());
    // The empty session is visited again: no new cookie, the empty file rewritten.
    let again = run(&mut w, visit("mallory"));
    assert_eq!((status(&again), set_cookies(&again)), (401, vec![]));
    assert!(render_brief(&again).contains(&format!("write sess_{issued}: ")));
    // Strict mode stops a made-up ID, not one the server issued: planted
    // before Alice logs in, it becomes her session (PHP keeps the ID at login).
    run(&mut w, Action::CopyCookie { from: "mallory".into(), to: "laptop".into() });
    let alice = run(&mut w, login("laptop", "alice"));
    assert!(set_cookies(&alice).is_empty(), "PHP sends no cookie for a session it resumed");
    assert_eq!(store_ids(&w), vec![issued.clone()]);
    let mallory = run(&mut w, visit("mallory"));
    assert_eq!(status(&mallory), 200);
}

#[test]
fn a_host_prefixed_removal_without_secure_is_refused_and_the_page_says_so() {
    // express's res.clearCookie(name, { path: '/' }) writes no Secure; Django adds it for a __Host- name.
    for (key, kept) in [("express", true), ("tower", true), ("django", false), ("php", false)] {
        let mut w = world(key, |s| {
            s.host_prefix = true;
            s.secure = true;
            s.logout = LogoutMode::DeleteAndExpire;
        });
        run(&mut w, login("laptop", "alice"));
        let logout = run(&mut w, Action::Logout { browser: "laptop".into() });
        assert_eq!(cookie_value(&w, "laptop").is_some(), kept, "{key}: the jar keeps the ticket");
        let warned = logout.steps.iter().any(|s| s.narration.contains("refuses any __Host- cookie without Secure"));
        assert_eq!(warned, kept, "{key}: the narration says the removal is refused");
    }
}
