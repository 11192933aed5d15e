use serde::{Deserialize, Serialize};

use super::checks::{check_metadata, check_priority};
use super::package::check_one_document;
use super::{Document, FilePackage, FileRef};
use crate::{Error, ExtractConfig, Metadata};

/// The route in the messages of request checks.
const ROUTE: &str = "POST /extract_runs";

/// A saved processor (extractor, classifier, splitter) and which version to use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessorRef {
    /// Processor id (`ex_...`, `cl_...`, `spl_...`).
    pub id: String,
    /// `"latest"`, `"draft"` or a published version such as `"1.0"`;
    /// `None` means the latest published version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Keys that override the saved configuration for this run only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_config: Option<serde_json::Value>,
}

/// Body of `POST /extract_runs` and, without `priority`, `POST /extract`.
///
/// With neither `extractor` nor `config`, the server infers a schema. The
/// document is one `file` or a `package` of several files:
///
/// ```
/// use extend_core::{ExtractRunCreate, FilePackage, FileRef};
///
/// let one = ExtractRunCreate::with_schema(FileRef::id("file_a"), serde_json::json!({}));
/// assert!(one.validate().is_ok());
///
/// let package = FilePackage::new(vec![FileRef::id("file_a"), FileRef::id("file_b")]);
/// let several = ExtractRunCreate::with_schema(package, serde_json::json!({}));
/// assert!(several.file.is_none() && several.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtractRunCreate {
    /// The document to extract from; exclusive with `package`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
    /// Several files extracted together (URLs or file ids); exclusive with
    /// `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<FilePackage>,
    /// A saved extractor; exclusive with `config`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extractor: Option<ProcessorRef>,
    /// An inline configuration; exclusive with `extractor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ExtractConfig>,
    /// Queue priority, 1 (first) to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// Metadata echoed back on the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl ExtractRunCreate {
    /// Extracts the fields of `schema` (a JSON Schema object) from a file
    /// or a package.
    pub fn with_schema(document: impl Into<Document>, schema: serde_json::Value) -> Self {
        let (file, package) = document.into().into_fields();
        ExtractRunCreate {
            file,
            package,
            extractor: None,
            config: Some(ExtractConfig {
                schema: Some(schema),
                ..ExtractConfig::default()
            }),
            priority: None,
            metadata: None,
        }
    }

    /// Extracts from a file or a package with a saved extractor.
    pub fn with_extractor(document: impl Into<Document>, extractor: ProcessorRef) -> Self {
        let (file, package) = document.into().into_fields();
        ExtractRunCreate {
            file,
            package,
            extractor: Some(extractor),
            config: None,
            priority: None,
            metadata: None,
        }
    }

    /// Sets the queue priority, 1 (first) to 100.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] naming the value when it is out of range.
    pub fn priority(mut self, priority: u8) -> Result<Self, Error> {
        check_priority(Some(priority))?;
        self.priority = Some(priority);
        Ok(self)
    }

    /// Sets the metadata echoed back on the run and its webhook events.
    pub fn metadata(mut self, metadata: Metadata) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// Checks the request as the client does before sending it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] in any of these cases:
    ///
    /// - both `extractor` and `config` are set;
    /// - `file` and `package` are both set, or neither is;
    /// - the file id or URL is empty;
    /// - the package is empty, contains raw text or lists a file twice;
    /// - the priority is out of range.
    pub fn validate(&self) -> Result<(), Error> {
        check_metadata(self.metadata.as_ref())?;
        if self.extractor.is_some() && self.config.is_some() {
            return Err(Error::InvalidRequest(format!(
                "{ROUTE} takes either `extractor` or `config`, not both; remove one"
            )));
        }
        check_one_document(self.file.as_ref(), self.package.as_ref(), ROUTE)?;
        if let Some(file) = &self.file {
            file.reject_empty()?;
        }
        // NOTE: the API documents the 2 to 50 file limit for workflow
        // packages only, so extract packages are not checked against it.
        if let Some(package) = &self.package {
            package.check_files(ROUTE)?;
        }
        check_priority(self.priority)
    }
}

impl ProcessorRef {
    /// Refers to the latest published version of a saved processor.
    pub fn new(id: impl Into<String>) -> Self {
        ProcessorRef {
            id: id.into(),
            version: None,
            override_config: None,
        }
    }

    /// Picks a version: `"latest"`, `"draft"` or a published number such as `"1.0"`.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }
}
