//! Verification and parsing through the public API, case by case.

use std::time::Duration;

use extend_webhooks::{
    parse_unverified, Clock, EventType, FixedClock, Signer, Verifier, WebhookError, WebhookEvent,
    SIGNATURE_HEADER, TIMESTAMP_HEADER,
};

const SECRET: &str = "wss_test_secret";
const OLD_SECRET: &str = "wss_old_secret";
const NOW: u64 = 1_700_000_000;

const EXTRACT_BODY: &[u8] = br#"{"eventId":"evt_1","eventType":"extract_run.processed","payload":{"object":"extract_run","id":"exr_1","status":"PROCESSED"}}"#;
const SIGNED_URL_BODY: &[u8] = br#"{"eventId":"evt_2","eventType":"workflow_run.completed","payload":{"object":"signed_data_url","data":"https://storage.example.com/p?token=abc123","id":"wr_1","metadata":{"env":"test"}}}"#;

fn verifier() -> Verifier {
    Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .unwrap()
}

fn sign(secret: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    let signed = Signer::new(secret).unwrap().sign(NOW, body);
    vec![
        (TIMESTAMP_HEADER, signed.timestamp),
        (SIGNATURE_HEADER, signed.signature),
    ]
}

fn signature_of(secret: &str, body: &[u8]) -> String {
    Signer::new(secret).unwrap().sign(NOW, body).signature
}

#[test]
fn verify_and_parse_types_extract_run() {
    let event = verifier()
        .verify_and_parse(sign(SECRET, EXTRACT_BODY), EXTRACT_BODY)
        .unwrap();

    let WebhookEvent::ExtractRunProcessed { event_id, payload } = &event else {
        panic!("expected ExtractRunProcessed, got {event:?}");
    };
    assert_eq!(event_id, "evt_1");
    assert_eq!(payload.decode().unwrap().id, "exr_1");
    assert_eq!(event.event_type(), "extract_run.processed");
}

