//! The client side of the run soak: many `create_and_poll` waits through a
//! faulty emulator, then a reconciliation against the emulator's run list.
//!
//! Each request carries its index in the metadata key `soak_request`, so the
//! run list shows which request every run belongs to. A create that failed
//! may or may not have created its run, because the proxy hides some that
//! did. So after the first pass the soak does what a careful caller does. It
//! lists the runs and resumes the wait of any run it finds. It sends the
//! create again only for requests that have no run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use extend_core::{
    Client, ExtractRun, ExtractRunCreate, ExtractRuns, FileRef, Metadata, ProcessorRunListQuery,
    RunStatus,
};
use extend_http::HttpTransport;
use extend_poll::{Poller, PollingOptions};
use futures::stream::{FuturesUnordered, StreamExt, TryStreamExt};
use tokio::sync::Semaphore;

/// Metadata key that contains the index of the request that created a run.
const REQUEST_KEY: &str = "soak_request";

/// How many reconciliation rounds follow the first pass before the soak
/// reports the remaining requests as lost.
const RECONCILE_ROUNDS: usize = 5;

/// How many times a full listing of the runs is tried before the soak fails.
const LIST_ATTEMPTS: usize = 10;

/// How many failed waits are printed; the rest are only counted.
const PRINTED_ERRORS: usize = 5;

/// The client's view of one request: its run id and final status.
#[derive(Debug, Default, Clone)]
struct Slot {
    run_id: Option<String>,
    status: Option<RunStatus>,
}

/// Counts of the client side, filled as the soak goes.
#[derive(Debug, Default)]
pub(crate) struct ClientCounts {
    /// Waits that returned an error after the create had returned a run.
    pub(crate) waits_failed: usize,
    /// Creates that returned an error, so the client had no run id.
    pub(crate) creates_failed: usize,
    /// Runs found in the list for a request whose create had failed.
    pub(crate) orphans_recovered: usize,
    /// Creates sent again because the list had no run for the request.
    pub(crate) creates_resent: usize,
    /// Waits resumed with `poll` on a known run id.
    pub(crate) waits_resumed: usize,
}

/// The emulator's run list checked against what the client saw.
#[derive(Debug, Default)]
pub(crate) struct Reconciliation {
    /// Runs in the emulator's list.
    pub(crate) listed: usize,
    /// Run ids that appear more than once in the list.
    pub(crate) repeated_ids: usize,
    /// Runs beyond the first for the same request index.
    pub(crate) duplicates: usize,
    /// Runs whose metadata names no request of this soak.
    pub(crate) unknown_runs: usize,
    /// Requests with no terminal status on the client side.
    pub(crate) lost: usize,
    /// Runs still in progress on the emulator.
    pub(crate) in_progress: usize,
    /// Requests whose final status differs from the emulator's.
    pub(crate) status_mismatches: usize,
    /// Terminal statuses seen by the client, by status.
    pub(crate) terminal_by_status: BTreeMap<String, usize>,
}

/// Runs `runs` requests through `create_and_poll` against `base_url`, then
/// reconciles them with the emulator's run list.
pub(crate) async fn run_soak(
    base_url: &str,
    runs: usize,
    concurrency: usize,
) -> Result<(ClientCounts, Reconciliation), String> {
    let transport = HttpTransport::builder()
        .api_key("sk_soak")
        .base_url(base_url)
        .build()
        .map_err(|error| format!("could not build the transport: {error}"))?;
    let client = Client::new(transport);
    let extract_runs = client.extract_runs();
    let poller = Poller::new(PollingOptions::default())
        .map_err(|error| format!("invalid polling options: {error}"))?;
    let slots = Arc::new(Mutex::new(vec![Slot::default(); runs]));
    let limit = Semaphore::new(concurrency.max(1));
    let mut counts = ClientCounts::default();
    let mut printed = 0;

    let first_pass: Vec<Task> = (0..runs).map(Task::Create).collect();
    run_tasks(
        &first_pass,
        &extract_runs,
        &poller,
        &slots,
        &limit,
        &mut printed,
    )
    .await;
    for slot in lock(&slots).iter() {
        match (&slot.run_id, &slot.status) {
            (_, Some(_)) => {}
            (Some(_), None) => counts.waits_failed += 1,
            (None, None) => counts.creates_failed += 1,
        }
    }

    for round in 1..=RECONCILE_ROUNDS {
        let listed = list_runs(&extract_runs).await?;
        let by_request = runs_by_request(&listed);
        let tasks = plan_round(&slots, &by_request, &mut counts);
        if tasks.is_empty() {
            break;
        }
        eprintln!(
            "soak: reconciliation round {round}: {} requests",
            tasks.len()
        );
        run_tasks(&tasks, &extract_runs, &poller, &slots, &limit, &mut printed).await;
    }

    let listed = list_runs(&extract_runs).await?;
    let slots = lock(&slots).clone();
    Ok((counts, reconcile(&slots, &listed)))
}

/// One unit of work for a request index.
#[derive(Debug, Clone)]
enum Task {
    /// Creates the run and waits for it.
    Create(usize),
    /// Waits for a run that already exists.
    Resume(usize, String),
}

