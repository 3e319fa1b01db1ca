//! The scale lab's simulator, feature by feature: seeded runs with exact
//! counts. Each test names the lesson it checks; none measures time.

use session_playground::ids::SplitMix64;
use session_playground::measured::measured;
use session_playground::revocation::{stolen_credential_window, watch_settings, WATCH_SECS};
use session_playground::scale::{RequestCommands, ScaleConfig, ScaleError, ScaleRun, Sweep};
use session_playground::token::Mechanism;
use session_playground::topology::{Balancing, StoreLayout};

/// 10,000 users, 100,000 requests, 4 servers, round-robin, one store per server, seed 1.
fn four_servers() -> ScaleConfig {
    ScaleConfig { users: 10_000, requests: 100_000, ..ScaleConfig::default() }
}

#[test]
fn one_user_behind_round_robin_finds_the_session_on_one_request_in_four() {
    let result = ScaleRun::run(ScaleConfig { users: 1, requests: 401, servers: 4, ..ScaleConfig::default() }).unwrap();
    assert_eq!((result.logins, result.lookups), (1, 400));
    // The login left the record on server 1; only every fourth request comes back to it.
    assert_eq!((result.found, result.not_found), (100, 300));
    assert_eq!(result.per_server, [101, 100, 100, 100]);
    assert_eq!(result.records_per_store, [1, 0, 0, 0]);
}

#[test]
fn many_users_behind_round_robin_lose_three_requests_in_four() {
    let result = ScaleRun::run(four_servers()).unwrap();
    // Round-robin spreads the load exactly evenly…
    assert_eq!(result.per_server, [25_000; 4]);
    // …and every user logged in once, somewhere.
    assert_eq!((result.logins, result.lookups), (10_000, 90_000));
    assert_eq!(result.records_per_store, [2_534, 2_452, 2_470, 2_544]);
    // Which server a user's next request reaches has nothing to do with where they logged in.
    assert_eq!((result.found, result.not_found), (22_417, 67_583));
    let lost = result.not_found as f64 / result.lookups as f64;
    assert!((lost - 0.75).abs() < 0.01, "{lost}");
    // Memory lookups: no round trips. A login writes (1 command), a miss reads
    // (1), a hit reads and touches (2): 1 µs for most requests, 2 µs for hits.
    assert_eq!(result.round_trips, 0);
    assert_eq!((result.commands.login, result.commands.missed, result.commands.found), (1, 1, 2));
    assert_eq!(result.store_ops, result.logins + result.not_found + 2 * result.found);
    assert_eq!((result.latency.p50_ns, result.latency.p99_ns), (1_000, 2_000));
}

#[test]
fn random_balancing_loses_as_much_and_spreads_the_load_unevenly() {
    let result = ScaleRun::run(ScaleConfig { balancing: Balancing::Random, ..four_servers() }).unwrap();
    assert_eq!(result.per_server, [24_835, 25_011, 25_045, 25_109]);
    assert_eq!((result.found, result.not_found), (22_129, 67_871));
}

#[test]
fn users_sent_back_to_log_in_leave_records_behind_in_every_store() {
    let result = ScaleRun::run(ScaleConfig { relogin: true, ..four_servers() }).unwrap();
    assert_eq!((result.logins, result.lookups, result.found), (46_109, 53_891, 13_509));
    // A login that lands where the user's record is regenerates it (a new ID,
    // the old record deleted); any other makes a record, and nothing deletes
    // the one left behind.
    assert_eq!(result.records, 37_051);
    assert_eq!(result.records_per_store, [9_278, 9_224, 9_251, 9_298]);
    assert_eq!(result.memory.redis_bytes, 37_051 * 272);
}

