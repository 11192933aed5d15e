use serde::{Deserialize, Serialize};

use super::checks::check_metadata;
use super::FileRef;
use crate::{open_enum, Error, Metadata, ParseConfig};

open_enum! {
    /// How long Extend keeps the files and outputs of a run.
    pub enum DataRetentionMode {
        /// The workspace's retention setting.
        WorkspaceDefault = "workspace_default",
        /// Nothing is kept after the run.
        Zero = "zero",
    }
}

/// Data retention of a parse run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataRetention {
    /// The retention mode.
    pub mode: DataRetentionMode,
}

/// Body of `POST /parse_runs` and `POST /parse`. Parse runs have no priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseRunCreate {
    /// The document to parse (a URL or a file id; raw text is rejected).
    pub file: FileRef,
    /// Parse configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ParseConfig>,
    /// Metadata echoed back on the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// How long Extend keeps the file and output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_retention: Option<DataRetention>,
}

impl ParseRunCreate {
    /// Builds a request for `file` with the default configuration.
    ///
    /// # Errors
    ///
    /// Returns [`Error::InvalidRequest`] for [`FileRef::Text`]: the parse
    /// routes take only a URL or a file id.
    pub fn new(file: FileRef) -> Result<Self, Error> {
        file.reject_text("parse")?;
        Ok(ParseRunCreate {
            file,
            config: None,
            metadata: None,
            data_retention: None,
        })
    }

    /// Sets the parse configuration.
    pub fn config(mut self, config: ParseConfig) -> Self {
        self.config = Some(config);
        self
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
    /// [`Error::InvalidRequest`] for raw text.
    pub fn validate(&self) -> Result<(), Error> {
        check_metadata(self.metadata.as_ref())?;
        self.file.reject_text("parse")
    }
}
