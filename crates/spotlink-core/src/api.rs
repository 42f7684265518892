//! Calls to Spotify's Web API with the linked account's token (`spotlink api`).
//!
//! - The token is only ever sent to the configured API ([`resolve`], [`on_api`]): a
//!   path or full URL elsewhere, and a `next` link elsewhere, are refused.
//! - A token Spotify rejects (401) is renewed once and the request sent again.
//! - Throttling (429) is waited out when `Retry-After` is short ([`MAX_WAIT`]), for
//!   any method: Spotify refuses a throttled request before acting on it.
//! - Outages (5xx, a broken connection, a timeout) are retried only for idempotent
//!   methods (RFC 9110 §9.2.2), because the server may have acted on the request; a
//!   connection that could not be made is retried for every method.
//! - [`Pages`] follows the paging object's `next` links and keeps each item's bytes.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde_json::value::RawValue;
use url::Url;

use crate::http::{self, TransportFailure};
use crate::i18n::{self, Message};
use crate::msg;
use crate::scopes::ScopeSet;
use crate::token::RetryPolicy;

/// A `Retry-After` up to this long is waited out; a longer one is the caller's to handle.
pub const MAX_WAIT: Duration = Duration::from_secs(30);
/// Waits for throttling in one call, at most.
const MAX_THROTTLED: u32 = 3;
/// Largest Web API answer read (a page of 50 full track objects is about 200 KiB).
const MAX_BODY: usize = 64 * 1024 * 1024;
/// Pages followed at most: a chain of `next` links longer than this is a server bug.
pub(crate) const MAX_PAGES: usize = 10_000;
/// Spotify's message for a token without the scope an endpoint needs.
const INSUFFICIENT_SCOPE: &str = "insufficient client scope";

/// A request to the Web API, its URL already checked by [`resolve`] or [`on_api`].
#[derive(Debug, Clone)]
pub struct ApiRequest {
    pub method: Method,
    pub url: Url,
    /// Extra headers; `Authorization` is SpotLink's alone.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The body and its content type.
    pub body: Option<(Vec<u8>, String)>,
}

impl ApiRequest {
    /// A request without body or extra headers.
    pub fn new(method: Method, url: Url) -> Self {
        Self { method, url, headers: Vec::new(), body: None }
    }

    /// Whether sending it twice has the effect of sending it once (RFC 9110 §9.2.2).
    pub fn is_idempotent(&self) -> bool {
        matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE)
    }
}

/// Spotify's answer, whatever its status.
#[derive(Debug)]
pub struct ApiResponse {
    pub status: StatusCode,
    pub version: reqwest::Version,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// Why a Web API call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The URL is not on the configured API: the token is not sent there.
    Foreign { url: String, api: String },
    /// Neither a path nor a URL.
    BadTarget(String),
    /// A 401 even after renewing the token.
    Unauthorized { message: String },
    /// A 403 for a missing scope. `missing` names the scopes the endpoint needs that
    /// the link lacks, when SpotLink knows the endpoint ([`needed_scopes`]).
    InsufficientScope { missing: Vec<String>, message: String },
    /// A 403 for an account not on a development-mode app's allow-list.
    NotAllowListed { message: String },
    /// A 429 not waited out, with its `Retry-After`.
    RateLimited { retry_after: Option<Duration> },
    /// A 5xx, after the retries an idempotent request gets.
    Server { status: u16, message: String },
    /// Any other error status, with Spotify's message.
    Status { status: u16, message: String },
    /// The connection could not be made (the OS's or reqwest's words).
    Unreachable(String),
    /// No answer in time.
    Timeout,
    /// The connection broke after sending (the OS's or reqwest's words).
    Broken(String),
    /// Why SpotLink cannot page through the answer: the parser's words or its own.
    Malformed(Message),
}

