use serde::{Deserialize, Serialize};

use super::FileRef;
use crate::{EditConfig, Error, FormDetectionConfig};

/// Body of `POST /edit_runs` and `POST /edit`. Edit runs have no priority
/// and no metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditRunCreate {
    /// The PDF form to fill (a URL or a file id; raw text is rejected).
    pub file: FileRef,
    /// The values to fill in and the filling options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<EditConfig>,
}

impl EditRunCreate {
    /// Builds a request that fills `file` as `config` describes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for [`FileRef::Text`]: edit takes only a
    /// URL or a file id of a PDF.
    pub fn new(file: FileRef, config: EditConfig) -> Result<Self, Error> {
        file.reject_text("edit")?;
        Ok(EditRunCreate {
            file,
            config: Some(config),
        })
    }

    /// Checks the request as the client does before sending it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text.
    pub fn validate(&self) -> Result<(), Error> {
        self.file.reject_text("edit")
    }
}

/// Body of `POST /form_detection_runs` and `POST /detect_form`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormDetectionRunCreate {
    /// The PDF form to read (a URL or a file id; raw text is rejected).
    pub file: FileRef,
    /// Detection options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<FormDetectionConfig>,
}

impl FormDetectionRunCreate {
    /// Builds a request that detects the fields of `file`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for [`FileRef::Text`].
    pub fn new(file: FileRef) -> Result<Self, Error> {
        file.reject_text("form detection")?;
        Ok(FormDetectionRunCreate { file, config: None })
    }

    /// Checks the request as the client does before sending it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text.
    pub fn validate(&self) -> Result<(), Error> {
        self.file.reject_text("form detection")
    }
}
