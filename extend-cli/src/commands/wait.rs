//! Waiting for a run with progress on stderr, and the exit code of the run
//! that comes back.

use std::time::Duration;

use extend_core::{BatchRun, Run, RunResource};
use extend_poll::{PollError, Poller, PollingOptions};
use serde::Serialize;

use crate::error::{exit_code, exit_code_for, CliError};
use crate::output::Output;
use crate::progress::Progress;

/// Creates a run and polls it until it is terminal or `max_wait` passes.
pub(crate) async fn create_and_wait<R: RunResource>(
    resource: &R,
    request: &R::Create,
    max_wait: Option<Duration>,
    progress: &mut Progress,
) -> Result<R::Run, CliError> {
    let poller = poller(max_wait)?;
    let mut observe = |run: &R::Run| progress.update(run.id(), run.status().as_str());
    let result = poller
        .create_and_poll_observed(resource, request, &mut observe)
        .await;
    progress.finish();
    result.map_err(poll_error)
}

/// Polls an existing run until it is terminal or `max_wait` passes.
pub(crate) async fn wait_for<R: RunResource>(
    resource: &R,
    run_id: &str,
    max_wait: Option<Duration>,
    progress: &mut Progress,
) -> Result<R::Run, CliError> {
    let poller = poller(max_wait)?;
    let mut observe = |run: &R::Run| progress.update(run.id(), run.status().as_str());
    let result = poller.poll_observed(resource, run_id, &mut observe).await;
    progress.finish();
    result.map_err(poll_error)
}

/// Prints a run and returns the exit code of its status: 6 while it is still
/// in progress, else the code of its terminal outcome.
pub(crate) fn print_run<R: Run + Serialize>(output: &Output, run: &R) -> Result<u8, CliError> {
    output.object(run)?;
    Ok(run
        .status()
        .outcome()
        .map(exit_code_for)
        .unwrap_or(exit_code::TIMED_OUT))
}

fn poller(max_wait: Option<Duration>) -> Result<Poller, CliError> {
    let mut options = PollingOptions::default();
    if let Some(max_wait) = max_wait {
        options = options.max_wait(max_wait);
    }
    Poller::new(options).map_err(|err| CliError::Input(err.to_string()))
}

fn poll_error<R: Run>(error: PollError<R>) -> CliError {
    match error {
        PollError::Request(inner) => CliError::Api(inner),
        PollError::TimedOut(timed_out) => {
            let group = if R::KIND == BatchRun::KIND {
                "batches"
            } else {
                "runs"
            };
            CliError::TimedOut(format!(
                "gave up waiting after {:.1} s: {} {} is still in progress; \
                 check it later with `extend {group} watch {}` or raise --max-wait",
                timed_out.elapsed.as_secs_f64(),
                R::KIND,
                timed_out.run_id,
                timed_out.run_id,
            ))
        }
        other => CliError::Input(other.to_string()),
    }
}
