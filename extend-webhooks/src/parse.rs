//! Decoding the `{eventId, eventType, payload}` envelope of a delivery.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::envelope;
use crate::signed_url::SignedDataUrl;
use crate::{WebhookError, WebhookEvent, SIGNED_DATA_URL_OBJECT};

/// The envelope as serde reads it, which checks the whole body.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "eventId")]
    event_id: String,
    #[serde(rename = "eventType")]
    event_type: String,
    #[serde(borrow)]
    payload: &'a RawValue,
}

/// Parses a webhook body **without verifying its signature**.
///
/// Use it only for a body that was verified some other way, such as
/// [`Verifier::verify`](crate::Verifier::verify), or read from a store
/// after verification. A signed-URL payload always becomes
/// [`WebhookEvent::SignedUrl`] here. The payload is not decoded: see
/// [`Payload`](crate::Payload).
///
/// ```
/// use extend_webhooks::{parse_unverified, WebhookEvent};
///
/// let body = br#"{"eventId":"evt_2","eventType":"invoice.sent","payload":{"n":1}}"#;
/// let event = parse_unverified(body)?;
/// assert!(matches!(event, WebhookEvent::Unknown { ref event_type, .. } if event_type == "invoice.sent"));
/// assert_eq!(event.payload_json(), Some(r#"{"n":1}"#));
/// # Ok::<(), extend_webhooks::WebhookError>(())
/// ```
///
/// # Errors
///
/// [`WebhookError::BodyNotJson`] when the body is not UTF-8 or its
/// envelope is not JSON, and [`WebhookError::InvalidEnvelope`] when it
/// lacks `eventId`, `eventType` or `payload`. The payload is checked as
/// [`Verifier::verify_and_parse`](crate::Verifier::verify_and_parse)
/// describes, and in full by [`Payload::decode`](crate::Payload::decode).
pub fn parse_unverified(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    parse_event(body)
}

pub(crate) fn parse_event(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    // The fast path reads the envelope and skips over the payload with a
    // bracket scan, several times faster than serde_json can validate it.
    // Every body it does not accept, including every invalid one, takes the
    // serde path below, which produces the precise error.
    if let Ok(text) = std::str::from_utf8(body) {
        if let Some(envelope) = envelope::read(text) {
            let maybe_signed = envelope.payload_object.as_deref() == Some(SIGNED_DATA_URL_OBJECT);
            return Ok(build_event(
                envelope.event_id.into_owned(),
                &envelope.event_type,
                envelope.payload,
                maybe_signed,
            ));
        }
    }

    parse_with_serde(body)
}

/// Decodes the body with serde_json, which checks all of it.
fn parse_with_serde(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    let envelope: Envelope<'_> = serde_json::from_slice(body).map_err(|source| {
        if source.is_data() {
            WebhookError::InvalidEnvelope { source }
        } else {
            WebhookError::BodyNotJson { source }
        }
    })?;
    let payload = envelope.payload.get();
    Ok(build_event(
        envelope.event_id,
        &envelope.event_type,
        payload,
        payload.starts_with('{'),
    ))
}

