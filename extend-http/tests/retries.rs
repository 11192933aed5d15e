//! The retry policy against a real HTTP server: which requests are
//! retried, how long the transport waits, and what it returns at the end.

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{RecordingClock, Scripted, TestServer, TEST_KEY};
use extend_core::{ApiRequest, Client, Error, ExtractRunCreate, FileRef, Transport};
use extend_http::{HttpTransport, RequestOptions};

/// Returns the fixed wall-clock time of the recording clock and of the
/// HTTP-dates the server sends: 2026-01-01 00:00:00 UTC.
fn fixed_now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

fn transport_with_clock(server: &TestServer, clock: Arc<RecordingClock>) -> HttpTransport {
    HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .clock(clock)
        .build()
        .expect("transport")
}

fn extract_request() -> ExtractRunCreate {
    ExtractRunCreate::with_schema(FileRef::id("file_1"), serde_json::json!({"type": "object"}))
}

const EXTRACT_RUN_JSON: &str = r#"{"object":"extract_run","id":"ex_1","status":"PENDING"}"#;

#[tokio::test]
async fn create_not_retried_after_502() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(fixed_now());
    let client = Client::new(transport_with_clock(&server, clock.clone()));
    server.respond(Scripted::status(502).body("bad gateway"));

    let error = client
        .extract_runs()
        .create(&extract_request())
        .await
        .expect_err("502 is returned");

    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status, 502);
    assert_eq!(api.attempts, 1);
    let posts = server.requests();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].method, "POST");
    assert_eq!(posts[0].uri, "/extract_runs");
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn create_retried_after_429_retry_after() {
    let server = TestServer::start().await;
    let client = Client::new(
        HttpTransport::builder()
            .api_key(TEST_KEY)
            .base_url(server.url())
            .build()
            .expect("transport"),
    );
    server
        .respond(Scripted::status(429).header("retry-after", "1"))
        .respond(Scripted::status(200).body(EXTRACT_RUN_JSON));

    let run = client
        .extract_runs()
        .create(&extract_request())
        .await
        .expect("second attempt succeeds");

    assert_eq!(run.id, "ex_1");
    let posts = server.requests();
    assert_eq!(posts.len(), 2);
    assert!(posts.iter().all(|post| post.method == "POST"));
    assert_eq!(posts[0].body, posts[1].body);
    let gap = posts[1].at.duration_since(posts[0].at).as_secs_f64();
    assert!(
        (0.95..2.5).contains(&gap),
        "POSTs {gap} s apart, expected about 1 s"
    );
}

#[tokio::test]
async fn get_waits_http_date_retry_after() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(fixed_now());
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .clock(clock.clone())
        .max_retry_after(Duration::from_secs(180))
        .build()
        .expect("transport");
    let retry_at = httpdate::fmt_http_date(fixed_now() + Duration::from_secs(120));
    server.respond(Scripted::status(503).header("retry-after", &retry_at));

    let response = transport
        .send(ApiRequest::get("/extract_runs/ex_1"))
        .await
        .expect("second attempt succeeds");

    assert_eq!(response.status, 200);
    assert_eq!(response.attempts, 2);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(clock.sleeps(), [Duration::from_secs(120)]);
}

#[tokio::test]
async fn rate_limit_reset_honoured() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(fixed_now());
    let transport = transport_with_clock(&server, clock.clone());
    let reset = fixed_now()
        .duration_since(UNIX_EPOCH)
        .expect("after epoch")
        .as_secs()
        + 7;
    server.respond(Scripted::status(429).header("x-ratelimit-reset", &reset.to_string()));

    let response = transport
        .send(ApiRequest::get("/files"))
        .await
        .expect("second attempt succeeds");

    assert_eq!(response.attempts, 2);
    assert_eq!(clock.sleeps(), [Duration::from_secs(7)]);
}

#[tokio::test]
async fn retry_after_over_cap_fails_at_once() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(fixed_now());
    let client = Client::new(transport_with_clock(&server, clock.clone()));
    server.respond(Scripted::status(429).header("retry-after", "86400"));

    let error = client
        .extract_runs()
        .create(&extract_request())
        .await
        .expect_err("rate limited");

    let Error::Transport(transport_error) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    let limit = extend_http::rate_limited(transport_error).expect("RateLimited source");
    assert_eq!(limit.retry_after, Duration::from_secs(86_400));
    assert_eq!(limit.status, 429);
    assert_eq!(transport_error.attempts, 1);
    assert!(error.to_string().contains("86400 s"), "{error}");
    assert_eq!(server.requests().len(), 1);
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn malformed_retry_after_backs_off() {
    for value in ["soon", "-3", "1.5"] {
        let server = TestServer::start().await;
        let clock = RecordingClock::at(fixed_now());
        let transport = transport_with_clock(&server, clock.clone());
        server.respond(Scripted::status(429).header("retry-after", value));

        let response = transport
            .send(ApiRequest::get("/files"))
            .await
            .expect("second attempt succeeds");

        assert_eq!(response.attempts, 2, "value {value:?}");
        let sleeps = clock.sleeps();
        assert_eq!(sleeps.len(), 1, "value {value:?}");
        let waited = sleeps[0].as_secs_f64();
        assert!(
            (0.9..=1.1).contains(&waited),
            "value {value:?}: waited {waited} s, expected the 1 s backoff +/-10 %"
        );
    }
}

#[tokio::test]
async fn get_retries_then_returns_last_5xx() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(fixed_now());
    let client = Client::new(transport_with_clock(&server, clock.clone()));
    for _ in 0..3 {
        server.respond(Scripted::status(500).body(r#"{"code":"INTERNAL_ERROR","message":"boom"}"#));
    }

    let error = client
        .files()
        .retrieve("file_1")
        .await
        .expect_err("three 500s");

    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status, 500);
    assert_eq!(api.attempts, 3);
    assert!(error.to_string().contains("after 3 attempts"), "{error}");
    assert_eq!(server.requests().len(), 3);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert!((0.9..=1.1).contains(&sleeps[0].as_secs_f64()), "{sleeps:?}");
    assert!((1.8..=2.2).contains(&sleeps[1].as_secs_f64()), "{sleeps:?}");
}

#[tokio::test]
async fn get_not_retried_on_4xx() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(fixed_now());
    let transport = transport_with_clock(&server, clock.clone());
    server.respond(Scripted::status(409));

    let response = transport
        .send(ApiRequest::get("/files/file_1"))
        .await
        .expect("response");

    assert_eq!(response.status, 409);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn request_options_override_retries() {
    let server = TestServer::start().await;
    let clock = RecordingClock::at(fixed_now());
    let transport = transport_with_clock(&server, clock.clone());
    for _ in 0..6 {
        server.respond(Scripted::status(503));
    }

    let once = transport
        .send_with(
            ApiRequest::get("/files"),
            RequestOptions::new().with_max_retries(0),
        )
        .await
        .expect("response");
    let patient = transport.with_options(RequestOptions::new().with_max_retries(4));
    let five = patient
        .send(ApiRequest::get("/files"))
        .await
        .expect("response");

    assert_eq!(once.attempts, 1);
    assert_eq!(five.attempts, 5);
    assert_eq!(five.status, 503);
    assert_eq!(server.requests().len(), 6);
}
