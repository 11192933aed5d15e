//! Secrets audit of the library. Every log event is captured at TRACE, the
//! `log` records of reqwest and hyper included. A full run against the
//! in-process emulator, a 401 and webhook verification must not print the
//! API key or the webhook signing secret in the logs, in error messages or
//! in `Debug` output.

#![cfg(all(feature = "http", feature = "poll", feature = "webhooks"))]

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use extend::http::HttpTransport;
use extend::webhooks::{Signer, SigningSecret, Verifier};
use extend::{FileRef, ParseRunCreate, Poller, PollingOptions};
use extend_emulator::Emulator;

/// The key the client sends. Each secret has a distinctive tail so that a
/// leak of part of it is found too.
const API_KEY: &str = "sk_audit_client_Q7vX2mL9";
/// The key the locked emulator accepts, different from [`API_KEY`].
const EMULATOR_KEY: &str = "sk_audit_server_R4kW8nP3";
const WEBHOOK_SECRET: &str = "wss_audit_secret_T5zJ6hB1";
const SECRET_TAILS: &[&str] = &["Q7vX2mL9", "R4kW8nP3", "T5zJ6hB1"];

/// Everything written by the global tracing subscriber.
fn captured() -> &'static Arc<Mutex<Vec<u8>>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer_buffer = buffer.clone();
        tracing_subscriber::fmt()
            .with_env_filter("trace")
            .with_ansi(false)
            .with_writer(move || BufferWriter(writer_buffer.clone()))
            .init();
        buffer
    })
}

struct BufferWriter(Arc<Mutex<Vec<u8>>>);

impl Write for BufferWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured_text() -> String {
    String::from_utf8_lossy(&captured().lock().unwrap()).into_owned()
}

fn assert_no_secret(label: &str, text: &str) {
    for tail in SECRET_TAILS {
        assert!(
            !text.contains(tail),
            "{label} contains a secret ending {tail}"
        );
    }
}

fn sample_invoice() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../samples/invoice.pdf"
    ))
}

fn transport(base_url: &str) -> HttpTransport {
    HttpTransport::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_run_logs_hide_key() {
    captured();
    let emulator = Emulator::builder()
        .speed(50.0)
        .api_key(Some(API_KEY))
        .start()
        .await
        .unwrap();
    let client = extend::core::Client::new(transport(emulator.base_url()));
    let poller = Poller::new(
        PollingOptions::default()
            .fast_interval(Duration::from_millis(50))
            .initial_delay(Duration::from_millis(50)),
    )
    .unwrap();

    let file = client.files().upload(sample_invoice()).await.unwrap();
    let request = ParseRunCreate::new(FileRef::id(file.id)).unwrap();
    let run = poller
        .create_and_poll(&client.parse_runs(), &request)
        .await
        .unwrap();
    emulator.shutdown().await;

    assert!(run.status.is_terminal(), "status {}", run.status);
    let logs = captured_text();
    assert!(logs.contains(&run.id), "the TRACE capture saw the run id");
    assert!(logs.contains("TRACE"), "the capture holds TRACE events");
    assert_no_secret("the logs", &logs);
    assert_no_secret("the client's Debug", &format!("{client:?}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unauthorized_error_hides_key() {
    captured();
    let emulator = Emulator::builder()
        .api_key(Some(EMULATOR_KEY))
        .start()
        .await
        .unwrap();
    let client = extend::core::Client::new(transport(emulator.base_url()));

    let error = client.parse_runs().retrieve("pr_audit").await.unwrap_err();
    emulator.shutdown().await;

    let extend::Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status.as_u16(), 401);
    assert_no_secret("the error's Display", &error.to_string());
    assert_no_secret("the error's Debug", &format!("{error:?}"));
    assert_no_secret("the logs", &captured_text());
}

#[tokio::test]
async fn webhook_verification_hides_secret() {
    captured();
    let body = br#"{"eventId":"evt_audit","eventType":"parse_run.processed","payload":{"object":"parse_run_status","id":"pr_1","status":"PROCESSED"}}"#;
    let signer = Signer::new(WEBHOOK_SECRET).unwrap();
    let verifier = Verifier::new(WEBHOOK_SECRET).unwrap();
    let headers = signer.sign_now(body).header_map();

    let event = verifier.verify_and_parse(&headers, body).unwrap();
    let error = verifier
        .verify_and_parse(&headers, b"{\"tampered\":true}")
        .unwrap_err();

    assert_eq!(event.event_id(), "evt_audit");
    assert_no_secret("the error's Display", &error.to_string());
    assert_no_secret("the error's Debug", &format!("{error:?}"));
    assert_no_secret("the logs", &captured_text());
}

#[test]
fn debug_output_hides_secrets() {
    let builder = HttpTransport::builder()
        .api_key(API_KEY)
        .base_url("http://127.0.0.1:9");
    let transport = transport("http://127.0.0.1:9");
    let client = extend::core::Client::new(transport.clone());
    let emulator_builder = Emulator::builder().api_key(Some(EMULATOR_KEY));
    let verifier = Verifier::new(WEBHOOK_SECRET).unwrap();
    let verifier_builder = Verifier::builder().secret(WEBHOOK_SECRET);
    let secret = SigningSecret::new(WEBHOOK_SECRET).unwrap();
    let signer = Signer::new(WEBHOOK_SECRET).unwrap();

    let cases = [
        ("HttpTransportBuilder", format!("{builder:?}")),
        ("HttpTransport", format!("{transport:?}")),
        ("Client", format!("{client:?}")),
        ("EmulatorBuilder", format!("{emulator_builder:?}")),
        ("Verifier", format!("{verifier:?}")),
        ("VerifierBuilder", format!("{verifier_builder:?}")),
        ("SigningSecret", format!("{secret:?}")),
        ("Signer", format!("{signer:?}")),
    ];
    for (label, text) in cases {
        assert!(!text.is_empty(), "{label} has Debug output");
        assert_no_secret(label, &text);
    }
}
