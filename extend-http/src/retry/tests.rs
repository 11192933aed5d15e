use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use extend_core::{ApiResponse, Idempotency, TransportError, TransportErrorKind};
use http::{HeaderMap, HeaderValue, StatusCode};

use super::*;
use crate::clock::TokioClock;

const IDEMPOTENT: Idempotency = Idempotency::Idempotent;
const CREATES: Idempotency = Idempotency::CreatesResource;

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_000_000)
}

fn status_decision(policy: &RetryPolicy, idempotency: Idempotency, code: u16) -> Decision {
    let headers = HeaderMap::new();
    let outcome = Outcome::Status {
        status: StatusCode::from_u16(code).expect("valid status code"),
        headers: &headers,
    };
    policy.decide(idempotency, &outcome, 0, now(), 0.5)
}

fn failure_decision(idempotency: Idempotency, kind: FailureKind) -> Decision {
    RetryPolicy::default().decide(idempotency, &Outcome::Failure(kind), 0, now(), 0.5)
}

fn is_retry(decision: Decision) -> bool {
    matches!(decision, Decision::Retry { .. })
}

#[test]
fn idempotent_retried_statuses() {
    let policy = RetryPolicy::default();

    for code in [408, 429, 500, 502, 503, 504, 599] {
        assert!(
            is_retry(status_decision(&policy, IDEMPOTENT, code)),
            "status {code}"
        );
    }
    for code in [200, 201, 400, 401, 404, 409, 422] {
        assert_eq!(
            status_decision(&policy, IDEMPOTENT, code),
            Decision::Stop,
            "status {code}"
        );
    }
}

#[test]
fn create_retried_only_on_429() {
    let policy = RetryPolicy::default();

    assert!(is_retry(status_decision(&policy, CREATES, 429)));
    for code in [408, 500, 502, 503, 504] {
        assert_eq!(
            status_decision(&policy, CREATES, code),
            Decision::Stop,
            "status {code}"
        );
    }
}

#[test]
fn failure_kinds_by_idempotency() {
    assert!(is_retry(failure_decision(
        IDEMPOTENT,
        FailureKind::ConnectBeforeSend
    )));
    assert!(is_retry(failure_decision(
        IDEMPOTENT,
        FailureKind::ConnectionLost
    )));
    assert_eq!(
        failure_decision(IDEMPOTENT, FailureKind::Timeout),
        Decision::Stop
    );
    assert_eq!(
        failure_decision(IDEMPOTENT, FailureKind::Fatal),
        Decision::Stop
    );

    assert!(is_retry(failure_decision(
        CREATES,
        FailureKind::ConnectBeforeSend
    )));
    assert_eq!(
        failure_decision(CREATES, FailureKind::ConnectionLost),
        Decision::Stop
    );
    assert_eq!(
        failure_decision(CREATES, FailureKind::Timeout),
        Decision::Stop
    );
}

#[test]
fn stops_when_retries_used() {
    let policy = RetryPolicy::default().with_max_retries(2);
    let outcome = Outcome::Failure(FailureKind::ConnectBeforeSend);

    assert!(is_retry(policy.decide(IDEMPOTENT, &outcome, 1, now(), 0.5)));
    assert_eq!(
        policy.decide(IDEMPOTENT, &outcome, 2, now(), 0.5),
        Decision::Stop
    );
}

#[test]
fn retry_after_over_cap_rate_limited() {
    let policy = RetryPolicy::default();
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("86400"));
    let outcome = Outcome::Status {
        status: StatusCode::TOO_MANY_REQUESTS,
        headers: &headers,
    };

    let decision = policy.decide(IDEMPOTENT, &outcome, 0, now(), 0.5);

    let Decision::RateLimited(requested) = decision else {
        panic!("expected RateLimited, got {decision:?}");
    };
    assert_eq!(requested.delay, Duration::from_secs(86_400));
}

#[test]
fn retry_after_at_cap_honoured() {
    let policy = RetryPolicy::default();
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("60"));
    let outcome = Outcome::Status {
        status: StatusCode::SERVICE_UNAVAILABLE,
        headers: &headers,
    };

    let decision = policy.decide(IDEMPOTENT, &outcome, 0, now(), 0.0);

    assert_eq!(
        decision,
        Decision::Retry {
            delay: Duration::from_secs(60),
            reason: DelayReason::Server("retry-after")
        }
    );
}

#[test]
fn malformed_retry_after_backs_off() {
    let policy = RetryPolicy::default();

    for value in ["soon", "-3", "1.5"] {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static(value));
        let outcome = Outcome::Status {
            status: StatusCode::TOO_MANY_REQUESTS,
            headers: &headers,
        };

        let decision = policy.decide(IDEMPOTENT, &outcome, 1, now(), 0.5);

        assert_eq!(
            decision,
            Decision::Retry {
                delay: Duration::from_secs(2),
                reason: DelayReason::Backoff
            },
            "value {value:?}"
        );
    }
}

