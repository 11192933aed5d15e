//! The runtime that runs every call of the blocking client.
//!
//! A client owns one current-thread tokio runtime and no thread of its own.
//! A call from ordinary code runs its future with `Runtime::block_on` on the
//! calling thread, so the request is written and the response read there,
//! with no hand-off between threads. Several threads may call at once: tokio
//! lets one of them drive the runtime's I/O and timers at a time, and the
//! others' futures are woken by it.
//!
//! Where a tokio runtime is already running on the calling thread (inside an
//! async task, or in `spawn_blocking`), `block_on` would panic with "Cannot
//! start a runtime from within a runtime". Such a call runs on a short-lived
//! scoped thread instead and blocks the caller until it ends.
//!
//! Dropping the last clone drops the runtime. Inside an async context, where
//! dropping a runtime panics, it is dropped on a scoped thread that the drop
//! joins, so no thread is left behind either way.

use std::cell::Cell;
use std::future::Future;

use tokio::runtime::{Handle, Runtime};

/// A runtime problem of the blocking client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuntimeError {
    /// The runtime could not be built.
    #[error("could not start the runtime of the blocking client: {0}")]
    Start(#[source] std::io::Error),
    /// The call did not finish: the thread that ran it panicked, or the
    /// runtime is gone.
    #[error("the runtime of the blocking client stopped before the call finished")]
    Stopped,
    /// A blocking call was made from a future that the client's own runtime
    /// was running, where waiting for the result would wait forever.
    #[error(
        "a blocking call was made from inside another call of the blocking client; \
         use the async client (extend_core::Client) inside async code"
    )]
    Reentrant,
}

thread_local! {
    /// Whether this thread is inside `block_on` of a blocking client.
    static IN_CALL: Cell<bool> = const { Cell::new(false) };
}

/// The runtime shared by all clones of a client.
#[derive(Debug)]
pub(crate) struct ClientRuntime {
    runtime: Option<Runtime>,
}

impl ClientRuntime {
    pub(crate) fn start() -> Result<Self, RuntimeError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(RuntimeError::Start)?;
        Ok(ClientRuntime {
            runtime: Some(runtime),
        })
    }

    /// Runs `future` to its end and returns its output, on this thread when
    /// no runtime is running here, else on a scoped thread.
    pub(crate) fn run<F>(&self, future: F) -> Result<F::Output, RuntimeError>
    where
        F: Future + Send,
        F::Output: Send,
    {
        let runtime = self.runtime.as_ref().ok_or(RuntimeError::Stopped)?;
        if IN_CALL.get() {
            // The outer call keeps this thread inside `block_on`, so a
            // nested call would wait for a runtime that this thread drives.
            return Err(RuntimeError::Reentrant);
        }
        if Handle::try_current().is_err() {
            return Ok(block_on_here(runtime, future));
        }

        tracing::debug!("blocking call inside an async context; running it on a scoped thread");
        std::thread::scope(|scope| {
            scope
                .spawn(|| block_on_here(runtime, future))
                .join()
                .map_err(|_| RuntimeError::Stopped)
        })
    }
}

/// `block_on` with the reentrancy flag set for its duration.
fn block_on_here<F: Future>(runtime: &Runtime, future: F) -> F::Output {
    IN_CALL.set(true);
    // Clears the flag however `block_on` ends, a panic included.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            IN_CALL.set(false);
        }
    }
    let _reset = Reset;
    runtime.block_on(future)
}

impl Drop for ClientRuntime {
    fn drop(&mut self) {
        let Some(runtime) = self.runtime.take() else {
            return;
        };
        if Handle::try_current().is_err() {
            drop(runtime);
            return;
        }
        // Dropping a runtime inside an async context panics with "Cannot
        // drop a runtime in a context where blocking is not allowed".
        std::thread::scope(|scope| {
            scope.spawn(move || drop(runtime));
        });
    }
}
