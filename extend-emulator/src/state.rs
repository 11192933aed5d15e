//! The shared state of one running emulator.

use axum::body::Bytes;
use extend_core::FileType;
use serde_json::Value;
use std::fmt;
use tokio::sync::{broadcast, mpsc, Semaphore};
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::kinds::RunKind;
use crate::store::Table;
use crate::webhooks::{Event, StoredEndpoint};

/// How many finished-run notices a slow synchronous request may miss
/// before it re-reads the run from its table.
const FINISHED_CHANNEL_CAPACITY: usize = 1024;

/// Everything the handlers and the run tasks share.
#[derive(Debug)]
pub(crate) struct AppState {
    /// Settings given to the builder.
    pub(crate) config: Config,
    /// `http://127.0.0.1:PORT`, for URLs the emulator serves itself.
    pub(crate) base_url: String,
    /// Uploaded files.
    pub(crate) files: Table<StoredFile>,
    /// One table of runs per run type, indexed by [`RunKind::index`].
    runs: [Table<Value>; 7],
    /// Batch runs of extract, classify, split and parse runs.
    pub(crate) batches: Table<Value>,
    /// Webhook endpoints with their signing secrets.
    pub(crate) webhook_endpoints: Table<StoredEndpoint>,
    /// Webhook subscriptions.
    pub(crate) webhook_subscriptions: Table<Value>,
    /// Payloads behind signed URLs, keyed by the URL's token.
    pub(crate) signed_payloads: Table<Bytes>,
    /// Events for the webhook delivery task.
    pub(crate) events: mpsc::UnboundedSender<Event>,
    /// Ids of runs that reached a terminal status, for synchronous requests.
    pub(crate) finished: broadcast::Sender<String>,
    /// Cancelled when the emulator stops; run tasks end when it fires.
    pub(crate) shutdown: CancellationToken,
    /// Permits for reading documents on the blocking thread pool, so many
    /// runs at once do not each take a thread.
    pub(crate) document_readers: Semaphore,
}

impl AppState {
    /// Creates empty state; events go to `events`.
    pub(crate) fn new(
        config: Config,
        base_url: String,
        events: mpsc::UnboundedSender<Event>,
        shutdown: CancellationToken,
    ) -> Self {
        let readers = std::thread::available_parallelism().map_or(2, usize::from);
        let (finished, _) = broadcast::channel(FINISHED_CHANNEL_CAPACITY);
        AppState {
            config,
            base_url,
            files: Table::new(),
            runs: std::array::from_fn(|_| Table::new()),
            batches: Table::new(),
            webhook_endpoints: Table::new(),
            webhook_subscriptions: Table::new(),
            signed_payloads: Table::new(),
            events,
            finished,
            shutdown,
            document_readers: Semaphore::new(readers),
        }
    }

    /// Creates state for unit tests whose events nobody reads.
    #[cfg(test)]
    pub(crate) fn for_tests(config: Config) -> Self {
        let (events, _) = mpsc::unbounded_channel();
        AppState::new(
            config,
            "http://127.0.0.1:0".to_owned(),
            events,
            CancellationToken::new(),
        )
    }

    /// The table of runs of `kind`.
    pub(crate) fn runs(&self, kind: RunKind) -> &Table<Value> {
        &self.runs[kind.index()]
    }

    /// Queues a webhook event; a stopped delivery task drops it.
    pub(crate) fn emit(&self, event_type: String, payload: Value) {
        if self
            .events
            .send(Event {
                event_type,
                payload,
            })
            .is_err()
        {
            tracing::debug!("webhook delivery task stopped; event dropped");
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
