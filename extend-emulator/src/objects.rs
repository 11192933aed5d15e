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

/// Builds a `parse_run` in `PENDING`. Parse runs have no timestamps on the wire.
pub(crate) fn parse_run_object(file: &Value, config: Value, metadata: Option<Value>) -> Value {
    json!({
        "object": "parse_run",
        "id": new_id("pr"),
        "status": RunStatus::Pending.as_str(),
        "file": file,
        "config": config,
        "metadata": metadata,
    })
}

/// Builds an `extract_run` in `PENDING`.
pub(crate) fn extract_run_object(file: &Value, config: Value, metadata: Option<Value>) -> Value {
    let now = now_rfc3339();
    json!({
        "object": "extract_run",
        "id": new_id("exr"),
        "status": RunStatus::Pending.as_str(),
        "file": file,
        "config": config,
        "metadata": metadata,
        "reviewed": false,
        "edited": false,
        "createdAt": now,
        "updatedAt": now,
    })
}

/// Returns the `id` of a stored object (every builder here sets one).
pub(crate) fn object_id(object: &Value) -> String {
    object
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
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
