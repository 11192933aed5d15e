use std::path::Path;

use http::Method;

use super::{path, Client};
use crate::transport::{ApiRequest, FileUpload, Idempotency, RequestBody, Transport};
use crate::{Error, File};

/// File routes: `/files`.
#[derive(Debug)]
pub struct Files<T: ?Sized> {
    client: Client<T>,
}

impl<T: Transport + ?Sized + 'static> Files<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        Files { client }
    }

    /// Uploads a local file (`POST /files/upload`, multipart).
    ///
    /// The transport reads the file when it sends the request and rejects a
    /// missing or empty file before any network I/O.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the path has no file name; otherwise any
    /// [`Error`] of [`Client::execute`].
    pub async fn upload(&self, path: &Path) -> Result<File, Error> {
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Error::InvalidRequest(format!(
                    "{} has no file name; pass the path of a file",
                    path.display()
                ))
            })?;
        let upload = FileUpload {
            path: path.to_path_buf(),
            content_type: content_type_for(&file_name).to_owned(),
            file_name,
            password: None,
        };
        let request = ApiRequest::new(Method::POST, "/files/upload", Idempotency::CreatesResource)
            .with_body(RequestBody::Upload(upload));
        self.client.execute(request).await
    }

    /// Retrieves a file's metadata (`GET /files/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<File, Error> {
        let request = ApiRequest::get(format!("/files/{}", path::segment(id)));
        self.client.execute(request).await
    }
}

/// Returns the MIME type for a file name, from its extension
/// (`application/octet-stream` when unknown).
pub fn content_type_for(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "tif" | "tiff" => "image/tiff",
        "heic" => "image/heic",
        "txt" | "md" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::content_type_for;

    #[test]
    fn content_type_by_extension() {
        assert_eq!(content_type_for("Invoice.PDF"), "application/pdf");
        assert_eq!(content_type_for("notes.txt"), "text/plain");
        assert_eq!(content_type_for("archive"), "application/octet-stream");
    }
}
