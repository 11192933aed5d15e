//! [`HttpTransport`]: the production [`Transport`] on reqwest.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use extend_core::{
    ApiRequest, ApiResponse, RequestBody, Transport, TransportError, TransportErrorKind,
    REQUEST_ID_HEADER,
};
use http::header::CONTENT_TYPE;
use reqwest::Url;
use tokio::sync::{Semaphore, SemaphorePermit};
use tracing::{field, Instrument, Span};

use crate::api_key::ApiKey;
use crate::builder::HttpTransportBuilder;
use crate::clock::Clock;
use crate::error_map::{self, AttemptContext};
use crate::options::RequestOptions;
use crate::retry::{run_with_retries, Attempt, AttemptFailure, FailureKind, RetryPolicy};
use crate::upload;

/// The production transport: sends [`ApiRequest`]s to the Extend API over
/// HTTPS with authentication, the API version header, timeouts and retries.
///
/// Cloning is cheap: clones share one connection pool.
///
/// ```
/// use extend_http::HttpTransport;
///
/// let transport = HttpTransport::builder()
///     .api_key("sk_example")
///     .base_url("http://127.0.0.1:8080/extend")
///     .build()?;
/// let client = extend_core::Client::new(transport);
/// # let _ = client;
/// # Ok::<(), extend_http::BuildError>(())
/// ```
#[derive(Clone)]
pub struct HttpTransport {
    pub(crate) config: Arc<TransportConfig>,
    options: RequestOptions,
}

/// Everything the builder settles, shared by clones of a transport.
pub(crate) struct TransportConfig {
    pub(crate) client: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) api_key: ApiKey,
    pub(crate) api_version: String,
    pub(crate) workspace_id: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    /// One permit per request in flight, shared by clones.
    pub(crate) slots: Semaphore,
    pub(crate) max_concurrent_requests: usize,
    pub(crate) retry_policy: RetryPolicy,
    pub(crate) clock: Arc<dyn Clock>,
}

impl HttpTransport {
    /// Starts a builder with the defaults: key from `EXTEND_API_KEY`,
    /// [`Region::Us`](crate::Region::Us), API version
    /// [`DEFAULT_API_VERSION`](crate::DEFAULT_API_VERSION), 300 s timeout,
    /// 10 s connect timeout and two retries.
    pub fn builder() -> HttpTransportBuilder {
        HttpTransportBuilder::default()
    }

    pub(crate) fn from_config(config: TransportConfig) -> Self {
        HttpTransport {
            config: Arc::new(config),
            options: RequestOptions::default(),
        }
    }