impl ApiError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            ApiError::Foreign { url, api } => msg!("error-api-foreign", url = url, api = api),
            ApiError::BadTarget(target) => msg!("error-api-bad-target", target = target),
            ApiError::Unauthorized { message } => msg!("error-api-unauthorized", message = message),
            ApiError::InsufficientScope { missing, message } if missing.is_empty() => {
                msg!("error-api-insufficient-scope-unnamed", message = message)
            }
            ApiError::InsufficientScope { missing, .. } => msg!(
                "error-api-insufficient-scope",
                count = missing.len(),
                scopes = i18n::list(missing),
                argument = missing.join(",")
            ),
            ApiError::NotAllowListed { message } => msg!("error-api-not-allow-listed", message = message),
            ApiError::RateLimited { retry_after } => http::rate_limited(*retry_after),
            ApiError::Server { status, message } | ApiError::Status { status, message } => {
                msg!("error-api-status", status = *status, message = message)
            }
            ApiError::Unreachable(detail) => msg!("error-api-unreachable", detail = detail),
            ApiError::Timeout => msg!("error-api-timeout"),
            ApiError::Broken(detail) => msg!("error-api-broken", detail = detail),
            ApiError::Malformed(detail) => msg!("error-api-malformed", detail = detail.clone()),
        }
    }
}

crate::display_in_english!(ApiError);

/// The URL a `spotlink api` target names: a path relative to the API base
/// (`me/top/tracks`, `/me`; a leading `/v1` is accepted too) or a full URL on the API.
pub fn resolve(api: &Url, target: &str) -> Result<Url, ApiError> {
    let target = target.trim();
    if target.is_empty() || target.chars().any(char::is_control) {
        return Err(ApiError::BadTarget(target.to_owned()));
    }
    let url = if target.contains("://") {
        Url::parse(target).map_err(|_| ApiError::BadTarget(target.to_owned()))?
    } else {
        let base_path = api.path().trim_end_matches('/');
        let relative = target.trim_start_matches('/');
        let path = match relative.strip_prefix(base_path.trim_start_matches('/')) {
            Some(rest) if !base_path.is_empty() && (rest.is_empty() || rest.starts_with(['/', '?'])) => {
                format!("{base_path}{rest}")
            }
            _ => format!("{base_path}/{relative}"),
        };
        api.join(&path).map_err(|_| ApiError::BadTarget(target.to_owned()))?
    };
    on_api(api, &url)?;
    Ok(url)
}

/// Checks that `url` is on the API: same scheme, host and port, and a path under the
/// API's path (after `..` was resolved), with no credentials in it.
pub fn on_api(api: &Url, url: &Url) -> Result<(), ApiError> {
    let base_path = api.path().trim_end_matches('/');
    let path = url.path();
    let under = path == base_path || path.starts_with(&format!("{base_path}/"));
    let same_origin = url.scheme() == api.scheme()
        && url.host() == api.host()
        && url.port_or_known_default() == api.port_or_known_default();
    if same_origin && under && url.username().is_empty() && url.password().is_none() {
        Ok(())
    } else {
        let mut shown = url.clone();
        let _ = shown.set_password(None);
        let _ = shown.set_username("");
        shown.set_query(None);
        Err(ApiError::Foreign { url: shown.to_string(), api: api.to_string() })
    }
}

/// How one try of a call ended.
pub(crate) enum Sent {
    Answer(ApiResponse),
    Failed(TransportFailure),
}

/// What the caller hears while a call waits or pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiEvent {
    /// Throttled: waiting this long before sending again.
    Waiting(Duration),
    /// A page arrived: pages so far, items so far, and the total Spotify announced.
    Page { pages: usize, items: usize, total: Option<u64> },
}

/// Sends `request` once with `token`.
pub(crate) async fn send(http: &reqwest::Client, request: &ApiRequest, token: &str) -> Sent {
    let mut builder = http.request(request.method.clone(), request.url.clone()).bearer_auth(token);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    if let Some((body, content_type)) = &request.body {
        builder = builder.header(reqwest::header::CONTENT_TYPE, content_type).body(body.clone());
    }
    let response = match builder.send().await {
        Ok(response) => response,
        Err(e) => return Sent::Failed(TransportFailure::from_reqwest(&e)),
    };
    let (status, version, headers) = (response.status(), response.version(), response.headers().clone());
    match http::read_body_up_to(response, MAX_BODY).await {
        Ok(body) => Sent::Answer(ApiResponse { status, version, headers, body }),
        Err(failure) => Sent::Failed(failure),
    }
}

