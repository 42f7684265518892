//! PKCE (RFC 7636): the code verifier and its S256 challenge.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::secret::PkceCodeVerifier;

/// Number of random bytes in a verifier: 64 bytes give an 86-character verifier,
/// inside RFC 7636 §4.1's 43–128 range and far above its 256-bit entropy advice.
const VERIFIER_BYTES: usize = 64;

impl PkceCodeVerifier {
    /// A fresh verifier from the OS CSPRNG, base64url without padding, so every
    /// character is in the unreserved set `A-Z a-z 0-9 - _` (RFC 7636 §4.1).
    pub fn generate() -> Self {
        let mut bytes = [0u8; VERIFIER_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self::new(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A verifier read back from storage, if it is one RFC 7636 §4.1 allows: 43 to 128
    /// characters of `A-Z a-z 0-9 - . _ ~`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
        ((43..=128).contains(&text.len()) && text.bytes().all(unreserved)).then(|| Self::new(text.to_owned()))
    }

    /// The S256 challenge: `BASE64URL(SHA256(ASCII(verifier)))` without padding (RFC 7636 §4.2).
    pub fn s256_challenge(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.secret().as_bytes()))
    }
}

/// A random URL-safe token of `bytes` bytes of OS entropy, used for `state`.
pub(crate) fn random_urlsafe(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        let verifier = PkceCodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(verifier.s256_challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn generated_verifier_is_valid_and_unique() {
        let a = PkceCodeVerifier::generate();
        let b = PkceCodeVerifier::generate();
        assert_ne!(a.secret(), b.secret());
        let len = a.secret().len();
        assert!((43..=128).contains(&len), "length {len}");
        assert!(a.secret().chars().all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c)));
        assert_eq!(a.s256_challenge().len(), 43);
    }
}
