//! The background runtime that runs every call of the blocking client.

use std::future::Future;
use std::sync::{mpsc, Mutex};

use tokio::runtime::{Builder, Runtime};

/// The background runtime could not start, or it stopped before a call
/// finished.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuntimeError {
    /// The runtime thread could not be started.
    #[error("could not start the background runtime of the blocking client: {0}")]
    Start(#[source] std::io::Error),
    /// The runtime shut down while a call was in flight.
    #[error("the background runtime of the blocking client stopped before the call finished")]
    Stopped,
}

/// One multi-thread runtime with a single worker, owned by all clones.
#[derive(Debug)]
pub(crate) struct Background {
    runtime: Mutex<Option<Runtime>>,
    handle: tokio::runtime::Handle,
}

impl Background {
    pub(crate) fn start() -> Result<Self, RuntimeError> {
        let runtime = Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("extend-blocking")
            .enable_all()
            .build()
            .map_err(RuntimeError::Start)?;
        let handle = runtime.handle().clone();
        Ok(Background {
            runtime: Mutex::new(Some(runtime)),
            handle,
        })
    }

    /// Runs `future` on the background runtime and blocks until it ends.
    pub(crate) fn run<F>(&self, future: F) -> Result<F::Output, RuntimeError>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        // A std channel, not tokio's oneshot: its blocking receive does not
        // panic when the caller is itself inside an async context.
        let (sender, receiver) = mpsc::sync_channel(1);
        self.handle.spawn(async move {
            // The caller may have gone; nothing to do with the result then.
            let _ = sender.send(future.await);
        });
        receiver.recv().map_err(|_| RuntimeError::Stopped)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let runtime = match self.runtime.lock() {
            Ok(mut guard) => guard.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        // Dropping a runtime inside an async context panics; shutting it
        // down in the background never does.
        if let Some(runtime) = runtime {
            runtime.shutdown_background();
        }
    }
}
