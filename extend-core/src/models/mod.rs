//! Wire models of the objects the API returns.
//!
//! Field names follow the API's camelCase through `serde(rename_all)`.
//! Unknown fields are ignored on input; absent and `null` both decode to
//! `None`. Numbers the API documents as `number` are `f64`.

mod common;
mod extract_run;
mod file;
mod list;
mod parse_run;

pub use common::{FailureReason, Metadata, Usage};
pub use extract_run::{ExtractOutput, ExtractRun};
pub use file::{File, FileMetadata, FileType};
pub use list::{DeleteResponse, List};
pub use parse_run::{Block, Chunk, ChunkType, PageRange, ParseMetrics, ParseOutput, ParseRun};

use crate::RunStatus;

/// A run object of any type: what a poller needs to know about it.
pub trait Run: serde::de::DeserializeOwned + Send + Sync + 'static {
    /// The API's name for this run type, used in paths and messages
    /// (`parse_run`, `extract_run`, ...).
    const KIND: &'static str;

    /// The run id.
    fn id(&self) -> &str;

    /// The current status.
    fn status(&self) -> &RunStatus;
}
