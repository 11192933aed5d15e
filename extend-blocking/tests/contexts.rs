//! The blocking client against the emulator from every kind of caller: a
//! plain thread, a spawned thread, `spawn_blocking`, and inside async tasks.

use std::path::PathBuf;
use std::time::Duration;

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

fn client(base_url: &str) -> Client {
    let transport = HttpTransport::builder()
        .api_key("sk_test")
        .base_url(base_url)
        .build()
        .unwrap();
    let options = PollingOptions::default().fast_interval(Duration::from_millis(50));
    Client::new(transport)
        .unwrap()
        .with_polling_options(options)
        .unwrap()
}

/// Uploads the invoice, parses it and checks the result: the whole path.
fn parse_invoice(client: &Client) -> String {
    let file = client.files().upload(&sample("invoice.pdf")).unwrap();
    let request = ParseRunCreate::new(FileRef::id(file.id)).unwrap();
    let run = client.parse_runs().create_and_poll(&request).unwrap();

    assert_eq!(run.status, RunStatus::Processed);
    let chunks = run.output.unwrap().chunks;
    assert_eq!(chunks.len(), 2);
    assert!(
        chunks[0].content.contains("INV-2026-0042"),
        "{}",
        chunks[0].content
    );
    run.id
}

#[test]
fn plain_thread() {
    let (_runtime, emulator) = start_emulator();
    let client = client(emulator.base_url());

    let run_id = parse_invoice(&client);
    let again = client.parse_runs().retrieve(&run_id).unwrap();
    assert_eq!(again.id, run_id);
}

#[test]
fn spawned_thread() {
    let (_runtime, emulator) = start_emulator();
    let client = client(emulator.base_url());

    let clone = client.clone();
    let run_id = std::thread::spawn(move || parse_invoice(&clone))
        .join()
        .unwrap();
    assert!(run_id.starts_with("pr_"), "{run_id}");
}

#[test]
fn threads_share_runtime() {
    let (_runtime, emulator) = start_emulator();
    let client = client(emulator.base_url());

    // Four threads wait at once on the one runtime: whichever drives its
    // I/O must also wake the others' waits.
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let clone = client.clone();
            std::thread::spawn(move || parse_invoice(&clone))
        })
        .collect();
    let mut run_ids: Vec<String> = threads
        .into_iter()
        .map(|thread| thread.join().unwrap())
        .collect();
    run_ids.sort();
    run_ids.dedup();
    assert_eq!(run_ids.len(), 4);
}

#[test]
fn nested_call_is_reentrant_error() {
    let (_runtime, emulator) = start_emulator();
    let client = client(emulator.base_url());

    let inner = client.clone();
    let nested = client
        .block_on(async move { inner.files().retrieve("file_1").map(|file| file.id) })
        .unwrap();
    let error = nested.unwrap_err();
    assert!(
        matches!(
            error,
            extend_blocking::Error::Runtime(extend_blocking::RuntimeError::Reentrant)
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("async client"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spawn_blocking_task() {
    let emulator = Emulator::builder().speed(50.0).start().await.unwrap();
    let client = client(emulator.base_url());

    let run_id = tokio::task::spawn_blocking(move || parse_invoice(&client))
        .await
        .unwrap();
    assert!(run_id.starts_with("pr_"), "{run_id}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inside_multi_thread_runtime() {
    let emulator = Emulator::builder().speed(50.0).start().await.unwrap();
    let client = client(emulator.base_url());

    parse_invoice(&client);
    // Dropping the last clone here must not panic with tokio's
    // "Cannot drop a runtime in a context where blocking is not allowed".
    drop(client);
}

/// Like `#[tokio::main]` with the default flavor off: the emulator runs on
/// another runtime because this one's only thread is blocked by the call.
#[test]
fn inside_current_thread_runtime() {
    let (_server_runtime, emulator) = start_emulator();
    let base_url = emulator.base_url().to_owned();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let client = client(&base_url);
        parse_invoice(&client);
        drop(client);
    });
}

#[test]
fn watch_iterates_status_changes() {
    let (_runtime, emulator) = start_emulator();
    let client = client(emulator.base_url());
    let file = client.files().upload(&sample("invoice.pdf")).unwrap();
    let run = client
        .parse_runs()
        .create(&ParseRunCreate::new(FileRef::id(file.id)).unwrap())
        .unwrap();

    let statuses: Vec<RunStatus> = client
        .parse_runs()
        .watch(&run.id)
        .map(|update| update.unwrap().status)
        .collect();

    assert_eq!(statuses.last(), Some(&RunStatus::Processed));
    let mut deduplicated = statuses.clone();
    deduplicated.dedup();
    assert_eq!(deduplicated, statuses, "one snapshot per status change");
}

#[test]
fn api_error_is_the_async_error() {
    let (_runtime, emulator) = start_emulator();
    let client = client(emulator.base_url());

    let error = client.parse_runs().retrieve("pr_missing").unwrap_err();

    let extend_blocking::Error::Api(inner) = &error else {
        panic!("expected an API error, got {error}");
    };
    assert_eq!(inner.status().map(|status| status.as_u16()), Some(404));
}
