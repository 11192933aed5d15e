//! Every command against a scripted local server, for the routes the
//! emulator does not serve yet: other run types, lists, cancels, deletes
//! and batches.

mod support;

use serde_json::json;
use support::{ok, run, ScriptedApi};

fn run_body(object: &str, id: &str, status: &str) -> serde_json::Value {
    json!({"object": object, "id": id, "status": status})
}

#[test]
fn runs_get_each_prefix() {
    let cases = [
        ("extract_runs", "extract_run", "exr_1"),
        ("classify_runs", "classify_run", "clr_1"),
        ("split_runs", "split_run", "splr_1"),
        ("parse_runs", "parse_run", "pr_1"),
        ("edit_runs", "edit_run", "edr_1"),
        ("workflow_runs", "workflow_run", "workflow_run_1"),
    ];
    for (collection, object, id) in cases {
        let api = ScriptedApi::start();
        api.on(
            &format!("GET /{collection}/{id}"),
            vec![ok(run_body(object, id, "PROCESSED"))],
        );
        let outcome = run(api.extend().args(["runs", "get", id]));
        assert_eq!(outcome.code, 0, "{id}: {}", outcome.stderr);
        assert_eq!(outcome.json()["id"], id);
    }
}

#[test]
fn runs_get_type_flag() {
    let api = ScriptedApi::start();
    api.on(
        "GET /split_runs/legacy_7",
        vec![ok(run_body("split_run", "legacy_7", "PROCESSED"))],
    );
    let outcome = run(api
        .extend()
        .args(["runs", "get", "legacy_7", "--type", "split"]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["object"], "split_run");
}

#[test]
fn runs_watch_prints_changes() {
    let api = ScriptedApi::start();
    api.on(
        "GET /workflow_runs/workflow_run_1",
        vec![
            ok(run_body("workflow_run", "workflow_run_1", "PROCESSING")),
            ok(run_body("workflow_run", "workflow_run_1", "NEEDS_REVIEW")),
        ],
    );
    let outcome = run(api.extend().args(["runs", "watch", "workflow_run_1"]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("workflow_run_1: PROCESSING"),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome.stderr.contains("workflow_run_1: NEEDS_REVIEW"),
        "{}",
        outcome.stderr
    );
    assert_eq!(outcome.json()["status"], "NEEDS_REVIEW");
}

#[test]
fn runs_cancel_and_delete() {
    let api = ScriptedApi::start();
    api.on(
        "POST /extract_runs/exr_1/cancel",
        vec![ok(run_body("extract_run", "exr_1", "CANCELLED"))],
    )
    .on(
        "DELETE /extract_runs/exr_1",
        vec![ok(json!({"id": "exr_1", "deleted": true}))],
    );

    let cancelled = run(api.extend().args(["runs", "cancel", "exr_1"]));
    assert_eq!(cancelled.code, 0, "{}", cancelled.stderr);
    assert_eq!(cancelled.json()["status"], "CANCELLED");

    let deleted = run(api.extend().args(["runs", "delete", "exr_1"]));
    assert_eq!(deleted.code, 0, "{}", deleted.stderr);
    assert_eq!(deleted.json()["id"], "exr_1");
}

#[test]
fn edit_cancel_is_usage_error() {
    let api = ScriptedApi::start();
    let outcome = run(api.extend().args(["runs", "cancel", "edr_1"]));
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("no cancel route"),
        "{}",
        outcome.stderr
    );
    assert!(api.requests().is_empty(), "{:?}", api.requests());
}

#[test]
fn runs_list_one_page_hints_next() {
    let api = ScriptedApi::start();
    api.on(
        "GET /parse_runs",
        vec![ok(json!({"object": "list", "data": [run_body("parse_run", "pr_1", "PROCESSED")], "nextPageToken": "t2"}))],
    );
    let outcome =
        run(api
            .extend()
            .args(["runs", "list", "--type", "parse", "--status", "PROCESSED"]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["data"][0]["id"], "pr_1");
    assert!(
        outcome.stderr.contains("--page-token t2"),
        "{}",
        outcome.stderr
    );
    assert!(
        api.requests()[0].contains("status=PROCESSED"),
        "{:?}",
        api.requests()
    );
}

#[test]
fn list_all_follows_pages() {
    let api = ScriptedApi::start();
    api.on(
        "GET /files",
        vec![ok(json!({"object": "list", "data": [{"object": "file", "id": "file_1", "name": "a.pdf"}], "nextPageToken": "t2"}))],
    )
    .on(
        "GET /files?nextPageToken=t2",
        vec![ok(json!({"object": "list", "data": [{"object": "file", "id": "file_2", "name": "b.pdf"}]}))],
    );
    let outcome = run(api.extend().args(["-o", "id", "files", "list", "--all"]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.stdout, "file_1\nfile_2\n");
}

#[test]
fn list_all_repeated_token_stops() {
    let api = ScriptedApi::start();
    api.on(
        "GET /workflow_runs",
        vec![ok(json!({"object": "list", "data": [run_body("workflow_run", "workflow_run_1", "PROCESSED")], "nextPageToken": "loop"}))],
    )
    .on(
        "GET /workflow_runs?nextPageToken=loop",
        vec![ok(json!({"object": "list", "data": [run_body("workflow_run", "workflow_run_2", "PROCESSED")], "nextPageToken": "loop"}))],
    );
    let outcome = run(api
        .extend()
        .args(["runs", "list", "--type", "workflow", "--all"]));
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("a second time"),
        "{}",
        outcome.stderr
    );
    let list = outcome.json();
    let ids: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|run| run["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["workflow_run_1", "workflow_run_2"]);
}

#[test]
fn list_table_format() {
    let api = ScriptedApi::start();
    api.on(
        "GET /extract_runs",
        vec![ok(
            json!({"object": "list", "data": [run_body("extract_run", "exr_1", "FAILED")]}),
        )],
    );
    let outcome = run(api
        .extend()
        .args(["-o", "table", "runs", "list", "--type", "extract"]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    assert!(lines[0].starts_with("ID"), "{}", outcome.stdout);
    assert!(
        lines[1].contains("exr_1") && lines[1].contains("FAILED"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn batches_get_and_watch() {
    let api = ScriptedApi::start();
    api.on(
        "GET /batch_runs/bpr_1",
        vec![
            ok(run_body("batch_run", "bpr_1", "PROCESSING")),
            ok(run_body("batch_run", "bpr_1", "FAILED")),
        ],
    );
    let first = run(api.extend().args(["batches", "get", "bpr_1"]));
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.json()["status"], "PROCESSING");

    let watched = run(api.extend().args(["batches", "watch", "bpr_1"]));
    assert_eq!(watched.code, 3, "{}", watched.stderr);
    assert_eq!(watched.json()["status"], "FAILED");
}

#[test]
fn files_get_and_delete() {
    let api = ScriptedApi::start();
    api.on(
        "GET /files/file_9",
        vec![ok(
            json!({"object": "file", "id": "file_9", "name": "a.pdf"}),
        )],
    )
    .on("DELETE /files/file_9", vec![ok(json!({"id": "file_9"}))]);

    let got = run(api.extend().args(["files", "get", "file_9"]));
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.json()["name"], "a.pdf");

    let deleted = run(api.extend().args(["-o", "id", "files", "delete", "file_9"]));
    assert_eq!(deleted.code, 0, "{}", deleted.stderr);
    assert_eq!(deleted.stdout, "file_9\n");
}

#[test]
fn split_with_splitter_version() {
    let api = ScriptedApi::start();
    api.on(
        "POST /split_runs",
        vec![ok(run_body("split_run", "splr_1", "PROCESSED"))],
    );
    let outcome = run(api.extend().args([
        "split",
        "https://example.invalid/packet.pdf",
        "--using",
        "spl_1",
        "--version",
        "3",
    ]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["id"], "splr_1");
}

#[test]
fn edit_needs_config() {
    let api = ScriptedApi::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("edit.json");
    std::fs::write(&config, br#"{"instructions": "fill in the name"}"#).unwrap();
    api.on(
        "POST /edit_runs",
        vec![ok(run_body("edit_run", "edr_1", "PENDING"))],
    );

    let outcome = run(api.extend().args([
        "edit",
        "file_1",
        "--no-wait",
        "--config",
        config.to_str().unwrap(),
    ]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["status"], "PENDING");
    assert_eq!(api.requests(), ["POST /edit_runs"]);
}

#[test]
fn workflow_run_returns_at_once() {
    let api = ScriptedApi::start();
    api.on(
        "POST /workflow_runs",
        vec![ok(run_body("workflow_run", "workflow_run_1", "PENDING"))],
    );
    let outcome = run(api
        .extend()
        .args(["run", "file_1", "--workflow", "workflow_1"]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["status"], "PENDING");
    assert_eq!(api.requests(), ["POST /workflow_runs"]);
}

#[test]
fn workflow_run_wait_reports_rejected() {
    let api = ScriptedApi::start();
    api.on(
        "POST /workflow_runs",
        vec![ok(run_body("workflow_run", "workflow_run_1", "PENDING"))],
    )
    .on(
        "GET /workflow_runs/workflow_run_1",
        vec![ok(run_body("workflow_run", "workflow_run_1", "REJECTED"))],
    );
    let outcome = run(api
        .extend()
        .args(["run", "file_1", "--workflow", "workflow_1", "--wait"]));
    assert_eq!(outcome.code, 5, "{}", outcome.stderr);
    assert_eq!(outcome.json()["status"], "REJECTED");
}

#[test]
fn classify_without_processor_is_usage_error() {
    let api = ScriptedApi::start();
    let outcome = run(api.extend().args(["classify", "file_1"]));
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome
            .stderr
            .contains("--using CLASSIFIER_ID or --config FILE"),
        "{}",
        outcome.stderr
    );
    assert!(api.requests().is_empty());
}

#[test]
fn global_flags_reach_headers() {
    let api = ScriptedApi::start();
    api.on(
        "GET /parse_runs/pr_1",
        vec![ok(run_body("parse_run", "pr_1", "PROCESSED"))],
    );
    let outcome = run(api.extend().args([
        "--region",
        "eu",
        "--workspace-id",
        "ws_42",
        "--api-version",
        "2099-01-01",
        "runs",
        "get",
        "pr_1",
    ]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(api.header_values("x-extend-workspace-id"), ["ws_42"]);
    assert_eq!(api.header_values("x-extend-api-version"), ["2099-01-01"]);
    assert_eq!(
        api.header_values("authorization"),
        ["Bearer sk_scripted_test"]
    );
}

#[test]
fn edit_list_is_usage_error() {
    let api = ScriptedApi::start();
    let outcome = run(api.extend().args(["runs", "list", "--type", "edit"]));
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("no list route"),
        "{}",
        outcome.stderr
    );
    assert!(api.requests().is_empty());
}
