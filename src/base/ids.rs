//! Session IDs and where their randomness comes from.
//!
//! A session ID is the coat-check ticket: a random, meaningless string. It says
//! nothing about who you are; it only lets the server find your record. So its
//! one job is to be unguessable, which is why the default source is the
//! platform's CSPRNG (the operating system natively, `crypto.getRandomValues`
//! in the browser, both through `getrandom`). A seeded source makes tests and
//! replays reproducible, and a sequential one (1, 2, 3…) exists only to show
//! what goes wrong when IDs can be guessed.

use crate::base::encoding::{base64url, hex};
use crate::base::sorted::SortedSet;
use std::collections::VecDeque;
use std::fmt;

/// A session ID as it travels in cookies and names a row in the store.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionId(String);

/// An ID is written as its text.
impl crate::base::json::ToJson for SessionId {
    fn write_json(&self, out: &mut String) {
        crate::base::json::write_string(out, &self.0);
    }
}

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
    /// order, instead of fresh ones, as long as each is one the CSPRNG could
    /// have drawn at that moment (see [`Memory`]).
    RememberingCsprng(Box<Memory>),
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
            IdSourceSetting::Csprng => IdSource::RememberingCsprng(Box::default()),
            IdSourceSetting::Seeded { seed } => IdSource::seeded(seed),
            IdSourceSetting::Sequential => IdSource::Sequential { next: 1 },
        }
    }

    /// Fills `bytes` with random bytes.
    ///
    /// The CSPRNG can fail (no entropy source in an odd sandbox); the server
    /// then answers 500 rather than inventing a weak ID.
    fn fill(&mut self, bytes: &mut [u8]) -> Result<(), IdError> {
        match self {
            IdSource::Csprng | IdSource::RememberingCsprng(_) => {
                getrandom::fill(bytes).map_err(|e| IdError(e.to_string()))
            }
            IdSource::Seeded(rng) => {
                for chunk in bytes.chunks_mut(8) {
                    chunk.copy_from_slice(&rng.next_u64().to_le_bytes()[..chunk.len()]);
                }
                Ok(())
            }
            // Sequential IDs use no random bytes: `next_id` counts them up before it fills anything.
            IdSource::Sequential { .. } => unreachable!(),
        }
    }

    /// The IDs a remembering CSPRNG has handed out, in order (none for other sources).
    pub fn drawn(&self) -> &[SessionId] {
        match self {
            IdSource::RememberingCsprng(memory) => &memory.drawn,
            _ => &[],
        }
    }

    /// The shared link's IDs a remembering CSPRNG refused to hand out, and why.
    pub fn refused(&self) -> &[RefusedId] {
        match self {
            IdSource::RememberingCsprng(memory) => &memory.refused,
            _ => &[],
        }
    }

    /// Queues IDs a remembering CSPRNG hands out before fresh ones: a shared
    /// link's tickets. Each is checked when its turn comes (see [`Memory`]);
    /// one that fails is refused, reported in [`IdSource::refused`], and a
    /// fresh ID is drawn in its place. Other sources are reproducible already
    /// and take none.
    pub fn replay(&mut self, ids: &[String], format: IdFormat) -> Result<(), NotReplayable> {
        let IdSource::RememberingCsprng(memory) = self else {
            return Err(NotReplayable);
        };
        memory.replay.extend(ids.iter().map(|id| (SessionId(id.clone()), format)));
        Ok(())
    }

    /// Notes IDs that exist in the world without having been drawn by this
    /// source (typed into a jar, planted, named by an administrator): the
    /// CSPRNG can never hand one of them out, so a shared link cannot either.
    pub fn note_known<'a>(&mut self, ids: impl IntoIterator<Item = &'a SessionId>) {
        if let IdSource::RememberingCsprng(memory) = self {
            for id in ids {
                if !memory.known.contains(id) {
                    memory.known.insert(id.clone());
                }
            }
        }
    }

    /// Makes `earlier`, a copy of this source taken when it had drawn fewer
    /// IDs, hand out exactly the IDs this one drew since, in order: a world
    /// rebuilt from a checkpoint then repeats what happened the first time.
    pub fn reproduce_into(&self, earlier: &mut IdSource) {
        if let (IdSource::RememberingCsprng(now), IdSource::RememberingCsprng(then)) = (self, earlier) {
            then.reproduce = now.drawn.get(then.drawn.len()..).unwrap_or_default().iter().cloned().collect();
        }
    }

    /// Carries what a remembering CSPRNG drew, knows and has yet to replay
    /// into a new world's source, when everything starts over within one run.
    pub fn carry_memory_into(self, next: &mut IdSource) {
        if let (IdSource::RememberingCsprng(memory), IdSource::RememberingCsprng(next_memory)) = (self, next) {
            *next_memory = memory;
        }
    }

    /// Draws one new ID in the given format.
    pub fn next_id(&mut self, format: IdFormat) -> Result<SessionId, IdError> {
        if let IdSource::RememberingCsprng(memory) = self {
            let id = match memory.next_replayed() {
                Some(id) => id,
                None => IdSource::Csprng.next_id(format)?,
            };
            memory.known.insert(id.clone());
            memory.drawn.push(id.clone());
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

/// What a remembering CSPRNG keeps: the IDs it drew, the IDs it knows of,
/// and the IDs a shared link asks it to hand out.
///
/// A shared link is input from anyone, so its IDs are only proposals. The
/// real CSPRNG draws each ID uniformly from 2^128 or more values: it never
/// repeats one it drew before, and it never lands on one that already exists
/// in the world (an ID typed into a jar, planted, or named by an
/// administrator) except with a chance of 2^-128, which is never. A link that
/// could do either could make a revoked ticket work again (hand the revoked
/// ID to the next login) or fix a victim's session ID in advance (Mallory
/// guesses an ID, and the link hands it to Alice's login). So a proposed ID is
/// handed out only if it is in the preset's format and new to this world;
/// otherwise it is refused, with the reason, and a fresh ID is drawn.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    /// Every ID handed out so far, in order.
    drawn: Vec<SessionId>,
    /// Every ID this world has seen: drawn, or arrived from outside. A
    /// sorted set, not a hash set: only membership is asked, and the page's
    /// wasm then carries no hash table (about 4 KB of code).
    known: SortedSet<SessionId>,
    /// A shared link's IDs still to hand out, each with the format it must have.
    replay: VecDeque<(SessionId, IdFormat)>,
    /// IDs this very source drew before, handed out again without checks
    /// when a world is rebuilt from a checkpoint of itself.
    reproduce: VecDeque<SessionId>,
    /// The link's IDs that were refused.
    refused: Vec<RefusedId>,
}

impl Memory {
    /// The next ID to hand out in place of a fresh draw, if any: one this
    /// source reproduces, or the link's next ID if the CSPRNG could have drawn it.
    fn next_replayed(&mut self) -> Option<SessionId> {
        if let Some(id) = self.reproduce.pop_front() {
            return Some(id);
        }
        let (id, format) = self.replay.pop_front()?;
        let position = self.drawn.len() + 1;
        // The rule: the CSPRNG could have drawn it here only if it has the
        // preset's shape and the world has never seen it.
        let reason = if !format.could_draw(id.as_str()) {
            Refusal::NotInFormat(format)
        } else if self.known.contains(&id) && self.drawn.contains(&id) {
            Refusal::HandedOutBefore
        } else if self.known.contains(&id) {
            Refusal::KnownBefore
        } else {
            return Some(id);
        };
        self.refused.push(RefusedId { position, id: id.0, reason });
        None
    }
}

/// A shared link's ID that was not handed out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedId {
    /// Which ID of the run it was to be (1 for the first drawn).
    pub position: usize,
    /// The ID the link proposed.
    pub id: String,
    /// Why the CSPRNG could not have drawn it there.
    pub reason: Refusal,
}

