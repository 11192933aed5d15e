//! The verifier: signature and time window of a delivery, then its event.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use hmac::Mac;

use crate::headers::{DeliveryHeaders, Timestamp};
use crate::secret::HmacSha256;
use crate::signer::mac_of_message;
use crate::window::{check_window, DEFAULT_MAX_AGE_SECONDS};
use crate::{parse, Clock, SigningSecret, SystemClock, WebhookError, WebhookEvent};

/// Default limit on a webhook body read by the `http-body` and `axum`
/// helpers: 10 MiB. Larger payloads arrive as signed URLs when the endpoint
/// is configured for them.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// Verifies webhook deliveries and parses their events.
///
/// Build it once and share it: it is cheap to clone (one `Arc`) and every
/// method takes `&self`. `Debug` shows the number of secrets, never a secret.
///
/// ```
/// use extend_webhooks::{FixedClock, Signer, Verifier, WebhookEvent};
///
/// let body = br#"{"eventId":"evt_1","eventType":"batch_parse_run.processed","payload":{"id":"bpr_1","status":"PROCESSED"}}"#;
/// let headers = Signer::new("wss_test_secret")?.sign(1_700_000_000, body).header_map();
///
/// let verifier = Verifier::builder()
///     .secret("wss_test_secret")
///     .clock(FixedClock::new(1_700_000_030))
///     .build()?;
///
/// let event = verifier.verify_and_parse(&headers, body)?;
/// assert_eq!(event.event_id(), "evt_1");
/// assert_eq!(event.event_type(), "batch_parse_run.processed");
/// # Ok::<(), extend_webhooks::WebhookError>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    inner: Arc<Settings>,
}

struct Settings {
    keys: Vec<HmacSha256>,
    max_age_seconds: u64,
    clock: Arc<dyn Clock>,
    allow_signed_url: bool,
    max_body_bytes: usize,
}

impl Verifier {
    /// Creates a verifier for one signing secret with the default settings:
    /// max age 300 s, system clock, signed-URL payloads rejected.
    ///
    /// # Errors
    ///
    /// Returns [`WebhookError::InvalidSecret`] when the secret is empty or has
    /// leading or trailing whitespace.
    pub fn new(secret: impl Into<String>) -> Result<Self, WebhookError> {
        Verifier::builder().secret(secret).build()
    }

