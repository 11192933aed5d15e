//! Reading an uploaded file into page texts, the input of parse and extract.
//!
//! PDF text comes from `pdf-extract` (pure Rust, on `lopdf`); plain text is
//! split into pages at form feeds. Other file types are not read yet.

mod pdf;
mod text;

use extend_core::{FailureReason, FileType};

pub(crate) use pdf::pdf_page_count;
pub(crate) use text::text_page_count;

/// The text of a document, one entry per page (page 1 first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Text of each page.
    pub(crate) pages: Vec<String>,
}

/// An error reading a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ReadError {
    /// The bytes are not a readable file of their type.
    #[error("the file is corrupt: {0}")]
    Corrupt(String),
    /// The PDF is encrypted and the upload's password (if any) does not open it.
    #[error("the PDF is password protected; upload it again with the right `password` part")]
    PasswordProtected,
    /// The emulator cannot read this type of file.
    #[error("the emulator cannot read {0} files; upload a PDF or a plain-text file")]
    Unsupported(String),
    /// The reader itself failed, not the file.
    #[error("the emulator failed to read the file: {0}")]
    Internal(String),
}

impl ReadError {
    /// Returns the `failureReason` a run reports for this error.
    pub(crate) fn failure_reason(&self) -> FailureReason {
        match self {
            ReadError::Corrupt(_) => FailureReason::CorruptFile,
            ReadError::PasswordProtected => FailureReason::PasswordProtectedFile,
            ReadError::Unsupported(_) => FailureReason::FileTypeNotSupported,
            ReadError::Internal(_) => FailureReason::InternalError,
        }
    }
}

/// Reads the page texts of a stored file.
///
/// # Errors
///
/// [`ReadError`] when the file is corrupt, locked, or of a type the emulator
/// does not read.
pub(crate) fn read_document(
    file_type: Option<&FileType>,
    bytes: &[u8],
    password: Option<&str>,
) -> Result<Document, ReadError> {
    let pages = match file_type {
        Some(FileType::Pdf) => pdf::pdf_page_texts(bytes, password)?,
        Some(FileType::Txt) | Some(FileType::Csv) => text::text_pages(bytes)?,
        Some(other) => return Err(ReadError::Unsupported(other.to_string())),
        None => return Err(ReadError::Unsupported("untyped".to_owned())),
    };
    Ok(Document { pages })
}

/// Reads raw text given inline (`{"text": ...}`) as a document.
pub(crate) fn text_document(text: &str) -> Document {
    Document {
        pages: text::split_pages(text),
    }
}
