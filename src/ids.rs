//! Session IDs and where their randomness comes from.
//!
//! A session ID is the coat-check ticket: a random, meaningless string. It says
//! nothing about who you are; it only lets the server find your record. So its
//! one job is to be unguessable, which is why the default source is the
//! platform's CSPRNG (the operating system natively, `crypto.getRandomValues`
//! in the browser, both through `getrandom`). A seeded source makes tests and
//! replays reproducible, and a sequential one (1, 2, 3…) exists only to show
//! what goes wrong when IDs can be guessed.

use crate::encoding::{base64url, hex};
use crate::preset::{IdFormat, IdSourceSetting};
use serde::Serialize;
use std::collections::VecDeque;
use std::fmt;

/// A session ID as it travels in cookies and names a row in the store.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SessionId(String);

impl SessionId {
    /// Wraps text that arrived from outside (a cookie value). It is only a
    /// candidate: the store decides whether it names a real session.
    pub fn from_untrusted(text: &str) -> SessionId {
        SessionId(text.to_owned())
    }

    /// The ID as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where new IDs come from. Injected into the world, so the core never
/// reaches for randomness on its own.
#[derive(Clone, Debug)]
pub enum IdSource {
    /// The platform CSPRNG through `getrandom`: what a real server uses.
    Csprng,
    /// The CSPRNG with a memory, as a world built from settings uses it:
    /// every ID drawn is kept, so a shared link can carry the very tickets a
    /// reader saw, and IDs handed to [`IdSource::replay`] come out first, in
    /// order, instead of fresh ones. Each was random when it was first drawn.
    RememberingCsprng {
        /// Every ID handed out so far, in order.
        drawn: Vec<SessionId>,
        /// IDs to hand out before drawing fresh ones.
        replay: VecDeque<SessionId>,
    },
    /// A deterministic generator, for tests and reproducible replays.
    Seeded(SplitMix64),
    /// 1, 2, 3…: every ID tells you the next one.
    Sequential {
        /// The next number to hand out.
        next: u64,
    },
}

/// The characters of Django's session keys (`VALID_KEY_CHARS`).
const LOWER_ALNUM: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";

impl IdSource {
    /// A seeded, reproducible source.
    pub fn seeded(seed: u64) -> IdSource {
        IdSource::Seeded(SplitMix64::new(seed))
    }

    /// The source a setting names.
    pub fn from_setting(setting: IdSourceSetting) -> IdSource {
        match setting {
            IdSourceSetting::Csprng => IdSource::RememberingCsprng { drawn: Vec::new(), replay: VecDeque::new() },
            IdSourceSetting::Seeded { seed } => IdSource::seeded(seed),
            IdSourceSetting::Sequential => IdSource::Sequential { next: 1 },
        }
    }

    /// A short name for the page and transcripts.
    pub fn describe(&self) -> &'static str {
        match self {
            IdSource::Csprng | IdSource::RememberingCsprng { .. } => "CSPRNG (getrandom)",
            IdSource::Seeded(_) => "seeded generator (reproducible, not secret)",
            IdSource::Sequential { .. } => "sequential counter (guessable!)",
        }
    }

    /// Fills `bytes` with random bytes.
    ///
    /// The CSPRNG can fail (no entropy source in an odd sandbox); the server
    /// then answers 500 rather than inventing a weak ID.
    fn fill(&mut self, bytes: &mut [u8]) -> Result<(), IdError> {
        match self {
            IdSource::Csprng | IdSource::RememberingCsprng { .. } => {
                getrandom::fill(bytes).map_err(|e| IdError(e.to_string()))
            }
            IdSource::Seeded(rng) => {
                for chunk in bytes.chunks_mut(8) {
                    chunk.copy_from_slice(&rng.next_u64().to_le_bytes()[..chunk.len()]);
                }
                Ok(())
            }
            IdSource::Sequential { .. } => unreachable!("sequential IDs use no random bytes"),
        }
    }

    /// The IDs a remembering CSPRNG has handed out, in order (none for other sources).
    pub fn drawn(&self) -> &[SessionId] {
        match self {
            IdSource::RememberingCsprng { drawn, .. } => drawn,
            _ => &[],
        }
    }

    /// Queues IDs a remembering CSPRNG hands out before fresh ones: a shared
    /// link's tickets. Each must be one `format` could have drawn; other
    /// sources are reproducible already and take none.
    pub fn replay(&mut self, ids: &[String], format: IdFormat) -> Result<(), String> {
        let IdSource::RememberingCsprng { replay, .. } = self else {
            return Err("only IDs from the CSPRNG are replayed; this source is reproducible by itself".to_owned());
        };
        if let Some(bad) = ids.iter().find(|id| !format.could_draw(id)) {
            // Quoted with its control characters escaped: the link is untrusted.
            return Err(format!("{} is not {}", crate::encoding::quoted(bad), format.describe()));
        }
        replay.extend(ids.iter().map(|id| SessionId(id.clone())));
        Ok(())
    }

