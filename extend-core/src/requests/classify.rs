use serde::{Deserialize, Serialize};

use super::checks::{check_metadata, check_one_of, check_priority};
use super::{FileRef, ProcessorRef};
use crate::{ClassifyConfig, Error, Metadata};

/// Body of `POST /classify_runs` and, without `priority`, `POST /classify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyRunCreate {
    /// The document to classify (a URL, a file id or raw text).
    pub file: FileRef,
    /// A saved classifier; exclusive with `config`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classifier: Option<ProcessorRef>,
    /// An inline configuration; exclusive with `classifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ClassifyConfig>,
    /// Queue priority, 1 (first) to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// Metadata echoed back on the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl ClassifyRunCreate {
    /// Classifies `file` with a saved classifier.
    pub fn with_classifier(file: FileRef, classifier: ProcessorRef) -> Self {
        ClassifyRunCreate {
            file,
            classifier: Some(classifier),
            config: None,
            priority: None,
            metadata: None,
        }
    }

    /// Classifies `file` with an inline configuration.
    pub fn with_config(file: FileRef, config: ClassifyConfig) -> Self {
        ClassifyRunCreate {
            file,
            classifier: None,
            config: Some(config),
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
    /// [`Error::InvalidRequest`] unless exactly one of `classifier` and
    /// `config` is set, or when the priority is out of range.
    pub fn validate(&self) -> Result<(), Error> {
        check_metadata(self.metadata.as_ref())?;
        self.file.reject_empty()?;
        check_one_of(
            "POST /classify_runs",
            "classifier",
            self.classifier.is_some(),
            self.config.is_some(),
        )?;
        check_priority(self.priority)
    }
}
