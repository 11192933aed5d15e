//! Each command against one emulator shared by several `extend` processes:
//! every run type, lists, cancels, deletes, batches and files.
//!
//! NOTE: `--using` for extract and split runs only against the scripted
//! server in `commands.rs`: the emulator's extractor and splitter summaries
//! lack the `extractorId` and `splitterId` fields that the run models need.

mod support;

use serde_json::{json, Value};
use support::{extend_at, run, sample, start_emulator, Outcome};

/// Writes `value` as a JSON file in `dir` and returns its path.
fn json_file(dir: &tempfile::TempDir, name: &str, value: &Value) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

fn string_field(outcome: &Outcome, field: &str) -> String {
    outcome.json()[field].as_str().unwrap().to_owned()
}

#[test]
fn classify_with_config() {
    let (_runtime, emulator) = start_emulator(50.0);
    let dir = tempfile::tempdir().unwrap();
    let config = json_file(
        &dir,
        "classify.json",
        &json!({"classifications": [
            {"id": "invoice", "type": "invoice", "description": "An invoice"},
            {"id": "letter", "type": "letter", "description": "A letter"}
        ]}),
    );

    let outcome = run(extend_at(emulator.base_url()).args([
        "classify",
        &sample("invoice.pdf"),
        "--config",
        &config,
        "--metadata",
        r#"{"customer": "acme"}"#,
    ]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let run = outcome.json();
    assert_eq!(run["object"], "classify_run");
    assert_eq!(run["status"], "PROCESSED");
    assert_eq!(run["metadata"]["customer"], "acme");
}

#[test]
fn split_with_config() {
    let (_runtime, emulator) = start_emulator(50.0);
    let dir = tempfile::tempdir().unwrap();
    let config = json_file(
        &dir,
        "split.json",
        &json!({"splitClassifications": [
            {"id": "invoice", "type": "invoice", "description": "An invoice"},
            {"id": "receipt", "type": "receipt", "description": "A receipt"}
        ]}),
    );

    let inline = run(extend_at(emulator.base_url()).args([
        "split",
        &sample("packet.pdf"),
        "--config",
        &config,
    ]));
    assert_eq!(inline.code, 0, "{}", inline.stderr);
    assert_eq!(inline.json()["object"], "split_run");
    assert_eq!(inline.json()["status"], "PROCESSED");
}

#[test]
fn edit_with_config() {
    let (_runtime, emulator) = start_emulator(50.0);
    let dir = tempfile::tempdir().unwrap();
    let config = json_file(
        &dir,
        "edit.json",
        &json!({"instructions": "fill in the vendor"}),
    );
    let outcome = run(extend_at(emulator.base_url()).args([
        "edit",
        &sample("invoice.pdf"),
        "--config",
        &config,
    ]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["object"], "edit_run");
    assert_eq!(outcome.json()["status"], "PROCESSED");
}

#[test]
fn workflow_outcomes_exit_codes() {
    let (_runtime, emulator) = start_emulator(50.0);
    let uploaded =
        run(extend_at(emulator.base_url()).args(["files", "upload", &sample("invoice.pdf")]));
    let file_id = string_field(&uploaded, "id");

    let cases = [
        ("PROCESSED", 0),
        ("NEEDS_REVIEW", 0),
        ("FAILED", 3),
        ("REJECTED", 5),
    ];
    for (status, expected) in cases {
        let metadata = json!({"emulator:outcome": status}).to_string();
        let outcome = run(extend_at(emulator.base_url()).args([
            "run",
            &file_id,
            "--workflow",
            "workflow_test",
            "--metadata",
            &metadata,
            "--wait",
        ]));
        assert_eq!(outcome.code, expected, "{status}: {}", outcome.stderr);
        assert_eq!(outcome.json()["status"], status);
    }
}

#[test]
fn workflow_cancel_then_watch() {
    let (_runtime, emulator) = start_emulator(0.2);
    let started = run(extend_at(emulator.base_url()).args([
        "run",
        &sample("invoice.pdf"),
        "--workflow",
        "workflow_test",
    ]));
    assert_eq!(started.code, 0, "{}", started.stderr);
    let run_id = string_field(&started, "id");
    assert!(run_id.starts_with("workflow_run_"), "{run_id}");

    let cancelled = run(extend_at(emulator.base_url()).args(["runs", "cancel", &run_id]));
    assert_eq!(cancelled.code, 0, "{}", cancelled.stderr);

    let watched = run(extend_at(emulator.base_url()).args(["runs", "watch", &run_id]));
    assert_eq!(watched.code, 4, "{}", watched.stderr);
    assert_eq!(watched.json()["status"], "CANCELLED");
}

#[test]
fn runs_list_pages_and_delete() {
    let (_runtime, emulator) = start_emulator(50.0);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let created = run(extend_at(emulator.base_url()).args(["parse", &sample("notes.txt")]));
        assert_eq!(created.code, 0, "{}", created.stderr);
        ids.push(string_field(&created, "id"));
    }

    let listed = run(extend_at(emulator.base_url()).args([
        "-o",
        "id",
        "runs",
        "list",
        "--type",
        "parse",
        "--max-page-size",
        "1",
        "--all",
    ]));
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let mut listed_ids: Vec<String> = listed.stdout.lines().map(str::to_owned).collect();
    listed_ids.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(listed_ids, expected);

    let one_page = run(extend_at(emulator.base_url()).args([
        "runs",
        "list",
        "--type",
        "parse",
        "--max-page-size",
        "1",
    ]));
    assert_eq!(one_page.code, 0, "{}", one_page.stderr);
    assert_eq!(one_page.json()["data"].as_array().unwrap().len(), 1);
    assert!(
        one_page.stderr.contains("--page-token"),
        "{}",
        one_page.stderr
    );

    let deleted = run(extend_at(emulator.base_url()).args(["runs", "delete", &ids[0]]));
    assert_eq!(deleted.code, 0, "{}", deleted.stderr);
    let after_delete = run(extend_at(emulator.base_url()).args(["runs", "get", &ids[0]]));
    assert_eq!(after_delete.code, 1, "{}", after_delete.stderr);
    assert!(
        after_delete.stderr.contains("404"),
        "{}",
        after_delete.stderr
    );
}

#[test]
fn files_list_get_delete() {
    let (_runtime, emulator) = start_emulator(50.0);
    let uploaded =
        run(extend_at(emulator.base_url()).args(["files", "upload", &sample("invoice.pdf")]));
    assert_eq!(uploaded.code, 0, "{}", uploaded.stderr);
    let file_id = string_field(&uploaded, "id");

    let listed = run(extend_at(emulator.base_url()).args(["files", "list", "--all"]));
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert_eq!(listed.json()["data"][0]["id"], file_id.as_str());

    let deleted = run(extend_at(emulator.base_url()).args(["files", "delete", &file_id]));
    assert_eq!(deleted.code, 0, "{}", deleted.stderr);
    let after_delete = run(extend_at(emulator.base_url()).args(["files", "get", &file_id]));
    assert_eq!(after_delete.code, 1, "{}", after_delete.stderr);
}

#[test]
fn batches_get_and_watch() {
    let (runtime, emulator) = start_emulator(50.0);
    let uploaded =
        run(extend_at(emulator.base_url()).args(["files", "upload", &sample("notes.txt")]));
    let file_id = string_field(&uploaded, "id");

    let batch: Value = runtime.block_on(async {
        reqwest::Client::new()
            .post(format!("{}/parse_runs/batch", emulator.base_url()))
            .bearer_auth("sk_emulator_test")
            .header("x-extend-api-version", "2026-02-09")
            .json(&json!({"inputs": [{"file": {"id": file_id}}, {"file": {"id": file_id}}]}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    let batch_id = batch["id"].as_str().expect("batch id").to_owned();

    let got = run(extend_at(emulator.base_url()).args(["batches", "get", &batch_id]));
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.json()["id"], batch_id.as_str());

    let watched = run(extend_at(emulator.base_url()).args(["batches", "watch", &batch_id]));
    assert_eq!(watched.code, 0, "{}", watched.stderr);
    assert_eq!(watched.json()["status"], "PROCESSED");
}