impl From<TransportFailure> for ApiError {
    fn from(failure: TransportFailure) -> Self {
        match failure {
            TransportFailure::Connect(why) => ApiError::Unreachable(why),
            TransportFailure::Timeout => ApiError::Timeout,
            TransportFailure::Other(why) => ApiError::Broken(why),
        }
    }
}

/// What to do after one try.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Hand this answer (or failure) to the caller.
    Done,
    /// Renew the token and send again (once per call).
    RenewToken,
    /// Send again after this long.
    Retry(Duration),
}

/// The retry rules of the module comment, for a try that ended in `sent`: `renewed`
/// whether the token was renewed already in this call, `tries` the tries so far and
/// `throttled` the 429s waited out so far.
pub(crate) fn next_step(
    request: &ApiRequest,
    sent: &Sent,
    renewed: bool,
    tries: u32,
    throttled: u32,
    policy: &RetryPolicy,
) -> Next {
    let backoff = policy.base_delay * 2u32.saturating_pow(tries.saturating_sub(1));
    let may_retry = tries < policy.max_attempts;
    match sent {
        Sent::Answer(response) => match response.status.as_u16() {
            401 if !renewed => Next::RenewToken,
            429 => match http::retry_after(&response.headers) {
                Some(wait) if wait <= MAX_WAIT && throttled < MAX_THROTTLED => Next::Retry(wait),
                _ => Next::Done,
            },
            500..=599 if may_retry && request.is_idempotent() => Next::Retry(backoff),
            _ => Next::Done,
        },
        Sent::Failed(TransportFailure::Connect(_)) if may_retry => Next::Retry(backoff),
        Sent::Failed(_) if may_retry && request.is_idempotent() => Next::Retry(backoff),
        Sent::Failed(_) => Next::Done,
    }
}

impl ApiResponse {
    /// The failure this answer means (`None` for a success), with the scopes the
    /// link lacks named for a 403 of a missing scope.
    pub fn error(&self, request: &ApiRequest, api: &Url, granted: &ScopeSet) -> Option<ApiError> {
        let status = self.status.as_u16();
        if status < 400 {
            return None;
        }
        let message = self.message();
        Some(match status {
            401 => ApiError::Unauthorized { message },
            403 if message.to_ascii_lowercase().contains(INSUFFICIENT_SCOPE) => {
                let missing = needed_scopes(&request.method, api, &request.url)
                    .map(|any_of| {
                        if any_of.iter().any(|s| granted.contains(s)) {
                            Vec::new()
                        } else {
                            any_of.iter().take(1).map(|s| (*s).to_owned()).collect()
                        }
                    })
                    .unwrap_or_default();
                ApiError::InsufficientScope { missing, message }
            }
            403 if message.contains("may not be registered") => ApiError::NotAllowListed { message },
            429 => ApiError::RateLimited { retry_after: http::retry_after(&self.headers) },
            500..=599 => ApiError::Server { status, message },
            _ => ApiError::Status { status, message },
        })
    }

