//! What the page and the transcripts say of each preset's library
//! (`src/library/preset.rs`): the preset tables keep data only, and name
//! their library by a [`Library`] id.

use crate::library::preset::Library;

/// A preset's text, by its library.
#[derive(Clone, Copy, Debug)]
pub enum PresetText {
    /// Its name for the page: "Django (database sessions)".
    Label(Library),
    /// Exactly what it reproduces: the library and version, its configuration,
    /// and how that was checked.
    Reproduces(Library),
    /// What is special about it, in a sentence or two.
    Summary(Library),
}

impl From<PresetText> for super::Message<'_> {
    fn from(text: PresetText) -> Self {
        super::Message::Preset(text)
    }
}
