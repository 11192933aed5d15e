//! The `file` field of run requests: which document a run processes.

use std::sync::Arc;

use axum::body::Bytes;
use extend_core::FileType;
use serde_json::Value;

use crate::api_error::ApiFailure;
use crate::document::text_page_count;
use crate::objects::{file_object, object_id};
use crate::processing::RunInput;
use crate::state::{AppState, StoredFile};

/// The document of a run: the `File` object to show and what to process.
#[derive(Debug)]
pub(crate) struct ResolvedInput {
    /// The file the run reports in its `file` field.
    pub(crate) file: Value,
    /// The input the run processes.
    pub(crate) input: RunInput,
}

/// Resolves the `file` field of a run request.
///
/// # Errors
///
/// `INVALID_REQUEST` when `file` is missing or malformed, is a URL (the
/// emulator downloads nothing), or is text while `accepts_text` is false;
/// `NOT_FOUND` for an unknown file id.
pub(crate) fn resolve_file(
    state: &Arc<AppState>,
    file: Option<Value>,
    accepts_text: bool,
    route: &str,
) -> Result<ResolvedInput, ApiFailure> {
    let Some(file) = file else {
        return Err(ApiFailure::invalid_request(format!(
            "missing field `file` in the body of {route}; send {{\"file\": {{\"id\": \"file_...\"}}}}"
        )));
    };
    let reference = FileReference::from_json(&file).ok_or_else(|| {
        ApiFailure::invalid_request(format!(
            "invalid `file` in the body of {route}: expected an object with a string `id`, `url` or `text`"
        ))
    })?;

    match reference {
        FileReference::Id(id) => {
            let stored = state
                .files
                .get(&id)
                .ok_or_else(|| ApiFailure::not_found("file", &id))?;
            Ok(ResolvedInput {
                file: stored.file.clone(),
                input: RunInput::File(stored),
            })
        }
        FileReference::Url(url) => Err(ApiFailure::invalid_request(format!(
            "the emulator cannot download files, so `file.url` {url:?} is not supported; \
             upload the file with POST /files/upload and pass {{\"id\": \"file_...\"}}"
        ))),
        FileReference::Text {
            text: content,
            name,
        } => match accepts_text {
            true => Ok(store_text(state, content, name)),
            false => Err(ApiFailure::invalid_request(format!(
                "{route} does not accept raw text in `file.text`; upload the text as a file \
                 with POST /files/upload and pass {{\"id\": \"file_...\"}}"
            ))),
        },
    }
}

/// The three forms of the `file` field, distinguished by which key is present.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileReference {
    /// `{"id": "file_..."}`.
    Id(String),
    /// `{"url": "https://...", "name"?}`.
    Url(String),
    /// `{"text": "...", "name"?}`.
    Text { text: String, name: Option<String> },
}

impl FileReference {
    /// Reads the form of `file`, or returns `None` when no known key contains a string.
    fn from_json(file: &Value) -> Option<FileReference> {
        let string = |key: &str| file.get(key).and_then(Value::as_str).map(str::to_owned);
        if let Some(id) = string("id") {
            return Some(FileReference::Id(id));
        }
        if let Some(url) = string("url") {
            return Some(FileReference::Url(url));
        }
        let text = string("text")?;
        Some(FileReference::Text {
            text,
            name: string("name"),
        })
    }
}

/// Stores raw text as a TXT file, so the run's `file` can be retrieved.
fn store_text(state: &Arc<AppState>, text: String, name: Option<String>) -> ResolvedInput {
    let page_count = text_page_count(text.as_bytes());
    let name = name.unwrap_or_else(|| "text.txt".to_owned());
    let file = file_object(&name, Some(&FileType::Txt), Some(page_count));
    let stored = StoredFile {
        file: file.clone(),
        file_type: Some(FileType::Txt),
        bytes: Bytes::from(text.clone()),
        password: None,
    };
    state.files.insert(object_id(&file), stored);
    ResolvedInput {
        file,
        input: RunInput::Text(text),
    }
}

/// Checks that `metadata`, when present, is a JSON object (`null` means absent).
///
/// # Errors
///
/// `INVALID_REQUEST` for any other JSON type.
pub(crate) fn check_metadata(
    metadata: Option<Value>,
    route: &str,
) -> Result<Option<Value>, ApiFailure> {
    match metadata {
        None | Some(Value::Null) => Ok(None),
        Some(metadata @ Value::Object(_)) => Ok(Some(metadata)),
        Some(_) => Err(ApiFailure::invalid_request(format!(
            "invalid `metadata` in the body of {route}: expected a JSON object"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn file_reference_forms() {
        let cases = [
            (
                json!({"id": "file_1"}),
                Some(FileReference::Id("file_1".into())),
            ),
            (
                json!({"url": "https://example.com/a.pdf"}),
                Some(FileReference::Url("https://example.com/a.pdf".into())),
            ),
            (
                json!({"text": "hi", "name": "a.txt"}),
                Some(FileReference::Text {
                    text: "hi".into(),
                    name: Some("a.txt".into()),
                }),
            ),
            (json!({"id": 5}), None),
            (json!("file_1"), None),
            (json!({}), None),
        ];
        for (file, expected) in cases {
            assert_eq!(FileReference::from_json(&file), expected, "{file}");
        }
    }

    #[test]
    fn metadata_must_be_object() {
        assert_eq!(check_metadata(None, "route").unwrap(), None);
        assert_eq!(check_metadata(Some(Value::Null), "route").unwrap(), None);
        assert!(check_metadata(Some(json!({"a": 1})), "route")
            .unwrap()
            .is_some());
        assert!(check_metadata(Some(json!([1])), "route").is_err());
    }
}
