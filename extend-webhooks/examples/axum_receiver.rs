//! A webhook receiver on axum that verifies, drops duplicates and
//! acknowledges at once, leaving the work to a background task.
//!
//! ```text
//! EXTEND_WEBHOOK_SECRET=wss_... cargo run -p extend-webhooks --features axum --example axum_receiver
//! ```
//!
//! It listens on 127.0.0.1:3000 (set `PORT` to change the port). Put a
//! tunnel or a reverse proxy in front of it to receive deliveries from
//! Extend, and register `https://<your host>/webhooks/extend` as the endpoint.

use std::sync::Arc;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use extend_webhooks::{
    Delivery, DuplicateGuard, PayloadError, VerifiedEvent, Verifier, WebhookEvent,
};
use tokio::sync::mpsc;

/// Maximum number of events waiting for the worker. When the queue is full
/// the receiver responds with 503, and Extend delivers the event again later.
const QUEUE_CAPACITY: usize = 1024;

#[derive(Clone)]
struct AppState {
    verifier: Verifier,
    guard: Arc<DuplicateGuard>,
    queue: mpsc::Sender<WebhookEvent>,
}

impl FromRef<AppState> for Verifier {
    fn from_ref(state: &AppState) -> Verifier {
        state.verifier.clone()
    }
}

/// Acknowledges a verified event as soon as it is queued.
async fn receive(State(state): State<AppState>, VerifiedEvent(event): VerifiedEvent) -> StatusCode {
    match state.guard.check(&event).await {
        Ok(Delivery::First) => {}
        Ok(Delivery::Duplicate) => return StatusCode::OK,
        Err(error) => {
            tracing::warn!(event_id = event.event_id(), %error, "event id store failed; responding with 503 so Extend retries");
            return StatusCode::SERVICE_UNAVAILABLE;
        }
    }

    let event_id = event.event_id().to_owned();
    if let Err(error) = state.queue.try_send(event) {
        tracing::warn!(%event_id, %error, "queue full; responding with 503 so Extend retries");
        // Forget the id so that Extend's next delivery is processed.
        if let Err(error) = state.guard.release(&event_id).await {
            tracing::warn!(%event_id, %error, "event id store failed");
        }
        return StatusCode::SERVICE_UNAVAILABLE;
    }

    StatusCode::OK
}

/// Takes events off the queue, away from the HTTP response.
async fn process(mut queue: mpsc::Receiver<WebhookEvent>, guard: Arc<DuplicateGuard>) {
    while let Some(event) = queue.recv().await {
        let Err(error) = handle(&event).await else {
            continue;
        };
        tracing::warn!(event_id = event.event_id(), %error, "processing failed");

        // The delivery was already acknowledged, so Extend will not retry it.
        // Forgetting the id lets a manual redelivery from the dashboard through.
        if let Err(error) = guard.release(event.event_id()).await {
            tracing::warn!(event_id = event.event_id(), %error, "event id store failed");
        }
    }
}

/// Does the application's work for one event, which here is only logging.
/// The payload is decoded in this worker, not in the HTTP handler.
async fn handle(event: &WebhookEvent) -> Result<(), PayloadError> {
    match event {
        WebhookEvent::ExtractRunProcessed { payload, .. } => {
            let run = payload.decode()?;
            tracing::info!(run_id = %run.id, output = ?run.output, "extract run processed");
        }
        WebhookEvent::WorkflowRunCompleted { payload, .. } => {
            let run = payload.decode()?;
            tracing::info!(run_id = %run.id, "workflow run completed");
        }
        WebhookEvent::ParseRunProcessed { payload, .. } => {
            let status = payload.decode()?;
            tracing::info!(run_id = %status.id, "parse run processed; retrieve it for the output");
        }
        other => {
            tracing::info!(
                event_type = other.event_type(),
                event_id = other.event_id(),
                "event received"
            );
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();

    // Environment files often end the secret with a newline, so trim it here;
    // the library itself rejects surrounding whitespace.
    let secret = std::env::var("EXTEND_WEBHOOK_SECRET")
        .map_err(|_| "set EXTEND_WEBHOOK_SECRET to the endpoint's signing secret (wss_...)")?;
    let verifier = Verifier::new(secret.trim())?;

    let guard = Arc::new(DuplicateGuard::in_memory(100_000));
    let (sender, receiver) = mpsc::channel(QUEUE_CAPACITY);
    tokio::spawn(process(receiver, guard.clone()));

    let state = AppState {
        verifier,
        guard,
        queue: sender,
    };
    let app = Router::new()
        .route("/webhooks/extend", post(receive))
        .with_state(state);

    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    tracing::info!(
        "listening on http://{}/webhooks/extend",
        listener.local_addr()?
    );
    axum::serve(listener, app).await?;
    Ok(())
}