/// Why the CSPRNG could not have drawn a shared link's ID where the link put it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The ID is not in the preset's format.
    NotInFormat(IdFormat),
    /// It was handed out before in this run: the CSPRNG never repeats an ID.
    HandedOutBefore,
    /// It was in the world (typed, planted or named) before it was drawn.
    KnownBefore,
}

/// The CSPRNG could not deliver bytes (the platform's own words for why).
/// It displays as the catalogue's sentence (`src/text/message/ids.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdError(pub String);

/// Only a remembering CSPRNG replays IDs: a seeded or sequential source is
/// reproducible by itself. It displays as the catalogue's sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotReplayable;

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

/// Where session IDs come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdSourceSetting {
    /// The platform CSPRNG.
    Csprng,
    /// A seeded generator: reproducible, for tests and replays.
    Seeded {
        /// The seed.
        seed: u64,
    },
    /// 1, 2, 3…: guessable, for the lesson on why IDs must be random.
    Sequential,
}

/// `{"type":"csprng"}`, `{"type":"seeded","seed":7}`, `{"type":"sequential"}`.
impl crate::base::json::ToJson for IdSourceSetting {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::base::json::Object::open(out);
        match self {
            IdSourceSetting::Csprng => object.field("type", &"csprng"),
            IdSourceSetting::Seeded { seed } => object.field("type", &"seeded").field("seed", seed),
            IdSourceSetting::Sequential => object.field("type", &"sequential"),
        };
        object.close();
    }
}

