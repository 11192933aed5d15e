//! Injected faults over HTTP: each kind, the seed, the route filter, and
//! the guarantee that a faulted create creates no run.

mod common;

use std::time::{Duration, Instant};

use common::{expect_json, TestApi};
use extend_emulator::{Emulator, EmulatorError, Fault, FaultKind};
use reqwest::StatusCode;
use serde_json::json;

async fn start_with(fault: Fault) -> TestApi {
    let emulator = Emulator::builder()
        .speed(50.0)
        .fault(fault)
        .fault_seed(1)
        .start()
        .await
        .unwrap();
    TestApi {
        emulator,
        http: reqwest::Client::new(),
    }
}

fn extract_body() -> serde_json::Value {
    json!({"file": {"text": "Total: 1"}, "config": {"schema": {"properties": {}}}})
}

async fn extract_run_count(api: &TestApi) -> usize {
    let list = expect_json(
        api.get("/extract_runs?maxPageSize=1000").await,
        StatusCode::OK,
    )
    .await;
    list["data"].as_array().unwrap().len()
}

#[tokio::test]
async fn rate_limit_has_retry_after() {
    let api = start_with(
        Fault::new(
            FaultKind::RateLimit {
                retry_after_seconds: 3,
            },
            1.0,
        )
        .route("POST /extract_runs"),
    )
    .await;

    let response = api.post_json("/extract_runs", &extract_body()).await;

    assert_eq!(response.headers()["retry-after"], "3");
    let body = expect_json(response, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(body["code"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(body["retryable"], true);
    assert_eq!(
        extract_run_count(&api).await,
        0,
        "a rate-limited create creates no run"
    );
}

#[tokio::test]
async fn server_errors_create_nothing() {
    for status in [500, 502, 503] {
        let api = start_with(
            Fault::new(FaultKind::ServerError { status }, 1.0).route("POST /extract_runs"),
        )
        .await;

        let response = api.post_json("/extract_runs", &extract_body()).await;

        assert_eq!(response.status().as_u16(), status);
        let body = expect_json(response, StatusCode::from_u16(status).unwrap()).await;
        assert_eq!(body["code"], "INTERNAL_ERROR");
        assert_eq!(extract_run_count(&api).await, 0, "status {status}");
    }
}

#[tokio::test]
async fn dropped_connection_has_no_response() {
    let api =
        start_with(Fault::new(FaultKind::DropConnection, 1.0).route("POST /extract_runs")).await;

    let result = api
        .authorized(
            api.http
                .post(api.url("/extract_runs"))
                .json(&extract_body()),
        )
        .send()
        .await;

    let error = result.expect_err("the connection is dropped");
    assert!(!error.is_status(), "{error}");
    assert_eq!(extract_run_count(&api).await, 0);
    expect_json(api.get("/files?maxPageSize=1").await, StatusCode::OK).await;
}

#[tokio::test]
async fn slow_response_still_served() {
    let delay = Duration::from_millis(300);
    let api = start_with(Fault::new(FaultKind::Slow(delay), 1.0).route("GET /files")).await;

    let started = Instant::now();
    let response = api.get("/files").await;

    assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
    expect_json(response, StatusCode::OK).await;
}

#[tokio::test]
async fn route_filter_spares_other_routes() {
    let api =
        start_with(Fault::new(FaultKind::ServerError { status: 503 }, 1.0).route("/parse_runs"))
            .await;

    expect_json(
        api.post_json("/extract_runs", &extract_body()).await,
        StatusCode::OK,
    )
    .await;
    expect_json(
        api.get("/parse_runs").await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
}

#[tokio::test]
async fn partial_rate_is_reproducible() {
    let mut outcomes = Vec::new();
    for _ in 0..2 {
        let api = start_with(Fault::new(FaultKind::ServerError { status: 500 }, 0.5)).await;
        let mut statuses = Vec::new();
        for _ in 0..20 {
            statuses.push(api.get("/files").await.status().as_u16());
        }
        outcomes.push(statuses);
    }

    assert_eq!(
        outcomes[0], outcomes[1],
        "the same seed gives the same faults"
    );
    assert!(
        outcomes[0].contains(&500) && outcomes[0].contains(&200),
        "{:?}",
        outcomes[0]
    );
}

#[tokio::test]
async fn invalid_fault_rejected() {
    let result = Emulator::builder()
        .fault(Fault::new(FaultKind::DropConnection, 1.5))
        .start()
        .await;

    let error = result.expect_err("rate 1.5 is rejected");
    assert!(
        matches!(error, EmulatorError::InvalidFault { index: 0, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("1.5"), "{error}");
}
