//! The wait loop: retrieve, check the status, sleep, repeat.

use std::sync::Arc;
use std::time::Duration;

use extend_core::{Run, RunResource};
use tracing::{debug, warn, Instrument};

use crate::error::{is_transient, PollError, TimedOut};
use crate::{Clock, PollSchedule, PollingOptions, TokioClock};

/// A callback that sees every snapshot of the run, for progress displays.
pub type Observer<'a, R> = &'a mut (dyn FnMut(&R) + Send);

/// Waits for runs to reach a terminal status on the hybrid schedule.
///
/// Dropping a wait's future stops it at once: the poller spawns no task, so
/// no request is sent after the drop.
///
/// ```no_run
/// # async fn demo<T: extend_core::Transport + 'static>(client: extend_core::Client<T>) -> Result<(), Box<dyn std::error::Error>> {
/// use extend_core::{FileRef, ParseRunCreate};
/// use extend_poll::{Poller, PollingOptions};
///
/// let poller = Poller::new(PollingOptions::default())?;
/// let request = ParseRunCreate::new(FileRef::id("file_123"))?;
/// let run = poller.create_and_poll(&client.parse_runs(), &request).await?;
/// println!("{} ended {}", run.id, run.status);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Poller {
    options: PollingOptions,
    clock: Arc<dyn Clock>,
    seed: Option<u64>,
}

impl Poller {
    /// Builds a poller on tokio's clock.
    ///
    /// # Errors
    ///
    /// Returns [`crate::InvalidOptions`] when an option is out of range.
    pub fn new(options: PollingOptions) -> Result<Self, crate::InvalidOptions> {
        options.validate()?;
        Ok(Poller {
            options,
            clock: Arc::new(TokioClock),
            seed: None,
        })
    }

    /// Reads time and sleeps through `clock` instead of tokio's timer.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Makes the jitter reproducible.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Returns the options.
    pub fn options(&self) -> &PollingOptions {
        &self.options
    }

    /// Creates a run and waits until it is terminal.
    ///
    /// The create response counts as the first snapshot: a run created
    /// already terminal is returned without a retrieve; otherwise the first
    /// retrieve comes one schedule delay after the create.
    ///
    /// # Errors
    ///
    /// See [`PollError`]. A create that fails is never retried here; the
    /// transport decides that.
    pub async fn create_and_poll<R: RunResource>(
        &self,
        resource: &R,
        request: &R::Create,
    ) -> Result<R::Run, PollError<R::Run>> {
        self.create_and_poll_observed(resource, request, &mut |_: &R::Run| {})
            .await
    }

    /// Like [`Poller::create_and_poll`], calling `observer` with every snapshot.
    ///
    /// # Errors
    ///
    /// See [`PollError`].
    pub async fn create_and_poll_observed<R: RunResource>(
        &self,
        resource: &R,
        request: &R::Create,
        observer: Observer<'_, R::Run>,
    ) -> Result<R::Run, PollError<R::Run>> {
        let start = self.clock.now();
        let run = resource.create(request).await?;
        debug!(kind = R::Run::KIND, run_id = run.id(), status = %run.status(), "run created");
        observer(&run);

        if run.status().is_terminal() {
            return Ok(run);
        }
        let run_id = run.id().to_owned();
        let span = tracing::debug_span!("wait", kind = R::Run::KIND, run_id = %run_id);
        self.wait(resource, &run_id, start, Some(run), observer)
            .instrument(span)
            .await
    }

    /// Waits for a run created elsewhere; the first retrieve is immediate.
    ///
    /// # Errors
    ///
    /// See [`PollError`].
    pub async fn poll<R: RunResource>(
        &self,
        resource: &R,
        run_id: &str,
    ) -> Result<R::Run, PollError<R::Run>> {
        self.poll_observed(resource, run_id, &mut |_: &R::Run| {})
            .await
    }

    /// Like [`Poller::poll`], calling `observer` with every snapshot.
    ///
    /// # Errors
    ///
    /// See [`PollError`].
    pub async fn poll_observed<R: RunResource>(
        &self,
        resource: &R,
        run_id: &str,
        observer: Observer<'_, R::Run>,
    ) -> Result<R::Run, PollError<R::Run>> {
        let start = self.clock.now();
        let span = tracing::debug_span!("wait", kind = R::Run::KIND, run_id = %run_id);
        self.wait(resource, run_id, start, None, observer)
            .instrument(span)
            .await
    }

    async fn wait<R: RunResource>(
        &self,
        resource: &R,
        run_id: &str,
        start: tokio::time::Instant,
        mut last: Option<R::Run>,
        observer: Observer<'_, R::Run>,
    ) -> Result<R::Run, PollError<R::Run>> {
        let mut schedule = match self.seed {
            Some(seed) => PollSchedule::seeded(self.options.clone(), seed),
            None => PollSchedule::new(self.options.clone()),
        };
        let mut polls: u32 = 0;
        let mut consecutive_errors: u32 = 0;
        let mut sleep_first = last.is_some();

        loop {
            if sleep_first {
                let elapsed = self.clock.now() - start;
                let remaining = self.remaining(elapsed);
                if remaining == Some(Duration::ZERO) {
                    return Err(self.timed_out(run_id, last, elapsed, polls));
                }
                let delay = schedule.next_delay(elapsed, remaining);
                debug!(
                    delay_ms = delay.as_millis() as u64,
                    polls, "sleeping before the next poll"
                );
                self.clock.sleep(delay).await;
            }
            sleep_first = true;

            polls += 1;
            match resource.retrieve(run_id).await {
                Ok(run) => {
                    consecutive_errors = 0;
                    debug!(status = %run.status(), polls, "polled");
                    observer(&run);
                    if run.status().is_terminal() {
                        return Ok(run);
                    }
                    last = Some(run);
                }
                Err(error)
                    if is_transient(&error) && consecutive_errors < self.options.error_budget =>
                {
                    consecutive_errors += 1;
                    warn!(%error, consecutive_errors, "transient error while polling; will retry");
                }
                Err(error) => return Err(PollError::Request(error)),
            }
        }
    }

    fn remaining(&self, elapsed: Duration) -> Option<Duration> {
        self.options
            .max_wait
            .map(|max_wait| max_wait.saturating_sub(elapsed))
    }

    fn timed_out<R>(
        &self,
        run_id: &str,
        last: Option<R>,
        elapsed: Duration,
        polls: u32,
    ) -> PollError<R> {
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
        }))
    }
}
