//! File routes over real HTTP: upload and retrieve.

mod common;

use common::{expect_json, sample_bytes, TestApi};
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

#[tokio::test]
async fn upload_returns_file() {
    let api = TestApi::start(50.0).await;

    let file = api.upload_sample("invoice.pdf").await;

    assert_eq!(file["object"], "file");
    assert!(file["id"].as_str().unwrap().starts_with("file_"), "{file}");
    assert_eq!(file["name"], "invoice.pdf");
    assert_eq!(file["type"], "PDF");
    assert_eq!(file["metadata"]["pageCount"], 2);
    assert!(file["createdAt"].as_str().unwrap().ends_with('Z'), "{file}");
    let decoded: extend_core::File =
        serde_json::from_value(file).expect("decodes as extend_core::File");
    assert_eq!(decoded.metadata.page_count, Some(2.0));
}

#[tokio::test]
async fn retrieve_returns_uploaded_file() {
    let api = TestApi::start(50.0).await;
    let uploaded = api.upload_sample("packet.pdf").await;

    let response = api
        .get(&format!("/files/{}", uploaded["id"].as_str().unwrap()))
        .await;

    let retrieved = expect_json(response, StatusCode::OK).await;
    assert_eq!(retrieved, uploaded);
    assert_eq!(retrieved["metadata"]["pageCount"], 4);
}

#[tokio::test]
async fn unknown_file_not_found() {
    let api = TestApi::start(50.0).await;

    let body = expect_json(api.get("/files/file_missing").await, StatusCode::NOT_FOUND).await;

    assert_eq!(body["code"], "NOT_FOUND");
}

#[tokio::test]
async fn empty_file_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .upload_bytes("empty.pdf", "application/pdf", Vec::new())
        .await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["code"], "INVALID_REQUEST");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("empty.pdf") && message.contains("empty"),
        "{message}"
    );
}

#[tokio::test]
async fn missing_file_part_rejected() {
    let api = TestApi::start(50.0).await;
    let form = Form::new().text("password", "secret");

    let response = api
        .authorized(api.http.post(api.url("/files/upload")).multipart(form))
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"].as_str().unwrap().contains("`file`"),
        "{body}"
    );
}

#[tokio::test]
async fn password_and_query_accepted() {
    let api = TestApi::start(50.0).await;
    let part = Part::bytes(sample_bytes("invoice.pdf"))
        .file_name("invoice.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let form = Form::new().part("file", part).text("password", "unused");

    let response = api
        .authorized(
            api.http
                .post(api.url("/files/upload?convertToPdf=true"))
                .multipart(form),
        )
        .send()
        .await
        .unwrap();

    let file = expect_json(response, StatusCode::OK).await;
    assert_eq!(file["type"], "PDF");
}

#[tokio::test]
async fn invalid_query_rejected() {
    let api = TestApi::start(50.0).await;
    let part = Part::bytes(b"hello".to_vec()).file_name("a.txt");

    let response = api
        .authorized(
            api.http
                .post(api.url("/files/upload?convertToPdf=maybe"))
                .multipart(Form::new().part("file", part)),
        )
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"].as_str().unwrap().contains("convertToPdf"),
        "{body}"
    );
}

#[tokio::test]
async fn json_body_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .post_json("/files/upload", &serde_json::json!({"file": "x"}))
        .await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"].as_str().unwrap().contains("multipart"),
        "{body}"
    );
}

#[tokio::test]
async fn upload_above_default_body_limit() {
    // axum rejects bodies over 2 MiB by default; the emulator raises the limit.
    let api = TestApi::start(50.0).await;
    let text = "Line: value\n".repeat(300_000);
    assert!(text.len() > 3 * 1024 * 1024);

    let response = api
        .upload_bytes("large.txt", "text/plain", text.into_bytes())
        .await;

    let file = expect_json(response, StatusCode::OK).await;
    assert_eq!(file["type"], "TXT");
}
