//! A blocking facade over the Extend client, for code that is not async.
//!
//! [`Client`] mirrors the async client: the same resource handles with the
//! same methods, `create_and_poll`, `poll` and `watch` (as an [`Iterator`]),
//! the same options and the same errors.
//!
//! ```no_run
//! use extend_blocking::Client;
//! use extend_core::{FileRef, ParseRunCreate};
//!
//! let transport = extend_http::HttpTransport::builder().api_key_from_env().build()?;
//! let client = Client::new(transport)?;
//! let file = client.files().upload(std::path::Path::new("invoice.pdf"))?;
//! let run = client
//!     .parse_runs()
//!     .create_and_poll(&ParseRunCreate::new(FileRef::id(file.id))?)?;
//! println!("{} ended {}", run.id, run.status);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How it runs
//!
//! A client owns one current-thread tokio runtime, shared by all its clones,
//! and no thread of its own. A call runs its future with `Runtime::block_on`
//! on the calling thread, so the request and the response are handled there
//! with no hand-off between threads. A blocking call therefore costs about what the
//! async client costs under `block_on` (see BENCHMARKS.md at the repository
//! root). Calls from several threads at once share the runtime; tokio lets
//! one of them drive its I/O while the others wait for their own responses.
//!
//! Inside an async context (an async task, or `spawn_blocking`),
//! `Runtime::block_on` would panic with "Cannot start a runtime from within
//! a runtime", so a call there runs on a short-lived scoped thread and
//! blocks the caller until it ends. It works, but it blocks that task's
//! thread and pays for a thread per call, so async code should use the
//! async client (`extend_core::Client` with `extend_http::HttpTransport`).
//! A blocking call made from inside another call of the same client (from
//! a future given to [`Client::block_on`]) returns
//! [`RuntimeError::Reentrant`] instead of waiting forever.
//!
//! When the last clone is dropped, the runtime is dropped with it. Inside an
//! async context that happens on a scoped thread the drop joins, so it does
//! not panic with "Cannot drop a runtime in a context where blocking is not
//! allowed" and no thread is left behind. The same holds in debug and
//! release builds; nothing here depends on `debug_assertions`.
//!
//! # Features
//!
//! - `rustls` (default): TLS through rustls.
//! - `native-tls`: TLS through the platform's library.
//! - `webhooks`: `Client::fetch_signed_url`, the blocking fetch of
//!   signed-URL webhook payloads.

#![warn(missing_docs, unreachable_pub)]

mod error;
mod handles;
mod iter;
mod runtime;

use std::future::Future;
use std::sync::Arc;

use extend_http::HttpTransport;
use extend_poll::{InvalidOptions, Poller, PollingOptions};

pub use error::{Error, WaitError};
pub use handles::{
    BatchRuns, ClassifyRuns, EditRuns, ExtractRuns, Files, FormDetectionRuns, ParseRuns, SplitRuns,
    WebhookEndpoints, WebhookSubscriptions, WorkflowRuns,
};
pub use iter::BlockingIter;
pub use runtime::RuntimeError;

use runtime::ClientRuntime;

/// What every handle shares: the async client, the poller and the runtime.
#[derive(Debug, Clone)]
pub(crate) struct Inner {
    pub(crate) client: extend_core::Client<HttpTransport>,
    pub(crate) poller: Poller,
    pub(crate) runtime: Arc<ClientRuntime>,
}

/// The blocking Extend client. `Send + Sync`, and cheap to clone: clones
/// share one runtime and one HTTP connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Inner,
}

impl Client {
    /// Builds the runtime and wraps `transport`, with the default
    /// polling options.
    ///
    /// # Errors
    ///
    /// [`Error::Runtime`] when the runtime thread cannot be started.
    pub fn new(transport: HttpTransport) -> Result<Self, Error> {
        let poller = Poller::new(PollingOptions::default())
            .unwrap_or_else(|_| unreachable!("the default polling options are valid"));
        Ok(Client {
            inner: Inner {
                client: extend_core::Client::new(transport),
                poller,
                runtime: Arc::new(ClientRuntime::start()?),
            },
        })
    }

    /// Sets the polling options of `create_and_poll`, `poll` and `watch`.
    ///
    /// # Errors
    ///
    /// [`InvalidOptions`] naming the first field out of range.
    pub fn with_polling_options(mut self, options: PollingOptions) -> Result<Self, InvalidOptions> {
        self.inner.poller = Poller::new(options)?;
        Ok(self)
    }

    /// Returns the async client this facade drives.
    pub fn async_client(&self) -> &extend_core::Client<HttpTransport> {
        &self.inner.client
    }

    /// Runs any future on the client's runtime and blocks until it ends:
    /// the escape hatch for what the handles do not cover.
    ///
    /// # Errors
    ///
    /// [`RuntimeError::Reentrant`] when called from inside another call of
    /// this client.
    pub fn block_on<F>(&self, future: F) -> Result<F::Output, RuntimeError>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.inner.runtime.run(future)
    }

    /// Fetches the full event behind a signed-URL webhook payload, with
    /// `fetcher`'s settings (no Extend credentials, 30 s timeout by default,
    /// `https` only unless the fetcher allows `http`).
    ///
    /// # Errors
    ///
    /// [`Error::Webhook`] with the fetcher's error, or [`Error::Runtime`].
    #[cfg(feature = "webhooks")]
    pub fn fetch_signed_url(
        &self,
        fetcher: &extend_webhooks::SignedUrlFetcher,
        event: &extend_webhooks::SignedUrlEvent,
    ) -> Result<extend_webhooks::WebhookEvent, Error> {
        let fetcher = fetcher.clone();
        let event = event.clone();
        let result = self
            .inner
            .runtime
            .run(async move { fetcher.fetch(&event).await })?;
        Ok(result?)
    }

    /// File routes.
    pub fn files(&self) -> Files {
        Files::new(self.inner.clone())
    }

    /// Parse run routes.
    pub fn parse_runs(&self) -> ParseRuns {
        ParseRuns::new(self.inner.clone())
    }

    /// Extract run routes.
    pub fn extract_runs(&self) -> ExtractRuns {
        ExtractRuns::new(self.inner.clone())
    }

    /// Classify run routes.
    pub fn classify_runs(&self) -> ClassifyRuns {
        ClassifyRuns::new(self.inner.clone())
    }

    /// Split run routes.
    pub fn split_runs(&self) -> SplitRuns {
        SplitRuns::new(self.inner.clone())
    }

    /// Edit run routes.
    pub fn edit_runs(&self) -> EditRuns {
        EditRuns::new(self.inner.clone())
    }

    /// Form detection run routes.
    pub fn form_detection_runs(&self) -> FormDetectionRuns {
        FormDetectionRuns::new(self.inner.clone())
    }

    /// Workflow run routes.
    pub fn workflow_runs(&self) -> WorkflowRuns {
        WorkflowRuns::new(self.inner.clone())
    }

    /// Batch run routes.
    pub fn batch_runs(&self) -> BatchRuns {
        BatchRuns::new(self.inner.clone())
    }

    /// Webhook endpoint routes.
    pub fn webhook_endpoints(&self) -> WebhookEndpoints {
        WebhookEndpoints::new(self.inner.clone())
    }

    /// Webhook subscription routes.
    pub fn webhook_subscriptions(&self) -> WebhookSubscriptions {
        WebhookSubscriptions::new(self.inner.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}

    #[test]
    fn client_is_send_sync_clone() {
        assert_send_sync_clone::<Client>();
        assert_send_sync_clone::<ExtractRuns>();
    }
}
