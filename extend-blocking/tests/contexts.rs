//! The blocking client against the emulator, from a plain thread and from
//! inside an async runtime.

use std::path::PathBuf;

use extend_blocking::Client;
use extend_core::{FileRef, ParseRunCreate, RunStatus};
use extend_emulator::{Emulator, RunningEmulator};
use extend_http::HttpTransport;
use extend_poll::PollingOptions;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../samples")
        .join(name)
}

/// Starts the emulator on a runtime of its own, as an external server would be.
fn start_emulator() -> (tokio::runtime::Runtime, RunningEmulator) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime
        .block_on(Emulator::builder().speed(50.0).start())
        .unwrap();
    (runtime, emulator)
}

fn client(emulator: &RunningEmulator) -> Client {
    let transport = HttpTransport::builder()
        .api_key("sk_test")
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let options = PollingOptions::default().fast_interval(std::time::Duration::from_millis(50));
    Client::new(transport)
        .unwrap()
        .with_polling_options(options)
}

#[test]
fn parse_from_plain_thread() {
    let (_runtime, emulator) = start_emulator();
    let client = client(&emulator);

    let file = client.upload_file(&sample("invoice.pdf")).unwrap();
    let request = ParseRunCreate::new(FileRef::id(file.id)).unwrap();
    let run = client.parse_and_poll(&request).unwrap();

    assert_eq!(run.status, RunStatus::Processed);
    let chunks = run.output.unwrap().chunks;
    assert_eq!(chunks.len(), 2);
    assert!(
        chunks[0].content.contains("INV-2026-0042"),
        "{}",
        chunks[0].content
    );
    let again = client.retrieve_parse_run(&run.id).unwrap();
    assert_eq!(again.id, run.id);
}

#[test]
fn clone_used_from_spawned_thread() {
    let (_runtime, emulator) = start_emulator();
    let client = client(&emulator);
    let file = client.upload_file(&sample("invoice.pdf")).unwrap();

    let clone = client.clone();
    let handle = std::thread::spawn(move || {
        let request = ParseRunCreate::new(FileRef::id(file.id)).unwrap();
        clone.parse_and_poll(&request).map(|run| run.status)
    });
    assert_eq!(handle.join().unwrap().unwrap(), RunStatus::Processed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_and_drops_inside_async_runtime() {
    let emulator = Emulator::builder().speed(50.0).start().await.unwrap();
    let client = client(&emulator);

    let file = client.upload_file(&sample("invoice.pdf")).unwrap();
    assert!(file.id.starts_with("file_"), "{}", file.id);

    // Dropping the last clone here must not panic with tokio's
    // "Cannot drop a runtime in a context where blocking is not allowed".
    drop(client);
}