    /// Carries what a remembering CSPRNG drew (and has yet to replay) into a
    /// new world's source, when everything starts over within one run.
    pub fn carry_memory_into(self, next: &mut IdSource) {
        if let (
            IdSource::RememberingCsprng { drawn, replay },
            IdSource::RememberingCsprng { drawn: next_drawn, replay: next_replay },
        ) = (self, next)
        {
            *next_drawn = drawn;
            *next_replay = replay;
        }
    }

    /// Draws one new ID in the given format.
    pub fn next_id(&mut self, format: IdFormat) -> Result<SessionId, IdError> {
        if let IdSource::RememberingCsprng { drawn, replay } = self {
            let id = match replay.pop_front() {
                Some(id) => id,
                None => IdSource::Csprng.next_id(format)?,
            };
            drawn.push(id.clone());
            return Ok(id);
        }
        if let IdSource::Sequential { next } = self {
            let id = next.to_string();
            *next += 1;
            return Ok(SessionId(id));
        }
        let text = match format {
            IdFormat::Base64Url { bytes } => {
                let mut buf = vec![0u8; bytes];
                self.fill(&mut buf)?;
                base64url(&buf)
            }
            IdFormat::Hex { bytes } => {
                let mut buf = vec![0u8; bytes];
                self.fill(&mut buf)?;
                hex(&buf)
            }
            IdFormat::Base32 { len } => {
                // 256 is a multiple of 32, so every character is equally likely.
                let mut buf = vec![0u8; len];
                self.fill(&mut buf)?;
                buf.iter().map(|b| char::from(b"0123456789abcdefghijklmnopqrstuv"[usize::from(b % 32)])).collect()
            }
            IdFormat::LowerAlnum { len } => {
                // Rejection sampling keeps every character equally likely:
                // bytes 252..=255 would favour the first four characters.
                let mut out = String::with_capacity(len);
                let mut byte = [0u8; 1];
                while out.len() < len {
                    self.fill(&mut byte)?;
                    if byte[0] < 252 {
                        out.push(char::from(LOWER_ALNUM[usize::from(byte[0] % 36)]));
                    }
                }
                out
            }
            IdFormat::Uuid => {
                let mut b = [0u8; 16];
                self.fill(&mut b)?;
                // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in byte 8.
                b[6] = (b[6] & 0x0F) | 0x40;
                b[8] = (b[8] & 0x3F) | 0x80;
                let h = hex(&b);
                format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
            }
        };
        Ok(SessionId(text))
    }
}

/// The CSPRNG could not deliver bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdError(pub String);

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the random number generator failed: {}", self.0)
    }
}

impl std::error::Error for IdError {}

/// `SplitMix64` (Steele, Lea and Flood, 2014): tiny, fast, and fully determined
/// by its seed. Good for reproducible replays; useless as a secret.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose whole future follows from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 pseudo-random bits. Always inlined: the scale lab draws
    /// one or two per simulated request, and the page's build optimises for size.
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_source_is_reproducible() {
        let format = IdFormat::Base64Url { bytes: 16 };
        let a = IdSource::seeded(7).next_id(format).unwrap();
        let b = IdSource::seeded(7).next_id(format).unwrap();
        let c = IdSource::seeded(8).next_id(format).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn every_format_has_its_length_and_alphabet() {
        let mut source = IdSource::Csprng;
        let cases = [
            (IdFormat::Base64Url { bytes: 16 }, 22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            (IdFormat::Base64Url { bytes: 24 }, 32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            (IdFormat::Hex { bytes: 16 }, 32, "0123456789abcdef"),
            (IdFormat::LowerAlnum { len: 32 }, 32, "abcdefghijklmnopqrstuvwxyz0123456789"),
            (IdFormat::Base32 { len: 26 }, 26, "0123456789abcdefghijklmnopqrstuv"),
            (IdFormat::Uuid, 36, "0123456789abcdef-"),
        ];
        for (format, len, alphabet) in cases {
            for _ in 0..200 {
                let id = source.next_id(format).unwrap();
                assert_eq!(id.as_str().len(), len, "{format:?}: {id}");
                assert!(id.as_str().chars().all(|c| alphabet.contains(c)), "{format:?}: {id}");
            }
        }
    }

    #[test]
    fn uuids_are_version_4() {
        let id = IdSource::seeded(1).next_id(IdFormat::Uuid).unwrap();
        let s = id.as_str();
        assert_eq!((&s[8..9], &s[13..14], &s[14..15]), ("-", "-", "4"));
        assert!("89ab".contains(&s[19..20]), "{s}");
    }

    #[test]
    fn sequential_ids_count_up() {
        let mut source = IdSource::Sequential { next: 1 };
        let ids: Vec<String> = (0..3).map(|_| source.next_id(IdFormat::Uuid).unwrap().to_string()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
    }
}
