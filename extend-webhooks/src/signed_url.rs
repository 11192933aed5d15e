//! Signed-URL deliveries: a link in place of a large payload.

use std::fmt;

use extend_core::Metadata;
use serde::{Deserialize, Serialize};

use crate::{WebhookError, WebhookEvent};

/// The `object` value that marks a signed-URL payload.
pub const SIGNED_DATA_URL_OBJECT: &str = "signed_data_url";

/// An event whose payload was delivered as a link to fetch.
///
/// Extend sends `{"object": "signed_data_url", "data": <url>, "id", "metadata"}`
/// in place of the payload when the endpoint delivers large payloads by URL.
/// The URL expires one hour after delivery. `Debug` and every error print the
/// URL without its query string, which contains the access token.
#[derive(Clone, PartialEq)]
pub struct SignedUrlEvent {
    /// The event id (`evt_...`).
    pub event_id: String,
    /// The event type, such as `workflow_run.completed`.
    pub event_type: String,
    /// The presigned URL of the full payload. Fetch it without Extend
    /// credentials.
    pub url: String,
    /// The id of the run or resource the event is about.
    pub resource_id: Option<String>,
    /// The metadata of the run, so a receiver can decide whether to fetch.
    pub metadata: Option<Metadata>,
}

impl SignedUrlEvent {
    /// Builds the full typed event from the body fetched from
    /// [`SignedUrlEvent::url`], for receivers that fetch with their own HTTP
    /// client. The body is checked to be a JSON object, and the payload
    /// decodes with [`Payload::decode`](crate::Payload::decode).
    ///
    /// ```
    /// use extend_webhooks::{parse_unverified, WebhookEvent};
    ///
    /// let delivery = br#"{"eventId":"evt_9","eventType":"batch_parse_run.failed",
    ///     "payload":{"object":"signed_data_url","data":"https://files.example/p?token=t","id":"bpr_1"}}"#;
    /// let WebhookEvent::SignedUrl(signed) = parse_unverified(delivery)? else {
    ///     panic!("expected a signed-URL event");
    /// };
    ///
    /// let fetched = br#"{"object":"batch_run","id":"bpr_1","status":"FAILED"}"#;
    /// let event = signed.event_from_payload(fetched)?;
    /// assert!(matches!(event, WebhookEvent::BatchParseRunFailed { .. }));
    /// # Ok::<(), extend_webhooks::WebhookError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`WebhookError::FetchedBodyNotJson`] when the body is not JSON,
    /// and [`WebhookError::FetchedPayloadNotObject`] when it is JSON but not
    /// an object.
    pub fn event_from_payload(&self, body: &[u8]) -> Result<WebhookEvent, WebhookError> {
        let payload: &serde_json::value::RawValue =
            serde_json::from_slice(body).map_err(|source| WebhookError::FetchedBodyNotJson {
                url: redact_url(&self.url),
                source,
            })?;

        let kind = json_kind(payload.get());
        if kind != "object" {
            return Err(WebhookError::FetchedPayloadNotObject {
                url: redact_url(&self.url),
                kind,
            });
        }

        Ok(WebhookEvent::from_parts(
            self.event_id.clone(),
            &self.event_type,
            payload.get(),
        ))
    }

    /// Returns the URL without its query string and fragment, safe to log.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

impl fmt::Debug for SignedUrlEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedUrlEvent")
            .field("event_id", &self.event_id)
            .field("event_type", &self.event_type)
            .field("url", &self.redacted_url())
            .field("resource_id", &self.resource_id)
            .field("metadata", &self.metadata)
            .finish()
    }
}

/// The wire form of a signed-URL payload.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct SignedDataUrl {
    pub(crate) object: String,
    pub(crate) data: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) metadata: Option<Metadata>,
}

impl SignedDataUrl {
    /// Reads a payload as a signed URL: an object whose `object` is
    /// `signed_data_url` and whose `data` is a string, as the official SDKs
    /// detect it. Returns `None` for any other payload.
    pub(crate) fn detect(payload: &str) -> Option<SignedDataUrl> {
        if !payload.starts_with('{') {
            return None;
        }

        let tag: ObjectTag<'_> = serde_json::from_str(payload).ok()?;
        if tag.object.as_deref() != Some(SIGNED_DATA_URL_OBJECT) {
            return None;
        }

        serde_json::from_str(payload).ok()
    }