/// How session IDs are drawn and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdFormat {
    /// Random bytes in unpadded base64url (tower-sessions: 16, express-session: 24).
    Base64Url {
        /// How many random bytes.
        bytes: usize,
    },
    /// Random bytes in lower-case hex (PHP: 16 bytes, 32 digits).
    Hex {
        /// How many random bytes.
        bytes: usize,
    },
    /// Random characters from `0-9a-v`, five bits each (PHP's
    /// `session.sid_bits_per_character=5`: 26 of them in every php.ini PHP ships).
    Base32 {
        /// How many characters.
        len: usize,
    },
    /// Random characters from `a-z0-9` (Django: 32 of them).
    LowerAlnum {
        /// How many characters.
        len: usize,
    },
    /// A random (version 4) UUID, 36 characters (Spring Session).
    Uuid,
}

/// `{"type":"base64Url","bytes":24}`, …, `{"type":"uuid"}`.
impl crate::base::json::ToJson for IdFormat {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::base::json::Object::open(out);
        match self {
            IdFormat::Base64Url { bytes } => object.field("type", &"base64Url").field("bytes", bytes),
            IdFormat::Hex { bytes } => object.field("type", &"hex").field("bytes", bytes),
            IdFormat::Base32 { len } => object.field("type", &"base32").field("len", len),
            IdFormat::LowerAlnum { len } => object.field("type", &"lowerAlnum").field("len", len),
            IdFormat::Uuid => object.field("type", &"uuid"),
        };
        object.close();
    }
}

/// The value of a base64url character (`A` is 0, `_` is 63).
fn base64url_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

impl IdFormat {
    /// Whether `id` has this format's length and alphabet: one it could have drawn.
    pub fn could_draw(self, id: &str) -> bool {
        let all = |len: usize, ok: fn(u8) -> bool| id.len() == len && id.bytes().all(ok);
        match self {
            IdFormat::Base64Url { bytes } => {
                // When the bits do not fill the last character, its unused low bits are zero:
                // 16 bytes end in one of 16 characters, never in any of 64.
                let spare_bits = (6 - bytes * 8 % 6) % 6;
                let last_fits = id.bytes().last().and_then(base64url_value).is_some_and(|v| v % (1 << spare_bits) == 0);
                all((bytes * 8).div_ceil(6), |b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') && last_fits
            }
            IdFormat::Hex { bytes } => all(bytes * 2, |b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
            IdFormat::Base32 { len } => all(len, |b| matches!(b, b'0'..=b'9' | b'a'..=b'v')),
            IdFormat::LowerAlnum { len } => all(len, |b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            IdFormat::Uuid => {
                id.len() == 36
                    && id.bytes().enumerate().all(|(i, b)| {
                        if [8, 13, 18, 23].contains(&i) {
                            b == b'-'
                        } else if i == 14 {
                            // RFC 9562: version 4 ...
                            b == b'4'
                        } else if i == 19 {
                            // ... and the variant bits 10.
                            matches!(b, b'8' | b'9' | b'a' | b'b')
                        } else {
                            matches!(b, b'0'..=b'9' | b'a'..=b'f')
                        }
                    })
            }
        }
    }
}

/// `floor(len × log2 36)`, the bits of `len` characters from a 36-letter
/// alphabet, in integer arithmetic: log2 36 = 5.169925001442…, kept to twelve
/// decimals, is exact for any length an ID has. (Formatting one `f64` would pull
/// the float printer, about 9 KB gzipped, into the wasm.)
pub fn bits_of_lower_alnum(len: usize) -> u64 {
    const LOG2_36_E12: u64 = 5_169_925_001_442;
    len as u64 * LOG2_36_E12 / 1_000_000_000_000
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

    #[test]
    fn integer_bits_of_a_lower_alnum_id_match_the_float_formula() {
        for len in 0..=1024 {
            assert_eq!(bits_of_lower_alnum(len), (len as f64 * 36f64.log2()).floor() as u64, "length {len}");
        }
    }
}
