use serde::{Deserialize, Serialize};

use super::{File, Metadata, StepRun, Usage, Workflow, WorkflowVersion};
use crate::{FailureReason, Run, RunStatus};

/// A workflow run (`object: "workflow_run"`): one document through the
/// steps of a workflow.
///
/// List routes return the same object without `stepRuns` and `files`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRun {
    /// Always `workflow_run`.
    #[serde(default = "workflow_run_object")]
    pub object: String,
    /// Run id (`workflow_run_...`).
    pub id: String,
    /// Current status; may be `NEEDS_REVIEW`, `REJECTED` or `CANCELLING`.
    pub status: RunStatus,
    /// Display name, when one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The workflow run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<Workflow>,
    /// The workflow version run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow_version: Option<WorkflowVersion>,
    /// Link to the run in the Extend dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dashboard_url: Option<String>,
    /// Metadata given at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The processed files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<File>>,
    /// Whether a human reviewed the run; absent on list items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<bool>,
    /// The user who reviewed the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by_user: Option<String>,
    /// When the run was reviewed (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_at: Option<String>,
    /// The reviewer's note, for a `REJECTED` run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_note: Option<String>,
    /// The step runs, tagged by `stepType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_runs: Option<Vec<StepRun>>,
    /// Id of the batch that created this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<String>,
    /// The reason the run failed. Workflow runs document no fixed set of values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// Human-readable failure detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// When the first attempt of the run started (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_run_at: Option<String>,
    /// When the latest attempt started (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// When the run ended (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
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

fn workflow_run_object() -> String {
    "workflow_run".to_owned()
}

impl Run for WorkflowRun {
    const KIND: &'static str = "workflow_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}
