//! The cookie jar at and past its limits, timed: what one `Set-Cookie`
//! costs when the jar is full (Chromium's 3,300 cookies in all, 180 a
//! domain), so every insert evicts one. `make bench` runs it in release
//! mode; the behaviour at the limits is tested in `src/jar.rs`, the cost
//! only here.
//!
//! Each case builds a fresh jar and times it as a whole; the fastest and
//! the median of several samples (7, or the number given as the argument)
//! are printed, in milliseconds.

use session_playground::jar::{Context, CookieJar, Url, MAX_PER_DOMAIN, MAX_TOTAL};
use std::hint::black_box;
use std::time::Instant;

/// Timed samples per case, unless the command line gives a number.
const SAMPLES: usize = 7;

fn samples() -> usize {
    std::env::args().nth(1).and_then(|a| a.parse().ok()).filter(|&n| n > 0).unwrap_or(SAMPLES)
}

fn url(host: &str) -> Url {
    Url::parse(&format!("https://{host}/")).expect("a valid URL")
}

/// Sets `count` cookies, the i-th from `host_of(i)`, one millisecond apart from `start_ms`.
fn fill(jar: &mut CookieJar, count: usize, start_ms: i64, host_of: impl Fn(usize) -> String) {
    for i in 0..count {
        let header = format!("c{i}=v; Max-Age=86400");
        black_box(jar.set_cookie(&header, &url(&host_of(i)), Context::SAME_SITE, start_ms + i as i64));
    }
}

/// Runs `case` on fresh state once per sample; prints the fastest and median time, and the last result.
fn time<T, S>(label: &str, setup: impl Fn() -> S, case: impl Fn(&mut S) -> T) -> T {
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..samples() {
        let mut state = setup();
        let start = Instant::now();
        result = Some(black_box(case(&mut state)));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!("{label}: fastest {:.2} ms, median {:.2} ms", times[0], times[times.len() / 2]);
    result.expect("at least one sample")
}

fn main() {
    println!("cookie jar at its limits ({MAX_TOTAL} in all, {MAX_PER_DOMAIN} a domain), {} samples each", samples());

    // From empty to 5,000 cookies, each on its own domain: past 3,300 every insert evicts the oldest.
    let kept = time("5,000 cookies on 5,000 domains, from an empty jar", CookieJar::new, |jar| {
        fill(jar, 5_000, 0, |i| format!("site{i}.example"));
        jar.cookies().len()
    });
    println!("  kept {kept}");

    // 1,000 more on a full jar spread over 20 domains of 165 cookies each: the "at 3,300 cookies".
    let full = || {
        let mut jar = CookieJar::new();
        fill(&mut jar, MAX_TOTAL, 0, |i| format!("site{}.example", i % 20));
        jar
    };
    let kept = time("1,000 inserts into a full jar of 20 domains", full, |jar| {
        fill(jar, 1_000, MAX_TOTAL as i64, |i| format!("site{}.example", i % 20));
        jar.cookies().len()
    });
    println!("  kept {kept}; per insert, divide by 1,000 (a fastest of 1 ms is 1 µs an insert)");

    // One domain, always at its limit of 180: 10,000 inserts.
    let kept = time("10,000 inserts on one domain", CookieJar::new, |jar| {
        fill(jar, 10_000, 0, |_| "app.example".to_owned());
        jar.cookies().len()
    });
    println!("  kept {kept}");

    // Reading a full jar: 1,000 requests, each deciding for all 3,300 cookies.
    let sent = time("1,000 requests from a full jar of 20 domains", full, |jar| {
        (0..1_000)
            .filter_map(|i| jar.cookie_string(&url(&format!("site{}.example", i % 20)), Context::SAME_SITE, 0).0)
            .count()
    });
    println!("  {sent} requests carried cookies");
}
