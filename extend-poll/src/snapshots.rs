//! The one polling loop: a stream of every snapshot of a run until it is
//! terminal. `wait`, `watch` and the blocking facade all consume it.

use std::time::Duration;

use std::future::Future;

use async_stream::stream;
use extend_core::{Error, Run};
use futures::Stream;
use tokio::time::Instant;
use tracing::{debug, warn};

use crate::error::{is_transient, PollError, TimedOut};
use crate::{PollSchedule, Poller};

impl Poller {
    /// Polls `run_id` and yields every snapshot: the stream ends after the
    /// first terminal run, or after one error.
    ///
    /// With `initial` (the run returned by a create) the first retrieve waits
    /// one schedule delay; without it the first retrieve is immediate.
    ///
    /// Runs are boxed and the retrieve future lives on the heap only while a
    /// request is in flight, so a sleeping wait takes well under a kilobyte
    /// (an `ExtractRun` alone is about 3 KiB inline). The last snapshot is
    /// kept only when a max wait is set, because only a timed-out wait
    /// reports it.
    pub(crate) fn snapshots<'a, R, F, Fut>(
        &'a self,
        retrieve: F,
        run_id: &'a str,
        start: Instant,
        initial: Option<Box<R>>,
    ) -> impl Stream<Item = Result<Box<R>, PollError<R>>> + Send + 'a
    where
        R: Run + Clone,
        F: Fn() -> Fut + Send + 'a,
        Fut: Future<Output = Result<R, Error>> + Send + 'a,
    {
        stream! {
            let mut schedule = self.schedule();
            let mut sleep_first = initial.is_some();
            let keep_last = self.options.max_wait.is_some();
            let mut last = initial.filter(|_| keep_last);
            let mut polls: u32 = 0;
            let mut consecutive_errors: u32 = 0;

            loop {
                if sleep_first {
                    let elapsed = self.clock.now() - start;
                    let remaining = self.remaining(elapsed);
                    if remaining == Some(Duration::ZERO) {
                        yield Err(self.timed_out(run_id, last.take().map(|run| *run), elapsed, polls));
                        break;
                    }
                    let delay = schedule.next_delay(elapsed, remaining);
                    debug!(delay_ms = delay.as_millis() as u64, polls, "sleeping before the next poll");
                    self.clock.sleep(delay).await;
                }
                sleep_first = true;

                polls += 1;
                // Boxed before the match: a temporary of the match would
                // keep the unboxed run in this stream's state across `yield`.
                let polled = Box::pin(retrieve()).await.map(Box::new);
                match polled {
                    Ok(run) => {
                        consecutive_errors = 0;
                        debug!(status = %run.status(), polls, "polled");
                        let terminal = run.status().is_terminal();
                        if keep_last {
                            last = Some(run.clone());
                        }
                        yield Ok(run);
                        if terminal {
                            break;
                        }
                    }
                    Err(error) if is_transient(&error) && consecutive_errors < self.options.error_budget => {
                        consecutive_errors += 1;
                        warn!(%error, consecutive_errors, "transient error while polling; will retry");
                    }
                    Err(error) => {
                        warn!(%error, polls, "polling stopped on an error");
                        yield Err(PollError::Request(error));
                        break;
                    }
                }
            }
        }
    }

    pub(crate) fn schedule(&self) -> PollSchedule {
        match self.seed {
            Some(seed) => PollSchedule::seeded(self.options.clone(), seed),
            None => PollSchedule::new(self.options.clone()),
        }
    }

    fn remaining(&self, elapsed: Duration) -> Option<Duration> {
        self.options
            .max_wait
            .map(|max_wait| max_wait.saturating_sub(elapsed))
    }

    fn timed_out<T>(
        &self,
        run_id: &str,
        last: Option<T>,
        elapsed: Duration,
        polls: u32,
    ) -> PollError<T> {
        let max_wait = self.options.max_wait.unwrap_or_default();
        warn!(
            run_id,
            polls,
            elapsed_ms = elapsed.as_millis() as u64,
            "max wait reached"
        );
        PollError::TimedOut(Box::new(TimedOut {
            run_id: run_id.to_owned(),
            last,
            elapsed,
            polls,
            max_wait,
            cancel_requested: false,
        }))
    }
}
