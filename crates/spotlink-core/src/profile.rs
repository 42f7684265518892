//! The linked account's profile: `GET {api}/me` (Spotify Web API "Get Current User's Profile").

use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::http::{self, TransportFailure};
use crate::i18n::Message;
use crate::msg;
use crate::secret::AccessToken;
use crate::token::{Attempt, RetryPolicy};

/// What SpotLink shows of the account. Fields beyond `id` depend on granted scopes:
/// `email` needs `user-read-email`; `country` and `product` need `user-read-private`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub country: Option<String>,
    /// `premium`, `free`, ...
    pub product: Option<String>,
    /// The largest profile image, if any.
    pub image_url: Option<String>,
    /// The account's page on open.spotify.com.
    pub profile_url: Option<String>,
}

/// Why the profile could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// A 401: Spotify's message says why.
    Unauthorized(String),
    /// Development-mode apps answer 403 for users not on the app's allow-list. Spotify's
    /// own message is kept for diagnostics; the sentence says what to do.
    Forbidden(String),
    /// A 429, with its `Retry-After`.
    RateLimited { retry_after: Option<Duration> },
    /// A 5xx.
    Server { status: u16 },
    /// No answer: the connection could not be made or broke (the OS's or reqwest's words).
    Unreachable(String),
    /// No answer in time.
    Timeout,
    /// What SpotLink cannot read in the answer: its own words, or Spotify's message for
    /// a status it does not expect.
    Malformed(Message),
}

impl ProfileError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            ProfileError::Unauthorized(message) => msg!("error-profile-unauthorized", message = message),
            ProfileError::Forbidden(_) => msg!("error-profile-forbidden"),
            ProfileError::RateLimited { retry_after } => http::rate_limited(*retry_after),
            ProfileError::Server { status } => msg!("error-profile-server", status = *status),
            ProfileError::Unreachable(detail) => msg!("error-profile-unreachable", detail = detail),
            ProfileError::Timeout => msg!("error-profile-timeout"),
            ProfileError::Malformed(detail) => msg!("error-profile-malformed", detail = detail.clone()),
        }
    }
}

crate::display_in_english!(ProfileError);

#[derive(Deserialize)]
struct MeBody {
    id: String,
    display_name: Option<String>,
    email: Option<String>,
    country: Option<String>,
    product: Option<String>,
    #[serde(default)]
    images: Vec<ImageBody>,
    #[serde(default)]
    external_urls: Option<ExternalUrls>,
}

#[derive(Deserialize)]
struct ImageBody {
    url: String,
    width: Option<u32>,
}

#[derive(Deserialize)]
struct ExternalUrls {
    spotify: Option<String>,
}

#[derive(Deserialize)]
struct ApiErrorBody {
    error: ApiError,
}

#[derive(Deserialize)]
struct ApiError {
    message: String,
}

/// [`fetch_profile`], retried as the token endpoint is: server errors and refused
/// connections after a growing delay, a 429 after its `Retry-After` when that is short.
/// A timeout is not retried: the caller would wait several timeouts in a row.
/// Matters most right after a sign-in: the code is spent by then, and giving up on a
/// passing hiccup would make the user sign in again.
pub async fn fetch_profile_retrying(
    http: &reqwest::Client,
    me: &Url,
    token: &AccessToken,
    retry: &RetryPolicy,
) -> Result<Profile, ProfileError> {
    let attempt = || async {
        fetch_profile(http, me, token).await.map_err(|error| match error {
            ProfileError::Server { .. } | ProfileError::Unreachable(_) => Attempt::Retryable(error, None),
            ProfileError::RateLimited { retry_after } => retry.rate_limited(error, retry_after),
            _ => Attempt::Final(error),
        })
    };
    retry.run("profile request", attempt).await
}

/// Reads the profile of the account `token` belongs to.
pub async fn fetch_profile(http: &reqwest::Client, me: &Url, token: &AccessToken) -> Result<Profile, ProfileError> {
    let response = http.get(me.clone()).bearer_auth(token.secret()).send().await.map_err(|e| transport(&e))?;
    let status = response.status().as_u16();
    let retry_after = http::retry_after(response.headers());
    let body = http::read_body(response).await.map_err(|f| match f {
        TransportFailure::Timeout => ProfileError::Timeout,
        TransportFailure::Connect(w) | TransportFailure::Other(w) => ProfileError::Unreachable(w),
    })?;
    let message = || error_message(status, &body);
    match status {
        200 => parse_me(&body),
        401 => Err(ProfileError::Unauthorized(message())),
        403 => Err(ProfileError::Forbidden(message())),
        429 => Err(ProfileError::RateLimited { retry_after }),
        500..=599 => Err(ProfileError::Server { status }),
        _ => Err(ProfileError::Malformed(Message::verbatim(message()))),
    }
}

