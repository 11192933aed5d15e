//! Waiting for many runs at once under one shared request rate.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Duration;

use async_stream::stream;
use extend_core::{Run, RunResource};
use futures::stream::FuturesUnordered;
use futures::{Stream, StreamExt};
use tokio::time::Instant;
use tracing::{debug, warn};

use crate::error::{is_transient, PollError, TimedOut};
use crate::{InvalidOptions, Poller};

/// Limits shared by all the runs of one [`Poller::poll_many`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ManyOptions {
    /// Retrieves per second across all runs. The default, 10, is the GET
    /// limit of Extend's smallest (pay-as-you-go) plan.
    pub requests_per_second: f64,
    /// Retrieves in flight at once.
    pub max_in_flight: usize,
}

impl Default for ManyOptions {
    fn default() -> Self {
        ManyOptions {
            requests_per_second: 10.0,
            max_in_flight: 64,
        }
    }
}

impl ManyOptions {
    /// Sets the shared request rate.
    pub fn requests_per_second(mut self, requests_per_second: f64) -> Self {
        self.requests_per_second = requests_per_second;
        self
    }

    /// Sets how many retrieves may be in flight at once.
    pub fn max_in_flight(mut self, max_in_flight: usize) -> Self {
        self.max_in_flight = max_in_flight;
        self
    }

    /// Checks both limits.
    ///
    /// # Errors
    ///
    /// [`InvalidOptions`] for a rate that is not a positive finite number or
    /// a zero `max_in_flight`.
    pub fn validate(&self) -> Result<(), InvalidOptions> {
        if !self.requests_per_second.is_finite() || self.requests_per_second <= 0.0 {
            return Err(InvalidOptions {
                field: "requests_per_second",
                value: self.requests_per_second.to_string(),
                expected: "a finite number above zero",
            });
        }
        if self.max_in_flight == 0 {
            return Err(InvalidOptions {
                field: "max_in_flight",
                value: "0".to_owned(),
                expected: "at least 1",
            });
        }
        Ok(())
    }
}

/// What one run of a `poll_many` has seen so far.
struct Tracked<R> {
    run_id: String,
    /// Boxed, and kept only with a max wait (a timed-out wait reports it),
    /// so thousands of tracked runs stay small.
    last: Option<Box<R>>,
    polls: u32,
    consecutive_errors: u32,
}

/// One finished wait of [`Poller::poll_many`]: the run id and how it ended.
pub type ManyItem<R> = (String, Result<R, PollError<R>>);

impl Poller {
    /// Waits for many runs at once and yields each one as it finishes.
    ///
    /// Every run follows the hybrid schedule from the moment this stream is
    /// first polled, but all retrieves share one rate limit and one cap on
    /// requests in flight, so thousands of runs cost no more than the limit
    /// allows. No task is spawned; dropping the stream stops all traffic.
    ///
    /// # Errors
    ///
    /// Each item carries its own result. Invalid `limits` end the stream
    /// with one item per run holding [`PollError::InvalidOptions`].
    pub fn poll_many<'a, R>(
        &'a self,
        resource: &'a R,
        run_ids: Vec<String>,
        limits: ManyOptions,
    ) -> impl Stream<Item = ManyItem<R::Run>> + Send + 'a
    where
        R: RunResource,
        R::Run: Clone,
    {
        stream! {
            if let Err(invalid) = limits.validate() {
                for run_id in run_ids {
                    yield (run_id, Err(PollError::InvalidOptions(invalid.clone())));
                }
                return;
            }

            let start = self.clock.now();
            let spacing = Duration::from_secs_f64(1.0 / limits.requests_per_second);
            let mut schedule = self.schedule();
            let mut runs: Vec<Tracked<R::Run>> = run_ids
                .into_iter()
                .map(|run_id| Tracked { run_id, last: None, polls: 0, consecutive_errors: 0 })
                .collect();
            let mut due: BinaryHeap<Reverse<(Instant, usize)>> =
                (0..runs.len()).map(|index| Reverse((start, index))).collect();
            let mut unfinished = runs.len();
            let mut next_slot = start;
            let mut in_flight = FuturesUnordered::new();
            let retrieve = |index: usize, run_id: String| async move {
                (index, resource.retrieve(&run_id).await)
            };

            while unfinished > 0 {
                let now = self.clock.now();
                while in_flight.len() < limits.max_in_flight {
                    match due.peek() {
                        Some(Reverse((at, _))) if *at <= now && next_slot <= now => {}
                        _ => break,
                    }
                    let Some(Reverse((_, index))) = due.pop() else { break };
                    next_slot = next_slot.max(now - spacing) + spacing;
                    runs[index].polls += 1;
                    in_flight.push(retrieve(index, runs[index].run_id.clone()));
                }

                let next_launch = match due.peek() {
                    Some(Reverse((at, _))) if in_flight.len() < limits.max_in_flight => {
                        Some((*at).max(next_slot))
                    }
                    _ => None,
                };
                let wake = async {
                    match next_launch {
                        Some(at) => self.clock.sleep(at.saturating_duration_since(now)).await,
                        None => std::future::pending::<()>().await,
                    }
                };

                tokio::select! {
                    Some((index, result)) = in_flight.next() => {
                        let now = self.clock.now();
                        let elapsed = now - start;
                        let tracked = &mut runs[index];
                        let outcome = match result {
                            Ok(run) if run.status().is_terminal() => Some(Ok(run)),
                            Ok(run) => {
                                tracked.consecutive_errors = 0;
                                if self.options.max_wait.is_some() {
                                    tracked.last = Some(Box::new(run));
                                }
                                None
                            }
                            Err(error) if is_transient(&error) && tracked.consecutive_errors < self.options.error_budget => {
                                tracked.consecutive_errors += 1;
                                warn!(run_id = %tracked.run_id, %error, "transient error while polling; will retry");
                                None
                            }
                            Err(error) => Some(Err(PollError::Request(error))),
                        };

                        let remaining = self.options.max_wait.map(|max| max.saturating_sub(elapsed));
                        let outcome = match outcome {
                            None if remaining == Some(Duration::ZERO) => Some(Err(PollError::TimedOut(Box::new(TimedOut {
                                run_id: tracked.run_id.clone(),
                                last: tracked.last.take().map(|run| *run),
                                elapsed,
                                polls: tracked.polls,
                                max_wait: self.options.max_wait.unwrap_or_default(),
                                cancel_requested: false,
                            })))),
                            other => other,
                        };

                        match outcome {
                            Some(result) => {
                                unfinished -= 1;
                                debug!(run_id = %tracked.run_id, polls = tracked.polls, unfinished, "run finished");
                                tracked.last = None;
                                yield (tracked.run_id.clone(), result);
                            }
                            None => {
                                let delay = schedule.next_delay(elapsed, remaining);
                                due.push(Reverse((now + delay, index)));
                            }
                        }
                    }
                    () = wake => {}
                }
            }
        }
    }
}
