//! The run routes of every run type: create, synchronous create, batch
//! create, retrieve, list, cancel and delete, registered per type for the
//! routes that type has.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use extend_core::RunStatus;
use serde_json::{json, Map, Value};
use tokio::sync::broadcast::error::RecvError;
use tracing::{debug, info};

use super::extractors::{ApiJson, ApiQuery};
use super::input::{check_metadata, resolve_file};
use super::listing::{field_matches, list_page, text_contains, ListQuery};
use super::run_spec::{run_spec, workflow_outcome, RunSpec};
use crate::api_error::ApiFailure;
use crate::ids::new_id;
use crate::kinds::RunKind;
use crate::objects::{
    batch_run_object, new_run, object_id, run_summary, set_field, set_status, status_of,
};
use crate::processing::schedule::scaled;
use crate::processing::{announce_finished, spawn_run, Job, Work};
use crate::state::AppState;

/// Most inputs one batch request accepts.
const MAX_BATCH_INPUTS: usize = 1000;

/// Time a workflow run stays `CANCELLING` at speed 1.0.
const CANCELLING_TIME: Duration = Duration::from_millis(200);

/// Returns the routes of every run type.
pub(super) fn routes() -> Router<Arc<AppState>> {
    let mut router = Router::new();
    for kind in RunKind::ALL {
        let collection = format!("/{}", kind.collection());
        let item = format!("{collection}/{{id}}");

        let mut collection_route = post(move |state, body| create(kind, state, body));
        if kind.has_list() {
            collection_route = collection_route.get(move |state, query| list(kind, state, query));
        }
        router = router.route(&collection, collection_route);

        let mut item_route = get(move |state, id| retrieve(kind, state, id));
        if kind.has_delete() {
            item_route = item_route.delete(move |state, id| delete(kind, state, id));
        }
        router = router.route(&item, item_route);

        if kind.has_cancel() {
            router = router.route(
                &format!("{item}/cancel"),
                post(move |state, id| cancel(kind, state, id)),
            );
        }
        if kind.has_batch() {
            router = router.route(
                &format!("{collection}/batch"),
                post(move |state, body| create_batch(kind, state, body)),
            );
        }
        if let Some(path) = kind.sync_path() {
            router = router.route(
                path,
                post(move |state, body| create_sync(kind, state, body)),
            );
        }
    }
    router
}

/// Creates one run from a request body and starts it.
fn start_run(
    state: &Arc<AppState>,
    kind: RunKind,
    spec: &RunSpec,
    file: Option<Value>,
    metadata: Option<Value>,
    batch_id: Option<&str>,
    route: &str,
) -> Result<Value, ApiFailure> {
    let metadata = check_metadata(metadata, route)?;
    let mut work = spec.work.clone();
    if let Work::Workflow(_) = work {
        work = Work::Workflow(workflow_outcome(metadata.as_ref(), route)?);
    }
    let resolved = resolve_file(state, file, kind.accepts_text(), route)?;

    let mut run = new_run(kind, &resolved.file, spec.config.clone(), metadata);
    for (key, value) in &spec.processor_fields {
        set_field(&mut run, key, value.clone());
    }
    if let Some(batch_id) = batch_id {
        set_field(&mut run, "batchId", json!(batch_id));
    }
    let run_id = object_id(&run);
    state.runs(kind).insert(run_id.clone(), run.clone());
    info!(%run_id, kind = kind.object(), "run created");

    let job = Job { kind, run_id, work };
    spawn_run(Arc::clone(state), job, resolved.input);
    Ok(run)
}

