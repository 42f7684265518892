//! `state.json` (`state.rs`, `LinkState::parse`): which accounts are linked, the active
//! one, the scopes asked for and the reminders given. Not secret, but anything may be in
//! the file.
//!
//! Asserts: a loaded state has an active account exactly when it lists any, the active
//! one among them, no id empty or listed twice, and writes back (as `LinkStore` writes
//! it) to a file that loads the same; a refused file is a state-file error naming it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use spotlink_core::state::LinkState;
use spotlink_core::store::StoreError;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("/fuzz/state.json");
    match LinkState::parse(text, path) {
        Ok(state) => {
            assert_eq!(state.active.is_some(), !state.accounts.is_empty());
            assert!(state.active().is_some() || state.accounts.is_empty());
            for (i, account) in state.accounts.iter().enumerate() {
                assert!(!account.id.is_empty());
                assert!(state.accounts[..i].iter().all(|a| a.id != account.id));
            }
            let written = String::from_utf8(state.to_json()).expect("the state file is UTF-8");
            assert_eq!(LinkState::parse(&written, path).expect("a written state loads"), state);
        }
        Err(e) => {
            assert!(matches!(&e, StoreError::StateFile { path: p, .. } if p == path), "{e:?}");
            assert!(e.to_string().starts_with("/fuzz/state.json: "));
        }
    }
});
