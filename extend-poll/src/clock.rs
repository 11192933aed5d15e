//! The one clock a wait reads: time and sleeping come from the same source.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use tokio::time::Instant;

/// A source of time and sleep for the poller.
///
/// The default, [`TokioClock`], uses tokio's timer, which `tokio::time::pause`
/// controls in tests. A wait never reads `std::time::Instant`, so a paused
/// test clock and the poller cannot disagree.
pub trait Clock: Send + Sync + Debug {
    /// Returns the current instant.
    fn now(&self) -> Instant;

    /// Returns a future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// The tokio timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}
