//! List responses: `{object: "list", data, nextPageToken}` with
//! `maxPageSize`, `sortDir` and opaque page tokens.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::api_error::ApiFailure;
use crate::store::Table;

/// Page size when `maxPageSize` is absent.
// NOTE: the API's default page size is not documented in the sources used; 10 is a guess.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 10;
/// Largest accepted `maxPageSize`.
pub(crate) const MAX_PAGE_SIZE: usize = 1000;

/// Prefix of page tokens; the rest is a hexadecimal row sequence number.
const TOKEN_PREFIX: &str = "pt_";

/// The query parameters of every list route; each route reads the filters
/// it supports and ignores the others.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListQuery {
    pub(crate) next_page_token: Option<String>,
    pub(crate) max_page_size: Option<usize>,
    pub(crate) sort_dir: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) batch_id: Option<String>,
    pub(crate) file_name_contains: Option<String>,
    pub(crate) name_contains: Option<String>,
    pub(crate) extractor_id: Option<String>,
    pub(crate) classifier_id: Option<String>,
    pub(crate) splitter_id: Option<String>,
    pub(crate) workflow_id: Option<String>,
    pub(crate) webhook_endpoint_id: Option<String>,
    pub(crate) resource_id: Option<String>,
}

/// Builds one page of `table` as a list object, mapping each row with `show`.
///
/// # Errors
///
/// `INVALID_REQUEST` for a `maxPageSize` outside 1 to 1000, a `sortDir` other
/// than `asc` or `desc`, or a page token this emulator did not issue.
pub(crate) fn list_page<T: Clone>(
    table: &Table<T>,
    query: &ListQuery,
    filter: impl Fn(&T) -> bool,
    show: impl Fn(&T) -> Value,
) -> Result<Value, ApiFailure> {
    let size = query.max_page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&size) {
        return Err(ApiFailure::invalid_request(format!(
            "invalid `maxPageSize` {size}: expected 1 to {MAX_PAGE_SIZE}"
        )));
    }
    let descending = match query.sort_dir.as_deref() {
        None | Some("desc") => true,
        Some("asc") => false,
        Some(other) => {
            return Err(ApiFailure::invalid_request(format!(
                "invalid `sortDir` {other:?}: expected \"asc\" or \"desc\""
            )))
        }
    };
    let start = query
        .next_page_token
        .as_deref()
        .map(decode_token)
        .transpose()?;

    let page = table.page(filter, start, size, descending);
    let data: Vec<Value> = page.rows.iter().map(show).collect();
    let mut list = json!({ "object": "list", "data": data });
    if let Some(next) = page.next {
        list["nextPageToken"] = json!(format!("{TOKEN_PREFIX}{next:x}"));
    }
    Ok(list)
}

fn decode_token(token: &str) -> Result<u64, ApiFailure> {
    token
        .strip_prefix(TOKEN_PREFIX)
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .ok_or_else(|| {
            ApiFailure::invalid_request(format!(
                "invalid `nextPageToken` {token:?}: pass the token of the previous page unchanged"
            ))
        })
}

/// Whether `value` at the JSON `pointer` equals `wanted`, or `wanted` is absent.
pub(crate) fn field_matches(value: &Value, pointer: &str, wanted: Option<&String>) -> bool {
    match wanted {
        None => true,
        Some(wanted) => value.pointer(pointer).and_then(Value::as_str) == Some(wanted.as_str()),
    }
}

/// Whether the text at `pointer` contains `wanted` ignoring case, or `wanted` is absent.
pub(crate) fn text_contains(value: &Value, pointer: &str, wanted: Option<&String>) -> bool {
    match wanted {
        None => true,
        Some(wanted) => value
            .pointer(pointer)
            .and_then(Value::as_str)
            .is_some_and(|text| text.to_lowercase().contains(&wanted.to_lowercase())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_round_trip() {
        assert_eq!(decode_token("pt_1f").unwrap(), 31);
        assert!(decode_token("1f").is_err());
        assert!(decode_token("pt_zz").is_err());
    }

    #[test]
    fn page_size_bounds() {
        let table: Table<Value> = Table::new();
        for (size, accepted) in [(0, false), (1, true), (1000, true), (1001, false)] {
            let query = ListQuery {
                max_page_size: Some(size),
                ..ListQuery::default()
            };
            let result = list_page(&table, &query, |_| true, Clone::clone);
            assert_eq!(result.is_ok(), accepted, "{size}");
        }
    }
}
