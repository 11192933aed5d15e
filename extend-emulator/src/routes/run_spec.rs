//! The processing part of a run request: the config or the processor
//! reference of each run type, checked and turned into [`Work`].

use serde_json::{json, Map, Value};

use crate::api_error::ApiFailure;
use crate::clock::now_rfc3339;
use crate::kinds::RunKind;
use crate::processing::{workflow, Work};

/// What every run of one request shares: its config, the processor summary
/// fields, and what the runs compute.
#[derive(Debug, Clone)]
pub(crate) struct RunSpec {
    /// The run's `config` field.
    pub(crate) config: Value,
    /// Summary fields such as `extractor` and `extractorVersion`.
    pub(crate) processor_fields: Map<String, Value>,
    /// What the runs compute.
    pub(crate) work: Work,
}

/// Reads the config or processor reference of a `kind` request.
///
/// # Errors
///
/// `INVALID_REQUEST` naming the field and the fix when it is missing or
/// malformed.
pub(crate) fn run_spec(
    kind: RunKind,
    body: &Map<String, Value>,
    route: &str,
) -> Result<RunSpec, ApiFailure> {
    if body
        .get("package")
        .is_some_and(|package| !package.is_null())
    {
        return Err(ApiFailure::invalid_request(format!(
            "the emulator does not support `package` in {route}; pass one document as `file`"
        )));
    }
    check_priority(body.get("priority"), route)?;
    let config = optional_object(body, "config", route)?;

    match kind {
        RunKind::Extract => {
            let processor = processor_summary(body, "extractor", route)?;
            let properties = match (&config, &processor) {
                (Some(config), _) => Some(schema_properties(config, route)?),
                (None, Some(_)) => None,
                (None, None) => {
                    return Err(ApiFailure::invalid_request(format!(
                        "missing `config.schema` in the body of {route}; the emulator cannot infer a \
                         schema, so pass {{\"config\": {{\"schema\": {{\"type\": \"object\", \"properties\": {{...}}}}}}}} \
                         or a saved extractor reference {{\"extractor\": {{\"id\": ...}}}}"
                    )))
                }
            };
            Ok(spec(config, processor, Work::Extract(properties)))
        }
        RunKind::Classify => {
            let processor = processor_summary(body, "classifier", route)?;
            let classifications = classifications(
                config.as_ref(),
                processor.is_some(),
                "classifications",
                route,
            )?;
            Ok(spec(config, processor, Work::Classify(classifications)))
        }
        RunKind::Split => {
            let processor = processor_summary(body, "splitter", route)?;
            let classifications = classifications(
                config.as_ref(),
                processor.is_some(),
                "splitClassifications",
                route,
            )?;
            Ok(spec(config, processor, Work::Split(classifications)))
        }
        RunKind::Parse => Ok(spec(config, None, Work::Parse)),
        RunKind::Edit => Ok(spec(config, None, Work::Edit)),
        RunKind::FormDetection => Ok(spec(config, None, Work::FormDetection)),
        RunKind::Workflow => {
            let processor = processor_summary(body, "workflow", route)?;
            if processor.is_none() {
                return Err(ApiFailure::invalid_request(format!(
                    "missing `workflow` in the body of {route}; send {{\"workflow\": {{\"id\": \"workflow_...\"}}}}"
                )));
            }
            let outcome = workflow_outcome(body.get("metadata"), route)?;
            Ok(spec(None, processor, Work::Workflow(outcome)))
        }
    }
}

/// Reads the `emulator:outcome` metadata key of a workflow run.
///
/// # Errors
///
/// `INVALID_REQUEST` for a value that is not a status the emulator can end with.
pub(crate) fn workflow_outcome(
    metadata: Option<&Value>,
    route: &str,
) -> Result<workflow::Outcome, ApiFailure> {
    workflow::Outcome::from_metadata(metadata).map_err(|value| {
        ApiFailure::invalid_request(format!(
            "invalid metadata `{}` {value} in {route}: expected \"PROCESSED\", \"NEEDS_REVIEW\", \"REJECTED\" or \"FAILED\"",
            workflow::OUTCOME_KEY
        ))
    })
}

fn spec(config: Option<Value>, processor: Option<(String, Value, Value)>, work: Work) -> RunSpec {
    let mut processor_fields = Map::new();
    if let Some((key, summary, version)) = processor {
        processor_fields.insert(format!("{key}Version"), version);
        processor_fields.insert(key, summary);
    }
    RunSpec {
        config: config.unwrap_or_else(|| json!({})),
        processor_fields,
        work,
    }
}

/// Reads a processor reference `{id, version?}` under `key` and returns the
/// key, a summary object and a version object for the run.
fn processor_summary(
    body: &Map<String, Value>,
    key: &str,
    route: &str,
) -> Result<Option<(String, Value, Value)>, ApiFailure> {
    let Some(reference) = body.get(key).filter(|reference| !reference.is_null()) else {
        return Ok(None);
    };
    let Some(id) = reference.get("id").and_then(Value::as_str) else {
        return Err(ApiFailure::invalid_request(format!(
            "invalid `{key}` in the body of {route}: expected an object with a string `id`"
        )));
    };
    let version = reference
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or("latest");
    let now = now_rfc3339();
    let summary = json!({"object": key, "id": id, "name": id, "createdAt": now, "updatedAt": now});
    let mut version = json!({
        "object": format!("{key}_version"),
        "id": format!("{id}_version"),
        "version": version,
        "createdAt": now,
    });
    if key != "workflow" {
        version[format!("{key}Id")] = json!(id);
    }
    Ok(Some((key.to_owned(), summary, version)))
}

