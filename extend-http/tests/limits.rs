//! The cap on requests in flight: requests over it wait for a free slot.

mod common;

use std::time::Duration;

use common::{Scripted, TestServer, TEST_KEY};
use extend_core::{ApiRequest, Transport};
use extend_http::HttpTransport;
use futures::future::join_all;

/// How long the server holds each response.
const HOLD: Duration = Duration::from_millis(300);

#[tokio::test]
async fn requests_over_cap_wait_for_slot() {
    let server = TestServer::start().await;
    for _ in 0..6 {
        server.respond(Scripted::status(200).body(common::FILE_JSON).delay(HOLD));
    }
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .max_concurrent_requests(2)
        .build()
        .expect("transport");

    let sends = (0..6).map(|i| transport.send(ApiRequest::get(format!("/files/file_{i}"))));
    for result in join_all(sends).await {
        assert_eq!(result.expect("response").status, 200);
    }

    // With two slots the six requests reach the server in three waves, each
    // after the previous wave's responses, which the server holds for HOLD.
    let mut arrivals: Vec<_> = server.requests().iter().map(|request| request.at).collect();
    arrivals.sort();
    assert_eq!(arrivals.len(), 6);
    let first = arrivals[0];
    assert!(
        arrivals[1] - first < HOLD,
        "the first wave has two requests"
    );
    assert!(
        arrivals[2] - first >= HOLD,
        "third request came before a slot was free"
    );
    assert!(
        arrivals[4] - first >= HOLD * 2,
        "fifth request came before a slot was free"
    );
}

#[tokio::test]
async fn default_cap_lets_many_through() {
    let server = TestServer::start().await;
    for _ in 0..8 {
        server.respond(Scripted::status(200).body(common::FILE_JSON).delay(HOLD));
    }
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .build()
        .expect("transport");

    let sends = (0..8).map(|i| transport.send(ApiRequest::get(format!("/files/file_{i}"))));
    join_all(sends).await;

    let mut arrivals: Vec<_> = server.requests().iter().map(|request| request.at).collect();
    arrivals.sort();
    assert_eq!(arrivals.len(), 8);
    assert!(
        arrivals[7] - arrivals[0] < HOLD,
        "all eight requests should be in flight together under the default cap"
    );
}
