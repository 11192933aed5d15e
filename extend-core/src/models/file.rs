use serde::{Deserialize, Serialize};

use crate::open_enum;

open_enum! {
    /// The type Extend detected for an uploaded file.
    pub enum FileType {
        /// PDF document.
        Pdf = "PDF",
        /// Comma-separated values.
        Csv = "CSV",
        /// Image.
        Img = "IMG",
        /// Plain text.
        Txt = "TXT",
        /// Word document.
        Docx = "DOCX",
        /// Excel workbook.
        Excel = "EXCEL",
        /// XML document.
        Xml = "XML",
        /// HTML document.
        Html = "HTML",
    }
}

/// A file stored by Extend (`object: "file"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    /// Always `file`.
    #[serde(default = "file_object")]
    pub object: String,
    /// File id (`file_...`).
    pub id: String,
    /// File name.
    pub name: String,
    /// Detected type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<FileType>,
    /// Short-lived download URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presigned_url: Option<String>,
    /// Id of the file this one was split from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_file_id: Option<String>,
    /// Parsed contents, present when requested on retrieve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contents: Option<serde_json::Value>,
    /// File metadata.
    #[serde(default)]
    pub metadata: FileMetadata,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

fn file_object() -> String {
    "file".to_owned()
}

/// Metadata of a [`File`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileMetadata {
    /// Number of pages, for paged documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_count: Option<f64>,
    /// The split this file came from, kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_split: Option<serde_json::Value>,
}