fn optional_object(
    body: &Map<String, Value>,
    key: &str,
    route: &str,
) -> Result<Option<Value>, ApiFailure> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value @ Value::Object(_)) => Ok(Some(value.clone())),
        Some(_) => Err(ApiFailure::invalid_request(format!(
            "invalid `{key}` in the body of {route}: expected an object"
        ))),
    }
}

fn classifications(
    config: Option<&Value>,
    has_processor: bool,
    key: &str,
    route: &str,
) -> Result<Vec<Value>, ApiFailure> {
    let Some(config) = config else {
        if has_processor {
            return Ok(Vec::new());
        }
        return Err(ApiFailure::invalid_request(format!(
            "missing `config` in the body of {route}; pass a saved processor reference or \
             {{\"config\": {{\"{key}\": [{{\"id\": ..., \"type\": ..., \"description\": ...}}]}}}}"
        )));
    };
    let Some(list) = config.get(key).and_then(Value::as_array) else {
        return Err(ApiFailure::invalid_request(format!(
            "missing `config.{key}` in the body of {route}; pass an array of {{id, type, description}}"
        )));
    };
    if list.is_empty() {
        return Err(ApiFailure::invalid_request(format!(
            "`config.{key}` in the body of {route} is empty; pass at least one {{id, type, description}}"
        )));
    }
    if list
        .iter()
        .any(|item| item.get("type").and_then(Value::as_str).is_none())
    {
        return Err(ApiFailure::invalid_request(format!(
            "invalid `config.{key}` in the body of {route}: every item needs a string `type`"
        )));
    }
    Ok(list.clone())
}

/// Returns `config.schema.properties`, the fields to extract.
fn schema_properties(config: &Value, route: &str) -> Result<Map<String, Value>, ApiFailure> {
    let Some(schema) = config.get("schema") else {
        return Err(ApiFailure::invalid_request(format!(
            "missing `config.schema` in the body of {route}; the emulator cannot infer a schema, \
             so pass a JSON Schema such as {{\"type\": \"object\", \"properties\": {{...}}}}"
        )));
    };
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Err(ApiFailure::invalid_request(format!(
            "invalid `config.schema` in the body of {route}: expected an object schema with a \
             `properties` object"
        )));
    };
    if let Some(kind) = schema.get("type") {
        if kind != "object" {
            return Err(ApiFailure::invalid_request(format!(
                "invalid `config.schema.type` {kind} in the body of {route}: expected \"object\""
            )));
        }
    }
    Ok(properties.clone())
}

/// Checks that `priority`, when present, is an integer from 1 to 100.
fn check_priority(priority: Option<&Value>, route: &str) -> Result<(), ApiFailure> {
    let Some(priority) = priority.filter(|priority| !priority.is_null()) else {
        return Ok(());
    };
    match priority.as_u64() {
        Some(1..=100) => Ok(()),
        _ => Err(ApiFailure::invalid_request(format!(
            "invalid `priority` {priority} in the body of {route}: expected an integer from 1 to 100"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn schema_properties_cases() {
        let route = "POST /extract_runs";
        assert!(schema_properties(
            &json!({"schema": {"type": "object", "properties": {"a": {}}}}),
            route
        )
        .is_ok());
        assert!(schema_properties(&json!({"schema": {"properties": {}}}), route).is_ok());
        assert!(schema_properties(&json!(null), route).is_err());
        assert!(schema_properties(
            &json!({"schema": {"type": "array", "properties": {}}}),
            route
        )
        .is_err());
        assert!(schema_properties(&json!({"schema": {"type": "object"}}), route).is_err());
    }

    #[test]
    fn priority_range() {
        let route = "POST /extract_runs";
        assert!(check_priority(None, route).is_ok());
        assert!(check_priority(Some(&json!(1)), route).is_ok());
        assert!(check_priority(Some(&json!(100)), route).is_ok());
        assert!(check_priority(Some(&json!(0)), route).is_err());
        assert!(check_priority(Some(&json!(101)), route).is_err());
        assert!(check_priority(Some(&json!("5")), route).is_err());
    }

    #[test]
    fn spec_requirements_by_kind() {
        let route = "POST /test";
        let cases = [
            (RunKind::Extract, json!({}), false),
            (RunKind::Extract, json!({"extractor": {"id": "ex_1"}}), true),
            (
                RunKind::Classify,
                json!({"config": {"classifications": [{"id": "a", "type": "a"}]}}),
                true,
            ),
            (RunKind::Classify, json!({"config": {}}), false),
            (
                RunKind::Classify,
                json!({"config": {"classifications": []}}),
                false,
            ),
            (
                RunKind::Split,
                json!({"config": {"splitClassifications": []}}),
                false,
            ),
            (RunKind::Split, json!({"splitter": {"id": "spl_1"}}), true),
            (RunKind::Split, json!({}), false),
            (RunKind::Parse, json!({}), true),
            (RunKind::Parse, json!({"config": 5}), false),
            (RunKind::Workflow, json!({}), false),
            (
                RunKind::Workflow,
                json!({"workflow": {"id": "workflow_1"}}),
                true,
            ),
            (
                RunKind::Workflow,
                json!({"workflow": {"id": "w"}, "metadata": {"emulator:outcome": "X"}}),
                false,
            ),
        ];
        for (kind, request, accepted) in cases {
            assert_eq!(
                run_spec(kind, &body(request.clone()), route).is_ok(),
                accepted,
                "{kind:?} {request}"
            );
        }
    }
}
