//! The wait loop against a scripted resource, on tokio's paused clock.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use extend_core::{
    ApiError, Error, Outcome, ParseRun, ParseRunCreate, RunResource, RunStatus, TransportError,
    TransportErrorKind,
};
use extend_poll::{PollError, Poller, PollingOptions};
use http::StatusCode;

/// Answers retrieves from a script of statuses or errors (an HTTP status,
/// 0 for a connection reset, 1 for a rate limit over the transport's cap);
/// the last entry repeats.
struct Scripted {
    script: Mutex<VecDeque<Result<&'static str, u16>>>,
    retrieves: AtomicU32,
    retrieve_times: Mutex<Vec<tokio::time::Instant>>,
    created_status: &'static str,
}

impl Scripted {
    fn new(script: &[Result<&'static str, u16>]) -> Self {
        Scripted {
            script: Mutex::new(script.iter().copied().collect()),
            retrieves: AtomicU32::new(0),
            retrieve_times: Mutex::new(Vec::new()),
            created_status: "PENDING",
        }
    }

    fn retrieves(&self) -> u32 {
        self.retrieves.load(Ordering::SeqCst)
    }
}

fn run(status: &str) -> ParseRun {
    serde_json::from_value(serde_json::json!({"id": "pr_test", "status": status})).unwrap()
}

fn error_for(status: u16) -> Error {
    if status == 0 {
        return Error::Transport(TransportError::new(
            TransportErrorKind::Connect,
            "connection reset",
        ));
    }
    if status == 1 {
        return Error::Transport(TransportError::new(
            TransportErrorKind::RateLimited,
            "server asked to wait 86400 s, over the 60 s cap",
        ));
    }
    Error::from(ApiError {
        status: StatusCode::from_u16(status).unwrap(),
        body: None,
        raw_body: None,
        request_id: None,
        attempts: 1,
    })
}

#[async_trait]
impl RunResource for Scripted {
    type Run = ParseRun;
    type Create = ParseRunCreate;

    async fn create(&self, _request: &ParseRunCreate) -> Result<ParseRun, Error> {
        Ok(run(self.created_status))
    }

