//! The life of an extract run: read the document, apply the extraction rule.

use extend_core::{FailureReason, RunStatus};
use serde_json::{json, Map, Value};

use super::{Completion, RunLifecycle};
use crate::document::ReadError;
use crate::extract::extract_fields;
use crate::objects::{set_field, set_status};
use crate::state::AppState;

/// Moves the stored extract run with this id through its statuses.
#[derive(Debug, Clone)]
pub(crate) struct ExtractLifecycle {
    /// The run id (`exr_...`).
    pub(crate) run_id: String,
    /// The `properties` of the request's schema.
    pub(crate) properties: Map<String, Value>,
}

impl RunLifecycle for ExtractLifecycle {
    const KIND: &'static str = "extract_run";

    fn id(&self) -> &str {
        &self.run_id
    }

    fn mark_processing(&self, state: &AppState) {
        state.extract_runs.update(&self.run_id, |run| {
            set_status(run, &RunStatus::Processing);
        });
    }

    fn finish(&self, state: &AppState, completion: Completion) {
        state
            .extract_runs
            .update(&self.run_id, |run| match &completion.document {
                Ok(document) => {
                    let output = extract_fields(&self.properties, document).to_json();
                    set_field(run, "initialOutput", output.clone());
                    set_field(run, "output", output);
                    set_status(run, &RunStatus::Processed);
                }
                Err(error) => {
                    let reason = extract_failure_reason(error);
                    set_field(run, "failureReason", json!(reason.as_str()));
                    set_field(run, "failureMessage", json!(error.to_string()));
                    set_status(run, &RunStatus::Failed);
                }
            });
    }
}

/// Extract runs report unreadable files with the extract failure reasons.
fn extract_failure_reason(error: &ReadError) -> FailureReason {
    match error {
        ReadError::Internal(_) => FailureReason::InternalError,
        ReadError::Corrupt(_) | ReadError::PasswordProtected | ReadError::Unsupported(_) => {
            FailureReason::FailedToProcessFile
        }
    }
}
