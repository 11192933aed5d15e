//! Typed models and the typed client of the Extend document-processing API.
//!
//! This crate has no I/O: it defines what goes over the wire and leaves the
//! sending to a [`Transport`]. `extend-http` provides the production
//! transport; `extend-poll` waits for runs to finish.
//!
//! - Run objects ([`ParseRun`], [`ExtractRun`]) and [`File`], with open enums
//!   ([`RunStatus`], [`FailureReason`]) that decode any value the server adds.
//! - The terminal-state machine: [`RunStatus::phase`] and [`check_transition`].
//! - The [`Transport`] trait and the [`Client`] generic over it.
//!
//! ```
//! use extend_core::{Outcome, ParseRun, RunStatus};
//!
//! let run: ParseRun = serde_json::from_str(r#"{"id": "pr_1", "status": "PROCESSED"}"#)?;
//! assert_eq!(run.status.outcome(), Some(Outcome::Processed));
//!
//! let run: ParseRun = serde_json::from_str(r#"{"id": "pr_2", "status": "PROCESSING"}"#)?;
//! assert!(!run.status.is_terminal());
//! # Ok::<(), serde_json::Error>(())
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
