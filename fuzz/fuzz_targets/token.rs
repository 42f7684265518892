//! The token endpoint's answers (`token.rs`): the success body of a code exchange or
//! refresh, and the error body of a 400/401. A hostile or broken server sends anything.
//!
//! Asserts: an accepted answer has a usable access token (and refresh token, if any),
//! an expiry within a week, the token the JSON holds, and granted scopes that
//! round-trip; an error body maps to the variant its `error` names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use spotlink_core::fuzzing;
use spotlink_core::scopes::ScopeSet;
use spotlink_core::token::TokenError;

fuzz_target!(|data: &[u8]| {
    // A second reading of the body, to compare with: only where it is valid JSON (the
    // parsers skip unknown fields without checking their UTF-8, which is harmless).
    let json: Option<Value> = serde_json::from_slice(data).ok();
    let field = |name: &str| json.as_ref().and_then(|j| j.get(name)).and_then(Value::as_str);
    let agrees = |name: &str, value: &str| json.is_none() || field(name) == Some(value);
    let usable = |t: &str| !t.is_empty() && t.len() <= 4096 && t.chars().all(|c| c.is_ascii_graphic());

    match fuzzing::parse_token_success(data) {
        Ok(response) => {
            assert!(json.as_ref().is_none_or(Value::is_object), "only an object is a token response");
            assert!(usable(response.access_token.secret()));
            assert!(agrees("access_token", response.access_token.secret()));
            assert!(json.is_none() || field("token_type").is_some_and(|t| t.eq_ignore_ascii_case("bearer")));
            if let Some(refresh) = &response.refresh_token {
                assert!(usable(refresh.secret()));
                assert!(agrees("refresh_token", refresh.secret()));
            }
            assert!((1..=7 * 24 * 3600).contains(&response.expires_in.as_secs()));
            if let Some(scope) = &response.scope {
                assert_eq!(&ScopeSet::from_granted(&scope.to_string()), scope);
            }
        }
        Err(e) => assert!(matches!(e, TokenError::Malformed(_)), "a body can only be malformed: {e:?}"),
    }

    for status in [400, 401] {
        let error = fuzzing::parse_token_error(status, data);
        if json.as_ref().is_some_and(|j| !j.is_object()) {
            assert!(matches!(error, TokenError::Malformed(_)), "only an object is an error body: {error:?}");
        }
        match &error {
            TokenError::InvalidGrant { description } => {
                assert!(agrees("error", "invalid_grant"));
                assert!(!description.is_empty());
            }
            TokenError::InvalidClient { description } => {
                assert!(agrees("error", "invalid_client"));
                assert!(!description.is_empty());
            }
            TokenError::Refused { error, description } => {
                assert!(agrees("error", error));
                assert!(!matches!(error.as_str(), "invalid_grant" | "invalid_client"));
                assert!(description.as_deref().is_none_or(|d| !d.is_empty()));
            }
            TokenError::Malformed(message) => assert!(message.english().contains(&status.to_string())),
            other => panic!("an error body cannot be {other:?}"),
        }
        assert!(!error.to_string().is_empty());
    }
});
