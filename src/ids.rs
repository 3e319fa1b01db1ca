//! Session IDs and where their randomness comes from.
//!
//! A session ID is the coat-check ticket: a random, meaningless string. It says
//! nothing about who you are; it only lets the server find your record. So its
//! one job is to be unguessable, which is why the default source is the
//! platform's CSPRNG (the operating system natively, `crypto.getRandomValues`
//! in the browser, both through `getrandom`). A seeded source exists so tests
//! and replays are reproducible; it is for teaching, never for a real server.

use serde::Serialize;
use std::fmt;

/// How many random bytes go into one ID: 16 bytes are 128 bits, the size
/// tower-sessions uses and the floor ASVS 5.0 sets for session tokens.
pub const ID_BYTES: usize = 16;

/// How many characters an ID has once encoded: 16 bytes in unpadded base64url.
pub const ID_CHARS: usize = 22;

/// The URL-safe base64 alphabet (RFC 4648 §5). Every character is also legal
/// in a cookie value, so the ID needs no quoting or escaping in a header.
pub const ID_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A session ID as it travels in cookies and names a row in the store.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SessionId(String);

impl SessionId {
    /// Encodes raw random bytes as an ID.
    pub fn from_bytes(bytes: &[u8; ID_BYTES]) -> SessionId {
        SessionId(base64url(bytes))
    }

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

/// Where new IDs' bytes come from. Injected into the world, so the core never
/// reaches for randomness on its own.
#[derive(Clone, Debug)]
pub enum IdSource {
    /// The platform CSPRNG through `getrandom`: what a real server uses.
    Csprng,
    /// A deterministic generator, for tests and reproducible replays.
    Seeded(SplitMix64),
}

impl IdSource {
    /// A seeded, reproducible source.
    pub fn seeded(seed: u64) -> IdSource {
        IdSource::Seeded(SplitMix64::new(seed))
    }

    /// A short name for the page and transcripts.
    pub fn describe(&self) -> &'static str {
        match self {
            IdSource::Csprng => "CSPRNG (getrandom)",
            IdSource::Seeded(_) => "seeded generator (reproducible, not secret)",
        }
    }

    /// Draws the bytes of one new ID.
    ///
    /// The CSPRNG can fail (no entropy source in an odd sandbox); the server
    /// then answers 500 rather than inventing a weak ID.
    pub fn next_id(&mut self) -> Result<SessionId, IdError> {
        let mut bytes = [0u8; ID_BYTES];
        match self {
            IdSource::Csprng => getrandom::fill(&mut bytes).map_err(|e| IdError(e.to_string()))?,
            IdSource::Seeded(rng) => {
                for chunk in bytes.chunks_mut(8) {
                    chunk.copy_from_slice(&rng.next_u64().to_le_bytes()[..chunk.len()]);
                }
            }
        }
        Ok(SessionId::from_bytes(&bytes))
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

    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Unpadded base64url (RFC 4648 §5) of `bytes`.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            *group.get(1).unwrap_or(&0),
            *group.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        // A group of k bytes yields k + 1 characters; padding is left off.
        for i in 0..=group.len() {
            let sextet = (n >> (18 - 6 * i)) & 0x3F;
            out.push(char::from(ID_ALPHABET[sextet as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        // RFC 4648 §10 test vectors, without padding.
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        // The two URL-safe characters.
        assert_eq!(base64url(&[0xFB, 0xFF]), "-_8");
    }

    #[test]
    fn seeded_source_is_reproducible() {
        let a = IdSource::seeded(7).next_id().unwrap();
        let b = IdSource::seeded(7).next_id().unwrap();
        let c = IdSource::seeded(8).next_id().unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
