//! The CLI prints the JSON the server (or a webhook delivery) sent: unknown
//! fields, nested unknown fields, whole numbers and key order survive, and
//! no defaults are added.

mod support;

use serde_json::{json, Value};
use support::{ok, run, ScriptedApi};

/// A parse run with an unknown top-level field, an unknown field nested in
/// `metrics`, and whole-number counts the typed model holds as `f64`.
fn parse_run(status: &str) -> Value {
    json!({
        "object": "parse_run",
        "id": "pr_1",
        "status": status,
        "futureField": {"a": 1},
        "metrics": {"processingTimeMs": 2000, "pageCount": 2, "futureMetric": {"b": [1, 2]}},
    })
}

/// A split run without `edited` or `reviewed`, which the typed model
/// defaults to `false`, and with whole-number pages.
fn split_run() -> Value {
    json!({
        "object": "split_run",
        "id": "splr_1",
        "status": "PROCESSED",
        "output": {"splits": [{"id": "s1", "type": "invoice", "startPage": 1, "endPage": 2}]},
    })
}

/// Asserts that stdout is exactly `expected` pretty-printed, so a dropped
/// field, an added default, a float or a moved key all fail.
fn assert_printed_as_sent(outcome: &support::Outcome, expected: &Value) {
    assert_eq!(outcome.json(), *expected, "{}", outcome.stderr);
    assert_eq!(
        outcome.stdout.trim_end(),
        serde_json::to_string_pretty(expected).unwrap()
    );
}

#[test]
fn runs_get_keeps_unknown_fields() {
    let api = ScriptedApi::start();
    let body = parse_run("PROCESSED");
    api.on("GET /parse_runs/pr_1", vec![ok(body.clone())]);

    let outcome = run(api.extend().args(["runs", "get", "pr_1"]));

    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stdout.contains(r#""pageCount": 2,"#),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome.stdout.contains(r#""processingTimeMs": 2000,"#),
        "{}",
        outcome.stdout
    );
    assert_eq!(outcome.json()["futureField"], json!({"a": 1}));
    assert_eq!(
        outcome.json()["metrics"]["futureMetric"],
        json!({"b": [1, 2]})
    );
    assert_printed_as_sent(&outcome, &body);
}

#[test]
fn runs_watch_prints_last_response() {
    let api = ScriptedApi::start();
    let body = split_run();
    api.on("GET /split_runs/splr_1", vec![ok(body.clone())]);

    let outcome = run(api.extend().args(["runs", "watch", "splr_1"]));

    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(!outcome.stdout.contains("edited"), "{}", outcome.stdout);
    assert!(
        outcome.stdout.contains(r#""startPage": 1,"#),
        "{}",
        outcome.stdout
    );
    assert_printed_as_sent(&outcome, &body);
}

#[test]
fn parse_prints_final_poll() {
    let api = ScriptedApi::start();
    let body = parse_run("PROCESSED");
    api.on("POST /parse_runs", vec![ok(parse_run("PENDING"))])
        .on("GET /parse_runs/pr_1", vec![ok(body.clone())]);

    let outcome = run(api.extend().args(["parse", "file_1"]));

    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_printed_as_sent(&outcome, &body);
}

#[test]
fn list_all_keeps_item_fields() {
    let api = ScriptedApi::start();
    let first = json!({"object": "file", "id": "file_1", "name": "a.pdf", "metadata": {"pageCount": 3}, "futureField": 1});
    let second = json!({"object": "file", "id": "file_2", "name": "b.pdf", "futureField": 2});
    api.on(
        "GET /files",
        vec![ok(
            json!({"object": "list", "data": [first.clone()], "nextPageToken": "t2"}),
        )],
    )
    .on(
        "GET /files?nextPageToken=t2",
        vec![ok(json!({"object": "list", "data": [second.clone()]}))],
    );

    let outcome = run(api.extend().args(["files", "list", "--all"]));

    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["data"], json!([first, second]));
}

#[test]
fn list_page_keeps_item_fields() {
    let api = ScriptedApi::start();
    let page = json!({"object": "list", "data": [parse_run("PROCESSED")], "futureListField": true});
    api.on("GET /parse_runs", vec![ok(page.clone())]);

    let outcome = run(api.extend().args(["runs", "list", "--type", "parse"]));

    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_printed_as_sent(&outcome, &page);
}
