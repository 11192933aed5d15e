//! Delivery soak: an axum receiver with the `VerifiedEvent` extractor and a
//! `DuplicateGuard` gets valid deliveries mixed with repeated, forged,
//! replayed and tampered ones, all produced with the `Signer`, over HTTP on
//! 127.0.0.1.
//!
//! The test sends 500 deliveries; `EXTEND_SOAK_DELIVERIES` sets another
//! count, which `cargo xtask soak webhooks` uses for 10,000.

#![cfg(feature = "axum")]

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use extend_webhooks::{Delivery, DuplicateGuard, FixedClock, Signer, VerifiedEvent, Verifier};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const SECRET: &str = "wss_soak_secret";
const WRONG_SECRET: &str = "wss_forger_secret";
const NOW: u64 = 1_700_000_000;
const DEFAULT_DELIVERIES: usize = 500;
const IN_FLIGHT: usize = 32;

/// The delivery kind of each index, repeating every ten deliveries: half
/// valid, two repeats of an earlier valid delivery, one forged, one replayed
/// and one tampered.
const PATTERN: [Kind; 10] = [
    Kind::Valid,
    Kind::Valid,
    Kind::Valid,
    Kind::Valid,
    Kind::Valid,
    Kind::Repeated,
    Kind::Repeated,
    Kind::Forged,
    Kind::Replayed,
    Kind::Tampered,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A new event, signed with the right secret now.
    Valid,
    /// The body of the valid delivery five places earlier, signed again now,
    /// as Extend does when it retries a delivery.
    Repeated,
    /// A new event signed with another secret.
    Forged,
    /// The body of an earlier valid delivery with its signature from more
    /// than 300 s ago, as an attacker who captured it would send it.
    Replayed,
    /// A new event signed correctly, then with its body changed.
    Tampered,
}

/// What the receiver has accepted.
#[derive(Default)]
struct Received {
    first_event_ids: Mutex<Vec<String>>,
    duplicates: AtomicUsize,
}

#[derive(Clone)]
struct Receiver {
    verifier: Verifier,
    guard: Arc<DuplicateGuard>,
    received: Arc<Received>,
}

impl FromRef<Receiver> for Verifier {
    fn from_ref(receiver: &Receiver) -> Verifier {
        receiver.verifier.clone()
    }
}

