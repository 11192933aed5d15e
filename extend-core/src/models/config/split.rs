use serde::{Deserialize, Serialize};

use super::ParseConfig;
use crate::{open_enum, PageRange};

open_enum! {
    /// The base model family of a split.
    pub enum SplitBaseProcessor {
        /// The more accurate splitting processor.
        SplittingPerformance = "splitting_performance",
        /// The faster, cheaper splitting processor.
        SplittingLight = "splitting_light",
    }
}

/// A splitting configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitConfig {
    /// The kinds of sub-document to look for.
    #[serde(default)]
    pub split_classifications: Vec<SplitClassification>,
    /// Extra instructions for splitting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_rules: Option<String>,
    /// Base processor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_processor: Option<SplitBaseProcessor>,
    /// Version of the base processor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<String>,
    /// Less common options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<SplitAdvancedOptions>,
    /// The parse configuration applied before splitting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parse_config: Option<ParseConfig>,
}

/// One kind of sub-document of a [`SplitConfig`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitClassification {
    /// Id of the kind, returned as a split's `classificationId`.
    pub id: String,
    /// Name of the kind, returned as a split's `type`.
    pub r#type: String,
    /// A description of sub-documents of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Instruction for the value that identifies one sub-document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier_key: Option<String>,
}

/// Less common splitting options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitAdvancedOptions {
    /// Lets one page belong to two sub-documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_overlap_enabled: Option<bool>,
    /// Splits spreadsheets by sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_excel_documents_by_sheet_enabled: Option<bool>,
    /// Pages to read; all pages when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_ranges: Option<Vec<PageRange>>,
}
