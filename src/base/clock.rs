//! The playground's virtual clock.
//!
//! Nothing in the core reads a real clock. Time is a count of milliseconds
//! since the scenario began, and it moves only when a scenario (or the reader)
//! says so. That is what makes every run of the same actions give the same
//! trace, byte for byte.
//!
//! The clock has stated limits: one wait moves it at most ten years
//! ([`MAX_WAIT_SECS`]), and it never runs past a hundred years after the
//! start ([`MAX_ELAPSED_SECS`], 2 March 2126). So every instant is a whole
//! number of milliseconds a JavaScript number holds exactly (far below
//! 2^53), and every date the server writes, even ten years past the clock's
//! end, has a four-digit year that a cookie parser reads back.

use std::fmt;

/// The longest one wait may be: ten years (of 366 days), in seconds.
pub const MAX_WAIT_SECS: u64 = 10 * 366 * 86_400;

/// How far the clock may run from the start: a hundred years (36,524 days
/// from 2 March 2026 to 2 March 2126), in seconds.
pub const MAX_ELAPSED_SECS: u64 = 36_524 * 86_400;

/// A point on the virtual clock: milliseconds since the scenario started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub u64);

/// The wall-clock time at which every scenario starts, in Unix seconds:
/// Monday 2 March 2026, 09:00:00 UTC. Only dates shown to the reader
/// (cookie `Expires`, SQL timestamps, Redis `EXAT`) use it.
pub const START_UNIX_SECS: u64 = 1_772_442_000;

impl Instant {
    /// The moment the scenario starts.
    pub const START: Instant = Instant(0);

    /// Unix seconds of this instant, counting from [`START_UNIX_SECS`].
    pub fn unix_secs(self) -> u64 {
        START_UNIX_SECS + self.as_secs()
    }

    /// Unix milliseconds, as Java's `System.currentTimeMillis()` would give.
    pub fn unix_millis(self) -> u64 {
        START_UNIX_SECS * 1000 + self.0
    }

    /// The HTTP date of this instant (RFC 9110 IMF-fixdate), as `Expires` carries it:
    /// `Mon, 02 Mar 2026 09:00:00 GMT`.
    pub fn http_date(self) -> String {
        http_date_of_unix(self.unix_secs() as i64)
    }

    /// The SQL timestamp of this instant, `2026-03-02 09:00:00`.
    pub fn sql_timestamp(self) -> String {
        let (y, m, d, hh, mm, ss, _) = civil(self.unix_secs() as i64);
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }

    /// Whole seconds since the start.
    pub fn as_secs(self) -> u64 {
        self.0 / 1000
    }

    /// This instant moved forward by `secs` seconds, saturating rather than wrapping.
    pub fn plus_secs(self, secs: u64) -> Instant {
        Instant(self.0.saturating_add(secs.saturating_mul(1000)))
    }
}

impl fmt::Display for Instant {
    /// Renders as `h:mm:ss`, with a day count in front once a day has passed
    /// (`2d 3:04:05`), which is how the page and transcripts show store rows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.as_secs();
        let (days, rest) = (total / 86_400, total % 86_400);
        let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
        if days > 0 {
            write!(f, "{days}d ")?;
        }
        write!(f, "{h}:{m:02}:{s:02}")
    }
}

/// The HTTP date of a Unix time, which may be before the scenario started
/// (a removal cookie's `Expires` in 1970, say).
pub fn http_date_of_unix(unix: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (y, m, d, hh, mm, ss, days) = civil(unix);
    let weekday = DAYS[days.rem_euclid(7) as usize];
    format!("{weekday}, {d:02} {} {y:04} {hh:02}:{mm:02}:{ss:02} GMT", MONTHS[(m - 1) as usize])
}

/// Days since 1970-01-01 of a calendar date, by Howard Hinnant's `days_from_civil`.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month, day, hours, minutes, seconds and days since 1970-01-01 of a
/// Unix time, by Howard Hinnant's `civil_from_days`.
fn civil(unix: i64) -> (i64, i64, i64, i64, i64, i64, i64) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, secs / 3600, secs % 3600 / 60, secs % 60, days)
}

/// Instants serialize as `{ "ms": 61000, "text": "0:01:01" }`: a number for
/// programs and the same text the transcripts print, so no reader of the JSON
/// has to format time itself.
impl crate::base::json::ToJson for Instant {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::base::json::Object::open(out);
        object.field("ms", &self.0).field("text", &self.to_string());
        object.close();
    }
}

/// The clock a world owns. Only actions move it forward.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    now: Instant,
}

impl Clock {
    /// A clock at the start of the scenario.
    pub fn new() -> Clock {
        Clock::default()
    }

    /// The current virtual time.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// Moves the clock forward by `secs` seconds. Time never runs backwards,
    /// and never past [`MAX_ELAPSED_SECS`]: a wait that would go further is
    /// refused, leaving the clock as it was, with the furthest wait it could take.
    pub fn advance_secs(&mut self, secs: u64) -> Result<(), u64> {
        let left = MAX_ELAPSED_SECS.saturating_sub(self.now.as_secs());
        if secs > left {
            return Err(left);
        }
        self.now = self.now.plus_secs(secs);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_hours_minutes_seconds_and_days() {
        assert_eq!(Instant::START.to_string(), "0:00:00");
        assert_eq!(Instant::START.plus_secs(3_725).to_string(), "1:02:05");
        assert_eq!(Instant::START.plus_secs(2 * 86_400 + 61).to_string(), "2d 0:01:01");
    }

    #[test]
    fn wall_clock_dates_match_the_calendar() {
        assert_eq!(Instant::START.http_date(), "Mon, 02 Mar 2026 09:00:00 GMT");
        assert_eq!(Instant::START.plus_secs(1_209_600).http_date(), "Mon, 16 Mar 2026 09:00:00 GMT");
        assert_eq!(Instant::START.sql_timestamp(), "2026-03-02 09:00:00");
        assert_eq!(http_date_of_unix(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date_of_unix(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn advancing_saturates_instead_of_wrapping() {
        assert_eq!(Instant(u64::MAX - 1).plus_secs(10), Instant(u64::MAX));
    }

    #[test]
    fn the_clock_stops_at_its_limit_and_dates_keep_four_digit_years() {
        let end = Instant::START.plus_secs(MAX_ELAPSED_SECS);
        assert_eq!(end.http_date(), "Sat, 02 Mar 2126 09:00:00 GMT");
        // Ten years past the end, as the longest cookie or timeout could reach: still four digits,
        // and the jar's own date parser reads it back.
        let furthest = end.plus_secs(MAX_WAIT_SECS).http_date();
        assert_eq!(furthest, "Fri, 09 Mar 2136 09:00:00 GMT");
        assert_eq!(
            crate::browser::cookie::parse_cookie_date(&furthest),
            Some(end.plus_secs(MAX_WAIT_SECS).unix_secs() as i64)
        );
        assert!((end.plus_secs(MAX_WAIT_SECS).unix_millis() as f64) < 2f64.powi(53));

        let mut clock = Clock::new();
        for _ in 0..9 {
            clock.advance_secs(MAX_WAIT_SECS).unwrap();
        }
        let before = clock.now();
        assert_eq!(clock.advance_secs(MAX_WAIT_SECS), Err(MAX_ELAPSED_SECS - before.as_secs()));
        assert_eq!(clock.now(), before, "a refused wait leaves the clock as it was");
        clock.advance_secs(MAX_ELAPSED_SECS - before.as_secs()).unwrap();
        assert_eq!(clock.now(), end);
        assert_eq!(clock.advance_secs(1), Err(0));
    }
}
