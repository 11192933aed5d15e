use serde::{Deserialize, Serialize};

use super::config::EditConfig;
use super::{File, Usage};
use crate::{FailureReason, Run, RunStatus};

/// An edit run (`object: "edit_run"`): a PDF form filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditRun {
    /// Always `edit_run`.
    #[serde(default = "edit_run_object")]
    pub object: String,
    /// Run id (`edr_...`).
    pub id: String,
    /// Current status.
    pub status: RunStatus,
    /// The output, once the run is `PROCESSED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<EditOutput>,
    /// The reason the run failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// Human-readable failure detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// The edit configuration used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<EditConfig>,
    /// The form that was filled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// Processing metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<FormMetrics>,
    /// Credits used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

fn edit_run_object() -> String {
    "edit_run".to_owned()
}

impl Run for EditRun {
    const KIND: &'static str = "edit_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}

/// The output of an edit run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditOutput {
    /// The filled PDF.
    pub edited_file: EditedFile,
    /// The values written into the form, by field key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_values: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The file an edit run produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditedFile {
    /// File id (`file_...`).
    pub id: String,
    /// Short-lived download URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presigned_url: Option<String>,
}

/// Processing metrics of edit and form detection runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormMetrics {
    /// Total processing time in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time_ms: Option<f64>,
    /// Number of pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_count: Option<f64>,
    /// Number of form fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_count: Option<f64>,
    /// Time spent detecting fields, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_detection_time_ms: Option<f64>,
    /// Time spent annotating fields, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_annotation_time_ms: Option<f64>,
    /// Time spent filling fields, in milliseconds (edit runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_filling_time_ms: Option<f64>,
    /// Number of fields detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields_detected_count: Option<f64>,
    /// Number of fields annotated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields_annotated_count: Option<f64>,
}
