//! What the transport puts on the wire: URL, authentication and headers.

mod common;

use common::{assert_no_key_fragment, Scripted, TestServer, TEST_KEY};
use extend_core::{ApiRequest, Client, Error, Transport};
use extend_http::HttpTransport;

fn transport_for(server: &TestServer) -> HttpTransport {
    HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .build()
        .expect("transport")
}

#[tokio::test]
async fn standard_headers_sent() {
    let server = TestServer::start().await;
    let transport = transport_for(&server);

    transport
        .send(ApiRequest::get("/files/file_1"))
        .await
        .expect("response");

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.uri, "/files/file_1");
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TEST_KEY}").as_str())
    );
    assert_eq!(request.header("x-extend-api-version"), Some("2026-02-09"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("extend-rust/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(request.header("x-extend-workspace-id"), None);
}

#[tokio::test]
async fn configured_headers_sent() {
    let server = TestServer::start().await;
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .api_version("2025-04-21")
        .workspace_id("ws_42")
        .default_header("x-trace-tag", "nightly")
        .build()
        .expect("transport");

    transport
        .send(ApiRequest::get("/parse_runs/pr_1"))
        .await
        .expect("response");

    let request = &server.requests()[0];
    assert_eq!(request.header("x-extend-api-version"), Some("2025-04-21"));
    assert_eq!(request.header("x-extend-workspace-id"), Some("ws_42"));
    assert_eq!(request.header("x-trace-tag"), Some("nightly"));
}

#[tokio::test]
async fn user_agent_replaceable() {
    let server = TestServer::start().await;
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .default_header("User-Agent", "extend-cli/9.9")
        .build()
        .expect("transport");

    transport
        .send(ApiRequest::get("/files"))
        .await
        .expect("response");

    assert_eq!(
        server.requests()[0].header("user-agent"),
        Some("extend-cli/9.9")
    );
}

#[tokio::test]
async fn path_prefix_and_query_kept() {
    let server = TestServer::start().await;
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(format!("{}/gateway/extend/", server.url()))
        .build()
        .expect("transport");

    let request = ApiRequest::get("/files")
        .with_query("limit", "5")
        .with_query("nameContains", "a&b c");
    transport.send(request).await.expect("response");

    assert_eq!(
        server.requests()[0].uri,
        "/gateway/extend/files?limit=5&nameContains=a%26b+c"
    );
}

#[tokio::test]
async fn json_body_sent_with_content_type() {
    let server = TestServer::start().await;
    let client = Client::new(transport_for(&server));
    server.respond(
        Scripted::status(200).body(r#"{"object":"extract_run","id":"ex_1","status":"PENDING"}"#),
    );

    let request = extend_core::ExtractRunCreate::with_schema(
        extend_core::FileRef::id("file_1"),
        serde_json::json!({"type": "object"}),
    );
    client
        .extract_runs()
        .create(&request)
        .await
        .expect("extract run");

    let recorded = &server.requests()[0];
    assert_eq!(recorded.method, "POST");
    assert_eq!(recorded.uri, "/extract_runs");
    assert_eq!(recorded.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&recorded.body).expect("JSON body");
    assert_eq!(body["file"]["id"], "file_1");
}

#[tokio::test]
async fn any_status_returned_as_response() {
    let server = TestServer::start().await;
    let transport = transport_for(&server);
    server.respond(
        Scripted::status(404)
            .header("x-extend-request-id", "req_404")
            .body(r#"{"code":"NOT_FOUND","message":"No such file"}"#),
    );

    let response = transport
        .send(ApiRequest::get("/files/missing"))
        .await
        .expect("response");

    assert_eq!(response.status, 404);
    assert_eq!(response.attempts, 1);
    assert_eq!(response.headers["x-extend-request-id"], "req_404");
    assert!(response.body.starts_with(b"{\"code\":\"NOT_FOUND\""));
}

#[tokio::test]
async fn unauthorized_error_hides_key() {
    let server = TestServer::start().await;
    let client = Client::new(transport_for(&server));
    server.respond(
        Scripted::status(401).body(r#"{"code":"UNAUTHORIZED","message":"Invalid API key"}"#),
    );

    let error = client
        .files()
        .retrieve("file_1")
        .await
        .expect_err("401 is an error");

    assert!(
        matches!(&error, Error::Api(api) if api.status == 401),
        "{error:?}"
    );
    let display = error.to_string();
    let debug = format!("{error:?}");
    assert!(display.contains("EXTEND_API_KEY"), "{display}");
    assert_no_key_fragment(&[&display, &debug]);
}

#[tokio::test]
async fn transport_debug_hides_key() {
    let server = TestServer::start().await;
    let transport = transport_for(&server);

    let debug = format!("{transport:?}");
    let pretty = format!("{transport:#?}");

    assert!(debug.contains("[REDACTED]"), "{debug}");
    assert!(debug.contains(&server.url()), "{debug}");
    assert_no_key_fragment(&[&debug, &pretty]);
}
