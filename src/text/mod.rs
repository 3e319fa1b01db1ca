//! Reader-facing text: every sentence, reason and label the playground shows,
//! kept apart from the logic that decides what happens.
//!
//! The logic names what it wants said with a [`Message`]: an enum per area
//! ([`message`]) whose variants are the stable ids and carry the facts the
//! sentence needs (names, counts, durations), never words. A [`Language`]
//! renders it: [`en`] is English, the first language and today the only one,
//! and the only place in `src/` where English is written (`tests/native/tidy.rs`
//! checks that no sentence is written outside `src/text/`). [`say`] renders
//! in the playground's language, so a step still carries its sentence as text
//! and the page and the snapshots read the same strings as before.
//!
//! A translation is a new folder beside `en/` rendering the same variants
//! (the compiler's exhaustive matches list every one it still lacks) and a
//! new [`Language`] variant; ARCHITECTURE.md says how.
//!
//! [`explain`] reads HTTP messages line by line for the reader: it picks each
//! line's [`message::ExplainMessage`], English says what the line means.

pub mod en;
pub mod explain;
pub mod message;

pub use message::Message;

/// A language the playground can speak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    /// English, the first language: `src/text/en/`.
    #[default]
    English,
}

impl Language {
    /// The message, written in this language.
    pub fn render(self, message: &Message<'_>) -> String {
        match self {
            Language::English => en::render(message),
        }
    }
}

/// The message in the playground's language (English).
pub fn say<'a>(message: impl Into<Message<'a>>) -> String {
    Language::default().render(&message.into())
}

/// A duration in the largest whole unit that fits: "2 weeks", "30 minutes", "1440 seconds".
pub fn human_duration(secs: u64) -> String {
    en::duration(secs)
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
