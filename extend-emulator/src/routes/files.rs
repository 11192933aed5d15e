//! File routes: `POST /files/upload`, `GET /files`, `GET /files/{id}`,
//! `DELETE /files/{id}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::multipart::{Field, MultipartRejection};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use extend_core::{content_type_for, FileType};
use serde::Deserialize;
use serde_json::Value;
use tracing::{debug, info};

use super::extractors::ApiQuery;
use super::listing::{list_page, text_contains, ListQuery};
use super::MAX_BODY_BYTES;
use crate::api_error::ApiFailure;
use crate::document::{pdf_page_count, text_page_count};
use crate::objects::{file_object, object_id};
use crate::state::{AppState, StoredFile};

/// Returns the routes of this module.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/files/upload", post(upload_file))
        .route("/files", get(list_files))
        .route("/files/{id}", get(retrieve_file).delete(delete_file))
}

/// Query of `POST /files/upload`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UploadQuery {
    /// Accepted and logged.
    // NOTE: the emulator converts nothing; a non-PDF file keeps its type.
    #[serde(default)]
    convert_to_pdf: Option<bool>,
}

/// The parts of an upload the emulator keeps.
#[derive(Debug, Default)]
struct UploadParts {
    file: Option<(String, Option<String>, Bytes)>,
    password: Option<String>,
}

async fn upload_file(
    State(state): State<Arc<AppState>>,
    ApiQuery(query): ApiQuery<UploadQuery>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<Value>, ApiFailure> {
    let multipart = multipart.map_err(|rejection| {
        ApiFailure::invalid_request(format!(
            "invalid upload: {}; send multipart/form-data with a part named `file`",
            rejection.body_text()
        ))
    })?;
    let parts = read_parts(multipart).await?;

    let Some((name, content_type, bytes)) = parts.file else {
        return Err(ApiFailure::invalid_request(
            "missing multipart part `file`; send the document in a part named file",
        ));
    };
    if bytes.is_empty() {
        return Err(ApiFailure::invalid_request(format!(
            "the uploaded file {name:?} is empty (0 bytes); upload a file with content"
        )));
    }

    let file_type = detect_file_type(&name, content_type.as_deref(), &bytes);
    let page_count = count_pages(file_type.as_ref(), &bytes).await;
    let file = file_object(&name, file_type.as_ref(), page_count);
    let file_id = object_id(&file);
    info!(
        %file_id,
        %name,
        bytes = bytes.len(),
        convert_to_pdf = ?query.convert_to_pdf,
        "file uploaded"
    );

    let stored = StoredFile {
        file: file.clone(),
        file_type,
        bytes,
        password: parts.password,
    };
    state.files.insert(file_id, stored);
    Ok(Json(file))
}

async fn read_parts(mut multipart: Multipart) -> Result<UploadParts, ApiFailure> {
    let mut parts = UploadParts::default();
    loop {
        let field = multipart.next_field().await.map_err(|err| {
            ApiFailure::invalid_request(format!("invalid multipart body: {}", err.body_text()))
        })?;
        let Some(field) = field else {
            return Ok(parts);
        };
        match field.name() {
            Some("file") => parts.file = Some(read_file_part(field).await?),
            Some("password") => {
                let password = field.text().await.map_err(|err| {
                    ApiFailure::invalid_request(format!(
                        "failed to read the `password` part: {}",
                        err.body_text()
                    ))
                })?;
                parts.password = Some(password);
            }
            other => debug!(part = ?other, "ignoring an unknown multipart part"),
        }
    }
}

async fn read_file_part(field: Field<'_>) -> Result<(String, Option<String>, Bytes), ApiFailure> {
    let name = field
        .file_name()
        .filter(|name| !name.is_empty())
        .unwrap_or("upload")
        .to_owned();
    let content_type = field.content_type().map(str::to_owned);
    let bytes = field.bytes().await.map_err(|err| {
        if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiFailure::file_too_large(format!(
                "the file {name:?} is larger than the emulator's upload limit of {} MiB",
                MAX_BODY_BYTES / (1024 * 1024)
            ));
        }
        ApiFailure::invalid_request(format!(
            "failed to read the `file` part {name:?}: {}",
            err.body_text()
        ))
    })?;
    Ok((name, content_type, bytes))
}

/// Decides the file type from the bytes, the part's content type, then the
/// name's extension.
fn detect_file_type(name: &str, content_type: Option<&str>, bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"%PDF-") {
        return Some(FileType::Pdf);
    }
    let declared = content_type
        .map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|value| !value.is_empty() && value != "application/octet-stream");
    let mime = declared.unwrap_or_else(|| content_type_for(name).to_owned());
    file_type_for_mime(&mime)
}

fn file_type_for_mime(mime: &str) -> Option<FileType> {
    let file_type = match mime {
        "application/pdf" => FileType::Pdf,
        "text/plain" | "text/markdown" => FileType::Txt,
        "text/csv" => FileType::Csv,
        "text/html" => FileType::Html,
        "application/xml" | "text/xml" => FileType::Xml,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => FileType::Docx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-excel" => FileType::Excel,
        image if image.starts_with("image/") => FileType::Img,
        _ => return None,
    };
    Some(file_type)
}

/// Counts pages: PDF pages, or form-feed separated pages of text.
async fn count_pages(file_type: Option<&FileType>, bytes: &Bytes) -> Option<usize> {
    match file_type {
        Some(FileType::Pdf) => {
            let bytes = bytes.clone();
            tokio::task::spawn_blocking(move || pdf_page_count(&bytes))
                .await
                .ok()
                .flatten()
        }
        Some(FileType::Txt) | Some(FileType::Csv) => Some(text_page_count(bytes)),
        _ => None,
    }
}

async fn retrieve_file(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    let stored = state
        .files
        .get(&id)
        .ok_or_else(|| ApiFailure::not_found("file", &id))?;
    Ok(Json(stored.file))
}

async fn list_files(
    State(state): State<Arc<AppState>>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<Value>, ApiFailure> {
    let filter =
        |stored: &StoredFile| text_contains(&stored.file, "/name", query.name_contains.as_ref());
    let list = list_page(&state.files, &query, filter, |stored| stored.file.clone())?;
    Ok(Json(list))
}

async fn delete_file(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiFailure> {
    state
        .files
        .remove(&id)
        .ok_or_else(|| ApiFailure::not_found("file", &id))?;
    info!(file_id = %id, "file deleted");
    Ok(Json(serde_json::json!({ "id": id })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_type_cases() {
        let cases = [
            ("a.bin", None, &b"%PDF-1.7"[..], Some(FileType::Pdf)),
            (
                "notes.txt",
                Some("text/plain; charset=utf-8"),
                b"hi",
                Some(FileType::Txt),
            ),
            (
                "notes.txt",
                Some("application/octet-stream"),
                b"hi",
                Some(FileType::Txt),
            ),
            ("scan.png", None, b"\x89PNG", Some(FileType::Img)),
            ("data", None, b"\x00\x01", None),
        ];
        for (name, content_type, bytes, expected) in cases {
            assert_eq!(
                detect_file_type(name, content_type, bytes),
                expected,
                "{name}"
            );
        }
    }
}
