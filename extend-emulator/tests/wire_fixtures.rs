//! Compares emulator responses with the recorded API responses in the folder
//! named by `EXTEND_WIRE_FIXTURES`: every field the emulator sends must exist
//! in the recorded object at the same place, with the same JSON type.
//!
//! Without the variable the tests print that they were skipped; with it set
//! to a missing folder they fail.

mod common;

use std::path::PathBuf;

use common::{expect_json, TestApi};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Paths whose keys are user data (schema fields, metadata, config), or
/// fields the API reference documents but the recordings lack.
const UNCHECKED_PATHS: &[&str] = &[
    "config",
    "metadata",
    "output.value",
    "output.metadata",
    "initialOutput.value",
    "initialOutput.metadata",
    "output.filledValues",
    "output.schema",
    "stepRuns[].result",
    "requestId",
];

fn fixtures_dir() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("EXTEND_WIRE_FIXTURES") else {
        eprintln!("wire fixture tests skipped: EXTEND_WIRE_FIXTURES is not set");
        return None;
    };
    let dir = PathBuf::from(dir);
    assert!(
        dir.is_dir(),
        "EXTEND_WIRE_FIXTURES={} is not a folder",
        dir.display()
    );
    Some(dir)
}

fn recorded_response(dir: &std::path::Path, name: &str) -> Value {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let fixture: Value =
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("{name} is not JSON: {err}"));
    fixture["response_body"].clone()
}

/// Lists the paths of `sent` that are missing from `recorded` or have another JSON type.
fn unknown_paths(sent: &Value, recorded: &Value, path: &str, found: &mut Vec<String>) {
    if UNCHECKED_PATHS.contains(&path) {
        return;
    }
    match (sent, recorded) {
        (Value::Object(sent_fields), Value::Object(recorded_fields)) => {
            for (key, sent_value) in sent_fields {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match recorded_fields.get(key) {
                    Some(recorded_value) => {
                        unknown_paths(sent_value, recorded_value, &child, found)
                    }
                    None if UNCHECKED_PATHS.contains(&child.as_str()) => {}
                    None => found.push(child),
                }
            }
        }
        (Value::Array(sent_items), Value::Array(recorded_items)) => {
            if let Some(recorded_item) = recorded_items.first() {
                for sent_item in sent_items {
                    unknown_paths(sent_item, recorded_item, &format!("{path}[]"), found);
                }
            }
        }
        (Value::Null, _) | (_, Value::Null) => {}
        (sent, recorded) if json_type(sent) != json_type(recorded) => {
            found.push(format!(
                "{path} ({} here, {} recorded)",
                json_type(sent),
                json_type(recorded)
            ));
        }
        _ => {}
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn assert_matches_recording(sent: &Value, recorded: &Value, object_name: &str) {
    let mut found = Vec::new();
    unknown_paths(sent, recorded, "", &mut found);
    assert!(
        found.is_empty(),
        "{object_name} has fields the recorded API response lacks: {found:?}"
    );
}

#[tokio::test]
async fn file_matches_recording() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;

    let file = api.upload_sample("invoice.pdf").await;

    assert_matches_recording(
        &file,
        &recorded_response(&dir, "files__retrieve-1.json"),
        "file",
    );
}

#[tokio::test]
async fn parse_run_matches_recording() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;
    let file = api.upload_sample("invoice.pdf").await;

    let created = api
        .post_json("/parse_runs", &json!({"file": {"id": file["id"]}}))
        .await;
    let created = expect_json(created, StatusCode::OK).await;
    let finished = api
        .wait_for_run(&format!("/parse_runs/{}", created["id"].as_str().unwrap()))
        .await;

    let recorded = recorded_response(&dir, "parseRuns__retrieve-1.json");
    assert_matches_recording(&created, &recorded, "created parse run");
    assert_matches_recording(&finished, &recorded, "processed parse run");
}

#[tokio::test]
async fn extract_run_matches_recording() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;

    let schema = json!({"properties": {"total": {"type": "number"}}});
    let body = json!({"file": {"text": "Total: 5"}, "config": {"schema": schema}});
    let created = expect_json(api.post_json("/extract_runs", &body).await, StatusCode::OK).await;
    let finished = api
        .wait_for_run(&format!(
            "/extract_runs/{}",
            created["id"].as_str().unwrap()
        ))
        .await;

    let recorded = recorded_response(&dir, "extractRuns__retrieve-1.json");
    assert_matches_recording(&created, &recorded, "created extract run");
    assert_matches_recording(&finished, &recorded, "processed extract run");
}

#[tokio::test]
async fn error_body_matches_recording() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;

    let body = expect_json(
        api.get("/extract_runs/exr_missing").await,
        StatusCode::NOT_FOUND,
    )
    .await;

    let recorded = recorded_response(&dir, "extractRuns__create-8.json");
    assert_matches_recording(&body, &recorded, "error body");
}

