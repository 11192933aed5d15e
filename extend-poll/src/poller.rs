//! The [`Poller`] and its waits: `create_and_poll`, `poll` and `watch`.

use std::sync::Arc;

use extend_core::{BatchRun, BatchRuns, Run, RunResource, RunStatus, Transport};
use futures::{Stream, StreamExt};
use tracing::{debug, warn, Instrument};

use crate::error::PollError;
use crate::{Clock, PollingOptions, TokioClock};

/// A callback that sees every snapshot of the run, for progress displays.
pub type Observer<'a, R> = &'a mut (dyn FnMut(&R) + Send);

/// Waits for runs to reach a terminal status on the hybrid schedule.
///
/// Dropping a wait's future or stream stops it at once: the poller spawns
/// no task, so no request is sent after the drop.
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
    pub(crate) options: PollingOptions,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) seed: Option<u64>,
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
    /// See [`PollError`]. The create itself is retried only as the transport
    /// allows for requests that create something.
    pub async fn create_and_poll<R>(
        &self,
        resource: &R,
        request: &R::Create,
    ) -> Result<R::Run, PollError<R::Run>>
    where
        R: RunResource,
        R::Run: Clone,
    {
        self.create_and_poll_observed(resource, request, &mut |_: &R::Run| {})
            .await
    }

    /// Like [`Poller::create_and_poll`], calling `observer` with every snapshot.
    ///
    /// # Errors
    ///
    /// See [`PollError`].
    pub async fn create_and_poll_observed<R>(
        &self,
        resource: &R,
        request: &R::Create,
        observer: Observer<'_, R::Run>,
    ) -> Result<R::Run, PollError<R::Run>>
    where
        R: RunResource,
        R::Run: Clone,
    {
        let start = self.clock.now();
        // Boxed so that the run and the create future take no room in the
        // state of this future while it sleeps between polls.
        let run = Box::new(Box::pin(resource.create(request)).await?);
        debug!(kind = R::Run::KIND, run_id = run.id(), status = %run.status(), "run created");
        observer(&run);

        if run.status().is_terminal() {
            return Ok(*run);
        }
        let run_id = run.id().to_owned();
        let span = tracing::debug_span!("wait", kind = R::Run::KIND, run_id = %run_id);
        let snapshots = self.snapshots(|| resource.retrieve(&run_id), &run_id, start, Some(run));
        let result = last_snapshot(snapshots, observer).instrument(span).await;
        self.cancel_if_timed_out(resource, result)
            .await
            .map(|run| *run)
    }

    /// Waits for a run created elsewhere; the first retrieve is immediate.
    ///
    /// # Errors
    ///
    /// See [`PollError`].
    pub async fn poll<R>(&self, resource: &R, run_id: &str) -> Result<R::Run, PollError<R::Run>>
    where
        R: RunResource,
        R::Run: Clone,
    {
        self.poll_observed(resource, run_id, &mut |_: &R::Run| {})
            .await
    }

    /// Like [`Poller::poll`], calling `observer` with every snapshot.
    ///
    /// # Errors
    ///
    /// See [`PollError`].
    pub async fn poll_observed<R>(
        &self,
        resource: &R,
        run_id: &str,
        observer: Observer<'_, R::Run>,
    ) -> Result<R::Run, PollError<R::Run>>
    where
        R: RunResource,
        R::Run: Clone,
    {
        let start = self.clock.now();
        let span = tracing::debug_span!("wait", kind = R::Run::KIND, run_id = %run_id);
        let snapshots = self.snapshots(|| resource.retrieve(run_id), run_id, start, None);
        let result = last_snapshot(snapshots, observer).instrument(span).await;
        self.cancel_if_timed_out(resource, result)
            .await
            .map(|run| *run)
    }

    /// Streams one snapshot of the run per status change, starting with the
    /// first retrieve and ending with the terminal snapshot (or an error).
    ///
    /// Meant for progress bars: the stream polls on the same schedule as
    /// [`Poller::poll`] but skips snapshots whose status did not change.
    pub fn watch<'a, R>(
        &'a self,
        resource: &'a R,
        run_id: &'a str,
    ) -> impl Stream<Item = Result<R::Run, PollError<R::Run>>> + Send + 'a
    where
        R: RunResource,
        R::Run: Clone,
    {
        let start = self.clock.now();
        let mut last_status: Option<RunStatus> = None;
        self.snapshots(move || resource.retrieve(run_id), run_id, start, None)
            .map(|item| item.map(|run| *run))
            .filter(move |item| {
                let changed = match item {
                    Ok(run) if last_status.as_ref() == Some(run.status()) => false,
                    Ok(run) => {
                        last_status = Some(run.status().clone());
                        true
                    }
                    Err(_) => true,
                };
                std::future::ready(changed)
            })
    }
}

impl Poller {
    /// Waits for a batch run (`GET /batch_runs/{id}`) to reach a terminal
    /// status, on the same schedule as runs; the first retrieve is immediate.
    ///
    /// Workflow batches (`batch_...` ids) are not served by this route; wait
    /// for their runs with `poll_many` instead.
    ///
    /// # Errors
    ///
    /// See [`PollError`].
    pub async fn poll_batch<T>(
        &self,
        batches: &BatchRuns<T>,
        batch_id: &str,
    ) -> Result<BatchRun, PollError<BatchRun>>
    where
        T: Transport + ?Sized + 'static,
    {
        let start = self.clock.now();
        let span = tracing::debug_span!("wait", kind = BatchRun::KIND, run_id = %batch_id);
        let snapshots = self.snapshots(|| batches.retrieve(batch_id), batch_id, start, None);
        last_snapshot(snapshots, &mut |_: &BatchRun| {})
            .instrument(span)
            .await
            .map(|run| *run)
    }

    /// Sends a cancel when a wait timed out and the options ask for it.
    async fn cancel_if_timed_out<R>(
        &self,
        resource: &R,
        result: Result<Box<R::Run>, PollError<R::Run>>,
    ) -> Result<Box<R::Run>, PollError<R::Run>>
    where
        R: RunResource,
    {
        let Err(PollError::TimedOut(mut timed_out)) = result else {
            return result;
        };
        if self.options.cancel_on_timeout && resource.supports_cancel() {
            match Box::pin(resource.cancel(&timed_out.run_id)).await {
                Ok(run) => {
                    debug!(run_id = %timed_out.run_id, status = %run.status(), "cancel requested after the max wait");
                    timed_out.cancel_requested = true;
                }
                Err(error) => {
                    warn!(run_id = %timed_out.run_id, %error, "cancel after the max wait failed");
                }
            }
        }
        Err(PollError::TimedOut(timed_out))
    }
}

/// Drives a snapshot stream to its end and returns the terminal run.
async fn last_snapshot<R, S>(
    snapshots: S,
    observer: Observer<'_, R>,
) -> Result<Box<R>, PollError<R>>
where
    R: Run,
    S: Stream<Item = Result<Box<R>, PollError<R>>>,
{
    futures::pin_mut!(snapshots);
    while let Some(item) = snapshots.next().await {
        let run = item?;
        observer(&run);
        if run.status().is_terminal() {
            return Ok(run);
        }
    }
    unreachable!("a snapshot stream always ends with a terminal run or an error")
}
