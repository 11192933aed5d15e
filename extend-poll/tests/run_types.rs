//! Every run type through the typed client and a scripted transport.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use extend_core::{
    ApiRequest, ApiResponse, Client, Outcome, Run, RunResource, Transport, TransportError,
};
use extend_poll::{PollError, Poller, PollingOptions};
use http::{HeaderMap, Method, StatusCode};

/// Answers GETs with the next status of a script (the last repeats) and
/// records every request as "METHOD path".
struct ScriptedTransport {
    statuses: Mutex<VecDeque<&'static str>>,
    requests: Mutex<Vec<String>>,
}

impl ScriptedTransport {
    fn new(statuses: &[&'static str]) -> Self {
        ScriptedTransport {
            statuses: Mutex::new(statuses.iter().copied().collect()),
            requests: Mutex::new(Vec::new()),
        }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

#[async_trait]
impl Transport for ScriptedTransport {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        self.requests
            .lock()
            .unwrap()
            .push(format!("{} {}", request.method, request.path));
        let status = if request.method == Method::GET {
            let mut statuses = self.statuses.lock().unwrap();
            if statuses.len() > 1 {
                statuses.pop_front().unwrap()
            } else {
                statuses[0]
            }
        } else {
            "CANCELLING"
        };
        let body = serde_json::json!({
            "id": "run_1",
            "status": status,
            "stepRuns": [],
            "files": [],
        });
        Ok(ApiResponse {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from(serde_json::to_vec(&body).unwrap()),
            attempts: 1,
        })
    }
}

const CANCEL_SEQUENCE: [&str; 5] = [
    "PENDING",
    "PROCESSING",
    "CANCELLING",
    "CANCELLING",
    "CANCELLED",
];

async fn five_gets_then_cancelled<R>(resource: &R, transport: &ScriptedTransport, path: &str)
where
    R: RunResource,
    R::Run: Clone + std::fmt::Debug,
{
    let poller = Poller::new(PollingOptions::default()).unwrap();
    let run = poller.poll(resource, "run_1").await.unwrap();

    assert_eq!(run.status().outcome(), Some(Outcome::Cancelled), "{path}");
    assert_eq!(transport.requests(), vec![format!("GET {path}"); 5]);
}

macro_rules! run_type_test {
    ($name:ident, $handle:ident, $path:literal) => {
        #[tokio::test(start_paused = true)]
        async fn $name() {
            let client = Client::new(ScriptedTransport::new(&CANCEL_SEQUENCE));
            five_gets_then_cancelled(&client.$handle(), client.transport(), $path).await;
        }
    };
}

run_type_test!(extract_cancelled, extract_runs, "/extract_runs/run_1");
run_type_test!(classify_cancelled, classify_runs, "/classify_runs/run_1");
run_type_test!(split_cancelled, split_runs, "/split_runs/run_1");
run_type_test!(parse_cancelled, parse_runs, "/parse_runs/run_1");
run_type_test!(edit_cancelled, edit_runs, "/edit_runs/run_1");
run_type_test!(workflow_cancelled, workflow_runs, "/workflow_runs/run_1");

#[tokio::test(start_paused = true)]
async fn batch_cancelled() {
    let client = Client::new(ScriptedTransport::new(&CANCEL_SEQUENCE));
    let poller = Poller::new(PollingOptions::default()).unwrap();

    let batch = poller
        .poll_batch(&client.batch_runs(), "run_1")
        .await
        .unwrap();

    assert_eq!(batch.status().outcome(), Some(Outcome::Cancelled));
    assert_eq!(
        client.transport().requests(),
        vec!["GET /batch_runs/run_1"; 5]
    );
}

#[tokio::test(start_paused = true)]
async fn timeout_cancels_when_asked() {
    let client = Client::new(ScriptedTransport::new(&["PROCESSING"]));
    let options = PollingOptions::default()
        .max_wait(Duration::from_secs(3))
        .cancel_on_timeout(true);
    let poller = Poller::new(options).unwrap();

    let error = poller
        .poll(&client.extract_runs(), "run_1")
        .await
        .unwrap_err();

    let PollError::TimedOut(timed_out) = error else {
        panic!("expected a timeout");
    };
    assert!(timed_out.cancel_requested);
    let requests = client.transport().requests();
    assert_eq!(requests.last().unwrap(), "POST /extract_runs/run_1/cancel");
}

#[tokio::test(start_paused = true)]
async fn timeout_leaves_run_by_default() {
    let client = Client::new(ScriptedTransport::new(&["PROCESSING"]));
    let poller = Poller::new(PollingOptions::default().max_wait(Duration::from_secs(3))).unwrap();

    let error = poller
        .poll(&client.extract_runs(), "run_1")
        .await
        .unwrap_err();

    let PollError::TimedOut(timed_out) = error else {
        panic!("expected a timeout");
    };
    assert!(!timed_out.cancel_requested);
    assert!(client
        .transport()
        .requests()
        .iter()
        .all(|request| request.starts_with("GET ")));
}

#[tokio::test(start_paused = true)]
async fn edit_timeout_sends_no_cancel() {
    let client = Client::new(ScriptedTransport::new(&["PROCESSING"]));
    let options = PollingOptions::default()
        .max_wait(Duration::from_secs(3))
        .cancel_on_timeout(true);
    let poller = Poller::new(options).unwrap();

    let error = poller.poll(&client.edit_runs(), "run_1").await.unwrap_err();

    let PollError::TimedOut(timed_out) = error else {
        panic!("expected a timeout");
    };
    assert!(
        !timed_out.cancel_requested,
        "edit runs have no cancel route"
    );
    assert!(client
        .transport()
        .requests()
        .iter()
        .all(|request| request.starts_with("GET ")));
}
