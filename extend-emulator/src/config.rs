//! Settings every request handler reads.

use std::fmt;

/// Settings of a running emulator.
#[derive(Clone)]
pub(crate) struct Config {
    /// Processing-time factor: 2.0 processes twice as fast as 1.0.
    pub(crate) speed: f64,
    /// The only Bearer key accepted, or `None` to accept any non-empty key.
    pub(crate) api_key: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Config")
            .field("speed", &self.speed)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}