    async fn retrieve(&self, _id: &str) -> Result<ParseRun, Error> {
        self.retrieves.fetch_add(1, Ordering::SeqCst);
        self.retrieve_times
            .lock()
            .unwrap()
            .push(tokio::time::Instant::now());
        let mut script = self.script.lock().unwrap();
        let next = if script.len() > 1 {
            script.pop_front().unwrap()
        } else {
            *script.front().unwrap()
        };
        match next {
            Ok(status) => Ok(run(status)),
            Err(code) => Err(error_for(code)),
        }
    }
}

fn poller(options: PollingOptions) -> Poller {
    Poller::new(options).unwrap().with_seed(11)
}

#[tokio::test(start_paused = true)]
async fn cancelling_sequence_takes_five_gets() {
    let resource = Scripted::new(&[
        Ok("PENDING"),
        Ok("PROCESSING"),
        Ok("CANCELLING"),
        Ok("CANCELLING"),
        Ok("CANCELLED"),
    ]);
    let run = poller(PollingOptions::default())
        .poll(&resource, "pr_test")
        .await
        .unwrap();
    assert_eq!(resource.retrieves(), 5);
    assert_eq!(run.status.outcome(), Some(Outcome::Cancelled));
}

#[tokio::test(start_paused = true)]
async fn unknown_status_ends_at_once() {
    let resource = Scripted::new(&[Ok("ARCHIVED_V2")]);
    let run = poller(PollingOptions::default())
        .poll(&resource, "pr_test")
        .await
        .unwrap();
    assert_eq!(resource.retrieves(), 1);
    assert_eq!(run.status, RunStatus::Unknown("ARCHIVED_V2".into()));
    assert_eq!(run.status.outcome(), Some(Outcome::Unknown));
}

#[tokio::test(start_paused = true)]
async fn max_wait_times_out_at_limit() {
    let resource = Scripted::new(&[Ok("PROCESSING")]);
    let options = PollingOptions::default().max_wait(Duration::from_secs(5));
    let started = tokio::time::Instant::now();

    let error = poller(options)
        .poll(&resource, "pr_test")
        .await
        .unwrap_err();

    let PollError::TimedOut(timed_out) = &error else {
        panic!("expected a timeout, got {error}");
    };
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    assert_eq!(timed_out.run_id, "pr_test");
    assert_eq!(timed_out.polls, resource.retrieves());
    assert_eq!(
        timed_out.last.as_ref().unwrap().status,
        RunStatus::Processing
    );
    assert!(error.to_string().contains("pr_test"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn fast_phase_polls_every_second() {
    let resource = Scripted::new(&[
        Ok("PROCESSING"),
        Ok("PROCESSING"),
        Ok("PROCESSING"),
        Ok("PROCESSED"),
    ]);
    let options = PollingOptions::default().jitter(0.0);
    poller(options).poll(&resource, "pr_test").await.unwrap();

    let times = resource.retrieve_times.lock().unwrap().clone();
    let gaps: Vec<Duration> = times.windows(2).map(|pair| pair[1] - pair[0]).collect();
    assert_eq!(gaps, vec![Duration::from_secs(1); 3]);
}

#[tokio::test(start_paused = true)]
async fn create_counts_as_first_snapshot() {
    let resource = Scripted::new(&[Ok("PROCESSED")]);
    let request = ParseRunCreate::new(extend_core::FileRef::id("file_1")).unwrap();
    let started = tokio::time::Instant::now();

    let run = poller(PollingOptions::default().jitter(0.0))
        .create_and_poll(&resource, &request)
        .await
        .unwrap();

    assert_eq!(run.status, RunStatus::Processed);
    assert_eq!(resource.retrieves(), 1);
    assert_eq!(started.elapsed(), Duration::from_secs(1));
}

#[tokio::test(start_paused = true)]
async fn transient_errors_within_budget() {
    let resource = Scripted::new(&[Err(503), Err(0), Err(429), Ok("PROCESSED")]);
    let run = poller(PollingOptions::default())
        .poll(&resource, "pr_test")
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::Processed);
    assert_eq!(resource.retrieves(), 4);
}

#[tokio::test(start_paused = true)]
async fn transient_errors_beyond_budget() {
    let resource = Scripted::new(&[Err(502)]);
    let options = PollingOptions::default().error_budget(2);
    let error = poller(options)
        .poll(&resource, "pr_test")
        .await
        .unwrap_err();
    assert!(matches!(error, PollError::Request(_)), "{error}");
    assert_eq!(resource.retrieves(), 3);
}

#[tokio::test(start_paused = true)]
async fn client_errors_end_at_once() {
    for status in [401, 403, 404] {
        let resource = Scripted::new(&[Err(status)]);
        let error = poller(PollingOptions::default())
            .poll(&resource, "pr_test")
            .await
            .unwrap_err();
        let PollError::Request(inner) = &error else {
            panic!("expected a request error for {status}, got {error}");
        };
        assert_eq!(inner.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(resource.retrieves(), 1, "status {status}");
    }
}

#[tokio::test(start_paused = true)]
async fn dropped_wait_sends_nothing_more() {
    let resource = Scripted::new(&[Ok("PROCESSING")]);
    let poller = poller(PollingOptions::default());
    let wait = poller.poll(&resource, "pr_test");
    let outcome = tokio::time::timeout(Duration::from_millis(2500), wait).await;
    assert!(outcome.is_err(), "the wait should still be running");

    let polls_at_drop = resource.retrieves();
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(resource.retrieves(), polls_at_drop);
}

#[tokio::test(start_paused = true)]
async fn watch_yields_each_status_once() {
    use futures::StreamExt;

    let resource = Scripted::new(&[
        Ok("PENDING"),
        Ok("PENDING"),
        Ok("PROCESSING"),
        Ok("PROCESSING"),
        Ok("PROCESSED"),
    ]);
    let poller = poller(PollingOptions::default());
    let statuses: Vec<String> = poller
        .watch(&resource, "pr_test")
        .map(|item| item.unwrap().status.to_string())
        .collect()
        .await;

    assert_eq!(statuses, ["PENDING", "PROCESSING", "PROCESSED"]);
    assert_eq!(resource.retrieves(), 5);
}

#[tokio::test(start_paused = true)]
async fn watch_ends_with_timeout_error() {
    use futures::StreamExt;

    let resource = Scripted::new(&[Ok("PROCESSING")]);
    let poller = poller(PollingOptions::default().max_wait(Duration::from_secs(3)));
    let items: Vec<_> = poller.watch(&resource, "pr_test").collect().await;

    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(matches!(items[1], Err(PollError::TimedOut(_))));
}

#[tokio::test(start_paused = true)]
async fn rate_limit_over_cap_ends_at_once() {
    let resource = Scripted::new(&[Err(1)]);
    let error = poller(PollingOptions::default())
        .poll(&resource, "pr_test")
        .await
        .unwrap_err();

    let PollError::Request(Error::Transport(transport)) = &error else {
        panic!("expected the transport error, got {error}");
    };
    assert_eq!(transport.kind, TransportErrorKind::RateLimited);
    assert_eq!(resource.retrieves(), 1);
}
