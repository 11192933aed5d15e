//! `GET /batch_runs/{id}`: batches of extract, classify, split and parse
//! runs. Workflow batch ids (`batch_...`) are not served here, as in the API.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::api_error::ApiFailure;
use crate::state::AppState;

/// Returns the routes of this module.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/batch_runs/{id}", get(retrieve_batch_run))
}

async fn retrieve_batch_run(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    let batch = state
        .batches
        .get(&id)
        .ok_or_else(|| ApiFailure::not_found("batch run", &id))?;
    Ok(Json(batch))
}
