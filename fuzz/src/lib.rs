//! What the fuzz targets share: a fixed pending sign-in and checks used by several targets.

use spotlink_core::callback::{CallbackError, PendingFlow};
use spotlink_core::fuzzing;
use time::OffsetDateTime;

/// The `state` of the pending sign-in the callback targets set up (also in the
/// dictionaries and seeds, so the fuzzer reaches the paths where it matches).
pub const STATE: &str = "fuzz-state-0123456789";

/// When that sign-in started (fixed, so a crash replays exactly).
pub fn started_at() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("a fixed instant")
}

/// A moment while that sign-in is still valid.
pub fn now() -> OffsetDateTime {
    started_at() + time::Duration::minutes(1)
}

/// An empty slot with one sign-in in progress expecting [`STATE`].
pub fn pending_flow() -> PendingFlow {
    let mut flow = PendingFlow::new();
    flow.begin(fuzzing::pending_with_state(STATE, started_at()));
    flow
}

/// The sign-in in `flow` is the one set up, still pending, and the genuine answer
/// still completes it: whatever came before changed nothing.
pub fn assert_still_completable(flow: &mut PendingFlow) {
    let pending = flow.current().expect("a refused callback leaves the sign-in pending");
    assert_eq!(fuzzing::pending_state(pending), STATE);
    let genuine =
        spotlink_core::callback::parse_query(&format!("code=genuine&state={STATE}")).expect("the genuine answer");
    let completed = flow.complete(genuine, now()).expect("the genuine answer still completes the sign-in");
    assert_eq!(completed.code.secret(), "genuine");
}

/// Only these refusals may leave a pending sign-in in place: with one in progress and no
/// finished ones, "no sign-in in progress" and "replayed" cannot happen.
pub fn leaves_flow_pending(error: &CallbackError) -> bool {
    matches!(error, CallbackError::Malformed(_) | CallbackError::StateMismatch)
}

/// Every JSON string literal in `text` (keys and values, also in JSON that breaks off
/// later): the text an error message must never quote, since it may be a token.
pub fn json_string_literals(text: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.iter().enumerate().filter(|(_, b)| **b == b'"') {
        let mut literal = serde_json::Deserializer::from_slice(&text[i..]).into_iter::<String>();
        if let Some(Ok(s)) = literal.next() {
            if !s.is_empty() {
                out.push(s);
            }
        }
    }
    out
}

/// Panics when `message` quotes one of the string literals of `input`.
pub fn assert_quotes_nothing(message: &str, input: &[u8]) {
    for literal in json_string_literals(input) {
        assert!(!message.contains(&format!("\"{literal}\"")), "the error message quotes the input: {message}");
    }
}