/// Builds the event of a payload and checks for a signed URL when
/// `maybe_signed` is true, which means the payload could be one.
fn build_event(
    event_id: String,
    event_type: &str,
    payload: &str,
    maybe_signed: bool,
) -> WebhookEvent {
    if maybe_signed {
        if let Some(signed) = SignedDataUrl::detect(payload) {
            return WebhookEvent::SignedUrl(signed.into_event(event_id, event_type.to_owned()));
        }
    }
    WebhookEvent::from_parts(event_id, event_type, payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    use crate::test_strategies::json_value;

    /// Generates an envelope as JSON text, with its members in any order and
    /// an extra member at times.
    fn envelope_text() -> impl Strategy<Value = String> {
        let event_type = prop_oneof![
            Just("extract_run.processed".to_owned()),
            Just("workflow.created".to_owned()),
            "[a-z_.]{1,20}",
        ];
        (
            "[a-z0-9_]{1,12}",
            event_type,
            json_value(),
            prop::option::of(json_value()),
            any::<prop::sample::Index>(),
            any::<bool>(),
        )
            .prop_map(|(event_id, event_type, payload, extra, order, pretty)| {
                let mut members = vec![
                    ("eventId", serde_json::Value::String(event_id)),
                    ("eventType", serde_json::Value::String(event_type)),
                    ("payload", payload),
                ];
                if let Some(extra) = extra {
                    members.push(("extra", extra));
                }
                let rotation = order.index(members.len());
                members.rotate_left(rotation);
                let separator = if pretty { ",\n  " } else { "," };
                let members: Vec<String> = members
                    .iter()
                    .map(|(key, value)| format!("\"{key}\":{value}"))
                    .collect();
                format!("{{{}}}", members.join(separator))
            })
    }

    proptest! {
        #[test]
        fn fast_path_matches_serde(text in envelope_text()) {
            prop_assert!(envelope::read(&text).is_some(), "{}", text);
            let fast = parse_event(text.as_bytes()).unwrap();
            let serde = parse_with_serde(text.as_bytes()).unwrap();
            prop_assert_eq!(fast, serde);
        }

        #[test]
        fn parse_never_panics(body in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse_event(&body);
        }
    }

    #[test]
    fn parse_rejects_non_json() {
        for body in [&b""[..], b"not json", b"{\"eventId\":", b"\xff\xfe"] {
            let error = parse_event(body).unwrap_err();
            assert!(
                matches!(error, WebhookError::BodyNotJson { .. }),
                "{body:?}: {error:?}"
            );
        }
    }

    #[test]
    fn parse_rejects_invalid_utf8_in_string() {
        let body = b"{\"eventId\":\"e\xff\",\"eventType\":\"x.y\",\"payload\":{}}";
        let error = parse_event(body).unwrap_err();
        assert!(
            matches!(error, WebhookError::BodyNotJson { .. }),
            "{error:?}"
        );
    }

    #[test]
    fn parse_rejects_wrong_envelope() {
        for body in [
            r#"[]"#,
            r#"{"eventType":"x","payload":{}}"#,
            r#"{"eventId":"e","payload":{}}"#,
            r#"{"eventId":"e","eventType":"x"}"#,
            r#"{"eventId":1,"eventType":"x","payload":{}}"#,
            r#"{"eventId":"e","eventId":"f","eventType":"x","payload":{}}"#,
        ] {
            let error = parse_event(body.as_bytes()).unwrap_err();
            assert!(
                matches!(error, WebhookError::InvalidEnvelope { .. }),
                "{body}: {error:?}"
            );
        }
    }

    #[test]
    fn parse_keeps_unknown_type() {
        let body = br#"{"eventId":"e","eventType":"new.thing","payload":[1,2],"extra":true}"#;
        let event = parse_event(body).unwrap();
        let WebhookEvent::Unknown {
            event_id,
            event_type,
            payload,
        } = event
        else {
            panic!("expected an unknown event: {event:?}");
        };
        assert_eq!(event_id, "e");
        assert_eq!(event_type, "new.thing");
        assert_eq!(payload.decode().unwrap(), serde_json::json!([1, 2]));
    }

    #[test]
    fn bad_payload_fails_at_decode() {
        let body = br#"{"eventId":"e","eventType":"extract_run.processed","payload":"oops"}"#;
        let WebhookEvent::ExtractRunProcessed { payload, .. } = parse_event(body).unwrap() else {
            panic!("expected an extract_run.processed event");
        };
        let error = payload.decode().unwrap_err();
        assert_eq!(error.payload_type, "ExtractRun");
    }

    #[test]
    fn invalid_payload_json_fails_at_decode() {
        let body = br#"{"eventId":"e","eventType":"new.thing","payload":{"a":[tru]}}"#;
        let event = parse_event(body).unwrap();
        let WebhookEvent::Unknown { payload, .. } = event else {
            panic!("expected an unknown event: {event:?}");
        };
        assert!(payload.decode().unwrap_err().source.is_syntax());
    }

    #[test]
    fn payload_checks_split_between_parse_and_decode() {
        // Errors at the top level of an object payload are found while
        // looking for its end, so the serde path reports them.
        for payload in [r#"{"a":1]"#, r#"{"a" 1}"#, r#"{1:2}"#] {
            let body = format!(r#"{{"eventId":"e","eventType":"new.thing","payload":{payload}}}"#);
            let error = parse_event(body.as_bytes()).unwrap_err();
            assert!(
                matches!(error, WebhookError::BodyNotJson { .. }),
                "{payload}: {error:?}"
            );
        }

        // Errors deeper in the payload, or in a payload that is not an
        // object, are left to decode.
        for payload in [r#"{"a":[tru]}"#, r#"{"a":{"b":[1}]}"#, "[1,,2]", "tru"] {
            let body = format!(r#"{{"eventId":"e","eventType":"new.thing","payload":{payload}}}"#);
            let event = parse_event(body.as_bytes()).unwrap();
            assert_eq!(event.payload_json(), Some(payload));
            assert!(event.check_payload().is_err(), "{payload}");
        }
    }

    #[test]
    fn both_paths_give_same_event() {
        let escaped = USUAL_ORDER.replace("eventId", "event\\u0049d");
        for body in [USUAL_ORDER, PAYLOAD_FIRST, &escaped] {
            let fast = parse_event(body.as_bytes()).unwrap();
            let serde = parse_with_serde(body.as_bytes()).unwrap();
            assert_eq!(fast, serde, "{body}");
        }
    }

    #[test]
    fn parse_detects_signed_url() {
        let body = br#"{"eventId":"e","eventType":"workflow_run.completed","payload":{"object":"signed_data_url","data":"https://h/p?t=1","id":"wr_1","metadata":{"env":"test"}}}"#;
        let WebhookEvent::SignedUrl(signed) = parse_event(body).unwrap() else {
            panic!("expected a signed-URL event");
        };
        assert_eq!(signed.url, "https://h/p?t=1");
        assert_eq!(signed.resource_id.as_deref(), Some("wr_1"));
        assert_eq!(signed.metadata.unwrap()["env"], "test");
    }

    const USUAL_ORDER: &str = r#"{"eventId":"e","eventType":"batch_parse_run.failed","payload":{"object":"batch_run","id":"bpr_1","status":"FAILED"}}"#;
    const PAYLOAD_FIRST: &str = r#"{"payload":{"object":"batch_run","id":"bpr_1","status":"FAILED"},"eventType":"batch_parse_run.failed","eventId":"e"}"#;

    #[test]
    fn signed_url_detected_on_both_paths() {
        let plain = r#"{"eventId":"e","eventType":"workflow.created","payload":{"id":"w","object":"signed_data_url","data":"https://h/p"}}"#;
        let escaped = plain.replace(r#""object""#, r#""obj\u0065ct""#);
        for body in [plain, &escaped] {
            let fast = parse_event(body.as_bytes()).unwrap();
            assert!(matches!(fast, WebhookEvent::SignedUrl(_)), "{body}");
            let serde = parse_with_serde(body.as_bytes()).unwrap();
            assert!(matches!(serde, WebhookEvent::SignedUrl(_)), "{body}");
        }
    }

    #[test]
    fn signed_url_needs_string_data() {
        let body = r#"{"eventId":"e","eventType":"workflow.created","payload":{"object":"signed_data_url","data":1}}"#;
        assert!(matches!(
            parse_event(body.as_bytes()).unwrap(),
            WebhookEvent::WorkflowCreated { .. }
        ));
    }

    #[test]
    fn key_order_gives_same_event() {
        let usual = parse_event(USUAL_ORDER.as_bytes()).unwrap();
        let payload_first = parse_event(PAYLOAD_FIRST.as_bytes()).unwrap();
        assert_eq!(usual, payload_first);
    }

    #[test]
    fn duplicate_payload_rejected() {
        let body = r#"{"eventId":"e","eventType":"x.y","payload":{},"payload":{}}"#;
        let error = parse_event(body.as_bytes()).unwrap_err();
        assert!(
            matches!(error, WebhookError::InvalidEnvelope { .. }),
            "{error:?}"
        );
    }

    #[test]
    fn trailing_bytes_rejected() {
        let body = format!("{USUAL_ORDER} x");
        let error = parse_event(body.as_bytes()).unwrap_err();
        assert!(
            matches!(error, WebhookError::BodyNotJson { .. }),
            "{error:?}"
        );
    }
}