#[test]
fn a_shared_store_finds_every_session_at_a_round_trip_each() {
    let result = ScaleRun::run(ScaleConfig { layout: StoreLayout::Shared, ..four_servers() }).unwrap();
    assert_eq!((result.found, result.not_found), (90_000, 0));
    // Every command crosses the network: a login's DEL, SET, SET, and each
    // later request's GET and EXPIRE (express-session touches a session it did not change).
    assert_eq!(result.round_trips, 3 * result.logins + 2 * result.lookups);
    assert_eq!((result.round_trips, result.store_ops), (210_000, 210_000));
    assert_eq!(result.records_per_store, [10_000]);
    // Every hundredth round trip is slow: 2,100 of them, each in a different request.
    assert_eq!((result.latency.round_trip, result.latency.slow_round_trip), (207_900, 2_100));
    assert_eq!(result.latency.tail_requests, 2_100);
    // 2.1% of requests pay for a slow trip, well past the 1% p99 leaves out:
    // p99 is a lookup's slow trip (2.2 ms), p99.9 a login's (three trips, 2.4 ms).
    assert_eq!(
        (result.latency.p50_ns, result.latency.p99_ns, result.latency.p999_ns, result.latency.mean_ns),
        (400_000, 2_200_000, 2_400_000, 457_800)
    );
}

#[test]
fn the_latency_tail_does_not_depend_on_the_seed() {
    for balancing in Balancing::ALL {
        let tails: Vec<_> = (1..=6)
            .map(|seed| {
                let config = ScaleConfig { layout: StoreLayout::Shared, balancing, seed, ..four_servers() };
                let latency = ScaleRun::run(config).unwrap().latency;
                (latency.p50_ns, latency.p99_ns, latency.p999_ns, latency.tail_requests.div_ceil(10))
            })
            .collect();
        // (A seed whose draw leaves a user without a request has one login,
        // so 3 round trips, fewer: 2,099 slow trips instead of 2,100.)
        assert_eq!(tails, [(400_000, 2_200_000, 2_400_000, 210); 6], "{balancing:?}");
    }
}

#[test]
fn sticky_sessions_find_every_session_but_the_load_follows_the_users() {
    let config = ScaleConfig { users: 1_000, balancing: Balancing::Sticky, ..four_servers() };
    let result = ScaleRun::run(config).unwrap();
    assert_eq!((result.found, result.not_found), (99_000, 0));
    // Users are pinned in turn, so each server holds a quarter of them…
    assert_eq!(result.records_per_store, [250; 4]);
    // …and with users alike, each server takes about a quarter of the requests.
    assert_eq!(result.per_server, [25_013, 24_861, 25_129, 24_997]);
    let ten_thousand = ScaleRun::run(ScaleConfig { balancing: Balancing::Sticky, ..four_servers() }).unwrap();
    assert_eq!(ten_thousand.per_server, [24_863, 25_052, 24_854, 25_231]);
}

#[test]
fn a_few_heavy_users_make_sticky_load_uneven() {
    let config = ScaleConfig { balancing: Balancing::Sticky, skewed: true, ..four_servers() };
    let result = ScaleRun::run(config).unwrap();
    assert_eq!((result.found, result.not_found), (result.lookups, 0));
    // The first user alone sends about a tenth of all requests, and their server takes them all.
    assert_eq!(result.per_server, [17_594, 31_541, 20_304, 30_561]);
    // Round-robin spreads the same users' requests evenly.
    let even = ScaleRun::run(ScaleConfig { balancing: Balancing::RoundRobin, ..config }).unwrap();
    assert_eq!(even.per_server, [25_000; 4]);
    // The skewed mix keeps a share table: 4 more bytes a user.
    assert_eq!(result.memory.simulator_bytes_per_user, 6);
}

#[test]
fn while_the_shared_store_is_down_each_request_waits_out_a_timeout() {
    let config = ScaleConfig { layout: StoreLayout::Shared, outage_percent: 25, ..four_servers() };
    let result = ScaleRun::run(config).unwrap();
    // One failed command a request, waiting out the client's timeout, as the stepper charges an unreachable store.
    assert_eq!(result.latency.failed, 25_000);
    assert_eq!(result.cost.unreachable_timeout_ns, 1_000_000_000);
    // A quarter of the requests wait a whole second: p99 is the timeout, and it drags the mean to a quarter second.
    assert_eq!(
        (result.latency.p50_ns, result.latency.p99_ns, result.latency.mean_ns),
        (400_000, 1_000_000_000, 250_348_772)
    );
}

