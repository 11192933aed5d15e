//! Wire conformance against recorded request and response pairs.
//!
//! Reads every fixture in the folder named by `EXTEND_WIRE_FIXTURES`. For
//! each 2xx fixture of a resource this crate models, the response body is
//! decoded into the matching type, encoded again and compared with the
//! original JSON. The request body, when there is one, goes through the
//! request type the same way. Error bodies of the documented shape go
//! through [`ApiErrorBody`]. Absent and `null` count as equal, and numbers
//! compare by value, so `30` equals `30.0`.
//!
//! Unset variable: the test prints that it was skipped. Set but missing
//! folder: the test fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use extend_core::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes `original` as `T`, encodes it again and compares.
fn round_trip<T: DeserializeOwned + Serialize>(original: &Value) -> Result<(), String> {
    let decoded: T = serde_json::from_value(original.clone())
        .map_err(|error| format!("decode as {}: {error}", std::any::type_name::<T>()))?;
    let encoded = serde_json::to_value(&decoded).map_err(|error| format!("encode: {error}"))?;
    match first_difference(original, &encoded, "$") {
        None => Ok(()),
        Some(difference) => Err(format!(
            "{} round trip differs at {difference}",
            std::any::type_name::<T>()
        )),
    }
}

/// Returns the path of the first difference, treating absent as `null` and
/// comparing numbers numerically.
fn first_difference(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(left), Value::Object(right)) => {
            let keys: std::collections::BTreeSet<&String> =
                left.keys().chain(right.keys()).collect();
            keys.into_iter().find_map(|key| {
                let left = left.get(key).unwrap_or(&Value::Null);
                let right = right.get(key).unwrap_or(&Value::Null);
                first_difference(left, right, &format!("{path}.{key}"))
            })
        }
        (Value::Array(left), Value::Array(right)) => {
            if left.len() != right.len() {
                return Some(format!(
                    "{path}: {} items, then {}",
                    left.len(),
                    right.len()
                ));
            }
            left.iter()
                .zip(right)
                .enumerate()
                .find_map(|(index, (left, right))| {
                    first_difference(left, right, &format!("{path}[{index}]"))
                })
        }
        (Value::Number(left), Value::Number(right)) => {
            (left.as_f64() != right.as_f64()).then(|| format!("{path}: {left} then {right}"))
        }
        (left, right) if left == right => None,
        (left, right) => Some(format!("{path}: {left} then {right}")),
    }
}

/// The checks of one fixture: which type its response and request go through.
type Check = fn(&Value) -> Result<(), String>;

