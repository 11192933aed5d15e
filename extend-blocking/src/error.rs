//! Errors of the blocking client.

use extend_poll::PollError;

use crate::RuntimeError;

/// An error of a blocking call: the same error the async client returns, or
/// a failure of the client's runtime.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request failed, exactly as with the async client.
    #[error(transparent)]
    Api(#[from] extend_core::Error),
    /// The client's runtime could not start or run the call.
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    /// Fetching a signed-URL webhook payload failed.
    #[cfg(feature = "webhooks")]
    #[error(transparent)]
    Webhook(#[from] extend_webhooks::WebhookError),
}

/// An error of a blocking wait: the async poller's [`PollError`], or a
/// failure of the client's runtime.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError<R: std::fmt::Debug> {
    /// The wait ended without a terminal run, exactly as with the async poller.
    #[error(transparent)]
    Poll(#[from] PollError<R>),
    /// The client's runtime could not start or run the call.
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
}
