//! The background life of a run: `PENDING`, then `PROCESSING`, then a
//! terminal status, each move made by a task spawned on the tokio runtime.
//!
//! A run type plugs in through [`RunLifecycle`], which defines how to mark its
//! run processing and how to store its output or failure. The driver here owns
//! the timing and the document reading, so every run type shares them.

pub(crate) mod extract;
pub(crate) mod parse;
pub(crate) mod schedule;

use std::sync::Arc;
use std::time::Duration;

use tokio::time::{sleep, sleep_until, Instant};
use tracing::{debug, warn, Instrument};

use crate::document::{read_document, text_document, Document, ReadError};
use crate::state::{AppState, StoredFile};

/// The input of a run.
#[derive(Debug, Clone)]
pub(crate) enum RunInput {
    /// An uploaded file.
    File(StoredFile),
    /// Raw text given in the request (`{"text": ...}`).
    Text(String),
}

/// The result of processing a run.
#[derive(Debug)]
pub(crate) struct Completion {
    /// The document text, or why it could not be read.
    pub(crate) document: Result<Document, ReadError>,
    /// Time spent in `PROCESSING`.
    pub(crate) processing_time: Duration,
}

/// The parts of a run's life that depend on its type.
pub(crate) trait RunLifecycle: Send + Sync + 'static {
    /// Run type name, for logs (`parse_run`, `extract_run`).
    const KIND: &'static str;

    /// Returns the run id.
    fn id(&self) -> &str;

    /// Sets the stored run to `PROCESSING`.
    fn mark_processing(&self, state: &AppState);

    /// Stores the output, or the failure, and the terminal status.
    fn finish(&self, state: &AppState, completion: Completion);
}

/// Spawns the task that moves a run to its terminal status.
///
/// The task ends early, leaving the run as it is, when the emulator stops.
pub(crate) fn spawn_run<L: RunLifecycle>(state: Arc<AppState>, lifecycle: L, input: RunInput) {
    let span = tracing::info_span!("run", kind = L::KIND, run_id = lifecycle.id());
    let shutdown = state.shutdown.clone();
    let task = async move {
        tokio::select! {
            () = shutdown.cancelled() => debug!("emulator stopped before the run finished"),
            () = drive_run(&state, &lifecycle, input) => {}
        }
    };
    tokio::spawn(task.instrument(span));
}

async fn drive_run<L: RunLifecycle>(state: &AppState, lifecycle: &L, input: RunInput) {
    let speed = state.config.speed;

    sleep(schedule::pending_time(speed)).await;
    lifecycle.mark_processing(state);
    debug!("run is processing");
    let processing_started = Instant::now();

    let document = read_input(state, input).await;
    if let Err(error) = &document {
        warn!(%error, "run failed: the document cannot be read");
        lifecycle.finish(
            state,
            Completion {
                document,
                processing_time: processing_started.elapsed(),
            },
        );
        return;
    }

    let pages = document.as_ref().map_or(0, |document| document.pages.len());
    sleep_until(processing_started + schedule::processing_time(pages, speed)).await;
    lifecycle.finish(
        state,
        Completion {
            document,
            processing_time: processing_started.elapsed(),
        },
    );
    debug!(pages, "run processed");
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
    use tokio_util::sync::CancellationToken;

    use super::parse::ParseLifecycle;
    use super::schedule::{PAGE_TIME, PENDING_TIME};
    use super::*;
    use crate::config::Config;
    use crate::objects::{object_id, parse_run_object};

    const TICK: Duration = Duration::from_millis(1);

    fn state(speed: f64) -> Arc<AppState> {
        let config = Config {
            speed,
            api_key: None,
        };
        Arc::new(AppState::new(config, CancellationToken::new()))
    }

    fn start_parse_run(state: &Arc<AppState>, text: &str) -> String {
        let run = parse_run_object(&json!({"id": "file_test"}), json!({}), None);
        let run_id = object_id(&run);
        state.parse_runs.insert(run_id.clone(), run);
        let lifecycle = ParseLifecycle {
            run_id: run_id.clone(),
        };
        spawn_run(
            Arc::clone(state),
            lifecycle,
            RunInput::Text(text.to_owned()),
        );
        run_id
    }

    fn run(state: &AppState, run_id: &str) -> Value {
        state.parse_runs.get(run_id).expect("the run is stored")
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
}
