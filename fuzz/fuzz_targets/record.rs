//! What the keychain holds under SpotLink's service: the link record (`store.rs`) and
//! the sign-in in progress (entry `:pending-sign-in`, `authorize.rs`). Any program of
//! the user can write there; older versions and damage leave other shapes.
//!
//! Asserts: a decoded record never has an empty refresh or access token; it re-encodes
//! and decodes to the same (or, when too long for the keychain, to the same without
//! the cached profile extras); a refused entry is a named "corrupt" error that quotes
//! nothing of the entry (it may be a token). A decoded sign-in re-encodes to itself.
//! Each input is tried as the entry's text and as the fields of a record-shaped entry.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;
use spotlink_core::fuzzing;
use spotlink_core::store::{LinkRecord, StoreError, MAX_RECORD_UTF16};

const ACCOUNT: &str = "fuzz-account";

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
    // The same bytes read as the fields of a record-shaped entry: JSON of the right
    // shape with odd values (empty or huge tokens, any numbers) is rare in raw mutations.
    if let Ok(entry) = near_miss(&mut Unstructured::new(data)) {
        check(&entry.to_string());
    }
});

fn near_miss(u: &mut Unstructured) -> arbitrary::Result<serde_json::Value> {
    let v: u8 = if u.ratio(3, 4)? { 1 } else { u.arbitrary()? };
    let mut entry = serde_json::json!({
        "v": v,
        "client_id": u.arbitrary::<String>()?,
        "account": {"id": u.arbitrary::<String>()?, "display_name": u.arbitrary::<Option<String>>()?},
        "scope": u.arbitrary::<String>()?,
        "authorized_at": u.arbitrary::<i64>()?,
    });
    let object = entry.as_object_mut().expect("an object");
    if let Some(refresh) = u.arbitrary::<Option<String>>()? {
        object.insert("refresh_token".into(), refresh.into());
    }
    if let Some(access) = u.arbitrary::<Option<String>>()? {
        object.insert("access_token".into(), access.into());
    }
    if let Some(expires_at) = u.arbitrary::<Option<i64>>()? {
        object.insert("expires_at".into(), expires_at.into());
    }
    Ok(entry)
}

fn check(text: &str) {
    match fuzzing::decode_record(ACCOUNT, text) {
        Ok(record) => round_trip(record),
        Err(e) => {
            assert!(matches!(&e, StoreError::Corrupt { account, .. } if account == ACCOUNT), "{e:?}");
            spotlink_fuzz::assert_quotes_nothing(&e.to_string(), text.as_bytes());
        }
    }
    for accounts in ["https://accounts.spotify.com", "http://127.0.0.1:4380"] {
        let accounts = url::Url::parse(accounts).expect("a fixed URL");
        if let Some(pending) = fuzzing::decode_pending(text, &accounts) {
            // Only a sign-in SpotLink could have started: a verifier RFC 7636 allows and
            // a state a callback can carry.
            let verifier = fuzzing::pending_verifier(&pending);
            assert!((43..=128).contains(&verifier.len()), "{}", verifier.len());
            assert!(verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)));
            let state = fuzzing::pending_state(&pending);
            assert!(!state.is_empty() && state.bytes().all(|b| b.is_ascii_graphic()));
            let json = fuzzing::encode_pending(&pending);
            let again = fuzzing::decode_pending(&json, &accounts).expect("an encoded sign-in decodes");
            assert_eq!(fuzzing::encode_pending(&again), json);
            assert_eq!(fuzzing::pending_state(&again), fuzzing::pending_state(&pending));
            assert_eq!(fuzzing::pending_verifier(&again), fuzzing::pending_verifier(&pending));
            assert_eq!(again.redirect_uri, pending.redirect_uri);
            assert_eq!(again.client_id, pending.client_id);
            assert_eq!(again.started_at, pending.started_at);
        }
    }
}

fn round_trip(record: LinkRecord) {
    assert!(record.refresh_token.as_ref().is_none_or(|t| !t.secret().is_empty()));
    assert!(record.access_token.as_ref().is_none_or(|t| !t.token.secret().is_empty()));
    let json = match fuzzing::encode_record(&record) {
        Ok(json) => json,
        Err(StoreError::TooLarge(units)) => return assert!(units > MAX_RECORD_UTF16),
        Err(e) => panic!("a decoded record cannot fail to encode: {e:?}"),
    };
    assert!(json.encode_utf16().count() <= MAX_RECORD_UTF16);
    let back = fuzzing::decode_record(ACCOUNT, &json).expect("an encoded record decodes");
    if back != record {
        // Only the profile extras may go, when the record is too long for the keychain.
        let mut shed = record.clone();
        let account = &mut shed.account;
        (account.email, account.image_url, account.profile_url, account.country, account.product) =
            (None, None, None, None, None);
        assert_eq!(back, shed, "a record decodes to what was written");
    }
    let again = fuzzing::encode_record(&back).expect("a decoded record encodes");
    assert_eq!(fuzzing::decode_record(ACCOUNT, &again).expect("it decodes"), back);
}