async fn receive(
    State(receiver): State<Receiver>,
    VerifiedEvent(event): VerifiedEvent,
) -> StatusCode {
    match receiver.guard.check(&event).await {
        Ok(Delivery::First) => {
            let mut ids = receiver.received.first_event_ids.lock().unwrap();
            ids.push(event.event_id().to_owned());
            StatusCode::OK
        }
        Ok(Delivery::Duplicate) => {
            receiver.received.duplicates.fetch_add(1, Ordering::Relaxed);
            StatusCode::OK
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn serve(deliveries: usize) -> (String, Arc<Received>) {
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .unwrap();
    let received = Arc::new(Received::default());
    let receiver = Receiver {
        verifier,
        guard: Arc::new(DuplicateGuard::in_memory(deliveries + 1)),
        received: received.clone(),
    };
    let router = Router::new()
        .route("/webhooks", post(receive))
        .with_state(receiver);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, received)
}

fn event_body(event_id: &str, index: usize) -> String {
    format!(
        r#"{{"eventId":"{event_id}","eventType":"extract_run.processed","payload":{{"object":"extract_run","id":"exr_{index}","status":"PROCESSED"}}}}"#
    )
}

/// One delivery: its kind, body and the two signature headers.
struct Prepared {
    kind: Kind,
    body: String,
    timestamp: String,
    signature: String,
}

fn prepare(index: usize, signer: &Signer, forger: &Signer) -> Prepared {
    let kind = PATTERN[index % PATTERN.len()];
    let (body, signed) = match kind {
        Kind::Valid => {
            let body = event_body(&format!("evt_valid_{index}"), index);
            let signed = signer.sign(NOW, body.as_bytes());
            (body, signed)
        }
        Kind::Repeated => {
            let original = index - 5;
            let body = event_body(&format!("evt_valid_{original}"), original);
            let signed = signer.sign(NOW, body.as_bytes());
            (body, signed)
        }
        Kind::Forged => {
            let body = event_body(&format!("evt_forged_{index}"), index);
            let signed = forger.sign(NOW, body.as_bytes());
            (body, signed)
        }
        Kind::Replayed => {
            let original = index - 8;
            let body = event_body(&format!("evt_valid_{original}"), original);
            let age = 301 + (index as u64 % 3_600);
            let signed = signer.sign(NOW - age, body.as_bytes());
            (body, signed)
        }
        Kind::Tampered => {
            let body = event_body(&format!("evt_tampered_{index}"), index);
            let signed = signer.sign(NOW, body.as_bytes());
            (body.replace("PROCESSED", "FAILED"), signed)
        }
    };
    Prepared {
        kind,
        body,
        timestamp: signed.timestamp,
        signature: signed.signature,
    }
}

fn delivery_count() -> usize {
    std::env::var("EXTEND_SOAK_DELIVERIES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEFAULT_DELIVERIES)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mixed_deliveries_soak() {
    let deliveries = delivery_count();
    let (url, received) = serve(deliveries).await;
    let signer = Signer::new(SECRET).unwrap();
    let forger = Signer::new(WRONG_SECRET).unwrap();
    let http = reqwest::Client::new();

    let prepared: Vec<Prepared> = (0..deliveries)
        .map(|index| prepare(index, &signer, &forger))
        .collect();
    let slots = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut in_flight = JoinSet::new();
    for delivery in prepared {
        let request = http
            .post(&url)
            .header("x-extend-request-timestamp", delivery.timestamp)
            .header("x-extend-request-signature", delivery.signature)
            .header("content-type", "application/json")
            .body(delivery.body);
        let permit = slots.clone().acquire_owned().await.unwrap();
        in_flight.spawn(async move {
            let response = request
                .send()
                .await
                .expect("the receiver returns a response");
            drop(permit);
            (delivery.kind, response.status().as_u16())
        });
    }
    let responses: Vec<(Kind, u16)> = in_flight.join_all().await;

    let mut sent: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut wrong_status: BTreeMap<Kind, usize> = BTreeMap::new();
    for (kind, status) in &responses {
        *sent.entry(*kind).or_default() += 1;
        let expected = match kind {
            Kind::Valid | Kind::Repeated => 200,
            Kind::Forged | Kind::Replayed | Kind::Tampered => 401,
        };
        if *status != expected {
            *wrong_status.entry(*kind).or_default() += 1;
        }
    }
    let first_ids = received.first_event_ids.lock().unwrap().clone();
    let unique_first: HashSet<&str> = first_ids.iter().map(String::as_str).collect();
    let duplicates = received.duplicates.load(Ordering::Relaxed);
    let hostile_accepted = first_ids
        .iter()
        .filter(|id| !id.starts_with("evt_valid_"))
        .count();
    let count = |kind| sent.get(&kind).copied().unwrap_or(0);

    println!(
        "webhook soak: {deliveries} deliveries; sent {sent:?}; accepted first {}; duplicates recognised {duplicates}; hostile accepted {hostile_accepted}; unexpected status {wrong_status:?}",
        first_ids.len()
    );
    assert_eq!(responses.len(), deliveries, "every delivery got a response");
    assert!(
        wrong_status.is_empty(),
        "unexpected statuses: {wrong_status:?}"
    );
    assert_eq!(hostile_accepted, 0, "forged or tampered events accepted");
    assert_eq!(
        unique_first.len(),
        first_ids.len(),
        "an event id was accepted twice"
    );
    assert_eq!(
        first_ids.len(),
        count(Kind::Valid),
        "valid events accepted once each"
    );
    assert_eq!(
        duplicates,
        count(Kind::Repeated),
        "repeats recognised by eventId"
    );
}
