use serde::{Deserialize, Serialize};

use super::{File, Metadata, Usage};
use crate::{FailureReason, Run, RunStatus};

/// An extract run (`object: "extract_run"`): fields pulled from a document
/// according to a schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtractRun {
    /// Always `extract_run`.
    #[serde(default = "extract_run_object")]
    pub object: String,
    /// Run id (`exr_...`).
    pub id: String,
    /// Current status.
    pub status: RunStatus,
    /// The output, once the run is `PROCESSED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ExtractOutput>,
    /// The output before any human review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_output: Option<ExtractOutput>,
    /// The output after human review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_output: Option<ExtractOutput>,
    /// Why the run failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// Human-readable failure detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// Metadata given at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Whether a human reviewed the output.
    #[serde(default)]
    pub reviewed: bool,
    /// Whether a human edited the output.
    #[serde(default)]
    pub edited: bool,
    /// The extraction configuration used, kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<serde_json::Value>,
    /// The processed file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// Id of the parse run this extraction used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parse_run_id: Option<String>,
    /// Link to the run in the Extend dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dashboard_url: Option<String>,
    /// Credits used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

fn extract_run_object() -> String {
    "extract_run".to_owned()
}

impl Run for ExtractRun {
    const KIND: &'static str = "extract_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}

/// The output of an extract run: `{value, metadata}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractOutput {
    /// The extracted JSON object, shaped by the schema.
    #[serde(default)]
    pub value: serde_json::Map<String, serde_json::Value>,
    /// Per-field metadata (confidence, citations), kept as JSON.
    #[serde(default)]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}
