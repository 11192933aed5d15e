//! The multipart body of `POST /files/upload`, streamed from disk.

use std::io;
use std::path::Path;

use extend_core::{FileUpload, TransportError, TransportErrorKind};
use reqwest::multipart::{Form, Part};
use reqwest::Body;
use tokio_util::io::ReaderStream;

/// Size of each chunk read from the file, so memory stays bounded whatever
/// the file size.
const CHUNK_SIZE: usize = 64 * 1024;

/// Checks that `path` is a non-empty regular file and returns its size.
///
/// # Errors
///
/// A [`TransportErrorKind::LocalFile`] error naming the path when the file
/// is missing, unreadable, a directory or empty.
pub(crate) async fn check_file(path: &Path) -> Result<u64, TransportError> {
    let metadata = tokio::fs::metadata(path)
        .await
        .map_err(|error| read_error(path, error))?;

    if metadata.is_dir() {
        return Err(local_file_error(format!(
            "{} is a directory; pass the path of a file to upload",
            path.display()
        )));
    }
    if metadata.len() == 0 {
        return Err(local_file_error(format!(
            "{} is empty (0 bytes); Extend rejects empty files, so pass a file with content",
            path.display()
        )));
    }
    Ok(metadata.len())
}

/// Builds the multipart form: the `file` part streamed from disk with its
/// length known, and the optional `password` text part.
///
/// The file is opened again for each attempt, so a retry sends the same
/// bytes from the start.
///
/// # Errors
///
/// A [`TransportErrorKind::LocalFile`] error when the file cannot be opened
/// or became empty, and [`TransportErrorKind::InvalidRequest`] for a content
/// type that is not a valid MIME type.
pub(crate) async fn multipart_form(upload: &FileUpload) -> Result<Form, TransportError> {
    let length = check_file(&upload.path).await?;
    let file = tokio::fs::File::open(&upload.path)
        .await
        .map_err(|error| read_error(&upload.path, error))?;

    let stream = ReaderStream::with_capacity(file, CHUNK_SIZE);
    let part = Part::stream_with_length(Body::wrap_stream(stream), length)
        .file_name(upload.file_name.clone())
        .mime_str(&upload.content_type)
        .map_err(|error| {
            TransportError::new(
                TransportErrorKind::InvalidRequest,
                format!(
                    "invalid content type {:?} for {}; pass a MIME type such as application/pdf",
                    upload.content_type,
                    upload.path.display()
                ),
            )
            .with_source(error)
        })?;

    let mut form = Form::new().part("file", part);
    if let Some(password) = &upload.password {
        form = form.text("password", password.clone());
    }
    Ok(form)
}

fn read_error(path: &Path, error: io::Error) -> TransportError {
    let message = match error.kind() {
        io::ErrorKind::NotFound => format!("file not found: {}; check the path", path.display()),
        io::ErrorKind::PermissionDenied => format!(
            "permission denied reading {}; check the file's permissions",
            path.display()
        ),
        _ => format!("could not read {}: {error}", path.display()),
    };
    local_file_error(message).with_source(error)
}

fn local_file_error(message: String) -> TransportError {
    TransportError::new(TransportErrorKind::LocalFile, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn missing_file_names_path() {
        let error = check_file(Path::new("/no/such/invoice.pdf"))
            .await
            .expect_err("missing file");

        assert_eq!(error.kind, TransportErrorKind::LocalFile);
        assert!(
            error.message.contains("/no/such/invoice.pdf"),
            "{}",
            error.message
        );
        assert!(error.message.contains("not found"), "{}", error.message);
    }

    #[tokio::test]
    async fn directory_rejected() {
        let folder = tempfile::tempdir().expect("temp dir");

        let error = check_file(folder.path()).await.expect_err("directory");

        assert_eq!(error.kind, TransportErrorKind::LocalFile);
        assert!(
            error.message.contains("is a directory"),
            "{}",
            error.message
        );
    }

    #[tokio::test]
    async fn empty_file_rejected() {
        let file = tempfile::NamedTempFile::new().expect("temp file");

        let error = check_file(file.path()).await.expect_err("empty file");

        assert_eq!(error.kind, TransportErrorKind::LocalFile);
        assert!(
            error.message.contains("empty (0 bytes)"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains(&file.path().display().to_string()),
            "{}",
            error.message
        );
    }

    #[tokio::test]
    async fn file_size_returned() {
        let file = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(file.path(), b"%PDF-1.7").expect("write temp file");

        assert_eq!(check_file(file.path()).await.expect("size"), 8);
    }

    #[tokio::test]
    async fn bad_content_type_rejected() {
        let file = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(file.path(), b"data").expect("write temp file");
        let upload = FileUpload {
            path: file.path().to_path_buf(),
            file_name: "data.bin".to_owned(),
            content_type: "not a mime type".to_owned(),
            password: None,
        };

        let error = multipart_form(&upload).await.expect_err("bad MIME type");

        assert_eq!(error.kind, TransportErrorKind::InvalidRequest);
        assert!(
            error.message.contains("not a mime type"),
            "{}",
            error.message
        );
    }
}