    /// Starts a verifier with several secrets or non-default settings.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// Checks the headers and signature of a delivery over its raw body.
    ///
    /// `headers` is an [`http::HeaderMap`] (pass `&map`) or any iterator of
    /// (name, value) pairs; names match without regard to case. `body` must be
    /// the bytes as received: any re-encoding breaks the signature.
    ///
    /// The checks run in this order, and the first failure is returned:
    /// timestamp header present, signature header present, timestamp format,
    /// time window, signature header format, signature match.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingHeader`], [`WebhookError::MalformedTimestamp`],
    /// [`WebhookError::TooOld`], [`WebhookError::InFuture`],
    /// [`WebhookError::MalformedSignatureHeader`] or
    /// [`WebhookError::InvalidSignature`].
    pub fn verify<I, K, V>(&self, headers: I, body: &[u8]) -> Result<(), WebhookError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let result = self.check(DeliveryHeaders::collect(headers), body);
        if let Err(error) = &result {
            tracing::debug!(code = error.code(), %error, "webhook verification failed");
        }
        result
    }

    /// Verifies a delivery, then parses its event.
    ///
    /// The event id and type are read here, and the payload is kept as JSON
    /// text that [`Payload::decode`](crate::Payload::decode) turns into its
    /// type on request. An event type this SDK does not know
    /// becomes [`WebhookEvent::Unknown`]. A signed-URL payload becomes
    /// [`WebhookEvent::SignedUrl`] only when the verifier was built with
    /// [`VerifierBuilder::allow_signed_url`].
    ///
    /// What is checked here: the body is UTF-8, and the envelope is valid
    /// JSON with string `eventId` and `eventType` members and one
    /// `payload`. Of the payload, only what finding its end needs is
    /// checked: its strings are closed, its brackets balance and, for an
    /// object, its top-level keys and separators are in place. Anything else
    /// wrong inside the payload (a bad number or literal, a missing comma,
    /// `]` closing `{`) is reported by `decode` or
    /// [`WebhookEvent::check_payload`]. The signature already shows that
    /// Extend sent these bytes. A body that does not pass these checks is
    /// decoded by serde_json in full, so an error inside the payload can
    /// also be returned from here as [`WebhookError::BodyNotJson`].
    ///
    /// ```
    /// use extend_webhooks::{FixedClock, Signer, Verifier, WebhookEvent};
    ///
    /// let body = br#"{"eventId":"evt_1","eventType":"parse_run.processed",
    ///     "payload":{"object":"parse_run_status","id":"pr_1","status":"PROCESSED"}}"#;
    /// let headers = Signer::new("wss_example")?.sign(1_700_000_000, body);
    ///
    /// let verifier = Verifier::builder()
    ///     .secret("wss_example")
    ///     .clock(FixedClock::new(1_700_000_000))
    ///     .build()?;
    /// let event = verifier.verify_and_parse(headers.pairs(), body)?;
    /// assert_eq!(event.event_id(), "evt_1");
    ///
    /// if let WebhookEvent::ParseRunProcessed { payload, .. } = event {
    ///     assert_eq!(payload.decode()?.id, "pr_1");
    /// }
    /// # Ok::<(), extend_webhooks::WebhookError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Every error of [`Verifier::verify`]; after a valid signature,
    /// [`WebhookError::BodyNotJson`], [`WebhookError::InvalidEnvelope`] or
    /// [`WebhookError::SignedUrlNotAllowed`].
    pub fn verify_and_parse<I, K, V>(
        &self,
        headers: I,
        body: &[u8],
    ) -> Result<WebhookEvent, WebhookError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        self.verify(headers, body)?;

        let event = parse::parse_event(body)?;
        if let WebhookEvent::SignedUrl(signed) = &event {
            if !self.inner.allow_signed_url {
                return Err(WebhookError::SignedUrlNotAllowed {
                    event_id: signed.event_id.clone(),
                    event_type: signed.event_type.clone(),
                });
            }
        }

        tracing::debug!(
            event_id = event.event_id(),
            event_type = event.event_type(),
            "webhook verified"
        );
        Ok(event)
    }

    /// Returns the max age of a delivery in seconds, which is 0 when the time
    /// window is off.
    pub fn max_age_seconds(&self) -> u64 {
        self.inner.max_age_seconds
    }

    /// Returns whether signed-URL payloads are accepted.
    pub fn allows_signed_url(&self) -> bool {
        self.inner.allow_signed_url
    }

    /// Returns the body size limit of the `http-body` and `axum` helpers, in
    /// bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.inner.max_body_bytes
    }

    /// Checks the headers and the time window, which need no body, so a
    /// server can reject a request before reading it.
    #[cfg_attr(not(feature = "http-body"), allow(dead_code))]
    pub(crate) fn check_headers<I, K, V>(&self, headers: I) -> Result<(), WebhookError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        self.check_without_body(&DeliveryHeaders::collect(headers))?;
        Ok(())
    }

    fn check_without_body(
        &self,
        headers: &DeliveryHeaders,
    ) -> Result<(Timestamp, Vec<[u8; 32]>), WebhookError> {
        headers.require_both()?;

        let timestamp = headers.timestamp()?;
        let now = self.inner.clock.now_unix_seconds();
        check_window(timestamp.unix_seconds, now, self.inner.max_age_seconds)?;

        let candidates = headers.signatures()?;
        Ok((timestamp, candidates))
    }

    fn check(&self, headers: DeliveryHeaders, body: &[u8]) -> Result<(), WebhookError> {
        let (timestamp, candidates) = self.check_without_body(&headers)?;

        // Hash the body once per secret, then compare each candidate in
        // constant time through `verify_slice`.
        for key in &self.inner.keys {
            let mac = mac_of_message(key, &timestamp.text, body);
            for candidate in &candidates {
                if mac.clone().verify_slice(candidate).is_ok() {
                    return Ok(());
                }
            }
        }

        Err(WebhookError::InvalidSignature)
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field(
                "secrets",
                &format_args!("<{} redacted>", self.inner.keys.len()),
            )
            .field("max_age_seconds", &self.inner.max_age_seconds)
            .field("allow_signed_url", &self.inner.allow_signed_url)
            .field("max_body_bytes", &self.inner.max_body_bytes)
            .finish_non_exhaustive()
    }
}

