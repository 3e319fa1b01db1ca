//! The cookie jar against the public cookie suite (http-state and
//! web-platform-tests cases), when `../shared/cookie-suite/visible.json` is
//! beside the checkout; and against arbitrary input, always.

#![cfg(not(target_arch = "wasm32"))]

use crate::support::jar_cases;

use proptest::prelude::*;
use session_playground::jar::{Context, CookieJar, JarChange, Url, MAX_NAME_VALUE};
use std::path::Path;

#[test]
fn every_case_of_the_shared_cookie_suite_passes() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cookie-suite/visible.json");
    let Ok(text) = std::fs::read_to_string(&suite) else {
        // CI always has shared/ beside the clone: there a missing suite is a broken setup, not a skip.
        assert!(std::env::var_os("CI").is_none(), "CI is set but {} is missing", suite.display());
        eprintln!("skipped: {} is not here (it is an optional input)", suite.display());
        return;
    };
    let known = jar_cases::known_differences(include_str!("../jar-known-differences.txt"));
    let results = jar_cases::run_file(&text).expect("the suite file is well formed");
    assert!(results.len() >= 600, "the suite has its cases");
    let failures: Vec<String> = results
        .iter()
        .filter(|r| !r.passed && !known.contains_key(&r.id))
        .map(|r| format!("{}: expected {:?}, got {:?}\n  {}", r.id, r.expected, r.got, r.reasons.join("\n  ")))
        .collect();
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), results.len(), failures.join("\n"));
}

#[test]
fn the_runner_reads_instants_and_known_differences() {
    assert_eq!(jar_cases::parse_instant("1970-01-01T00:00:01Z"), Ok(1000));
    assert_eq!(jar_cases::parse_instant("2013-01-01T12:00:02.002Z"), Ok(1_357_041_602_002));
    assert!(jar_cases::parse_instant("yesterday").is_err());
    let known = jar_cases::known_differences("# comment\nwpt/x#1\tbrowsers disagree\n\n");
    assert_eq!(known.get("wpt/x#1").map(String::as_str), Some("browsers disagree"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any string at all, any URL path: the jar answers, never panics, and
    /// never keeps a cookie that breaks its own rules.
    #[test]
    fn arbitrary_set_cookie_strings_never_break_the_jar(
        header in prop_oneof![any::<String>(), "[ -~\t\r\n\u{0}\u{7f}é;=]{0,80}", "[a-z]{1,5}=[ -~]{0,20}(; ?(Path|Domain|Max-Age|Expires|Secure|HttpOnly|SameSite)(=[ -~]{0,30})?){0,5}"],
        path in "/[a-z/]{0,10}",
        https in any::<bool>(),
        script in any::<bool>(),
        now in -10_000_000_000_000i64..10_000_000_000_000,
    ) {
        let mut jar = CookieJar::new();
        let url = Url { scheme: if https { "https" } else { "http" }.into(), host: "www.example.com".into(), path };
        let context = if script { Context::SCRIPT } else { Context::SAME_SITE };
        let change = jar.set_cookie(&header, &url, context, now);
        for cookie in jar.cookies() {
            prop_assert!(cookie.name.len() + cookie.value.len() <= MAX_NAME_VALUE);
            let control = cookie.name.chars().chain(cookie.value.chars()).any(|c| (c < ' ' && c != '\t') || c == '\u{7f}');
            prop_assert!(!control, "a stored cookie holds a control character");
            prop_assert!(!(cookie.name.is_empty() && cookie.value.is_empty()));
            prop_assert!(cookie.path.starts_with('/'));
            prop_assert!(!cookie.secure || https, "a Secure cookie came in over http");
            prop_assert!(!cookie.http_only || !script, "a script set an HttpOnly cookie");
        }
        // A rejected header leaves the jar as it was (here: empty), and says why in words.
        if let JarChange::Rejected { reason } = &change {
            prop_assert!(jar.cookies().is_empty(), "rejected ({reason}) but stored");
            prop_assert!(!reason.why().is_empty());
        }
        // Reading never panics either, from any context.
        let _ = jar.cookie_string(&url, context, now);
    }
}
