//! The exit-code table: each terminal status, an unknown status, a timeout,
//! a 401 and a refused connection.

mod support;

use serde_json::json;
use support::{extend, ok, run, sample, ScriptedApi};

/// Watches a run whose retrieve returns `status` and returns the exit code.
fn watch_code(status: &str) -> i32 {
    let api = ScriptedApi::start();
    api.on(
        "GET /extract_runs/exr_1",
        vec![ok(
            json!({"object": "extract_run", "id": "exr_1", "status": status}),
        )],
    );
    let outcome = run(api.extend().args(["runs", "watch", "exr_1"]));
    assert_eq!(outcome.json()["status"], status, "{}", outcome.stderr);
    outcome.code
}

#[test]
fn terminal_status_codes() {
    let cases = [
        ("PROCESSED", 0),
        ("NEEDS_REVIEW", 0),
        ("FAILED", 3),
        ("CANCELLED", 4),
        ("REJECTED", 5),
        ("ARCHIVED_V9", 7),
    ];
    for (status, expected) in cases {
        assert_eq!(watch_code(status), expected, "status {status}");
    }
}

#[test]
fn processor_failed_exits_three() {
    let api = ScriptedApi::start();
    api.on(
        "POST /classify_runs",
        vec![ok(json!({"object": "classify_run", "id": "clr_1", "status": "PENDING"}))],
    )
    .on(
        "GET /classify_runs/clr_1",
        vec![ok(json!({"object": "classify_run", "id": "clr_1", "status": "FAILED", "failureReason": "CORRUPT_FILE"}))],
    );
    let outcome = run(api.extend().args(["classify", "file_1", "--using", "cl_1"]));
    assert_eq!(outcome.code, 3, "{}", outcome.stderr);
    assert_eq!(outcome.json()["failureReason"], "CORRUPT_FILE");
}

#[test]
fn max_wait_exits_six() {
    let outcome = run(extend().args([
        "--emulator",
        "--max-wait",
        "0.2",
        "parse",
        &sample("invoice.pdf"),
    ]));
    assert_eq!(outcome.code, 6, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("still in progress"),
        "{}",
        outcome.stderr
    );
    let run = outcome.json();
    let id = run["id"].as_str().unwrap_or_default();
    assert!(id.starts_with("pr_"), "{run}");
    assert!(outcome.stderr.contains(id), "{}", outcome.stderr);
    assert!(
        ["PENDING", "PROCESSING"].contains(&run["status"].as_str().unwrap_or_default()),
        "{run}"
    );
}

#[test]
fn max_wait_prints_last_snapshot() {
    let api = ScriptedApi::start();
    let pending =
        json!({"object": "extract_run", "id": "exr_1", "status": "PROCESSING", "futureField": 1});
    api.on("GET /extract_runs/exr_1", vec![ok(pending.clone())]);

    let outcome = run(api
        .extend()
        .args(["--max-wait", "0.3", "runs", "watch", "exr_1"]));

    assert_eq!(outcome.code, 6, "{}", outcome.stderr);
    assert_eq!(outcome.json(), pending);
    assert!(
        outcome.stderr.contains("extend runs watch exr_1"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn unauthorized_exits_one() {
    let api = ScriptedApi::start();
    api.on(
        "GET /parse_runs/pr_1",
        vec![support::Reply {
            status: 401,
            body: json!({"code": "UNAUTHORIZED", "message": "invalid API key"}),
        }],
    );
    let outcome = run(api.extend().args(["runs", "get", "pr_1"]));
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("401"), "{}", outcome.stderr);
    assert!(
        !outcome.stderr.contains("sk_scripted_test"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn refused_connection_exits_one() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);

    let outcome = run(extend().env("EXTEND_API_KEY", "sk_test").args([
        "--base-url",
        &format!("http://{address}"),
        "runs",
        "get",
        "pr_1",
    ]));
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
}

#[test]
fn usage_error_exits_two() {
    let outcome = run(extend()
        .args(["runs", "get", "abc_1"])
        .env("EXTEND_API_KEY", "sk_test"));
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("--type"), "{}", outcome.stderr);
}
