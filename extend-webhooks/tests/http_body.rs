//! `verify_request` over `http::Request` bodies, and the rejection responses.

#![cfg(feature = "http-body")]

use bytes::Bytes;
use extend_webhooks::{
    verify_request, FixedClock, Signer, Verifier, WebhookError, WebhookEvent, WebhookRejection,
};
use http::{Request, StatusCode};
use http_body_util::Full;

const SECRET: &str = "wss_http_secret";
const NOW: u64 = 1_700_000_000;
const BODY: &str = r#"{"eventId":"evt_1","eventType":"splitter.created","payload":{"object":"splitter","id":"spl_1","name":"Packets"}}"#;

fn verifier(limit: usize) -> Verifier {
    Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .max_body_bytes(limit)
        .build()
        .unwrap()
}

fn signed_request(body: &[u8]) -> Request<Full<Bytes>> {
    let mut request = Request::post("/webhooks")
        .body(Full::new(Bytes::copy_from_slice(body)))
        .unwrap();
    *request.headers_mut() = Signer::new(SECRET).unwrap().sign(NOW, body).header_map();
    request
}

async fn rejection(verifier: &Verifier, request: Request<Full<Bytes>>) -> WebhookRejection {
    verify_request(verifier, request).await.unwrap_err()
}

#[tokio::test]
async fn request_verifies_and_parses() {
    let event = verify_request(&verifier(1024), signed_request(BODY.as_bytes()))
        .await
        .unwrap();
    assert!(
        matches!(event, WebhookEvent::SplitterCreated { .. }),
        "{event:?}"
    );
}

#[tokio::test]
async fn body_over_limit_without_length_header() {
    let rejected = rejection(&verifier(16), signed_request(BODY.as_bytes())).await;

    assert_eq!(rejected.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(matches!(
        rejected.error(),
        WebhookError::BodyTooLarge { limit_bytes: 16 }
    ));
}

#[tokio::test]
async fn declared_length_over_limit_rejected_early() {
    let mut request = signed_request(BODY.as_bytes());
    request
        .headers_mut()
        .insert(http::header::CONTENT_LENGTH, "999999".parse().unwrap());

    let rejected = rejection(&verifier(1024), request).await;
    assert_eq!(rejected.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn body_at_limit_accepted() {
    let event = verify_request(&verifier(BODY.len()), signed_request(BODY.as_bytes())).await;
    assert!(event.is_ok(), "{event:?}");
}

#[tokio::test]
async fn headers_checked_before_body_size() {
    let mut request = signed_request(BODY.as_bytes());
    request
        .headers_mut()
        .remove(extend_webhooks::SIGNATURE_HEADER);

    let rejected = rejection(&verifier(16), request).await;
    assert_eq!(rejected.status(), StatusCode::UNAUTHORIZED);
    assert!(matches!(
        rejected.error(),
        WebhookError::MissingHeader { .. }
    ));
}

#[tokio::test]
async fn bad_signature_is_unauthorized() {
    let mut request = signed_request(BODY.as_bytes());
    *request.body_mut() = Full::new(Bytes::from_static(b"{\"tampered\":true}"));

    let rejected = rejection(&verifier(1024), request).await;
    assert_eq!(rejected.status(), StatusCode::UNAUTHORIZED);

    let response = rejected.into_http_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.body(), "invalid_signature\n");
    assert_eq!(
        response.headers()[http::header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
}

#[tokio::test]
async fn unparsable_body_is_bad_request() {
    let rejected = rejection(&verifier(1024), signed_request(b"{\"eventId\":")).await;

    assert_eq!(rejected.status(), StatusCode::BAD_REQUEST);
    assert_eq!(rejected.into_http_response().body(), "body_not_json\n");
}
