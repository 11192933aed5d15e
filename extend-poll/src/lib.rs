//! Waiting for Extend runs to finish.
//!
//! Every processing endpoint of the Extend API has an asynchronous mode: the
//! create returns a run at once and the result comes later. This crate polls
//! such a run until its status is terminal, on the hybrid schedule of the
//! official SDKs: a poll every second for the first 30 s, then exponential
//! backoff by 1.15 up to 30 s, with +/-25% jitter and an optional max wait.
//!
//! ```no_run
//! # async fn demo<T: extend_core::Transport + 'static>(client: extend_core::Client<T>) -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use extend_core::{ExtractRunCreate, FileRef};
//! use extend_poll::{PollError, Poller, PollingOptions};
//!
//! let poller = Poller::new(PollingOptions::default().max_wait(Duration::from_secs(600)))?;
//! let request = ExtractRunCreate::with_schema(
//!     FileRef::id("file_123"),
//!     serde_json::json!({"type": "object", "properties": {"total": {"type": "number"}}}),
//! );
//! match poller.create_and_poll(&client.extract_runs(), &request).await {
//!     Ok(run) => println!("{} ended {}", run.id, run.status),
//!     Err(PollError::TimedOut(timed_out)) => println!("still running: {}", timed_out.run_id),
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(()) }
//! ```
//!
//! The schedule ([`PollSchedule`]) is pure and seedable; the wait reads time
//! through one [`Clock`], tokio's by default, so tests drive it with
//! `tokio::time::pause`. Transient errors (no response, 408, 429, 5xx) are
//! absorbed while [`PollingOptions::error_budget`] lasts.
//!
//! This crate has no cargo features.

#![warn(missing_docs, unreachable_pub)]

mod clock;
mod error;
mod many;
mod options;
mod poller;
mod schedule;
mod snapshots;

pub use clock::{Clock, TokioClock};
pub use error::{PollError, TimedOut};
pub use many::{ManyItem, ManyOptions};
pub use options::{InvalidOptions, PollingOptions};
pub use poller::{Observer, Poller};
pub use schedule::{backoff_attempt, base_delay_ms, PollSchedule};
