//! The background runtime that runs every call of the blocking client.
//!
//! One OS thread owns a current-thread tokio runtime and takes jobs from a
//! channel. A call sends its future as a job and blocks on a std channel for
//! the result, so the calling thread never enters a runtime: calls work from
//! plain threads, from `spawn_blocking` and even from inside an async task.
//! Dropping the last handle closes the job channel; the thread then drops
//! its runtime (outside any async context) and exits, and the drop joins it,
//! so the process's thread count returns to where it was.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc as std_mpsc;
use std::thread::{self, JoinHandle, ThreadId};

use tokio::sync::mpsc;

type Job = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The background runtime could not start, or it stopped before a call
/// finished.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuntimeError {
    /// The runtime or its thread could not be started.
    #[error("could not start the background runtime of the blocking client: {0}")]
    Start(#[source] std::io::Error),
    /// The runtime stopped while a call was in flight.
    #[error("the background runtime of the blocking client stopped before the call finished")]
    Stopped,
    /// A blocking call was made from a task running on the client's own
    /// runtime, where waiting for the result would wait forever.
    #[error(
        "a blocking call was made from the blocking client's own runtime thread; \
         use the async client (extend_core::Client) inside async code"
    )]
    Reentrant,
}

/// The runtime thread, shared by all clones of a client.
#[derive(Debug)]
pub(crate) struct Background {
    jobs: Option<mpsc::UnboundedSender<Job>>,
    thread: Option<JoinHandle<()>>,
    thread_id: ThreadId,
}

impl Background {
    pub(crate) fn start() -> Result<Self, RuntimeError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(RuntimeError::Start)?;
        let (jobs, mut receiver) = mpsc::unbounded_channel::<Job>();

        let thread = thread::Builder::new()
            .name("extend-blocking".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    while let Some(job) = receiver.recv().await {
                        tokio::spawn(job);
                    }
                });
                tracing::debug!("blocking client runtime stopped");
            })
            .map_err(RuntimeError::Start)?;

        Ok(Background {
            thread_id: thread.thread().id(),
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Starts `future` on the background runtime without waiting for it.
    pub(crate) fn spawn<F>(&self, future: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        if let Some(jobs) = &self.jobs {
            // A closed channel means the runtime is gone; the future's
            // consumer then sees its channel close.
            let _ = jobs.send(Box::pin(future));
        }
    }

    /// Runs `future` on the background runtime and blocks until it ends.
    pub(crate) fn run<F>(&self, future: F) -> Result<F::Output, RuntimeError>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        if thread::current().id() == self.thread_id {
            // A job that called back into the blocking client would wait on
            // itself forever.
            return Err(RuntimeError::Reentrant);
        }
        let (sender, receiver) = std_mpsc::sync_channel(1);
        let job: Job = Box::pin(async move {
            // The caller may have gone; nothing to do with the result then.
            let _ = sender.send(future.await);
        });
        let jobs = self.jobs.as_ref().ok_or(RuntimeError::Stopped)?;
        jobs.send(job).map_err(|_| RuntimeError::Stopped)?;
        receiver.recv().map_err(|_| RuntimeError::Stopped)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        // Closing the channel ends the runtime's loop.
        self.jobs.take();
        let Some(thread) = self.thread.take() else {
            return;
        };
        if thread::current().id() == self.thread_id {
            // Dropped from a job on the runtime thread: joining would wait on
            // ourselves. The thread exits once this job returns.
            return;
        }
        if thread.join().is_err() {
            tracing::warn!("the blocking client's runtime thread panicked");
        }
    }
}
