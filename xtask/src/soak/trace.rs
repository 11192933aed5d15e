//! Counts the retries the SDK logs, so the soak report can show them.
//!
//! The transport logs each retry at WARN with a message that starts with
//! "retrying request", and the poller logs each transient error it absorbs
//! with "transient error while polling". Any other WARN or ERROR event of
//! the SDK is counted too, and the first few are printed.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

/// How many unexpected SDK warnings are printed before the rest are only counted.
const PRINTED_WARNINGS: u64 = 5;

/// Retry and warning counts collected from the SDK's tracing events.
#[derive(Debug, Default)]
pub(crate) struct RetryCounts {
    /// Requests the transport sent again.
    pub(crate) transport_retries: AtomicU64,
    /// Transient errors that a wait absorbed and polled past.
    pub(crate) poll_errors_absorbed: AtomicU64,
    /// Other WARN and ERROR events of the SDK.
    pub(crate) other_warnings: AtomicU64,
}

/// The tracing layer that fills a [`RetryCounts`].
pub(crate) struct CountingLayer {
    counts: Arc<RetryCounts>,
}

impl CountingLayer {
    pub(crate) fn new(counts: Arc<RetryCounts>) -> Self {
        CountingLayer { counts }
    }
}

impl<S: Subscriber> Layer<S> for CountingLayer {
    fn on_event(&self, event: &Event<'_>, _context: Context<'_, S>) {
        let metadata = event.metadata();
        if *metadata.level() > Level::WARN || !metadata.target().starts_with("extend_") {
            return;
        }
        let mut message = MessageText::default();
        event.record(&mut message);

        let counter = if message.0.starts_with("retrying request") {
            &self.counts.transport_retries
        } else if message.0.starts_with("transient error while polling") {
            &self.counts.poll_errors_absorbed
        } else {
            &self.counts.other_warnings
        };
        let seen = counter.fetch_add(1, Ordering::Relaxed);
        if std::ptr::eq(counter, &self.counts.other_warnings) && seen < PRINTED_WARNINGS {
            eprintln!(
                "soak: SDK {} {}: {}",
                metadata.level(),
                metadata.target(),
                message.0
            );
        }
    }
}

/// The `message` field of an event.
#[derive(Default)]
struct MessageText(String);

impl Visit for MessageText {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0 = value.to_owned();
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}
