use serde::{Deserialize, Serialize};

use crate::{Run, RunStatus};

/// A batch of runs (`object: "batch_run"`), returned by the batch create
/// routes of extract, classify, split and parse runs and by
/// `GET /batch_runs/{id}`.
///
/// `status` is the aggregate of the batch's runs; list those runs with the
/// `batchId` filter of their list route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchRun {
    /// Always `batch_run`.
    #[serde(default = "batch_run_object")]
    pub object: String,
    /// Batch id (`bpr_...` or `bpar_...`).
    pub id: String,
    /// Aggregate status.
    pub status: RunStatus,
    /// Number of runs in the batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_count: Option<f64>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

fn batch_run_object() -> String {
    "batch_run".to_owned()
}

impl Run for BatchRun {
    const KIND: &'static str = "batch_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}

/// The response of `POST /workflow_runs/batch`: only the batch id.
///
/// Workflow batches cannot be read through `/batch_runs/{id}`; list their
/// runs with the `batchId` filter of the workflow run list route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowBatch {
    /// Batch id (`batch_...`).
    pub batch_id: String,
}
