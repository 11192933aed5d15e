//! Parse run routes: `POST /parse_runs`, `GET /parse_runs/{id}`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::Value;
use tracing::info;

use super::extractors::ApiJson;
use super::input::{check_metadata, resolve_file, TextInput};
use crate::api_error::ApiFailure;
use crate::objects::{object_id, parse_run_object};
use crate::processing::parse::ParseLifecycle;
use crate::processing::spawn_run;
use crate::state::AppState;

/// Returns the routes of this module.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/parse_runs", post(create_parse_run))
        .route("/parse_runs/{id}", get(retrieve_parse_run))
}

/// Body of `POST /parse_runs`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateParseRun {
    #[serde(default)]
    file: Option<Value>,
    #[serde(default)]
    config: Option<Value>,
    #[serde(default)]
    metadata: Option<Value>,
}

async fn create_parse_run(
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<CreateParseRun>,
) -> Result<Json<Value>, ApiFailure> {
    let route = "POST /parse_runs";
    let config = match body.config {
        None | Some(Value::Null) => Value::Object(Default::default()),
        Some(config @ Value::Object(_)) => config,
        Some(_) => {
            return Err(ApiFailure::invalid_request(
                "invalid `config` in the body of POST /parse_runs: expected an object",
            ))
        }
    };
    let metadata = check_metadata(body.metadata, route)?;
    let resolved = resolve_file(&state, body.file, TextInput::Rejected, route)?;

    let run = parse_run_object(&resolved.file, config, metadata);
    let run_id = object_id(&run);
    state.parse_runs.insert(run_id.clone(), run.clone());
    info!(%run_id, "parse run created");

    let lifecycle = ParseLifecycle { run_id };
    spawn_run(Arc::clone(&state), lifecycle, resolved.input);
    Ok(Json(run))
}

async fn retrieve_parse_run(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    // NOTE: `responseType=url` is not emulated; the output is always inline.
    let run = state
        .parse_runs
        .get(&id)
        .ok_or_else(|| ApiFailure::not_found("parse run", &id))?;
    Ok(Json(run))
}
