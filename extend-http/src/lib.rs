//! The production [`Transport`](extend_core::Transport) of the Extend API
//! client, on reqwest.
//!
//! [`HttpTransport`] adds what the typed [`Client`](extend_core::Client)
//! leaves to its transport: the base URL of a region or of a local emulator,
//! the `Authorization: Bearer` key, the `x-extend-api-version` header,
//! timeouts, retries and the streamed multipart upload of local files.
//!
//! ```
//! use extend_http::{HttpTransport, Region};
//!
//! let transport = HttpTransport::builder()
//!     .api_key("sk_example") // or leave it out to read EXTEND_API_KEY
//!     .region(Region::Us)
//!     .build()?;
//! let client = extend_core::Client::new(transport);
//! // client.parse_runs().create(...).await?
//! # let _ = client;
//! # Ok::<(), extend_http::BuildError>(())
//! ```
//!
//! # Retry policy
//!
//! Each request is sent at most `1 + max_retries` times (default 2 retries).
//!
//! - Reads, deletes and cancels ([`Idempotency::Idempotent`]) are retried on
//!   connection errors and on HTTP 408, 429 and 5xx.
//! - Requests that create something ([`Idempotency::CreatesResource`]: runs,
//!   batches, uploads) are retried only on 429 and when the connection could
//!   not be opened, so no byte of the request reached the server. They are
//!   never retried after a 5xx, a broken connection or a timeout: the server
//!   may have created the run already, and the API has no idempotency key to
//!   drop a second copy.
//! - A request that hit its timeout is not retried. A connect timeout is a
//!   failure to open the connection, so it follows the rule above.
//! - The wait before a retry is the server's `Retry-After` (delta seconds or
//!   an HTTP-date) or `X-RateLimit-Reset` (unix seconds) when present and
//!   well formed. Otherwise it is a jittered exponential backoff:
//!   `min(1 s * 2^n, 60 s)`, then +/-10 %.
//! - A server delay over [`RetryPolicy::max_retry_after`] (default 60 s) is
//!   not waited out: the request fails at once with a [`RateLimited`] error
//!   that carries the delay (see [`rate_limited`]).
//!
//! Uploads are read from disk again for each attempt, so a retry sends the
//! same bytes. [`RequestOptions`] overrides the timeout and the retry count
//! per request or per client.
//!
//! # Features
//!
//! - `rustls` (default): TLS through rustls with bundled root certificates.
//! - `native-tls`: TLS through the platform library (OpenSSL on Linux, which
//!   needs `libssl-dev` to build). With both features on, rustls is used.
//!
//! Without either feature only `http://` base URLs work, which is enough for
//! a local emulator.
//!
//! [`Idempotency::Idempotent`]: extend_core::Idempotency::Idempotent
//! [`Idempotency::CreatesResource`]: extend_core::Idempotency::CreatesResource

#![warn(missing_docs, unreachable_pub)]

mod api_key;
mod builder;
mod clock;
mod error_map;
mod options;
mod region;
mod retry;
mod transport;
mod upload;

pub use api_key::ApiKey;
pub use builder::{
    BuildError, HttpTransportBuilder, API_KEY_ENV, API_VERSION_HEADER, DEFAULT_API_VERSION,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_TIMEOUT, WORKSPACE_ID_HEADER,
};
pub use clock::{Clock, TokioClock};
pub use options::RequestOptions;
pub use region::Region;
pub use retry::{RateLimited, RetryPolicy};
pub use transport::HttpTransport;

/// Parses a `Retry-After` value, delta seconds or an HTTP-date, into the
/// delay from `now`; `None` for a malformed value.
///
/// Hidden from the docs and outside the stable API: it is public only so
/// that the fuzz targets under `fuzz/` and their proptest twins can call the
/// transport's own parser without a server.
#[doc(hidden)]
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<std::time::Duration> {
    retry::parse_retry_after(value, now)
}

/// Returns the [`RateLimited`] cause of a transport error, when the request
/// failed because the server asked for a wait longer than the retry cap.
///
/// ```
/// # fn handle(error: &extend_core::TransportError) {
/// if let Some(limit) = extend_http::rate_limited(error) {
///     eprintln!("retry in {} s", limit.retry_after.as_secs());
/// }
/// # }
/// ```
pub fn rate_limited(error: &extend_core::TransportError) -> Option<&RateLimited> {
    error.source.as_deref()?.downcast_ref::<RateLimited>()
}
