//! Helpers shared by the integration tests: the `extend` command without the
//! caller's environment, sample paths, and a scripted HTTP server for routes
//! the emulator does not serve yet.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::Router;
use serde_json::Value;

/// Returns the path of a file in the workspace's `samples` folder.
pub fn sample(name: &str) -> String {
    workspace_root()
        .join("samples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Returns the workspace root, the folder above this crate.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Returns the `extend` command with no Extend variables from the caller's
/// environment.
pub fn extend() -> Command {
    let mut command = Command::cargo_bin("extend").unwrap();
    for name in [
        "EXTEND_API_KEY",
        "EXTEND_BASE_URL",
        "EXTEND_REGION",
        "EXTEND_WORKSPACE_ID",
        "EXTEND_API_VERSION",
        "EXTEND_WEBHOOK_SECRET",
        "NO_COLOR",
        "RUST_LOG",
    ] {
        command.env_remove(name);
    }
    command
}

/// Starts an emulator on 127.0.0.1 with an OS-assigned port; keep the
/// runtime alive as long as the emulator.
pub fn start_emulator(speed: f64) -> (tokio::runtime::Runtime, extend_emulator::RunningEmulator) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime
        .block_on(
            extend_emulator::Emulator::builder()
                .port(0)
                .speed(speed)
                .start(),
        )
        .unwrap();
    (runtime, emulator)
}

/// Returns `extend` pointed at a running emulator with a test key.
pub fn extend_at(base_url: &str) -> Command {
    let mut command = extend();
    command
        .env("EXTEND_API_KEY", "sk_emulator_test")
        .args(["--base-url", base_url]);
    command
}

/// The result of one `extend` run.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// Parses the whole of stdout as one JSON document.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| {
            panic!(
                "stdout is not one JSON document ({err}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Runs the command to its end.
pub fn run(command: &mut Command) -> Outcome {
    let output = command.output().unwrap();
    Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// One scripted response.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

/// Returns a 200 reply with this body.
pub fn ok(body: Value) -> Reply {
    Reply { status: 200, body }
}

type Script = HashMap<String, Vec<Reply>>;

/// A local HTTP server that replies to `METHOD /path` (or `METHOD
/// /path?query`, which is tried first) with scripted replies in order; the
/// last reply of a route repeats. Unscripted routes get 404. It records every
/// request line it receives.
pub struct ScriptedApi {
    pub base_url: String,
    script: Arc<Mutex<Script>>,
    requests: Arc<Mutex<Vec<String>>>,
    headers: Arc<Mutex<Vec<HeaderMap>>>,
    runtime: tokio::runtime::Runtime,
}

#[derive(Clone)]
struct ApiState {
    script: Arc<Mutex<Script>>,
    requests: Arc<Mutex<Vec<String>>>,
    headers: Arc<Mutex<Vec<HeaderMap>>>,
}

impl ScriptedApi {
    /// Starts the server on 127.0.0.1 with an OS-assigned port.
    pub fn start() -> ScriptedApi {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let script = Arc::new(Mutex::new(Script::new()));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let headers = Arc::new(Mutex::new(Vec::new()));
        let state = ApiState {
            script: Arc::clone(&script),
            requests: Arc::clone(&requests),
            headers: Arc::clone(&headers),
        };
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let address: SocketAddr = listener.local_addr().unwrap();
        let app = Router::new().fallback(answer).with_state(state);
        runtime.spawn(async move { axum::serve(listener, app).await });
        ScriptedApi {
            base_url: format!("http://{address}"),
            script,
            requests,
            headers,
            runtime,
        }
    }

    /// Adds replies to a route such as `GET /extract_runs/exr_1`.
    pub fn on(&self, route: &str, replies: Vec<Reply>) -> &Self {
        self.script
            .lock()
            .unwrap()
            .entry(route.to_owned())
            .or_default()
            .extend(replies);
        self
    }

    /// Returns the request lines received so far, such as `GET /files?maxPageSize=2`.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// Returns the values of header `name` of every request, in order.
    pub fn header_values(&self, name: &str) -> Vec<String> {
        self.headers
            .lock()
            .unwrap()
            .iter()
            .filter_map(|headers| headers.get(name))
            .map(|value| value.to_str().unwrap().to_owned())
            .collect()
    }

    /// Returns `extend` pointed at this server with a test key.
    pub fn extend(&self) -> Command {
        let mut command = extend();
        command
            .env("EXTEND_API_KEY", "sk_scripted_test")
            .args(["--base-url", &self.base_url]);
        command
    }
}

async fn answer(
    State(state): State<ApiState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    _body: Bytes,
) -> impl IntoResponse {
    let with_query = format!("{method} {uri}");
    let without_query = format!("{method} {}", uri.path());
    state.requests.lock().unwrap().push(with_query.clone());
    state.headers.lock().unwrap().push(headers);

    let mut script = state.script.lock().unwrap();
    let key = if script.contains_key(&with_query) {
        with_query
    } else {
        without_query
    };
    let reply = match script.get_mut(&key) {
        Some(replies) if replies.len() > 1 => replies.remove(0),
        Some(replies) if !replies.is_empty() => replies[0].clone(),
        _ => Reply {
            status: 404,
            body: serde_json::json!({"code": "NOT_FOUND", "message": format!("no scripted reply for {key}")}),
        },
    };
    (
        StatusCode::from_u16(reply.status).unwrap(),
        [("content-type", "application/json")],
        reply.body.to_string(),
    )
}
