//! Errors of a wait.

use std::fmt;
use std::time::Duration;

use extend_core::{Error, TransportErrorKind};

use crate::InvalidOptions;

/// Why a wait for a run ended without a terminal run.
#[derive(Debug)]
#[non_exhaustive]
pub enum PollError<R> {
    /// The create or a retrieve failed with an error that is not transient,
    /// or transient errors outlasted the error budget.
    Request(Error),
    /// The max wait passed while the run was still in progress. The run goes
    /// on: resume with `poll(run_id)` or cancel it.
    TimedOut(Box<TimedOut<R>>),
    /// The polling options were rejected before any request.
    InvalidOptions(InvalidOptions),
}

/// Details of a wait that reached its max wait.
#[derive(Debug, Clone)]
pub struct TimedOut<R> {
    /// Id of the run, still in progress on the server.
    pub run_id: String,
    /// The last snapshot of the run, if any retrieve succeeded.
    pub last: Option<R>,
    /// Time spent waiting.
    pub elapsed: Duration,
    /// How many retrieves were sent.
    pub polls: u32,
    /// The max wait that was reached.
    pub max_wait: Duration,
    /// Whether a cancel was sent and accepted (see
    /// [`PollingOptions::cancel_on_timeout`](crate::PollingOptions::cancel_on_timeout)).
    pub cancel_requested: bool,
}

impl<R> fmt::Display for PollError<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PollError::Request(error) => error.fmt(f),
            PollError::TimedOut(timed_out) => write!(
                f,
                "run {} still in progress after waiting {} ({} {}, max wait {}); \
                 poll it again to resume or cancel it",
                timed_out.run_id,
                Seconds(timed_out.elapsed),
                timed_out.polls,
                if timed_out.polls == 1 {
                    "poll"
                } else {
                    "polls"
                },
                Seconds(timed_out.max_wait),
            ),
            PollError::InvalidOptions(error) => error.fmt(f),
        }
    }
}

/// A duration for messages: milliseconds under a second, so a 50 ms max
/// wait does not read as 0.1 s, else seconds with one decimal.
struct Seconds(Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < Duration::from_secs(1) {
            write!(f, "{} ms", self.0.as_millis())
        } else {
            write!(f, "{:.1} s", self.0.as_secs_f64())
        }
    }
}

impl<R: fmt::Debug> std::error::Error for PollError<R> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PollError::Request(error) => Some(error),
            PollError::InvalidOptions(error) => Some(error),
            PollError::TimedOut(_) => None,
        }
    }
}

impl<R> From<Error> for PollError<R> {
    fn from(error: Error) -> Self {
        PollError::Request(error)
    }
}

/// Returns `true` for errors that a wait absorbs while its error budget lasts:
/// no response at all, 408, 429 and 5xx. 401, 403, 404 and other 4xx end the
/// wait at once because repeating the request cannot change them, and so does
/// a server delay over the transport's cap, which the next poll would only
/// meet again.
pub(crate) fn is_transient(error: &Error) -> bool {
    match error {
        Error::Transport(transport) => transport.kind != TransportErrorKind::RateLimited,
        Error::Api(api) => {
            let status = api.status.as_u16();
            status == 408 || status == 429 || api.status.is_server_error()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timed_out(elapsed_ms: u64, polls: u32, max_wait_ms: u64) -> PollError<()> {
        PollError::TimedOut(Box::new(TimedOut {
            run_id: "exr_1".to_owned(),
            last: None,
            elapsed: Duration::from_millis(elapsed_ms),
            polls,
            max_wait: Duration::from_millis(max_wait_ms),
            cancel_requested: false,
        }))
    }

    #[test]
    fn timeout_message_short_wait() {
        let message = timed_out(52, 1, 50).to_string();
        assert!(message.contains("after waiting 52 ms"), "{message}");
        assert!(message.contains("(1 poll, max wait 50 ms)"), "{message}");
    }

    #[test]
    fn timeout_message_long_wait() {
        let message = timed_out(5_020, 6, 5_000).to_string();
        assert!(message.contains("after waiting 5.0 s"), "{message}");
        assert!(message.contains("(6 polls, max wait 5.0 s)"), "{message}");
        assert!(message.contains("run exr_1"), "{message}");
    }
}
