use serde::{Deserialize, Serialize};

use super::config::ParseConfig;
use super::{Block, BoundingBox, File, Metadata, PageRange, Usage};
use crate::{open_enum, FailureReason, Run, RunStatus};

/// A parse run (`object: "parse_run"`): a document turned into text chunks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseRun {
    /// Always `parse_run`.
    #[serde(default = "parse_run_object")]
    pub object: String,
    /// Run id (`pr_...`).
    pub id: String,
    /// Current status.
    pub status: RunStatus,
    /// The parsed file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// The output, once the run is `PROCESSED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ParseOutput>,
    /// URL of the output, when retrieved with `responseType=url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_url: Option<String>,
    /// Why the run failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// Human-readable failure detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// Processing metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<ParseMetrics>,
    /// The parse configuration used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ParseConfig>,
    /// Credits used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    /// Metadata given at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Id of the batch that created this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<String>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

fn parse_run_object() -> String {
    "parse_run".to_owned()
}

impl Run for ParseRun {
    const KIND: &'static str = "parse_run";

    fn id(&self) -> &str {
        &self.id
    }

    fn status(&self) -> &RunStatus {
        &self.status
    }
}

/// Processing metrics of a parse run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseMetrics {
    /// Processing time in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time_ms: Option<f64>,
    /// Number of pages parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_count: Option<f64>,
}

/// The output of a parse run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseOutput {
    /// Chunks of the document, in order.
    #[serde(default)]
    pub chunks: Vec<Chunk>,
    /// Word-level text recognition results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrOutput>,
}

/// Word-level text recognition results of a parse run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrOutput {
    /// Every recognised word.
    #[serde(default)]
    pub words: Vec<OcrWord>,
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrWord {
    /// The word's text.
    pub content: String,
    /// Recognition confidence, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// 1-based page number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<f64>,
    /// The position of the word on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounding_box: Option<BoundingBox>,
}

open_enum! {
    /// How a chunk was cut from the document.
    pub enum ChunkType {
        /// One page.
        Page = "page",
        /// The whole document.
        Document = "document",
        /// A section.
        Section = "section",
    }
}

/// A chunk of parsed content (`object: "chunk"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Chunk {
    /// Always `chunk`.
    #[serde(default = "chunk_object")]
    pub object: String,
    /// How the chunk was cut.
    pub r#type: ChunkType,
    /// The chunk's text (markdown or spatial layout).
    pub content: String,
    /// Chunk metadata.
    #[serde(default)]
    pub metadata: ChunkMetadata,
    /// The blocks the chunk is made of.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

fn chunk_object() -> String {
    "chunk".to_owned()
}

/// Metadata of a [`Chunk`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChunkMetadata {
    /// Pages the chunk covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_range: Option<PageRange>,
}
