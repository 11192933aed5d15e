//! Verification and typed parsing of Extend webhook deliveries.
//!
//! Extend signs each delivery with the endpoint's signing secret: the
//! `x-extend-request-signature` header is the hex HMAC-SHA256 of
//! `"v0:" + timestamp + ":" + raw body`, and `x-extend-request-timestamp` is
//! the delivery time in unix seconds. A [`Verifier`] checks both over the raw
//! body bytes, in constant time, and rejects a delivery older than its max age
//! (300 s by default) or more than 60 s in the future, which bounds replays.
//! Then it parses the `{eventId, eventType, payload}` envelope into a
//! [`WebhookEvent`]. Each variant carries a [`Payload`] that stays JSON text
//! until [`Payload::decode`] turns it into its `extend-core` model, so a
//! receiver can acknowledge, deduplicate or queue a delivery without
//! decoding it.
//!
//! ```
//! use extend_webhooks::{Signer, Verifier, WebhookEvent};
//!
//! // In a receiver the body and headers come from the HTTP request; here a
//! // Signer plays Extend's part.
//! let body = br#"{"eventId":"evt_1","eventType":"parse_run.processed","payload":{"object":"parse_run_status","id":"pr_1","status":"PROCESSED"}}"#;
//! let headers = Signer::new("wss_test_secret")?.sign_now(body).header_map();
//!
//! let verifier = Verifier::new("wss_test_secret")?;
//! match verifier.verify_and_parse(&headers, body)? {
//!     WebhookEvent::ParseRunProcessed { event_id, payload } => {
//!         assert_eq!(event_id, "evt_1");
//!         assert_eq!(payload.decode()?.id, "pr_1");
//!     }
//!     other => println!("ignoring {}", other.event_type()),
//! }
//! # Ok::<(), extend_webhooks::WebhookError>(())
//! ```
//!
//! # Polling or webhooks?
//!
//! Polling (`extend-poll`'s `create_and_poll`) is the simpler choice: no
//! public endpoint, no secret, and the result comes back where the run was
//! created. Webhooks suit high volume, batch runs and long workflows with
//! human review, where a poller would hold a task open for hours: Extend
//! calls you once per finished run. A receiver should verify, drop duplicate
//! deliveries with a [`DuplicateGuard`], queue the work and respond with `200`
//! at once, because Extend retries deliveries that are not acknowledged in time.
//! `examples/axum_receiver.rs` shows such a receiver.
//!
//! # Signed-URL payloads
//!
//! An endpoint can ask for large payloads as a link
//! (`{"object": "signed_data_url", "data": <url>, ...}`). These are rejected
//! unless the verifier is built with [`VerifierBuilder::allow_signed_url`];
//! then they arrive as [`WebhookEvent::SignedUrl`]. With the `fetch` feature,
//! `SignedUrlFetcher` gets the payload and returns the full typed event.
//!
//! # Features
//!
//! No feature is on by default, so verification compiles no HTTP client and
//! no async runtime.
//!
//! - `fetch`: `SignedUrlFetcher`, which downloads signed-URL payloads with
//!   reqwest over HTTPS (rustls).
//! - `http-body`: `verify_request` for an `http::Request` with any
//!   `http_body::Body`, for plain hyper or tower servers.
//! - `axum`: the `VerifiedEvent` extractor (implies `http-body`).

#![warn(missing_docs, unreachable_pub)]

mod clock;
mod dedup;
mod envelope;
mod error;
mod event;
#[cfg(feature = "axum")]
mod extractor;
#[cfg(feature = "fetch")]
mod fetch;
mod headers;
#[cfg(feature = "http-body")]
mod http_body;
mod parse;
mod payload;
mod scan;
mod secret;
mod signed_url;
mod signer;
#[cfg(test)]
mod test_strategies;
mod verifier;
mod window;

pub use clock::{Clock, FixedClock, SystemClock};
pub use dedup::{Delivery, DuplicateGuard, EventIdStore, MemoryEventIdStore, StoreError};
pub use error::WebhookError;
pub use event::{EventType, WebhookEvent};
#[cfg(feature = "axum")]
pub use extractor::VerifiedEvent;
#[cfg(feature = "fetch")]
pub use fetch::{SignedUrlFetcher, SignedUrlFetcherBuilder, DEFAULT_FETCH_TIMEOUT};
pub use headers::{MAX_SIGNATURES, SIGNATURE_HEADER, TIMESTAMP_HEADER};
#[cfg(feature = "http-body")]
pub use http_body::{verify_request, WebhookRejection};
pub use parse::parse_unverified;
pub use payload::{Payload, PayloadError};
pub use secret::SigningSecret;
pub use signed_url::{SignedUrlEvent, SIGNED_DATA_URL_OBJECT};
pub use signer::{SignedHeaders, Signer};
pub use verifier::{Verifier, VerifierBuilder, DEFAULT_MAX_BODY_BYTES};
pub use window::{DEFAULT_MAX_AGE_SECONDS, FUTURE_TOLERANCE_SECONDS};
