//! The typed client, generic over any [`Transport`].

mod batch_runs;
mod files;
mod form_runs;
mod pager;
mod parse_runs;
mod path;
mod processor_runs;
mod query;
mod routes;
mod webhooks;
mod workflow_runs;

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use batch_runs::BatchRuns;
pub use files::{content_type_for, Files, UploadOptions};
pub use form_runs::{EditRuns, FormDetectionRuns};
pub use parse_runs::ParseRuns;
pub use processor_runs::{ClassifyRuns, ExtractRuns, SplitRuns};
pub use query::{
    FileListQuery, FileRetrieveQuery, ListQuery, ParseResponseType, ParseRunListQuery,
    ProcessorRunListQuery, RunSource, SortBy, SortDir, WebhookEndpointListQuery,
    WebhookSubscriptionListQuery, WorkflowRunListQuery,
};
pub use webhooks::{WebhookEndpoints, WebhookSubscriptions};
pub use workflow_runs::WorkflowRuns;

use crate::error::{ApiError, ApiErrorBody, Error};
use crate::transport::{ApiRequest, RequestBody, Transport};
use crate::Run;

/// Header that carries the request id on every API response.
pub const REQUEST_ID_HEADER: &str = "x-extend-request-id";

/// The typed Extend client.
///
/// It is cheap to clone: clones share one transport. Each resource is a
/// handle with the routes that exist for it.
///
/// ```no_run
/// # async fn demo<T: extend_core::Transport + 'static>(transport: T) -> Result<(), extend_core::Error> {
/// use extend_core::{Client, FileRef, ParseRunCreate};
///
/// let client = Client::new(transport);
/// let run = client
///     .parse_runs()
///     .create(&ParseRunCreate::new(FileRef::id("file_123"))?)
///     .await?;
/// println!("{} is {}", run.id, run.status);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Client<T: ?Sized> {
    transport: Arc<T>,
}

impl<T: ?Sized> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            transport: Arc::clone(&self.transport),
        }
    }
}

impl<T: Transport + 'static> Client<T> {
    /// Wraps a transport.
    pub fn new(transport: T) -> Self {
        Client {
            transport: Arc::new(transport),
        }
    }
}

impl<T: Transport + ?Sized + 'static> Client<T> {
    /// Wraps a shared transport.
    pub fn from_arc(transport: Arc<T>) -> Self {
        Client { transport }
    }

    /// Returns the transport.
    pub fn transport(&self) -> &Arc<T> {
        &self.transport
    }

    /// File routes: upload, retrieve, list, delete.
    pub fn files(&self) -> Files<T> {
        Files::new(self.clone())
    }

    /// Parse run routes.
    pub fn parse_runs(&self) -> ParseRuns<T> {
        ParseRuns::new(self.clone())
    }

    /// Extract run routes, including the sync `POST /extract`.
    pub fn extract_runs(&self) -> ExtractRuns<T> {
        ExtractRuns::new(self.clone())
    }

    /// Classify run routes, including the sync `POST /classify`.
    pub fn classify_runs(&self) -> ClassifyRuns<T> {
        ClassifyRuns::new(self.clone())
    }

    /// Split run routes, including the sync `POST /split`.
    pub fn split_runs(&self) -> SplitRuns<T> {
        SplitRuns::new(self.clone())
    }

    /// Edit run routes, including the sync `POST /edit`.
    pub fn edit_runs(&self) -> EditRuns<T> {
        EditRuns::new(self.clone())
    }

    /// Form detection run routes, including the sync `POST /detect_form`.
    pub fn form_detection_runs(&self) -> FormDetectionRuns<T> {
        FormDetectionRuns::new(self.clone())
    }

    /// Workflow run routes.
    pub fn workflow_runs(&self) -> WorkflowRuns<T> {
        WorkflowRuns::new(self.clone())
    }

    /// Returns the handle of the batch status route, `GET /batch_runs/{id}`.
    pub fn batch_runs(&self) -> BatchRuns<T> {
        BatchRuns::new(self.clone())
    }

    /// Webhook endpoint routes.
    pub fn webhook_endpoints(&self) -> WebhookEndpoints<T> {
        WebhookEndpoints::new(self.clone())
    }

    /// Webhook subscription routes.
    pub fn webhook_subscriptions(&self) -> WebhookSubscriptions<T> {
        WebhookSubscriptions::new(self.clone())
    }

    /// Sends a request and decodes a 2xx JSON body into `R`.
    ///
    /// # Errors
    ///
    /// [`Error::Transport`] when no response came, [`Error::Api`] for a
    /// non-2xx status, [`Error::Decode`] when the body does not match `R`.
    pub async fn execute<R: DeserializeOwned>(&self, request: ApiRequest) -> Result<R, Error> {
        let method = request.method.to_string();
        let path = request.path.clone();
        tracing::debug!(%method, %path, "sending request");
        let response = self.transport.send(request).await?;

        if !response.status.is_success() {
            let error = api_error(&response);
            tracing::debug!(%method, %path, status = %error.status, request_id = ?error.request_id, "request failed");
            return Err(error.into());
        }
        serde_json::from_slice(&response.body).map_err(|source| Error::Decode {
            method,
            path,
            source,
        })
    }
}

