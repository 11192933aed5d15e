//! Picks the JSON a command prints: the body the server sent, when it is the
//! body the typed value was decoded from, else the typed value encoded again.

use serde::Serialize;
use serde_json::Value;

use crate::error::CliError;
use crate::response_log::{Mark, ResponseLog};

/// Returns the newest recorded body when it has the id of `typed` (and, for
/// a list, the same item ids). Otherwise returns `typed` encoded as JSON.
pub(crate) fn object<T: Serialize>(log: &ResponseLog, typed: &T) -> Result<Value, CliError> {
    let typed = to_value(typed)?;
    match log.last_json() {
        Some(raw) if same_object(&typed, &raw) => Ok(raw),
        _ => {
            tracing::debug!("no matching raw response; printing the typed model");
            Ok(typed)
        }
    }
}

/// Returns the items of the list pages recorded after `mark`, in order, when
/// their ids match `typed`. Otherwise returns `typed` encoded as JSON.
///
/// A page that failed to decode is recorded but yields no typed items, so
/// only as many raw items as there are typed ones are kept.
pub(crate) fn items<T: Serialize>(
    log: &ResponseLog,
    mark: Mark,
    typed: &[T],
) -> Result<Vec<Value>, CliError> {
    let typed = typed.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
    let raw: Vec<Value> = log
        .json_since(mark)
        .into_iter()
        .filter_map(|page| match page {
            Value::Object(mut page) => match page.remove("data") {
                Some(Value::Array(data)) => Some(data),
                _ => None,
            },
            _ => None,
        })
        .flatten()
        .take(typed.len())
        .collect();

    let matches = raw.len() == typed.len()
        && raw
            .iter()
            .zip(&typed)
            .all(|(raw, typed)| same_object(typed, raw));
    if matches {
        Ok(raw)
    } else {
        tracing::debug!("raw list pages do not match the items; printing the typed models");
        Ok(typed)
    }
}

/// Encodes a typed value as JSON.
pub(crate) fn to_value<T: Serialize>(value: &T) -> Result<Value, CliError> {
    serde_json::to_value(value)
        .map_err(|err| CliError::Output(format!("could not encode the output: {err}")))
}

/// Compares the fields that identify an API object: `id` (or `batchId`),
/// and for a list the ids of its items.
fn same_object(typed: &Value, raw: &Value) -> bool {
    if identity(typed) != identity(raw) {
        return false;
    }
    match (typed.get("data"), raw.get("data")) {
        (Some(Value::Array(typed)), Some(Value::Array(raw))) => {
            typed.len() == raw.len()
                && typed
                    .iter()
                    .zip(raw)
                    .all(|(typed, raw)| identity(typed) == identity(raw))
        }
        (None, None) => true,
        _ => false,
    }
}

fn identity(value: &Value) -> (Option<&Value>, Option<&Value>) {
    (value.get("id"), value.get("batchId"))
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use serde_json::json;

    use super::*;

    fn log_with(body: &'static str) -> ResponseLog {
        let log = ResponseLog::default();
        log.record("GET /x", Bytes::from_static(body.as_bytes()));
        log
    }

    #[test]
    fn matching_id_prints_raw() {
        let log = log_with(r#"{"id":"exr_1","pageCount":2,"futureField":{"a":1}}"#);
        let typed = json!({"id": "exr_1", "pageCount": 2.0});
        let printed = object(&log, &typed).unwrap();
        assert_eq!(printed["futureField"], json!({"a": 1}));
        assert!(printed["pageCount"].is_u64(), "{printed}");
    }

    #[test]
    fn other_id_prints_typed() {
        let log = log_with(r#"{"id":"exr_2"}"#);
        let typed = json!({"id": "exr_1"});
        assert_eq!(object(&log, &typed).unwrap(), typed);
    }

    #[test]
    fn list_with_other_items_prints_typed() {
        let log = log_with(r#"{"object":"list","data":[{"id":"a"},{"id":"b"}]}"#);
        let typed = json!({"object": "list", "data": [{"id": "a"}]});
        assert_eq!(object(&log, &typed).unwrap(), typed);
    }

    #[test]
    fn items_across_pages() {
        let log = ResponseLog::default();
        let mark = log.mark();
        log.record(
            "GET /files",
            Bytes::from_static(br#"{"data":[{"id":"f1","n":1}]}"#),
        );
        log.record(
            "GET /files t=2",
            Bytes::from_static(br#"{"data":[{"id":"f2","n":2}]}"#),
        );
        let typed = vec![json!({"id": "f1"}), json!({"id": "f2"})];

        let printed = items(&log, mark, &typed).unwrap();
        assert_eq!(
            printed,
            vec![json!({"id": "f1", "n": 1}), json!({"id": "f2", "n": 2})]
        );
    }
}