/// Replays the arrivals of a sticky, per-server run that stops server `stop`
/// (from 1) at the midpoint: request `i` comes from user `(r >> 32) * users >> 32`
/// of the generator's `i`-th draw, and users are pinned in turn as they first
/// arrive. Counts, for the users pinned to `stop` before the midpoint, their
/// requests after it and how many of them sent any.
fn pinned_users_later_requests(config: &ScaleConfig, stop: u8) -> (u64, u64) {
    let mut rng = SplitMix64::new(config.seed);
    let mut pinned = vec![None; config.users as usize];
    let mut arrived = 0u64;
    let mut counted = vec![false; config.users as usize];
    let (mut requests, mut users) = (0, 0);
    for i in 0..config.requests {
        let user = (((rng.next_u64() >> 32) * u64::from(config.users)) >> 32) as usize;
        if pinned[user].is_none() && i < config.midpoint() {
            pinned[user] = Some(arrived % u64::from(config.servers) == u64::from(stop - 1));
            arrived += 1;
        }
        if i >= config.midpoint() && pinned[user] == Some(true) {
            requests += 1;
            if !counted[user] {
                counted[user] = true;
                users += 1;
            }
        }
    }
    (requests, users)
}

#[test]
fn stopping_a_server_loses_exactly_its_pinned_users_later_requests() {
    let config = ScaleConfig { users: 1_000, balancing: Balancing::Sticky, stop_server: Some(2), ..four_servers() };
    let mut run = ScaleRun::new(config).unwrap();
    run.step(config.midpoint());
    assert_eq!(run.result().not_found, 0, "sticky sessions lose nothing while every server runs");
    run.step(u64::MAX);
    let result = run.result();
    assert_eq!(result.sessions_lost, 250);
    let (later_requests, later_users) = pinned_users_later_requests(&config, 2);
    assert_eq!(result.not_found, later_requests);
    assert_eq!((result.not_found, later_users), (12_506, 250));
    // The stopped server took no requests after the midpoint, and its memory is gone.
    assert_eq!(result.records_per_store, [250, 0, 250, 250]);

    // Sent back to log in, each of them loses one request and logs in elsewhere.
    let result = ScaleRun::run(ScaleConfig { relogin: true, ..config }).unwrap();
    assert_eq!(result.not_found, later_users);
    assert_eq!((result.logins, result.records_per_store.as_slice()), (1_250, &[334, 0, 333, 333][..]));

    // With more users than requests before the stop, many arrive later and are pinned to the others.
    let crowd = ScaleConfig { users: 60_000, ..config };
    let result = ScaleRun::run(crowd).unwrap();
    assert_eq!(result.not_found, pinned_users_later_requests(&crowd, 2).0);

    // With the shared store, a stopped app server loses no session.
    let result = ScaleRun::run(ScaleConfig { layout: StoreLayout::Shared, ..config }).unwrap();
    assert_eq!((result.not_found, result.sessions_lost), (0, 0));
}

#[test]
fn while_the_shared_store_is_down_no_request_finds_its_session() {
    let config = ScaleConfig { layout: StoreLayout::Shared, outage_percent: 25, ..four_servers() };
    let mut run = ScaleRun::new(config).unwrap();
    run.step(50_000);
    let before = run.result();
    assert_eq!(before.not_found, 0);
    run.step(25_000);
    let during = run.result();
    assert_eq!(during.found, before.found, "zero found during the outage");
    assert_eq!(during.store_errors, 25_000);
    assert_eq!(during.failed_logins, 201);
    run.step(25_000);
    let after = run.result();
    assert!(after.found > during.found, "the store is back");
    assert_eq!((after.found, after.not_found, after.records), (65_005, 24_799, 9_995));
}

