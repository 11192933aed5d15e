use std::fmt;
use std::path::Path;

use futures::stream::BoxStream;
use http::Method;

use super::query::{FileListQuery, FileRetrieveQuery, ListQuery};
use super::routes::Routes;
use super::Client;
use crate::transport::{ApiRequest, FileUpload, Idempotency, RequestBody, Transport};
use crate::{DeleteResponse, Error, File, List};

/// File routes: `/files`.
#[derive(Debug)]
pub struct Files<T: ?Sized> {
    client: Client<T>,
    routes: Routes<T>,
}

/// Options of [`Files::upload_with`]. `Debug` hides the password.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct UploadOptions {
    /// Password that unlocks a protected PDF, sent as the `password` field.
    pub password: Option<String>,
    /// Asks the server to convert images and office documents to PDF
    /// (`convertToPdf=true`).
    pub convert_to_pdf: bool,
}

impl fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadOptions")
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .field("convert_to_pdf", &self.convert_to_pdf)
            .finish()
    }
}

impl<T: Transport + ?Sized + 'static> Files<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        Files {
            routes: Routes::new(client.clone(), "/files"),
            client,
        }
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
        self.upload_with(path, &UploadOptions::default()).await
    }

    /// Uploads a local file with a PDF password or PDF conversion.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the path has no file name; otherwise any
    /// [`Error`] of [`Client::execute`].
    pub async fn upload_with(&self, path: &Path, options: &UploadOptions) -> Result<File, Error> {
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
            password: options.password.clone(),
        };
        let mut request =
            ApiRequest::new(Method::POST, "/files/upload", Idempotency::CreatesResource)
                .with_body(RequestBody::Upload(upload));
        if options.convert_to_pdf {
            request = request.with_query("convertToPdf", "true");
        }
        self.client.execute(request).await
    }

    /// Retrieves a file's metadata (`GET /files/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<File, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }

    /// Retrieves a file with its parsed contents in the formats that
    /// `query` selects (`GET /files/{id}?rawText=&markdown=&html=`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve_with(&self, id: &str, query: FileRetrieveQuery) -> Result<File, Error> {
        self.routes.retrieve(id, query.pairs()).await
    }

    /// Lists one page of files (`GET /files`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn list(&self, query: &FileListQuery) -> Result<List<File>, Error> {
        self.routes.list(query.filters(), query.page_token()).await
    }

    /// Streams every file matching `query`, across pages.
    pub fn list_all(&self, query: &FileListQuery) -> BoxStream<'static, Result<File, Error>> {
        self.routes.list_all(query.filters(), query.page_token())
    }

    /// Deletes a file (`DELETE /files/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
        self.routes.delete(id).await
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
