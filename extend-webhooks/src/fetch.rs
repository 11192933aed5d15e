//! Fetching signed-URL payloads (`fetch` feature).

use std::time::Duration;

use reqwest::redirect;

use crate::signed_url::redact_url;
use crate::{parse, SignedUrlEvent, Verifier, WebhookError, WebhookEvent};

/// Default timeout of one fetch: 30 s, as in the official SDKs.
pub const DEFAULT_FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// Maximum number of redirects followed by a fetch.
const MAX_REDIRECTS: usize = 5;

/// Downloads the payload behind a signed URL and returns the full event.
///
/// The request is a plain `GET` without Extend credentials, because the URL
/// carries its own access token. Only `https` URLs are fetched, redirects
/// included, unless [`SignedUrlFetcherBuilder::allow_http`] is set for tests.
///
/// ```no_run
/// # async fn receive(headers: http::HeaderMap, body: Vec<u8>) -> Result<(), extend_webhooks::WebhookError> {
/// use extend_webhooks::{SignedUrlFetcher, Verifier};
///
/// let verifier = Verifier::new("wss_your_signing_secret")?;
/// let fetcher = SignedUrlFetcher::new()?;
///
/// // Inline payloads are returned as they are; signed URLs are fetched.
/// let event = fetcher.verify_and_fetch(&verifier, &headers, &body).await?;
/// println!("{} {}", event.event_type(), event.event_id());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct SignedUrlFetcher {
    client: reqwest::Client,
    allow_http: bool,
}

impl SignedUrlFetcher {
    /// Creates a fetcher with the default settings: 30 s timeout, `https` only.
    ///
    /// # Errors
    ///
    /// [`WebhookError::FetchFailed`] when the HTTP client cannot be built,
    /// for example when the TLS backend fails to load its root certificates.
    pub fn new() -> Result<Self, WebhookError> {
        SignedUrlFetcher::builder().build()
    }

    /// Starts a fetcher with non-default settings.
    pub fn builder() -> SignedUrlFetcherBuilder {
        SignedUrlFetcherBuilder {
            timeout: DEFAULT_FETCH_TIMEOUT,
            allow_http: false,
        }
    }

    /// Fetches the payload of a signed-URL event and returns the full event,
    /// whose payload decodes with [`Payload::decode`](crate::Payload::decode).
    ///
    /// # Errors
    ///
    /// [`WebhookError::InvalidSignedUrl`] for a URL that is not `https` (or
    /// `http` when allowed); [`WebhookError::FetchFailed`] when the request
    /// fails or times out; [`WebhookError::FetchStatus`] for a non-2xx
    /// status; [`WebhookError::FetchedBodyNotJson`] and
    /// [`WebhookError::FetchedPayloadNotObject`] for a body that is not a
    /// JSON object.
    pub async fn fetch(&self, event: &SignedUrlEvent) -> Result<WebhookEvent, WebhookError> {
        let url = self.checked_url(&event.url)?;
        let shown_url = event.redacted_url();
        tracing::debug!(event_id = %event.event_id, url = %shown_url, "fetching signed webhook payload");

        let response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|source| fetch_failed(&shown_url, source))?;

        let status = response.status();
        if !status.is_success() {
            return Err(WebhookError::FetchStatus {
                url: shown_url,
                status: status.as_u16(),
            });
        }

        // NOTE: the body is read whole without a size limit. The URL comes
        // from a delivery whose signature was checked, and Extend documents
        // no maximum payload size to enforce here.
        let body = response
            .bytes()
            .await
            .map_err(|source| fetch_failed(&shown_url, source))?;

        event.event_from_payload(&body)
    }

    /// Verifies a delivery and returns its full event, fetching the payload
    /// when it came as a signed URL.
    ///
    /// Calling this method accepts signed URLs even when
    /// [`VerifierBuilder::allow_signed_url`](crate::VerifierBuilder::allow_signed_url)
    /// is off. The signature is checked over the delivery as received, before
    /// anything is fetched.
    ///
    /// # Errors
    ///
    /// Every error of [`Verifier::verify_and_parse`] except
    /// [`WebhookError::SignedUrlNotAllowed`], and every error of
    /// [`SignedUrlFetcher::fetch`].
    pub async fn verify_and_fetch<I, K, V>(
        &self,
        verifier: &Verifier,
        headers: I,
        body: &[u8],
    ) -> Result<WebhookEvent, WebhookError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        verifier.verify(headers, body)?;

        match parse::parse_event(body)? {
            WebhookEvent::SignedUrl(signed) => self.fetch(&signed).await,
            inline => Ok(inline),
        }
    }

    fn checked_url(&self, raw: &str) -> Result<reqwest::Url, WebhookError> {
        let invalid = |reason| WebhookError::InvalidSignedUrl {
            url: redact_url(raw),
            reason,
        };

        let url = reqwest::Url::parse(raw).map_err(|_| invalid("it is not an absolute URL"))?;
        match url.scheme() {
            "https" => Ok(url),
            "http" if self.allow_http => Ok(url),
            "http" => Err(invalid(
                "only https URLs are fetched; allow http only for local tests",
            )),
            _ => Err(invalid("the scheme is neither https nor http")),
        }
    }
}

fn fetch_failed(shown_url: &str, source: reqwest::Error) -> WebhookError {
    // reqwest prints the full URL in its errors, token included.
    WebhookError::FetchFailed {
        url: shown_url.to_owned(),
        source: Box::new(source.without_url()),
    }
}

/// Settings of a [`SignedUrlFetcher`].
#[derive(Debug, Clone)]
pub struct SignedUrlFetcherBuilder {
    timeout: Duration,
    allow_http: bool,
}

impl SignedUrlFetcherBuilder {
    /// Sets the timeout of a whole fetch, body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Allows plain `http` URLs and redirects, for a local test server only
    /// (default: `https` only).
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Builds the fetcher.
    ///
    /// # Errors
    ///
    /// [`WebhookError::FetchFailed`] when the HTTP client cannot be built.
    pub fn build(self) -> Result<SignedUrlFetcher, WebhookError> {
        let allow_http = self.allow_http;
        let policy = redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error("too many redirects")
            } else if attempt.url().scheme() != "https" && !allow_http {
                attempt.error("redirect to a URL that is not https")
            } else {
                attempt.follow()
            }
        });

        let client = reqwest::Client::builder()
            .timeout(self.timeout)
            .redirect(policy)
            .build()
            .map_err(|source| WebhookError::FetchFailed {
                url: String::new(),
                source: Box::new(source),
            })?;

        Ok(SignedUrlFetcher { client, allow_http })
    }
}
