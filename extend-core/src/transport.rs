//! The `Transport` trait: the one seam between the typed client and the
//! network.
//!
//! The typed [`Client`](crate::Client) builds an [`ApiRequest`] (method, path,
//! query, body and whether a retry could create something twice) and hands it
//! to a transport. `extend-http` provides the production transport on
//! reqwest; tests can mock this trait.

use std::path::PathBuf;

use async_trait::async_trait;
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};

use crate::error::TransportError;

/// Sends requests to an Extend-compatible API.
///
/// A transport owns everything about the wire: base URL, authentication,
/// headers, timeouts and retries. It returns the final response whatever its
/// status; the typed client turns a non-2xx status into an error.
#[async_trait]
pub trait Transport: Send + Sync {
    /// Sends one request, with whatever retries the transport's policy allows.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] when no HTTP response could be had
    /// (connection, timeout, reading a local file for upload).
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError>;
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        (**self).send(request).await
    }
}

/// Whether retrying a request could repeat a side effect on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Idempotency {
    /// Safe to repeat: reads, deletes and cancels.
    Idempotent,
    /// Creates something (a run, a batch, an uploaded file). The API has no
    /// idempotency key, so a retry after the server saw the request may
    /// create a second one.
    CreatesResource,
}

/// The body of an [`ApiRequest`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum RequestBody {
    /// No body.
    Empty,
    /// A JSON document, already encoded.
    Json(Bytes),
    /// A local file sent as `multipart/form-data` to `POST /files/upload`.
    Upload(FileUpload),
}

/// A local file to upload, read by the transport when it sends the request.
#[derive(Clone)]
pub struct FileUpload {
    /// Path of the file on the local disk.
    pub path: PathBuf,
    /// File name sent in the multipart `Content-Disposition` (base name only).
    pub file_name: String,
    /// MIME type of the file part.
    pub content_type: String,
    /// Password that unlocks a protected PDF, sent as the `password` field.
    pub password: Option<String>,
}

impl std::fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileUpload")
            .field("path", &self.path)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// One request of the typed client, before the transport adds the base URL,
/// authentication and its own headers.
#[derive(Debug, Clone)]
pub struct ApiRequest {
    /// HTTP method.
    pub method: Method,
    /// Path below the base URL, starting with `/`, already percent-encoded.
    pub path: String,
    /// Query parameters, in order, not yet encoded.
    pub query: Vec<(String, String)>,
    /// Request body.
    pub body: RequestBody,
    /// Whether a retry could repeat a side effect.
    pub idempotency: Idempotency,
}

impl ApiRequest {
    /// Builds a request with no query and no body.
    pub fn new(method: Method, path: impl Into<String>, idempotency: Idempotency) -> Self {
        ApiRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: RequestBody::Empty,
            idempotency,
        }
    }

    /// Builds an idempotent `GET`.
    pub fn get(path: impl Into<String>) -> Self {
        ApiRequest::new(Method::GET, path, Idempotency::Idempotent)
    }

    /// Adds a query parameter.
    pub fn with_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn with_body(mut self, body: RequestBody) -> Self {
        self.body = body;
        self
    }
}

/// The final HTTP response to an [`ApiRequest`], whatever its status.
#[derive(Debug, Clone)]
pub struct ApiResponse {
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// Response body.
    pub body: Bytes,
    /// How many attempts the transport made, counting the first (at least 1).
    pub attempts: u32,
}
