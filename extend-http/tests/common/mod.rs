//! A recording HTTP server on 127.0.0.1 and a recording clock for the
//! integration tests of extend-http.

#![allow(dead_code, unreachable_pub)]

pub mod multipart;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::response::Response;
use axum::Router;
use bytes::Bytes;
use extend_http::Clock;
use futures::future::BoxFuture;
use http::HeaderMap;
use sha2::{Digest, Sha256};

/// The key every test transport sends; tests check it never leaks.
pub const TEST_KEY: &str = "sk_test_Hq7Wm2Xc9Lp4Rt6";

/// Body of the default 200 response: a valid `File`.
pub const FILE_JSON: &str = r#"{"object":"file","id":"file_test","name":"upload.bin"}"#;

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub uri: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Time of arrival, for spacing checks.
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// Parses the body as `multipart/form-data`.
    pub fn multipart(&self) -> Vec<multipart::Part> {
        let content_type = self.header("content-type").expect("content-type header");
        multipart::parse(content_type, &self.body)
    }
}

/// A scripted response, returned once, in order.
#[derive(Debug, Clone)]
pub struct Scripted {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Scripted {
    pub fn status(status: u16) -> Self {
        Scripted {
            status,
            headers: Vec::new(),
            body: String::new(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = body.to_owned();
        self
    }

    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

#[derive(Default)]
struct ServerState {
    requests: Mutex<Vec<Recorded>>,
    script: Mutex<VecDeque<Scripted>>,
}

/// An HTTP server on 127.0.0.1 with an OS-assigned port. It records every
/// request and returns the scripted responses, then with 200 and
/// [`FILE_JSON`].
pub struct TestServer {
    pub addr: SocketAddr,
    state: Arc<ServerState>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub async fn start() -> Self {
        let state = Arc::new(ServerState::default());
        let app = Router::new()
            .fallback(record_and_respond)
            .with_state(Arc::clone(&state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("test server");
        });
        TestServer { addr, state, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn respond(&self, response: Scripted) -> &Self {
        self.state
            .script
            .lock()
            .expect("script lock")
            .push_back(response);
        self
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.requests.lock().expect("requests lock").clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn record_and_respond(State(state): State<Arc<ServerState>>, request: Request) -> Response {
    let at = Instant::now();
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, usize::MAX).await.expect("request body");
    let uri = parts
        .uri
        .path_and_query()
        .map(|path| path.to_string())
        .unwrap_or_default();
    state
        .requests
        .lock()
        .expect("requests lock")
        .push(Recorded {
            method: parts.method.to_string(),
            uri,
            headers: parts.headers,
            body,
            at,
        });

    let scripted = state.script.lock().expect("script lock").pop_front();
    let scripted = scripted.unwrap_or_else(|| Scripted::status(200).body(FILE_JSON));
    if !scripted.delay.is_zero() {
        tokio::time::sleep(scripted.delay).await;
    }

    let mut response = Response::builder()
        .status(scripted.status)
        .header("content-type", "application/json");
    for (name, value) in &scripted.headers {
        response = response.header(name, value);
    }
    response.body(Body::from(scripted.body)).expect("response")
}

/// A clock at a fixed wall-clock time that records each sleep and returns
/// at once.
#[derive(Debug)]
pub struct RecordingClock {
    now: SystemTime,
    sleeps: Mutex<Vec<Duration>>,
}

impl RecordingClock {
    pub fn at(now: SystemTime) -> Arc<Self> {
        Arc::new(RecordingClock {
            now,
            sleeps: Mutex::new(Vec::new()),
        })
    }

    pub fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().expect("sleeps lock").clone()
    }
}

impl Clock for RecordingClock {
    fn now(&self) -> SystemTime {
        self.now
    }

    fn sleep(&self, delay: Duration) -> BoxFuture<'static, ()> {
        self.sleeps.lock().expect("sleeps lock").push(delay);
        Box::pin(async {})
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Checks that no text in `texts` contains any 6-character window of the
/// test key.
pub fn assert_no_key_fragment(texts: &[&str]) {
    let key: Vec<char> = TEST_KEY.chars().collect();
    for window in key.windows(6) {
        let fragment: String = window.iter().collect();
        for text in texts {
            assert!(
                !text.contains(&fragment),
                "{text:?} contains key fragment {fragment:?}"
            );
        }
    }
}
