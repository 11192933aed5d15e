//! The axum extractor behind a real server on 127.0.0.1.

#![cfg(feature = "axum")]

use std::net::SocketAddr;

use axum::routing::post;
use axum::Router;
use extend_webhooks::{FixedClock, Signer, VerifiedEvent, Verifier};
use reqwest::StatusCode;

const SECRET: &str = "wss_axum_secret";
const NOW: u64 = 1_700_000_000;
const BODY: &str = r#"{"eventId":"evt_1","eventType":"classifier.version.published","payload":{"object":"classifier_version","id":"clv_1","classifierId":"cl_1","version":"2"}}"#;
const SIGNED_URL_BODY: &str = r#"{"eventId":"evt_2","eventType":"workflow_run.completed","payload":{"object":"signed_data_url","data":"https://h/p?t=1","id":"wr_1"}}"#;

async fn receive(VerifiedEvent(event): VerifiedEvent) -> String {
    format!("{} {}", event.event_type(), event.event_id())
}

async fn serve() -> SocketAddr {
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .max_body_bytes(4096)
        .build()
        .unwrap();
    let router = Router::new()
        .route("/webhooks", post(receive))
        .with_state(verifier);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

async fn post_signed(address: SocketAddr, timestamp: u64, body: &str) -> (StatusCode, String) {
    let signed = Signer::new(SECRET)
        .unwrap()
        .sign(timestamp, body.as_bytes());
    let response = reqwest::Client::new()
        .post(format!("http://{address}/webhooks"))
        .headers(signed.header_map())
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn extractor_passes_verified_event() {
    let address = serve().await;

    let (status, text) = post_signed(address, NOW, BODY).await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, "classifier.version.published evt_1");
}

#[tokio::test]
async fn extractor_rejects_stale_with_401() {
    let address = serve().await;

    let (status, text) = post_signed(address, NOW - 301, BODY).await;

    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(text, "too_old\n");
}

#[tokio::test]
async fn extractor_rejects_unsigned_with_401() {
    let address = serve().await;

    let response = reqwest::Client::new()
        .post(format!("http://{address}/webhooks"))
        .body(BODY)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.text().await.unwrap(), "missing_header\n");
}

#[tokio::test]
async fn extractor_rejects_bad_body_with_400() {
    let address = serve().await;

    let (status, text) = post_signed(address, NOW, "[1,2,3]").await;

    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(text, "invalid_envelope\n");
}

#[tokio::test]
async fn extractor_rejects_signed_url_by_default() {
    let address = serve().await;

    let (status, text) = post_signed(address, NOW, SIGNED_URL_BODY).await;

    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(text, "signed_url_not_allowed\n");
}

#[tokio::test]
async fn extractor_rejects_large_body_with_413() {
    let address = serve().await;
    let large = format!(
        r#"{{"eventId":"evt_3","eventType":"x.y","payload":{{"pad":"{}"}}}}"#,
        "a".repeat(5000)
    );

    let (status, text) = post_signed(address, NOW, &large).await;

    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(text, "body_too_large\n");
}
