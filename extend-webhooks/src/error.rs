//! The error type of verification, parsing and signed-URL fetching.

use std::error::Error as StdError;

use crate::PayloadError;

/// Why a webhook delivery was rejected.
///
/// [`WebhookError::is_authentication_failure`] separates the variants that
/// mean the delivery is not authentic or not fresh (respond with `401`) from
/// those that mean an authentic delivery this SDK cannot read (respond with
/// `400`).
/// [`WebhookError::InvalidSecret`] comes only from building a verifier or a
/// signer. No variant ever contains a signing secret or the query string of a
/// signed URL.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is absent.
    #[error("missing {header} header; Extend sends it on every delivery, so check that no proxy strips it")]
    MissingHeader {
        /// The header name, in lower case.
        header: &'static str,
    },

    /// The timestamp header is not unix seconds in decimal digits.
    #[error("malformed x-extend-request-timestamp header {value:?}: {reason}; expected unix seconds in decimal digits")]
    MalformedTimestamp {
        /// The header value, cut to 32 characters.
        value: String,
        /// The reason it was rejected.
        reason: &'static str,
    },

    /// The timestamp is older than the verifier's max age.
    #[error("webhook timestamp is {age_seconds} s old, over the max age of {max_age_seconds} s; reject it as a possible replay, or raise the max age if deliveries queue before they reach this check")]
    TooOld {
        /// Age of the timestamp, in seconds.
        age_seconds: u64,
        /// The configured max age, in seconds.
        max_age_seconds: u64,
    },

    /// The timestamp is further in the future than the clock-skew tolerance.
    #[error("webhook timestamp is {skew_seconds} s in the future, over the tolerance of {tolerance_seconds} s; check this machine's clock, and that the timestamp is in seconds, not milliseconds")]
    InFuture {
        /// Distance of the timestamp ahead of this machine's clock, in seconds.
        skew_seconds: u64,
        /// The accepted skew, in seconds.
        tolerance_seconds: u64,
    },

    /// The signature header is not a list of at most 8 hex HMAC-SHA256 values.
    #[error("malformed x-extend-request-signature header: {reason}")]
    MalformedSignatureHeader {
        /// The reason it was rejected.
        reason: String,
    },

    /// No signature value matches the body under any configured secret.
    #[error("webhook signature does not match: check the signing secret of this endpoint and verify the raw body bytes as received, before any JSON re-encoding")]
    InvalidSignature,

    /// A signing secret was rejected when the verifier or signer was built.
    #[error("invalid signing secret: {reason}")]
    InvalidSecret {
        /// The reason for the rejection, which never includes the secret.
        reason: &'static str,
    },

    /// The signature is valid but the body is not JSON.
    #[error("webhook body is not valid JSON although its signature is valid: {source}")]
    BodyNotJson {
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },

    /// The body is JSON but not an `{eventId, eventType, payload}` envelope.
    #[error("webhook body is not an event envelope with eventId, eventType and payload: {source}")]
    InvalidEnvelope {
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },

    /// A payload does not decode into its type. The SDK itself never
    /// returns this variant: it converts a [`PayloadError`] from
    /// [`Payload::decode`](crate::Payload::decode), so `?` works in a
    /// handler that returns `WebhookError`.
    #[error(transparent)]
    InvalidPayload(#[from] PayloadError),

    /// The payload is a signed URL and the verifier does not accept those.
    #[error("{event_type} event {event_id} carries its payload as a signed URL; enable signed URLs with VerifierBuilder::allow_signed_url, then fetch the payload")]
    SignedUrlNotAllowed {
        /// The event id.
        event_id: String,
        /// The event type.
        event_type: String,
    },

    /// The body is larger than the configured limit (`http-body` and `axum` features).
    #[error("webhook body is larger than the limit of {limit_bytes} bytes; raise it with VerifierBuilder::max_body_bytes")]
    BodyTooLarge {
        /// The limit, in bytes.
        limit_bytes: usize,
    },

    /// Reading the request body failed (`http-body` and `axum` features).
    #[error("reading the webhook request body failed: {source}")]
    BodyRead {
        /// The underlying error.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },

    /// The signed URL cannot be fetched as given (`fetch` feature).
    #[error("invalid signed payload URL {url}: {reason}")]
    InvalidSignedUrl {
        /// The URL without its query string.
        url: String,
        /// The reason it was rejected.
        reason: &'static str,
    },

    /// The request for a signed URL failed or timed out (`fetch` feature).
    #[error("fetching the signed payload from {url} failed: {source}; the URL expires one hour after delivery, so ask Extend to redeliver the event if it has expired")]
    FetchFailed {
        /// The URL without its query string.
        url: String,
        /// The underlying error.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },

    /// The signed URL returned a non-2xx status (`fetch` feature).
    #[error("signed payload URL {url} returned HTTP {status}; the URL expires one hour after delivery, so ask Extend to redeliver the event if it has expired")]
    FetchStatus {
        /// The URL without its query string.
        url: String,
        /// The HTTP status code.
        status: u16,
    },

    /// The signed URL returned a body that is not JSON (`fetch` feature).
    #[error("signed payload from {url} is not valid JSON: {source}")]
    FetchedBodyNotJson {
        /// The URL without its query string.
        url: String,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
    },

    /// The signed URL returned JSON that is not an object (`fetch` feature).
    #[error("signed payload from {url} is a JSON {kind}, expected an object")]
    FetchedPayloadNotObject {
        /// The URL without its query string.
        url: String,
        /// The JSON kind that came back (`array`, `string`, ...).
        kind: &'static str,
    },
}

impl WebhookError {
    /// Returns `true` when the delivery failed authentication or the time
    /// window, so a receiver should respond with `401`.
    ///
    /// ```
    /// use extend_webhooks::WebhookError;
    ///
    /// assert!(WebhookError::InvalidSignature.is_authentication_failure());
    /// assert!(!WebhookError::BodyTooLarge { limit_bytes: 10 }.is_authentication_failure());
    /// ```
    pub fn is_authentication_failure(&self) -> bool {
        matches!(
            self,
            WebhookError::MissingHeader { .. }
                | WebhookError::MalformedTimestamp { .. }
                | WebhookError::TooOld { .. }
                | WebhookError::InFuture { .. }
                | WebhookError::MalformedSignatureHeader { .. }
                | WebhookError::InvalidSignature
        )
    }

    /// Returns a short, stable code for an HTTP response body or a metric,
    /// such as `invalid_signature` or `too_old`.
    pub fn code(&self) -> &'static str {
        match self {
            WebhookError::MissingHeader { .. } => "missing_header",
            WebhookError::MalformedTimestamp { .. } => "malformed_timestamp",
            WebhookError::TooOld { .. } => "too_old",
            WebhookError::InFuture { .. } => "in_future",
            WebhookError::MalformedSignatureHeader { .. } => "malformed_signature_header",
            WebhookError::InvalidSignature => "invalid_signature",
            WebhookError::InvalidSecret { .. } => "invalid_secret",
            WebhookError::BodyNotJson { .. } => "body_not_json",
            WebhookError::InvalidEnvelope { .. } => "invalid_envelope",
            WebhookError::InvalidPayload(_) => "invalid_payload",
            WebhookError::SignedUrlNotAllowed { .. } => "signed_url_not_allowed",
            WebhookError::BodyTooLarge { .. } => "body_too_large",
            WebhookError::BodyRead { .. } => "body_read_failed",
            WebhookError::InvalidSignedUrl { .. } => "invalid_signed_url",
            WebhookError::FetchFailed { .. } => "fetch_failed",
            WebhookError::FetchStatus { .. } => "fetch_status",
            WebhookError::FetchedBodyNotJson { .. } => "fetched_body_not_json",
            WebhookError::FetchedPayloadNotObject { .. } => "fetched_payload_not_object",
        }
    }
}
