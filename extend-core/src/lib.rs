//! Typed models and the typed client of the Extend document-processing API.
//!
//! This crate has no I/O: it defines what goes over the wire and leaves the
//! sending to a [`Transport`]. `extend-http` provides the production
//! transport; `extend-poll` waits for runs to finish.
//!
//! - Run objects of every type ([`ExtractRun`], [`ClassifyRun`],
//!   [`SplitRun`], [`ParseRun`], [`EditRun`], [`FormDetectionRun`],
//!   [`WorkflowRun`], [`BatchRun`]), files, processors, workflows and webhook
//!   endpoints, in the [`models`] module.
//! - Open enums ([`RunStatus`], [`FailureReason`], [`StepType`] and the
//!   rest) that decode any value the server adds and encode it back
//!   unchanged. Unions such as [`StepResult`] and [`BlockDetails`] are
//!   decided by their tag.
//! - The terminal-state machine: [`RunStatus::phase`] and [`check_transition`].
//! - Request bodies that reject invalid input before sending, in the
//!   [`requests`] module.
//! - The [`Transport`] trait and the [`Client`] generic over it, with one
//!   handle per resource and list streams across pages.
//!
//! Decoding a run and asking whether it is finished:
//!
//! ```
//! use extend_core::{Outcome, ParseRun, RunStatus};
//!
//! let run: ParseRun = serde_json::from_str(r#"{"id": "pr_1", "status": "PROCESSED"}"#)?;
//! assert_eq!(run.status.outcome(), Some(Outcome::Processed));
//!
//! let run: ParseRun = serde_json::from_str(r#"{"id": "pr_2", "status": "ARCHIVED_V2"}"#)?;
//! assert!(run.status.is_terminal(), "an unknown status ends polling");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! Creating a run through the client, here over a transport that returns a
//! canned response (real code uses the transport of `extend-http`):
//!
//! ```
//! use async_trait::async_trait;
//! use extend_core::{ApiRequest, ApiResponse, Client, FileRef, ParseRunCreate, Transport, TransportError};
//!
//! struct Canned;
//!
//! #[async_trait]
//! impl Transport for Canned {
//!     async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
//!         assert_eq!(request.path, "/parse_runs");
//!         Ok(ApiResponse {
//!             status: http::StatusCode::OK,
//!             headers: http::HeaderMap::new(),
//!             body: r#"{"id": "pr_1", "status": "PROCESSING"}"#.into(),
//!             attempts: 1,
//!         })
//!     }
//! }
//!
//! # let runtime = tokio::runtime::Builder::new_current_thread().build()?;
//! # runtime.block_on(async {
//! let client = Client::new(Canned);
//! let request = ParseRunCreate::new(FileRef::id("file_1"))?;
//! let run = client.parse_runs().create(&request).await?;
//! assert!(!run.status.is_terminal());
//!
//! // Raw text is rejected before anything is sent.
//! assert!(ParseRunCreate::new(FileRef::text("hello")).is_err());
//! # Ok::<(), extend_core::Error>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! This crate has no cargo features.

#![warn(missing_docs, unreachable_pub)]

mod client;
mod error;
pub mod models;
mod open_enum;
pub mod requests;
mod status;
pub mod transport;

pub use client::{
    content_type_for, BatchRuns, ClassifyRuns, Client, EditRuns, ExtractRuns, FileListQuery,
    FileRetrieveQuery, Files, FormDetectionRuns, ListQuery, ParseResponseType, ParseRunListQuery,
    ParseRuns, ProcessorRunListQuery, RunResource, RunSource, SortBy, SortDir, SplitRuns,
    UploadOptions, WebhookEndpointListQuery, WebhookEndpoints, WebhookSubscriptionListQuery,
    WebhookSubscriptions, WorkflowRunListQuery, WorkflowRuns, REQUEST_ID_HEADER,
};
pub use error::{ApiError, ApiErrorBody, Error, TransportError, TransportErrorKind};
pub use models::*;
pub use requests::*;
pub use status::{check_transition, Outcome, Phase, RunStatus, StatusAnomaly};
pub use transport::{ApiRequest, ApiResponse, FileUpload, Idempotency, RequestBody, Transport};
