//! The background life of a run: `PENDING`, then `PROCESSING`, then a
//! terminal status, each move made by a task spawned on the tokio runtime.
//!
//! What a run produces depends on its type ([`Work`]); the driver here owns
//! the timing, the document reading, cancellation and what happens after a
//! run ends (synchronous waiters, webhook events, batch status), so every
//! run type shares them.

pub(crate) mod batch;
pub(crate) mod classify;
pub(crate) mod extract;
pub(crate) mod forms;
pub(crate) mod parse;
pub(crate) mod schedule;
pub(crate) mod split;
pub(crate) mod workflow;

use std::sync::Arc;
use std::time::Duration;

use extend_core::RunStatus;
use serde_json::{json, Map, Value};
use tokio::time::{sleep, sleep_until, Instant};
use tracing::{debug, warn, Instrument};

use crate::clock::now_rfc3339;
use crate::document::{read_document, text_document, Document, ReadError};
use crate::kinds::RunKind;
use crate::objects::{set_field, set_status, status_of};
use crate::state::{AppState, StoredFile};

/// The input of a run.
#[derive(Debug, Clone)]
pub(crate) enum RunInput {
    /// An uploaded file.
    File(StoredFile),
    /// Raw text given in the request (`{"text": ...}`).
    Text(String),
}

/// What a run of each type computes from its document.
#[derive(Debug, Clone)]
pub(crate) enum Work {
    /// One chunk per page.
    Parse,
    /// The extraction rule over the schema's `properties`, or over every
    /// labelled line when the request named a saved extractor.
    Extract(Option<Map<String, Value>>),
    /// The classification rule over the request's classifications.
    Classify(Vec<Value>),
    /// The split rule over the request's split classifications.
    Split(Vec<Value>),
    /// A copy of the file as the edited file.
    Edit,
    /// A schema of the document's labelled lines.
    FormDetection,
    /// Parse, then extract, then the requested outcome.
    Workflow(workflow::Outcome),
}

/// The terminal status of a run and the fields to set with it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finish {
    /// The terminal status.
    pub(crate) status: RunStatus,
    /// Fields to set on the run, such as `output`.
    pub(crate) fields: Map<String, Value>,
}

impl Finish {
    /// A `FAILED` finish with `failureReason` and `failureMessage`.
    pub(crate) fn failed(reason: &str, message: String) -> Finish {
        let mut fields = Map::new();
        fields.insert("failureReason".to_owned(), json!(reason));
        fields.insert("failureMessage".to_owned(), json!(message));
        Finish {
            status: RunStatus::Failed,
            fields,
        }
    }
}

/// The result of processing a run.
#[derive(Debug)]
pub(crate) struct Completion {
    /// The document text, or why it could not be read.
    pub(crate) document: Result<Document, ReadError>,
    /// Time spent in `PROCESSING`.
    pub(crate) processing_time: Duration,
}

/// A run to move through its statuses.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// The run type.
    pub(crate) kind: RunKind,
    /// The run id.
    pub(crate) run_id: String,
    /// What the run computes.
    pub(crate) work: Work,
}

/// Spawns the task that moves a run to its terminal status.
///
/// The task ends early, leaving the run as it is, when the emulator stops,
/// and it stores nothing once the run was cancelled or deleted.
pub(crate) fn spawn_run(state: Arc<AppState>, job: Job, input: RunInput) {
    let span = tracing::info_span!("run", kind = job.kind.object(), run_id = %job.run_id);
    let shutdown = state.shutdown.clone();
    let task = async move {
        tokio::select! {
            () = shutdown.cancelled() => debug!("emulator stopped before the run finished"),
            () = drive_run(&state, &job, input) => {}
        }
    };
    tokio::spawn(task.instrument(span));
}

async fn drive_run(state: &Arc<AppState>, job: &Job, input: RunInput) {
    let speed = state.config.speed;

    sleep(schedule::pending_time(speed)).await;
    if !mark_processing(state, job) {
        debug!("run was cancelled or deleted while pending");
        return;
    }
    debug!("run is processing");
    let processing_started = Instant::now();

    let document = read_input(state, input).await;
    match &document {
        Ok(document) => {
            let steps = if job.kind == RunKind::Workflow { 2 } else { 1 };
            let time = schedule::processing_time(document.pages.len(), speed) * steps;
            sleep_until(processing_started + time).await;
        }
        Err(error) => warn!(%error, "run failed: the document cannot be read"),
    }

    let completion = Completion {
        document,
        processing_time: processing_started.elapsed(),
    };
    let finish = compute_finish(state, job, &completion);
    store_finish(state, job, finish);
}

