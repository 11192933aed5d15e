use serde::{Deserialize, Serialize};

use super::FileRef;
use crate::{ExtractConfig, Metadata};

/// A saved processor (extractor, classifier, splitter) and which version to use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessorRef {
    /// Processor id (`ex_...`, `cl_...`, `spl_...`).
    pub id: String,
    /// `"latest"`, `"draft"` or a published version such as `"1.0"`;
    /// `None` means the latest published version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Keys that override the saved configuration for this run only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_config: Option<serde_json::Value>,
}

/// Body of `POST /extract_runs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtractRunCreate {
    /// The document to extract from.
    pub file: FileRef,
    /// A saved extractor; exclusive with `config`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<ProcessorRef>,
    /// An inline configuration; exclusive with `extractor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ExtractConfig>,
    /// Queue priority, 1 (first) to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// Metadata echoed back on the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl ExtractRunCreate {
    /// Extracts the fields of `schema` (a JSON Schema object) from `file`.
    pub fn with_schema(file: FileRef, schema: serde_json::Value) -> Self {
        ExtractRunCreate {
            file,
            extractor: None,
            config: Some(ExtractConfig {
                schema: Some(schema),
                ..ExtractConfig::default()
            }),
            priority: None,
            metadata: None,
        }
    }

    /// Extracts with a saved extractor.
    pub fn with_extractor(file: FileRef, extractor: ProcessorRef) -> Self {
        ExtractRunCreate {
            file,
            extractor: Some(extractor),
            config: None,
            priority: None,
            metadata: None,
        }
    }
}
