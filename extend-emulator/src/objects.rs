//! The JSON objects the emulator returns, built in one place.
//!
//! Objects are stored and returned as JSON, in the shapes the extend-core
//! models decode (the integration tests decode every response into them).
//! Keeping JSON here means a field added to those models never breaks the
//! emulator's build.

use extend_core::{FileType, RunStatus};
use serde_json::{json, Map, Value};

use crate::clock::now_rfc3339;
use crate::ids::new_id;
use crate::kinds::RunKind;

/// Builds a `File` object with a new id.
pub(crate) fn file_object(
    name: &str,
    file_type: Option<&FileType>,
    page_count: Option<usize>,
) -> Value {
    let now = now_rfc3339();
    let mut metadata = Map::new();
    if let Some(pages) = page_count {
        metadata.insert("pageCount".to_owned(), json!(pages));
    }
    json!({
        "object": "file",
        "id": new_id("file"),
        "name": name,
        "type": file_type.map(FileType::as_str),
        "metadata": metadata,
        "createdAt": now,
        "updatedAt": now,
    })
}

/// Builds a run of `kind` in `PENDING`, with the fields its type has on the
/// wire: parse, edit and form detection runs have no timestamps, workflow
/// runs list `files` instead of one `file`.
pub(crate) fn new_run(
    kind: RunKind,
    file: &Value,
    config: Value,
    metadata: Option<Value>,
) -> Value {
    let id = new_id(kind.id_prefix());
    let mut run = Map::new();
    run.insert("object".to_owned(), json!(kind.object()));
    run.insert("id".to_owned(), json!(id));
    run.insert("status".to_owned(), json!(RunStatus::Pending.as_str()));

    if kind == RunKind::Workflow {
        run.insert("files".to_owned(), json!([file]));
        run.insert("stepRuns".to_owned(), json!([]));
        run.insert("initialRunAt".to_owned(), json!(now_rfc3339()));
        run.insert("metadata".to_owned(), metadata.unwrap_or_else(|| json!({})));
    } else {
        run.insert("file".to_owned(), file.clone());
        run.insert("config".to_owned(), config);
        if !matches!(kind, RunKind::Edit | RunKind::FormDetection) {
            run.insert("metadata".to_owned(), metadata.unwrap_or(Value::Null));
        }
    }

    if matches!(
        kind,
        RunKind::Extract | RunKind::Classify | RunKind::Split | RunKind::Workflow
    ) {
        run.insert("reviewed".to_owned(), json!(false));
        run.insert(
            "dashboardUrl".to_owned(),
            json!(format!("https://dashboard.extend.ai/runs/{id}")),
        );
    }
    if matches!(kind, RunKind::Extract | RunKind::Classify | RunKind::Split) {
        run.insert("edited".to_owned(), json!(false));
    }
    if kind.has_timestamps() {
        let now = now_rfc3339();
        run.insert("createdAt".to_owned(), json!(now));
        run.insert("updatedAt".to_owned(), json!(now));
    }
    Value::Object(run)
}

/// Builds a `batch_run` in `PENDING` with a new id (`bpar_` for parse
/// batches, `bpr_` for the others).
pub(crate) fn batch_run_object(kind: RunKind, run_count: usize) -> Value {
    let prefix = if kind == RunKind::Parse {
        "bpar"
    } else {
        "bpr"
    };
    json!({
        "object": "batch_run",
        "id": new_id(prefix),
        "status": RunStatus::Pending.as_str(),
        "runCount": run_count,
        "createdAt": now_rfc3339(),
    })
}

/// Returns the list form of a run: the run without `output`, `initialOutput`,
/// `reviewedOutput`, `config` and `stepRuns`.
pub(crate) fn run_summary(run: &Value) -> Value {
    let mut summary = run.clone();
    if let Value::Object(fields) = &mut summary {
        for key in [
            "output",
            "initialOutput",
            "reviewedOutput",
            "config",
            "stepRuns",
        ] {
            fields.remove(key);
        }
    }
    summary
}

/// Returns the `id` of a stored object (every builder here sets one).
pub(crate) fn object_id(object: &Value) -> String {
    object
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Returns the `status` of a stored run.
pub(crate) fn status_of(run: &Value) -> Option<RunStatus> {
    run.get("status")
        .and_then(Value::as_str)
        .map(RunStatus::from)
}

/// Sets `status` of a stored run, and `updatedAt` when the run type has one.
pub(crate) fn set_status(run: &mut Value, status: &RunStatus) {
    set_field(run, "status", json!(status.as_str()));
    if run.get("updatedAt").is_some() {
        set_field(run, "updatedAt", json!(now_rfc3339()));
    }
}

/// Sets one field of a stored object; a stored object is always a JSON object.
pub(crate) fn set_field(object: &mut Value, key: &str, value: Value) {
    if let Value::Object(fields) = object {
        fields.insert(key.to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_fields_by_kind() {
        let file = json!({"id": "file_1"});
        for kind in RunKind::ALL {
            let run = new_run(kind, &file, json!({}), None);
            assert_eq!(run["object"], kind.object());
            assert!(run["id"].as_str().unwrap().starts_with(kind.id_prefix()));
            assert_eq!(
                run.get("createdAt").is_some(),
                kind.has_timestamps(),
                "{kind:?}"
            );
            assert_eq!(
                run.get("files").is_some(),
                kind == RunKind::Workflow,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn summary_drops_output() {
        let run = json!({"id": "exr_1", "output": {}, "config": {}, "status": "PROCESSED"});

        let summary = run_summary(&run);

        assert_eq!(summary, json!({"id": "exr_1", "status": "PROCESSED"}));
    }
}