#[test]
fn more_servers_with_their_own_stores_find_fewer_sessions() {
    let runs: Vec<_> =
        four_servers().sweep(Sweep::Servers).into_iter().map(|config| ScaleRun::run(config).unwrap()).collect();
    assert_eq!(runs.iter().map(|r| r.config.servers).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(runs[0].found, runs[0].lookups, "one server holds every record");
    assert!(runs.windows(2).all(|w| w[1].found < w[0].found));
    let policies = four_servers().sweep(Sweep::Policies);
    assert_eq!(policies.iter().map(|c| c.balancing).collect::<Vec<_>>(), Balancing::ALL);
}

#[test]
fn chunked_runs_are_the_same_run() {
    let config = ScaleConfig { stop_server: Some(3), balancing: Balancing::Sticky, relogin: true, ..four_servers() };
    let whole = ScaleRun::run(config).unwrap();
    let mut run = ScaleRun::new(config).unwrap();
    while !run.finished() {
        run.step(4_093);
    }
    assert_eq!(run.result(), whole);
}

#[test]
fn configurations_from_json_are_checked_field_by_field() {
    let config = ScaleConfig::from_json(
        r#"{"users": 4, "requests": 40, "servers": 2, "balancing": "sticky", "layout": "shared", "seed": 9, "stopServer": 2, "outagePercent": 10, "relogin": true}"#,
    )
    .unwrap();
    assert_eq!(
        (config.users, config.servers, config.balancing, config.stop_server),
        (4, 2, Balancing::Sticky, Some(2))
    );
    let error = |json: &str| ScaleConfig::from_json(json).unwrap_err().to_string();
    assert_eq!(error(r#"{"users": 0}"#), "users: expected a whole number from 1 to 100000; found 0");
    assert_eq!(error(r#"{"requests": 1000001}"#), "requests: expected a whole number from 1 to 1000000; found 1000001");
    assert_eq!(error(r#"{"servers": 9}"#), "servers: expected a whole number from 1 to 8; found 9");
    assert_eq!(
        error(r#"{"balancing": "leastConn"}"#),
        r#"balancing: expected one of roundRobin, random, sticky; found "leastConn""#
    );
    assert_eq!(error(r#"{"servers": 2, "stopServer": 3}"#), "stopServer: expected a server from 1 to 2; found 3");
    assert_eq!(error(r#"{"servers": 1, "stopServer": 1}"#), "stopServer: stopping a server needs at least 2 servers");
    assert_eq!(
        error(r#"{"outagePercent": 5}"#),
        "outagePercent: an outage applies to the shared store; per-server stores live in each server's memory."
    );
    assert_eq!(error(r#"{"user": 5}"#).split(';').next(), Some("user: not a field"));
    assert!(matches!(ScaleRun::new(ScaleConfig { users: 0, ..four_servers() }), Err(ScaleError(_))));
}

/// One user's requests played in the stepper as the scale lab models them:
/// a login while the user has no session, a visit otherwise, and a login
/// again after a visit that found nothing. Returns the store commands (one
/// a line of each step's store operation) and the visits that found the session.
fn stepper_counts(layout: StoreLayout, servers: u8, requests: u64) -> (u64, u64) {
    use session_playground::ids::IdSourceSetting;
    use session_playground::preset::{preset, Settings};
    use session_playground::Direction;
    use session_playground::{Action, World};
    let mut settings = Settings::of(preset("express").unwrap(), IdSourceSetting::Seeded { seed: 1 });
    settings.servers = servers;
    settings.balancing = Balancing::RoundRobin;
    settings.store_layout = layout;
    let mut world = World::from_settings(settings);
    let (mut commands, mut found, mut logged_in) = (0, 0, false);
    for _ in 0..requests {
        let action = if logged_in {
            Action::Visit { browser: "laptop".into(), path: "/profile".into() }
        } else {
            Action::Login { browser: "laptop".into(), username: "alice".into(), password: "wonderland".into() }
        };
        let trace = world.apply(&action).unwrap();
        commands +=
            trace.steps.iter().filter_map(|s| s.store_op.as_ref()).map(|op| op.command.count() as u64).sum::<u64>();
        let status =
            trace.steps.iter().rev().find_map(|s| {
                s.message.as_ref().filter(|m| m.direction == Direction::ToBrowser).and_then(|m| m.status)
            });
        let ok = status.map(|s| s.to_string()) == Some("200".to_owned());
        if logged_in {
            found += u64::from(ok);
        }
        logged_in = ok;
    }
    (commands, found)
}

#[test]
fn the_scale_lab_counts_the_store_commands_the_stepper_runs() {
    // (The scale lab's own stores are each server's MemoryStore, as the
    // stepper's are from two servers on; with one server the stepper keeps
    // the preset's Redis.)
    for (layout, servers) in
        [(StoreLayout::Shared, 1), (StoreLayout::Shared, 3), (StoreLayout::PerServer, 2), (StoreLayout::PerServer, 3)]
    {
        let config = ScaleConfig { users: 1, requests: 13, servers, layout, relogin: true, ..ScaleConfig::default() };
        let scale = ScaleRun::run(config).unwrap();
        assert_eq!(
            (scale.store_ops, scale.found),
            stepper_counts(layout, servers, 13),
            "{layout:?}, {servers} servers"
        );
    }
    // With connect-redis a first login is DEL (the request's unsaved
    // session), SET, SET; a hit GET, EXPIRE; a miss GET; a login with a dead cookie GET, DEL, SET, SET.
    let shared =
        ScaleRun::run(ScaleConfig { users: 1, requests: 2, layout: StoreLayout::Shared, ..ScaleConfig::default() });
    let commands = shared.unwrap().commands;
    assert_eq!((commands.login, commands.found, commands.missed, commands.relogin), (3, 2, 1, 4));
}

/// The five ways of remembering a login, each run on the same users and balancer.
fn side_by_side() -> Vec<session_playground::scale::ScaleResult> {
    four_servers().sweep(Sweep::Mechanisms).into_iter().map(|config| ScaleRun::run(config).unwrap()).collect()
}

#[test]
fn side_by_side_the_five_mechanisms_cost_what_their_stores_cost() {
    let runs = side_by_side();
    let rows: Vec<_> = runs
        .iter()
        .map(|r| {
            let fixes = (r.config.denylist, r.config.refresh);
            (r.config.mechanism, r.config.layout, fixes, r.found, r.store_ops, r.round_trips, r.records)
        })
        .collect();
    assert_eq!(
        rows,
        [
            // Sessions in each server's memory: cheap, and three lookups in four miss.
            (Mechanism::ServerSession, StoreLayout::PerServer, (false, false), 22_417, 122_417, 0, 10_000),
            // Sessions in a shared store: every lookup finds, at two round trips each.
            (Mechanism::ServerSession, StoreLayout::Shared, (false, false), 90_000, 210_000, 210_000, 10_000),
            // Tokens: every server accepts every token, and nothing is stored or asked.
            (Mechanism::Token, StoreLayout::PerServer, (false, false), 90_000, 0, 0, 0),
            // A denylist: one lookup per request again, a round trip each (nobody was revoked, so it holds nothing).
            (Mechanism::Token, StoreLayout::Shared, (true, false), 90_000, 90_000, 90_000, 0),
            // Refresh tokens: a record filed at each login (two commands), none on a request
            // (no access token expires within the run).
            (Mechanism::Token, StoreLayout::Shared, (false, true), 90_000, 20_000, 20_000, 10_000),
        ]
    );
    // The commands per kind of request come from the stepper's own token server.
    assert_eq!((runs[2].commands.login, runs[2].commands.found), (0, 0));
    assert_eq!((runs[3].commands.login, runs[3].commands.found), (0, 1));
    // A renewal, once an access token has expired, reads and rotates the refresh record: 4 commands.
    assert_eq!((runs[4].commands.login, runs[4].commands.found, runs[4].commands.renewal), (2, 0, 4));
    // Latency: a token's signature check (2 µs, stated) on every request; with
    // a denylist, a round trip more on every request after login, and every
    // hundredth of those slow.
    let latency = |r: &session_playground::scale::ScaleResult| (r.latency.p50_ns, r.latency.p99_ns, r.latency.p999_ns);
    assert_eq!(latency(&runs[2]), (2_000, 2_000, 2_000));
    assert_eq!(latency(&runs[3]), (202_000, 202_000, 2_002_000));
    assert_eq!(runs[3].latency.slow_round_trip, 900);
    // With refresh tokens only the logins (a tenth of the requests) cross the network.
    assert_eq!(latency(&runs[4]), (2_000, 402_000, 2_202_000));
}

#[test]
fn a_stolen_credential_outlives_its_revocation_only_as_a_token_without_a_denylist() {
    let windows: Vec<_> = side_by_side().iter().map(|r| r.revocation.usable_secs).collect();
    // Deleting a session's record ends every copy at once; a token works
    // until its exp, 15 minutes after login; the denylist refuses it at once.
    // Refresh tokens: revocation deletes the refresh record, so the stolen
    // access token works until its own exp, 5 minutes at most, and is not renewed.
    assert_eq!(windows, [Some(0), Some(0), Some(15 * 60), Some(0), Some(5 * 60)]);
    // The window is the token's own lifetime, measured to the second: a try a
    // minute, then the last minute again a try a second.
    let mut settings = watch_settings(StoreLayout::PerServer, Mechanism::Token, false, false);
    settings.token_lifetime = 37 * 60 + 13;
    let window = stolen_credential_window(settings);
    assert_eq!(window.usable_secs, Some(37 * 60 + 13));
    // One try at once, 37 a minute apart (the 38th refused), then 13 a second apart.
    assert_eq!(window.attempts, 1 + 38 + 13);
}

#[test]
fn a_token_server_loses_nobody_when_a_server_stops() {
    let config = ScaleConfig { mechanism: Mechanism::Token, stop_server: Some(2), ..four_servers() };
    let result = ScaleRun::run(config).unwrap();
    assert_eq!((result.sessions_lost, result.found, result.lookups), (0, 90_000, 90_000));
    assert_eq!(result.per_server[1], 12_500);
}

#[test]
fn while_the_shared_store_is_down_a_denylist_fails_every_request_but_logins() {
    let config = ScaleConfig {
        mechanism: Mechanism::Token,
        denylist: true,
        layout: StoreLayout::Shared,
        outage_percent: 10,
        ..four_servers()
    };
    let result = ScaleRun::run(config).unwrap();
    // 10,000 requests in the outage; the logins among them sign a token and ask no store.
    let outage_logins = result.logins - ScaleRun::run(ScaleConfig { outage_percent: 0, ..config }).unwrap().logins;
    assert_eq!(outage_logins, 0);
    assert_eq!(result.store_errors + result.found, result.lookups);
    assert_eq!(result.latency.failed, result.store_errors);
    assert!(result.store_errors > 9_000 && result.store_errors < 10_000, "{}", result.store_errors);
    // Without a denylist the same outage changes nothing: a token server has no store to lose.
    let plain = ScaleRun::run(ScaleConfig { denylist: false, ..config }).unwrap();
    assert_eq!((plain.store_errors, plain.found), (0, plain.lookups));
    // With refresh tokens the logins are what need the store: those in the outage fail and are tried again.
    let refresh = ScaleRun::run(ScaleConfig { denylist: false, refresh: true, ..config }).unwrap();
    assert_eq!((refresh.failed_logins, refresh.store_errors), (86, 86));
    assert_eq!(refresh.found, refresh.lookups);
    // One refresh record for each login that succeeded.
    assert_eq!(refresh.records, refresh.logins - refresh.failed_logins);
}

#[test]
fn token_settings_are_read_and_checked() {
    let config = ScaleConfig::from_json(r#"{"mechanism": "token", "denylist": true, "layout": "shared"}"#).unwrap();
    assert_eq!((config.mechanism, config.denylist), (Mechanism::Token, true));
    let error = |json: &str| ScaleConfig::from_json(json).unwrap_err().0;
    assert_eq!(error(r#"{"mechanism": "cookie"}"#), "mechanism: expected one of session, token; found \"cookie\"");
    assert!(
        error(r#"{"denylist": true, "layout": "shared"}"#).starts_with("denylist: a denylist of revoked tokens needs")
    );
    assert!(error(r#"{"mechanism": "token", "denylist": true}"#).contains("lives in the shared store"));
    assert!(error(r#"{"refresh": true, "layout": "shared"}"#).starts_with("refresh: refresh tokens need"));
    assert!(error(r#"{"mechanism": "token", "refresh": true}"#).contains("refresh records live in the shared store"));
    assert_eq!(Sweep::from_key("mechanisms"), Some(Sweep::Mechanisms));
    // Outages only where there is a shared store to lose.
    let sweep =
        ScaleConfig { layout: StoreLayout::Shared, outage_percent: 5, ..four_servers() }.sweep(Sweep::Mechanisms);
    assert_eq!(sweep.iter().map(|c| c.outage_percent).collect::<Vec<_>>(), [0, 5, 0, 5, 5]);
}

/// Every combination of the four settings the stepper's figures depend on,
/// with the ones the lab accepts marked.
fn every_watched_combination() -> Vec<(ScaleConfig, bool)> {
    let mut configs = Vec::new();
    for layout in StoreLayout::ALL {
        for (_, mechanism) in Mechanism::ALL {
            for (denylist, refresh) in [(false, false), (true, false), (false, true), (true, true)] {
                let config = ScaleConfig { layout, mechanism, denylist, refresh, ..four_servers() };
                configs.push((config, config.check().is_ok()));
            }
        }
    }
    configs
}

/// A row of src/labs/measured.rs as the stepper plays it now.
fn measured_row(config: &ScaleConfig) -> String {
    let commands = RequestCommands::counted_for(config);
    let window =
        stolen_credential_window(watch_settings(config.layout, config.mechanism, config.denylist, config.refresh));
    let watch = if window.watch_secs == WATCH_SECS { "WATCH_SECS".to_owned() } else { window.watch_secs.to_string() };
    format!(
        "    MeasuredRun {{\n        layout: StoreLayout::{:?},\n        mechanism: Mechanism::{:?},\n        denylist: {},\n        \
         refresh: {},\n        commands: {:?},\n        revocation: RevocationWindow {{ usable_secs: {:?}, attempts: {}, \
         watch_secs: {watch} }},\n    }},\n",
        config.layout, config.mechanism, config.denylist, config.refresh, commands, window.usable_secs, window.attempts,
    )
}

/// A scale run plays no stepper: it reads the commands of each
/// kind of request and the stolen credential's window from a table
/// (src/labs/measured.rs). For every combination the lab accepts, the table
/// must say what the stepper plays out now, and a run must charge it;
/// `UPDATE_SNAPSHOTS=1` writes the rows again after the engine changes.
#[test]
fn the_scale_labs_stepper_figures_are_the_ones_the_stepper_plays_out() {
    let accepted: Vec<ScaleConfig> =
        every_watched_combination().into_iter().filter(|(_, ok)| *ok).map(|(config, _)| config).collect();
    assert_eq!(accepted.len(), 7, "sessions on either layout, tokens alone, and tokens with a denylist and/or refresh");
    let rows: String = accepted.iter().map(measured_row).collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/labs/measured.rs");
    let file = std::fs::read_to_string(path).unwrap();
    let (begin, end) = ("    // BEGIN MEASURED\n", "    // END MEASURED\n");
    let (head, rest) = file.split_once(begin).expect("src/labs/measured.rs marks where its rows begin");
    let (table, tail) = rest.split_once(end).expect("src/labs/measured.rs marks where its rows end");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() && table != rows {
        std::fs::write(path, format!("{head}{begin}{rows}{end}{tail}")).unwrap();
    } else {
        assert!(
            table == rows,
            "src/labs/measured.rs differs from the stepper (UPDATE_SNAPSHOTS=1 to write it):\n{rows}"
        );
    }
    // And a run charges exactly these: the table is what the lab reads.
    for config in accepted {
        let row = measured(&config).expect("every accepted combination has its row");
        let run = ScaleRun::run(ScaleConfig { requests: 1_000, ..config }).unwrap();
        assert_eq!((run.commands, run.revocation), (row.commands, row.revocation));
        assert_eq!(run.commands, RequestCommands::counted_for(&config), "{config:?}");
        assert_eq!(
            run.revocation,
            stolen_credential_window(watch_settings(config.layout, config.mechanism, config.denylist, config.refresh))
        );
    }
}

#[test]
fn a_combination_the_lab_refuses_has_no_row_and_no_run() {
    for (config, accepted) in every_watched_combination() {
        assert_eq!(measured(&config).is_some(), accepted, "{config:?}");
        assert_eq!(ScaleRun::new(config).is_ok(), accepted, "{config:?}");
    }
}
