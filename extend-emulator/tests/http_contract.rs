//! What every route shares: authentication, the API version header, request
//! ids and the error body.

mod common;

use common::{expect_json, TestApi, API_KEY, API_VERSION};
use extend_emulator::{Emulator, RunningEmulator};
use reqwest::StatusCode;
use serde_json::Value;

const REQUEST_ID_HEADER: &str = "x-extend-request-id";

fn assert_error_body(body: &Value, code: &str) {
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|message| !message.is_empty()),
        "{body}"
    );
    assert_eq!(body["retryable"], false, "{body}");
    assert!(
        body["requestId"]
            .as_str()
            .is_some_and(|id| id.starts_with("req_")),
        "{body}"
    );
}

#[tokio::test]
async fn missing_key_unauthorized() {
    let api = TestApi::start(50.0).await;

    let response = api
        .http
        .get(api.url("/files/file_1"))
        .header("x-extend-api-version", API_VERSION)
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::UNAUTHORIZED).await;
    assert_error_body(&body, "UNAUTHORIZED");
    assert!(
        body["message"].as_str().unwrap().contains("Authorization"),
        "{body}"
    );
}

#[tokio::test]
async fn empty_bearer_key_unauthorized() {
    let api = TestApi::start(50.0).await;

    let response = api
        .http
        .get(api.url("/files/file_1"))
        .header("authorization", "Bearer ")
        .header("x-extend-api-version", API_VERSION)
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::UNAUTHORIZED).await;
    assert_error_body(&body, "UNAUTHORIZED");
}

/// The only key the emulator of the key tests accepts.
const ONLY_KEY: &str = "sk_only_this";

/// Starts an emulator that accepts only [`ONLY_KEY`].
async fn keyed_emulator() -> RunningEmulator {
    Emulator::builder()
        .api_key(Some(ONLY_KEY))
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn configured_key_enforced() {
    let emulator = keyed_emulator().await;
    let http = reqwest::Client::new();
    let url = format!("{}/files/file_1", emulator.base_url());

    let wrong = http
        .get(&url)
        .bearer_auth("sk_other")
        .header("x-extend-api-version", API_VERSION)
        .send()
        .await
        .unwrap();
    let right = http
        .get(&url)
        .bearer_auth(ONLY_KEY)
        .header("x-extend-api-version", API_VERSION)
        .send()
        .await
        .unwrap();

    let body = expect_json(wrong, StatusCode::UNAUTHORIZED).await;
    assert!(
        !body.to_string().contains("sk_"),
        "the error echoes a key: {body}"
    );
    assert_eq!(right.status(), StatusCode::NOT_FOUND);
}

/// Returns a body sent with chunked encoding, as a streamed upload is.
fn streamed(bytes: Vec<u8>) -> reqwest::Body {
    let reader = std::io::Cursor::new(bytes);
    reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(reader))
}

#[tokio::test]
async fn large_upload_with_wrong_key_gets_401() {
    let emulator = keyed_emulator().await;
    let http = reqwest::Client::new();
    let url = format!("{}/files/upload", emulator.base_url());

    // The body is still being sent when the key is rejected. The client
    // must read the 401, not a connection reset.
    for _ in 0..3 {
        let response = http
            .post(&url)
            .bearer_auth("sk_other")
            .header("x-extend-api-version", API_VERSION)
            .header("content-type", "application/octet-stream")
            .body(streamed(vec![b'x'; 8 << 20]))
            .send()
            .await
            .expect("a response, not a connection error");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn missing_version_header_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .http
        .get(api.url("/files/file_1"))
        .bearer_auth(API_KEY)
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert_error_body(&body, "INVALID_REQUEST");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("x-extend-api-version"),
        "{body}"
    );
}

#[tokio::test]
async fn request_id_header_matches_body() {
    let api = TestApi::start(50.0).await;

    let response = api.get("/parse_runs/pr_missing").await;

    let header = response.headers()[REQUEST_ID_HEADER]
        .to_str()
        .unwrap()
        .to_owned();
    let body = expect_json(response, StatusCode::NOT_FOUND).await;
    assert_error_body(&body, "NOT_FOUND");
    assert_eq!(body["requestId"], header.as_str());
}

#[tokio::test]
async fn success_has_request_id() {
    let api = TestApi::start(50.0).await;

    let file = api.upload_sample("notes.txt").await;
    let response = api
        .get(&format!("/files/{}", file["id"].as_str().unwrap()))
        .await;

    let header = response.headers()[REQUEST_ID_HEADER]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(header.starts_with("req_"), "{header}");
    expect_json(response, StatusCode::OK).await;
}

#[tokio::test]
async fn request_ids_differ() {
    let api = TestApi::start(50.0).await;

    let first = api.get("/files/file_1").await;
    let second = api.get("/files/file_1").await;

    assert_ne!(
        first.headers()[REQUEST_ID_HEADER],
        second.headers()[REQUEST_ID_HEADER]
    );
}

#[tokio::test]
async fn malformed_json_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .authorized(api.http.post(api.url("/parse_runs")))
        .header("content-type", "application/json")
        .body("{\"file\": ")
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert_error_body(&body, "INVALID_REQUEST");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("invalid JSON body"),
        "{body}"
    );
}

#[tokio::test]
async fn wrong_field_type_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .post_json(
            "/parse_runs",
            &serde_json::json!({"file": {"id": "file_1"}, "metadata": "x"}),
        )
        .await;

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"].as_str().unwrap().contains("metadata"),
        "{body}"
    );
}

#[tokio::test]
async fn non_json_content_type_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .authorized(api.http.post(api.url("/parse_runs")))
        .body("file=1")
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::BAD_REQUEST).await;
    assert!(
        body["message"].as_str().unwrap().contains("Content-Type"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_route_not_found() {
    let api = TestApi::start(50.0).await;

    let response = api.get("/no_such_route").await;

    let body = expect_json(response, StatusCode::NOT_FOUND).await;
    assert_error_body(&body, "NOT_FOUND");
    assert!(
        body["message"].as_str().unwrap().contains("/no_such_route"),
        "{body}"
    );
}

#[tokio::test]
async fn wrong_method_rejected() {
    let api = TestApi::start(50.0).await;

    let response = api
        .authorized(api.http.delete(api.url("/parse_runs")))
        .send()
        .await
        .unwrap();

    let body = expect_json(response, StatusCode::METHOD_NOT_ALLOWED).await;
    assert_error_body(&body, "INVALID_REQUEST");
}
