use serde::{Deserialize, Serialize};

/// Configuration of an edit run (filling a PDF form).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditConfig {
    /// JSON Schema of the form fields and the values to fill in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<serde_json::Value>,
    /// Instructions for filling the form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Instructions for generating a schema when none is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_generation_instructions: Option<String>,
    /// Less common options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<EditAdvancedOptions>,
}

/// Configuration of a form detection run (`POST /form_detection_runs` and
/// `POST /detect_form`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormDetectionConfig {
    /// Instructions for naming and describing the detected fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// A JSON Schema of input data to map onto the detected fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_schema: Option<serde_json::Value>,
    /// Less common options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<EditAdvancedOptions>,
}

/// Less common options of edit and form detection runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditAdvancedOptions {
    /// Generates fields that depend on other fields' values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditional_generation_enabled: Option<bool>,
    /// Flattens the filled PDF so fields can no longer be edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flatten_pdf: Option<bool>,
    /// Uses only the form fields embedded in the PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native_fields_only: Option<bool>,
    /// Models radio groups as enums.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radio_enums_enabled: Option<bool>,
    /// Detects tables in the form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_parsing_enabled: Option<bool>,
}
