//! The time source of the retry loop, injectable so tests control time.

use std::fmt;
use std::time::{Duration, SystemTime};

use futures::future::BoxFuture;

/// Reads the wall clock and sleeps between retry attempts.
///
/// The transport reads time only through this trait. Wall-clock time is
/// needed to turn an HTTP-date `Retry-After` or an `X-RateLimit-Reset` unix
/// timestamp into a delay. Tests replace it with a clock that records each
/// delay instead of waiting.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Returns the current wall-clock time.
    fn now(&self) -> SystemTime;

    /// Waits for `delay`.
    fn sleep(&self, delay: Duration) -> BoxFuture<'static, ()>;
}

/// The real clock: [`SystemTime::now`] and [`tokio::time::sleep`].
///
/// Its sleeps follow `tokio::time::pause`, but `now` does not, because
/// `SystemTime` is outside tokio's control.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, delay: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(delay))
    }
}