/// Spotify's message in a Web API error body, or the status when there is none (or it is blank).
pub(crate) fn error_message(status: u16, body: &[u8]) -> String {
    http::json_object::<ApiErrorBody>(body)
        .ok()
        .filter(|b| !b.error.message.trim().is_empty())
        .map_or_else(|| format!("HTTP {status}"), |b| b.error.message)
}

fn transport(e: &reqwest::Error) -> ProfileError {
    match TransportFailure::from_reqwest(e) {
        TransportFailure::Timeout => ProfileError::Timeout,
        TransportFailure::Connect(w) | TransportFailure::Other(w) => ProfileError::Unreachable(w),
    }
}

pub(crate) fn parse_me(body: &[u8]) -> Result<Profile, ProfileError> {
    let me: MeBody = http::json_object(body)
        .map_err(|e| ProfileError::Malformed(msg!("error-profile-detail-not-a-profile", detail = e)))?;
    if me.id.is_empty() {
        return Err(ProfileError::Malformed(msg!("error-profile-detail-no-id")));
    }
    let image_url = me.images.into_iter().max_by_key(|i| i.width.unwrap_or(0)).map(|i| i.url);
    Ok(Profile {
        id: me.id,
        display_name: me.display_name.filter(|n| !n.is_empty()),
        email: me.email,
        country: me.country,
        product: me.product,
        image_url,
        profile_url: me.external_urls.and_then(|u| u.spotify),
    })
}

/// Downloads the profile image (at most 512 KiB) so the app can show it without
/// loading remote content in the webview. Returns the bytes and their media type.
pub async fn fetch_image(http: &reqwest::Client, url: &str) -> Option<(Vec<u8>, String)> {
    let url = Url::parse(url).ok()?;
    let loopback = matches!(url.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback());
    if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
        return None;
    }
    let response = http.get(url).send().await.ok()?;
    if !response.status().is_success() {
        return None;
    }
    let media = response.headers().get(reqwest::header::CONTENT_TYPE)?.to_str().ok()?.to_owned();
    if !matches!(media.as_str(), "image/jpeg" | "image/png" | "image/webp" | "image/gif") {
        return None;
    }
    let body = http::read_body(response).await.ok()?;
    (body.len() <= 512 * 1024).then_some((body, media))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_spotify_profile() {
        // Shape from Spotify's "Get Current User's Profile" reference.
        let body = br#"{"country":"SE","display_name":"Ada","email":"ada@example.com",
            "explicit_content":{"filter_enabled":false,"filter_locked":false},
            "external_urls":{"spotify":"https://open.spotify.com/user/ada"},
            "followers":{"href":null,"total":3},"href":"https://api.spotify.com/v1/users/ada",
            "id":"ada","images":[{"url":"https://i.scdn.co/small","height":64,"width":64},
            {"url":"https://i.scdn.co/large","height":300,"width":300}],
            "product":"premium","type":"user","uri":"spotify:user:ada"}"#;
        let p = parse_me(body).unwrap();
        assert_eq!(p.id, "ada");
        assert_eq!(p.display_name.as_deref(), Some("Ada"));
        assert_eq!(p.image_url.as_deref(), Some("https://i.scdn.co/large"));
        assert_eq!(p.profile_url.as_deref(), Some("https://open.spotify.com/user/ada"));
        assert_eq!(p.product.as_deref(), Some("premium"));

        let minimal = br#"{"id":"x","display_name":null,"images":[],"type":"user"}"#;
        let p = parse_me(minimal).unwrap();
        assert!(p.email.is_none() && p.image_url.is_none() && p.display_name.is_none());
        assert!(parse_me(br#"{"id":""}"#).is_err());
        assert!(parse_me(b"[]").is_err());
        // serde reads a struct from an array of its fields too; Spotify's are objects.
        assert!(parse_me(br#"["ada"]"#).is_err());
        assert_eq!(error_message(403, br#"[["Not allowed"]]"#), "HTTP 403");
        // Found by the `profile` fuzz target: a blank message made "... the access token ()".
        assert_eq!(error_message(401, br#"{"error":{"status":401,"message":" "}}"#), "HTTP 401");
        assert_eq!(
            error_message(401, br#"{"error":{"status":401,"message":"Invalid access token"}}"#),
            "Invalid access token"
        );
    }
}
