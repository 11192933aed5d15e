//! What an extract run produces: the extraction rule's `{value, metadata}`.

use extend_core::{FailureReason, RunStatus};
use serde_json::{Map, Value};

use super::Finish;
use crate::document::{Document, ReadError};
use crate::extract::{extract_fields, extract_labelled_lines};

/// The finish of an extract run over `properties`, or over every labelled
/// line when the request named a saved extractor instead of a schema.
pub(crate) fn finish(properties: Option<&Map<String, Value>>, document: &Document) -> Finish {
    let output = match properties {
        Some(properties) => extract_fields(properties, document).to_json(),
        None => extract_labelled_lines(document).to_json(),
    };
    let mut fields = Map::new();
    fields.insert("initialOutput".to_owned(), output.clone());
    fields.insert("output".to_owned(), output);
    Finish {
        status: RunStatus::Processed,
        fields,
    }
}

/// Extract, classify, split and workflow runs report unreadable files with
/// the processor failure reasons.
pub(crate) fn failure_reason(error: &ReadError) -> FailureReason {
    match error {
        ReadError::Internal(_) => FailureReason::InternalError,
        ReadError::Corrupt(_) | ReadError::PasswordProtected | ReadError::Unsupported(_) => {
            FailureReason::FailedToProcessFile
        }
    }
}