    pub(crate) fn into_event(self, event_id: String, event_type: String) -> SignedUrlEvent {
        SignedUrlEvent {
            event_id,
            event_type,
            url: self.data,
            resource_id: self.id,
            metadata: self.metadata,
        }
    }

    pub(crate) fn from_event(event: &SignedUrlEvent) -> SignedDataUrl {
        SignedDataUrl {
            object: SIGNED_DATA_URL_OBJECT.to_owned(),
            data: event.url.clone(),
            id: event.resource_id.clone(),
            metadata: event.metadata.clone(),
        }
    }
}

/// Only the `object` member of a payload; every other member is skipped
/// without being decoded.
#[derive(Deserialize)]
struct ObjectTag<'a> {
    #[serde(borrow, default)]
    object: Option<std::borrow::Cow<'a, str>>,
}

/// Returns the JSON kind of a valid JSON text from its first character.
fn json_kind(json: &str) -> &'static str {
    match json.trim_start().as_bytes().first() {
        Some(b'{') => "object",
        Some(b'[') => "array",
        Some(b'"') => "string",
        Some(b't' | b'f') => "boolean",
        Some(b'n') => "null",
        _ => "number",
    }
}

/// Cuts the query string, the fragment and any user info from a URL, which
/// may carry credentials.
pub(crate) fn redact_url(url: &str) -> String {
    let without_query = url.split(['?', '#']).next().unwrap_or_default();

    let Some((scheme, rest)) = without_query.split_once("://") else {
        return without_query.to_owned();
    };
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    let host = authority.rsplit('@').next().unwrap_or(authority);

    format!("{scheme}://{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_requires_tag_and_string_data() {
        let signed = r#"{"object":"signed_data_url","data":"https://x/y","id":"wr_1"}"#;
        assert!(SignedDataUrl::detect(signed).is_some());

        let no_id = r#"{"object":"signed_data_url","data":"https://x/y"}"#;
        assert!(SignedDataUrl::detect(no_id).is_some());

        for other in [
            r#"{"object":"workflow_run","data":"https://x/y"}"#,
            r#"{"object":"signed_data_url","data":5}"#,
            r#"{"object":"signed_data_url"}"#,
            r#"{"object":7,"data":"https://x/y"}"#,
            r#"["signed_data_url"]"#,
            r#""signed_data_url""#,
        ] {
            assert!(SignedDataUrl::detect(other).is_none(), "{other}");
        }
    }

    #[test]
    fn detect_reads_escaped_tag() {
        let escaped = r#"{"object":"signed\u005fdata_url","data":"https://x/y"}"#;
        assert!(SignedDataUrl::detect(escaped).is_some());
    }

    #[test]
    fn redact_cuts_query_fragment_and_userinfo() {
        assert_eq!(
            redact_url("https://storage.example.com/p/a?token=abc#frag"),
            "https://storage.example.com/p/a"
        );
        assert_eq!(
            redact_url("https://user:pw@host.example/x"),
            "https://host.example/x"
        );
        assert_eq!(
            redact_url("https://host.example?x=1"),
            "https://host.example"
        );
        assert_eq!(redact_url("not a url?secret"), "not a url");
    }

    #[test]
    fn debug_hides_token() {
        let event = SignedUrlEvent {
            event_id: "evt_1".into(),
            event_type: "workflow_run.completed".into(),
            url: "https://storage.example.com/p?token=abc123".into(),
            resource_id: Some("wr_1".into()),
            metadata: None,
        };
        assert!(!format!("{event:?}").contains("abc123"));
    }

    #[test]
    fn json_kind_names_each_kind() {
        assert_eq!(json_kind("[1]"), "array");
        assert_eq!(json_kind("\"s\""), "string");
        assert_eq!(json_kind("true"), "boolean");
        assert_eq!(json_kind("null"), "null");
        assert_eq!(json_kind("-1.5"), "number");
        assert_eq!(json_kind("{}"), "object");
    }
}
