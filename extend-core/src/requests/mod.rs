//! Request bodies of the create, sync and batch routes.
//!
//! Constructors and `validate` reject what the API would reject anyway, so
//! the error comes before anything is sent. They check for raw text where a
//! route takes only a URL or a file id, a priority outside 1 to 100, a batch
//! outside 1 to 1000 inputs, and a processor given both by id and inline.

mod batch;
mod checks;
mod classify;
mod edit;
mod extract;
mod file_ref;
mod package;
mod parse;
mod split;
mod webhook;
mod workflow;

pub use crate::models::config::ExtractConfig;
pub use batch::{
    BatchInput, ClassifyRunBatchCreate, ExtractRunBatchCreate, ParseRunBatchCreate,
    SplitRunBatchCreate, WorkflowBatchInput, WorkflowRunBatchCreate,
};
pub(crate) use checks::reject_priority;
pub use checks::{MAX_BATCH_INPUTS, MAX_METADATA_BYTES, MAX_PRIORITY, MIN_PRIORITY};
pub use classify::ClassifyRunCreate;
pub use edit::{EditRunCreate, FormDetectionRunCreate};
pub use extract::{ExtractRunCreate, ProcessorRef};
pub use file_ref::{FileRef, FileSettings};
pub use package::{Document, FilePackage, MAX_PACKAGE_FILES, MIN_PACKAGE_FILES};
pub use parse::{DataRetention, DataRetentionMode, ParseRunCreate};
pub use split::SplitRunCreate;
pub use webhook::{
    WebhookEndpointCreate, WebhookEndpointUpdate, WebhookSubscriptionCreate,
    WebhookSubscriptionUpdate,
};
pub use workflow::{PresetOutput, Secrets, WorkflowRef, WorkflowRunCreate, WorkflowRunUpdate};
