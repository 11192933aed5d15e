//! Signed-URL fetching against a local HTTP server on 127.0.0.1.

#![cfg(feature = "fetch")]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::Router;
use extend_webhooks::{
    parse_unverified, FixedClock, SignedUrlEvent, SignedUrlFetcher, Signer, Verifier, WebhookError,
    WebhookEvent,
};

const SECRET: &str = "wss_fetch_secret";
const NOW: u64 = 1_700_000_000;
const WORKFLOW_RUN: &str = r#"{"object":"workflow_run","id":"workflow_run_9","status":"PROCESSED","metadata":{"env":"test"}}"#;

#[derive(Clone, Default)]
struct Seen {
    headers: Arc<Mutex<Vec<HeaderMap>>>,
}

async fn serve() -> (SocketAddr, Seen) {
    let seen = Seen::default();
    let recorder = seen.clone();

    let router = Router::new()
        .route(
            "/payload",
            get(move |headers: HeaderMap| {
                let recorder = recorder.clone();
                async move {
                    recorder.headers.lock().unwrap().push(headers);
                    WORKFLOW_RUN
                }
            }),
        )
        .route(
            "/gone",
            get(|| async { (StatusCode::FORBIDDEN, "expired") }),
        )
        .route("/text", get(|| async { "<html>not json</html>" }))
        .route("/array", get(|| async { "[1,2]" }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                WORKFLOW_RUN
            }),
        )
        .route(
            "/redirect",
            get(|| async { (StatusCode::FOUND, [("location", "/payload")]) }),
        );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (address, seen)
}

fn signed_event(url: String) -> SignedUrlEvent {
    SignedUrlEvent {
        event_id: "evt_5".to_owned(),
        event_type: "workflow_run.completed".to_owned(),
        url,
        resource_id: Some("workflow_run_9".to_owned()),
        metadata: None,
    }
}

fn local_fetcher() -> SignedUrlFetcher {
    SignedUrlFetcher::builder()
        .allow_http(true)
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

#[tokio::test]
async fn fetch_returns_typed_event() {
    let (address, _) = serve().await;
    let event = signed_event(format!("http://{address}/payload?token=secret_token"));

    let full = local_fetcher().fetch(&event).await.unwrap();

    let WebhookEvent::WorkflowRunCompleted { event_id, payload } = full else {
        panic!("expected WorkflowRunCompleted, got {full:?}");
    };
    assert_eq!(event_id, "evt_5");
    assert_eq!(payload.decode().unwrap().id, "workflow_run_9");
}

#[tokio::test]
async fn fetch_follows_redirect() {
    let (address, _) = serve().await;
    let event = signed_event(format!("http://{address}/redirect"));

    let full = local_fetcher().fetch(&event).await.unwrap();
    assert_eq!(full.event_type(), "workflow_run.completed");
}

#[tokio::test]
async fn fetch_sends_no_extend_credentials() {
    let (address, seen) = serve().await;
    let event = signed_event(format!("http://{address}/payload"));

    local_fetcher().fetch(&event).await.unwrap();

    let headers = seen.headers.lock().unwrap();
    assert_eq!(headers.len(), 1);
    assert!(headers[0].get("authorization").is_none());
    assert!(headers[0]
        .keys()
        .all(|name| !name.as_str().starts_with("x-extend")));
}

#[tokio::test]
async fn fetch_non_2xx_is_status_error() {
    let (address, _) = serve().await;
    let event = signed_event(format!("http://{address}/gone?token=secret_token"));

    let error = local_fetcher().fetch(&event).await.unwrap_err();

    assert!(
        matches!(error, WebhookError::FetchStatus { status: 403, .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains("secret_token"), "{error}");
}

#[tokio::test]
async fn fetch_non_json_is_its_own_error() {
    let (address, _) = serve().await;
    let event = signed_event(format!("http://{address}/text"));

    let error = local_fetcher().fetch(&event).await.unwrap_err();
    assert!(
        matches!(error, WebhookError::FetchedBodyNotJson { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn fetch_non_object_is_its_own_error() {
    let (address, _) = serve().await;
    let event = signed_event(format!("http://{address}/array"));

    let error = local_fetcher().fetch(&event).await.unwrap_err();
    assert!(
        matches!(
            error,
            WebhookError::FetchedPayloadNotObject { kind: "array", .. }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn fetch_times_out() {
    let (address, _) = serve().await;
    let event = signed_event(format!("http://{address}/slow?token=secret_token"));

    let error = local_fetcher().fetch(&event).await.unwrap_err();

    assert!(
        matches!(error, WebhookError::FetchFailed { .. }),
        "{error:?}"
    );
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("secret_token"), "{shown}");
}

#[tokio::test]
async fn fetch_rejects_http_by_default() {
    let (address, seen) = serve().await;
    let event = signed_event(format!("http://{address}/payload"));

    let error = SignedUrlFetcher::new()
        .unwrap()
        .fetch(&event)
        .await
        .unwrap_err();

    assert!(
        matches!(error, WebhookError::InvalidSignedUrl { .. }),
        "{error:?}"
    );
    assert!(
        seen.headers.lock().unwrap().is_empty(),
        "no request may be sent"
    );
}

#[tokio::test]
async fn fetch_rejects_other_schemes() {
    for url in ["ftp://files.example/p", "file:///etc/passwd", "not a url"] {
        let error = local_fetcher()
            .fetch(&signed_event(url.to_owned()))
            .await
            .unwrap_err();
        assert!(
            matches!(error, WebhookError::InvalidSignedUrl { .. }),
            "{url}: {error:?}"
        );
    }
}

#[tokio::test]
async fn verify_and_fetch_end_to_end() {
    let (address, _) = serve().await;
    let body = format!(
        r#"{{"eventId":"evt_6","eventType":"workflow_run.completed","payload":{{"object":"signed_data_url","data":"http://{address}/payload?token=t","id":"workflow_run_9"}}}}"#
    );
    let headers = Signer::new(SECRET)
        .unwrap()
        .sign(NOW, body.as_bytes())
        .header_map();
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .unwrap();

    let event = local_fetcher()
        .verify_and_fetch(&verifier, &headers, body.as_bytes())
        .await
        .unwrap();
    assert!(
        matches!(event, WebhookEvent::WorkflowRunCompleted { .. }),
        "{event:?}"
    );

    let mut tampered = body.clone().into_bytes();
    tampered[5] ^= 1;
    let error = local_fetcher()
        .verify_and_fetch(&verifier, &headers, &tampered)
        .await
        .unwrap_err();
    assert!(matches!(error, WebhookError::InvalidSignature), "{error:?}");
}

#[tokio::test]
async fn verify_and_fetch_returns_inline_event() {
    let body = br#"{"eventId":"evt_7","eventType":"batch_parse_run.processed","payload":{"object":"batch_run","id":"bpr_1","status":"PROCESSED"}}"#;
    let headers = Signer::new(SECRET).unwrap().sign(NOW, body).header_map();
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .unwrap();

    let event = local_fetcher()
        .verify_and_fetch(&verifier, &headers, body)
        .await
        .unwrap();
    assert_eq!(event, parse_unverified(body).unwrap());
}