/// Sets a `PENDING` run to `PROCESSING`; returns false when the run is gone
/// or no longer pending (cancelled).
fn mark_processing(state: &AppState, job: &Job) -> bool {
    let mut moved = false;
    let updated = state.runs(job.kind).update(&job.run_id, |run| {
        if status_of(run) != Some(RunStatus::Pending) {
            return;
        }
        set_status(run, &RunStatus::Processing);
        if job.kind == RunKind::Workflow {
            set_field(run, "startTime", json!(now_rfc3339()));
        }
        moved = true;
    });
    if moved {
        if let Some(batch_id) = updated.as_ref().and_then(batch_id_of) {
            batch::refresh(state, &batch_id);
        }
    }
    moved
}

fn compute_finish(state: &Arc<AppState>, job: &Job, completion: &Completion) -> Finish {
    let document = match &completion.document {
        Ok(document) => document,
        Err(error) => return failure_for(job.kind, error),
    };
    let Some(run) = state.runs(job.kind).get(&job.run_id) else {
        return Finish::failed("INTERNAL_ERROR", "the run was deleted".to_owned());
    };
    match &job.work {
        Work::Parse => parse::finish(document, completion.processing_time),
        Work::Extract(properties) => extract::finish(properties.as_ref(), document),
        Work::Classify(classifications) => classify::finish(classifications, document),
        Work::Split(classifications) => split::finish(classifications, document, &run),
        Work::Edit => forms::finish_edit(state, &run, document, completion.processing_time),
        Work::FormDetection => forms::finish_detection(document, completion.processing_time),
        Work::Workflow(outcome) => workflow::finish(&run, document, *outcome),
    }
}

/// The failure a run of `kind` reports for an unreadable document.
fn failure_for(kind: RunKind, error: &ReadError) -> Finish {
    let reason = match kind {
        RunKind::Extract | RunKind::Classify | RunKind::Split | RunKind::Workflow => {
            extract::failure_reason(error).as_str().to_owned()
        }
        RunKind::Parse | RunKind::Edit | RunKind::FormDetection => {
            error.failure_reason().as_str().to_owned()
        }
    };
    Finish::failed(&reason, error.to_string())
}

/// Stores the finish unless the run was cancelled or deleted meanwhile,
/// then notifies synchronous waiters, webhooks and the run's batch.
fn store_finish(state: &AppState, job: &Job, finish: Finish) {
    let mut stored = false;
    let run = state.runs(job.kind).update(&job.run_id, |run| {
        if status_of(run) != Some(RunStatus::Processing) {
            return;
        }
        for (key, value) in &finish.fields {
            set_field(run, key, value.clone());
        }
        if job.kind == RunKind::Workflow {
            set_field(run, "endTime", json!(now_rfc3339()));
        }
        set_status(run, &finish.status);
        stored = true;
    });
    let Some(run) = run.filter(|_| stored) else {
        debug!("run was cancelled or deleted while processing; its result is dropped");
        return;
    };
    debug!(status = finish.status.as_str(), "run finished");
    announce_finished(state, job.kind, &run);
}

/// Tells synchronous waiters, webhook endpoints and the run's batch that a
/// run reached a terminal status.
pub(crate) fn announce_finished(state: &AppState, kind: RunKind, run: &Value) {
    let run_id = run.get("id").and_then(Value::as_str).unwrap_or_default();
    // No receiver means no synchronous request waits, which is normal.
    let _ = state.finished.send(run_id.to_owned());

    if let Some((event_type, payload)) = run_event(kind, run) {
        state.emit(event_type, payload);
    }
    if let Some(batch_id) = batch_id_of(run) {
        batch::refresh(state, &batch_id);
    }
}

/// The webhook event for a run that reached a terminal status, if the API
/// defines one for that status.
fn run_event(kind: RunKind, run: &Value) -> Option<(String, Value)> {
    let status = status_of(run)?;
    let suffix = match (kind, &status) {
        (RunKind::Workflow, RunStatus::Processed) => "completed",
        (RunKind::Workflow, RunStatus::NeedsReview) => "needs_review",
        (RunKind::Workflow, RunStatus::Rejected) => "rejected",
        (RunKind::Workflow, RunStatus::Cancelled) => "cancelled",
        (_, RunStatus::Processed) => "processed",
        (_, RunStatus::Failed) => "failed",
        _ => return None,
    };
    let payload = match kind {
        // Parse run events carry a status summary, not the run.
        RunKind::Parse => parse::status_payload(run),
        _ => run.clone(),
    };
    Some((format!("{}.{suffix}", kind.object()), payload))
}

