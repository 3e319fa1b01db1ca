//! What the ID source's errors say (`src/base/ids.rs`): the base layer keeps
//! them typed, and they display as their sentence from here.

use crate::base::ids::{IdError, NotReplayable};
use crate::text::say;
use std::fmt;

/// The ID source's errors, by their stable id.
#[derive(Clone, Copy, Debug)]
pub enum IdMessage<'a> {
    /// The CSPRNG could not deliver bytes.
    Failed(&'a IdError),
    /// Only IDs from the CSPRNG are replayed.
    NotReplayable,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say(IdMessage::Failed(self)))
    }
}

impl std::error::Error for IdError {}

impl fmt::Display for NotReplayable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&say(IdMessage::NotReplayable))
    }
}

impl std::error::Error for NotReplayable {}
