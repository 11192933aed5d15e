//! The typed client over the HTTP transport against the local emulator on
//! 127.0.0.1: real requests, real responses, decoded into the models.

use std::time::Duration;

use extend_core::*;
use extend_emulator::Emulator;
use extend_http::HttpTransport;
use serde_json::json;

/// Maximum polls before a test gives up. The emulator at speed 200 finishes a
/// run within a few polls.
const MAX_POLLS: usize = 500;

async fn client_for(base_url: &str) -> Client<HttpTransport> {
    let transport = HttpTransport::builder()
        .api_key("sk_test_core")
        .base_url(base_url)
        .build()
        .expect("the transport builds");
    Client::new(transport)
}

/// Retrieves the run until its status is terminal.
async fn wait_until_terminal<R: RunResource>(resource: &R, id: &str) -> R::Run {
    for _ in 0..MAX_POLLS {
        let run = resource.retrieve(id).await.expect("retrieve succeeds");
        if run.status().is_terminal() {
            return run;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("run {id} was still in progress after {MAX_POLLS} polls");
}

#[tokio::test]
async fn extract_run_from_text() {
    let emulator = Emulator::builder()
        .speed(200.0)
        .start()
        .await
        .expect("the emulator starts");
    let client = client_for(emulator.base_url()).await;

    let schema = json!({"type": "object", "properties": {"total_due": {"type": "number"}}});
    let request = ExtractRunCreate::with_schema(FileRef::text("Total Due: 1,234.56"), schema);
    let created = client
        .extract_runs()
        .create(&request)
        .await
        .expect("create succeeds");
    assert!(!created.status.is_terminal(), "{}", created.status);

    let run = wait_until_terminal(&client.extract_runs(), &created.id).await;
    assert_eq!(run.status, RunStatus::Processed);
    let output = run.output.expect("a processed run has an output");
    assert_eq!(output.value["total_due"], json!(1234.56));

    emulator.shutdown().await;
}

#[tokio::test]
async fn parse_run_of_uploaded_file() {
    let emulator = Emulator::builder()
        .speed(200.0)
        .start()
        .await
        .expect("the emulator starts");
    let client = client_for(emulator.base_url()).await;

    let path = std::env::temp_dir().join(format!("extend-core-test-{}.txt", std::process::id()));
    std::fs::write(&path, "Invoice INV-1\u{c}Total Due: 12.50\n")
        .expect("the test file is written");
    let file = client.files().upload(&path).await.expect("upload succeeds");
    std::fs::remove_file(&path).expect("the test file is removed");
    assert!(file.name.starts_with("extend-core-test-"), "{}", file.name);

    let retrieved = client
        .files()
        .retrieve(&file.id)
        .await
        .expect("retrieve succeeds");
    assert_eq!(retrieved.id, file.id);

    let request = ParseRunCreate::new(FileRef::id(&file.id)).expect("a file id is accepted");
    let created = client
        .parse_runs()
        .create(&request)
        .await
        .expect("create succeeds");
    let run = wait_until_terminal(&client.parse_runs(), &created.id).await;

    assert_eq!(run.status, RunStatus::Processed);
    let chunks = run.output.expect("a processed run has an output").chunks;
    assert_eq!(chunks.len(), 2, "one chunk per page");
    assert!(
        chunks[1].content.contains("Total Due"),
        "{}",
        chunks[1].content
    );

    emulator.shutdown().await;
}

#[tokio::test]
async fn unknown_run_is_not_found() {
    let emulator = Emulator::builder()
        .start()
        .await
        .expect("the emulator starts");
    let client = client_for(emulator.base_url()).await;

    let error = client
        .parse_runs()
        .retrieve("pr_missing")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    let Error::Api(api_error) = &error else {
        panic!("expected an API error, got {error}")
    };
    assert_eq!(
        api_error.body.as_ref().map(|body| body.code.as_str()),
        Some("NOT_FOUND")
    );
    assert!(
        api_error
            .request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("req_")),
        "{error}"
    );

    emulator.shutdown().await;
}