#[test]
fn rotation_accepts_either_secret() {
    let verifier = Verifier::builder()
        .secret(SECRET)
        .secret(OLD_SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .unwrap();

    assert!(verifier
        .verify(sign(SECRET, EXTRACT_BODY), EXTRACT_BODY)
        .is_ok());
    assert!(verifier
        .verify(sign(OLD_SECRET, EXTRACT_BODY), EXTRACT_BODY)
        .is_ok());

    let error = verifier
        .verify(sign("wss_other", EXTRACT_BODY), EXTRACT_BODY)
        .unwrap_err();
    assert!(matches!(error, WebhookError::InvalidSignature));
}

#[test]
fn several_values_any_match_accepted() {
    let good = signature_of(SECRET, EXTRACT_BODY);
    let bad = signature_of("wss_other", EXTRACT_BODY);
    let timestamp = NOW.to_string();

    let comma_separated = format!("{bad},{good}");
    let headers = [
        (TIMESTAMP_HEADER, timestamp.as_str()),
        (SIGNATURE_HEADER, comma_separated.as_str()),
    ];
    assert!(verifier().verify(headers, EXTRACT_BODY).is_ok());

    let repeated = [
        (TIMESTAMP_HEADER, timestamp.as_str()),
        (SIGNATURE_HEADER, bad.as_str()),
        (SIGNATURE_HEADER, good.as_str()),
    ];
    assert!(verifier().verify(repeated, EXTRACT_BODY).is_ok());
}

#[test]
fn nine_values_rejected_even_with_match() {
    let good = signature_of(SECRET, EXTRACT_BODY);
    let nine = [good.as_str(); 9].join(",");
    let timestamp = NOW.to_string();
    let headers = [
        (TIMESTAMP_HEADER, timestamp.as_str()),
        (SIGNATURE_HEADER, nine.as_str()),
    ];

    let error = verifier().verify(headers, EXTRACT_BODY).unwrap_err();
    assert!(
        matches!(error, WebhookError::MalformedSignatureHeader { .. }),
        "{error:?}"
    );
}

#[test]
fn tampered_body_rejected() {
    let headers = sign(SECRET, EXTRACT_BODY);
    let mut tampered = EXTRACT_BODY.to_vec();
    tampered[10] ^= 1;

    let error = verifier().verify(headers, &tampered).unwrap_err();
    assert!(matches!(error, WebhookError::InvalidSignature));
}

#[test]
fn tampered_timestamp_rejected() {
    let signature = signature_of(SECRET, EXTRACT_BODY);
    let shifted = (NOW + 1).to_string();
    let headers = [
        (TIMESTAMP_HEADER, shifted.as_str()),
        (SIGNATURE_HEADER, signature.as_str()),
    ];

    let error = verifier().verify(headers, EXTRACT_BODY).unwrap_err();
    assert!(matches!(error, WebhookError::InvalidSignature));
}

#[test]
fn missing_headers_named() {
    let signature = signature_of(SECRET, EXTRACT_BODY);

    let error = verifier()
        .verify([(SIGNATURE_HEADER, signature.as_str())], EXTRACT_BODY)
        .unwrap_err();
    assert!(matches!(
        error,
        WebhookError::MissingHeader {
            header: TIMESTAMP_HEADER
        }
    ));

    let error = verifier()
        .verify([(TIMESTAMP_HEADER, "1700000000")], EXTRACT_BODY)
        .unwrap_err();
    assert!(matches!(
        error,
        WebhookError::MissingHeader {
            header: SIGNATURE_HEADER
        }
    ));
}

#[test]
fn window_checked_before_signature() {
    // A stale delivery with a bad signature reports the time window first.
    let headers = [(TIMESTAMP_HEADER, "1600000000"), (SIGNATURE_HEADER, "00")];
    let error = verifier().verify(headers, EXTRACT_BODY).unwrap_err();
    assert!(matches!(
        error,
        WebhookError::TooOld {
            age_seconds: 100_000_000,
            max_age_seconds: 300
        }
    ));
}

#[test]
fn injected_clock_moves_window() {
    let clock = std::sync::Arc::new(FixedClock::new(NOW));
    let shared = clock.clone();
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(move || shared.now_unix_seconds())
        .max_age(Duration::from_secs(30))
        .build()
        .unwrap();
    let headers = sign(SECRET, EXTRACT_BODY);

    assert!(verifier.verify(headers.clone(), EXTRACT_BODY).is_ok());

    clock.set(NOW + 31);
    let error = verifier.verify(headers.clone(), EXTRACT_BODY).unwrap_err();
    assert!(matches!(
        error,
        WebhookError::TooOld {
            age_seconds: 31,
            max_age_seconds: 30
        }
    ));

    clock.set(NOW - 61);
    let error = verifier.verify(headers, EXTRACT_BODY).unwrap_err();
    assert!(matches!(
        error,
        WebhookError::InFuture {
            skew_seconds: 61,
            tolerance_seconds: 60
        }
    ));
}

#[test]
fn header_map_lookup_ignores_case() {
    let signed = Signer::new(SECRET).unwrap().sign(NOW, EXTRACT_BODY);
    let mut map = http::HeaderMap::new();
    map.insert(
        "X-Extend-Request-Timestamp",
        signed.timestamp.parse().unwrap(),
    );
    map.insert(
        "X-EXTEND-REQUEST-SIGNATURE",
        signed.signature.parse().unwrap(),
    );

    assert!(verifier().verify(&map, EXTRACT_BODY).is_ok());

    let mixed_pairs = [
        (
            "X-Extend-Request-Timestamp".to_owned(),
            signed.timestamp.clone(),
        ),
        (
            "x-extend-REQUEST-signature".to_owned(),
            signed.signature.clone(),
        ),
    ];
    assert!(verifier().verify(mixed_pairs, EXTRACT_BODY).is_ok());
}

#[test]
fn body_not_json_only_after_valid_signature() {
    let body = b"not json at all";

    let error = verifier()
        .verify_and_parse(sign(SECRET, body), body)
        .unwrap_err();
    assert!(
        matches!(error, WebhookError::BodyNotJson { .. }),
        "{error:?}"
    );

    let error = verifier()
        .verify_and_parse(sign("wss_other", body), body)
        .unwrap_err();
    assert!(matches!(error, WebhookError::InvalidSignature), "{error:?}");
}

#[test]
fn signed_url_refused_without_opt_in() {
    let error = verifier()
        .verify_and_parse(sign(SECRET, SIGNED_URL_BODY), SIGNED_URL_BODY)
        .unwrap_err();

    assert!(
        matches!(error, WebhookError::SignedUrlNotAllowed { ref event_id, .. } if event_id == "evt_2")
    );
    assert!(!error.to_string().contains("abc123"));
}

#[test]
fn signed_url_accepted_with_opt_in() {
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .allow_signed_url(true)
        .build()
        .unwrap();

    let event = verifier
        .verify_and_parse(sign(SECRET, SIGNED_URL_BODY), SIGNED_URL_BODY)
        .unwrap();

    let WebhookEvent::SignedUrl(signed) = &event else {
        panic!("expected SignedUrl, got {event:?}");
    };
    assert_eq!(signed.event_type, "workflow_run.completed");
    assert_eq!(signed.resource_id.as_deref(), Some("wr_1"));
    assert_eq!(signed.url, "https://storage.example.com/p?token=abc123");
}

#[test]
fn parse_unverified_returns_signed_url() {
    let event = parse_unverified(SIGNED_URL_BODY).unwrap();
    assert!(matches!(event, WebhookEvent::SignedUrl(_)));
}

#[test]
fn event_serializes_to_envelope() {
    let event = parse_unverified(EXTRACT_BODY).unwrap();
    let json = serde_json::to_value(&event).unwrap();

    assert_eq!(json["eventId"], "evt_1");
    assert_eq!(json["eventType"], "extract_run.processed");
    assert_eq!(json["payload"]["id"], "exr_1");

    let again = parse_unverified(&serde_json::to_vec(&event).unwrap()).unwrap();
    assert_eq!(again, event);
}

#[test]
fn signed_url_event_serializes_back() {
    let event = parse_unverified(SIGNED_URL_BODY).unwrap();
    let original: serde_json::Value = serde_json::from_slice(SIGNED_URL_BODY).unwrap();
    assert_eq!(serde_json::to_value(&event).unwrap(), original);
}

#[test]
fn debug_never_shows_secret() {
    let verifier = Verifier::builder()
        .secret("wss_first_hidden")
        .secret("wss_second_hidden")
        .build()
        .unwrap();
    let shown = format!(
        "{verifier:?} {:?}",
        Verifier::builder().secret("wss_third_hidden")
    );

    assert!(!shown.contains("hidden"), "{shown}");
    assert!(shown.contains("2 redacted"), "{shown}");
}

#[test]
fn builder_rejects_bad_or_missing_secret() {
    let error = Verifier::builder()
        .secret(SECRET)
        .secret("wss_trailing_space ")
        .build()
        .unwrap_err();
    assert!(matches!(error, WebhookError::InvalidSecret { .. }));
    assert!(!error.to_string().contains("trailing_space"));

    let error = Verifier::builder().build().unwrap_err();
    assert!(matches!(error, WebhookError::InvalidSecret { .. }));
}

#[test]
fn every_error_displays_on_one_line() {
    let body = b"{}";
    let errors = [
        verifier()
            .verify([(SIGNATURE_HEADER, "x")], body)
            .unwrap_err(),
        verifier()
            .verify([(TIMESTAMP_HEADER, "x"), (SIGNATURE_HEADER, "x")], body)
            .unwrap_err(),
        verifier()
            .verify_and_parse(sign(SECRET, body), body)
            .unwrap_err(),
        verifier()
            .verify_and_parse(sign(SECRET, b"[1"), b"[1")
            .unwrap_err(),
    ];
    for error in errors {
        let shown = error.to_string();
        assert!(!shown.contains('\n'), "{shown}");
        assert!(!shown.is_empty());
    }
}

#[test]
fn signed_url_detected_for_every_event_type() {
    let mut types: Vec<String> = EventType::KNOWN
        .iter()
        .map(|kind| kind.to_string())
        .collect();
    types.push("brand_new.event".to_owned());

    for event_type in types {
        let body = format!(
            r#"{{"eventId":"evt_3","eventType":"{event_type}","payload":{{"object":"signed_data_url","data":"https://h/p?t=1","id":"r_1"}}}}"#
        );
        let event = parse_unverified(body.as_bytes()).unwrap();
        assert!(
            matches!(event, WebhookEvent::SignedUrl(_)),
            "{event_type}: {event:?}"
        );
        assert_eq!(event.event_type(), event_type);
    }
}

#[test]
fn signed_url_needs_string_data() {
    let body = br#"{"eventId":"evt_4","eventType":"brand_new.event","payload":{"object":"signed_data_url","data":{"not":"a url"}}}"#;
    let event = parse_unverified(body).unwrap();
    assert!(matches!(event, WebhookEvent::Unknown { .. }), "{event:?}");
}
