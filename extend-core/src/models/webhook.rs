//! Webhook endpoints and subscriptions.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::open_enum;

open_enum! {
    /// Whether a webhook endpoint receives deliveries.
    pub enum WebhookEndpointStatus {
        /// Deliveries are sent.
        Enabled = "enabled",
        /// Deliveries are paused.
        Disabled = "disabled",
    }
}

open_enum! {
    /// The delivery form of event payloads.
    pub enum PayloadFormat {
        /// The payload inline in the event body.
        Json = "json",
        /// Large payloads as a signed link to fetch.
        Url = "url",
    }
}

open_enum! {
    /// The kind of resource a webhook subscription watches.
    pub enum SubscriptionResourceType {
        /// An extractor.
        Extractor = "extractor",
        /// A classifier.
        Classifier = "classifier",
        /// A splitter.
        Splitter = "splitter",
        /// A workflow.
        Workflow = "workflow",
    }
}

/// A webhook endpoint (`object: "webhook_endpoint"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpoint {
    /// Always `webhook_endpoint`.
    #[serde(default)]
    pub object: String,
    /// Endpoint id.
    pub id: String,
    /// The URL that events are delivered to.
    pub url: String,
    /// Display name.
    pub name: String,
    /// Whether deliveries are sent.
    pub status: WebhookEndpointStatus,
    /// The event types delivered, such as `extract_run.processed`.
    #[serde(default)]
    pub enabled_events: Vec<String>,
    /// API version of the payloads, fixed at creation.
    pub api_version: String,
    /// Extra headers and payload format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<WebhookAdvancedOptions>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// The creator of the endpoint, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<serde_json::Value>,
}

/// The response of `POST /webhook_endpoints`: the endpoint and its signing
/// secret, which the API shows only this once.
///
/// `Debug` hides the secret.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpointCreated {
    /// The new endpoint.
    #[serde(flatten)]
    pub endpoint: WebhookEndpoint,
    /// The secret that signs deliveries (`wss_...`). Store it now.
    pub signing_secret: String,
}

impl fmt::Debug for WebhookEndpointCreated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookEndpointCreated")
            .field("endpoint", &self.endpoint)
            .field("signing_secret", &"[REDACTED]")
            .finish()
    }
}

/// Extra delivery options of a webhook endpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookAdvancedOptions {
    /// Static headers added to every delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// The delivery form of payloads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<PayloadOptions>,
}

/// The delivery form of payloads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayloadOptions {
    /// Inline JSON or a signed link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<PayloadFormat>,
    /// Payload size in bytes above which a link is sent, for the `url` format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_threshold_bytes: Option<f64>,
}

/// A webhook subscription (`object: "webhook_subscription"`): the events of
/// one processor or workflow sent to one endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSubscription {
    /// Always `webhook_subscription`.
    #[serde(default)]
    pub object: String,
    /// Subscription id.
    pub id: String,
    /// The endpoint events are sent to.
    pub webhook_endpoint_id: String,
    /// The kind of resource watched.
    pub resource_type: SubscriptionResourceType,
    /// Id of the resource watched.
    pub resource_id: String,
    /// The event types delivered.
    #[serde(default)]
    pub enabled_events: Vec<String>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}
