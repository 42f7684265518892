//! The HTTP client and the reading of responses shared by the token and profile clients.

use std::time::Duration;

/// Largest response body read from Spotify; real ones are a few hundred bytes.
const MAX_BODY: usize = 256 * 1024;

/// Whether `body` is a JSON object, by its first character. serde's derived structs also
/// read an array of their fields in order; Spotify's bodies are objects, and an array
/// such as `["invalid_grant"]` must not end a link as `{"error":"invalid_grant"}` does.
pub(crate) fn is_json_object(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// An HTTP client with SpotLink's timeouts and no redirects (a token endpoint never
/// redirects; following one could send a code or refresh token elsewhere).
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("SpotLink/", env!("CARGO_PKG_VERSION")))
        .build()
        // Only fails when the TLS backend cannot start; a default client would fail the
        // same way and, worse, would follow redirects with no timeout.
        .expect("the HTTP client's fixed settings are valid")
}

/// How a request failed before an HTTP status came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TransportFailure {
    /// The connection could not be made: the request never reached the server, so it is safe to resend.
    Connect(String),
    /// No answer in time: the server may have acted on the request.
    Timeout,
    /// The connection broke after sending: the server may have acted on the request.
    Other(String),
}

impl TransportFailure {
    pub(crate) fn from_reqwest(e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            TransportFailure::Timeout
        } else if e.is_connect() {
            TransportFailure::Connect(root_cause(e))
        } else {
            TransportFailure::Other(root_cause(e))
        }
    }
}

/// The innermost error message, which names the actual problem (refused, DNS, TLS...).
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Reads a body up to [`MAX_BODY`] bytes.
pub(crate) async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, TransportFailure> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| TransportFailure::from_reqwest(&e))? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(TransportFailure::Other("response too large".into()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `Retry-After` in seconds (Spotify sends delta-seconds), if present and sane.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let secs: u64 = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(secs.min(24 * 3600)))
}
