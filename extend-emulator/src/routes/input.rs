//! The `file` field of run requests: which document a run processes.

use std::sync::Arc;

use axum::body::Bytes;
use extend_core::{FileRef, FileType};
use serde_json::Value;

use crate::api_error::ApiFailure;
use crate::objects::{file_object, object_id};
use crate::processing::RunInput;
use crate::state::{AppState, StoredFile};

/// Whether a route accepts raw text (`{"text": ...}`) as its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextInput {
    /// Extract, classify: text is processed like a one-page file.
    Accepted,
    /// Parse, split, edit: only a URL or a file id.
    Rejected,
}

/// The document of a run: the `File` object to show and what to process.
#[derive(Debug)]
pub(crate) struct ResolvedInput {
    /// The file the run reports in its `file` field.
    pub(crate) file: Value,
    /// What the run processes.
    pub(crate) input: RunInput,
}

/// Resolves the `file` field of a run request.
///
/// # Errors
///
/// `INVALID_REQUEST` when `file` is missing or malformed, is a URL (the
/// emulator downloads nothing), or is text where `text` says it is not
/// accepted; `NOT_FOUND` for an unknown file id.
pub(crate) fn resolve_file(
    state: &Arc<AppState>,
    file: Option<Value>,
    text: TextInput,
    route: &str,
) -> Result<ResolvedInput, ApiFailure> {
    let Some(file) = file else {
        return Err(ApiFailure::invalid_request(format!(
            "missing field `file` in the body of {route}; send {{\"file\": {{\"id\": \"file_...\"}}}}"
        )));
    };
    let reference: FileRef = serde_json::from_value(file).map_err(|_| {
        ApiFailure::invalid_request(format!(
            "invalid `file` in the body of {route}: expected an object with a string `id`, `url` or `text`"
        ))
    })?;

    match reference {
        FileRef::Id { id } => {
            let stored = state
                .files
                .get(&id)
                .ok_or_else(|| ApiFailure::not_found("file", &id))?;
            Ok(ResolvedInput {
                file: stored.file.clone(),
                input: RunInput::File(stored),
            })
        }
        FileRef::Url { url, .. } => Err(ApiFailure::invalid_request(format!(
            "the emulator cannot download files, so `file.url` {url:?} is not supported; \
             upload the file with POST /files/upload and pass {{\"id\": \"file_...\"}}"
        ))),
        FileRef::Text {
            text: content,
            name,
        } => match text {
            TextInput::Accepted => Ok(store_text(state, content, name)),
            TextInput::Rejected => Err(ApiFailure::invalid_request(format!(
                "{route} does not accept raw text in `file.text`; upload the text as a file \
                 with POST /files/upload and pass {{\"id\": \"file_...\"}}"
            ))),
        },
        _ => Err(ApiFailure::invalid_request(format!(
            "unsupported `file` form in the body of {route}; pass {{\"id\": \"file_...\"}}"
        ))),
    }
}

/// Stores raw text as a TXT file, so the run's `file` can be retrieved.
fn store_text(state: &Arc<AppState>, text: String, name: Option<String>) -> ResolvedInput {
    let page_count = text.split('\u{c}').count();
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