/// Picks the response and request types for `resource` and `operation`
/// (the file name `resource__operation-N.json`). `None` for resources this
/// crate does not model.
fn checks_for(resource: &str, operation: &str) -> Option<(Check, Option<Check>)> {
    let checks: (Check, Option<Check>) = match (resource, operation) {
        ("extractRuns", "list") => (round_trip::<List<ExtractRun>>, None),
        ("extractRuns", "create") => (
            round_trip::<ExtractRun>,
            Some(round_trip::<ExtractRunCreate>),
        ),
        ("extractRuns", "retrieve" | "cancel") => (round_trip::<ExtractRun>, None),
        ("extractRuns", "create-batch") => (
            round_trip::<BatchRun>,
            Some(round_trip::<ExtractRunBatchCreate>),
        ),
        ("classifyRuns", "list") => (round_trip::<List<ClassifyRun>>, None),
        ("classifyRuns", "create") => (
            round_trip::<ClassifyRun>,
            Some(round_trip::<ClassifyRunCreate>),
        ),
        ("classifyRuns", "retrieve" | "cancel") => (round_trip::<ClassifyRun>, None),
        ("classifyRuns", "create-batch") => (
            round_trip::<BatchRun>,
            Some(round_trip::<ClassifyRunBatchCreate>),
        ),
        ("splitRuns", "list") => (round_trip::<List<SplitRun>>, None),
        ("splitRuns", "create") => (round_trip::<SplitRun>, Some(round_trip::<SplitRunCreate>)),
        ("splitRuns", "retrieve" | "cancel") => (round_trip::<SplitRun>, None),
        ("splitRuns", "create-batch") => (
            round_trip::<BatchRun>,
            Some(round_trip::<SplitRunBatchCreate>),
        ),
        ("parseRuns", "list") => (round_trip::<List<ParseRun>>, None),
        ("parseRuns", "create") => (round_trip::<ParseRun>, Some(round_trip::<ParseRunCreate>)),
        ("parseRuns", "retrieve" | "cancel") => (round_trip::<ParseRun>, None),
        ("parseRuns", "create-batch") => (
            round_trip::<BatchRun>,
            Some(round_trip::<ParseRunBatchCreate>),
        ),
        ("editRuns", "create") => (round_trip::<EditRun>, Some(round_trip::<EditRunCreate>)),
        ("editRuns", "retrieve") => (round_trip::<EditRun>, None),
        ("formDetectionRuns", "create") => (
            round_trip::<FormDetectionRun>,
            Some(round_trip::<FormDetectionRunCreate>),
        ),
        ("formDetectionRuns", "retrieve") => (round_trip::<FormDetectionRun>, None),
        ("workflowRuns", "list") => (round_trip::<List<WorkflowRun>>, None),
        ("workflowRuns", "create") => (
            round_trip::<WorkflowRun>,
            Some(round_trip::<WorkflowRunCreate>),
        ),
        ("workflowRuns", "retrieve" | "cancel") => (round_trip::<WorkflowRun>, None),
        ("workflowRuns", "update") => (
            round_trip::<WorkflowRun>,
            Some(round_trip::<WorkflowRunUpdate>),
        ),
        ("workflowRuns", "create-batch") => (
            round_trip::<WorkflowBatch>,
            Some(round_trip::<WorkflowRunBatchCreate>),
        ),
        ("main", "parse") => (round_trip::<ParseRun>, Some(round_trip::<ParseRunCreate>)),
        ("main", "extract") => (
            round_trip::<ExtractRun>,
            Some(round_trip::<ExtractRunCreate>),
        ),
        ("main", "classify") => (
            round_trip::<ClassifyRun>,
            Some(round_trip::<ClassifyRunCreate>),
        ),
        ("main", "split") => (round_trip::<SplitRun>, Some(round_trip::<SplitRunCreate>)),
        ("main", "edit") => (round_trip::<EditRun>, Some(round_trip::<EditRunCreate>)),
        ("main", "detect-form") => (
            round_trip::<FormDetectionRun>,
            Some(round_trip::<FormDetectionRunCreate>),
        ),
        ("batchRuns", "get") => (round_trip::<BatchRun>, None),
        ("files", "list") => (round_trip::<List<File>>, None),
        ("files", "retrieve") => (round_trip::<File>, None),
        ("webhookEndpoints", "list") => (round_trip::<List<WebhookEndpoint>>, None),
        ("webhookEndpoints", "create") => (
            round_trip::<WebhookEndpointCreated>,
            Some(round_trip::<WebhookEndpointCreate>),
        ),
        ("webhookEndpoints", "retrieve") => (round_trip::<WebhookEndpoint>, None),
        ("webhookEndpoints", "update") => (
            round_trip::<WebhookEndpoint>,
            Some(round_trip::<WebhookEndpointUpdate>),
        ),
        ("webhookSubscriptions", "list") => (round_trip::<List<WebhookSubscription>>, None),
        ("webhookSubscriptions", "create") => (
            round_trip::<WebhookSubscription>,
            Some(round_trip::<WebhookSubscriptionCreate>),
        ),
        ("webhookSubscriptions", "retrieve") => (round_trip::<WebhookSubscription>, None),
        ("webhookSubscriptions", "update") => (
            round_trip::<WebhookSubscription>,
            Some(round_trip::<WebhookSubscriptionUpdate>),
        ),
        ("extractors", "list") => (round_trip::<List<Extractor>>, None),
        ("extractors", "retrieve" | "create" | "update") => (round_trip::<Extractor>, None),
        ("extractorVersions", "list") => (round_trip::<List<ExtractorVersion>>, None),
        ("extractorVersions", "retrieve" | "create") => (round_trip::<ExtractorVersion>, None),
        ("classifiers", "list") => (round_trip::<List<Classifier>>, None),
        ("classifiers", "retrieve" | "create" | "update") => (round_trip::<Classifier>, None),
        ("classifierVersions", "list") => (round_trip::<List<ClassifierVersion>>, None),
        ("classifierVersions", "retrieve" | "create") => (round_trip::<ClassifierVersion>, None),
        ("splitters", "list") => (round_trip::<List<Splitter>>, None),
        ("splitters", "retrieve" | "create" | "update") => (round_trip::<Splitter>, None),
        ("splitterVersions", "list") => (round_trip::<List<SplitterVersion>>, None),
        ("splitterVersions", "retrieve" | "create") => (round_trip::<SplitterVersion>, None),
        ("workflows", "list") => (round_trip::<List<Workflow>>, None),
        ("workflows", "retrieve" | "create" | "update") => (round_trip::<Workflow>, None),
        ("workflowVersions", "list") => (round_trip::<List<WorkflowVersion>>, None),
        ("workflowVersions", "retrieve" | "create") => (round_trip::<WorkflowVersion>, None),
        (
            "extractRuns"
            | "classifyRuns"
            | "splitRuns"
            | "parseRuns"
            | "editRuns"
            | "workflowRuns"
            | "files"
            | "webhookEndpoints"
            | "webhookSubscriptions",
            "delete",
        ) => (round_trip::<DeleteResponse>, None),
        _ => return None,
    };
    Some(checks)
}

