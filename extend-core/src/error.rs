//! Errors of the typed client and the transports.

use std::fmt;

use http::StatusCode;
use serde::{Deserialize, Serialize};

/// The JSON error body of the Extend API:
/// `{code, message, retryable, requestId?, docUrl?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorBody {
    /// Stable machine-readable code, such as `NOT_FOUND` or `RATE_LIMIT_EXCEEDED`.
    pub code: String,
    /// Human-readable message; its text may change between API versions.
    pub message: String,
    /// Whether the server says the same request may succeed later.
    #[serde(default)]
    pub retryable: bool,
    /// Request id to quote to Extend support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Link to the documentation of this error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_url: Option<String>,
}

/// A non-2xx answer from the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The parsed error body, when the body was the documented JSON shape.
    pub body: Option<ApiErrorBody>,
    /// The raw body, kept when it was not the documented JSON shape.
    pub raw_body: Option<String>,
    /// Request id, from the body or else the `x-extend-request-id` header.
    pub request_id: Option<String>,
    /// How many attempts the transport made before giving up.
    pub attempts: u32,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Extend API returned {}", self.status)?;
        match (&self.body, &self.raw_body) {
            (Some(body), _) => write!(f, ": {} ({})", body.message, body.code)?,
            (None, Some(raw)) if !raw.is_empty() => write!(f, ": {}", truncate(raw, 200))?,
            _ => {}
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [request id {request_id}]")?;
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        if let Some(hint) = status_hint(self.status) {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn status_hint(status: StatusCode) -> Option<&'static str> {
    match status.as_u16() {
        401 => Some("check the API key (EXTEND_API_KEY)"),
        403 => Some("the API key has no access to this resource or workspace"),
        404 => Some("check the id"),
        429 => Some("rate limited; retry later"),
        _ => None,
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().count() > max_chars {
        out.push('…');
    }
    out
}

/// What went wrong when no HTTP response could be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be opened or broke.
    Connect,
    /// The request or the connection attempt timed out.
    Timeout,
    /// A local file to upload could not be read or was rejected before sending.
    LocalFile,
    /// The request could not be built (bad base URL, bad header value).
    InvalidRequest,
    /// The server asked for a wait longer than the transport allows
    /// (`Retry-After` or `X-RateLimit-Reset` over the cap); the source error
    /// carries the requested delay. Retrying sooner only meets another 429.
    RateLimited,
    /// Any other transport failure.
    Other,
}

/// A failure below HTTP: no response was received.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct TransportError {
    /// What kind of failure this is.
    pub kind: TransportErrorKind,
    /// One line that says what failed and what to do.
    pub message: String,
    /// How many attempts were made.
    pub attempts: u32,
    /// The underlying error.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// Builds a transport error without an underlying source.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            attempts: 1,
            source: None,
        }
    }

    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

/// Any error of the typed client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a non-2xx status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No response was received.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A 2xx response whose body did not decode into the expected type.
    #[error("could not decode the response of {method} {path}: {source}")]
    Decode {
        /// Method of the request.
        method: String,
        /// Path of the request.
        path: String,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },
    /// The request was rejected before anything was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The route does not exist for this resource, such as cancelling an
    /// edit run.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// A list route returned a page token that this listing already used,
    /// so following it would loop forever.
    #[error("list {path} returned page token {token:?} a second time; stopped to avoid a loop, retry the listing later")]
    RepeatedPageToken {
        /// Path of the list route.
        path: String,
        /// The repeated token.
        token: String,
    },
}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Error::Api(Box::new(error))
    }
}

impl Error {
    /// Returns the HTTP status for an API error.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            _ => None,
        }
    }
}