    /// Returns the base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.config.base_url
    }

    /// Returns a transport that applies `options` to every request it sends
    /// and shares this one's connection pool. Wrap it in a
    /// [`Client`](extend_core::Client) to give a whole client other limits.
    ///
    /// ```
    /// use std::time::Duration;
    /// use extend_http::{HttpTransport, RequestOptions};
    ///
    /// let transport = HttpTransport::builder().api_key("sk_example").build()?;
    /// let patient = transport.with_options(
    ///     RequestOptions::new().with_timeout(Duration::from_secs(600)),
    /// );
    /// let client = extend_core::Client::new(patient);
    /// # let _ = client;
    /// # Ok::<(), extend_http::BuildError>(())
    /// ```
    pub fn with_options(&self, options: RequestOptions) -> HttpTransport {
        HttpTransport {
            config: Arc::clone(&self.config),
            options: options.or(self.options),
        }
    }

    /// Sends one request with `options` overriding this transport's timeout
    /// and retry count.
    ///
    /// # Errors
    ///
    /// A [`TransportError`] when no response could be had:
    ///
    /// - [`TransportErrorKind::LocalFile`], before any network I/O, for an
    ///   upload whose file is missing, a directory or empty;
    /// - a connection error or timeout, after the allowed retries;
    /// - a server-requested delay over the cap, whose source is a
    ///   [`RateLimited`](crate::RateLimited).
    pub async fn send_with(
        &self,
        request: ApiRequest,
        options: RequestOptions,
    ) -> Result<ApiResponse, TransportError> {
        let options = options.or(self.options);
        let timeout = options.timeout().unwrap_or(self.config.timeout);
        let policy = match options.max_retries() {
            Some(max_retries) => self
                .config
                .retry_policy
                .clone()
                .with_max_retries(max_retries),
            None => self.config.retry_policy.clone(),
        };

        let url = self.url_for(&request)?;
        if let RequestBody::Upload(file) = &request.body {
            upload::check_file(&file.path).await?;
        }

        let span = tracing::info_span!(
            "extend_request",
            method = %request.method,
            path = %request.path,
            attempt = field::Empty,
            status = field::Empty,
            request_id = field::Empty,
        );
        async {
            tracing::debug!(timeout_ms = timeout.as_millis() as u64, "sending request");
            let result = run_with_retries(
                &policy,
                self.config.clock.as_ref(),
                request.idempotency,
                |_| self.attempt(&request, &url, timeout),
            )
            .await;
            if let Err(error) = &result {
                tracing::debug!(%error, attempts = error.attempts, "request failed");
            }
            result
        }
        .instrument(span)
        .await
    }

    /// Joins the base URL, the request path and the query.
    fn url_for(&self, request: &ApiRequest) -> Result<Url, TransportError> {
        if !request.path.starts_with('/') {
            return Err(TransportError::new(
                TransportErrorKind::InvalidRequest,
                format!("request path {:?} must start with '/'", request.path),
            ));
        }

        let joined = format!("{}{}", self.config.base_url, request.path);
        let mut url = Url::parse(&joined).map_err(|error| {
            TransportError::new(
                TransportErrorKind::InvalidRequest,
                format!("invalid request URL {joined:?}: {error}"),
            )
            .with_source(error)
        })?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        Ok(url)
    }

    /// Sends one attempt and reads the whole response body, holding one of
    /// the transport's request slots from the first byte to the last.
    async fn attempt(&self, request: &ApiRequest, url: &Url, timeout: Duration) -> Attempt {
        let _slot = self.request_slot().await?;
        let mut builder = self
            .config
            .client
            .request(request.method.clone(), url.clone())
            .timeout(timeout);

        match &request.body {
            RequestBody::Json(bytes) => {
                builder = builder
                    .header(CONTENT_TYPE, "application/json")
                    .body(bytes.clone());
            }
            RequestBody::Upload(file) => {
                let form = upload::multipart_form(file).await.map_err(fatal)?;
                builder = builder.multipart(form);
            }
            RequestBody::Empty => {}
            // `RequestBody` is non-exhaustive. Sending a body this version
            // does not know without its content would lose data.
            _ => {
                return Err(fatal(TransportError::new(
                    TransportErrorKind::InvalidRequest,
                    format!(
                        "{} {} has a body kind this version of extend-http cannot send; \
                         upgrade extend-http to match extend-core",
                        request.method, request.path
                    ),
                )));
            }
        }

        let context = AttemptContext {
            method: &request.method,
            url,
            timeout,
            connect_timeout: self.config.connect_timeout,
            idempotency: request.idempotency,
        };
        let response = builder
            .send()
            .await
            .map_err(|error| error_map::classify(error, &context))?;
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(request_id) = headers.get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()) {
            Span::current().record("request_id", request_id);
        }

        let body = response
            .bytes()
            .await
            .map_err(|error| error_map::classify(error, &context))?;
        Ok(ApiResponse {
            status,
            headers,
            body,
            attempts: 1,
        })
    }
}

impl HttpTransport {
    /// Waits for a free slot under the cap on requests in flight.
    async fn request_slot(&self) -> Result<SemaphorePermit<'_>, AttemptFailure> {
        if let Ok(permit) = self.config.slots.try_acquire() {
            return Ok(permit);
        }
        tracing::debug!(
            max_concurrent_requests = self.config.max_concurrent_requests,
            "all request slots are in use; waiting for one"
        );
        // The semaphore lives as long as the transport and is never closed.
        self.config.slots.acquire().await.map_err(|_| {
            fatal(TransportError::new(
                TransportErrorKind::InvalidRequest,
                "the request slots of this transport were closed".to_owned(),
            ))
        })
    }
}

fn fatal(error: TransportError) -> AttemptFailure {
    AttemptFailure {
        kind: FailureKind::Fatal,
        error,
    }
}

#[async_trait]
impl Transport for HttpTransport {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        self.send_with(request, RequestOptions::default()).await
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = &self.config;
        f.debug_struct("HttpTransport")
            .field("base_url", &config.base_url)
            .field("api_key", &config.api_key)
            .field("api_version", &config.api_version)
            .field("workspace_id", &config.workspace_id)
            .field("timeout", &config.timeout)
            .field("connect_timeout", &config.connect_timeout)
            .field("max_concurrent_requests", &config.max_concurrent_requests)
            .field("retry_policy", &config.retry_policy)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}
