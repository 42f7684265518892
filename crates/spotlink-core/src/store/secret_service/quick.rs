//! One read of one secret in one short conversation with the Secret Service: the common
//! case of a process that reads the link once (`spotlink token`), where exactly one
//! unlocked item has the attributes. Anything else (no item, several, a locked one, a
//! secret that is not text, any error) is answered [`Quick::Ask`], and the full path in
//! the parent module handles it with its connection, keyring 1's entries, unlocking and
//! its errors, so this path changes no outcome, only the time.
//!
//! Why it exists: the secret-service crate computes the session's Diffie-Hellman
//! exchange (`dh-ietf1024-sha256-aes128-cbc-pkcs7`) by plain square-and-multiply over a
//! 1024-bit exponent, twice per connection, about 6 ms of CPU: most of what a cached
//! `spotlink token` spent. Here the same exchange uses num-bigint's Montgomery
//! exponentiation and a 256-bit private exponent. The group is RFC 2409's 1024-bit MODP
//! group (about 80 bits of security); NIST SP 800-56A rev. 3 asks for a private exponent
//! of at least twice the security strength, so 256 bits leaves ample margin. The secret
//! still never crosses the bus in the clear.

use std::collections::HashMap;

use aes::cipher::{BlockModeDecrypt, KeyIvInit};
use num_bigint::BigUint;
use rand::RngCore as _;
use zbus::blocking::Connection;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};
use zeroize::Zeroizing;

const ALGORITHM: &str = "dh-ietf1024-sha256-aes128-cbc-pkcs7";
const DESTINATION: &str = "org.freedesktop.secrets";
const SERVICE_PATH: &str = "/org/freedesktop/secrets";
const SERVICE: &str = "org.freedesktop.Secret.Service";

/// RFC 2409 §6.2, the Second Oakley Group: the prime the Secret Service specification names.
const PRIME_HEX: &str = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF";

/// What the quick read found.
pub(super) enum Quick {
    Found(Zeroizing<String>),
    /// Ask the full path.
    Ask,
}

/// Reads the one unlocked item with `attributes`, if that is what there is.
pub(super) fn read(attributes: &HashMap<&str, &str>) -> Quick {
    match try_read(attributes) {
        Ok(Some(secret)) => Quick::Found(secret),
        Ok(None) => Quick::Ask,
        Err(e) => {
            tracing::debug!(error = %e, "the quick keychain read did not answer; asking the full way");
            Quick::Ask
        }
    }
}

fn try_read(attributes: &HashMap<&str, &str>) -> zbus::Result<Option<Zeroizing<String>>> {
    let connection = Connection::session()?;
    let prime = BigUint::parse_bytes(PRIME_HEX.as_bytes(), 16).expect("the prime is hex");
    let mut private_bytes = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(private_bytes.as_mut());
    let private = BigUint::from_bytes_be(private_bytes.as_ref());
    let public = BigUint::from(2u32).modpow(&private, &prime);

    let reply = connection.call_method(
        Some(DESTINATION),
        SERVICE_PATH,
        Some(SERVICE),
        "OpenSession",
        &(ALGORITHM, Value::from(public.to_bytes_be())),
    )?;
    let (output, session): (OwnedValue, OwnedObjectPath) = reply.body().deserialize()?;
    let server_public = BigUint::from_bytes_be(&Vec::<u8>::try_from(output)?);
    if server_public <= BigUint::from(1u32) || server_public >= &prime - 1u32 {
        return Ok(None);
    }
    let key = session_key(&server_public.modpow(&private, &prime));

    let reply =
        connection.call_method(Some(DESTINATION), SERVICE_PATH, Some(SERVICE), "SearchItems", &(attributes,))?;
    let (unlocked, locked): (Vec<OwnedObjectPath>, Vec<OwnedObjectPath>) = reply.body().deserialize()?;
    let [item] = unlocked.as_slice() else { return Ok(None) };
    if !locked.is_empty() {
        return Ok(None);
    }
    let reply = connection.call_method(
        Some(DESTINATION),
        item.as_str(),
        Some("org.freedesktop.Secret.Item"),
        "GetSecret",
        &(&session,),
    )?;
    let ((_, iv, value, _),): ((OwnedObjectPath, Vec<u8>, Vec<u8>, String),) = reply.body().deserialize()?;
    let value = Zeroizing::new(value);
    // Closing the connection ends the session too; the daemon drops it with the connection.
    let Ok(iv) = <[u8; 16]>::try_from(iv.as_slice()) else { return Ok(None) };
    let decryptor = cbc::Decryptor::<aes::Aes128>::new(&(*key).into(), &iv.into());
    let Ok(plain) = decryptor.decrypt_padded_vec::<aes::cipher::block_padding::Pkcs7>(&value) else {
        return Ok(None);
    };
    match String::from_utf8(plain) {
        Ok(text) => Ok(Some(Zeroizing::new(text))),
        Err(e) => {
            drop(Zeroizing::new(e.into_bytes()));
            Ok(None)
        }
    }
}

/// The AES-128 key: HKDF-SHA256 over the shared secret as 128 big-endian bytes, no salt,
/// no info (the Secret Service specification's "dh-ietf1024-sha256-aes128-cbc-pkcs7").
fn session_key(shared: &BigUint) -> Zeroizing<[u8; 16]> {
    let bytes = shared.to_bytes_be();
    let mut padded = Zeroizing::new([0u8; 128]);
    padded[128 - bytes.len()..].copy_from_slice(&bytes);
    let mut key = Zeroizing::new([0u8; 16]);
    hkdf::Hkdf::<sha2_011::Sha256>::new(None, padded.as_ref())
        .expand(&[], key.as_mut())
        .expect("16 bytes is a valid HKDF-SHA256 length");
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prime_is_rfc_2409_s_second_oakley_group() {
        let prime = BigUint::parse_bytes(PRIME_HEX.as_bytes(), 16).expect("hex");
        assert_eq!(prime.bits(), 1024);
        // 2^1024 - 2^960 - 1 + 2^64 * (floor(2^894 pi) + 129093): check both ends.
        assert_eq!(prime.to_bytes_be()[..8], [0xFF; 8]);
        assert_eq!(prime.to_bytes_be()[120..], [0xFF; 8]);
    }

    #[test]
    fn both_sides_derive_the_same_key() {
        let prime = BigUint::parse_bytes(PRIME_HEX.as_bytes(), 16).expect("hex");
        let two = BigUint::from(2u32);
        let (a, b) = (BigUint::from(0x1234_5678_9abc_def0_u64), BigUint::from(0x0fed_cba9_8765_4321_u64));
        let (pa, pb) = (two.modpow(&a, &prime), two.modpow(&b, &prime));
        assert_eq!(session_key(&pb.modpow(&a, &prime)), session_key(&pa.modpow(&b, &prime)));
    }
}
