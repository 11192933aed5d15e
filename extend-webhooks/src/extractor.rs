//! The axum extractor (`axum` feature).

use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};

use crate::{verify_request, Verifier, WebhookEvent, WebhookRejection};

/// An extractor that verifies a webhook request and parses its event.
///
/// It needs a [`Verifier`] in the router state (directly, or through
/// [`FromRef`]). A request that fails verification gets `401`, a body over
/// [`Verifier::max_body_bytes`] gets `413` and a body that cannot be parsed
/// gets `400`. The response body is the short error code.
///
/// ```no_run
/// use axum::{routing::post, Router};
/// use extend_webhooks::{VerifiedEvent, Verifier};
///
/// async fn receive(VerifiedEvent(event): VerifiedEvent) -> &'static str {
///     println!("{} {}", event.event_type(), event.event_id());
///     "ok"
/// }
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let verifier = Verifier::new(std::env::var("EXTEND_WEBHOOK_SECRET")?.trim())?;
/// let app: Router = Router::new()
///     .route("/webhooks/extend", post(receive))
///     .with_state(verifier);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct VerifiedEvent(pub WebhookEvent);

impl<S> FromRequest<S> for VerifiedEvent
where
    Verifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        let event = verify_request(&verifier, request).await?;
        Ok(VerifiedEvent(event))
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        self.into_http_response().into_response()
    }
}
