//! One webhook delivery: the envelope, the signed-URL variant, the
//! signature, and retries with backoff while the receiver fails.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use extend_webhooks::Signer;
use serde_json::{json, Value};
use tracing::{debug, info, warn, Instrument};

use super::{Event, StoredEndpoint};
use crate::ids::new_id;
use crate::processing::schedule::scaled;
use crate::state::AppState;

/// Waits before each retry of a failed delivery at speed 1.0: five retries
/// over about 7 minutes. The real service's schedule is not documented in
/// the sources this emulator follows, so these values are a choice.
pub(crate) const DEFAULT_RETRY_DELAYS: [Duration; 5] = [
    Duration::from_secs(1),
    Duration::from_secs(5),
    Duration::from_secs(30),
    Duration::from_secs(60),
    Duration::from_secs(300),
];

/// Time limit of one delivery attempt.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// The HTTP client for deliveries: reqwest on rustls, no proxy, so test
/// receivers on 127.0.0.1 are reached directly.
pub(super) fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(ATTEMPT_TIMEOUT)
        .no_proxy()
        .build()
        .unwrap_or_else(|error| {
            warn!(%error, "failed to build the webhook HTTP client; using the default client");
            reqwest::Client::new()
        })
}

/// Spawns the delivery of `event` to `target`.
pub(super) fn spawn_delivery(
    state: Arc<AppState>,
    client: reqwest::Client,
    target: StoredEndpoint,
    event: Event,
) {
    let endpoint_id = target
        .endpoint
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let event_id = new_id("evt");
    let span = tracing::info_span!("webhook_delivery", %endpoint_id, %event_id, event_type = %event.event_type);
    let shutdown = state.shutdown.clone();
    let task = async move {
        tokio::select! {
            () = shutdown.cancelled() => debug!("emulator stopped before the delivery finished"),
            () = deliver(&state, &client, &target, &event, &event_id) => {}
        }
    };
    tokio::spawn(task.instrument(span));
}

async fn deliver(
    state: &AppState,
    client: &reqwest::Client,
    target: &StoredEndpoint,
    event: &Event,
    event_id: &str,
) {
    let url = target
        .endpoint
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let payload = delivered_payload(state, target, &event.payload);
    let envelope =
        json!({ "eventId": event_id, "eventType": event.event_type, "payload": payload });
    // Serializing a JSON value cannot fail.
    let body = Bytes::from(serde_json::to_vec(&envelope).unwrap_or_default());
    let signer = match Signer::new(target.signing_secret.clone()) {
        Ok(signer) => signer,
        Err(error) => {
            warn!(%error, "webhook not delivered: the endpoint's signing secret is invalid");
            return;
        }
    };

    let delays = &state.config.webhook_retry_delays;
    for attempt in 0..=delays.len() {
        let signed = signer.sign_now(&body);
        let mut request = client
            .post(url)
            .header("content-type", "application/json")
            .body(body.clone());
        for (name, value) in signed.pairs() {
            request = request.header(name, value);
        }
        for (name, value) in extra_headers(&target.endpoint) {
            request = request.header(name, value);
        }

        match request.send().await {
            Ok(response) if response.status().is_success() => {
                info!(
                    attempt,
                    status = response.status().as_u16(),
                    "webhook delivered"
                );
                return;
            }
            Ok(response) => warn!(
                attempt,
                status = response.status().as_u16(),
                "webhook receiver returned an error status"
            ),
            Err(error) => warn!(attempt, %error, "webhook delivery failed"),
        }

        let Some(delay) = delays.get(attempt) else {
            break;
        };
        let delay = scaled(*delay, state.config.speed);
        debug!(?delay, "retrying the webhook delivery");
        tokio::time::sleep(delay).await;
    }
    warn!(attempts = delays.len() + 1, "webhook delivery gave up");
}

/// The `payload` to send: the payload itself, or a `signed_data_url` link
/// to it when the endpoint asks for URL payloads and this one is larger
/// than `urlThresholdBytes` (every payload when the threshold is absent).
fn delivered_payload(state: &AppState, target: &StoredEndpoint, payload: &Value) -> Value {
    let options = target.endpoint.pointer("/advancedOptions/payload");
    let wants_url = options
        .and_then(|options| options.get("format"))
        .and_then(Value::as_str)
        == Some("url");
    if !wants_url {
        return payload.clone();
    }
    let bytes = serde_json::to_vec(payload).unwrap_or_default();
    let threshold = options
        .and_then(|options| options.get("urlThresholdBytes"))
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    // Payload sizes are far below 2^53, so the comparison in f64 is exact.
    #[allow(clippy::cast_precision_loss)]
    if (bytes.len() as f64) <= threshold {
        return payload.clone();
    }

    let token = new_id("sig");
    state
        .signed_payloads
        .insert(token.clone(), Bytes::from(bytes));
    json!({
        "object": "signed_data_url",
        "data": format!("{}/signed/{token}", state.base_url),
        "id": payload.get("id").cloned().unwrap_or(Value::Null),
        "metadata": payload.get("metadata").cloned().unwrap_or(Value::Null),
    })
}

/// `advancedOptions.headers`: static headers added to each delivery.
fn extra_headers(endpoint: &Value) -> Vec<(String, String)> {
    endpoint
        .pointer("/advancedOptions/headers")
        .and_then(Value::as_object)
        .map(|headers| {
            headers
                .iter()
                .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}
