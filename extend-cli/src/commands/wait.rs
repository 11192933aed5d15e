//! Waiting for a run with progress on stderr, and the exit code of the run
//! that comes back.

use std::time::Duration;

use extend_core::{BatchRun, Run, RunResource};
use extend_poll::{PollError, Poller, PollingOptions};
use serde::Serialize;
use serde_json::Value;

use crate::error::{exit_code, exit_code_for, CliError};
use crate::output::Output;
use crate::progress::Progress;
use crate::session::Session;

/// How a wait ended, short of an error.
pub(crate) enum Waited<R> {
    /// The run reached a terminal status.
    Ended(R),
    /// The max wait passed while the run was still in progress.
    TimedOut {
        /// The last snapshot of the run, if any request for it succeeded.
        last: Option<R>,
        /// The message for stderr: how long the wait took and how to resume.
        message: String,
    },
}

/// Creates a run and polls it until it is terminal or `max_wait` passes.
pub(crate) async fn create_and_wait<R: RunResource>(
    resource: &R,
    request: &R::Create,
    max_wait: Option<Duration>,
    progress: &mut Progress,
) -> Result<Waited<R::Run>, CliError> {
    let poller = poller(max_wait)?;
    let mut observe = |run: &R::Run| progress.update(run.id(), run.status().as_str());
    let result = poller
        .create_and_poll_observed(resource, request, &mut observe)
        .await;
    progress.finish();
    waited(result)
}

/// Polls an existing run until it is terminal or `max_wait` passes.
pub(crate) async fn wait_for<R: RunResource>(
    resource: &R,
    run_id: &str,
    max_wait: Option<Duration>,
    progress: &mut Progress,
) -> Result<Waited<R::Run>, CliError> {
    let poller = poller(max_wait)?;
    let mut observe = |run: &R::Run| progress.update(run.id(), run.status().as_str());
    let result = poller.poll_observed(resource, run_id, &mut observe).await;
    progress.finish();
    waited(result)
}

/// Prints the run a wait ended with and returns its exit code. On a timeout
/// it prints the last snapshot, so scripts still get the run's id, and
/// returns the timeout as an error for stderr (exit code 6).
pub(crate) fn print_waited<R: Run + Serialize>(
    output: &Output,
    session: &Session,
    waited: Waited<R>,
) -> Result<u8, CliError> {
    match waited {
        Waited::Ended(run) => print_run(output, session, &run),
        Waited::TimedOut { last, message } => {
            if let Some(last) = last {
                output.object(&session.sent_json(&last)?)?;
            }
            Err(CliError::TimedOut(message))
        }
    }
}

/// Prints a run as the server sent it and returns the exit code of its
/// status: 6 while it is still in progress, else the code of its terminal
/// outcome. A `FAILED` run also gets one line on stderr with its reason.
pub(crate) fn print_run<R: Run + Serialize>(
    output: &Output,
    session: &Session,
    run: &R,
) -> Result<u8, CliError> {
    let sent = session.sent_json(run)?;
    output.object(&sent)?;
    let code = run
        .status()
        .outcome()
        .map(exit_code_for)
        .unwrap_or(exit_code::TIMED_OUT);
    if code == exit_code::FAILED {
        eprintln_best_effort(&failure_summary(R::KIND, run.id(), &sent));
    }
    Ok(code)
}

/// Returns one line naming the failed run and, when the run has them, its
/// `failureReason` and `failureMessage`.
fn failure_summary(kind: &str, id: &str, run: &Value) -> String {
    let reason = run.get("failureReason").and_then(Value::as_str);
    let message = run.get("failureMessage").and_then(Value::as_str);
    let mut line = format!("error: {kind} {id} failed");
    match (reason, message) {
        (Some(reason), Some(message)) => line.push_str(&format!(": {reason}: {message}")),
        (Some(reason), None) => line.push_str(&format!(": {reason}")),
        (None, Some(message)) => line.push_str(&format!(": {message}")),
        (None, None) => line.push_str(" with no failure reason given"),
    }
    line
}

fn poller(max_wait: Option<Duration>) -> Result<Poller, CliError> {
    let mut options = PollingOptions::default();
    if let Some(max_wait) = max_wait {
        options = options.max_wait(max_wait);
    }
    Poller::new(options).map_err(|err| CliError::Input(err.to_string()))
}

fn waited<R: Run>(result: Result<R, PollError<R>>) -> Result<Waited<R>, CliError> {
    match result {
        Ok(run) => Ok(Waited::Ended(run)),
        Err(PollError::Request(inner)) => Err(CliError::Api(inner)),
        Err(PollError::TimedOut(timed_out)) => {
            let group = if R::KIND == BatchRun::KIND {
                "batches"
            } else {
                "runs"
            };
            let message = format!(
                "gave up waiting after {:.1} s: {} {} is still in progress; \
                 check it later with `extend {group} watch {}` or raise --max-wait",
                timed_out.elapsed.as_secs_f64(),
                R::KIND,
                timed_out.run_id,
                timed_out.run_id,
            );
            Ok(Waited::TimedOut {
                last: timed_out.last,
                message,
            })
        }
        Err(other) => Err(CliError::Input(other.to_string())),
    }
}

/// Status lines are best effort: a closed stderr must not change the exit
/// code.
fn eprintln_best_effort(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn failure_summary_cases() {
        let both = json!({"failureReason": "PARSING_ERROR", "failureMessage": "bad page"});
        assert_eq!(
            failure_summary("parse_run", "pr_1", &both),
            "error: parse_run pr_1 failed: PARSING_ERROR: bad page"
        );

        let reason = json!({"failureReason": "OUT_OF_CREDITS"});
        assert_eq!(
            failure_summary("extract_run", "exr_1", &reason),
            "error: extract_run exr_1 failed: OUT_OF_CREDITS"
        );

        let neither = json!({});
        assert_eq!(
            failure_summary("split_run", "splr_1", &neither),
            "error: split_run splr_1 failed with no failure reason given"
        );
    }
}
