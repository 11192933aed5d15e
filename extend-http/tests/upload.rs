//! Multipart upload of local files: bytes, part headers, local checks.

mod common;

use std::path::Path;
use std::time::SystemTime;

use common::{sha256_hex, RecordingClock, Scripted, TestServer, TEST_KEY};
use extend_core::{
    ApiRequest, Client, Error, FileUpload, Idempotency, RequestBody, Transport, TransportErrorKind,
};
use extend_http::HttpTransport;
use http::Method;

fn transport_for(server: &TestServer) -> HttpTransport {
    HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .build()
        .expect("transport")
}

/// Writes `size` bytes that differ from chunk to chunk, so a reordered or
/// repeated chunk changes the hash.
fn write_document(path: &Path, size: usize) -> Vec<u8> {
    let bytes: Vec<u8> = (0..size).map(|i| (i * 31 + i / 4096) as u8).collect();
    std::fs::write(path, &bytes).expect("write document");
    bytes
}

fn upload_request(path: &Path, password: Option<&str>) -> ApiRequest {
    let upload = FileUpload {
        path: path.to_path_buf(),
        file_name: "statement.pdf".to_owned(),
        content_type: "application/pdf".to_owned(),
        password: password.map(str::to_owned),
    };
    ApiRequest::new(Method::POST, "/files/upload", Idempotency::CreatesResource)
        .with_body(RequestBody::Upload(upload))
}

#[tokio::test]
async fn upload_bytes_arrive_identical() {
    let server = TestServer::start().await;
    let client = Client::new(transport_for(&server));
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("Invoice March.pdf");
    let bytes = write_document(&path, 3 * 1024 * 1024 + 17);

    let file = client.files().upload(&path).await.expect("upload");

    assert_eq!(file.id, "file_test");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].uri, "/files/upload");
    let parts = requests[0].multipart();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "file");
    assert_eq!(parts[0].file_name.as_deref(), Some("Invoice March.pdf"));
    assert_eq!(parts[0].content_type.as_deref(), Some("application/pdf"));
    assert_eq!(parts[0].data.len(), bytes.len());
    assert_eq!(sha256_hex(&parts[0].data), sha256_hex(&bytes));
}

#[tokio::test]
async fn upload_sends_content_length() {
    let server = TestServer::start().await;
    let transport = transport_for(&server);
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("a.pdf");
    write_document(&path, 1000);

    transport
        .send(upload_request(&path, None))
        .await
        .expect("upload");

    let request = &server.requests()[0];
    let length: usize = request
        .header("content-length")
        .expect("content-length header")
        .parse()
        .expect("numeric content-length");
    assert_eq!(length, request.body.len());
}

#[tokio::test]
async fn upload_password_part_sent() {
    let server = TestServer::start().await;
    let transport = transport_for(&server);
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("locked.pdf");
    write_document(&path, 2048);

    transport
        .send(upload_request(&path, Some("open sesame")))
        .await
        .expect("upload");

    let parts = server.requests()[0].multipart();
    let names: Vec<&str> = parts.iter().map(|part| part.name.as_str()).collect();
    assert_eq!(names, ["file", "password"]);
    assert_eq!(parts[1].data, b"open sesame");
    assert_eq!(parts[1].file_name, None);
}

#[tokio::test]
async fn empty_file_rejected_before_request() {
    let server = TestServer::start().await;
    let client = Client::new(transport_for(&server));
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("empty.pdf");
    std::fs::write(&path, b"").expect("write empty file");

    let error = client.files().upload(&path).await.expect_err("empty file");

    let Error::Transport(transport_error) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport_error.kind, TransportErrorKind::LocalFile);
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
    assert!(error.to_string().contains("0 bytes"), "{error}");
    assert_eq!(server.requests().len(), 0);
}

#[tokio::test]
async fn missing_file_rejected_before_request() {
    let server = TestServer::start().await;
    let transport = transport_for(&server);
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("absent.pdf");

    let error = transport
        .send(upload_request(&path, None))
        .await
        .expect_err("missing file");

    assert_eq!(error.kind, TransportErrorKind::LocalFile);
    assert!(
        error.message.contains(&path.display().to_string()),
        "{}",
        error.message
    );
    assert_eq!(server.requests().len(), 0);
}

#[tokio::test]
async fn directory_rejected_before_request() {
    let server = TestServer::start().await;
    let transport = transport_for(&server);
    let folder = tempfile::tempdir().expect("temp dir");

    let error = transport
        .send(upload_request(folder.path(), None))
        .await
        .expect_err("directory");

    assert_eq!(error.kind, TransportErrorKind::LocalFile);
    assert!(
        error.message.contains("is a directory"),
        "{}",
        error.message
    );
    assert_eq!(server.requests().len(), 0);
}

#[tokio::test]
async fn upload_retry_sends_same_bytes() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(SystemTime::now());
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .clock(clock.clone())
        .build()
        .expect("transport");
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("retry.pdf");
    let bytes = write_document(&path, 256 * 1024 + 3);
    server.respond(Scripted::status(429).header("retry-after", "2"));

    let response = transport
        .send(upload_request(&path, None))
        .await
        .expect("upload");

    assert_eq!(response.status, 200);
    assert_eq!(response.attempts, 2);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let parts = request.multipart();
        assert_eq!(sha256_hex(&parts[0].data), sha256_hex(&bytes));
    }
    assert_eq!(clock.sleeps(), [std::time::Duration::from_secs(2)]);
}
