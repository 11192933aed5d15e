//! Verifying an `http::Request` with any body type (`http-body` feature),
//! for plain hyper and tower servers.

use std::error::Error as StdError;
use std::fmt;

use bytes::Bytes;
use http::{header, HeaderValue, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::{Verifier, WebhookError, WebhookEvent};

/// Reads, verifies and parses a webhook request.
///
/// The headers and the time window are checked before the body is read, so
/// an unsigned or stale request costs no body transfer. The body is read up
/// to [`Verifier::max_body_bytes`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use extend_webhooks::{verify_request, Signer, Verifier};
///
/// let body = r#"{"eventId":"evt_1","eventType":"workflow.created","payload":{"object":"workflow","id":"workflow_1","name":"Invoices"}}"#;
/// let signed = Signer::new("wss_test_secret")?.sign_now(body.as_bytes());
/// let mut request = http::Request::post("/webhooks").body(body.to_owned())?;
/// *request.headers_mut() = signed.header_map();
///
/// let verifier = Verifier::new("wss_test_secret")?;
/// let event = verify_request(&verifier, request).await?;
/// assert_eq!(event.event_id(), "evt_1");
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// A [`WebhookRejection`] wrapping the [`WebhookError`]; turn it into the
/// response with [`WebhookRejection::into_http_response`].
pub async fn verify_request<B>(
    verifier: &Verifier,
    request: Request<B>,
) -> Result<WebhookEvent, WebhookRejection>
where
    B: Body,
    B::Error: Into<Box<dyn StdError + Send + Sync>>,
{
    let (parts, body) = request.into_parts();
    let limit = verifier.max_body_bytes();

    verifier.check_headers(&parts.headers)?;
    if declared_length(&parts.headers).is_some_and(|length| length > limit as u64) {
        return Err(WebhookError::BodyTooLarge { limit_bytes: limit }.into());
    }

    let body = read_body(body, limit).await?;
    let event = verifier.verify_and_parse(&parts.headers, &body)?;
    Ok(event)
}

fn declared_length(headers: &http::HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

async fn read_body<B>(body: B, limit: usize) -> Result<Bytes, WebhookError>
where
    B: Body,
    B::Error: Into<Box<dyn StdError + Send + Sync>>,
{
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => {
            Err(WebhookError::BodyTooLarge { limit_bytes: limit })
        }
        Err(source) => Err(WebhookError::BodyRead { source }),
    }
}

/// A rejected webhook request, ready to become an HTTP response.
///
/// The status is `401` when the delivery failed authentication or the time
/// window, `413` when the body is over the limit, and `400` for a body that
/// cannot be read or parsed. The response body is the short error code, such
/// as `invalid_signature`, so it reveals nothing about the secret to a
/// sender.
pub struct WebhookRejection {
    error: WebhookError,
}

impl WebhookRejection {
    /// Returns the HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        if self.error.is_authentication_failure() {
            StatusCode::UNAUTHORIZED
        } else if matches!(self.error, WebhookError::BodyTooLarge { .. }) {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        }
    }

    /// Returns the error behind the rejection.
    pub fn error(&self) -> &WebhookError {
        &self.error
    }

    /// Returns the error behind the rejection, by value.
    pub fn into_error(self) -> WebhookError {
        self.error
    }

    /// Builds the response, and logs the rejection with its full error.
    pub fn into_http_response(self) -> Response<String> {
        let status = self.status();
        tracing::warn!(status = status.as_u16(), code = self.error.code(), error = %self.error, "webhook request rejected");

        let mut response = Response::new(format!("{}\n", self.error.code()));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}

impl From<WebhookError> for WebhookRejection {
    fn from(error: WebhookError) -> Self {
        WebhookRejection { error }
    }
}

impl fmt::Debug for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookRejection")
            .field("status", &self.status())
            .field("error", &self.error)
            .finish()
    }
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "webhook request rejected with {}: {}",
            self.status(),
            self.error
        )
    }
}

impl StdError for WebhookRejection {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.error)
    }
}
