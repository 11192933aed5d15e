use serde::{Deserialize, Serialize};

use super::config::ClassifyConfig;
use super::{Classifier, ClassifierVersion, File, Insight, Metadata, Usage};
use crate::{FailureReason, Run, RunStatus};

/// A classify run (`object: "classify_run"`): a document assigned to one of
/// the configured classes.
///
/// List routes return the same object without `output` and `config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyRun {
    /// Always `classify_run`.
    #[serde(default = "classify_run_object")]
    pub object: String,
    /// Run id (`clr_...`).
    pub id: String,
    /// Current status.
    pub status: RunStatus,
    /// The output, once the run is `PROCESSED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ClassifyOutput>,
    /// The output before any human review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_output: Option<ClassifyOutput>,
    /// The output after human review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_output: Option<ClassifyOutput>,
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
    /// The classification configuration used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ClassifyConfig>,
    /// The saved classifier used, when the run named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classifier: Option<Classifier>,
    /// The classifier version used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classifier_version: Option<ClassifierVersion>,
    /// The processed file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// Id of the parse run this classification used.
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

fn classify_run_object() -> String {
    "classify_run".to_owned()
}

impl Run for ClassifyRun {
    const KIND: &'static str = "classify_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}

/// The output of a classify run: the chosen class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyOutput {
    /// Id of the chosen class.
    pub id: String,
    /// Name of the chosen class.
    pub r#type: String,
    /// Confidence of the choice, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// The model's reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insights: Option<Vec<Insight>>,
}
