use serde::{Deserialize, Serialize};

use crate::{open_enum, PageRange};

open_enum! {
    /// The text format a parse run produces.
    pub enum ParseTarget {
        /// Markdown.
        Markdown = "markdown",
        /// Plain text laid out as on the page.
        Spatial = "spatial",
    }
}

open_enum! {
    /// The parse engine.
    pub enum ParseEngine {
        /// The more accurate engine.
        ParsePerformance = "parse_performance",
        /// The faster, cheaper engine.
        ParseLight = "parse_light",
    }
}

open_enum! {
    /// The strategy for cutting parsed content into chunks.
    pub enum ChunkingStrategyType {
        /// One chunk per page.
        Page = "page",
        /// One chunk for the whole document.
        Document = "document",
        /// One chunk per section.
        Section = "section",
    }
}

/// Configuration of a parse run, also nested as `parseConfig` in processor
/// configurations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseConfig {
    /// Output text format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ParseTarget>,
    /// The strategy for cutting content into chunks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunking_strategy: Option<ChunkingStrategy>,
    /// Parse engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<ParseEngine>,
    /// Engine version, such as `"2.0"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<String>,
    /// Options per block type (figures, tables, barcodes), as JSON.
    // NOTE: block options are not described in the API reference this crate
    // was written from, so they stay JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_options: Option<serde_json::Value>,
    /// Less common options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<ParseAdvancedOptions>,
}

/// The strategy for cutting parsed content into chunks. The server may omit `type`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChunkingStrategy {
    /// The chunk boundary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<ChunkingStrategyType>,
    /// Size limits of a chunk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<ChunkingOptions>,
}

/// Size limits of a chunk, in characters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChunkingOptions {
    /// Minimum characters per chunk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_characters: Option<f64>,
    /// Maximum characters per chunk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_characters: Option<f64>,
}

/// Less common parse options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseAdvancedOptions {
    /// Pages to parse; all pages when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_ranges: Option<Vec<PageRange>>,
    /// Converts every input to PDF before parsing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_convert_to_pdf: Option<bool>,
    /// Format of enriched content, such as `xml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrichment_format: Option<String>,
    /// Includes cell formatting of spreadsheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_include_cell_formatting: Option<bool>,
    /// Includes cell metadata of spreadsheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_include_cell_metadata: Option<bool>,
    /// Spreadsheet parsing mode, such as `basic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_parsing_mode: Option<String>,
    /// Skips recalculating spreadsheet formulas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_skip_calculation: Option<bool>,
    /// Skips hidden rows, columns and sheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_skip_hidden_content: Option<bool>,
    /// Uses raw cell values instead of formatted ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excel_use_raw_cell_values: Option<bool>,
    /// Formatting to detect, such as change tracking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatting_detection: Option<Vec<FormattingDetection>>,
    /// Quality of image conversion, such as `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_conversion_quality: Option<String>,
    /// Detects and corrects page rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_rotation_enabled: Option<bool>,
    /// Threshold for grouping text vertically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertical_grouping_threshold: Option<f64>,
}

/// One kind of formatting to detect, such as `change_tracking`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormattingDetection {
    /// The formatting kind.
    pub r#type: String,
}