    /// Spotify's error message (`{"error": {"message"}}`, or OAuth's `error_description`),
    /// else the status's reason phrase.
    fn message(&self) -> String {
        #[derive(Deserialize)]
        struct Body {
            error: Detail,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Detail {
            Api { message: String },
            Plain(String),
        }
        match http::json_object::<Body>(&self.body) {
            Ok(Body { error: Detail::Api { message } | Detail::Plain(message) }) if !message.trim().is_empty() => {
                message.chars().filter(|c| !c.is_control()).take(300).collect()
            }
            _ => self.status.canonical_reason().unwrap_or("no message").to_owned(),
        }
    }
}

/// The scopes an endpoint needs, any one of them enough, for the endpoints where
/// Spotify's reference names one; used to name what a 403 "Insufficient client scope"
/// is missing. `None`: SpotLink does not know the endpoint.
pub fn needed_scopes(method: &Method, api: &Url, url: &Url) -> Option<&'static [&'static str]> {
    let base = api.path().trim_end_matches('/');
    let path = url.path().strip_prefix(base)?.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let read = *method == Method::GET;
    Some(match (segments.as_slice(), read) {
        (["me", "top", ..], _) => &["user-top-read"],
        (["me", "player", "currently-playing"], true) => &["user-read-currently-playing"],
        (["me", "player", "recently-played"], true) => &["user-read-recently-played"],
        (["me", "player", ..], true) => &["user-read-playback-state"],
        (["me", "player", ..], false) => &["user-modify-playback-state"],
        (["me", "playlists"], true) => &["playlist-read-private"],
        (["me", "playlists"] | ["users", _, "playlists"], false) => {
            &["playlist-modify-public", "playlist-modify-private"]
        }
        (["me", "tracks" | "albums" | "shows" | "episodes" | "audiobooks" | "library", ..], true) => {
            &["user-library-read"]
        }
        (["me", "tracks" | "albums" | "shows" | "episodes" | "audiobooks" | "library", ..], false) => {
            &["user-library-modify"]
        }
        (["me", "following", ..], true) => &["user-follow-read"],
        (["me", "following", ..], false) => &["user-follow-modify"],
        (["playlists", _, "images"], false) => &["ugc-image-upload"],
        (["playlists", ..], true) => &["playlist-read-private"],
        (["playlists", ..], false) => &["playlist-modify-public", "playlist-modify-private"],
        _ => return None,
    })
}

/// Items gathered by following a paged answer's `next` links, each kept as Spotify
/// sent it.
#[derive(Debug, Default)]
pub struct Pages {
    pub items: Vec<Box<RawValue>>,
    pub pages: usize,
}

/// The paging object in an answer: the body itself (`/me/playlists`) or the one
/// object under its only key (`/me/following` answers `{"artists": {...}}`).
#[derive(Debug, Deserialize)]
pub(crate) struct Page {
    pub items: Vec<Box<RawValue>>,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub total: Option<u64>,
}

