use serde::{Deserialize, Serialize};

use super::ParseConfig;
use crate::{open_enum, PageRange};

open_enum! {
    /// The base model family of an extraction.
    pub enum ExtractBaseProcessor {
        /// The more accurate extraction processor.
        ExtractionPerformance = "extraction_performance",
        /// The faster, cheaper extraction processor.
        ExtractionLight = "extraction_light",
    }
}

/// An extraction configuration: inline in a request, or the configuration a
/// run or extractor version used.
// NOTE: the API also has a legacy field-list form of this configuration. It
// decodes here only through `schema` being absent, and its fields are dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtractConfig {
    /// JSON Schema of the fields to extract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<serde_json::Value>,
    /// Extra instructions for the extraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction_rules: Option<String>,
    /// Base processor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_processor: Option<ExtractBaseProcessor>,
    /// Version of the base processor, such as `"4.0.0"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<String>,
    /// Less common options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<ExtractAdvancedOptions>,
    /// The parse configuration applied before extraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parse_config: Option<ParseConfig>,
}

/// Less common extraction options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtractAdvancedOptions {
    /// Sends page images to the model as well as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_multimodal_enabled: Option<bool>,
    /// The citation form of array items, such as `item`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub array_citation_strategy: Option<String>,
    /// The strategy for extracting large arrays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub array_strategy: Option<ArrayStrategy>,
    /// Granularity of citations, such as `line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_mode: Option<String>,
    /// Returns citations for extracted values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citations_enabled: Option<bool>,
    /// Tells the model the current date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_date_enabled: Option<bool>,
    /// Spreadsheet sheets to read, by 1-based index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_sheet_ranges: Option<Vec<PageRange>>,
    /// The sheet selection strategy, such as `intelligent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_sheet_selection_strategy: Option<String>,
    /// Returns the model's reasoning as insights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_reasoning_insights_enabled: Option<bool>,
    /// Pages to read; all pages when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_ranges: Option<Vec<PageRange>>,
}

/// A strategy for extracting large arrays, such as `large_array_heuristics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArrayStrategy {
    /// The strategy name.
    pub r#type: String,
}
