//! Webhook endpoint routes: create (which returns the `signingSecret` once),
//! list, retrieve, update and delete.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use rand::Rng;
use serde_json::{json, Map, Value};
use tracing::info;

use super::extractors::{ApiJson, ApiQuery};
use super::listing::{field_matches, list_page, ListQuery};
use crate::api_error::ApiFailure;
use crate::clock::now_rfc3339;
use crate::ids::new_id;
use crate::state::AppState;
use crate::webhooks::StoredEndpoint;

/// Returns the routes of this module.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/webhook_endpoints",
            post(create_endpoint).get(list_endpoints),
        )
        .route(
            "/webhook_endpoints/{id}",
            get(retrieve_endpoint)
                .post(update_endpoint)
                .delete(delete_endpoint),
        )
}

const ROUTE: &str = "POST /webhook_endpoints";

async fn create_endpoint(
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, ApiFailure> {
    let url = required_string(&body, "url", ROUTE)?;
    check_url(&url)?;
    let name = required_string(&body, "name", ROUTE)?;
    let api_version = required_string(&body, "apiVersion", ROUTE)?;
    let enabled_events = events(body.get("enabledEvents"), ROUTE)?
        .ok_or_else(|| ApiFailure::invalid_request(format!("missing `enabledEvents` in the body of {ROUTE}; send an array of event types, which may be empty")))?;
    let status = status(body.get("status"), ROUTE)?.unwrap_or_else(|| "enabled".to_owned());

    let mut endpoint = json!({
        "object": "webhook_endpoint",
        "id": new_id("wh"),
        "url": url,
        "name": name,
        "status": status,
        "enabledEvents": enabled_events,
        "apiVersion": api_version,
        "createdAt": now_rfc3339(),
    });
    if let Some(options) = body
        .get("advancedOptions")
        .filter(|options| !options.is_null())
    {
        endpoint["advancedOptions"] = options.clone();
    }
    let signing_secret = new_signing_secret();
    let endpoint_id = endpoint["id"].as_str().unwrap_or_default().to_owned();
    state.webhook_endpoints.insert(
        endpoint_id.clone(),
        StoredEndpoint {
            endpoint: endpoint.clone(),
            signing_secret: signing_secret.clone(),
        },
    );
    info!(%endpoint_id, "webhook endpoint created");

    endpoint["signingSecret"] = json!(signing_secret);
    Ok(Json(endpoint))
}

/// A new signing secret: `wss_` and 32 random base-62 characters.
fn new_signing_secret() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut random = rand::rng();
    let characters: String = (0..32)
        .map(|_| char::from(ALPHABET[random.random_range(0..ALPHABET.len())]))
        .collect();
    format!("wss_{characters}")
}

async fn list_endpoints(
    State(state): State<Arc<AppState>>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<Value>, ApiFailure> {
    let filter =
        |stored: &StoredEndpoint| field_matches(&stored.endpoint, "/status", query.status.as_ref());
    let list = list_page(&state.webhook_endpoints, &query, filter, |stored| {
        stored.endpoint.clone()
    })?;
    Ok(Json(list))
}

async fn retrieve_endpoint(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    let stored = state
        .webhook_endpoints
        .get(&id)
        .ok_or_else(|| ApiFailure::not_found("webhook endpoint", &id))?;
    Ok(Json(stored.endpoint))
}

async fn update_endpoint(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, ApiFailure> {
    let route = "POST /webhook_endpoints/{id}";
    if body.contains_key("apiVersion") {
        return Err(ApiFailure::invalid_request(
            "`apiVersion` of a webhook endpoint cannot change; create a new endpoint for another version",
        ));
    }
    let mut changes = Map::new();
    for key in ["url", "name"] {
        if let Some(value) = body.get(key).filter(|value| !value.is_null()) {
            let Some(text) = value.as_str().filter(|text| !text.is_empty()) else {
                return Err(ApiFailure::invalid_request(format!(
                    "invalid `{key}` in {route}: expected a non-empty string"
                )));
            };
            if key == "url" {
                check_url(text)?;
            }
            changes.insert(key.to_owned(), json!(text));
        }
    }
    if let Some(status) = status(body.get("status"), route)? {
        changes.insert("status".to_owned(), json!(status));
    }
    if let Some(events) = events(body.get("enabledEvents"), route)? {
        changes.insert("enabledEvents".to_owned(), json!(events));
    }
    if let Some(options) = body
        .get("advancedOptions")
        .filter(|options| !options.is_null())
    {
        changes.insert("advancedOptions".to_owned(), options.clone());
    }

    let stored = state
        .webhook_endpoints
        .update(&id, |stored| {
            if let Value::Object(fields) = &mut stored.endpoint {
                fields.extend(changes);
            }
        })
        .ok_or_else(|| ApiFailure::not_found("webhook endpoint", &id))?;
    Ok(Json(stored.endpoint))
}

async fn delete_endpoint(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    state
        .webhook_endpoints
        .remove(&id)
        .ok_or_else(|| ApiFailure::not_found("webhook endpoint", &id))?;
    let subscriptions = state.webhook_subscriptions.matching(|subscription| {
        subscription
            .get("webhookEndpointId")
            .and_then(Value::as_str)
            == Some(id.as_str())
    });
    for subscription in subscriptions {
        if let Some(subscription_id) = subscription.get("id").and_then(Value::as_str) {
            state.webhook_subscriptions.remove(subscription_id);
        }
    }
    info!(endpoint_id = %id, "webhook endpoint deleted");
    Ok(Json(json!({ "id": id })))
}

/// Reads a required non-empty string field.
pub(super) fn required_string(
    body: &Map<String, Value>,
    key: &str,
    route: &str,
) -> Result<String, ApiFailure> {
    body.get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiFailure::invalid_request(format!(
                "missing `{key}` in the body of {route}; send a non-empty string"
            ))
        })
}

/// Reads an `enabledEvents` array of strings, when present.
pub(super) fn events(
    value: Option<&Value>,
    route: &str,
) -> Result<Option<Vec<String>>, ApiFailure> {
    let Some(value) = value.filter(|value| !value.is_null()) else {
        return Ok(None);
    };
    let invalid = || {
        ApiFailure::invalid_request(format!(
            "invalid `enabledEvents` in {route}: expected an array of event type strings"
        ))
    };
    let items = value.as_array().ok_or_else(invalid)?;
    items
        .iter()
        .map(|item| item.as_str().map(str::to_owned).ok_or_else(invalid))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn status(value: Option<&Value>, route: &str) -> Result<Option<String>, ApiFailure> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(value) => match value.as_str() {
            Some(status @ ("enabled" | "disabled")) => Ok(Some(status.to_owned())),
            _ => Err(ApiFailure::invalid_request(format!(
                "invalid `status` {value} in {route}: expected \"enabled\" or \"disabled\""
            ))),
        },
    }
}

fn check_url(url: &str) -> Result<(), ApiFailure> {
    if url.starts_with("http://") || url.starts_with("https://") {
        return Ok(());
    }
    Err(ApiFailure::invalid_request(format!(
        "invalid webhook `url` {url:?}: expected an http:// or https:// URL"
    )))
}