/// Splits `extractRuns__create-batch-3.json` into `extractRuns` and `create-batch`.
fn resource_and_operation(path: &Path) -> Option<(String, String)> {
    let stem = path.file_stem()?.to_str()?;
    let (resource, rest) = stem.split_once("__")?;
    let (operation, number) = rest.rsplit_once('-')?;
    number.parse::<u32>().ok()?;
    Some((resource.to_owned(), operation.to_owned()))
}

/// Checks the webhook example bodies: the payload goes through its run type.
fn check_webhook_example(name: &str, body: &Value) -> Option<Result<(), String>> {
    let payload = body.get("payload")?;
    let result = match body.get("eventType")?.as_str()? {
        "workflow_run.completed" if payload.get("object") == Some(&Value::from("workflow_run")) => {
            round_trip::<WorkflowRun>(payload)
        }
        "extract_run.processed" => round_trip::<ExtractRun>(payload),
        _ => return None,
    };
    Some(result.map_err(|error| format!("{name}: {error}")))
}

fn fixture_folder() -> Option<PathBuf> {
    let folder = PathBuf::from(std::env::var_os("EXTEND_WIRE_FIXTURES")?);
    assert!(
        folder.is_dir(),
        "EXTEND_WIRE_FIXTURES is set to {}, which is not a folder; fix the path or unset it",
        folder.display()
    );
    Some(folder)
}

#[test]
fn wire_fixtures_round_trip() {
    let Some(folder) = fixture_folder() else {
        println!("skipped: EXTEND_WIRE_FIXTURES is not set");
        return;
    };

    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("fixture folder is readable")
        .map(|entry| entry.expect("fixture folder entry is readable").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    paths.sort();

    for path in paths {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("fixture is readable");
        let fixture: Value = serde_json::from_str(&text).expect("fixture is JSON");

        if name.starts_with("webhooks__") {
            if let Some(result) = check_webhook_example(&name, &fixture) {
                *counts.entry("webhook examples".into()).or_default() += 1;
                if let Err(error) = result {
                    failures.push(error);
                }
            }
            continue;
        }

        let Some((resource, operation)) = resource_and_operation(&path) else {
            continue;
        };
        let Some((response_check, request_check)) = checks_for(&resource, &operation) else {
            continue;
        };
        let status = fixture["status"].as_u64().unwrap_or(0);

        if (200..300).contains(&status) {
            *counts.entry(resource.clone()).or_default() += 1;
            if let Err(error) = response_check(&fixture["response_body"]) {
                failures.push(format!("{name} response: {error}"));
            }
            if let (Some(request_check), body @ Value::Object(_)) =
                (request_check, &fixture["request_body"])
            {
                if let Err(error) = request_check(body) {
                    failures.push(format!("{name} request: {error}"));
                }
            }
        } else if fixture["response_body"].get("code").is_some() {
            *counts
                .entry(format!("{resource} (error bodies)"))
                .or_default() += 1;
            if let Err(error) = round_trip::<ApiErrorBody>(&fixture["response_body"]) {
                failures.push(format!("{name} error body: {error}"));
            }
        }
    }

    for (resource, count) in &counts {
        println!("{resource}: {count} fixtures checked");
    }
    println!("total: {} fixtures checked", counts.values().sum::<usize>());

    for resource in [
        "extractRuns",
        "classifyRuns",
        "splitRuns",
        "parseRuns",
        "editRuns",
        "formDetectionRuns",
        "workflowRuns",
        "main",
        "batchRuns",
        "files",
        "webhookEndpoints",
        "webhookSubscriptions",
    ] {
        assert!(
            counts.get(resource).copied().unwrap_or(0) > 0,
            "no 2xx fixture checked for {resource}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} fixtures failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
