//! The loopback listener's handling of one request (`loopback.rs`): the request line,
//! the path, the query, the answer page, and what the request did to the sign-in.
//! Any local process can send it anything; the listener reads the head as UTF-8.
//!
//! Asserts: the response's status line and Content-Length are right and its page holds
//! no markup from the request; only `GET /callback?...` with the pending `state` ends
//! the sign-in; every other request leaves it pending and completable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotlink_core::callback::CallbackError;
use spotlink_core::fuzzing;
use spotlink_fuzz::{assert_still_completable, leaves_flow_pending, now, pending_flow, STATE};

fuzz_target!(|data: &[u8]| {
    let Ok(head) = std::str::from_utf8(data) else { return };
    let mut flow = pending_flow();
    let reply = fuzzing::loopback_request(head, &mut flow, now());

    let response = reply.response();
    let (response_head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    let reason = match reply.status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        other => panic!("unexpected status {other}"),
    };
    assert!(response_head.starts_with(&format!("HTTP/1.1 {} {reason}\r\n", reply.status)));
    assert!(response_head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())));
    let main = body.split_once("<main>").and_then(|(_, rest)| rest.split_once("</main>")).expect("a page").0;
    assert_eq!(main.matches(['<', '>']).count(), 8, "the page holds no markup from the request: {main}");

    let is_callback = head.starts_with("GET /callback?");
    match reply.outcome {
        Some(Ok(completed)) => {
            assert_eq!(reply.status, 200);
            assert!(is_callback);
            assert_eq!(fuzzing::pending_state(&completed.pending), STATE);
            assert!(flow.current().is_none());
        }
        Some(Err(e)) => {
            assert_eq!(reply.status, 200);
            assert!(matches!(e, CallbackError::Denied | CallbackError::Refused { .. }), "{e:?}");
            assert!(is_callback);
            assert!(flow.current().is_none());
        }
        None => {
            assert_ne!(reply.status, 200);
            if let Some(e) = &reply.ignored {
                assert!(leaves_flow_pending(e), "{e:?}");
                assert!(head.starts_with("GET /callback"));
            }
            assert_still_completable(&mut flow);
        }
    }
});
