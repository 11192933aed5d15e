//! Decoding the `{eventId, eventType, payload}` envelope of a delivery.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
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
    // Extend sends eventId and eventType before the payload, which lets the
    // payload decode in the same pass as the envelope. Any other body,
    // including every invalid one, takes the two-pass path below, which
    // also produces the precise error.
    //
    // The one-pass path checks UTF-8 once for the whole body and then reads
    // it as text. Reading bytes would check each string on its own, which
    // cost about 10% of the decoding instructions of a dense body.
    if let Ok(text) = std::str::from_utf8(body) {
        if let Ok(OnePass(Some(event))) = serde_json::from_str::<OnePass>(text) {
            return Ok(event);
        }
    }

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

/// The envelope decoded in one pass. An error or `None` sends the body to
/// the two-pass path: the payload came before `eventId` or `eventType`, or
/// it is a signed URL.
struct OnePass(Option<WebhookEvent>);

impl<'de> Deserialize<'de> for OnePass {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OnePassVisitor)
    }
}

struct OnePassVisitor;

impl<'de> Visitor<'de> for OnePassVisitor {
    type Value = OnePass;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a webhook event envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OnePass, A::Error> {
        let mut event_id: Option<String> = None;
        let mut event_type: Option<String> = None;
        let mut event: Option<WebhookEvent> = None;
        let mut payload_seen = false;

        while let Some(key) = map.next_key::<EnvelopeKey>()? {
            match key {
                EnvelopeKey::EventId if event_id.is_none() => event_id = Some(map.next_value()?),
                EnvelopeKey::EventType if event_type.is_none() => {
                    event_type = Some(map.next_value()?)
                }
                EnvelopeKey::Payload if !payload_seen => {
                    let (Some(id), Some(kind)) = (&event_id, &event_type) else {
                        // Stop here; the two-pass path decodes this body.
                        return Err(de::Error::custom("payload before eventId and eventType"));
                    };
                    payload_seen = true;
                    event = map.next_value_seed(PayloadSeed {
                        event_id: id.clone(),
                        event_type: kind,
                    })?;
                }
                EnvelopeKey::EventId => return Err(de::Error::duplicate_field("eventId")),
                EnvelopeKey::EventType => return Err(de::Error::duplicate_field("eventType")),
                EnvelopeKey::Payload => return Err(de::Error::duplicate_field("payload")),
                EnvelopeKey::Other => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }

        Ok(OnePass(event))
    }
}

/// A key of the envelope, read without allocating a string for it.
enum EnvelopeKey {
    EventId,
    EventType,
    Payload,
    Other,
}

impl<'de> Deserialize<'de> for EnvelopeKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(EnvelopeKeyVisitor)
    }
}

struct EnvelopeKeyVisitor;

impl Visitor<'_> for EnvelopeKeyVisitor {
    type Value = EnvelopeKey;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<EnvelopeKey, E> {
        Ok(match key {
            "eventId" => EnvelopeKey::EventId,
            "eventType" => EnvelopeKey::EventType,
            "payload" => EnvelopeKey::Payload,
            _ => EnvelopeKey::Other,
        })
    }
}

struct PayloadSeed<'a> {
    event_id: String,
    event_type: &'a str,
}

impl<'de> DeserializeSeed<'de> for PayloadSeed<'_> {
    type Value = Option<WebhookEvent>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        WebhookEvent::deserialize_payload(self.event_id, self.event_type, deserializer)
    }
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

    const USUAL_ORDER: &str = r#"{"eventId":"e","eventType":"batch_parse_run.failed","payload":{"object":"batch_run","id":"bpr_1","status":"FAILED"}}"#;
    const PAYLOAD_FIRST: &str = r#"{"payload":{"object":"batch_run","id":"bpr_1","status":"FAILED"},"eventType":"batch_parse_run.failed","eventId":"e"}"#;

    #[test]
    fn one_pass_taken_for_usual_order() {
        let decoded: OnePass = serde_json::from_str(USUAL_ORDER).unwrap();
        assert!(matches!(
            decoded.0,
            Some(WebhookEvent::BatchParseRunFailed { .. })
        ));

        let decoded = serde_json::from_str::<OnePass>(PAYLOAD_FIRST);
        assert!(!matches!(decoded, Ok(OnePass(Some(_)))));
    }

    #[test]
    fn one_pass_defers_signed_url() {
        let body = r#"{"eventId":"e","eventType":"workflow.created","payload":{"object":"signed_data_url","data":"https://h/p"}}"#;
        let decoded = serde_json::from_str::<OnePass>(body);
        assert!(!matches!(decoded, Ok(OnePass(Some(_)))));
        assert!(matches!(
            parse_event(body.as_bytes()).unwrap(),
            WebhookEvent::SignedUrl(_)
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
