//! Wire models of the objects the API returns.
//!
//! Field names follow the API's camelCase through `serde(rename_all)`.
//! Unknown fields are ignored on input; absent and `null` both decode to
//! `None`. Numbers the API documents as `number` are `f64`. Every enum the
//! server sends is open: a value this crate does not know decodes to an
//! `Unknown` variant and encodes back unchanged.

mod batch_run;
mod block;
mod classify_run;
mod common;
pub mod config;
mod edit_run;
mod extract_run;
mod file;
mod form_detection_run;
mod list;
mod parse_run;
mod parse_run_status;
mod processor;
mod split_run;
mod step_run;
mod webhook;
mod workflow;
mod workflow_run;

pub use batch_run::{BatchRun, WorkflowBatch};
pub use block::{
    BarcodeDetails, Block, BlockDetails, BlockMetadata, BlockType, BoundingBox, FigureDetails,
    FigureType, FormulaDetails, Point, SheetRef, TableCellDetails, TableDetails, TextDetails,
};
pub use classify_run::{ClassifyOutput, ClassifyRun};
pub use common::{
    FailureReason, Insight, Metadata, PageRange, RunKind, Usage, UsageBreakdownEntry, UsageCharge,
};
pub use config::{
    ClassifyConfig, EditConfig, ExtractConfig, FormDetectionConfig, ParseConfig, SplitConfig,
};
pub use edit_run::{EditOutput, EditRun, EditedFile, FormMetrics};
pub use extract_run::{ExtractFieldMetadata, ExtractOutput, ExtractRun, FieldEdit};
pub use file::{
    File, FileContents, FileMetadata, FilePage, FileSection, FileSheet, FileType, ParentSplit,
};
pub use form_detection_run::{FieldMatch, FormDetectionOutput, FormDetectionRun, MappingResult};
pub use list::{DeleteResponse, List};
pub use parse_run::{
    Chunk, ChunkMetadata, ChunkType, OcrOutput, OcrWord, ParseMetrics, ParseOutput, ParseRun,
};
pub use parse_run_status::ParseRunStatus;
pub use processor::{
    Classifier, ClassifierVersion, Extractor, ExtractorVersion, Splitter, SplitterVersion,
};
pub use split_run::{Split, SplitOutput, SplitRun};
pub use step_run::{
    RuleFailureReason, RuleResult, StepRef, StepResult, StepRun, StepRunStatus, StepType,
};
pub use webhook::{
    PayloadFormat, PayloadOptions, SubscriptionResourceType, WebhookAdvancedOptions,
    WebhookEndpoint, WebhookEndpointCreated, WebhookEndpointStatus, WebhookSubscription,
};
pub use workflow::{Workflow, WorkflowStep, WorkflowStepKind, WorkflowStepLink, WorkflowVersion};
pub use workflow_run::WorkflowRun;

use crate::RunStatus;

/// A run object of any type: what a poller needs to know about it.
///
/// Runs are `Clone`, so a poller can keep the last snapshot it returned.
pub trait Run: serde::de::DeserializeOwned + Clone + Send + Sync + 'static {
    /// The API's name for this run type, used in paths and messages
    /// (`parse_run`, `extract_run`, ...).
    const KIND: &'static str;

    /// The run id.
    fn id(&self) -> &str;

    /// The current status.
    fn status(&self) -> &RunStatus;
}
