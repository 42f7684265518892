//! Codes and tokens the emulator hands out. The emulator keeps only their
//! SHA-256 fingerprints, so no secret can end up in its state, log or debug
//! output; the secret string exists only in the one response that carries it.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore as _;
use sha2::{Digest, Sha256};

/// Entropy of every code, token and consent ID (≥ 32 bytes, as the brief and
/// RFC 6749 §10.10 ask for).
const SECRET_BYTES: usize = 32;

/// A freshly minted secret, given out exactly once in a response.
pub(crate) struct Secret(String);

impl Secret {
    /// A random base64url string with 256 bits of entropy from the OS RNG.
    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; SECRET_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The value, for the response body or redirect that hands it out.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// What the emulator stores instead of the secret.
    pub(crate) fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// SHA-256 of a secret, the key under which the emulator remembers it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// Fingerprint of a presented value (which may or may not be one we issued).
    pub(crate) fn of(value: &str) -> Self {
        Self(Sha256::digest(value.as_bytes()).into())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Fingerprint(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_distinct_and_redacted() {
        let a = Secret::generate();
        let b = Secret::generate();
        assert_eq!(a.expose().len(), 43);
        assert_ne!(a.expose(), b.expose());
        assert_eq!(a.fingerprint(), Fingerprint::of(a.expose()));
        assert_eq!(format!("{a:?}"), "Secret([redacted])");
    }
}
