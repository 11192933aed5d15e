use serde::{Deserialize, Serialize};

use crate::{SubscriptionResourceType, WebhookAdvancedOptions, WebhookEndpointStatus};

/// Body of `POST /webhook_endpoints`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpointCreate {
    /// The URL that events are delivered to.
    pub url: String,
    /// Display name.
    pub name: String,
    /// Event types to deliver; may be empty.
    pub enabled_events: Vec<String>,
    /// API version of the payloads, such as `2026-02-09`. It cannot change
    /// later and the server has no default.
    pub api_version: String,
    /// Initial status; the server's default is `enabled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WebhookEndpointStatus>,
    /// Extra headers and payload format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<WebhookAdvancedOptions>,
}

/// Body of `POST /webhook_endpoints/{id}`: only the fields set change.
/// The API version cannot change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpointUpdate {
    /// New delivery URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WebhookEndpointStatus>,
    /// New event types, replacing the old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_events: Option<Vec<String>>,
    /// New delivery options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<WebhookAdvancedOptions>,
}

/// Body of `POST /webhook_subscriptions`. A second subscription for the same
/// endpoint and resource updates the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSubscriptionCreate {
    /// The endpoint events are sent to.
    pub webhook_endpoint_id: String,
    /// The kind of resource to watch.
    pub resource_type: SubscriptionResourceType,
    /// Id of the resource to watch.
    pub resource_id: String,
    /// Event types to deliver.
    pub enabled_events: Vec<String>,
}

/// Body of `POST /webhook_subscriptions/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSubscriptionUpdate {
    /// New event types, replacing the old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_events: Option<Vec<String>>,
}
