use serde::{Deserialize, Serialize};

use super::checks::{check_metadata, check_one_of, check_priority};
use super::{FileRef, ProcessorRef};
use crate::{Error, Metadata, SplitConfig};

/// Body of `POST /split_runs` and, without `priority`, `POST /split`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitRunCreate {
    /// The document to split (a URL or a file id; raw text is rejected).
    pub file: FileRef,
    /// A saved splitter; exclusive with `config`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub splitter: Option<ProcessorRef>,
    /// An inline configuration; exclusive with `splitter`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<SplitConfig>,
    /// Queue priority, 1 (first) to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// Metadata echoed back on the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl SplitRunCreate {
    /// Splits `file` with a saved splitter.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for [`FileRef::Text`]: split takes only a
    /// URL or a file id.
    pub fn with_splitter(file: FileRef, splitter: ProcessorRef) -> Result<Self, Error> {
        file.reject_text("split")?;
        Ok(SplitRunCreate {
            file,
            splitter: Some(splitter),
            config: None,
            priority: None,
            metadata: None,
        })
    }

    /// Splits `file` with an inline configuration.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for [`FileRef::Text`].
    pub fn with_config(file: FileRef, config: SplitConfig) -> Result<Self, Error> {
        file.reject_text("split")?;
        Ok(SplitRunCreate {
            file,
            splitter: None,
            config: Some(config),
            priority: None,
            metadata: None,
        })
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
    /// [`Error::InvalidRequest`] for raw text, unless exactly one of
    /// `splitter` and `config` is set, or when the priority is out of range.
    pub fn validate(&self) -> Result<(), Error> {
        check_metadata(self.metadata.as_ref())?;
        self.file.reject_text("split")?;
        check_one_of(
            "POST /split_runs",
            "splitter",
            self.splitter.is_some(),
            self.config.is_some(),
        )?;
        check_priority(self.priority)
    }
}
