//! The playground's virtual clock.
//!
//! Nothing in the core reads a real clock. Time is a count of milliseconds
//! since the scenario began, and it moves only when a scenario (or the reader)
//! says so. That is what makes every run of the same actions give the same
//! trace, byte for byte.

use serde::{Serialize, Serializer};
use std::fmt;

/// A point on the virtual clock: milliseconds since the scenario started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub u64);

impl Instant {
    /// The moment the scenario starts.
    pub const START: Instant = Instant(0);

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

/// Instants serialize as `{ "ms": 61000, "text": "0:01:01" }`: a number for
/// programs and the same text the transcripts print, so no reader of the JSON
/// has to format time itself.
impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Instant", 2)?;
        s.serialize_field("ms", &self.0)?;
        s.serialize_field("text", &self.to_string())?;
        s.end()
    }
}

/// The clock a [`World`](crate::World) owns. Only actions move it forward.
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

    /// Moves the clock forward by `secs` seconds. Time never runs backwards.
    pub fn advance_secs(&mut self, secs: u64) {
        self.now = self.now.plus_secs(secs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_hours_minutes_seconds_and_days() {
        assert_eq!(Instant::START.to_string(), "0:00:00");
        assert_eq!(Instant::START.plus_secs(3_725).to_string(), "1:02:05");
        assert_eq!(
            Instant::START.plus_secs(2 * 86_400 + 61).to_string(),
            "2d 0:01:01"
        );
    }

    #[test]
    fn advancing_saturates_instead_of_wrapping() {
        assert_eq!(Instant(u64::MAX - 1).plus_secs(10), Instant(u64::MAX));
    }
}
