//! The poller over the typed client and a fake transport: what reaches the
//! wire, and how bodies decode.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use extend_core::{ApiRequest, ApiResponse, Client, Error, Transport, TransportError};
use extend_poll::{PollError, Poller, PollingOptions};
use http::{HeaderMap, Method, StatusCode};

/// Answers every GET with the next body of a script (the last repeats).
struct FakeTransport {
    bodies: Mutex<Vec<&'static str>>,
    gets: AtomicU32,
}

impl FakeTransport {
    fn new(bodies: &[&'static str]) -> Self {
        FakeTransport {
            bodies: Mutex::new(bodies.iter().rev().copied().collect()),
            gets: AtomicU32::new(0),
        }
    }
}

#[async_trait]
impl Transport for FakeTransport {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        assert_eq!(request.method, Method::GET);
        self.gets.fetch_add(1, Ordering::SeqCst);
        let mut bodies = self.bodies.lock().unwrap();
        let body = if bodies.len() > 1 {
            bodies.pop().unwrap()
        } else {
            bodies[0]
        };
        Ok(ApiResponse {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(body.as_bytes()),
            attempts: 1,
        })
    }
}

#[tokio::test(start_paused = true)]
async fn body_without_status_is_decode_error() {
    let client = Client::new(FakeTransport::new(&[
        r#"{"object": "parse_run", "id": "pr_1"}"#,
    ]));
    let poller = Poller::new(PollingOptions::default()).unwrap();

    let error = poller.poll(&client.parse_runs(), "pr_1").await.unwrap_err();

    assert!(
        matches!(error, PollError::Request(Error::Decode { .. })),
        "expected a decode error, got {error}"
    );
    assert_eq!(client.transport().gets.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn heartbeat_ticks_during_poll() {
    let client = Client::new(FakeTransport::new(&[
        r#"{"id": "pr_1", "status": "PROCESSING"}"#,
        r#"{"id": "pr_1", "status": "PROCESSING"}"#,
        r#"{"id": "pr_1", "status": "PROCESSING"}"#,
        r#"{"id": "pr_1", "status": "PROCESSED"}"#,
    ]));
    let ticks = std::sync::Arc::new(AtomicU32::new(0));
    let heartbeat = tokio::spawn({
        let ticks = ticks.clone();
        async move {
            let mut interval = tokio::time::interval(Duration::from_millis(100));
            loop {
                interval.tick().await;
                ticks.fetch_add(1, Ordering::SeqCst);
            }
        }
    });

    let poller = Poller::new(PollingOptions::default().jitter(0.0)).unwrap();
    let run = poller.poll(&client.parse_runs(), "pr_1").await.unwrap();
    heartbeat.abort();

    assert_eq!(run.status.to_string(), "PROCESSED");
    // Three one-second sleeps: the heartbeat ran about 30 times meanwhile.
    let ticks = ticks.load(Ordering::SeqCst);
    assert!((29..=32).contains(&ticks), "{ticks} ticks");
}
