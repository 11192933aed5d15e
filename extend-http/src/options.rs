//! Per-request overrides of the transport's timeout and retry count.

use std::time::Duration;

/// Overrides for some requests, on top of the transport's defaults.
///
/// Pass them to [`HttpTransport::send_with`](crate::HttpTransport::send_with)
/// for one request, or to
/// [`HttpTransport::with_options`](crate::HttpTransport::with_options) for a
/// transport (and so a typed client) whose every request uses them.
///
/// ```
/// use std::time::Duration;
/// use extend_http::RequestOptions;
///
/// let options = RequestOptions::new()
///     .with_timeout(Duration::from_secs(30))
///     .with_max_retries(0);
/// assert_eq!(options.timeout(), Some(Duration::from_secs(30)));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestOptions {
    timeout: Option<Duration>,
    max_retries: Option<u32>,
}

impl RequestOptions {
    /// Options that override nothing.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Sets the timeout of each attempt, from sending the request to reading
    /// the whole response body.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets how many retries may follow the first attempt (0 disables retries).
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Returns the timeout override, if any.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Returns the retry count override, if any.
    pub fn max_retries(&self) -> Option<u32> {
        self.max_retries
    }

    /// Returns these options with each unset value taken from `fallback`.
    pub(crate) fn or(self, fallback: RequestOptions) -> RequestOptions {
        RequestOptions {
            timeout: self.timeout.or(fallback.timeout),
            max_retries: self.max_retries.or(fallback.max_retries),
        }
    }
}