/// Encodes `body` as a JSON request body.
pub(crate) fn json_body<B: Serialize>(body: &B) -> Result<RequestBody, Error> {
    let bytes = serde_json::to_vec(body)
        .map_err(|err| Error::InvalidRequest(format!("request body is not valid JSON: {err}")))?;
    Ok(RequestBody::Json(Bytes::from(bytes)))
}

fn api_error(response: &crate::ApiResponse) -> ApiError {
    let header_request_id = response
        .headers
        .get(REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = decode_error_body(&response.body);
    let raw_body = match body {
        Some(_) => None,
        None => Some(String::from_utf8_lossy(&response.body).into_owned()),
    };
    let request_id = body
        .as_ref()
        .and_then(|body| body.request_id.clone())
        .or(header_request_id);

    ApiError {
        status: response.status,
        body,
        raw_body,
        request_id,
        attempts: response.attempts,
    }
}

/// Decodes the documented error body, also when it comes wrapped as
/// `{"error": {...}}`, as some gateways send it.
fn decode_error_body(body: &[u8]) -> Option<ApiErrorBody> {
    #[derive(serde::Deserialize)]
    struct Wrapped {
        error: ApiErrorBody,
    }

    serde_json::from_slice::<ApiErrorBody>(body)
        .ok()
        .or_else(|| {
            serde_json::from_slice::<Wrapped>(body)
                .ok()
                .map(|wrapped| wrapped.error)
        })
}

/// The routes a poller needs for one run type.
///
/// `extend-poll` builds `create_and_poll` and `poll` on this trait, so every
/// run type gets them from one implementation.
#[async_trait]
pub trait RunResource: Send + Sync {
    /// The run object this resource returns.
    type Run: Run;
    /// The body of the async create route.
    type Create: Serialize + Send + Sync;

    /// Creates a run (`POST /<kind>_runs`). Returns at once, before the run ends.
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    async fn create(&self, request: &Self::Create) -> Result<Self::Run, Error>;

    /// Retrieves a run by id (`GET /<kind>_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    async fn retrieve(&self, id: &str) -> Result<Self::Run, Error>;

    /// Returns `true` when this run type has a cancel route, so
    /// [`cancel`](Self::cancel) does more than return an error.
    fn supports_cancel(&self) -> bool {
        false
    }

    /// Requests cancellation (`POST /<kind>_runs/{id}/cancel`). The run may
    /// still finish; poll it to see where it ends.
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] for run types without a cancel route (the
    /// default); otherwise any [`Error`] of [`Client::execute`].
    async fn cancel(&self, id: &str) -> Result<Self::Run, Error> {
        Err(Error::Unsupported(format!(
            "{} runs have no cancel route; wait for run {id} to end instead",
            <Self::Run as Run>::KIND
        )))
    }
}
