//! The `GET /v1/me` answer (`profile.rs`): the profile body and a Web API error body.
//!
//! Asserts: an accepted profile has the body's non-empty `id`, no empty display name,
//! the image URL of the widest image and the body's profile link; an error body's
//! message is a string from the body or names the status.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use spotlink_core::fuzzing;
use spotlink_core::profile::{Profile, ProfileError};

fuzz_target!(|data: &[u8]| {
    match fuzzing::parse_profile(data) {
        Ok(profile) => {
            assert!(!profile.id.is_empty());
            assert!(profile.display_name.as_deref().is_none_or(|n| !n.is_empty()));
            // A second reading of the body, to compare with: only where it is valid JSON
            // (the parser skips unknown fields without checking their UTF-8; harmless).
            if let Ok(json) = serde_json::from_slice::<Value>(data) {
                assert!(json.is_object(), "only an object is a profile");
                agrees(&profile, &json);
            }
        }
        Err(e) => assert!(matches!(e, ProfileError::Malformed(_)), "a body can only be malformed: {e:?}"),
    }

    // Spotify's own message, or the status: nothing else.
    let message = fuzzing::profile_error_message(403, data);
    assert!(message == "HTTP 403" || spotlink_fuzz::json_string_literals(data).contains(&message), "{message}");
});

fn agrees(profile: &Profile, json: &Value) {
    assert_eq!(json.get("id").and_then(Value::as_str), Some(profile.id.as_str()));
    let images = json.get("images").and_then(Value::as_array).cloned().unwrap_or_default();
    let width = |image: &Value| image.get("width").and_then(Value::as_u64).unwrap_or(0);
    match &profile.image_url {
        None => assert!(images.is_empty()),
        Some(url) => {
            let widest = images.iter().map(width).max().expect("an image");
            assert!(images
                .iter()
                .any(|i| width(i) == widest && i.get("url").and_then(Value::as_str) == Some(url.as_str())));
        }
    }
    let expected_url = json.pointer("/external_urls/spotify").and_then(Value::as_str);
    assert_eq!(profile.profile_url.as_deref(), expected_url);
}
