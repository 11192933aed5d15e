//! The raw bodies of the API's successful responses, so the CLI prints the
//! JSON the server sent rather than the typed model encoded again.
//!
//! Re-encoding a typed model drops unknown fields, adds defaults and turns
//! whole numbers into floats where the model field is an `f64`. The commands still
//! decide on the typed models (status, exit code) and print the raw JSON.

use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use bytes::Bytes;
use extend_core::{ApiRequest, ApiResponse, Transport, TransportError};
use extend_http::HttpTransport;
use serde_json::Value;

/// One recorded 2xx response.
struct Entry {
    /// Method, path and query of the request.
    key: String,
    /// Position in the order of responses, starting at 1.
    sequence: u64,
    body: Bytes,
}

/// The last 2xx body of each distinct request (method, path and query).
///
/// Repeated polls of a run share one entry, so memory stays bounded by the
/// number of distinct requests of a command, such as the pages of a list.
#[derive(Default)]
pub(crate) struct ResponseLog {
    entries: Mutex<Vec<Entry>>,
}

/// A position in a [`ResponseLog`]. Responses recorded after it are newer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark(u64);

impl ResponseLog {
    /// Stores `body` as the newest response to the request `key`.
    pub(crate) fn record(&self, key: impl Into<String>, body: Bytes) {
        let key = key.into();
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let sequence = entries.last().map_or(1, |entry| entry.sequence + 1);
        entries.retain(|entry| entry.key != key);
        entries.push(Entry {
            key,
            sequence,
            body,
        });
    }

    /// Returns a mark of the newest response recorded so far.
    pub(crate) fn mark(&self) -> Mark {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        Mark(entries.last().map_or(0, |entry| entry.sequence))
    }

    /// Parses the newest 2xx body as JSON. Returns `None` when there is none
    /// or it is not JSON.
    pub(crate) fn last_json(&self) -> Option<Value> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = entries.last()?;
        serde_json::from_slice(&entry.body).ok()
    }

    /// Parses every 2xx body recorded after `mark`, oldest first, skipping
    /// bodies that are not JSON.
    pub(crate) fn json_since(&self, mark: Mark) -> Vec<Value> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .iter()
            .filter(|entry| entry.sequence > mark.0)
            .filter_map(|entry| serde_json::from_slice(&entry.body).ok())
            .collect()
    }
}

/// The HTTP transport, recording each 2xx body in a [`ResponseLog`].
pub(crate) struct RecordingTransport {
    inner: HttpTransport,
    log: Arc<ResponseLog>,
}

impl RecordingTransport {
    /// Wraps `inner` so that every 2xx response it returns is recorded in `log`.
    pub(crate) fn new(inner: HttpTransport, log: Arc<ResponseLog>) -> Self {
        RecordingTransport { inner, log }
    }
}

#[async_trait]
impl Transport for RecordingTransport {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        let key = request_key(&request);
        let response = self.inner.send(request).await?;
        if response.status.is_success() {
            self.log.record(key, response.body.clone());
        }
        Ok(response)
    }
}

fn request_key(request: &ApiRequest) -> String {
    let mut key = format!("{} {}", request.method, request.path);
    for (name, value) in &request.query {
        key.push_str(&format!(" {name}={value}"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_request_keeps_newest_body() {
        let log = ResponseLog::default();
        log.record("GET /a", Bytes::from_static(br#"{"n":1}"#));
        log.record("GET /b", Bytes::from_static(br#"{"n":2}"#));
        log.record("GET /a", Bytes::from_static(br#"{"n":3}"#));

        assert_eq!(log.last_json(), Some(serde_json::json!({"n": 3})));
        assert_eq!(log.entries.lock().unwrap().len(), 2);
    }

    #[test]
    fn json_since_mark_in_order() {
        let log = ResponseLog::default();
        log.record("GET /a", Bytes::from_static(br#"{"n":1}"#));
        let mark = log.mark();
        log.record("GET /a?page=2", Bytes::from_static(br#"{"n":2}"#));
        log.record("GET /x", Bytes::from_static(b"not json"));
        log.record("GET /a?page=3", Bytes::from_static(br#"{"n":3}"#));

        let bodies = log.json_since(mark);
        assert_eq!(
            bodies,
            vec![serde_json::json!({"n": 2}), serde_json::json!({"n": 3})]
        );
    }

    #[test]
    fn empty_log_has_no_json() {
        let log = ResponseLog::default();
        assert_eq!(log.last_json(), None);
        assert!(log.json_since(log.mark()).is_empty());
    }
}
