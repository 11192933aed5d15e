//! Blocking fetch of a signed-URL webhook payload from a local server.
#![cfg(feature = "webhooks")]

use std::io::{Read, Write};
use std::net::TcpListener;

use extend_blocking::Client;
use extend_http::HttpTransport;
use extend_webhooks::{parse_unverified, SignedUrlFetcher, WebhookEvent};

/// Serves one HTTP response with `body` to the first connection.
fn serve_once(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/payload", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).unwrap();
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).unwrap();
    });
    url
}

#[test]
fn fetches_full_event() {
    let url = serve_once(r#"{"object": "extract_run", "id": "exr_1", "status": "PROCESSED"}"#);
    let envelope = serde_json::json!({
        "eventId": "evt_1",
        "eventType": "extract_run.processed",
        "payload": {"object": "signed_data_url", "data": url, "id": "exr_1"}
    });
    let WebhookEvent::SignedUrl(signed) =
        parse_unverified(&serde_json::to_vec(&envelope).unwrap()).unwrap()
    else {
        panic!("expected a signed-URL event");
    };
    let transport = HttpTransport::builder()
        .api_key("sk_test")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let client = Client::new(transport).unwrap();
    let fetcher = SignedUrlFetcher::builder()
        .allow_http(true)
        .build()
        .unwrap();

    let event = client.fetch_signed_url(&fetcher, &signed).unwrap();

    assert_eq!(event.event_type(), "extract_run.processed");
    assert_eq!(event.event_id(), "evt_1");
    assert!(!matches!(event, WebhookEvent::SignedUrl(_)), "{event:?}");
}