/// Creates a run at `path`, waits for it, and compares both forms with the
/// recorded retrieve response `fixture`.
async fn assert_run_matches(
    api: &TestApi,
    dir: &std::path::Path,
    path: &str,
    body: Value,
    fixture: &str,
) {
    let created = expect_json(api.post_json(path, &body).await, StatusCode::OK).await;
    let finished = api
        .wait_for_run(&format!("{path}/{}", created["id"].as_str().unwrap()))
        .await;

    let recorded = recorded_response(dir, fixture);
    assert_matches_recording(&created, &recorded, &format!("created run of {path}"));
    assert_matches_recording(&finished, &recorded, &format!("finished run of {path}"));
}

#[tokio::test]
async fn run_types_match_recordings() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;
    let file = api.upload_sample("packet.pdf").await;
    let classifications = json!([{"id": "inv", "type": "invoice", "description": "An invoice"}]);

    let cases = [
        (
            "/classify_runs",
            json!({"file": {"id": file["id"]}, "config": {"classifications": classifications}}),
            "classifyRuns__retrieve-1.json",
        ),
        (
            "/split_runs",
            json!({"file": {"id": file["id"]}, "config": {"splitClassifications": classifications}}),
            "splitRuns__retrieve-1.json",
        ),
        (
            "/edit_runs",
            json!({"file": {"id": file["id"]}}),
            "editRuns__retrieve-1.json",
        ),
        (
            "/form_detection_runs",
            json!({"file": {"id": file["id"]}}),
            "formDetectionRuns__retrieve-1.json",
        ),
        (
            "/workflow_runs",
            json!({"workflow": {"id": "workflow_1"}, "file": {"id": file["id"]}}),
            "workflowRuns__retrieve-1.json",
        ),
    ];
    for (path, body, fixture) in cases {
        assert_run_matches(&api, &dir, path, body, fixture).await;
    }
}

#[tokio::test]
async fn lists_and_deletes_match_recordings() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;
    let schema = json!({"properties": {"total": {"type": "number"}}});
    for _ in 0..2 {
        let body = json!({"file": {"text": "Total: 5"}, "config": {"schema": schema}});
        expect_json(api.post_json("/extract_runs", &body).await, StatusCode::OK).await;
    }

    let runs = expect_json(api.get("/extract_runs?maxPageSize=1").await, StatusCode::OK).await;
    let files = expect_json(api.get("/files?maxPageSize=1").await, StatusCode::OK).await;
    let run_id = runs["data"][0]["id"].as_str().unwrap().to_owned();
    let deleted = expect_json(
        api.delete(&format!("/extract_runs/{run_id}")).await,
        StatusCode::OK,
    )
    .await;

    assert_matches_recording(
        &runs,
        &recorded_response(&dir, "extractRuns__list-1.json"),
        "extract run list",
    );
    assert_matches_recording(
        &files,
        &recorded_response(&dir, "files__list-1.json"),
        "file list",
    );
    assert_matches_recording(
        &deleted,
        &recorded_response(&dir, "extractRuns__delete-1.json"),
        "delete response",
    );
}

#[tokio::test]
async fn batches_match_recordings() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;
    let inputs = json!([{"file": {"text": "a"}}]);

    let batch = expect_json(
        api.post_json(
            "/extract_runs/batch",
            &json!({"extractor": {"id": "ex_1"}, "inputs": inputs}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let retrieved = expect_json(
        api.get(&format!("/batch_runs/{}", batch["id"].as_str().unwrap()))
            .await,
        StatusCode::OK,
    )
    .await;
    let workflow_batch = expect_json(
        api.post_json(
            "/workflow_runs/batch",
            &json!({"workflow": {"id": "workflow_1"}, "inputs": inputs}),
        )
        .await,
        StatusCode::OK,
    )
    .await;

    assert_matches_recording(
        &batch,
        &recorded_response(&dir, "extractRuns__create-batch-1.json"),
        "batch create",
    );
    assert_matches_recording(
        &retrieved,
        &recorded_response(&dir, "batchRuns__get-1.json"),
        "batch run",
    );
    assert_matches_recording(
        &workflow_batch,
        &recorded_response(&dir, "workflowRuns__create-batch-1.json"),
        "workflow batch",
    );
}

#[tokio::test]
async fn webhook_objects_match_recordings() {
    let Some(dir) = fixtures_dir() else { return };
    let api = TestApi::start(50.0).await;
    let body = json!({"url": "http://127.0.0.1:9/hook", "name": "n", "enabledEvents": [], "apiVersion": "2026-02-09",
        "advancedOptions": {"payload": {"format": "json"}}});

    let endpoint = expect_json(
        api.post_json("/webhook_endpoints", &body).await,
        StatusCode::OK,
    )
    .await;
    let subscription = expect_json(
        api.post_json(
            "/webhook_subscriptions",
            &json!({"webhookEndpointId": endpoint["id"], "resourceType": "workflow", "resourceId": "workflow_1", "enabledEvents": []}),
        )
        .await,
        StatusCode::OK,
    )
    .await;

    assert_matches_recording(
        &endpoint,
        &recorded_response(&dir, "webhookEndpoints__create-1.json"),
        "webhook endpoint",
    );
    assert_matches_recording(
        &subscription,
        &recorded_response(&dir, "webhookSubscriptions__create-1.json"),
        "webhook subscription",
    );
}
