//! Event payloads kept as the JSON text Extend sent until the caller decodes
//! them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::ser::{Error as _, Serialize, Serializer};

/// The payload of a webhook event, kept as JSON text until
/// [`Payload::decode`] turns it into `T`.
///
/// [`Verifier::verify_and_parse`](crate::Verifier::verify_and_parse) checks
/// the signature, reads the event id and type, and finds where the payload
/// ends, but does not decode the payload. A receiver can then acknowledge a
/// delivery, drop a duplicate or queue the payload without paying for a
/// decode, and decode only the events it handles.
///
/// ```
/// use extend_webhooks::{parse_unverified, WebhookEvent};
///
/// let body = br#"{"eventId":"evt_1","eventType":"batch_parse_run.failed",
///     "payload":{"object":"batch_run","id":"bpr_1","status":"FAILED"}}"#;
/// let WebhookEvent::BatchParseRunFailed { payload, .. } = parse_unverified(body)? else {
///     panic!("expected a batch_parse_run.failed event");
/// };
/// assert_eq!(payload.json(), r#"{"object":"batch_run","id":"bpr_1","status":"FAILED"}"#);
///
/// let batch = payload.decode()?;
/// assert_eq!(batch.id, "bpr_1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Payload<T> {
    json: Box<str>,
    payload_type: PhantomData<fn() -> T>,
}

impl<T> Payload<T> {
    /// Wraps JSON text that has not been checked yet; [`Payload::decode`]
    /// checks it.
    pub(crate) fn from_json(json: &str) -> Payload<T> {
        Payload {
            json: json.into(),
            payload_type: PhantomData,
        }
    }

    /// Returns the payload's JSON text, byte for byte as it was in the
    /// delivery body.
    ///
    /// The text is valid UTF-8 and its strings and brackets are closed, but
    /// it is not otherwise checked to be valid JSON until it is decoded.
    pub fn json(&self) -> &str {
        &self.json
    }

    /// Returns the payload's JSON text as an owned string.
    pub fn into_json(self) -> String {
        self.json.into()
    }
}

impl<T: Serialize> Payload<T> {
    /// Encodes a value as a payload, for tests and for code that builds
    /// events to send.
    ///
    /// # Errors
    ///
    /// The error of `serde_json::to_string`, for example when the value is
    /// a map with keys that are not strings.
    pub fn encode(value: &T) -> Result<Payload<T>, serde_json::Error> {
        Ok(Payload::from_json(&serde_json::to_string(value)?))
    }
}

impl<T: DeserializeOwned> Payload<T> {
    /// Decodes the payload into `T`.
    ///
    /// Each call decodes the text again, so keep the result if you need it
    /// more than once.
    ///
    /// # Errors
    ///
    /// [`PayloadError`] when the text is not JSON or does not have the
    /// shape of `T`.
    pub fn decode(&self) -> Result<T, PayloadError> {
        serde_json::from_str(&self.json).map_err(|source| PayloadError {
            payload_type: short_type_name::<T>(),
            source,
        })
    }
}

/// Returns the last path segment of a type name, such as `ExtractRun`.
fn short_type_name<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    let without_generics = name.split('<').next().unwrap_or(name);
    without_generics
        .rsplit("::")
        .next()
        .unwrap_or(without_generics)
}

impl<T> Clone for Payload<T> {
    fn clone(&self) -> Self {
        Payload {
            json: self.json.clone(),
            payload_type: PhantomData,
        }
    }
}

/// Two payloads are equal when their JSON text is the same byte for byte.
impl<T> PartialEq for Payload<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json == other.json
    }
}

impl<T> Eq for Payload<T> {}

/// Prints the payload type and the JSON text, cut after 256 bytes.
impl<T> fmt::Debug for Payload<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN_BYTES: usize = 256;

        let mut shown_length = self.json.len().min(SHOWN_BYTES);
        while !self.json.is_char_boundary(shown_length) {
            shown_length -= 1;
        }
        let ellipsis = if shown_length < self.json.len() {
            "..."
        } else {
            ""
        };
        write!(
            f,
            "Payload<{}>({}{ellipsis}, {} bytes)",
            short_type_name::<T>(),
            &self.json[..shown_length],
            self.json.len()
        )
    }
}

/// Writes the JSON text unchanged through serde_json's `RawValue`. Other
/// serializers than serde_json's do not understand `RawValue`, so use this
/// with serde_json.
impl<T> Serialize for Payload<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw: &serde_json::value::RawValue =
            serde_json::from_str(&self.json).map_err(S::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// A payload that does not decode into its type.
#[derive(Debug, thiserror::Error)]
#[error("webhook payload does not decode as {payload_type}: {source}")]
#[non_exhaustive]
pub struct PayloadError {
    /// The Rust type the payload should decode into, such as `ExtractRun`.
    pub payload_type: &'static str,
    /// The JSON error, with the line and column in the payload.
    #[source]
    pub source: serde_json::Error,
}

#[cfg(test)]
mod tests {
    use super::*;

    use extend_core::ExtractRun;

    #[test]
    fn decode_names_type_on_error() {
        let payload = Payload::<ExtractRun>::from_json(r#"{"object":"extract_run"}"#);
        let error = payload.decode().unwrap_err();
        assert_eq!(error.payload_type, "ExtractRun");
        assert!(error
            .to_string()
            .starts_with("webhook payload does not decode as ExtractRun: "));
    }

    #[test]
    fn decode_rejects_invalid_json() {
        let payload = Payload::<serde_json::Value>::from_json(r#"{"a":tru}"#);
        let error = payload.decode().unwrap_err();
        assert_eq!(error.payload_type, "Value");
        assert!(error.source.is_syntax());
    }

    #[test]
    fn serialize_keeps_text() {
        let payload = Payload::<serde_json::Value>::from_json(r#"{"b":1.50,"a":[ 1 ]}"#);
        let envelope = serde_json::json!({ "payload": payload.clone() });
        assert_eq!(envelope["payload"]["b"], 1.5);
        assert_eq!(
            serde_json::to_string(&payload).unwrap(),
            r#"{"b":1.50,"a":[ 1 ]}"#
        );
    }

    #[test]
    fn debug_cuts_long_text() {
        let long = format!(r#"{{"text":"{}"}}"#, "é".repeat(300));
        let payload = Payload::<serde_json::Value>::from_json(&long);
        let printed = format!("{payload:?}");
        assert!(
            printed.starts_with(r#"Payload<Value>({"text":"éé"#),
            "{printed}"
        );
        assert!(
            printed.ends_with(&format!("..., {} bytes)", long.len())),
            "{printed}"
        );
    }

    #[test]
    fn encode_then_decode() {
        let value = serde_json::json!({"id": "exr_1"});
        let payload = Payload::encode(&value).unwrap();
        assert_eq!(payload.json(), r#"{"id":"exr_1"}"#);
        assert_eq!(payload.decode().unwrap(), value);
    }
}
