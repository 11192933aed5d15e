//! The webhook wire fixtures named by `EXTEND_WIRE_FIXTURES`: each body is
//! signed byte for byte as stored, then verified and parsed.
//!
//! The tests print that they were skipped when the variable is unset, and
//! fail when it names a folder that does not exist.

use std::path::{Path, PathBuf};

use extend_webhooks::{FixedClock, Signer, Verifier, WebhookError, WebhookEvent};

const SECRET: &str = "wss_test_secret_123";
const NOW: u64 = 1_700_000_000;
const SIGNED_URL_FIXTURE: &str = "webhooks__signed-url-workflow-run-completed.json";
const FETCHED_PAYLOAD_FIXTURE: &str = "webhooks__signed-url-fetched-payload.json";

fn fixtures_dir() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("EXTEND_WIRE_FIXTURES") else {
        println!("EXTEND_WIRE_FIXTURES is unset: skipped the webhook wire fixtures");
        return None;
    };

    let dir = PathBuf::from(dir);
    assert!(
        dir.is_dir(),
        "EXTEND_WIRE_FIXTURES is set to {}, which is not a folder; point it at the wire fixtures or unset it",
        dir.display()
    );
    Some(dir)
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("reading {}: {error}", path.display()))
}

fn verifier(allow_signed_url: bool) -> Verifier {
    Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW + 5))
        .allow_signed_url(allow_signed_url)
        .build()
        .unwrap()
}

fn signed_headers(body: &[u8]) -> http::HeaderMap {
    Signer::new(SECRET).unwrap().sign(NOW, body).header_map()
}

/// Inline webhook fixtures: every `webhooks__*.json` except the signed-URL
/// delivery and the payload its URL returns.
fn inline_fixtures(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("webhooks__") && name.ends_with(".json"))
        .filter(|name| name != SIGNED_URL_FIXTURE && name != FETCHED_PAYLOAD_FIXTURE)
        .collect();
    names.sort();
    names
}

#[test]
fn fixtures_verify_and_parse_typed() {
    let Some(dir) = fixtures_dir() else { return };
    let names = inline_fixtures(&dir);
    assert!(
        !names.is_empty(),
        "no webhooks__*.json fixture in {}",
        dir.display()
    );

    for name in &names {
        let body = read(&dir, name);
        let expected: serde_json::Value = serde_json::from_slice(&body).unwrap();

        let event = verifier(false)
            .verify_and_parse(&signed_headers(&body), &body)
            .unwrap_or_else(|error| panic!("{name}: {error}"));

        assert_eq!(event.event_id(), expected["eventId"], "{name}");
        assert_eq!(event.event_type(), expected["eventType"], "{name}");
        assert!(
            !event.kind().is_unknown(),
            "{name} parsed as an unknown event type"
        );
        event
            .check_payload()
            .unwrap_or_else(|error| panic!("{name}: {error}"));

        let encoded = serde_json::to_value(&event).unwrap();
        assert_eq!(
            encoded["payload"]["id"], expected["payload"]["id"],
            "{name}"
        );
        assert_eq!(
            encoded["payload"]["status"], expected["payload"]["status"],
            "{name}"
        );
    }
    println!(
        "verified and parsed {} inline webhook fixtures",
        names.len()
    );
}

#[test]
fn fixtures_fail_when_one_byte_changes() {
    let Some(dir) = fixtures_dir() else { return };

    for name in inline_fixtures(&dir) {
        let body = read(&dir, &name);
        let headers = signed_headers(&body);

        // The fixtures are pretty-printed; compact JSON of the same value is
        // a different byte string and must fail.
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let compact = serde_json::to_vec(&value).unwrap();
        assert_ne!(compact, body, "{name}");

        let error = verifier(false).verify(&headers, &compact).unwrap_err();
        assert!(
            matches!(error, WebhookError::InvalidSignature),
            "{name}: {error:?}"
        );
    }
}

#[test]
fn fixture_signed_url_refused_without_opt_in() {
    let Some(dir) = fixtures_dir() else { return };
    let body = read(&dir, SIGNED_URL_FIXTURE);

    let error = verifier(false)
        .verify_and_parse(&signed_headers(&body), &body)
        .unwrap_err();

    assert!(
        matches!(error, WebhookError::SignedUrlNotAllowed { ref event_id, ref event_type }
            if event_id == "evt_789" && event_type == "workflow_run.completed"),
        "{error:?}"
    );
}

#[test]
fn fixture_signed_url_accepted_with_opt_in() {
    let Some(dir) = fixtures_dir() else { return };
    let body = read(&dir, SIGNED_URL_FIXTURE);

    let event = verifier(true)
        .verify_and_parse(&signed_headers(&body), &body)
        .unwrap();

    let WebhookEvent::SignedUrl(signed) = event else {
        panic!("expected a signed-URL event, got {event:?}");
    };
    assert_eq!(signed.event_id, "evt_789");
    assert_eq!(signed.resource_id.as_deref(), Some("wr_xyz"));
    assert!(signed.url.starts_with("https://"));
    assert_eq!(signed.metadata.as_ref().unwrap()["env"], "production");

    let fetched = read(&dir, FETCHED_PAYLOAD_FIXTURE);
    let full = signed.event_from_payload(&fetched).unwrap();
    let WebhookEvent::WorkflowRunCompleted { event_id, payload } = full else {
        panic!("expected WorkflowRunCompleted, got {full:?}");
    };
    assert_eq!(event_id, "evt_789");
    assert_eq!(payload.decode().unwrap().id, "wr_xyz");
}
