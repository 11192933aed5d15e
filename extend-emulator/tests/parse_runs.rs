//! Parse runs over real HTTP: upload a sample, create a run, poll it.

mod common;

use std::time::{Duration, Instant};

use common::{expect_json, TestApi, RUN_TIMEOUT};
use extend_core::{FailureReason, ParseRun, RunStatus};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn invoice_parses_page_by_page() {
    let api = TestApi::start(50.0).await;
    let file = api.upload_sample("invoice.pdf").await;

    let created = api
        .post_json("/parse_runs", &json!({"file": {"id": file["id"]}}))
        .await;
    let created = expect_json(created, StatusCode::OK).await;
    assert_eq!(created["object"], "parse_run");
    assert_eq!(created["status"], "PENDING");
    let run_id = created["id"].as_str().unwrap();
    assert!(run_id.starts_with("pr_"), "{run_id}");

    let finished = api.wait_for_run(&format!("/parse_runs/{run_id}")).await;
    let run: ParseRun = serde_json::from_value(finished).expect("decodes as extend_core::ParseRun");

    assert_eq!(run.status, RunStatus::Processed);
    let output = run.output.expect("a processed run has output");
    assert_eq!(output.chunks.len(), 2);
    let page_one = &output.chunks[0].content;
    let page_two = &output.chunks[1].content;
    for expected in [
        "Invoice Number: INV-2026-0042",
        "Invoice Date: 2026-11-30",
        "Vendor: Müller & Søn Bürobedarf GmbH",
        "Straße",
        "“Ωmega”",
        "€",
    ] {
        assert!(
            page_one.contains(expected),
            "page 1 lacks {expected:?}:\n{page_one}"
        );
    }
    for expected in [
        "Total Due: 1,234.56",
        "Currency: EUR",
        "Vielen Dank für",
        "à bientôt",
    ] {
        assert!(
            page_two.contains(expected),
            "page 2 lacks {expected:?}:\n{page_two}"
        );
    }
    assert!(!page_two.contains("Line Items"), "page 2 holds page 1 text");
}

#[tokio::test]
async fn chunks_carry_page_ranges_and_metrics() {
    let api = TestApi::start(50.0).await;
    let file = api.upload_sample("packet.pdf").await;

    let created = api
        .post_json(
            "/parse_runs",
            &json!({"file": {"id": file["id"]}, "metadata": {"batch": "a"}}),
        )
        .await;
    let created = expect_json(created, StatusCode::OK).await;
    let finished = api
        .wait_for_run(&format!("/parse_runs/{}", created["id"].as_str().unwrap()))
        .await;

    assert_eq!(finished["status"], "PROCESSED");
    assert_eq!(finished["metadata"], json!({"batch": "a"}));
    assert_eq!(finished["metrics"]["pageCount"], 4);
    assert_eq!(finished["file"]["id"], file["id"]);
    let chunks = finished["output"]["chunks"].as_array().unwrap();
    for (index, chunk) in chunks.iter().enumerate() {
        let page = index + 1;
        assert_eq!(chunk["object"], "chunk");
        assert_eq!(chunk["type"], "page");
        assert_eq!(
            chunk["metadata"]["pageRange"],
            json!({"start": page, "end": page})
        );
        assert!(
            !chunk["blocks"].as_array().unwrap().is_empty(),
            "page {page} has no blocks"
        );
    }
    assert!(chunks[1]["content"]
        .as_str()
        .unwrap()
        .contains("Document Type: Receipt"));
}

#[tokio::test]
async fn status_goes_pending_processing_processed() {
    // Speed 2: 250 ms PENDING and 500 ms PROCESSING for the two-page invoice,
    // wide windows for a poll every 10 ms.
    let api = TestApi::start(2.0).await;
    let file = api.upload_sample("invoice.pdf").await;
    let created = api
        .post_json("/parse_runs", &json!({"file": {"id": file["id"]}}))
        .await;
    let created = expect_json(created, StatusCode::OK).await;
    let path = format!("/parse_runs/{}", created["id"].as_str().unwrap());

    let mut seen = vec![created["status"].as_str().unwrap().to_owned()];
    let started = Instant::now();
    while seen.last().map(String::as_str) != Some("PROCESSED") {
        assert!(started.elapsed() < RUN_TIMEOUT, "statuses so far: {seen:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
        let run = expect_json(api.get(&path).await, StatusCode::OK).await;
        let status = run["status"].as_str().unwrap().to_owned();
        if seen.last() != Some(&status) {
            seen.push(status);
        }
    }

    assert_eq!(seen, ["PENDING", "PROCESSING", "PROCESSED"]);
}

#[tokio::test]
async fn corrupt_pdf_fails_run() {
    let api = TestApi::start(50.0).await;
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(&[0x42; 512]);
    let response = api
        .upload_bytes("broken.pdf", "application/pdf", bytes)
        .await;
    let file = expect_json(response, StatusCode::OK).await;
    assert_eq!(file["type"], "PDF");

    let created = api
        .post_json("/parse_runs", &json!({"file": {"id": file["id"]}}))
        .await;
    let created = expect_json(created, StatusCode::OK).await;
    let finished = api
        .wait_for_run(&format!("/parse_runs/{}", created["id"].as_str().unwrap()))
        .await;
    let run: ParseRun = serde_json::from_value(finished).unwrap();

    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.failure_reason, Some(FailureReason::CorruptFile));
    assert!(run
        .failure_message
        .is_some_and(|message| message.contains("corrupt")));
    assert!(run.output.is_none());
}

#[tokio::test]
async fn text_file_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .post_json("/parse_runs", &json!({"file": {"text": "Total: 5"}}))
        .await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["code"], "INVALID_REQUEST");
    assert!(
        body["message"].as_str().unwrap().contains("file.text"),
        "{body}"
    );
}

#[tokio::test]
async fn url_file_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .post_json(
            "/parse_runs",
            &json!({"file": {"url": "https://example.com/a.pdf"}}),
        )
        .await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("cannot download"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_file_id_not_found() {
    let api = TestApi::start(50.0).await;

    let response = api
        .post_json("/parse_runs", &json!({"file": {"id": "file_missing"}}))
        .await;

    let body = expect_json(response, StatusCode::NOT_FOUND).await;
    assert_eq!(body["code"], "NOT_FOUND");
    assert!(
        body["message"].as_str().unwrap().contains("file_missing"),
        "{body}"
    );
}

#[tokio::test]
async fn missing_file_field_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api.post_json("/parse_runs", &json!({"config": {}})).await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("missing field `file`"),
        "{body}"
    );
}
