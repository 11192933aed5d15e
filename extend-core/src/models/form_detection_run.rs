use serde::{Deserialize, Serialize};

use super::config::FormDetectionConfig;
use super::{File, FormMetrics, Usage};
use crate::{FailureReason, Run, RunStatus};

/// A form detection run (`object: "form_detection_run"`): the fields of a
/// PDF form found and described as a schema for edit runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormDetectionRun {
    /// Always `form_detection_run`.
    #[serde(default = "form_detection_run_object")]
    pub object: String,
    /// Run id.
    pub id: String,
    /// Current status.
    pub status: RunStatus,
    /// The output, once the run is `PROCESSED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<FormDetectionOutput>,
    /// The reason the run failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// Human-readable failure detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// The configuration used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<FormDetectionConfig>,
    /// The form that was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// Processing metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<FormMetrics>,
    /// Credits used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

fn form_detection_run_object() -> String {
    "form_detection_run".to_owned()
}

impl Run for FormDetectionRun {
    const KIND: &'static str = "form_detection_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}

/// The output of a form detection run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormDetectionOutput {
    /// JSON Schema of the detected fields, ready for an edit run's config.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<serde_json::Value>,
    /// The schema with the positions of the fields on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotated_schema: Option<serde_json::Value>,
    /// The mapping of the input schema onto the fields, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping_result: Option<MappingResult>,
}

/// The mapping of the paths of an input schema onto form fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingResult {
    /// Input paths matched to a form field.
    #[serde(default)]
    pub matches: Vec<FieldMatch>,
    /// Input paths that match no form field.
    #[serde(default)]
    pub unmatched_input_paths: Vec<String>,
    /// Form fields that no input path matches.
    #[serde(default)]
    pub unused_form_field_keys: Vec<String>,
}

/// One input path matched to a form field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldMatch {
    /// Key of the form field.
    pub form_field_key: String,
    /// Dotted path in the input data, such as `applicant.address.street`.
    pub input_path: String,
}
