//! The ID source's errors in English ([`IdMessage`]).

use crate::text::message::IdMessage;

/// The ID source's error in English.
pub fn render(message: &IdMessage<'_>) -> String {
    match message {
        IdMessage::Failed(error) => format!("the random number generator failed: {}", error.0),
        IdMessage::NotReplayable => {
            "only IDs from the CSPRNG are replayed; this source is reproducible by itself".to_owned()
        }
    }
}
