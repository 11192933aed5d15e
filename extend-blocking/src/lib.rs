//! A blocking facade over the Extend client, for code that is not async.
//!
//! [`Client`] owns one background tokio runtime with one worker thread,
//! shared by all its clones. Each call hands its future to that runtime and
//! waits on a channel for the result, so the calling thread never runs a
//! runtime itself. That is why a call also works from inside an async
//! context, where `Runtime::block_on` would panic; it still blocks that
//! thread, so async code should use the async client (`extend_core::Client`
//! with `extend_http::HttpTransport`) instead.
//!
//! The cost: one extra thread for the life of the client, and one channel
//! hand-off per call. When the last clone is dropped the runtime is shut
//! down in the background, so dropping inside an async context does not
//! panic either.
//!
//! ```no_run
//! use extend_blocking::Client;
//! use extend_core::{FileRef, ParseRunCreate};
//!
//! let transport = extend_http::HttpTransport::builder().api_key_from_env().build()?;
//! let client = Client::new(transport)?;
//! let file = client.upload_file(std::path::Path::new("invoice.pdf"))?;
//! let run = client.parse_and_poll(&ParseRunCreate::new(FileRef::id(file.id))?)?;
//! println!("{} ended {}", run.id, run.status);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `rustls` (default): TLS through rustls.
//! - `native-tls`: TLS through the platform's library.

#![warn(missing_docs, unreachable_pub)]

mod runtime;

use std::path::Path;
use std::sync::Arc;

use extend_core::{File, ParseRun, ParseRunCreate};
use extend_http::HttpTransport;
use extend_poll::{PollError, Poller, PollingOptions};

pub use runtime::RuntimeError;

use runtime::Background;

/// Errors of the blocking client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request failed; the same error the async client returns.
    #[error(transparent)]
    Api(#[from] extend_core::Error),
    /// A wait ended without a terminal run.
    #[error(transparent)]
    Poll(Box<PollError<ParseRun>>),
    /// The background runtime could not start or stopped.
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
}

/// The blocking Extend client. Cheap to clone; clones share one background
/// runtime and one HTTP connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    background: Arc<Background>,
    client: extend_core::Client<HttpTransport>,
    options: PollingOptions,
}

impl Client {
    /// Starts the background runtime and wraps `transport`.
    ///
    /// # Errors
    ///
    /// [`Error::Runtime`] when the runtime thread cannot be started.
    pub fn new(transport: HttpTransport) -> Result<Self, Error> {
        Ok(Client {
            background: Arc::new(Background::start()?),
            client: extend_core::Client::new(transport),
            options: PollingOptions::default(),
        })
    }

    /// Sets the polling options of the `*_and_poll` methods.
    pub fn with_polling_options(mut self, options: PollingOptions) -> Self {
        self.options = options;
        self
    }

    /// Uploads a local file (`POST /files/upload`).
    ///
    /// # Errors
    ///
    /// The errors of `extend_core::Files::upload`.
    pub fn upload_file(&self, path: &Path) -> Result<File, Error> {
        let files = self.client.files();
        let path = path.to_path_buf();
        Ok(self
            .background
            .run(async move { files.upload(&path).await })??)
    }

    /// Retrieves a parse run (`GET /parse_runs/{id}`).
    ///
    /// # Errors
    ///
    /// The errors of `extend_core::ParseRuns::retrieve`.
    pub fn retrieve_parse_run(&self, id: &str) -> Result<ParseRun, Error> {
        let runs = self.client.parse_runs();
        let id = id.to_owned();
        Ok(self
            .background
            .run(async move { runs.retrieve(&id).await })??)
    }

    /// Creates a parse run and waits until it is terminal.
    ///
    /// # Errors
    ///
    /// [`Error::Poll`] for every way a wait ends without a terminal run.
    pub fn parse_and_poll(&self, request: &ParseRunCreate) -> Result<ParseRun, Error> {
        let poller = Poller::new(self.options.clone())
            .map_err(|err| Error::Poll(Box::new(PollError::InvalidOptions(err))))?;
        let runs = self.client.parse_runs();
        let request = request.clone();
        let result = self
            .background
            .run(async move { poller.create_and_poll(&runs, &request).await })?;
        result.map_err(|err| Error::Poll(Box::new(err)))
    }
}
