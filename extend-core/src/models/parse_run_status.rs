use serde::{Deserialize, Serialize};

use super::Metadata;
use crate::{FailureReason, Run, RunStatus};

/// The slim payload of `parse_run.*` webhook events
/// (`object: "parse_run_status"`). Retrieve the parse run for its output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseRunStatus {
    /// Always `parse_run_status`.
    #[serde(default = "parse_run_status_object")]
    pub object: String,
    /// Id of the parse run.
    pub id: String,
    /// Status of the parse run.
    pub status: RunStatus,
    /// The reason the run failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// Human-readable failure detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// Metadata given at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

fn parse_run_status_object() -> String {
    "parse_run_status".to_owned()
}

impl Run for ParseRunStatus {
    const KIND: &'static str = "parse_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}
