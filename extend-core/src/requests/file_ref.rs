use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;

/// The document a run processes: a URL, an uploaded file id, or raw text.
///
/// The variant is decided by which key is present (`url`, `id` or `text`).
/// Not every route takes every form: split, parse, edit and form detection
/// reject raw text, and the request constructors of those routes return an
/// error for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FileRef {
    /// A file Extend downloads: `{url, name?, settings?}`.
    Url {
        /// The URL Extend downloads the file from.
        url: String,
        /// File name to record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Download settings, such as the password of a protected PDF.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        settings: Option<FileSettings>,
    },
    /// A file already uploaded: `{id}`.
    Id {
        /// File id (`file_...`).
        id: String,
    },
    /// Raw text: `{text, name?}`.
    Text {
        /// The text to process.
        text: String,
        /// File name to record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
}

/// Settings of a [`FileRef::Url`]. `Debug` hides the password.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileSettings {
    /// Password that unlocks a protected PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl fmt::Debug for FileSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileSettings")
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
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
            settings: None,
        }
    }

    /// Refers to a password-protected PDF that Extend downloads from `url`.
    pub fn url_with_password(url: impl Into<String>, password: impl Into<String>) -> Self {
        FileRef::Url {
            url: url.into(),
            name: None,
            settings: Some(FileSettings {
                password: Some(password.into()),
            }),
        }
    }

    /// Passes raw text instead of a file.
    pub fn text(text: impl Into<String>) -> Self {
        FileRef::Text {
            text: text.into(),
            name: None,
        }
    }

    /// Returns `true` for [`FileRef::Text`].
    pub fn is_text(&self) -> bool {
        matches!(self, FileRef::Text { .. })
    }

    /// Rejects an empty file id or URL, which no route accepts.
    pub(crate) fn reject_empty(&self) -> Result<(), Error> {
        match self {
            FileRef::Id { id } if id.trim().is_empty() => Err(Error::InvalidRequest(
                "the file id is empty; pass the id of an uploaded file (file_...)".into(),
            )),
            FileRef::Url { url, .. } if url.trim().is_empty() => Err(Error::InvalidRequest(
                "the file URL is empty; pass an https:// URL of the document".into(),
            )),
            _ => Ok(()),
        }
    }

    /// Rejects raw text for a route that takes only a URL or a file id, and
    /// an empty id or URL.
    pub(crate) fn reject_text(&self, route: &str) -> Result<(), Error> {
        self.reject_empty()?;
        if self.is_text() {
            return Err(Error::InvalidRequest(format!(
                "{route} does not accept raw text; upload the text as a file and pass its id, or pass a URL"
            )));
        }
        Ok(())
    }
}
