//! Settings every request handler reads.

use std::fmt;
use std::time::Duration;

use crate::faults::FaultInjector;

/// Settings of a running emulator.
pub(crate) struct Config {
    /// Processing-time factor: 2.0 processes twice as fast as 1.0.
    pub(crate) speed: f64,
    /// The only Bearer key accepted, or `None` to accept any non-empty key.
    pub(crate) api_key: Option<String>,
    /// How long a synchronous request (`POST /extract` and the like) waits
    /// for its run before it fails.
    pub(crate) sync_timeout: Duration,
    /// Waits before each retry of a failed webhook delivery, at speed 1.0.
    pub(crate) webhook_retry_delays: Vec<Duration>,
    /// Faults injected before handlers run.
    pub(crate) faults: FaultInjector,
}

impl Config {
    /// Settings with the builder's defaults and `speed`, for unit tests.
    #[cfg(test)]
    pub(crate) fn for_tests(speed: f64) -> Self {
        Config {
            speed,
            api_key: None,
            sync_timeout: Duration::from_secs(300),
            webhook_retry_delays: Vec::new(),
            faults: FaultInjector::new(Vec::new(), 0),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Config")
            .field("speed", &self.speed)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("sync_timeout", &self.sync_timeout)
            .field("webhook_retry_delays", &self.webhook_retry_delays)
            .field("faults", &self.faults)
            .finish()
    }
}
