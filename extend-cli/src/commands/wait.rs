//! Creating a run and waiting for it, with progress on stderr.

use std::time::Duration;

use extend_core::{Run, RunResource};
use extend_poll::{PollError, Poller, PollingOptions};

use crate::error::CliError;
use crate::progress::Progress;

/// Creates a run and polls it until it is terminal or `max_wait` passes.
pub(crate) async fn create_and_wait<R: RunResource>(
    resource: &R,
    request: &R::Create,
    max_wait: Option<f64>,
    progress: &mut Progress,
) -> Result<R::Run, CliError> {
    let mut options = PollingOptions::default();
    if let Some(seconds) = max_wait {
        options = options.max_wait(max_wait_duration(seconds)?);
    }
    let poller = Poller::new(options).map_err(|err| CliError::Input(err.to_string()))?;

    let mut observe = |run: &R::Run| progress.update(run.id(), run.status().as_str());
    let result = poller
        .create_and_poll_observed(resource, request, &mut observe)
        .await;
    progress.finish();

    result.map_err(|error| match error {
        PollError::Request(inner) => CliError::Api(inner),
        PollError::TimedOut(timed_out) => CliError::TimedOut(format!(
            "gave up waiting after {:.1} s: run {} is still in progress; \
             check it later with its id or raise --max-wait",
            timed_out.elapsed.as_secs_f64(),
            timed_out.run_id,
        )),
        other => CliError::Input(other.to_string()),
    })
}

fn max_wait_duration(seconds: f64) -> Result<Duration, CliError> {
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|duration| !duration.is_zero())
        .ok_or_else(|| {
            CliError::Input(format!(
                "--max-wait {seconds}: expected a number of seconds above zero"
            ))
        })
}
