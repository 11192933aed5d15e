//! Webhook endpoints, subscriptions and deliveries over HTTP: each delivery
//! goes to a receiver on 127.0.0.1 and is verified with extend-webhooks.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::routing::post;
use axum::Router;
use common::{decode, expect_json, TestApi};
use extend_core::{
    DeleteResponse, List, WebhookEndpoint, WebhookEndpointCreated, WebhookSubscription,
};
use extend_emulator::Emulator;
use extend_webhooks::{Verifier, WebhookEvent};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::sync::mpsc;

/// Upper bound for a delivery to arrive; far above the expected time.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(20);

/// One received delivery: its headers and raw body.
type Delivery = (Vec<(String, String)>, Bytes);

struct Receiver {
    addr: SocketAddr,
    deliveries: mpsc::UnboundedReceiver<Delivery>,
    attempts: Arc<AtomicUsize>,
}

#[derive(Clone)]
struct ReceiverState {
    sender: mpsc::UnboundedSender<Delivery>,
    attempts: Arc<AtomicUsize>,
    failures: usize,
}

/// Starts a receiver on 127.0.0.1 that returns 500 to the first `failures`
/// deliveries and 200 afterwards.
async fn start_receiver(failures: usize) -> Receiver {
    let (sender, deliveries) = mpsc::unbounded_channel();
    let attempts = Arc::new(AtomicUsize::new(0));
    let state = ReceiverState {
        sender,
        attempts: Arc::clone(&attempts),
        failures,
    };
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Receiver {
        addr,
        deliveries,
        attempts,
    }
}

