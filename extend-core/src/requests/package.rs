//! Several files processed together in place of one `file`, and the
//! [`Document`] a request processes: one file or such a package.

use serde::{Deserialize, Serialize};

use super::FileRef;
use crate::Error;

/// Minimum number of files in a workflow run's package.
pub const MIN_PACKAGE_FILES: usize = 2;
/// Maximum number of files in a workflow run's package.
pub const MAX_PACKAGE_FILES: usize = 50;

/// Several files processed together as one document set, in place of `file`.
///
/// Extract and workflow runs take a package. Each file is a URL or a file
/// id, listed once; workflow runs also need 2 to 50 files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilePackage {
    /// The files, each a URL or a file id.
    pub files: Vec<FileRef>,
}

impl FilePackage {
    /// Creates a package of `files`. The request that carries it checks the
    /// files in `validate`, which the client runs before sending.
    pub fn new(files: Vec<FileRef>) -> Self {
        FilePackage { files }
    }

    /// Checks what every route that takes a package requires: at least one
    /// file, no raw text, and no URL or file id listed twice.
    pub(crate) fn check_files(&self, route: &str) -> Result<(), Error> {
        if self.files.is_empty() {
            return Err(Error::InvalidRequest(format!(
                "the package of {route} has no files; add files or pass one `file` instead"
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for file in &self.files {
            file.reject_text(&format!("a package of {route}"))?;
            let key = match file {
                FileRef::Url { url, .. } => format!("url {url}"),
                FileRef::Id { id } => format!("file id {id}"),
                FileRef::Text { .. } => continue,
            };
            if !seen.insert(key.clone()) {
                return Err(Error::InvalidRequest(format!(
                    "the package of {route} lists {key} twice; list each file once"
                )));
            }
        }
        Ok(())
    }

    /// Checks the file rules and the workflow size limit of 2 to 50 files.
    pub(crate) fn check_workflow(&self, route: &str) -> Result<(), Error> {
        let count = self.files.len();
        if !(MIN_PACKAGE_FILES..=MAX_PACKAGE_FILES).contains(&count) {
            return Err(Error::InvalidRequest(format!(
                "the package of {route} has {count} files; use {MIN_PACKAGE_FILES} to \
                 {MAX_PACKAGE_FILES}, or `file` for a single document"
            )));
        }
        self.check_files(route)
    }
}

/// What a run processes: one file, or a package of files.
///
/// Constructors that take `impl Into<Document>` accept a [`FileRef`] or a
/// [`FilePackage`] directly.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// One file: a URL, a file id or raw text.
    File(FileRef),
    /// Several files processed together.
    Package(FilePackage),
}

impl From<FileRef> for Document {
    fn from(file: FileRef) -> Self {
        Document::File(file)
    }
}

impl From<FilePackage> for Document {
    fn from(package: FilePackage) -> Self {
        Document::Package(package)
    }
}

impl Document {
    /// Splits into the `file` and `package` fields of a request body.
    pub(crate) fn into_fields(self) -> (Option<FileRef>, Option<FilePackage>) {
        match self {
            Document::File(file) => (Some(file), None),
            Document::Package(package) => (None, Some(package)),
        }
    }
}

/// Checks that exactly one of `file` and `package` is set.
pub(crate) fn check_one_document(
    file: Option<&FileRef>,
    package: Option<&FilePackage>,
    route: &str,
) -> Result<(), Error> {
    match (file, package) {
        (Some(_), Some(_)) => Err(Error::InvalidRequest(format!(
            "{route} takes either `file` or `package`, not both; remove one"
        ))),
        (None, None) => Err(Error::InvalidRequest(format!(
            "{route} needs a `file` or a `package`; set one"
        ))),
        _ => Ok(()),
    }
}
