//! The builder of [`HttpTransport`] and its errors.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, USER_AGENT};
use reqwest::Url;
use tokio::sync::Semaphore;

use crate::api_key::ApiKey;
use crate::clock::{Clock, TokioClock};
use crate::retry::RetryPolicy;
use crate::transport::{HttpTransport, TransportConfig};
use crate::Region;

/// Environment variable read for the API key when none is passed.
pub const API_KEY_ENV: &str = "EXTEND_API_KEY";

/// API version sent in `x-extend-api-version` unless another is set.
pub const DEFAULT_API_VERSION: &str = "2026-02-09";

/// Header that selects the API version.
pub const API_VERSION_HEADER: &str = "x-extend-api-version";

/// Header that selects the workspace of an organization-wide key.
pub const WORKSPACE_ID_HEADER: &str = "x-extend-workspace-id";

/// Default timeout of each attempt: 300 s, the default of Extend's
/// generated Python and TypeScript SDKs, long enough for the synchronous
/// routes that block up to 5 minutes on the server.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// Default timeout for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default cap on requests in flight per transport and its clones. Each
/// request in flight holds a connection and its buffers, so the cap bounds
/// memory when thousands of waits poll at once (10,000 waits peak under
/// 64 MiB with it). Requests over the cap wait for a free slot.
pub const DEFAULT_MAX_CONCURRENT_REQUESTS: usize = 256;

/// `User-Agent` of every request unless replaced: `extend-rust/<crate version>`.
const DEFAULT_USER_AGENT: &str = concat!("extend-rust/", env!("CARGO_PKG_VERSION"));

/// An error of [`HttpTransportBuilder::build`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No key was passed and `EXTEND_API_KEY` is unset or empty.
    #[error("no Extend API key: pass one to HttpTransportBuilder::api_key or set EXTEND_API_KEY")]
    MissingApiKey,
    /// The key cannot be sent in a header. The message never shows the key.
    #[error("invalid Extend API key: {reason}; copy the key again from the Extend dashboard")]
    InvalidApiKey {
        /// The problem with the key.
        reason: &'static str,
    },
    /// The base URL cannot be used.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The base URL as given.
        url: String,
        /// The problem and its fix.
        reason: String,
    },
    /// A header name or value cannot be sent. The message never shows the value.
    #[error("invalid header {name:?}: {reason}")]
    InvalidHeader {
        /// The header name as given.
        name: String,
        /// The problem and its fix.
        reason: String,
    },
    /// A timeout of zero, which would fail every request.
    #[error("invalid {name}: it must be greater than zero")]
    ZeroTimeout {
        /// The setting: `timeout` or `connect_timeout`.
        name: &'static str,
    },
    /// A cap of zero requests in flight, which would block every request.
    #[error("invalid max_concurrent_requests: it must be at least 1")]
    ZeroConcurrentRequests,
    /// reqwest could not build its client (for example, no TLS backend).
    #[error("could not build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

/// Builds an [`HttpTransport`]. Start with [`HttpTransport::builder`].
///
/// ```
/// use std::time::Duration;
/// use extend_http::{HttpTransport, Region};
///
/// let transport = HttpTransport::builder()
///     .api_key("sk_example")
///     .region(Region::Eu)
///     .workspace_id("ws_123")
///     .timeout(Duration::from_secs(60))
///     .build()?;
/// assert_eq!(transport.base_url(), "https://api.eu1.extend.ai");
/// # Ok::<(), extend_http::BuildError>(())
/// ```
#[must_use = "call build() to get the transport"]
pub struct HttpTransportBuilder {
    api_key: Option<ApiKey>,
    base_url: Option<String>,
    region: Region,
    api_version: String,
    workspace_id: Option<String>,
    headers: Vec<(String, String)>,
    timeout: Duration,
    connect_timeout: Duration,
    max_concurrent_requests: usize,
    retry_policy: RetryPolicy,
    clock: Arc<dyn Clock>,
}

impl Default for HttpTransportBuilder {
    fn default() -> Self {
        HttpTransportBuilder {
            api_key: None,
            base_url: None,
            region: Region::default(),
            api_version: DEFAULT_API_VERSION.to_owned(),
            workspace_id: None,
            headers: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_concurrent_requests: DEFAULT_MAX_CONCURRENT_REQUESTS,
            retry_policy: RetryPolicy::default(),
            clock: Arc::new(TokioClock),
        }
    }
}

