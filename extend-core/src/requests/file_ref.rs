use serde::{Deserialize, Serialize};

/// The document a run processes: a URL, an uploaded file id, or raw text.
///
/// The variant is decided by which key is present (`url`, `id` or `text`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FileRef {
    /// A file Extend downloads: `{url, name?}`.
    Url {
        /// Where Extend downloads the file.
        url: String,
        /// File name to record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// A file already uploaded: `{id}`.
    Id {
        /// File id (`file_...`).
        id: String,
    },
    /// Raw text: `{text, name?}`. Not accepted by parse, split or edit.
    Text {
        /// The text to process.
        text: String,
        /// File name to record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
}

impl FileRef {
    /// Refers to an uploaded file by id.
    pub fn id(id: impl Into<String>) -> Self {
        FileRef::Id { id: id.into() }
    }

    /// Refers to a file Extend downloads from `url`.
    pub fn url(url: impl Into<String>) -> Self {
        FileRef::Url {
            url: url.into(),
            name: None,
        }
    }

    /// Passes raw text instead of a file.
    pub fn text(text: impl Into<String>) -> Self {
        FileRef::Text {
            text: text.into(),
            name: None,
        }
    }
}
