//! The retry loop around one request.

use std::future::Future;

use extend_core::{ApiResponse, Idempotency, TransportError, TransportErrorKind};
use http::StatusCode;
use tracing::Span;

use super::{Decision, DelayReason, Outcome, RateLimited, RetryPolicy};
use crate::clock::Clock;

/// The kind of failure of an attempt that got no response, for the retry
/// policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// The connection could not be opened, so no byte of the request left.
    ConnectBeforeSend,
    /// The connection broke after the request may have been sent.
    ConnectionLost,
    /// The request timed out.
    Timeout,
    /// A failure that a retry cannot fix (a local file, a bad request).
    Fatal,
}

/// An attempt that got no response.
#[derive(Debug)]
pub(crate) struct AttemptFailure {
    /// Whether and how the failure may be retried.
    pub(crate) kind: FailureKind,
    /// The error returned if this is the last attempt.
    pub(crate) error: TransportError,
}

/// The result of one attempt: a response with any status, or a failure.
pub(crate) type Attempt = Result<ApiResponse, AttemptFailure>;

/// Runs `send` until the policy stops, then returns the last response or
/// error with the number of attempts made.
///
/// `send` receives the attempt number, starting at 1. The current span gets
/// the `attempt` and `status` fields of each attempt.
pub(crate) async fn run_with_retries<F, Fut>(
    policy: &RetryPolicy,
    clock: &dyn Clock,
    idempotency: Idempotency,
    mut send: F,
) -> Result<ApiResponse, TransportError>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Attempt>,
{
    let mut attempt: u32 = 1;
    let mut last_status: Option<StatusCode> = None;

    loop {
        Span::current().record("attempt", attempt);
        let result = send(attempt).await;

        let outcome = match &result {
            Ok(response) => {
                last_status = Some(response.status);
                Span::current().record("status", response.status.as_u16());
                Outcome::Status {
                    status: response.status,
                    headers: &response.headers,
                }
            }
            Err(failure) => Outcome::Failure(failure.kind),
        };
        let decision = policy.decide(
            idempotency,
            &outcome,
            attempt - 1,
            clock.now(),
            rand::random::<f64>(),
        );

        match decision {
            Decision::Stop => return finish(result, attempt, last_status),
            Decision::RateLimited(requested) => {
                let status = last_status.unwrap_or(StatusCode::TOO_MANY_REQUESTS);
                return Err(rate_limited_error(policy, requested, status, attempt));
            }
            Decision::Retry { delay, reason } => {
                log_retry(&result, attempt, delay, reason);
                clock.sleep(delay).await;
                attempt += 1;
            }
        }
    }
}

fn log_retry(result: &Attempt, attempt: u32, delay: std::time::Duration, reason: DelayReason) {
    let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
    let delay_source = match reason {
        DelayReason::Backoff => "backoff",
        DelayReason::Server(header) => header,
    };
    match result {
        Ok(response) => tracing::warn!(
            attempt,
            status = response.status.as_u16(),
            delay_ms,
            delay_source,
            "retrying request after a retryable status"
        ),
        Err(failure) => tracing::warn!(
            attempt,
            error = %failure.error,
            delay_ms,
            delay_source,
            "retrying request after a connection error"
        ),
    }
}

fn finish(
    result: Attempt,
    attempts: u32,
    last_status: Option<StatusCode>,
) -> Result<ApiResponse, TransportError> {
    match result {
        Ok(mut response) => {
            response.attempts = attempts;
            Ok(response)
        }
        Err(failure) => {
            let mut error = failure.error;
            error.attempts = attempts;
            if attempts > 1 {
                error
                    .message
                    .push_str(&format!(" (after {attempts} attempts"));
                if let Some(status) = last_status {
                    error.message.push_str(&format!(", last status {status}"));
                }
                error.message.push(')');
            }
            Err(error)
        }
    }
}

fn rate_limited_error(
    policy: &RetryPolicy,
    requested: super::ServerDelay,
    status: StatusCode,
    attempts: u32,
) -> TransportError {
    let rate_limited = RateLimited {
        status,
        retry_after: requested.delay,
        header: requested.header,
        max_retry_after: policy.max_retry_after(),
    };
    tracing::debug!(%rate_limited, "server delay over the cap, not retrying");

    // The kind says what happened; `rate_limited` on the source gives the
    // server's delay.
    let mut error = TransportError::new(TransportErrorKind::RateLimited, rate_limited.to_string())
        .with_source(rate_limited);
    error.attempts = attempts;
    error
}