/// Decides what each request without a terminal status needs next.
fn plan_round(
    slots: &Mutex<Vec<Slot>>,
    by_request: &HashMap<usize, Vec<&ExtractRun>>,
    counts: &mut ClientCounts,
) -> Vec<Task> {
    let mut slots = lock(slots);
    let mut tasks = Vec::new();
    for (index, slot) in slots.iter_mut().enumerate() {
        if slot.status.is_some() {
            continue;
        }
        if let Some(run_id) = &slot.run_id {
            counts.waits_resumed += 1;
            tasks.push(Task::Resume(index, run_id.clone()));
            continue;
        }
        match by_request.get(&index).and_then(|found| found.first()) {
            Some(run) => {
                counts.orphans_recovered += 1;
                counts.waits_resumed += 1;
                slot.run_id = Some(run.id.clone());
                tasks.push(Task::Resume(index, run.id.clone()));
            }
            None => {
                counts.creates_resent += 1;
                tasks.push(Task::Create(index));
            }
        }
    }
    tasks
}

/// Runs `tasks` with at most the semaphore's permits in flight, and records
/// each outcome in its slot.
async fn run_tasks(
    tasks: &[Task],
    extract_runs: &ExtractRuns<HttpTransport>,
    poller: &Poller,
    slots: &Mutex<Vec<Slot>>,
    limit: &Semaphore,
    printed: &mut usize,
) {
    let mut pending: FuturesUnordered<_> = tasks
        .iter()
        .map(|task| async move {
            let _permit = limit
                .acquire()
                .await
                .expect("the semaphore is never closed");
            match task {
                Task::Create(index) => {
                    let request = soak_request(*index);
                    let mut seen = |run: &ExtractRun| {
                        let mut slots = lock(slots);
                        slots[*index].run_id.get_or_insert_with(|| run.id.clone());
                    };
                    let result = poller
                        .create_and_poll_observed(extract_runs, &request, &mut seen)
                        .await;
                    (*index, result)
                }
                Task::Resume(index, run_id) => (*index, poller.poll(extract_runs, run_id).await),
            }
        })
        .collect();

    while let Some((index, result)) = pending.next().await {
        match result {
            Ok(run) => {
                let mut slots = lock(slots);
                slots[index].run_id = Some(run.id.clone());
                slots[index].status = Some(run.status);
            }
            Err(error) => {
                if *printed < PRINTED_ERRORS {
                    *printed += 1;
                    eprintln!("soak: request {index} failed: {error}");
                }
            }
        }
    }
}

/// Builds the request of index `index`: a one-line invoice, tagged with the index.
fn soak_request(index: usize) -> ExtractRunCreate {
    let mut metadata = Metadata::new();
    metadata.insert(REQUEST_KEY.to_owned(), index.into());
    ExtractRunCreate::with_schema(
        FileRef::text(format!("Invoice Number: INV-{index}\nTotal Due: 10.00")),
        serde_json::json!({"type": "object", "properties": {"total_due": {"type": "number"}}}),
    )
    .metadata(metadata)
}

/// Lists every extract run, starting over when a page fails after the
/// transport's own retries.
async fn list_runs(extract_runs: &ExtractRuns<HttpTransport>) -> Result<Vec<ExtractRun>, String> {
    let query = ProcessorRunListQuery {
        max_page_size: Some(1000),
        ..ProcessorRunListQuery::default()
    };
    let mut last_error = String::new();
    for _ in 0..LIST_ATTEMPTS {
        match extract_runs.list_all(&query).try_collect().await {
            Ok(runs) => return Ok(runs),
            Err(error) => {
                last_error = error.to_string();
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    Err(format!(
        "listing the runs failed {LIST_ATTEMPTS} times; last error: {last_error}"
    ))
}

/// Groups listed runs by the request index in their metadata.
fn runs_by_request(listed: &[ExtractRun]) -> HashMap<usize, Vec<&ExtractRun>> {
    let mut by_request: HashMap<usize, Vec<&ExtractRun>> = HashMap::new();
    for run in listed {
        if let Some(index) = request_index(run) {
            by_request.entry(index).or_default().push(run);
        }
    }
    by_request
}

fn request_index(run: &ExtractRun) -> Option<usize> {
    let value = run.metadata.as_ref()?.get(REQUEST_KEY)?.as_u64()?;
    usize::try_from(value).ok()
}

/// Checks the final run list against the client's slots.
fn reconcile(slots: &[Slot], listed: &[ExtractRun]) -> Reconciliation {
    let mut result = Reconciliation {
        listed: listed.len(),
        ..Reconciliation::default()
    };

    let mut ids = HashSet::new();
    let mut listed_status: HashMap<&str, &RunStatus> = HashMap::new();
    for run in listed {
        if !ids.insert(run.id.as_str()) {
            result.repeated_ids += 1;
        }
        listed_status.insert(run.id.as_str(), &run.status);
        if !run.status.is_terminal() {
            result.in_progress += 1;
        }
        if request_index(run).is_none_or(|index| index >= slots.len()) {
            result.unknown_runs += 1;
        }
    }
    for runs in runs_by_request(listed).values() {
        result.duplicates += runs.len().saturating_sub(1);
    }

    for slot in slots {
        let (Some(run_id), Some(status)) = (&slot.run_id, &slot.status) else {
            result.lost += 1;
            continue;
        };
        *result
            .terminal_by_status
            .entry(status.to_string())
            .or_default() += 1;
        if listed_status.get(run_id.as_str()) != Some(&status) {
            result.status_mismatches += 1;
        }
    }
    result
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