impl Page {
    pub(crate) fn parse(body: &[u8]) -> Result<Self, ApiError> {
        let malformed = |e: serde_json::Error| ApiError::Malformed(Message::verbatim(e.to_string()));
        let outer: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(body).map_err(malformed)?;
        let paging = if outer.contains_key("items") {
            serde_json::Value::Object(outer)
        } else {
            match outer.into_iter().next() {
                Some((_, inner @ serde_json::Value::Object(_))) => inner,
                _ => return Err(ApiError::Malformed(msg!("error-api-detail-not-paging"))),
            }
        };
        serde_json::from_value(paging).map_err(malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Url {
        Url::parse("https://api.spotify.com/v1").expect("url")
    }

    #[test]
    fn targets_resolve_under_the_api_and_nowhere_else() {
        let ok = |t: &str| resolve(&api(), t).map(|u| u.to_string());
        assert_eq!(ok("me").as_deref(), Ok("https://api.spotify.com/v1/me"));
        assert_eq!(ok("/me/top/tracks?limit=5").as_deref(), Ok("https://api.spotify.com/v1/me/top/tracks?limit=5"));
        assert_eq!(ok("/v1/me").as_deref(), Ok("https://api.spotify.com/v1/me"));
        assert_eq!(ok("v1/me").as_deref(), Ok("https://api.spotify.com/v1/me"));
        assert_eq!(ok("v1").as_deref(), Ok("https://api.spotify.com/v1"));
        assert_eq!(ok("v1x/me").as_deref(), Ok("https://api.spotify.com/v1/v1x/me"));
        assert_eq!(ok("https://api.spotify.com/v1/me").as_deref(), Ok("https://api.spotify.com/v1/me"));
        for foreign in [
            "https://evil.example/v1/me",
            "http://api.spotify.com/v1/me",
            "https://api.spotify.com:8443/v1/me",
            "https://api.spotify.com/v2/me",
            "https://api.spotify.com/v1../me",
            "/v1/../oauth",
            "me/../../oauth",
            "https://user:pw@api.spotify.com/v1/me",
        ] {
            assert!(matches!(resolve(&api(), foreign), Err(ApiError::Foreign { .. })), "{foreign} was accepted");
        }
        let Err(ApiError::Foreign { url, .. }) = resolve(&api(), "https://u:secret@evil.example/x?token=t") else {
            panic!("accepted")
        };
        assert!(!url.contains("secret") && !url.contains("token"), "the refusal repeats credentials: {url}");
        assert!(matches!(resolve(&api(), ""), Err(ApiError::BadTarget(_))));
        assert!(matches!(resolve(&api(), "me\nx"), Err(ApiError::BadTarget(_))));
    }

    #[test]
    fn an_api_at_a_root_path_resolves_too() {
        let root = Url::parse("http://127.0.0.1:9/").expect("url");
        assert_eq!(resolve(&root, "/me").map(|u| u.to_string()).as_deref(), Ok("http://127.0.0.1:9/me"));
    }

    fn answer(status: u16, headers: &[(&'static str, &'static str)]) -> Sent {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        Sent::Answer(ApiResponse {
            status: StatusCode::from_u16(status).expect("status"),
            version: reqwest::Version::HTTP_11,
            headers: map,
            body: Vec::new(),
        })
    }

    #[test]
    fn only_safe_requests_are_sent_again() {
        let policy = RetryPolicy::default();
        let get = ApiRequest::new(Method::GET, api());
        let post = ApiRequest::new(Method::POST, api());
        let step = |request: &ApiRequest, sent: &Sent, renewed, tries, throttled| {
            next_step(request, sent, renewed, tries, throttled, &policy)
        };
        assert_eq!(step(&get, &answer(200, &[]), false, 1, 0), Next::Done);
        assert_eq!(step(&post, &answer(401, &[]), false, 1, 0), Next::RenewToken);
        assert_eq!(step(&get, &answer(401, &[]), true, 2, 0), Next::Done, "one renewal per call");
        assert_eq!(
            step(&post, &answer(429, &[("retry-after", "2")]), false, 1, 0),
            Next::Retry(Duration::from_secs(2))
        );
        assert_eq!(step(&get, &answer(429, &[("retry-after", "31")]), false, 1, 0), Next::Done, "too long to wait");
        assert_eq!(step(&get, &answer(429, &[]), false, 1, 0), Next::Done, "no Retry-After");
        assert_eq!(step(&get, &answer(429, &[("retry-after", "1")]), false, 1, 3), Next::Done, "throttled enough");
        assert_eq!(step(&get, &answer(503, &[]), false, 1, 0), Next::Retry(policy.base_delay));
        assert_eq!(step(&get, &answer(503, &[]), false, 2, 0), Next::Retry(policy.base_delay * 2));
        assert_eq!(step(&get, &answer(503, &[]), false, 3, 0), Next::Done, "attempts used up");
        assert_eq!(step(&post, &answer(500, &[]), false, 1, 0), Next::Done, "POST may have been acted on");
        let put = ApiRequest::new(Method::PUT, api());
        assert!(matches!(step(&put, &answer(502, &[]), false, 1, 0), Next::Retry(_)), "PUT is idempotent");
        let refused = Sent::Failed(TransportFailure::Connect("refused".into()));
        assert!(matches!(step(&post, &refused, false, 1, 0), Next::Retry(_)), "never reached the server");
        let broken = Sent::Failed(TransportFailure::Other("reset".into()));
        assert_eq!(step(&post, &broken, false, 1, 0), Next::Done);
        assert!(matches!(step(&get, &Sent::Failed(TransportFailure::Timeout), false, 1, 0), Next::Retry(_)));
    }

    fn failed(status: u16, body: &str, request: &ApiRequest, granted: &str) -> Option<ApiError> {
        let Sent::Answer(mut response) = answer(status, &[]) else { unreachable!() };
        response.body = body.as_bytes().to_vec();
        response.error(request, &api(), &ScopeSet::from_granted(granted))
    }

    #[test]
    fn errors_name_the_missing_scope_and_keep_spotify_s_message() {
        let top = ApiRequest::new(Method::GET, resolve(&api(), "me/top/tracks").expect("url"));
        let insufficient = r#"{"error":{"status":403,"message":"Insufficient client scope"}}"#;
        let Some(ApiError::InsufficientScope { missing, .. }) = failed(403, insufficient, &top, "user-read-email")
        else {
            panic!("not a scope error")
        };
        assert_eq!(missing, ["user-top-read"]);
        let unknown = ApiRequest::new(Method::GET, resolve(&api(), "markets").expect("url"));
        let error = failed(403, insufficient, &unknown, "").expect("an error");
        assert!(error.to_string().contains("--add-scopes SCOPE"), "{error}");
        let change = ApiRequest::new(Method::PUT, resolve(&api(), "playlists/abc").expect("url"));
        let Some(ApiError::InsufficientScope { missing, .. }) = failed(403, insufficient, &change, "") else {
            panic!("not a scope error")
        };
        assert_eq!(missing, ["playlist-modify-public"]);
        let not_found = failed(404, r#"{"error":{"status":404,"message":"Resource not found"}}"#, &top, "");
        assert_eq!(not_found, Some(ApiError::Status { status: 404, message: "Resource not found".into() }));
        assert_eq!(
            failed(400, "<html>", &top, ""),
            Some(ApiError::Status { status: 400, message: "Bad Request".into() })
        );
        // serde would read an array as the object's fields in order; Spotify's errors are objects.
        assert_eq!(
            failed(400, r#"["Resource not found"]"#, &top, ""),
            Some(ApiError::Status { status: 400, message: "Bad Request".into() })
        );
        assert_eq!(failed(204, "", &top, ""), None);
    }

    #[test]
    fn a_missing_scope_is_named_in_each_language() {
        let russian = crate::i18n::Catalog::new(crate::i18n::Language::from_tag("ru").expect("a catalogue"));
        let lacking = |missing: &[&str]| ApiError::InsufficientScope {
            missing: missing.iter().map(|s| (*s).to_owned()).collect(),
            message: "Insufficient client scope".into(),
        };
        assert_eq!(
            russian.format(&lacking(&["user-top-read"]).message()),
            "этому запросу нужно разрешение user-top-read, которого нет у привязки; добавьте его командой \
             `spotlink link --add-scopes user-top-read` (или привяжите аккаунт заново либо измените разрешения в приложении)"
        );
        let two = lacking(&["playlist-modify-public", "playlist-modify-private"]);
        assert_eq!(
            russian.format(&two.message()),
            "этому запросу нужны разрешения playlist-modify-public, playlist-modify-private, которых нет у привязки; \
             добавьте их командой `spotlink link --add-scopes playlist-modify-public,playlist-modify-private` \
             (или привяжите аккаунт заново либо измените разрешения в приложении)"
        );
        assert_eq!(
            two.to_string(),
            "this request needs the scopes playlist-modify-public, playlist-modify-private, which the link lacks; \
             add them with `spotlink link --add-scopes playlist-modify-public,playlist-modify-private` \
             (or Relink / change permissions in the app)"
        );
        assert_eq!(
            russian.format(&lacking(&[]).message()),
            "по словам Spotify, у привязки нет разрешения, нужного этому запросу (Insufficient client scope); \
             найдите его в справочнике по этому методу и добавьте командой `spotlink link --add-scopes SCOPE`"
        );
    }

    #[test]
    fn paging_objects_are_found_at_the_top_or_under_one_key() {
        let page = Page::parse(br#"{"items":[{"a":1}, 2],"next":"https://x/v1/n","total":9}"#).expect("page");
        assert_eq!((page.items.len(), page.next.as_deref(), page.total), (2, Some("https://x/v1/n"), Some(9)));
        assert_eq!(page.items[0].get(), r#"{"a":1}"#, "items are kept byte for byte");
        let wrapped = Page::parse(br#"{"artists":{"items":[],"next":null,"cursors":{}}}"#).expect("page");
        assert!(wrapped.items.is_empty() && wrapped.next.is_none());
        assert!(Page::parse(br#"{"id":"me"}"#).is_err());
        assert!(Page::parse(b"[1,2]").is_err());
    }
}