impl fmt::Debug for HttpTransportBuilder {
    /// Shows header names but not their values, which may be credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("HttpTransportBuilder")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("region", &self.region)
            .field("api_version", &self.api_version)
            .field("workspace_id", &self.workspace_id)
            .field("header_names", &header_names)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_concurrent_requests", &self.max_concurrent_requests)
            .field("retry_policy", &self.retry_policy)
            .field("clock", &self.clock)
            .finish()
    }
}

impl HttpTransportBuilder {
    /// Sets the API key sent as `Authorization: Bearer <key>`.
    pub fn api_key(mut self, key: impl Into<ApiKey>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Reads the API key from `EXTEND_API_KEY` when [`build`](Self::build)
    /// runs, trimming surrounding whitespace. This is also what happens when
    /// no key is passed; the call undoes an earlier [`api_key`](Self::api_key).
    pub fn api_key_from_env(mut self) -> Self {
        self.api_key = None;
        self
    }

    /// Sets the base URL, such as `http://127.0.0.1:8080` for a local
    /// emulator. A path prefix is kept: `https://proxy.example/extend` sends
    /// `GET /files/f_1` to `https://proxy.example/extend/files/f_1`. It takes
    /// precedence over [`region`](Self::region).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Selects a deployment by region (default [`Region::Us`]).
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// Sets the API version sent as `x-extend-api-version` (default
    /// [`DEFAULT_API_VERSION`]).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Sets the workspace sent as `x-extend-workspace-id` on every request.
    /// Organization-wide keys need it; workspace keys do not.
    pub fn workspace_id(mut self, workspace_id: impl Into<String>) -> Self {
        self.workspace_id = Some(workspace_id.into());
        self
    }

    /// Adds a header sent on every request. A `User-Agent` replaces
    /// `extend-rust/<version>`. It may not replace `Authorization`,
    /// `x-extend-api-version` or `x-extend-workspace-id`, which have their
    /// own methods.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the timeout of each attempt, from sending the request to reading
    /// the whole response body (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the timeout for opening a connection (default
    /// [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets how many requests this transport and its clones keep in flight
    /// at once (default [`DEFAULT_MAX_CONCURRENT_REQUESTS`]). A request over
    /// the cap waits for a free slot before its timeout starts, and a retry
    /// gives its slot back while it sleeps. Raise the cap for many long
    /// synchronous calls (`POST /extract` and the like hold a slot for up to
    /// 5 minutes).
    pub fn max_concurrent_requests(mut self, max: usize) -> Self {
        self.max_concurrent_requests = max;
        self
    }

    /// Sets how many retries follow a failed attempt (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry_policy = self.retry_policy.with_max_retries(max_retries);
        self
    }

    /// Sets the longest `Retry-After` or `X-RateLimit-Reset` delay the
    /// transport waits out (default 60 s).
    pub fn max_retry_after(mut self, max_retry_after: Duration) -> Self {
        self.retry_policy = self.retry_policy.with_max_retry_after(max_retry_after);
        self
    }

    /// Replaces the whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Replaces the clock used to sleep between attempts and to read
    /// HTTP-date `Retry-After` values. Tests pass a clock that records the
    /// delays instead of waiting.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Checks the settings and builds the transport.
    ///
    /// # Errors
    ///
    /// [`BuildError::MissingApiKey`] when no key was passed and
    /// `EXTEND_API_KEY` is unset. The other [`BuildError`] variants name a
    /// key, base URL, header, timeout or limit that cannot be used.
    pub fn build(self) -> Result<HttpTransport, BuildError> {
        self.build_with_env(|name| std::env::var(name).ok())
    }