async fn create(
    kind: RunKind,
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, ApiFailure> {
    let route = format!("POST /{}", kind.collection());
    let spec = run_spec(kind, &body, &route)?;
    let run = start_run(
        &state,
        kind,
        &spec,
        body.get("file").cloned(),
        body.get("metadata").cloned(),
        None,
        &route,
    )?;
    Ok(Json(run))
}

/// `POST /extract` and the other synchronous routes: create the run, then
/// hold the request until it is terminal or the sync timeout passes.
async fn create_sync(
    kind: RunKind,
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, ApiFailure> {
    let route = format!("POST {}", kind.sync_path().unwrap_or_default());
    let spec = run_spec(kind, &body, &route)?;
    let mut finished = state.finished.subscribe();
    let run = start_run(
        &state,
        kind,
        &spec,
        body.get("file").cloned(),
        body.get("metadata").cloned(),
        None,
        &route,
    )?;
    let run_id = object_id(&run);

    let wait = async {
        loop {
            match finished.recv().await {
                Ok(id) if id == run_id => return,
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => {
                    let done = state
                        .runs(kind)
                        .get(&run_id)
                        .and_then(|run| status_of(&run))
                        .is_none_or(|status| status.is_terminal());
                    if done {
                        return;
                    }
                }
                Err(RecvError::Closed) => return,
            }
        }
    };
    if tokio::time::timeout(state.config.sync_timeout, wait)
        .await
        .is_err()
    {
        debug!(%run_id, "synchronous request timed out");
        return Err(ApiFailure::sync_timeout(&route, state.config.sync_timeout));
    }
    let run = state
        .runs(kind)
        .get(&run_id)
        .ok_or_else(|| ApiFailure::not_found(kind.noun(), &run_id))?;
    Ok(Json(run))
}

async fn create_batch(
    kind: RunKind,
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, ApiFailure> {
    let route = format!("POST /{}/batch", kind.collection());
    let processor_key = match kind {
        RunKind::Extract => Some("extractor"),
        RunKind::Classify => Some("classifier"),
        RunKind::Split => Some("splitter"),
        _ => None,
    };
    if let Some(key) = processor_key {
        if body.get(key).is_none_or(Value::is_null) {
            return Err(ApiFailure::invalid_request(format!(
                "missing `{key}` in the body of {route}; batches need a saved processor reference {{\"id\": ...}}, not an inline config"
            )));
        }
    }
    let spec = run_spec(kind, &body, &route)?;
    let inputs = batch_inputs(&body, &route)?;

    let batch_id = if kind == RunKind::Workflow {
        new_id("batch")
    } else {
        let batch = batch_run_object(kind, inputs.len());
        let batch_id = object_id(&batch);
        state.batches.insert(batch_id.clone(), batch);
        batch_id
    };

    // Check every input first, so a bad input creates no run at all.
    for (index, input) in inputs.iter().enumerate() {
        let input_route = format!("{route} (inputs[{index}])");
        check_metadata(input.get("metadata").cloned(), &input_route)?;
        if kind == RunKind::Workflow {
            workflow_outcome(input.get("metadata"), &input_route)?;
        }
        if input.get("file").is_none_or(Value::is_null) {
            return Err(ApiFailure::invalid_request(format!(
                "missing `file` in {input_route}"
            )));
        }
    }
    for (index, input) in inputs.iter().enumerate() {
        let input_route = format!("{route} (inputs[{index}])");
        start_run(
            &state,
            kind,
            &spec,
            input.get("file").cloned(),
            input.get("metadata").cloned(),
            Some(&batch_id),
            &input_route,
        )?;
    }
    info!(%batch_id, runs = inputs.len(), "batch created");

    if kind == RunKind::Workflow {
        return Ok(Json(json!({ "batchId": batch_id })));
    }
    let batch = state
        .batches
        .get(&batch_id)
        .ok_or_else(|| ApiFailure::not_found("batch run", &batch_id))?;
    Ok(Json(batch))
}

fn batch_inputs<'a>(
    body: &'a Map<String, Value>,
    route: &str,
) -> Result<&'a Vec<Value>, ApiFailure> {
    let Some(inputs) = body.get("inputs").and_then(Value::as_array) else {
        return Err(ApiFailure::invalid_request(format!(
            "missing `inputs` in the body of {route}; send [{{\"file\": {{\"id\": \"file_...\"}}}}]"
        )));
    };
    if inputs.is_empty() || inputs.len() > MAX_BATCH_INPUTS {
        return Err(ApiFailure::invalid_request(format!(
            "invalid `inputs` in the body of {route}: {} inputs, expected 1 to {MAX_BATCH_INPUTS}",
            inputs.len()
        )));
    }
    Ok(inputs)
}

async fn retrieve(
    kind: RunKind,
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    let run = state
        .runs(kind)
        .get(&id)
        .ok_or_else(|| ApiFailure::not_found(kind.noun(), &id))?;
    Ok(Json(run))
}

async fn list(
    kind: RunKind,
    State(state): State<Arc<AppState>>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<Value>, ApiFailure> {
    let file_name_pointer = if kind == RunKind::Workflow {
        "/files/0/name"
    } else {
        "/file/name"
    };
    let filter = |run: &Value| {
        field_matches(run, "/status", query.status.as_ref())
            && field_matches(run, "/batchId", query.batch_id.as_ref())
            && field_matches(run, "/extractor/id", query.extractor_id.as_ref())
            && field_matches(run, "/classifier/id", query.classifier_id.as_ref())
            && field_matches(run, "/splitter/id", query.splitter_id.as_ref())
            && field_matches(run, "/workflow/id", query.workflow_id.as_ref())
            && text_contains(run, file_name_pointer, query.file_name_contains.as_ref())
    };
    let list = list_page(state.runs(kind), &query, filter, run_summary)?;
    Ok(Json(list))
}

async fn cancel(
    kind: RunKind,
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    let mut previous = None;
    let run = state
        .runs(kind)
        .update(&id, |run| {
            let status = status_of(run).unwrap_or(RunStatus::Pending);
            if matches!(status, RunStatus::Pending | RunStatus::Processing) {
                let next = if kind == RunKind::Workflow {
                    RunStatus::Cancelling
                } else {
                    RunStatus::Cancelled
                };
                set_status(run, &next);
            }
            previous = Some(status);
        })
        .ok_or_else(|| ApiFailure::not_found(kind.noun(), &id))?;

    let previous = previous.unwrap_or(RunStatus::Pending);
    if !matches!(previous, RunStatus::Pending | RunStatus::Processing) {
        return Err(ApiFailure::invalid_request(format!(
            "cannot cancel {} {id:?}: its status is {}; only PENDING or PROCESSING runs can be cancelled",
            kind.noun(),
            previous.as_str()
        )));
    }
    info!(run_id = %id, kind = kind.object(), "run cancelled");

    if kind == RunKind::Workflow {
        spawn_cancelling(Arc::clone(&state), id);
    } else {
        announce_finished(&state, kind, &run);
    }
    Ok(Json(run))
}

/// Moves a `CANCELLING` workflow run to `CANCELLED` after a short time.
fn spawn_cancelling(state: Arc<AppState>, run_id: String) {
    tokio::spawn(async move {
        tokio::time::sleep(scaled(CANCELLING_TIME, state.config.speed)).await;
        let mut moved = false;
        let run = state.runs(RunKind::Workflow).update(&run_id, |run| {
            if status_of(run) == Some(RunStatus::Cancelling) {
                set_status(run, &RunStatus::Cancelled);
                set_field(run, "endTime", json!(crate::clock::now_rfc3339()));
                moved = true;
            }
        });
        if let Some(run) = run.filter(|_| moved) {
            announce_finished(&state, RunKind::Workflow, &run);
        }
    });
}

async fn delete(
    kind: RunKind,
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    state
        .runs(kind)
        .remove(&id)
        .ok_or_else(|| ApiFailure::not_found(kind.noun(), &id))?;
    info!(run_id = %id, kind = kind.object(), "run deleted");
    Ok(Json(json!({ "id": id })))
}