fn batch_id_of(run: &Value) -> Option<String> {
    run.get("batchId")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// Reads the input; PDFs are read on the blocking thread pool.
async fn read_input(state: &AppState, input: RunInput) -> Result<Document, ReadError> {
    let stored = match input {
        RunInput::Text(text) => return Ok(text_document(&text)),
        RunInput::File(stored) => stored,
    };

    // Nothing closes the semaphore, so acquiring cannot fail in practice.
    let Ok(_permit) = state.document_readers.acquire().await else {
        return Err(ReadError::Internal(
            "the document reader pool is closed".to_owned(),
        ));
    };
    let reader = tokio::task::spawn_blocking(move || {
        read_document(
            stored.file_type.as_ref(),
            &stored.bytes,
            stored.password.as_deref(),
        )
    });
    match reader.await {
        Ok(result) => result,
        Err(join_error) => Err(ReadError::Internal(format!(
            "the document reader task stopped: {join_error}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::{json, Value};
    use tokio::time::sleep;

    use super::schedule::{PAGE_TIME, PENDING_TIME};
    use super::*;
    use crate::config::Config;
    use crate::objects::{new_run, object_id};

    const TICK: Duration = Duration::from_millis(1);

    fn state(speed: f64) -> Arc<AppState> {
        Arc::new(AppState::for_tests(Config::for_tests(speed)))
    }

    fn start_parse_run(state: &Arc<AppState>, text: &str) -> String {
        let run = new_run(RunKind::Parse, &json!({"id": "file_test"}), json!({}), None);
        let run_id = object_id(&run);
        state.runs(RunKind::Parse).insert(run_id.clone(), run);
        let job = Job {
            kind: RunKind::Parse,
            run_id: run_id.clone(),
            work: Work::Parse,
        };
        spawn_run(Arc::clone(state), job, RunInput::Text(text.to_owned()));
        run_id
    }

    fn run(state: &AppState, run_id: &str) -> Value {
        state
            .runs(RunKind::Parse)
            .get(run_id)
            .expect("the run is stored")
    }

    #[tokio::test(start_paused = true)]
    async fn run_statuses_follow_schedule() {
        let state = state(1.0);
        let run_id = start_parse_run(&state, "Page: 1\u{c}Page: 2");

        sleep(PENDING_TIME - TICK).await;
        assert_eq!(run(&state, &run_id)["status"], "PENDING");

        sleep(2 * TICK).await;
        assert_eq!(run(&state, &run_id)["status"], "PROCESSING");

        sleep(PAGE_TIME * 2 - 2 * TICK).await;
        assert_eq!(run(&state, &run_id)["status"], "PROCESSING");

        sleep(2 * TICK).await;
        let finished = run(&state, &run_id);
        assert_eq!(finished["status"], "PROCESSED");
        assert_eq!(finished["metrics"]["pageCount"], 2);
        assert_eq!(finished["metrics"]["processingTimeMs"], 1_000);
        assert_eq!(finished["output"]["chunks"][1]["content"], "Page: 2");
    }

    #[tokio::test(start_paused = true)]
    async fn speed_shortens_schedule() {
        let state = state(10.0);
        let run_id = start_parse_run(&state, "one page");

        sleep((PENDING_TIME + PAGE_TIME) / 10 + TICK).await;

        assert_eq!(run(&state, &run_id)["status"], "PROCESSED");
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_stops_run_task() {
        let state = state(1.0);
        let run_id = start_parse_run(&state, "one page");

        sleep(PENDING_TIME + TICK).await;
        state.shutdown.cancel();
        sleep(PAGE_TIME * 4).await;

        assert_eq!(run(&state, &run_id)["status"], "PROCESSING");
    }

    #[tokio::test(start_paused = true)]
    async fn cancelled_run_keeps_cancelled() {
        let state = state(1.0);
        let run_id = start_parse_run(&state, "one page");

        sleep(PENDING_TIME + TICK).await;
        state.runs(RunKind::Parse).update(&run_id, |run| {
            set_status(run, &RunStatus::Cancelled);
        });
        sleep(PAGE_TIME * 2).await;

        let finished = run(&state, &run_id);
        assert_eq!(finished["status"], "CANCELLED");
        assert!(finished.get("output").is_none());
    }
}
