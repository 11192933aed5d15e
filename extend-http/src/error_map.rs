//! Turns reqwest errors into one-line transport errors and retry kinds.

use extend_core::{TransportError, TransportErrorKind};
use http::Method;
use reqwest::Url;

use crate::retry::{AttemptFailure, FailureKind};

/// Classifies a reqwest error of one attempt.
///
/// A failure to connect (`is_connect`, timed out or not) happened before any
/// byte of the request was sent. Other send and body errors may have reached
/// the server. The request timeout is its own kind because it is never
/// retried.
pub(crate) fn classify(error: reqwest::Error, method: &Method, url: &Url) -> AttemptFailure {
    let cause = root_cause(&error);

    let (kind, failure, message) = if error.is_connect() {
        let kind = if error.is_timeout() {
            TransportErrorKind::Timeout
        } else {
            TransportErrorKind::Connect
        };
        let message = format!(
            "could not connect to {} for {method} {}: {cause}; check the base URL and the network",
            origin(url),
            url.path()
        );
        (kind, FailureKind::ConnectBeforeSend, message)
    } else if error.is_timeout() {
        let message = format!(
            "{method} {url} timed out: {cause}; raise the timeout with \
             HttpTransportBuilder::timeout or RequestOptions::with_timeout"
        );
        (TransportErrorKind::Timeout, FailureKind::Timeout, message)
    } else if error.is_request() || error.is_body() || error.is_decode() {
        let message = format!(
            "connection to {} failed during {method} {}: {cause}; check the network and retry",
            origin(url),
            url.path()
        );
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

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}