    /// Builds with `lookup` in place of the process environment.
    pub(crate) fn build_with_env(
        self,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<HttpTransport, BuildError> {
        let api_key = match self.api_key {
            Some(key) => key,
            None => lookup(API_KEY_ENV)
                .map(|value| ApiKey::new(value.trim()))
                .filter(|key| !key.expose().is_empty())
                .ok_or(BuildError::MissingApiKey)?,
        };
        check_timeout("timeout", self.timeout)?;
        check_timeout("connect_timeout", self.connect_timeout)?;
        if self.max_concurrent_requests == 0 {
            return Err(BuildError::ZeroConcurrentRequests);
        }

        let base_url = match &self.base_url {
            Some(url) => parse_base_url(url)?,
            None => parse_base_url(self.region.base_url())?,
        };
        let headers = default_headers(
            &api_key,
            &self.api_version,
            self.workspace_id.as_deref(),
            &self.headers,
        )?;

        let client = http_client(headers, self.connect_timeout)?;
        Ok(HttpTransport::from_config(TransportConfig {
            client,
            base_url,
            api_key,
            api_version: self.api_version,
            workspace_id: self.workspace_id,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            slots: Semaphore::new(self.max_concurrent_requests),
            max_concurrent_requests: self.max_concurrent_requests,
            retry_policy: self.retry_policy,
            clock: self.clock,
        }))
    }
}

fn check_timeout(name: &'static str, timeout: Duration) -> Result<(), BuildError> {
    if timeout.is_zero() {
        return Err(BuildError::ZeroTimeout { name });
    }
    Ok(())
}

/// Parses and normalises a base URL: http or https, no credentials, no query
/// or fragment, and no trailing slash so paths can be appended.
fn parse_base_url(raw: &str) -> Result<String, BuildError> {
    let invalid = |reason: &str| BuildError::InvalidBaseUrl {
        url: raw.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(raw.trim()).map_err(|error| {
        invalid(&format!(
            "{error}; pass an absolute URL such as https://api.extend.ai"
        ))
    })?;

    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(invalid("the scheme must be http or https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "it contains credentials; remove them and pass the key with api_key",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it has a query or fragment; remove them"));
    }
    if url.scheme() == "https" && !cfg!(any(feature = "rustls", feature = "native-tls")) {
        return Err(invalid(
            "https needs TLS; enable the rustls or native-tls feature of extend-http",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn default_headers(
    api_key: &ApiKey,
    api_version: &str,
    workspace_id: Option<&str>,
    extra: &[(String, String)],
) -> Result<HeaderMap, BuildError> {
    let mut headers = HeaderMap::new();

    for (name, value) in extra {
        let header_name =
            HeaderName::from_bytes(name.as_bytes()).map_err(|_| BuildError::InvalidHeader {
                name: name.clone(),
                reason: "not a valid header name".to_owned(),
            })?;
        if header_name == AUTHORIZATION
            || header_name == API_VERSION_HEADER
            || header_name == WORKSPACE_ID_HEADER
        {
            return Err(BuildError::InvalidHeader {
                name: name.clone(),
                reason: "set it with api_key, api_version or workspace_id instead".to_owned(),
            });
        }
        let mut header_value = header_value(name, value)?;
        // Extra headers may carry credentials of a proxy, so they are kept
        // out of `Debug` output the same way as the API key.
        header_value.set_sensitive(true);
        headers.append(header_name, header_value);
    }

    headers.insert(
        API_VERSION_HEADER,
        header_value(API_VERSION_HEADER, api_version)?,
    );
    if let Some(workspace_id) = workspace_id {
        headers.insert(
            WORKSPACE_ID_HEADER,
            header_value(WORKSPACE_ID_HEADER, workspace_id)?,
        );
    }
    headers.insert(AUTHORIZATION, authorization(api_key)?);
    Ok(headers)
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, BuildError> {
    HeaderValue::from_str(value).map_err(|_| BuildError::InvalidHeader {
        name: name.to_owned(),
        reason: "the value contains a control character or non-visible byte".to_owned(),
    })
}

fn authorization(api_key: &ApiKey) -> Result<HeaderValue, BuildError> {
    let key = api_key.expose();
    if key.is_empty() {
        return Err(BuildError::InvalidApiKey {
            reason: "it is empty",
        });
    }
    if key.trim() != key {
        return Err(BuildError::InvalidApiKey {
            reason: "it has leading or trailing whitespace",
        });
    }

    if !key.is_ascii() {
        return Err(BuildError::InvalidApiKey {
            reason: "it contains a non-ASCII character",
        });
    }

    let mut value =
        HeaderValue::from_str(&format!("Bearer {key}")).map_err(|_| BuildError::InvalidApiKey {
            reason: "it contains a control character",
        })?;
    value.set_sensitive(true);
    Ok(value)
}

fn http_client(
    headers: HeaderMap,
    connect_timeout: Duration,
) -> Result<reqwest::Client, BuildError> {
    // A `User-Agent` from `default_header` replaces this crate's, so a tool
    // built on the SDK can name itself.
    let has_user_agent = headers.contains_key(USER_AGENT);
    let mut builder = reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(connect_timeout);
    if !has_user_agent {
        builder = builder.user_agent(DEFAULT_USER_AGENT);
    }

    // With both TLS features on, the default `rustls` wins.
    #[cfg(feature = "rustls")]
    let builder = builder.use_rustls_tls();

    builder.build().map_err(BuildError::Client)
}

#[cfg(test)]
mod tests;
