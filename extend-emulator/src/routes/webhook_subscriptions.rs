//! Webhook subscription routes: create (an upsert per endpoint and
//! resource), list, retrieve, update `enabledEvents`, delete.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use tracing::info;

use super::extractors::{ApiJson, ApiQuery};
use super::listing::{field_matches, list_page, ListQuery};
use super::webhook_endpoints::{events, required_string};
use crate::api_error::ApiFailure;
use crate::clock::now_rfc3339;
use crate::ids::new_id;
use crate::state::AppState;

/// Returns the routes of this module.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/webhook_subscriptions",
            post(create_subscription).get(list_subscriptions),
        )
        .route(
            "/webhook_subscriptions/{id}",
            get(retrieve_subscription)
                .post(update_subscription)
                .delete(delete_subscription),
        )
}

async fn create_subscription(
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, ApiFailure> {
    let route = "POST /webhook_subscriptions";
    let endpoint_id = required_string(&body, "webhookEndpointId", route)?;
    let resource_type = required_string(&body, "resourceType", route)?;
    let resource_id = required_string(&body, "resourceId", route)?;
    let enabled_events = events(body.get("enabledEvents"), route)?.ok_or_else(|| {
        ApiFailure::invalid_request(format!(
            "missing `enabledEvents` in the body of {route}; send an array of event types"
        ))
    })?;
    if state.webhook_endpoints.get(&endpoint_id).is_none() {
        return Err(ApiFailure::not_found("webhook endpoint", &endpoint_id));
    }

    let existing = state.webhook_subscriptions.matching(|subscription| {
        subscription
            .get("webhookEndpointId")
            .and_then(Value::as_str)
            == Some(endpoint_id.as_str())
            && subscription.get("resourceId").and_then(Value::as_str) == Some(resource_id.as_str())
    });
    let id = existing
        .first()
        .and_then(|subscription| subscription.get("id").and_then(Value::as_str))
        .map_or_else(|| new_id("whs"), str::to_owned);
    let created_at = existing
        .first()
        .and_then(|subscription| subscription.get("createdAt").cloned())
        .unwrap_or_else(|| json!(now_rfc3339()));

    let subscription = json!({
        "object": "webhook_subscription",
        "id": id,
        "webhookEndpointId": endpoint_id,
        "resourceType": resource_type,
        "resourceId": resource_id,
        "enabledEvents": enabled_events,
        "createdAt": created_at,
    });
    state
        .webhook_subscriptions
        .insert(id.clone(), subscription.clone());
    info!(subscription_id = %id, "webhook subscription stored");
    Ok(Json(subscription))
}

async fn list_subscriptions(
    State(state): State<Arc<AppState>>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<Value>, ApiFailure> {
    let filter = |subscription: &Value| {
        field_matches(
            subscription,
            "/webhookEndpointId",
            query.webhook_endpoint_id.as_ref(),
        ) && field_matches(subscription, "/resourceId", query.resource_id.as_ref())
    };
    let list = list_page(&state.webhook_subscriptions, &query, filter, Clone::clone)?;
    Ok(Json(list))
}

async fn retrieve_subscription(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    let subscription = state
        .webhook_subscriptions
        .get(&id)
        .ok_or_else(|| ApiFailure::not_found("webhook subscription", &id))?;
    Ok(Json(subscription))
}

async fn update_subscription(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, ApiFailure> {
    let route = "POST /webhook_subscriptions/{id}";
    let enabled_events = events(body.get("enabledEvents"), route)?.ok_or_else(|| {
        ApiFailure::invalid_request(format!(
            "missing `enabledEvents` in {route}; it is the only field that can change"
        ))
    })?;
    let subscription = state
        .webhook_subscriptions
        .update(&id, |subscription| {
            subscription["enabledEvents"] = json!(enabled_events)
        })
        .ok_or_else(|| ApiFailure::not_found("webhook subscription", &id))?;
    Ok(Json(subscription))
}

async fn delete_subscription(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    state
        .webhook_subscriptions
        .remove(&id)
        .ok_or_else(|| ApiFailure::not_found("webhook subscription", &id))?;
    Ok(Json(json!({ "id": id })))
}
