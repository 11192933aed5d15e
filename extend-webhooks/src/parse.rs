//! Decoding the `{eventId, eventType, payload}` envelope of a delivery.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::{WebhookError, WebhookEvent};

/// The envelope; the payload stays raw JSON until the event type is known.
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
/// [`WebhookEvent::SignedUrl`] here.
///
/// ```
/// use extend_webhooks::{parse_unverified, WebhookEvent};
///
/// let body = br#"{"eventId":"evt_2","eventType":"invoice.sent","payload":{"n":1}}"#;
/// let event = parse_unverified(body)?;
/// assert!(matches!(event, WebhookEvent::Unknown { ref event_type, .. } if event_type == "invoice.sent"));
/// # Ok::<(), extend_webhooks::WebhookError>(())
/// ```
///
/// # Errors
///
/// [`WebhookError::BodyNotJson`] when the body is not JSON,
/// [`WebhookError::InvalidEnvelope`] when it lacks `eventId`, `eventType` or
/// `payload`, and [`WebhookError::InvalidPayload`] when the payload of a
/// known event type does not decode into its type.
pub fn parse_unverified(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    parse_event(body)
}

pub(crate) fn parse_event(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    let envelope: Envelope<'_> = serde_json::from_slice(body).map_err(|source| {
        if source.is_data() {
            WebhookError::InvalidEnvelope { source }
        } else {
            WebhookError::BodyNotJson { source }
        }
    })?;

    WebhookEvent::decode(
        envelope.event_id,
        &envelope.event_type,
        envelope.payload.get(),
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            event,
            WebhookEvent::Unknown {
                event_id: "e".into(),
                event_type: "new.thing".into(),
                payload: serde_json::json!([1, 2]),
            }
        );
    }

    #[test]
    fn parse_known_type_with_bad_payload() {
        let body = br#"{"eventId":"e","eventType":"extract_run.processed","payload":"oops"}"#;
        let error = parse_event(body).unwrap_err();
        assert!(matches!(
            error,
            WebhookError::InvalidPayload { ref event_type, payload_type: "ExtractRun", .. }
                if event_type == "extract_run.processed"
        ));
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
}
