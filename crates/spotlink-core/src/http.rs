//! The HTTP client and the reading of responses shared by the token and profile clients.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::i18n::Message;
use crate::msg;

/// Largest response body read from Spotify; real ones are a few hundred bytes.
const MAX_BODY: usize = 256 * 1024;

/// A client [`build_ahead`] made, for the first [`client`] call with its timeout.
static AHEAD: Mutex<Option<(Duration, reqwest::Client)>> = Mutex::new(None);

/// Reads `body` as the JSON object `T` describes, or says why it is not one. serde's
/// derived structs also read an array of their fields in order; Spotify's bodies are
/// objects, and an array such as `["invalid_grant"]` must not end a link as
/// `{"error":"invalid_grant"}` does.
pub(crate) fn json_object<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Message> {
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(msg!("error-http-detail-not-an-object"));
    }
    serde_json::from_slice(body).map_err(|e| Message::verbatim(e.to_string()))
}

/// An HTTP client with SpotLink's timeouts and no redirects (a token endpoint never
/// redirects; following one could send a code or refresh token elsewhere), and the
/// proxy of [`https_proxy`].
pub fn client(timeout: Duration) -> reqwest::Client {
    let mut ahead = AHEAD.lock().unwrap_or_else(PoisonError::into_inner);
    match ahead.take() {
        Some((built_for, client)) if built_for == timeout => client,
        _ => build(timeout),
    }
}

/// Builds the client a one-shot process's first request will use, finding the CA
/// certificates the cheap way ([`certificates::lazily`]). Call before the process starts
/// any thread: it sets, and then removes, an environment variable.
pub fn build_ahead(timeout: Duration) {
    let client = certificates::lazily(|| build(timeout));
    *AHEAD.lock().unwrap_or_else(PoisonError::into_inner) = Some((timeout, client));
}

fn build(timeout: Duration) -> reqwest::Client {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("SpotLink/", env!("CARGO_PKG_VERSION")))
        // Not reqwest's own reading of the environment: it would also send plain-HTTP
        // requests to a loopback emulator through `HTTP_PROXY`/`ALL_PROXY`, refresh
        // tokens in clear text included.
        .no_proxy();
    if let Some(proxy) = https_proxy(|name| std::env::var(name).ok()) {
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        // Only fails when the TLS backend cannot start; a default client would fail the
        // same way and, worse, would follow redirects with no timeout.
        .expect("the HTTP client's fixed settings are valid")
}

/// Hosts never reached through a proxy: this computer itself.
const LOOPBACK: &str = "127.0.0.0/8,::1,localhost";

