//! `state.json` (`store.rs`, `LinkState::parse`): which account is linked, the scopes
//! asked for and the reminders given. Not secret, but anything may be in the file.
//!
//! Asserts: a loaded state names an account and writes back (as `LinkStore` writes
//! it) to a file that loads the same; a refused file is a state-file error naming it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use spotlink_core::store::{LinkState, StoreError};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("/fuzz/state.json");
    match LinkState::parse(text, path) {
        Ok(state) => {
            assert!(!state.account_id.is_empty());
            let written = serde_json::to_string_pretty(&state).expect("a state serialises");
            assert_eq!(LinkState::parse(&written, path).expect("a written state loads"), state);
        }
        Err(e) => {
            assert!(matches!(&e, StoreError::StateFile { path: p, .. } if p == path), "{e:?}");
            assert!(e.to_string().starts_with("/fuzz/state.json: "));
        }
    }
});
