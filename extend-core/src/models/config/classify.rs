use serde::{Deserialize, Serialize};

use super::ParseConfig;
use crate::{open_enum, PageRange};

open_enum! {
    /// The base model family of a classification.
    pub enum ClassifyBaseProcessor {
        /// The more accurate classification processor.
        ClassificationPerformance = "classification_performance",
        /// The faster, cheaper classification processor.
        ClassificationLight = "classification_light",
    }
}

/// A classification configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyConfig {
    /// The classes a document may be assigned to.
    #[serde(default)]
    pub classifications: Vec<Classification>,
    /// Extra instructions for the classification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification_rules: Option<String>,
    /// Base processor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_processor: Option<ClassifyBaseProcessor>,
    /// Version of the base processor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<String>,
    /// Less common options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<ClassifyAdvancedOptions>,
    /// The parse configuration applied before classification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parse_config: Option<ParseConfig>,
}

/// One class of a [`ClassifyConfig`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    /// Id of the class, returned as the output's `id`.
    pub id: String,
    /// Name of the class, returned as the output's `type`.
    pub r#type: String,
    /// A description of documents of this class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Less common classification options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyAdvancedOptions {
    /// The part of the document the model reads, such as `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Sends page images to the model as well as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_multimodal_enabled: Option<bool>,
    /// Lets the classifier learn from earlier corrections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_enabled: Option<bool>,
    /// Pages to read; all pages when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_ranges: Option<Vec<PageRange>>,
}