/// The proxy for `https://` requests: `HTTPS_PROXY` (or `ALL_PROXY`; lower case too),
/// except for the hosts in `NO_PROXY` and loopback, tunnelled with `CONNECT` so the
/// proxy sees only the host name. Plain `http://` is never proxied: SpotLink's config
/// allows it only on loopback ([`crate::config`]), where a proxy has no business.
/// A proxy URL that does not parse is reported in the log and ignored.
pub(crate) fn https_proxy(var: impl Fn(&str) -> Option<String>) -> Option<reqwest::Proxy> {
    let first = |names: &[&str]| names.iter().find_map(|n| var(n).filter(|v| !v.trim().is_empty()));
    let url = first(&["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"])?;
    let proxy = match reqwest::Proxy::https(url.trim()) {
        Ok(proxy) => proxy,
        Err(e) => {
            tracing::warn!(error = %e, "HTTPS_PROXY is not a proxy URL; connecting directly");
            return None;
        }
    };
    let no_proxy = first(&["NO_PROXY", "no_proxy"]).map_or(LOOPBACK.to_owned(), |list| format!("{list},{LOOPBACK}"));
    Some(proxy.no_proxy(reqwest::NoProxy::from_string(&no_proxy)))
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
pub(crate) async fn read_body(response: reqwest::Response) -> Result<Vec<u8>, TransportFailure> {
    read_body_up_to(response, MAX_BODY).await
}

/// Reads a body up to `limit` bytes.
pub(crate) async fn read_body_up_to(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, TransportFailure> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| TransportFailure::from_reqwest(&e))? {
        if body.len() + chunk.len() > limit {
            return Err(TransportFailure::Other("response too large".into()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Spotify is throttling: its accounts service and its Web API are said alike, with the
/// wait when Spotify named one (`Retry-After`).
pub(crate) fn rate_limited(retry_after: Option<Duration>) -> Message {
    match retry_after {
        Some(wait) => msg!("error-rate-limited-for", secs = wait.as_secs()),
        None => msg!("error-rate-limited"),
    }
}

/// `Retry-After` in seconds (Spotify sends delta-seconds), if present and sane.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let secs: u64 = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(secs.min(24 * 3600)))
}

/// Where OpenSSL finds the CA certificates (Linux).
///
/// OpenSSL 3 takes tens of milliseconds to parse the system's CA bundle, and native-tls
/// has it parsed twice for every HTTP client: by OpenSSL's default paths, then once
/// more through openssl-probe. Most of a one-shot `spotlink api` or `refresh` went
/// there. Where the system also keeps its CAs as a hashed directory (`c_rehash`,
/// `update-ca-certificates`: Debian, Ubuntu, Arch, openSUSE), OpenSSL can instead look
/// up, during a handshake, just the CA that handshake needs, from the same set.
#[cfg(target_os = "linux")]
mod certificates {
    use std::ffi::CStr;
    use std::path::PathBuf;

    const CERT_FILE: &str = "SSL_CERT_FILE";

    /// Runs `build` with `SSL_CERT_FILE` pointing at no certificate when the user set
    /// none and the certificate directory in use is hashed, so the trust anchors come
    /// from that directory alone; then puts the environment back, so that child
    /// processes (the browser `spotlink link` opens) see it unchanged. Anywhere else
    /// `build` runs as it would.
    pub(super) fn lazily<T>(build: impl FnOnce() -> T) -> T {
        let lazy = std::env::var_os(CERT_FILE).is_none() && directory().is_some_and(|dir| is_hashed(&dir));
        if !lazy {
            return build();
        }
        std::env::set_var(CERT_FILE, "/dev/null");
        let built = build();
        std::env::remove_var(CERT_FILE);
        built
    }

    /// `SSL_CERT_DIR`'s first directory if set, else OpenSSL's own default.
    fn directory() -> Option<PathBuf> {
        if let Some(dirs) = std::env::var_os("SSL_CERT_DIR") {
            return std::env::split_paths(&dirs).next();
        }
        // SAFETY: returns a pointer to a static, NUL-terminated string inside OpenSSL.
        let dir = unsafe { CStr::from_ptr(openssl_sys::X509_get_default_cert_dir()) };
        dir.to_str().ok().map(PathBuf::from)
    }

    /// Whether `dir` holds OpenSSL's hash links (`5ad8a5d6.0`: 8 hex digits, a dot, a number).
    fn is_hashed(dir: &std::path::Path) -> bool {
        let Ok(entries) = std::fs::read_dir(dir) else { return false };
        entries.flatten().any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.split_once('.').is_some_and(|(hash, n)| {
                hash.len() == 8
                    && hash.bytes().all(|b| b.is_ascii_hexdigit())
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
            })
        })
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn hash_links_are_recognised() {
            let dir = tempfile::tempdir().unwrap();
            assert!(!super::is_hashed(dir.path()));
            std::fs::write(dir.path().join("ca-bundle.crt"), "").unwrap();
            std::fs::write(dir.path().join("5ad8a5d6.x"), "").unwrap();
            assert!(!super::is_hashed(dir.path()), "only names like 5ad8a5d6.0 count");
            std::fs::write(dir.path().join("5ad8a5d6.0"), "").unwrap();
            assert!(super::is_hashed(dir.path()));
        }
    }
}

/// Elsewhere the TLS library is the OS's own, which has no such cost.
#[cfg(not(target_os = "linux"))]
mod certificates {
    pub(super) fn lazily<T>(build: impl FnOnce() -> T) -> T {
        build()
    }
}