async fn receive(
    State(state): State<ReceiverState>,
    headers: HeaderMap,
    body: Bytes,
) -> AxumStatus {
    let attempt = state.attempts.fetch_add(1, Ordering::SeqCst);
    if attempt < state.failures {
        return AxumStatus::INTERNAL_SERVER_ERROR;
    }
    let headers = headers
        .iter()
        .map(|(name, value)| {
            (
                name.to_string(),
                value.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let _ = state.sender.send((headers, body));
    AxumStatus::OK
}

impl Receiver {
    fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    async fn next(&mut self) -> Delivery {
        tokio::time::timeout(DELIVERY_TIMEOUT, self.deliveries.recv())
            .await
            .expect("a delivery arrives in time")
            .expect("the receiver is running")
    }
}

async fn register(
    api: &TestApi,
    url: &str,
    events: Value,
    advanced: Option<Value>,
) -> WebhookEndpointCreated {
    let mut body =
        json!({"url": url, "name": "test", "enabledEvents": events, "apiVersion": "2026-02-09"});
    if let Some(advanced) = advanced {
        body["advancedOptions"] = advanced;
    }
    decode(&api.create("/webhook_endpoints", &body).await)
}

async fn run_extract(api: &TestApi, metadata: Value) -> Value {
    let body = json!({"file": {"text": "Total: 5"}, "config": {"schema": {"properties": {"total": {"type": "number"}}}}, "metadata": metadata});
    let created = api.create("/extract_runs", &body).await;
    api.wait_for_run(&format!(
        "/extract_runs/{}",
        created["id"].as_str().unwrap()
    ))
    .await
}

#[tokio::test]
async fn delivery_verifies_with_secret() {
    let api = TestApi::start(50.0).await;
    let mut receiver = start_receiver(0).await;
    let endpoint = register(
        &api,
        &receiver.url(),
        json!(["extract_run.processed"]),
        None,
    )
    .await;

    let run = run_extract(&api, json!({"order": "o-1"})).await;
    let (headers, body) = receiver.next().await;

    assert!(endpoint.signing_secret.starts_with("wss_"));
    let verifier = Verifier::new(endpoint.signing_secret.clone()).unwrap();
    let event = verifier
        .verify_and_parse(headers.clone(), &body)
        .expect("the delivery verifies");
    let WebhookEvent::ExtractRunProcessed { payload, .. } = event else {
        panic!("expected extract_run.processed, got {event:?}");
    };
    assert_eq!(payload.decode().unwrap().id, run["id"]);
    let wrong = Verifier::new("wss_wrong_secret").unwrap();
    assert!(wrong.verify(headers, &body).is_err());
}

#[tokio::test]
async fn event_not_enabled_not_delivered() {
    let api = TestApi::start(50.0).await;
    let mut receiver = start_receiver(0).await;
    register(&api, &receiver.url(), json!(["parse_run.processed"]), None).await;

    run_extract(&api, json!({})).await;
    let file = api.upload_bytes("a.txt", "text/plain", b"x".to_vec()).await;
    let file = expect_json(file, StatusCode::OK).await;
    let parse = api
        .create("/parse_runs", &json!({"file": {"id": file["id"]}}))
        .await;
    api.wait_for_run(&format!("/parse_runs/{}", parse["id"].as_str().unwrap()))
        .await;
    let (_, body) = receiver.next().await;

    let event: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["eventType"], "parse_run.processed");
    assert_eq!(event["payload"]["object"], "parse_run_status");
    assert_eq!(
        receiver.attempts.load(Ordering::SeqCst),
        1,
        "only the enabled event is delivered"
    );
}

#[tokio::test]
async fn failed_delivery_is_retried() {
    let emulator = Emulator::builder()
        .speed(50.0)
        .webhook_retry_delays([Duration::from_millis(100), Duration::from_millis(100)])
        .start()
        .await
        .unwrap();
    let api = TestApi {
        emulator,
        http: reqwest::Client::new(),
    };
    let mut receiver = start_receiver(2).await;
    let endpoint = register(
        &api,
        &receiver.url(),
        json!(["extract_run.processed"]),
        None,
    )
    .await;

    run_extract(&api, json!({})).await;
    let (headers, body) = receiver.next().await;

    assert_eq!(receiver.attempts.load(Ordering::SeqCst), 3);
    Verifier::new(endpoint.signing_secret)
        .unwrap()
        .verify(headers, &body)
        .expect("the retry verifies");
}

#[tokio::test]
async fn large_payload_sent_as_signed_url() {
    let api = TestApi::start(50.0).await;
    let mut receiver = start_receiver(0).await;
    let advanced = json!({"payload": {"format": "url", "urlThresholdBytes": 10}});
    let endpoint = register(
        &api,
        &receiver.url(),
        json!(["extract_run.processed"]),
        Some(advanced),
    )
    .await;

    let run = run_extract(&api, json!({"order": "o-2"})).await;
    let (headers, body) = receiver.next().await;

    let verifier = Verifier::builder()
        .secret(endpoint.signing_secret)
        .allow_signed_url(true)
        .build()
        .unwrap();
    let WebhookEvent::SignedUrl(signed) = verifier.verify_and_parse(headers, &body).unwrap() else {
        panic!("expected a signed-URL payload");
    };
    assert_eq!(signed.resource_id.as_deref(), run["id"].as_str());
    assert_eq!(signed.metadata.as_ref().unwrap()["order"], "o-2");
    assert!(
        signed.url.starts_with(api.emulator.base_url()),
        "{}",
        signed.url
    );
    let fetched = reqwest::get(&signed.url)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let event = signed.event_from_payload(&fetched).unwrap();
    assert!(
        matches!(event, WebhookEvent::ExtractRunProcessed { .. }),
        "{event:?}"
    );
}

#[tokio::test]
async fn small_payload_stays_inline() {
    let api = TestApi::start(50.0).await;
    let mut receiver = start_receiver(0).await;
    let advanced = json!({"payload": {"format": "url", "urlThresholdBytes": 1_000_000}});
    register(
        &api,
        &receiver.url(),
        json!(["extract_run.processed"]),
        Some(advanced),
    )
    .await;

    run_extract(&api, json!({})).await;
    let (_, body) = receiver.next().await;

    let event: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["payload"]["object"], "extract_run");
}

#[tokio::test]
async fn subscription_delivers_workflow_events() {
    let api = TestApi::start(50.0).await;
    let mut receiver = start_receiver(0).await;
    let endpoint = register(&api, &receiver.url(), json!([]), None).await;
    let body = json!({
        "webhookEndpointId": endpoint.endpoint.id,
        "resourceType": "workflow",
        "resourceId": "workflow_sub",
        "enabledEvents": ["workflow_run.needs_review"],
    });
    let subscription: WebhookSubscription =
        decode(&api.create("/webhook_subscriptions", &body).await);
    let upserted: WebhookSubscription = decode(&api.create("/webhook_subscriptions", &body).await);

    let run = api
        .create("/workflow_runs", &json!({"workflow": {"id": "workflow_sub"}, "file": {"text": "x"}, "metadata": {"emulator:outcome": "NEEDS_REVIEW"}}))
        .await;
    let (_, delivered) = receiver.next().await;

    assert_eq!(
        upserted.id, subscription.id,
        "create is an upsert per endpoint and resource"
    );
    let event: Value = serde_json::from_slice(&delivered).unwrap();
    assert_eq!(event["eventType"], "workflow_run.needs_review");
    assert_eq!(event["payload"]["id"], run["id"]);
}

#[tokio::test]
async fn endpoint_crud() {
    let api = TestApi::start(50.0).await;
    let created = register(
        &api,
        "http://127.0.0.1:9/hook",
        json!(["extract_run.failed"]),
        None,
    )
    .await;
    let path = format!("/webhook_endpoints/{}", created.endpoint.id);

    let retrieved = expect_json(api.get(&path).await, StatusCode::OK).await;
    let updated: WebhookEndpoint = decode(
        &api.create(&path, &json!({"status": "disabled", "name": "renamed"}))
            .await,
    );
    let listed: List<WebhookEndpoint> = decode(
        &expect_json(
            api.get("/webhook_endpoints?status=disabled").await,
            StatusCode::OK,
        )
        .await,
    );
    let immutable = expect_json(
        api.post_json(&path, &json!({"apiVersion": "2025-04-21"}))
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let deleted: DeleteResponse =
        decode(&expect_json(api.delete(&path).await, StatusCode::OK).await);

    assert!(
        retrieved.get("signingSecret").is_none(),
        "the secret is shown only on create"
    );
    let _: WebhookEndpoint = decode(&retrieved);
    assert_eq!(updated.name, "renamed");
    assert_eq!(listed.data.len(), 1);
    assert!(immutable["message"]
        .as_str()
        .unwrap()
        .contains("apiVersion"));
    assert_eq!(deleted.id, created.endpoint.id);
    expect_json(api.get(&path).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn endpoint_requires_fields() {
    let api = TestApi::start(50.0).await;
    let cases = [
        json!({"name": "n", "enabledEvents": [], "apiVersion": "v"}),
        json!({"url": "ftp://x", "name": "n", "enabledEvents": [], "apiVersion": "v"}),
        json!({"url": "http://127.0.0.1:9", "name": "n", "apiVersion": "v"}),
        json!({"url": "http://127.0.0.1:9", "name": "n", "enabledEvents": [], "apiVersion": "v", "status": "paused"}),
    ];

    for body in cases {
        expect_json(
            api.post_json("/webhook_endpoints", &body).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
}
