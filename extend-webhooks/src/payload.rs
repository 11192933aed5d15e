//! Event payloads kept as the JSON text Extend sent until the caller decodes
//! them.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Deserializer};
use serde::ser::{Error as _, Serialize, Serializer};
use serde::Deserialize;
use serde_json::value::RawValue;

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
    /// Wraps JSON text as a payload of type `T`, for tests and for payloads
    /// read back from a store. The text is not checked here, because
    /// [`Payload::decode`] checks it.
    ///
    /// ```
    /// use extend_core::ExtractRun;
    /// use extend_webhooks::Payload;
    ///
    /// let payload = Payload::<ExtractRun>::from_json(r#"{"object":"extract_run","id":42}"#);
    /// assert!(payload.decode().is_err());
    /// ```
    pub fn from_json(json: impl Into<Box<str>>) -> Payload<T> {
        Payload {
            json: json.into(),
            payload_type: PhantomData,
        }
    }

    /// Returns the payload's JSON text, byte for byte as it was in the
    /// delivery body.
    ///
    /// In a payload from a delivery, the text is valid UTF-8 and its
    /// strings and brackets are closed. It may still be invalid JSON inside (see
    /// [`Verifier::verify_and_parse`](crate::Verifier::verify_and_parse)
    /// for what is checked), which [`Payload::decode`] reports.
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
        Ok(Payload::from_json(serde_json::to_string(value)?))
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
        self.decode_as()
    }
}

impl<T> Payload<T> {
    /// Decodes the payload into a type of your own, such as a struct with
    /// only the fields you read.
    ///
    /// ```
    /// use extend_webhooks::Payload;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct RunId {
    ///     id: String,
    /// }
    ///
    /// let payload = Payload::<extend_core::ExtractRun>::from_json(r#"{"id":"exr_1","object":"extract_run"}"#);
    /// let run: RunId = payload.decode_as()?;
    /// assert_eq!(run.id, "exr_1");
    /// # Ok::<(), extend_webhooks::PayloadError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PayloadError`] when the text is not JSON or does not have the
    /// shape of `U`.
    pub fn decode_as<U: DeserializeOwned>(&self) -> Result<U, PayloadError> {
        serde_json::from_str(&self.json).map_err(|source| PayloadError {
            payload_type: short_type_name::<U>(),
            source,
        })
    }
}

/// Returns the last path segment of a type name, such as `ExtractRun`, or
/// `serde_json::Value` in full.
fn short_type_name<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    if name == std::any::type_name::<serde_json::Value>() {
        return "serde_json::Value";
    }
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

impl<T> Hash for Payload<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.json.hash(state);
    }
}

impl<T> AsRef<str> for Payload<T> {
    fn as_ref(&self) -> &str {
        &self.json
    }
}

/// Writes the JSON text.
impl<T> fmt::Display for Payload<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.json)
    }
}

impl<T> From<Payload<T>> for String {
    fn from(payload: Payload<T>) -> String {
        payload.into_json()
    }
}

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

/// Writes the JSON text unchanged through serde_json's `RawValue`.
///
/// This is meant for serde_json: other serializers do not know `RawValue`
/// and write a map with one private key, so decode the payload before
/// writing it in another format.
///
/// # Errors
///
/// Fails when the text is not valid JSON, which only a payload that would
/// also fail [`Payload::decode`] can be.
impl<T> Serialize for Payload<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw: &RawValue = serde_json::from_str(&self.json).map_err(|error| {
            S::Error::custom(format_args!(
                "webhook payload is not valid JSON, so it cannot be written: {error}, \
                 counted from the start of the payload"
            ))
        })?;
        raw.serialize(serializer)
    }
}

/// Reads the JSON text of one value unchanged, through serde_json's
/// `RawValue`, so it works with serde_json only.
impl<'de, T> Deserialize<'de> for Payload<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(Payload::from_json(Box::<str>::from(raw)))
    }
}

/// A payload that does not decode into its type.
#[derive(Debug, thiserror::Error)]
#[error(
    "webhook payload does not decode as {payload_type}: {source}, counted from the start of the payload"
)]
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
        assert_eq!(error.payload_type, "serde_json::Value");
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
        let payload = Payload::<serde_json::Value>::from_json(long.as_str());
        let printed = format!("{payload:?}");
        assert!(
            printed.starts_with(r#"Payload<serde_json::Value>({"text":"éé"#),
            "{printed}"
        );
        assert!(
            printed.ends_with(&format!("..., {} bytes)", long.len())),
            "{printed}"
        );
    }

    #[test]
    fn serialize_error_names_payload() {
        let payload = Payload::<serde_json::Value>::from_json(r#"{"a":[tru]}"#);
        let error = serde_json::to_string(&payload).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("webhook payload is not valid JSON, so it cannot be written: "),
            "{error}"
        );
    }

    #[test]
    fn deserialize_keeps_text() {
        let envelope: std::collections::BTreeMap<String, Payload<serde_json::Value>> =
            serde_json::from_str(r#"{"payload": {"b":1.50, "a":[ 1 ]} }"#).unwrap();
        assert_eq!(envelope["payload"].json(), r#"{"b":1.50, "a":[ 1 ]}"#);
    }

    #[test]
    fn display_and_conversions_give_text() {
        let payload = Payload::<serde_json::Value>::from_json(r#"{"n":1}"#);
        assert_eq!(payload.to_string(), r#"{"n":1}"#);
        assert_eq!(payload.as_ref(), r#"{"n":1}"#);
        assert_eq!(String::from(payload), r#"{"n":1}"#);
    }

    #[test]
    fn encode_then_decode() {
        let value = serde_json::json!({"id": "exr_1"});
        let payload = Payload::encode(&value).unwrap();
        assert_eq!(payload.json(), r#"{"id":"exr_1"}"#);
        assert_eq!(payload.decode().unwrap(), value);
    }
}
