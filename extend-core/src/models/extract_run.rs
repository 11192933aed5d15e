use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::config::ExtractConfig;
use super::{Extractor, ExtractorVersion, File, Insight, Metadata, Usage};
use crate::{FailureReason, Run, RunStatus};

/// An extract run (`object: "extract_run"`): fields pulled from a document
/// according to a schema.
///
/// List routes return the same object without `output` and `config`.
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
    /// The edits a reviewer made, by field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edits: Option<BTreeMap<String, FieldEdit>>,
    /// The extraction configuration used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ExtractConfig>,
    /// The saved extractor used, when the run named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<Extractor>,
    /// The extractor version used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor_version: Option<ExtractorVersion>,
    /// The processed file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// The processed files, when the run was created with a package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<File>>,
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

/// One reviewer edit of an extracted field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldEdit {
    /// The value before the edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_value: Option<serde_json::Value>,
    /// The value after the edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_value: Option<serde_json::Value>,
    /// The schema type of the field, such as `string`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<String>,
    /// The reviewer's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Page the edit refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<f64>,
}

/// The output of an extract run: `{value, metadata}`.
///
/// Older extractors return a flat map of field results instead. The shape
/// rule: an object with a `value` key that contains an object is the current
/// form; any other object is the legacy form, kept whole in
/// [`legacy_fields`](Self::legacy_fields) and encoded back unchanged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtractOutput {
    /// The extracted JSON object, shaped by the schema.
    pub value: serde_json::Map<String, serde_json::Value>,
    /// Per-field metadata (confidence, citations), by field name.
    pub metadata: BTreeMap<String, ExtractFieldMetadata>,
    /// The whole output, when the server sent the legacy flat form.
    pub legacy_fields: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The current `{value, metadata}` form, for encoding.
#[derive(Serialize)]
struct ExtractOutputWire {
    value: serde_json::Map<String, serde_json::Value>,
    metadata: BTreeMap<String, ExtractFieldMetadata>,
}

impl Serialize for ExtractOutput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(legacy) = &self.legacy_fields {
            return legacy.serialize(serializer);
        }
        ExtractOutputWire {
            value: self.value.clone(),
            metadata: self.metadata.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ExtractOutput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut fields = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;

        // The extracted object is moved out of the map, not decoded again.
        // A second pass would rebuild every nested map and list, which was
        // about a fifth of the work of parsing a dense webhook delivery.
        let value = match fields.remove("value") {
            Some(serde_json::Value::Object(value)) => value,
            other => {
                if let Some(value) = other {
                    fields.insert("value".to_owned(), value);
                }
                return Ok(ExtractOutput {
                    legacy_fields: Some(fields),
                    ..ExtractOutput::default()
                });
            }
        };

        let metadata = match fields.remove("metadata") {
            Some(metadata) => BTreeMap::<String, ExtractFieldMetadata>::deserialize(metadata)
                .map_err(serde::de::Error::custom)?,
            None => BTreeMap::new(),
        };

        Ok(ExtractOutput {
            value,
            metadata,
            legacy_fields: None,
        })
    }
}

/// Metadata of one extracted field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtractFieldMetadata {
    /// Confidence of the text recognition, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f64>,
    /// Confidence of the model, from its token probabilities, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs_confidence: Option<f64>,
    /// Score the review agent gave the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_agent_score: Option<f64>,
    /// The places in the document where the value was found, as JSON.
    // NOTE: the citation shape is not described in the API reference this
    // crate was written from, so citations stay JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citations: Option<Vec<serde_json::Value>>,
    /// The model's reasoning about the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insights: Option<Vec<Insight>>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn decode(raw: serde_json::Value) -> Result<ExtractOutput, serde_json::Error> {
        serde_json::from_str(&raw.to_string())
    }

    #[test]
    fn output_value_not_object_is_legacy() {
        for raw in [
            json!({"value": "INV-1", "metadata": {"total": 3}}),
            json!({"value": null}),
            json!({"value": [1, 2]}),
            json!({"total": {"value": 12.5}}),
        ] {
            let output = decode(raw.clone()).unwrap();
            assert_eq!(output.legacy_fields.as_ref(), raw.as_object(), "{raw}");
            assert!(output.value.is_empty(), "{raw}");
            assert!(output.metadata.is_empty(), "{raw}");
        }
    }

    #[test]
    fn output_current_form_ignores_extra_keys() {
        let raw = json!({"value": {"total": 12.5}, "metadata": {}, "extra": true});
        let output = decode(raw).unwrap();
        assert_eq!(output.legacy_fields, None);
        assert_eq!(output.value["total"], 12.5);
        assert!(output.metadata.is_empty());
    }

    #[test]
    fn output_missing_metadata_is_empty() {
        let output = decode(json!({"value": {"total": 1}})).unwrap();
        assert_eq!(output.legacy_fields, None);
        assert!(output.metadata.is_empty());
    }

    #[test]
    fn output_invalid_metadata_rejected() {
        for raw in [
            json!({"value": {}, "metadata": null}),
            json!({"value": {}, "metadata": []}),
            json!({"value": {}, "metadata": {"total": {"ocrConfidence": "high"}}}),
        ] {
            assert!(decode(raw.clone()).is_err(), "{raw}");
        }
    }

    #[test]
    fn output_duplicate_value_last_wins() {
        let output: ExtractOutput =
            serde_json::from_str(r#"{"value": {"a": 1}, "value": "text"}"#).unwrap();
        assert_eq!(
            output.legacy_fields,
            Some(json!({"value": "text"}).as_object().unwrap().clone())
        );
    }
}
