use serde::{Deserialize, Serialize};

use super::FileRef;
use crate::{Error, Metadata};

/// Body of `POST /parse_runs` and `POST /parse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseRunCreate {
    /// The document to parse (a URL or a file id; raw text is rejected).
    pub file: FileRef,
    /// Parse configuration, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<serde_json::Value>,
    /// Metadata echoed back on the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl ParseRunCreate {
    /// Builds a request for `file` with the default configuration.
    ///
    /// # Errors
    ///
    /// Returns [`Error::InvalidRequest`] for [`FileRef::Text`]: the parse
    /// routes take only a URL or a file id.
    pub fn new(file: FileRef) -> Result<Self, Error> {
        if matches!(file, FileRef::Text { .. }) {
            return Err(Error::InvalidRequest(
                "parse does not accept raw text; upload the text as a file and pass its id".into(),
            ));
        }
        Ok(ParseRunCreate {
            file,
            config: None,
            metadata: None,
        })
    }
}
