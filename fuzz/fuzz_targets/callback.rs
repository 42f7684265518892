//! The `spotlink://callback?...` link as the app receives it: from argv at a cold start
//! or through the single-instance hand-off (a lossily decoded OS string), and from the
//! deep-link plugin (a URL it parsed first). The shell runs `callback::parse_deep_link`
//! and then `PendingFlow::complete`; so does this target.
//!
//! Asserts: a parsed link is well formed and re-encodes to a link that parses to the
//! same; a link that does not complete the sign-in leaves it pending and completable
//! by the genuine answer; only the pending `state` completes or ends it; a link that
//! ended it is refused as a replay afterwards.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotlink_core::callback::{parse_deep_link, CallbackError, CallbackParams};
use spotlink_core::fuzzing;
use spotlink_fuzz::{assert_still_completable, leaves_flow_pending, now, pending_flow, STATE};

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    check(&raw);
    match url::Url::parse(raw.trim()) {
        Ok(url) if url.as_str() != raw => check(url.as_str()),
        _ => {}
    }
});

/// The parts of a callback, in plain strings, to compare two parses.
#[derive(Debug, PartialEq, Eq)]
enum Parts {
    Code { code: String, state: String },
    Error { error: String, description: Option<String>, state: Option<String> },
}

fn parts(params: &CallbackParams) -> Parts {
    match params {
        CallbackParams::Code { code, state } => Parts::Code { code: code.secret().to_owned(), state: state.clone() },
        CallbackParams::Error { error, description, state } => {
            Parts::Error { error: error.clone(), description: description.clone(), state: state.clone() }
        }
    }
}

fn reencode(parts: &Parts) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    match parts {
        Parts::Code { code, state } => {
            query.append_pair("code", code).append_pair("state", state);
        }
        Parts::Error { error, description, state } => {
            query.append_pair("error", error);
            if let Some(d) = description {
                query.append_pair("error_description", d);
            }
            if let Some(s) = state {
                query.append_pair("state", s);
            }
        }
    }
    format!("spotlink://callback?{}", query.finish())
}

fn check(raw: &str) {
    let parsed = parse_deep_link(raw);
    let seen = parsed.as_ref().ok().map(parts);
    if let Some(seen) = &seen {
        let visible = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_graphic());
        match seen {
            Parts::Code { code, state } => assert!(visible(code) && visible(state), "{seen:?}"),
            Parts::Error { error, description, .. } => {
                assert!(visible(error), "{seen:?}");
                assert!(description
                    .as_deref()
                    .is_none_or(|d| d.chars().count() <= 300 && !d.contains(char::is_control)));
            }
        }
        let again = parse_deep_link(&reencode(seen)).expect("a re-encoded callback parses");
        assert_eq!(&parts(&again), seen, "a callback re-encodes to itself");
    }

    let mut flow = pending_flow();
    match parsed.and_then(|params| flow.complete(params, now())) {
        Ok(completed) => {
            assert!(matches!(&seen, Some(Parts::Code { state, .. }) if state == STATE));
            assert_eq!(fuzzing::pending_state(&completed.pending), STATE);
            assert!(flow.current().is_none());
        }
        Err(e) if leaves_flow_pending(&e) => {
            assert_still_completable(&mut flow);
            return;
        }
        Err(CallbackError::Denied | CallbackError::Refused { .. }) => {
            assert!(matches!(&seen, Some(Parts::Error { state: Some(state), .. }) if state == STATE));
            assert!(flow.current().is_none());
        }
        Err(e) => panic!("a fresh sign-in cannot end with {e:?}"),
    }
    // The link ended the sign-in: sent again, it is a replay and changes nothing.
    let again = parse_deep_link(raw).expect("it parsed before");
    assert_eq!(flow.complete(again, now()).unwrap_err(), CallbackError::Replayed);
    assert!(flow.current().is_none());
}
