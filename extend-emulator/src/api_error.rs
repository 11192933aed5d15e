//! Error responses of the emulated API: `{code, message, retryable, requestId}`.
//!
//! Handlers return [`ApiFailure`]. Its response carries the failure as an
//! extension, and the request middleware writes the JSON body once it has
//! the request id, so every error body and header agree on one id.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error the emulator returns to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiFailure {
    /// HTTP status.
    pub(crate) status: StatusCode,
    /// Stable code, such as `NOT_FOUND`.
    pub(crate) code: &'static str,
    /// Message for the user: what is wrong and what to do.
    pub(crate) message: String,
    /// Whether the same request may succeed later.
    pub(crate) retryable: bool,
}

impl ApiFailure {
    /// 400 `INVALID_REQUEST`.
    pub(crate) fn invalid_request(message: impl Into<String>) -> Self {
        ApiFailure {
            status: StatusCode::BAD_REQUEST,
            code: "INVALID_REQUEST",
            message: message.into(),
            retryable: false,
        }
    }

    /// 401 `UNAUTHORIZED`.
    pub(crate) fn unauthorized(message: impl Into<String>) -> Self {
        ApiFailure {
            status: StatusCode::UNAUTHORIZED,
            code: "UNAUTHORIZED",
            message: message.into(),
            retryable: false,
        }
    }

    /// 413 `FILE_SIZE_TOO_LARGE`.
    pub(crate) fn file_too_large(message: impl Into<String>) -> Self {
        ApiFailure {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "FILE_SIZE_TOO_LARGE",
            message: message.into(),
            retryable: false,
        }
    }

    /// 404 `NOT_FOUND` for an object of `kind` (such as `parse run`) with `id`.
    pub(crate) fn not_found(kind: &str, id: &str) -> Self {
        ApiFailure {
            status: StatusCode::NOT_FOUND,
            code: "NOT_FOUND",
            message: format!("{kind} {id:?} not found; check the id, the emulator keeps objects only while it runs"),
            retryable: false,
        }
    }

    /// 504 `TIMEOUT` for a synchronous request whose run did not finish in time.
    // NOTE: the status and code the real API returns after its 5-minute limit are not documented in the sources used.
    pub(crate) fn sync_timeout(route: &str, limit: std::time::Duration) -> Self {
        ApiFailure {
            status: StatusCode::GATEWAY_TIMEOUT,
            code: "TIMEOUT",
            message: format!(
                "{route} did not finish within {} s; use the asynchronous route and poll the run instead",
                limit.as_secs_f64()
            ),
            retryable: false,
        }
    }

    /// 429 `RATE_LIMIT_EXCEEDED`, injected by a fault rule.
    pub(crate) fn rate_limited() -> Self {
        ApiFailure {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "RATE_LIMIT_EXCEEDED",
            message: "rate limit exceeded (injected fault); retry after the Retry-After delay"
                .to_owned(),
            retryable: true,
        }
    }

    /// A retryable 5xx `INTERNAL_ERROR`, injected by a fault rule.
    pub(crate) fn injected_server_error(status: StatusCode) -> Self {
        ApiFailure {
            status,
            code: "INTERNAL_ERROR",
            message: format!(
                "server error {} (injected fault); retry the request",
                status.as_u16()
            ),
            retryable: true,
        }
    }

    /// Describes a bare error status that no handler produced (an unknown
    /// route, a wrong method, a body over the size limit).
    pub(crate) fn from_status(status: StatusCode, method: &str, path: &str) -> Self {
        let (code, message) = match status {
            StatusCode::NOT_FOUND => ("NOT_FOUND", format!("no route for {method} {path}")),
            StatusCode::METHOD_NOT_ALLOWED => (
                "INVALID_REQUEST",
                format!("method {method} is not allowed on {path}"),
            ),
            StatusCode::PAYLOAD_TOO_LARGE => (
                "FILE_SIZE_TOO_LARGE",
                format!("the request body to {path} is larger than the emulator accepts"),
            ),
            other if other.is_server_error() => {
                ("INTERNAL_ERROR", format!("{method} {path} failed"))
            }
            _ => ("INVALID_REQUEST", format!("{method} {path} was rejected")),
        };
        ApiFailure {
            status,
            code,
            message,
            retryable: status.is_server_error(),
        }
    }

    /// Builds the JSON body for a request id.
    pub(crate) fn body<'a>(&'a self, request_id: &'a str) -> ApiErrorJson<'a> {
        ApiErrorJson {
            code: self.code,
            message: &self.message,
            retryable: self.retryable,
            request_id,
        }
    }
}

/// The wire form of an error body.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ApiErrorJson<'a> {
    code: &'a str,
    message: &'a str,
    retryable: bool,
    request_id: &'a str,
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}
