//! Scope lists (`scopes.rs`): Spotify's space-separated `scope` (token responses, the
//! keychain record) and a user's list (`spotlink link --scopes`, the app's picker).
//!
//! Asserts: a granted list parses, serialises and parses to the same set of non-empty
//! names without whitespace; a user's list parses to catalogue names that serialise and
//! parse back the same, or names the unknown scope it holds; a union keeps both sides.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotlink_core::scopes::{lookup, ScopeSet, UnknownScope};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let granted = ScopeSet::from_granted(text);
    assert_eq!(ScopeSet::from_granted(&granted.to_string()), granted);
    assert!(granted.iter().all(|n| !n.is_empty() && !n.contains(|c: char| c.is_ascii_whitespace())));

    match ScopeSet::parse_requested(text) {
        Ok(requested) => {
            assert!(requested.iter().all(|n| lookup(n).is_some()));
            assert_eq!(ScopeSet::parse_requested(&requested.to_string()), Ok(requested.clone()));
            assert_eq!(ScopeSet::from_granted(&requested.to_string()), requested);
            let union = requested.union(&granted);
            assert!(requested.missing_from(&union).is_empty() && granted.missing_from(&union).is_empty());
            assert!(union.iter().all(|n| requested.contains(n) || granted.contains(n)));
            assert_eq!(union, granted.union(&requested));
        }
        Err(UnknownScope(name)) => {
            assert!(lookup(&name).is_none());
            assert!(text.contains(&name), "the unknown name comes from the list: {name:?}");
        }
    }
});
