//! Extract run routes: `POST /extract_runs`, `GET /extract_runs/{id}`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Map, Value};
use tracing::info;

use super::extractors::ApiJson;
use super::input::{check_metadata, resolve_file, TextInput};
use crate::api_error::ApiFailure;
use crate::objects::{extract_run_object, object_id};
use crate::processing::extract::ExtractLifecycle;
use crate::processing::spawn_run;
use crate::state::AppState;

const ROUTE: &str = "POST /extract_runs";

/// Returns the routes of this module.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/extract_runs", post(create_extract_run))
        .route("/extract_runs/{id}", get(retrieve_extract_run))
}

/// Body of `POST /extract_runs`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateExtractRun {
    #[serde(default)]
    file: Option<Value>,
    #[serde(default)]
    config: Option<Value>,
    #[serde(default)]
    extractor: Option<Value>,
    #[serde(default)]
    package: Option<Value>,
    #[serde(default)]
    priority: Option<Value>,
    #[serde(default)]
    metadata: Option<Value>,
}

async fn create_extract_run(
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<CreateExtractRun>,
) -> Result<Json<Value>, ApiFailure> {
    if body.extractor.is_some() {
        return Err(ApiFailure::invalid_request(
            "the emulator has no saved extractors yet, so `extractor` is not supported; \
             pass the schema inline as `config.schema`",
        ));
    }
    if body.package.is_some() {
        return Err(ApiFailure::invalid_request(
            "the emulator does not support `package` yet; pass one document as `file`",
        ));
    }
    check_priority(body.priority.as_ref())?;
    let config = body.config.unwrap_or(Value::Null);
    let properties = schema_properties(&config)?;
    let metadata = check_metadata(body.metadata, ROUTE)?;
    let resolved = resolve_file(&state, body.file, TextInput::Accepted, ROUTE)?;

    let run = extract_run_object(&resolved.file, config, metadata);
    let run_id = object_id(&run);
    state.extract_runs.insert(run_id.clone(), run.clone());
    info!(%run_id, fields = properties.len(), "extract run created");

    let lifecycle = ExtractLifecycle { run_id, properties };
    spawn_run(Arc::clone(&state), lifecycle, resolved.input);
    Ok(Json(run))
}

/// Returns `config.schema.properties`, the fields to extract.
fn schema_properties(config: &Value) -> Result<Map<String, Value>, ApiFailure> {
    let Some(schema) = config.get("schema") else {
        return Err(ApiFailure::invalid_request(format!(
            "missing `config.schema` in the body of {ROUTE}; the emulator cannot infer a schema, \
             so pass a JSON Schema such as {{\"type\": \"object\", \"properties\": {{...}}}}"
        )));
    };
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Err(ApiFailure::invalid_request(format!(
            "invalid `config.schema` in the body of {ROUTE}: expected an object schema with a \
             `properties` object"
        )));
    };
    if let Some(kind) = schema.get("type") {
        if kind != "object" {
            return Err(ApiFailure::invalid_request(format!(
                "invalid `config.schema.type` {kind} in the body of {ROUTE}: expected \"object\""
            )));
        }
    }
    Ok(properties.clone())
}

/// Checks that `priority`, when present, is an integer from 1 to 100.
fn check_priority(priority: Option<&Value>) -> Result<(), ApiFailure> {
    let Some(priority) = priority else {
        return Ok(());
    };
    match priority.as_u64() {
        Some(1..=100) => Ok(()),
        _ => Err(ApiFailure::invalid_request(format!(
            "invalid `priority` {priority} in the body of {ROUTE}: expected an integer from 1 to 100"
        ))),
    }
}

async fn retrieve_extract_run(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    let run = state
        .extract_runs
        .get(&id)
        .ok_or_else(|| ApiFailure::not_found("extract run", &id))?;
    Ok(Json(run))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_properties_cases() {
        assert!(
            schema_properties(&json!({"schema": {"type": "object", "properties": {"a": {}}}}))
                .is_ok()
        );
        assert!(schema_properties(&json!({"schema": {"properties": {}}})).is_ok());
        assert!(schema_properties(&json!(null)).is_err());
        assert!(
            schema_properties(&json!({"schema": {"type": "array", "properties": {}}})).is_err()
        );
        assert!(schema_properties(&json!({"schema": {"type": "object"}})).is_err());
    }

    #[test]
    fn priority_range() {
        assert!(check_priority(None).is_ok());
        assert!(check_priority(Some(&json!(1))).is_ok());
        assert!(check_priority(Some(&json!(100))).is_ok());
        assert!(check_priority(Some(&json!(0))).is_err());
        assert!(check_priority(Some(&json!(101))).is_err());
        assert!(check_priority(Some(&json!("5"))).is_err());
    }
}
