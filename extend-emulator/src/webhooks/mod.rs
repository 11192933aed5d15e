//! Webhook deliveries: events from run tasks go through a channel to one
//! background task, which POSTs a signed envelope to each enabled endpoint
//! that asked for the event, so deliveries never block the API.

mod delivery;

use std::fmt;
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::mpsc;
use tracing::{debug, Instrument};

use crate::state::AppState;

pub(crate) use delivery::DEFAULT_RETRY_DELAYS;

/// One event to deliver: `eventType` and the `payload` object.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    /// Such as `extract_run.processed`.
    pub(crate) event_type: String,
    /// The run or batch the event is about.
    pub(crate) payload: Value,
}

/// A webhook endpoint and its signing secret.
#[derive(Clone)]
pub(crate) struct StoredEndpoint {
    /// The `webhook_endpoint` object the API returns (no secret).
    pub(crate) endpoint: Value,
    /// The `wss_...` signing secret, returned only on create.
    pub(crate) signing_secret: String,
}

impl fmt::Debug for StoredEndpoint {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("StoredEndpoint")
            .field("id", &self.endpoint.get("id"))
            .field("signing_secret", &"<redacted>")
            .finish()
    }
}

/// Spawns the task that reads `events` and starts one delivery task per
/// event and endpoint. It ends when the emulator stops.
pub(crate) fn spawn_dispatcher(state: Arc<AppState>, mut events: mpsc::UnboundedReceiver<Event>) {
    let client = delivery::http_client();
    let shutdown = state.shutdown.clone();
    let task = async move {
        loop {
            let event = tokio::select! {
                () = shutdown.cancelled() => return,
                event = events.recv() => event,
            };
            let Some(event) = event else { return };
            for target in targets(&state, &event) {
                delivery::spawn_delivery(Arc::clone(&state), client.clone(), target, event.clone());
            }
        }
    };
    tokio::spawn(task.instrument(tracing::debug_span!("webhook_dispatcher")));
}

/// The enabled endpoints that receive `event`: those whose `enabledEvents`
/// contains its type, and those with a subscription for the event's
/// processor (`extractor`, `classifier`, `splitter` or `workflow` id).
fn targets(state: &AppState, event: &Event) -> Vec<StoredEndpoint> {
    let resource_id = ["extractor", "classifier", "splitter", "workflow"]
        .iter()
        .find_map(|key| {
            event
                .payload
                .pointer(&format!("/{key}/id"))
                .and_then(Value::as_str)
        });
    let subscribed: Vec<String> = match resource_id {
        Some(resource_id) => state
            .webhook_subscriptions
            .matching(|subscription| {
                subscription.get("resourceId").and_then(Value::as_str) == Some(resource_id)
                    && lists_event(subscription, &event.event_type)
            })
            .iter()
            .filter_map(|subscription| {
                subscription
                    .get("webhookEndpointId")
                    .and_then(Value::as_str)
            })
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    };

    let found = state.webhook_endpoints.matching(|stored| {
        let endpoint = &stored.endpoint;
        let enabled = endpoint.get("status").and_then(Value::as_str) == Some("enabled");
        let id = endpoint
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        enabled
            && (lists_event(endpoint, &event.event_type)
                || subscribed.iter().any(|wanted| wanted == id))
    });
    debug!(event_type = %event.event_type, endpoints = found.len(), "webhook event");
    found
}

fn lists_event(object: &Value, event_type: &str) -> bool {
    object
        .get("enabledEvents")
        .and_then(Value::as_array)
        .is_some_and(|events| events.iter().any(|listed| listed == event_type))
}
