use serde::{Deserialize, Serialize};

use super::config::SplitConfig;
use super::{File, Metadata, Splitter, SplitterVersion, Usage};
use crate::{FailureReason, Run, RunStatus};

/// A split run (`object: "split_run"`): a document cut into sub-documents,
/// each of which becomes a file of its own.
///
/// List routes return the same object without `output` and `config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitRun {
    /// Always `split_run`.
    #[serde(default = "split_run_object")]
    pub object: String,
    /// Run id (`splr_...`).
    pub id: String,
    /// Current status.
    pub status: RunStatus,
    /// The output, once the run is `PROCESSED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<SplitOutput>,
    /// The output before any human review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_output: Option<SplitOutput>,
    /// The output after human review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_output: Option<SplitOutput>,
    /// The reason the run failed.
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
    /// The splitting configuration used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<SplitConfig>,
    /// The saved splitter used, when the run named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub splitter: Option<Splitter>,
    /// The splitter version used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub splitter_version: Option<SplitterVersion>,
    /// The processed file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// Id of the parse run this split used.
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

fn split_run_object() -> String {
    "split_run".to_owned()
}

impl Run for SplitRun {
    const KIND: &'static str = "split_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}

/// The output of a split run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitOutput {
    /// The sub-documents found, in page order.
    #[serde(default)]
    pub splits: Vec<Split>,
    /// Whether the splits came from outside Extend (set by a reviewer or an
    /// external system).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_external: Option<bool>,
}

/// One sub-document of a [`SplitOutput`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Split {
    /// Split id.
    pub id: String,
    /// Name of the matched kind, such as `invoice`.
    pub r#type: String,
    /// Id of the matched kind in the configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification_id: Option<String>,
    /// The model's note on why the pages belong together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation: Option<String>,
    /// The value that identifies this sub-document, such as an invoice number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// First page, 1-based.
    pub start_page: f64,
    /// Last page, inclusive.
    pub end_page: f64,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the file cut for this sub-document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
}
