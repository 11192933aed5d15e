//! Workflow run processing. The emulator has no saved workflows: every
//! workflow runs two steps, a `PARSE` step and an `EXTRACT` step that
//! extracts every labelled line, and ends `PROCESSED`.
//!
//! The request's metadata key `emulator:outcome` picks another ending, so
//! clients can test those paths: `NEEDS_REVIEW`, `REJECTED` or `FAILED`
//! (`PROCESSED` is the default).

use std::time::Duration;

use extend_core::RunStatus;
use serde_json::{json, Map, Value};

use super::Finish;
use crate::document::Document;
use crate::ids::new_id;
use crate::kinds::RunKind;
use crate::objects::{new_run, set_field, set_status};

/// The metadata key that picks how a workflow run ends.
pub(crate) const OUTCOME_KEY: &str = "emulator:outcome";

/// The ending of a workflow run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// `PROCESSED`.
    Processed,
    /// `NEEDS_REVIEW`.
    NeedsReview,
    /// `REJECTED`, with a `rejectionNote`.
    Rejected,
    /// `FAILED`, with a `failureReason` and a `failureMessage`.
    Failed,
}

impl Outcome {
    /// Reads [`OUTCOME_KEY`] from the request's metadata.
    ///
    /// # Errors
    ///
    /// Returns the rejected value when it is not one of the four statuses.
    pub(crate) fn from_metadata(metadata: Option<&Value>) -> Result<Outcome, String> {
        let Some(value) = metadata.and_then(|metadata| metadata.get(OUTCOME_KEY)) else {
            return Ok(Outcome::Processed);
        };
        match value.as_str() {
            Some("PROCESSED") => Ok(Outcome::Processed),
            Some("NEEDS_REVIEW") => Ok(Outcome::NeedsReview),
            Some("REJECTED") => Ok(Outcome::Rejected),
            Some("FAILED") => Ok(Outcome::Failed),
            _ => Err(value.to_string()),
        }
    }
}

/// Builds the finish of a workflow run: its step runs and its outcome.
pub(crate) fn finish(run: &Value, document: &Document, outcome: Outcome) -> Finish {
    let run_id = run.get("id").and_then(Value::as_str).unwrap_or_default();
    let file = run.pointer("/files/0").cloned().unwrap_or(Value::Null);

    let mut parse_run = new_run(
        RunKind::Parse,
        &file,
        json!({}),
        run.get("metadata").cloned(),
    );
    let parsed = super::parse::finish(document, Duration::ZERO);
    apply(&mut parse_run, &parsed);

    let mut extract_run = new_run(
        RunKind::Extract,
        &file,
        json!({}),
        run.get("metadata").cloned(),
    );
    let extracted = super::extract::finish(None, document);
    apply(&mut extract_run, &extracted);

    let steps = [
        step_run(
            run_id,
            &file,
            "PARSE",
            "Parse",
            json!({ "parseRun": parse_run }),
        ),
        step_run(
            run_id,
            &file,
            "EXTRACT",
            "Extract",
            json!({ "extractRun": extract_run }),
        ),
    ];

    let mut fields = Map::new();
    fields.insert("stepRuns".to_owned(), json!(steps));
    let status = match outcome {
        Outcome::Processed => RunStatus::Processed,
        Outcome::NeedsReview => RunStatus::NeedsReview,
        Outcome::Rejected => {
            fields.insert(
                "rejectionNote".to_owned(),
                json!(format!(
                    "rejected because metadata {OUTCOME_KEY} is REJECTED"
                )),
            );
            RunStatus::Rejected
        }
        Outcome::Failed => {
            let mut failed = Finish::failed(
                "INTERNAL_ERROR",
                format!("failed because metadata {OUTCOME_KEY} is FAILED"),
            );
            failed.fields.extend(fields);
            return failed;
        }
    };
    Finish { status, fields }
}

fn apply(run: &mut Value, finish: &Finish) {
    for (key, value) in &finish.fields {
        set_field(run, key, value.clone());
    }
    set_status(run, &finish.status);
}

fn step_run(run_id: &str, file: &Value, step_type: &str, name: &str, result: Value) -> Value {
    json!({
        "object": "workflow_step_run",
        "id": new_id("workflow_step_run"),
        "workflowRunId": run_id,
        "status": "PROCESSED",
        "files": [file],
        "step": {
            "object": "workflow_step",
            "id": new_id("workflow_step"),
            "name": name,
        },
        "stepType": step_type,
        "result": result,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_from_metadata() {
        let cases = [
            (None, Ok(Outcome::Processed)),
            (Some(json!({})), Ok(Outcome::Processed)),
            (
                Some(json!({OUTCOME_KEY: "NEEDS_REVIEW"})),
                Ok(Outcome::NeedsReview),
            ),
            (
                Some(json!({OUTCOME_KEY: "REJECTED"})),
                Ok(Outcome::Rejected),
            ),
            (Some(json!({OUTCOME_KEY: "FAILED"})), Ok(Outcome::Failed)),
            (
                Some(json!({OUTCOME_KEY: "DONE"})),
                Err("\"DONE\"".to_owned()),
            ),
        ];
        for (metadata, expected) in cases {
            assert_eq!(
                Outcome::from_metadata(metadata.as_ref()),
                expected,
                "{metadata:?}"
            );
        }
    }
}