/// Settings of a [`Verifier`]: one or more secrets, the max age, the clock,
/// signed-URL acceptance and the body size limit.
///
/// ```
/// use std::time::Duration;
/// use extend_webhooks::Verifier;
///
/// // During a secret rotation, accept deliveries signed with either secret.
/// let verifier = Verifier::builder()
///     .secret("wss_new_secret")
///     .secret("wss_old_secret")
///     .max_age(Duration::from_secs(600))
///     .build()?;
/// assert!(!format!("{verifier:?}").contains("wss_"));
/// # Ok::<(), extend_webhooks::WebhookError>(())
/// ```
pub struct VerifierBuilder {
    secrets: Vec<SigningSecret>,
    first_error: Option<WebhookError>,
    max_age_seconds: u64,
    clock: Arc<dyn Clock>,
    allow_signed_url: bool,
    max_body_bytes: usize,
}

impl Default for VerifierBuilder {
    fn default() -> Self {
        VerifierBuilder {
            secrets: Vec::new(),
            first_error: None,
            max_age_seconds: DEFAULT_MAX_AGE_SECONDS,
            clock: Arc::new(SystemClock),
            allow_signed_url: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl VerifierBuilder {
    /// Adds a signing secret. A delivery is accepted when its signature
    /// matches any of the secrets; add the new and the old one while you
    /// rotate. A bad secret is reported by [`VerifierBuilder::build`].
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        match SigningSecret::new(secret) {
            Ok(secret) => self.secrets.push(secret),
            Err(error) => {
                self.first_error.get_or_insert(error);
            }
        }
        self
    }

    /// Adds a signing secret that was already checked.
    pub fn signing_secret(mut self, secret: SigningSecret) -> Self {
        self.secrets.push(secret);
        self
    }

    /// Sets the max age of a delivery (default 300 s). Fractions of a second
    /// are dropped. [`Duration::ZERO`] turns the whole time window off, the
    /// 60 s future bound included, which leaves replays of captured
    /// deliveries undetected.
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age_seconds = max_age.as_secs();
        self
    }

    /// Sets the clock the time window is measured against (default: the
    /// system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Accepts signed-URL payloads (default: rejected with
    /// [`WebhookError::SignedUrlNotAllowed`]).
    ///
    /// Extend sends a link in place of the payload when an endpoint is set to
    /// deliver large payloads by URL. The link expires one hour after
    /// delivery. Fetch it with the `fetch` feature or your own HTTP client.
    pub fn allow_signed_url(mut self, allow: bool) -> Self {
        self.allow_signed_url = allow;
        self
    }

    /// Sets the largest body the `http-body` and `axum` helpers read
    /// (default 10 MiB).
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Builds the verifier.
    ///
    /// # Errors
    ///
    /// Returns [`WebhookError::InvalidSecret`] when a secret was rejected or
    /// none was given.
    pub fn build(self) -> Result<Verifier, WebhookError> {
        if let Some(error) = self.first_error {
            return Err(error);
        }
        if self.secrets.is_empty() {
            return Err(WebhookError::InvalidSecret {
                reason: "no signing secret was given; add one with VerifierBuilder::secret",
            });
        }

        let keys = self.secrets.iter().map(SigningSecret::keyed_mac).collect();
        Ok(Verifier {
            inner: Arc::new(Settings {
                keys,
                max_age_seconds: self.max_age_seconds,
                clock: self.clock,
                allow_signed_url: self.allow_signed_url,
                max_body_bytes: self.max_body_bytes,
            }),
        })
    }
}

impl fmt::Debug for VerifierBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifierBuilder")
            .field(
                "secrets",
                &format_args!("<{} redacted>", self.secrets.len()),
            )
            .field("max_age_seconds", &self.max_age_seconds)
            .field("allow_signed_url", &self.allow_signed_url)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish_non_exhaustive()
    }
}
