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
    /// Parsed contents, present when requested on retrieve
    /// ([`FileRetrieveQuery`](crate::FileRetrieveQuery)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contents: Option<FileContents>,
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
    /// The split this file was cut from, for files a split run created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_split: Option<ParentSplit>,
}

/// The split of a split run that a file was cut from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParentSplit {
    /// Split id.
    pub id: String,
    /// The split's type, such as `Invoice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// The split's identifier, such as an invoice number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// First page of the split in the parent file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_page: Option<f64>,
    /// Last page of the split in the parent file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_page: Option<f64>,
}

/// Parsed contents of a [`File`], in the formats asked for on retrieve.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileContents {
    /// The whole text, unformatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_text: Option<String>,
    /// Per-page contents, for paged documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<FilePage>>,
    /// Per-section contents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<FileSection>>,
    /// Per-sheet contents, for spreadsheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheets: Option<Vec<FileSheet>>,
}

/// One page of [`FileContents`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilePage {
    /// 1-based page number.
    pub page_number: f64,
    /// Page width, in points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_width: Option<f64>,
    /// Page height, in points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_height: Option<f64>,
    /// Text of the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_text: Option<String>,
    /// The page as markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The page as HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
}

/// One section of [`FileContents`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileSection {
    /// First page of the section.
    pub start_page_number: f64,
    /// Last page of the section.
    pub end_page_number: f64,
    /// The section as markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The section as HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Text of the section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_text: Option<String>,
}

/// One sheet of [`FileContents`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileSheet {
    /// Sheet name.
    pub sheet_name: String,
    /// The sheet as comma-separated text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_text: Option<String>,
}
