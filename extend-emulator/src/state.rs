//! The shared state of one running emulator.

use axum::body::Bytes;
use extend_core::FileType;
use serde_json::Value;
use std::fmt;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::store::Table;

/// Everything the handlers and the run tasks share.
#[derive(Debug)]
pub(crate) struct AppState {
    /// Settings given to the builder.
    pub(crate) config: Config,
    /// Uploaded files.
    pub(crate) files: Table<StoredFile>,
    /// Parse runs.
    pub(crate) parse_runs: Table<Value>,
    /// Extract runs.
    pub(crate) extract_runs: Table<Value>,
    /// Cancelled when the emulator stops; run tasks end when it fires.
    pub(crate) shutdown: CancellationToken,
    /// Permits for reading documents on the blocking thread pool, so many
    /// runs at once do not each take a thread.
    pub(crate) document_readers: Semaphore,
}

impl AppState {
    /// Creates empty state.
    pub(crate) fn new(config: Config, shutdown: CancellationToken) -> Self {
        let readers = std::thread::available_parallelism().map_or(2, usize::from);
        AppState {
            config,
            files: Table::new(),
            parse_runs: Table::new(),
            extract_runs: Table::new(),
            shutdown,
            document_readers: Semaphore::new(readers),
        }
    }
}

/// An uploaded file: its API object and its bytes.
#[derive(Clone)]
pub(crate) struct StoredFile {
    /// The `File` object the API returns.
    pub(crate) file: Value,
    /// The detected type, `None` when unknown.
    pub(crate) file_type: Option<FileType>,
    /// The uploaded bytes.
    pub(crate) bytes: Bytes,
    /// The `password` part of the upload, used to open an encrypted PDF.
    pub(crate) password: Option<String>,
}

impl fmt::Debug for StoredFile {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("StoredFile")
            .field("id", &self.file.get("id"))
            .field("bytes", &self.bytes.len())
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}
