//! A fault proxy between the soak client and the emulator.
//!
//! The emulator injects its faults before the handler runs, so a faulted
//! create never creates a run, and a client that wrongly retried a create
//! after a 5xx would still leave one run. The proxy adds the case that
//! exposes such a retry: it lets `POST /extract_runs` reach the emulator,
//! which creates the run, and then returns a 502 to the client. A client
//! that retried that create would leave two runs with the same request
//! index.
//!
//! Everything else is forwarded unchanged. When the emulator drops a
//! connection, the proxy drops the client's connection too.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Path whose successful `POST` the proxy may replace with a 502.
const CREATE_PATH: &str = "/extract_runs";

/// Largest request or response body the proxy forwards: far above the
/// soak's requests, which carry a short text file.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Headers that describe one hop's connection, not the message, so the
/// proxy does not copy them.
const HOP_HEADERS: &[header::HeaderName] = &[
    header::CONNECTION,
    header::CONTENT_LENGTH,
    header::HOST,
    header::TRANSFER_ENCODING,
];

struct ProxyState {
    upstream: String,
    http: reqwest::Client,
    create_fault_rate: f64,
    random: Mutex<StdRng>,
    creates_hidden: AtomicU64,
}

/// A running proxy; dropping it stops the server.
pub(crate) struct FaultProxy {
    base_url: String,
    state: Arc<ProxyState>,
    _stop: oneshot::Sender<()>,
}

impl FaultProxy {
    /// Starts a proxy on 127.0.0.1 with an OS-assigned port, in front of
    /// `upstream`. A fraction `create_fault_rate` of the successful creates
    /// gets a 502 in place of its response; `seed` makes the draws reproducible.
    pub(crate) async fn start(
        upstream: &str,
        create_fault_rate: f64,
        seed: u64,
    ) -> std::io::Result<Self> {
        let state = Arc::new(ProxyState {
            upstream: upstream.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            create_fault_rate,
            random: Mutex::new(StdRng::seed_from_u64(seed)),
            creates_hidden: AtomicU64::new(0),
        });
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let router = Router::new().fallback(forward).with_state(state.clone());

        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let server = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = server.await {
                eprintln!("soak: the fault proxy stopped: {error}");
            }
        });
        Ok(FaultProxy {
            base_url,
            state,
            _stop: stop,
        })
    }

    /// Returns the proxy's base URL, `http://127.0.0.1:PORT`.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Returns how many creates the emulator served while the client got a 502.
    pub(crate) fn creates_hidden(&self) -> u64 {
        self.state.creates_hidden.load(Ordering::Relaxed)
    }
}

async fn forward(State(state): State<Arc<ProxyState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY_BYTES).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "request body too large for the soak proxy",
        )
            .into_response();
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |value| value.as_str());
    let url = format!("{}{path_and_query}", state.upstream);

    let mut upstream = state.http.request(parts.method.clone(), url).body(body);
    for (name, value) in &parts.headers {
        if !HOP_HEADERS.contains(name) {
            upstream = upstream.header(name, value);
        }
    }
    let response = match upstream.send().await {
        Ok(response) => response,
        Err(_) => drop_connection(),
    };
    let status = response.status();
    let headers = response.headers().clone();
    let Ok(body) = response.bytes().await else {
        drop_connection()
    };

    let is_create = parts.method == Method::POST && parts.uri.path() == CREATE_PATH;
    if is_create && status.is_success() && state.draw() {
        state.creates_hidden.fetch_add(1, Ordering::Relaxed);
        return hidden_create_response();
    }

    let mut forwarded = Response::new(Body::from(body));
    *forwarded.status_mut() = status;
    for (name, value) in &headers {
        if !HOP_HEADERS.contains(name) {
            forwarded.headers_mut().append(name, value.clone());
        }
    }
    forwarded
}

impl ProxyState {
    fn draw(&self) -> bool {
        let mut random = self.random.lock().unwrap_or_else(PoisonError::into_inner);
        random.random_bool(self.create_fault_rate)
    }
}

/// Builds a 502 with the API's error body, as a gateway in front of Extend
/// would send when the server finished the request but its response was lost.
fn hidden_create_response() -> Response {
    let body = serde_json::json!({
        "code": "BAD_GATEWAY",
        "message": "injected by the soak proxy after the run was created",
        "retryable": true,
    });
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = StatusCode::BAD_GATEWAY;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Ends the client's connection without a response. Unwinding ends hyper's
/// connection task, which closes the socket; `resume_unwind` skips the panic
/// hook, so nothing is printed.
fn drop_connection() -> ! {
    std::panic::resume_unwind(Box::new("upstream dropped the connection"))
}
