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
//! A client owns one background thread running a current-thread tokio
//! runtime, shared by all its clones. Each call hands its future to that
//! runtime and waits on a channel for the result, so the calling thread never
//! runs a runtime itself. That is why calls work from plain threads, from
//! `spawn_blocking` and even from inside an async task, where
//! `Runtime::block_on` would panic with "Cannot start a runtime from within a
//! runtime". A call inside an async task still blocks that task's thread, so
//! async code should use the async client (`extend_core::Client` with
//! `extend_http::HttpTransport`) instead.
//!
//! The cost: one extra thread for the life of the client, and two channel
//! hand-offs per call. When the last clone is dropped, the runtime thread
//! drops its runtime itself and exits, and the drop waits for it: no thread
//! is left behind, and dropping inside an async context does not panic with
//! "Cannot drop a runtime in a context where blocking is not allowed". The
//! same holds in debug and release builds; nothing here depends on
//! `debug_assertions`.
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

use runtime::Background;

/// What every handle shares: the async client, the poller and the runtime.
#[derive(Debug, Clone)]
pub(crate) struct Inner {
    pub(crate) client: extend_core::Client<HttpTransport>,
    pub(crate) poller: Poller,
    pub(crate) background: Arc<Background>,
}

/// The blocking Extend client. `Send + Sync`, and cheap to clone: clones
/// share one background runtime and one HTTP connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Inner,
}

impl Client {
    /// Starts the background runtime and wraps `transport`, with the default
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
                background: Arc::new(Background::start()?),
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

    /// Runs any future on the background runtime and blocks until it ends:
    /// the escape hatch for what the handles do not cover.
    ///
    /// # Errors
    ///
    /// [`RuntimeError`] when the background runtime is gone.
    pub fn block_on<F>(&self, future: F) -> Result<F::Output, RuntimeError>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.inner.background.run(future)
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
            .background
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
