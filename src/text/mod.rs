//! Reader-facing text: the words the playground shows, kept apart from the
//! logic that decides what happens.
//!
//! [`explain`] reads HTTP messages line by line for the reader;
//! [`human_duration`] writes a number of seconds the way a person says it;
//! [`token`] holds every sentence a token server's steps say; [`fork`] the
//! sentence where a session timeline and its token twin part ways.
//! Narration sentences are written where their step is decided (the server's
//! routes, the world's actions), in these words.

pub mod explain;
pub mod fork;
pub mod token;

/// A duration in the largest whole unit that fits: "2 weeks", "30 minutes", "1440 seconds".
pub fn human_duration(secs: u64) -> String {
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match secs {
        0 => "0 seconds".to_owned(),
        s if s % 604_800 == 0 => plural(s / 604_800, "week"),
        s if s % 86_400 == 0 => plural(s / 86_400, "day"),
        s if s % 3600 == 0 => plural(s / 3600, "hour"),
        s if s % 60 == 0 => plural(s / 60, "minute"),
        s => plural(s, "second"),
    }
}

#[cfg(test)]
mod tests {
    use super::human_duration;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(1_209_600), "2 weeks");
        assert_eq!(human_duration(86_400), "1 day");
        assert_eq!(human_duration(1800), "30 minutes");
        assert_eq!(human_duration(1440), "24 minutes");
        assert_eq!(human_duration(61), "61 seconds");
    }
}
