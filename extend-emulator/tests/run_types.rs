//! Every run type over HTTP: create, retrieve, list, cancel, delete, batch
//! and the synchronous routes, each response decoded into the extend-core
//! model of its type.

mod common;

use common::{decode, expect_json, TestApi};
use extend_core::{
    BatchRun, ClassifyRun, DeleteResponse, EditRun, ExtractRun, FormDetectionRun, List, ParseRun,
    RunStatus, SplitRun, StepType, WorkflowBatch, WorkflowRun,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PACKET: &str = "Document Type: Invoice\nInvoice Number: INV-9\nTotal Due: 12.50\n\u{c}more invoice\n\u{c}Document Type: Receipt\nPaid: yes\n";

fn classifications() -> Value {
    json!([
        {"id": "inv", "type": "invoice", "description": "An invoice listing amounts due"},
        {"id": "rcpt", "type": "receipt", "description": "A receipt for a payment"},
    ])
}

async fn upload_packet(api: &TestApi) -> Value {
    let response = api
        .upload_bytes("packet.txt", "text/plain", PACKET.as_bytes().to_vec())
        .await;
    expect_json(response, StatusCode::OK).await
}

fn run_path(collection: &str, run: &Value) -> String {
    format!(
        "/{collection}/{}",
        run["id"].as_str().expect("run has an id")
    )
}

#[tokio::test]
async fn classify_run_reads_document_type() {
    let api = TestApi::start(50.0).await;
    let body = json!({"file": {"text": PACKET}, "config": {"classifications": classifications()}});

    let created = api.create("/classify_runs", &body).await;
    let finished = api.wait_for_run(&run_path("classify_runs", &created)).await;

    let run: ClassifyRun = decode(&finished);
    assert_eq!(run.status, RunStatus::Processed);
    let output = run.output.expect("classify output");
    assert_eq!(output.id, "inv");
    assert_eq!(output.r#type, "invoice");
}

#[tokio::test]
async fn split_run_splits_at_type_change() {
    let api = TestApi::start(50.0).await;
    let file = upload_packet(&api).await;
    let body =
        json!({"file": {"id": file["id"]}, "config": {"splitClassifications": classifications()}});

    let created = api.create("/split_runs", &body).await;
    let finished = api.wait_for_run(&run_path("split_runs", &created)).await;

    let run: SplitRun = decode(&finished);
    let splits = run.output.expect("split output").splits;
    let pages: Vec<(f64, f64, String)> = splits
        .iter()
        .map(|split| (split.start_page, split.end_page, split.r#type.clone()))
        .collect();
    assert_eq!(
        pages,
        vec![
            (1.0, 2.0, "invoice".to_owned()),
            (3.0, 3.0, "receipt".to_owned())
        ]
    );
}

#[tokio::test]
async fn split_run_rejects_text() {
    let api = TestApi::start(50.0).await;
    let body =
        json!({"file": {"text": PACKET}, "config": {"splitClassifications": classifications()}});

    let body = expect_json(
        api.post_json("/split_runs", &body).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    assert!(
        body["message"].as_str().unwrap().contains("file.text"),
        "{body}"
    );
}

#[tokio::test]
async fn edit_and_form_detection_runs() {
    let api = TestApi::start(50.0).await;
    let file = upload_packet(&api).await;

    let edit = api
        .create("/edit_runs", &json!({"file": {"id": file["id"]}}))
        .await;
    let edit: EditRun = decode(&api.wait_for_run(&run_path("edit_runs", &edit)).await);
    let detection = api
        .create("/form_detection_runs", &json!({"file": {"id": file["id"]}}))
        .await;
    let detection: FormDetectionRun = decode(
        &api.wait_for_run(&run_path("form_detection_runs", &detection))
            .await,
    );

    let edited = edit.output.expect("edit output").edited_file;
    let url = edited.presigned_url.expect("edited file URL");
    let bytes = api
        .http
        .get(&url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&bytes[..], PACKET.as_bytes());
    let schema = detection
        .output
        .expect("detection output")
        .schema
        .expect("schema");
    assert_eq!(schema["properties"]["invoiceNumber"]["type"], "string");
}

#[tokio::test]
async fn sync_routes_return_finished_runs() {
    let api = TestApi::start(50.0).await;
    let file = upload_packet(&api).await;
    let schema = json!({"properties": {"total_due": {"type": "number"}}});

    let extract: ExtractRun = decode(
        &api.create(
            "/extract",
            &json!({"file": {"text": PACKET}, "config": {"schema": schema}}),
        )
        .await,
    );
    let classify: ClassifyRun = decode(
        &api.create(
            "/classify",
            &json!({"file": {"text": PACKET}, "config": {"classifications": classifications()}}),
        )
        .await,
    );
    let split: SplitRun = decode(&api.create("/split", &json!({"file": {"id": file["id"]}, "config": {"splitClassifications": classifications()}})).await);
    let parse: ParseRun = decode(
        &api.create("/parse", &json!({"file": {"id": file["id"]}}))
            .await,
    );
    let edit: EditRun = decode(
        &api.create("/edit", &json!({"file": {"id": file["id"]}}))
            .await,
    );
    let detection: FormDetectionRun = decode(
        &api.create("/detect_form", &json!({"file": {"id": file["id"]}}))
            .await,
    );

    for status in [
        &extract.status,
        &classify.status,
        &split.status,
        &parse.status,
        &edit.status,
        &detection.status,
    ] {
        assert_eq!(status, &RunStatus::Processed);
    }
    assert_eq!(extract.output.unwrap().value["total_due"], 12.5);
}

#[tokio::test]
async fn sync_route_times_out() {
    let emulator = extend_emulator::Emulator::builder()
        .speed(0.01)
        .sync_timeout(std::time::Duration::from_millis(100))
        .start()
        .await
        .unwrap();
    let api = TestApi {
        emulator,
        http: reqwest::Client::new(),
    };

    let response = api
        .post_json(
            "/parse",
            &json!({"file": {"id": upload_packet(&api).await["id"]}}),
        )
        .await;

    let body = expect_json(response, StatusCode::GATEWAY_TIMEOUT).await;
    assert_eq!(body["code"], "TIMEOUT");
}

#[tokio::test]
async fn list_pages_with_tokens() {
    let api = TestApi::start(50.0).await;
    let schema = json!({"properties": {}});
    let mut created = Vec::new();
    for index in 0..5 {
        let body = json!({"file": {"text": format!("run {index}"), "name": format!("doc{index}.txt")}, "config": {"schema": schema}});
        created.push(
            api.create("/extract_runs", &body).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }

    let mut seen = Vec::new();
    let mut path = "/extract_runs?maxPageSize=2&sortDir=asc".to_owned();
    loop {
        let page: List<ExtractRun> =
            decode(&expect_json(api.get(&path).await, StatusCode::OK).await);
        assert!(page.data.len() <= 2);
        assert!(
            page.data.iter().all(|run| run.output.is_none()),
            "summaries drop output"
        );
        seen.extend(page.data.into_iter().map(|run| run.id));
        match page.next_page_token {
            Some(token) => {
                path = format!("/extract_runs?maxPageSize=2&sortDir=asc&nextPageToken={token}")
            }
            None => break,
        }
    }

    assert_eq!(seen, created);
}

#[tokio::test]
async fn list_filters_by_file_name() {
    let api = TestApi::start(50.0).await;
    let schema = json!({"properties": {}});
    for name in ["alpha.txt", "beta.txt"] {
        api.create(
            "/extract_runs",
            &json!({"file": {"text": "x", "name": name}, "config": {"schema": schema}}),
        )
        .await;
    }

    let page: List<ExtractRun> = decode(
        &expect_json(
            api.get("/extract_runs?fileNameContains=BETA").await,
            StatusCode::OK,
        )
        .await,
    );

    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].file.as_ref().unwrap().name, "beta.txt");
}

#[tokio::test]
async fn bad_page_token_rejected() {
    let api = TestApi::start(50.0).await;

    let body = expect_json(
        api.get("/classify_runs?nextPageToken=nonsense").await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    assert!(
        body["message"].as_str().unwrap().contains("nextPageToken"),
        "{body}"
    );
}

#[tokio::test]
async fn cancel_processing_run() {
    let api = TestApi::start(1.0).await;
    let body = json!({"file": {"text": PACKET}, "config": {"classifications": classifications()}});
    let created = api.create("/classify_runs", &body).await;
    let path = run_path("classify_runs", &created);

    let cancelled = api.create(&format!("{path}/cancel"), &json!({})).await;
    let again = expect_json(
        api.post_json(&format!("{path}/cancel"), &json!({})).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    let cancelled: ClassifyRun = decode(&cancelled);
    assert_eq!(cancelled.status, RunStatus::Cancelled);
    assert!(
        again["message"].as_str().unwrap().contains("CANCELLED"),
        "{again}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1_200)).await;
    let later: ClassifyRun = decode(&expect_json(api.get(&path).await, StatusCode::OK).await);
    assert_eq!(
        later.status,
        RunStatus::Cancelled,
        "the run task must not overwrite a cancel"
    );
}

#[tokio::test]
async fn cancel_workflow_passes_cancelling() {
    let api = TestApi::start(1.0).await;
    let created = api
        .create(
            "/workflow_runs",
            &json!({"workflow": {"id": "workflow_1"}, "file": {"text": PACKET}}),
        )
        .await;
    let path = run_path("workflow_runs", &created);

    let cancelling: WorkflowRun = decode(&api.create(&format!("{path}/cancel"), &json!({})).await);
    let finished: WorkflowRun = decode(&api.wait_for_run(&path).await);

    assert_eq!(cancelling.status, RunStatus::Cancelling);
    assert_eq!(finished.status, RunStatus::Cancelled);
}

#[tokio::test]
async fn delete_returns_id() {
    let api = TestApi::start(50.0).await;
    let created = api
        .create(
            "/parse_runs",
            &json!({"file": {"id": upload_packet(&api).await["id"]}}),
        )
        .await;
    let path = run_path("parse_runs", &created);

    let deleted: DeleteResponse =
        decode(&expect_json(api.delete(&path).await, StatusCode::OK).await);

    assert_eq!(deleted.id, created["id"]);
    expect_json(api.get(&path).await, StatusCode::NOT_FOUND).await;
    expect_json(api.delete(&path).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn routes_absent_for_type() {
    let api = TestApi::start(50.0).await;

    let cases = [
        api.get("/edit_runs").await,
        api.get("/form_detection_runs").await,
        api.post_json("/edit_runs/edr_1/cancel", &json!({})).await,
        api.post_json("/edit_runs/batch", &json!({})).await,
        api.delete("/form_detection_runs/fdr_1").await,
        api.post_json("/workflow", &json!({})).await,
    ];

    for response in cases {
        let url = response.url().clone();
        assert!(
            response.status().is_client_error(),
            "{url} answered {}",
            response.status()
        );
    }
}

#[tokio::test]
async fn workflow_outcomes_from_metadata() {
    let api = TestApi::start(50.0).await;
    let cases = [
        (None, RunStatus::Processed),
        (Some("NEEDS_REVIEW"), RunStatus::NeedsReview),
        (Some("REJECTED"), RunStatus::Rejected),
        (Some("FAILED"), RunStatus::Failed),
    ];

    for (outcome, expected) in cases {
        let metadata = match outcome {
            Some(outcome) => json!({"emulator:outcome": outcome, "customer": "c1"}),
            None => json!({"customer": "c1"}),
        };
        let body = json!({"workflow": {"id": "workflow_1"}, "file": {"text": PACKET}, "metadata": metadata});
        let created = api.create("/workflow_runs", &body).await;
        let run: WorkflowRun =
            decode(&api.wait_for_run(&run_path("workflow_runs", &created)).await);

        assert_eq!(run.status, expected, "{outcome:?}");
        let steps: Vec<StepType> = run
            .step_runs
            .unwrap_or_default()
            .into_iter()
            .map(|step| step.step_type)
            .collect();
        assert_eq!(
            steps,
            vec![StepType::Parse, StepType::Extract],
            "{outcome:?}"
        );
        assert_eq!(run.metadata.unwrap()["customer"], "c1");
    }
}

#[tokio::test]
async fn workflow_rejects_unknown_outcome() {
    let api = TestApi::start(50.0).await;
    let body = json!({"workflow": {"id": "workflow_1"}, "file": {"text": "x"}, "metadata": {"emulator:outcome": "DONE"}});

    let body = expect_json(
        api.post_json("/workflow_runs", &body).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("emulator:outcome"),
        "{body}"
    );
}

#[tokio::test]
async fn batch_runs_finish_together() {
    let api = TestApi::start(50.0).await;
    let inputs = json!([{"file": {"text": "Total: 1"}}, {"file": {"text": "Total: 2"}, "metadata": {"n": 2}}]);

    let batch: BatchRun = decode(
        &api.create(
            "/extract_runs/batch",
            &json!({"extractor": {"id": "ex_1"}, "inputs": inputs}),
        )
        .await,
    );
    let finished: BatchRun = decode(&api.wait_for_run(&format!("/batch_runs/{}", batch.id)).await);
    let runs: List<ExtractRun> = decode(
        &expect_json(
            api.get(&format!("/extract_runs?batchId={}", batch.id))
                .await,
            StatusCode::OK,
        )
        .await,
    );

    assert_eq!(batch.status, RunStatus::Pending);
    assert_eq!(batch.run_count, Some(2.0));
    assert_eq!(finished.status, RunStatus::Processed);
    assert_eq!(runs.data.len(), 2);
    assert!(runs
        .data
        .iter()
        .all(|run| run.status == RunStatus::Processed));
}

#[tokio::test]
async fn batch_without_processor_rejected() {
    let api = TestApi::start(50.0).await;
    let body = json!({"config": {"classifications": classifications()}, "inputs": [{"file": {"text": "x"}}]});

    let body = expect_json(
        api.post_json("/classify_runs/batch", &body).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    assert!(
        body["message"].as_str().unwrap().contains("classifier"),
        "{body}"
    );
}

#[tokio::test]
async fn workflow_batch_returns_batch_id() {
    let api = TestApi::start(50.0).await;
    let inputs = json!([{"file": {"text": "a"}}, {"file": {"text": "b"}}]);

    let batch: WorkflowBatch = decode(
        &api.create(
            "/workflow_runs/batch",
            &json!({"workflow": {"id": "workflow_1"}, "inputs": inputs}),
        )
        .await,
    );
    let runs: List<WorkflowRun> = decode(
        &expect_json(
            api.get(&format!("/workflow_runs?batchId={}", batch.batch_id))
                .await,
            StatusCode::OK,
        )
        .await,
    );

    assert!(batch.batch_id.starts_with("batch_"));
    assert_eq!(runs.data.len(), 2);
    expect_json(
        api.get(&format!("/batch_runs/{}", batch.batch_id)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn files_list_and_delete() {
    let api = TestApi::start(50.0).await;
    let first = upload_packet(&api).await;
    api.upload_bytes("other.txt", "text/plain", b"x".to_vec())
        .await;

    let page: List<extend_core::File> =
        decode(&expect_json(api.get("/files?nameContains=packet").await, StatusCode::OK).await);
    let path = format!("/files/{}", first["id"].as_str().unwrap());
    let deleted: DeleteResponse =
        decode(&expect_json(api.delete(&path).await, StatusCode::OK).await);

    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id, first["id"]);
    assert_eq!(deleted.id, first["id"]);
    expect_json(api.get(&path).await, StatusCode::NOT_FOUND).await;
}
