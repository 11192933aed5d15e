//! The retry policy: which attempts are retried and how long to wait.
//!
//! A request that is safe to repeat ([`Idempotency::Idempotent`]: reads,
//! deletes, cancels) is retried on connection errors and on 408, 429 and
//! 5xx. A request that creates something ([`Idempotency::CreatesResource`])
//! is retried only on 429 and on a failure to connect, when no byte of the
//! request reached the server. It is never retried after a 5xx or a timeout,
//! because the server may already have created the run and the API has no
//! idempotency key to recognise the second one.
//!
//! The request timeout is never retried, for either kind, because a request
//! that ran for the full timeout is likely to run as long again. A connect
//! timeout counts as a failure to connect.

mod backoff;
mod run;
mod server_delay;

use std::time::{Duration, SystemTime};

use extend_core::Idempotency;
use http::{HeaderMap, StatusCode};

pub(crate) use run::{run_with_retries, Attempt, AttemptFailure, FailureKind};
pub(crate) use server_delay::{parse_retry_after, ServerDelay};

/// How many times a request is retried and how long the waits are.
///
/// ```
/// use std::time::Duration;
/// use extend_http::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .with_max_retries(4)
///     .with_max_retry_after(Duration::from_secs(120));
/// assert_eq!(policy.max_retries(), 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Two retries (at most three attempts), backoff from 1 s doubling up to
    /// 60 s, and server delays honoured up to 60 s: the defaults of Extend's
    /// generated Python and TypeScript SDKs.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Builds a policy that never retries.
    pub fn none() -> Self {
        RetryPolicy::default().with_max_retries(0)
    }

    /// Sets how many retries follow the first attempt (0 disables retries).
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the first backoff delay; each retry doubles it up to the max.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the largest backoff delay, before jitter.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Sets the longest delay from `Retry-After` or `X-RateLimit-Reset` that
    /// the transport waits out. A longer one ends the request with a
    /// [`RateLimited`] error instead of sleeping.
    pub fn with_max_retry_after(mut self, max_retry_after: Duration) -> Self {
        self.max_retry_after = max_retry_after;
        self
    }

    /// Returns how many retries follow the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Returns the first backoff delay.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// Returns the largest backoff delay, before jitter.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// Returns the longest server-requested delay the transport waits out.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// Decides what follows an attempt that ended with `outcome`.
    ///
    /// `retries_done` counts the retries already made. `sample` is a uniform
    /// random number in `[0, 1)` for the jitter.
    pub(crate) fn decide(
        &self,
        idempotency: Idempotency,
        outcome: &Outcome<'_>,
        retries_done: u32,
        now: SystemTime,
        sample: f64,
    ) -> Decision {
        if !is_retryable(idempotency, outcome) {
            return Decision::Stop;
        }
        if retries_done >= self.max_retries {
            return Decision::Stop;
        }

        let server_delay = match outcome {
            Outcome::Status { headers, .. } => server_delay::server_delay(headers, now),
            Outcome::Failure(_) => None,
        };
        match server_delay {
            Some(requested) if requested.delay > self.max_retry_after => {
                Decision::RateLimited(requested)
            }
            Some(requested) => Decision::Retry {
                delay: requested.delay,
                reason: DelayReason::Server(requested.header),
            },
            None => Decision::Retry {
                delay: backoff::backoff_delay(
                    self.initial_backoff,
                    self.max_backoff,
                    retries_done,
                    sample,
                ),
                reason: DelayReason::Backoff,
            },
        }
    }
}

/// The end of an attempt, in the terms the retry policy uses.
#[derive(Debug)]
pub(crate) enum Outcome<'a> {
    /// The server returned a response.
    Status {
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: &'a HeaderMap,
    },
    /// No response came.
    Failure(FailureKind),
}

/// The next step of the retry loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Returns the outcome as it is.
    Stop,
    /// Waits `delay`, then sends the request again.
    Retry {
        /// How long to wait.
        delay: Duration,
        /// The source of the delay.
        reason: DelayReason,
    },
    /// The server asked for a wait longer than the cap: fails at once.
    RateLimited(ServerDelay),
}

/// The source of a retry delay, for the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DelayReason {
    /// The jittered exponential backoff.
    Backoff,
    /// The named response header.
    Server(&'static str),
}

fn is_retryable(idempotency: Idempotency, outcome: &Outcome<'_>) -> bool {
    let creates = matches!(idempotency, Idempotency::CreatesResource);
    match outcome {
        Outcome::Status { status, .. } => {
            if creates {
                *status == StatusCode::TOO_MANY_REQUESTS
            } else {
                *status == StatusCode::REQUEST_TIMEOUT
                    || *status == StatusCode::TOO_MANY_REQUESTS
                    || status.is_server_error()
            }
        }
        Outcome::Failure(FailureKind::ConnectBeforeSend) => true,
        Outcome::Failure(FailureKind::ConnectionLost) => !creates,
        Outcome::Failure(FailureKind::Timeout | FailureKind::Fatal) => false,
    }
}

/// The server asked for a longer wait than [`RetryPolicy::max_retry_after`]
/// allows, so the request was not retried.
///
/// It is the `source` of the [`TransportError`](extend_core::TransportError)
/// the transport returns; [`rate_limited`](crate::rate_limited) finds it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Extend API returned {status} and asked to wait {} s ({header}), more than the {} s \
     retry cap; retry later or raise RetryPolicy::with_max_retry_after",
    retry_after.as_secs(),
    max_retry_after.as_secs()
)]
#[non_exhaustive]
pub struct RateLimited {
    /// Status of the last response.
    pub status: StatusCode,
    /// The delay the server asked for.
    pub retry_after: Duration,
    /// Name of the header that carried the delay.
    pub header: &'static str,
    /// The cap that the delay exceeded.
    pub max_retry_after: Duration,
}

#[cfg(test)]
mod tests;
