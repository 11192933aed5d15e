//! Extract runs over real HTTP: the sample invoice and schema, and raw text.

mod common;

use common::{expect_json, sample_bytes, TestApi};
use extend_core::{ExtractRun, RunStatus};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn invoice_schema() -> Value {
    serde_json::from_slice(&sample_bytes("invoice-schema.json")).expect("the sample schema is JSON")
}

#[tokio::test]
async fn invoice_fields_extracted() {
    let api = TestApi::start(50.0).await;
    let file = api.upload_sample("invoice.pdf").await;

    let body =
        json!({"file": {"id": file["id"]}, "config": {"schema": invoice_schema()}, "priority": 10});
    let created = expect_json(api.post_json("/extract_runs", &body).await, StatusCode::OK).await;
    assert_eq!(created["object"], "extract_run");
    assert_eq!(created["status"], "PENDING");
    let run_id = created["id"].as_str().unwrap();
    assert!(run_id.starts_with("exr_"), "{run_id}");

    let finished = api.wait_for_run(&format!("/extract_runs/{run_id}")).await;
    let run: ExtractRun =
        serde_json::from_value(finished.clone()).expect("decodes as extend_core::ExtractRun");
    assert_eq!(run.status, RunStatus::Processed);

    let value = &finished["output"]["value"];
    let expected = [
        ("invoice_number", json!("INV-2026-0042")),
        ("invoice_date", json!("2026-11-30")),
        ("vendor", json!("Müller & Søn Bürobedarf GmbH")),
        ("customer", json!("Café Élan SARL")),
        ("purchase_order", json!("PO-7781")),
        ("subtotal", json!(1046.0)),
        ("tax", json!(188.56)),
        ("total_due", json!(1234.56)),
        ("currency", json!("EUR")),
        ("paid", json!(false)),
        ("shipping_cost", Value::Null),
    ];
    for (field, expected_value) in &expected {
        assert_eq!(&value[*field], expected_value, "field {field}");
    }
    assert_eq!(value.as_object().unwrap().len(), expected.len());

    let metadata = &finished["output"]["metadata"];
    assert_eq!(
        metadata["invoice_number"]["citations"],
        json!([{"page": 1}])
    );
    assert_eq!(metadata["total_due"]["citations"], json!([{"page": 2}]));
    assert!(metadata.get("shipping_cost").is_none());
}

#[tokio::test]
async fn text_file_extracted() {
    let api = TestApi::start(50.0).await;
    let schema = json!({"type": "object", "properties": {
        "totalDue": {"type": "number"},
        "vendor": {"type": "string", "description": "Vendor"},
    }});

    let body = json!({"file": {"text": "Vendor: Ærø Papir ApS\nTotal Due: DKK 99.95", "name": "notes.txt"}, "config": {"schema": schema}});
    let created = expect_json(api.post_json("/extract_runs", &body).await, StatusCode::OK).await;
    assert_eq!(created["file"]["type"], "TXT");
    assert_eq!(created["file"]["name"], "notes.txt");
    let finished = api
        .wait_for_run(&format!(
            "/extract_runs/{}",
            created["id"].as_str().unwrap()
        ))
        .await;

    assert_eq!(finished["status"], "PROCESSED");
    assert_eq!(
        finished["output"]["value"],
        json!({"totalDue": 99.95, "vendor": "Ærø Papir ApS"})
    );
    let file = expect_json(
        api.get(&format!(
            "/files/{}",
            created["file"]["id"].as_str().unwrap()
        ))
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(file["type"], "TXT");
}

#[tokio::test]
async fn uploaded_text_file_extracted() {
    let api = TestApi::start(50.0).await;
    let file = api.upload_sample("notes.txt").await;
    assert_eq!(file["type"], "TXT");

    let schema = json!({"properties": {"invoice_number": {"type": "string"}, "total_due": {"type": "number"}}});
    let body = json!({"file": {"id": file["id"]}, "config": {"schema": schema}});
    let created = expect_json(api.post_json("/extract_runs", &body).await, StatusCode::OK).await;
    let finished = api
        .wait_for_run(&format!(
            "/extract_runs/{}",
            created["id"].as_str().unwrap()
        ))
        .await;

    assert_eq!(
        finished["output"]["value"],
        json!({"invoice_number": "TXT-2026-0001", "total_due": 99.95})
    );
}

#[tokio::test]
async fn missing_schema_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .post_json("/extract_runs", &json!({"file": {"text": "a: b"}}))
        .await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["code"], "INVALID_REQUEST");
    assert!(
        body["message"].as_str().unwrap().contains("config.schema"),
        "{body}"
    );
}

#[tokio::test]
async fn saved_extractor_extracts_labels() {
    let api = TestApi::start(50.0).await;

    let body = json!({"file": {"text": "Invoice Number: A-7"}, "extractor": {"id": "ex_1"}});
    let created = expect_json(api.post_json("/extract_runs", &body).await, StatusCode::OK).await;
    let finished = api
        .wait_for_run(&format!(
            "/extract_runs/{}",
            created["id"].as_str().unwrap()
        ))
        .await;

    assert_eq!(created["extractor"]["id"], "ex_1");
    assert_eq!(finished["output"]["value"]["invoiceNumber"], "A-7");
}

#[tokio::test]
async fn priority_out_of_range_rejected() {
    let api = TestApi::start(50.0).await;

    let body =
        json!({"file": {"text": "a: b"}, "config": {"schema": {"properties": {}}}, "priority": 0});
    let response = api.post_json("/extract_runs", &body).await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"].as_str().unwrap().contains("priority"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_run_not_found() {
    let api = TestApi::start(50.0).await;

    let response = api.get("/extract_runs/exr_missing").await;

    let body = expect_json(response, StatusCode::NOT_FOUND).await;
    assert_eq!(body["code"], "NOT_FOUND");
    assert!(
        body["message"].as_str().unwrap().contains("exr_missing"),
        "{body}"
    );
}