#[test]
fn rate_limited_display_names_values() {
    let error = RateLimited {
        status: StatusCode::TOO_MANY_REQUESTS,
        retry_after: Duration::from_secs(86_400),
        header: "retry-after",
        max_retry_after: Duration::from_secs(60),
    };

    let message = error.to_string();

    assert!(message.contains("86400 s"), "{message}");
    assert!(message.contains("60 s"), "{message}");
    assert!(message.contains("with_max_retry_after"), "{message}");
}

fn response(code: u16) -> ApiResponse {
    ApiResponse {
        status: StatusCode::from_u16(code).expect("valid status code"),
        headers: HeaderMap::new(),
        body: Bytes::new(),
        attempts: 1,
    }
}

fn connect_failure() -> AttemptFailure {
    AttemptFailure {
        kind: FailureKind::ConnectBeforeSend,
        error: TransportError::new(TransportErrorKind::Connect, "could not connect"),
    }
}

#[tokio::test(start_paused = true)]
async fn loop_waits_backoff_then_returns_last_response() {
    let calls = Arc::new(AtomicU32::new(0));
    let started = tokio::time::Instant::now();
    let policy = RetryPolicy::default();

    let result = run_with_retries(&policy, &TokioClock, IDEMPOTENT, |attempt| {
        calls.fetch_add(1, Ordering::SeqCst);
        async move { Ok(response(if attempt < 3 { 503 } else { 200 })) }
    })
    .await;

    let response = result.expect("final response");
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.attempts, 3);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    let waited = started.elapsed().as_secs_f64();
    assert!(
        (2.7..=3.3).contains(&waited),
        "waited {waited} s, expected 1 s + 2 s +/-10 %"
    );
}

#[tokio::test(start_paused = true)]
async fn loop_returns_error_with_attempts() {
    let policy = RetryPolicy::default().with_max_retries(1);

    let result = run_with_retries(&policy, &TokioClock, IDEMPOTENT, |attempt| async move {
        if attempt == 1 {
            Ok(response(502))
        } else {
            Err(connect_failure())
        }
    })
    .await;

    let error = result.expect_err("second attempt fails");
    assert_eq!(error.attempts, 2);
    assert_eq!(error.kind, TransportErrorKind::Connect);
    assert!(
        error.message.contains("after 2 attempts"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("last status 502"),
        "{}",
        error.message
    );
}

#[tokio::test(start_paused = true)]
async fn loop_create_not_retried_after_5xx() {
    let calls = AtomicU32::new(0);
    let policy = RetryPolicy::default();

    let result = run_with_retries(&policy, &TokioClock, CREATES, |_| {
        calls.fetch_add(1, Ordering::SeqCst);
        async { Ok(response(502)) }
    })
    .await;

    assert_eq!(result.expect("response").status, StatusCode::BAD_GATEWAY);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn loop_rate_limited_without_sleep() {
    let started = tokio::time::Instant::now();
    let policy = RetryPolicy::default();

    let result = run_with_retries(&policy, &TokioClock, IDEMPOTENT, |_| async {
        let mut limited = response(429);
        limited
            .headers
            .insert("retry-after", HeaderValue::from_static("86400"));
        Ok(limited)
    })
    .await;

    let error = result.expect_err("rate limited");
    let rate_limited = crate::rate_limited(&error).expect("RateLimited source");
    assert_eq!(rate_limited.retry_after, Duration::from_secs(86_400));
    assert_eq!(started.elapsed(), Duration::ZERO);
}

mod invariants {
    use super::*;

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn create_retried_only_on_429(code in 100u16..600, retries_done in 0u32..5) {
            let policy = RetryPolicy::default();
            let headers = HeaderMap::new();
            let status = StatusCode::from_u16(code).expect("valid status code");
            let outcome = Outcome::Status { status, headers: &headers };

            let decision = policy.decide(CREATES, &outcome, retries_done, now(), 0.5);

            let expected = code == 429 && retries_done < policy.max_retries();
            prop_assert_eq!(is_retry(decision), expected, "status {}", code);
        }

        #[test]
        fn retry_delay_never_over_cap(seconds in 0u64..100_000, retries_done in 0u32..2) {
            let policy = RetryPolicy::default();
            let mut headers = HeaderMap::new();
            headers.insert("retry-after", HeaderValue::from(seconds));
            let outcome = Outcome::Status {
                status: StatusCode::TOO_MANY_REQUESTS,
                headers: &headers,
            };

            let decision = policy.decide(IDEMPOTENT, &outcome, retries_done, now(), 0.5);

            match decision {
                Decision::Retry { delay, .. } => prop_assert!(delay <= policy.max_retry_after()),
                Decision::RateLimited(requested) => {
                    prop_assert_eq!(requested.delay, Duration::from_secs(seconds));
                    prop_assert!(requested.delay > policy.max_retry_after());
                }
                Decision::Stop => prop_assert!(false, "429 with retries left must not stop"),
            }
        }
    }
}
