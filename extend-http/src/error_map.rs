//! Turns reqwest errors into one-line transport errors and retry kinds.

use std::time::Duration;

use extend_core::{Idempotency, TransportError, TransportErrorKind};
use http::Method;
use reqwest::Url;

use crate::retry::{AttemptFailure, FailureKind};

/// The request an attempt sent, for error messages.
pub(crate) struct AttemptContext<'a> {
    pub(crate) method: &'a Method,
    pub(crate) url: &'a Url,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) idempotency: Idempotency,
}

/// Classifies a reqwest error of one attempt.
///
/// A failure to connect (`is_connect`, timed out or not) happened before any
/// byte of the request was sent. Other send and body errors may have reached
/// the server. The request timeout is its own kind because it is never
/// retried.
pub(crate) fn classify(error: reqwest::Error, context: &AttemptContext<'_>) -> AttemptFailure {
    let method = context.method;
    let url = context.url;
    let origin = url.origin().ascii_serialization();
    let path = url.path();
    let cause = root_cause(&error);

    let (kind, failure, message) = if error.is_connect() {
        let (kind, message) = if error.is_timeout() {
            let message = format!(
                "could not connect to {origin} for {method} {path} within the connect \
                 timeout of {:.1} s; check the base URL and the network, or raise \
                 HttpTransportBuilder::connect_timeout",
                context.connect_timeout.as_secs_f64()
            );
            (TransportErrorKind::Timeout, message)
        } else {
            let message = format!(
                "could not connect to {origin} for {method} {path}: {cause}; \
                 check the base URL and the network"
            );
            (TransportErrorKind::Connect, message)
        };
        (kind, FailureKind::ConnectBeforeSend, message)
    } else if error.is_timeout() {
        let message = format!(
            "{method} {url} timed out after {:.1} s; raise the timeout with \
             HttpTransportBuilder::timeout or RequestOptions::with_timeout",
            context.timeout.as_secs_f64()
        );
        (TransportErrorKind::Timeout, FailureKind::Timeout, message)
    } else if error.is_request() || error.is_body() || error.is_decode() {
        let hint = match context.idempotency {
            Idempotency::CreatesResource => {
                "the server may have received it, so check whether it was created before retrying"
            }
            _ => "check the network and retry",
        };
        let message =
            format!("connection to {origin} failed during {method} {path}: {cause}; {hint}");
        (
            TransportErrorKind::Connect,
            FailureKind::ConnectionLost,
            message,
        )
    } else {
        let message = format!("{method} {url} failed: {cause}");
        (TransportErrorKind::Other, FailureKind::Fatal, message)
    };

    AttemptFailure {
        kind: failure,
        error: TransportError::new(kind, message).with_source(error.without_url()),
    }
}

/// Returns the text of the innermost error, which names the actual cause
/// (such as "Connection refused (os error 111)").
fn root_cause(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}
