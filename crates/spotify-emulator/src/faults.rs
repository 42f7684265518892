//! Injected failures of the token endpoint and of the Web API (`/v1/...`), so
//! clients can be tested against outages, throttling, slowness and broken bodies.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::log::LogNote;

/// Which endpoint an injected fault hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultTarget {
    /// `POST /api/token`, answered with OAuth-style error bodies.
    #[default]
    Token,
    /// The Web API (every `/v1/...` endpoint), answered with its `{"error": {"status", "message"}}` bodies.
    Api,
}

/// One failure of an endpoint. Injected with
/// [`crate::EmulatorHandle::inject_faults`], [`crate::EmulatorHandle::inject_api_faults`]
/// or `POST /_emulator/faults`; each request to the target consumes one before
/// anything else is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 500 (token endpoint: an OAuth-style `server_error` body).
    ServerError,
    /// HTTP 503 (token endpoint: an OAuth-style `temporarily_unavailable` body).
    Unavailable,
    /// HTTP 429 with a `Retry-After` header of this many seconds.
    RateLimited {
        /// Value of the `Retry-After` header, in seconds.
        retry_after_secs: u64,
    },
    /// Wait this long, then answer the request normally.
    Slow {
        /// How long to wait before answering.
        delay: Duration,
    },
    /// HTTP 200 whose body claims to be JSON but is cut off mid-object.
    Garbage,
}

impl Fault {
    /// Short name recorded as the log entry's `error`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Fault::ServerError => "fault:500",
            Fault::Unavailable => "fault:503",
            Fault::RateLimited { .. } => "fault:429",
            Fault::Slow { .. } => "fault:slow",
            Fault::Garbage => "fault:garbage",
        }
    }

    /// The response that replaces the normal answer at `target`, or `None` for
    /// [`Fault::Slow`], which only delays it.
    pub(crate) fn response(&self, target: FaultTarget) -> Option<Response> {
        let json = |status: StatusCode, error: &str, description: &str| {
            let body = match target {
                FaultTarget::Token => serde_json::json!({ "error": error, "error_description": description }),
                FaultTarget::Api => {
                    serde_json::json!({ "error": { "status": status.as_u16(), "message": description } })
                }
            };
            (status, axum::Json(body)).into_response()
        };
        let cut_off = match target {
            FaultTarget::Token => "{\"access_token\":\"<html>oops",
            FaultTarget::Api => "{\"id\":\"<html>oops",
        };
        match self {
            Fault::ServerError => {
                Some(json(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "Unexpected status: 500"))
            }
            Fault::Unavailable => {
                Some(json(StatusCode::SERVICE_UNAVAILABLE, "temporarily_unavailable", "Service unavailable"))
            }
            Fault::RateLimited { retry_after_secs } => {
                let mut response = json(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", "API rate limit exceeded");
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
                Some(response)
            }
            Fault::Slow { .. } => None,
            // A proxy that cut the body short: the status and content type say
            // everything is fine, the body cannot be parsed.
            Fault::Garbage => {
                Some((StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], cut_off).into_response())
            }
        }
    }
}

/// Plays a fault taken from `target`'s queue: the logged response that replaces the
/// answer, or `None` once a [`Fault::Slow`] has waited (or when there was no fault).
pub(crate) async fn play(fault: Option<Fault>, target: FaultTarget) -> Option<Response> {
    let fault = fault?;
    if let Some(response) = fault.response(target) {
        return Some(LogNote::error(fault.name()).attach(response));
    }
    if let Fault::Slow { delay } = fault {
        tokio::time::sleep(delay).await;
    }
    None
}

/// Body of `POST /_emulator/faults`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FaultRequest {
    /// `"500"`, `"503"`, `"429"`, `"slow"` or `"garbage"`.
    pub fault: String,
    /// How many requests fail this way (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// `"token"` (default) or `"api"`.
    #[serde(default)]
    pub endpoint: FaultTarget,
    /// For `"429"`: the `Retry-After` value (default 1).
    pub retry_after_secs: Option<u64>,
    /// For `"slow"`: the delay in milliseconds (default 1000).
    pub delay_ms: Option<u64>,
}

fn one() -> u32 {
    1
}

impl FaultRequest {
    /// The fault this request describes, or why it makes no sense.
    pub(crate) fn to_fault(&self) -> Result<Fault, String> {
        match self.fault.as_str() {
            "500" => Ok(Fault::ServerError),
            "503" => Ok(Fault::Unavailable),
            "429" => Ok(Fault::RateLimited { retry_after_secs: self.retry_after_secs.unwrap_or(1) }),
            "slow" => Ok(Fault::Slow { delay: Duration::from_millis(self.delay_ms.unwrap_or(1000)) }),
            "garbage" => Ok(Fault::Garbage),
            other => {
                Err(format!("unknown fault {other:?}; expected \"500\", \"503\", \"429\", \"slow\" or \"garbage\""))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_carries_retry_after() {
        let response = Fault::RateLimited { retry_after_secs: 7 }.response(FaultTarget::Token);
        let response = response.expect("429 replaces the answer");
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers().get(header::RETRY_AFTER).map(|v| v.as_bytes()), Some(&b"7"[..]));
    }

    #[test]
    fn api_faults_answer_in_the_web_api_error_shape() {
        let response = Fault::Unavailable.response(FaultTarget::Api).expect("503 replaces the answer");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let response = Fault::Unavailable.response(FaultTarget::Token).expect("503 replaces the answer");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn slow_only_delays() {
        assert!(Fault::Slow { delay: Duration::from_millis(1) }.response(FaultTarget::Token).is_none());
    }

    #[test]
    fn request_names_map_to_faults() {
        let req = FaultRequest {
            fault: "429".into(),
            count: 2,
            endpoint: FaultTarget::Api,
            retry_after_secs: Some(3),
            delay_ms: None,
        };
        assert_eq!(req.to_fault(), Ok(Fault::RateLimited { retry_after_secs: 3 }));
        let req = FaultRequest {
            fault: "418".into(),
            count: 1,
            endpoint: FaultTarget::Token,
            retry_after_secs: None,
            delay_ms: None,
        };
        assert!(req.to_fault().is_err());
    }
}
