//! The typed webhook event and the list of event types.
//!
//! One table below lists the 38 event types that Extend documents for API
//! version 2026-02-09, with their payload types. The table generates both
//! [`EventType`] and [`WebhookEvent`], so the two cannot drift apart.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::signed_url::SignedDataUrl;
use crate::{Payload, SignedUrlEvent};

use extend_core::{
    BatchRun, Classifier, ClassifierVersion, ClassifyRun, EditRun, ExtractRun, Extractor,
    ExtractorVersion, ParseRunStatus, SplitRun, Splitter, SplitterVersion, StepRun, Workflow,
    WorkflowRun,
};

/// Declares [`EventType`] and [`WebhookEvent`] from one table of
/// `Variant = "wire.string" => PayloadType`.
macro_rules! webhook_events {
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident = $wire:literal => $payload:ident,
    )+) => {
        extend_core::open_enum! {
            /// The `eventType` of a webhook event. Values this SDK does not
            /// know decode to `Unknown` and keep their text.
            ///
            /// ```
            /// use extend_webhooks::EventType;
            ///
            /// assert_eq!(EventType::KNOWN.len(), 38);
            /// assert_eq!(EventType::from("extract_run.processed"), EventType::ExtractRunProcessed);
            /// assert!(EventType::from("extract_run.archived").is_unknown());
            /// ```
            pub enum EventType {
                $( $(#[doc = $doc])+ $variant = $wire, )+
            }
        }

        /// A webhook event with its typed payload.
        ///
        /// Each documented event type has a variant with the event id and a
        /// [`Payload`] that decodes into its `extend-core` type. The payload
        /// stays JSON text until [`Payload::decode`], so a receiver pays for
        /// decoding only the events it handles. An event type this SDK does
        /// not know becomes [`WebhookEvent::Unknown`], whose payload decodes
        /// into any JSON value. A signed-URL delivery becomes
        /// [`WebhookEvent::SignedUrl`] when the caller accepts those.
        ///
        /// `Serialize` writes the `{eventId, eventType, payload}` envelope
        /// with the payload text unchanged, for a queue or a store. It fails
        /// for a payload that is not valid JSON, so call
        /// [`WebhookEvent::check_payload`] before queueing when that matters.
        /// Read a queued event back with
        /// [`parse_unverified`](crate::parse_unverified). There is no
        /// `Deserialize`, so that no code parses a delivery without a name
        /// that says it skips verification.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum WebhookEvent {
            $(
                $(#[doc = $doc])+
                $variant {
                    /// The event id (`evt_...`), the same on every delivery
                    /// of this event.
                    event_id: String,
                    /// The payload, decoded by [`Payload::decode`].
                    payload: Payload<$payload>,
                },
            )+
            /// An event type this SDK does not know.
            Unknown {
                /// The event id.
                event_id: String,
                /// The event type as sent.
                event_type: String,
                /// The payload, which decodes into any JSON value.
                payload: Payload<serde_json::Value>,
            },
            /// A payload delivered as a link to fetch (only when the caller
            /// accepts signed URLs).
            SignedUrl(SignedUrlEvent),
        }

        impl WebhookEvent {
            /// Returns the event id (`evt_...`). Extend retries a delivery
            /// with the same id, so use it to drop duplicates.
            pub fn event_id(&self) -> &str {
                match self {
                    $( WebhookEvent::$variant { event_id, .. } => event_id, )+
                    WebhookEvent::Unknown { event_id, .. } => event_id,
                    WebhookEvent::SignedUrl(signed) => &signed.event_id,
                }
            }

            /// Returns the event type as sent, such as `extract_run.processed`.
            pub fn event_type(&self) -> &str {
                match self {
                    $( WebhookEvent::$variant { .. } => $wire, )+
                    WebhookEvent::Unknown { event_type, .. } => event_type,
                    WebhookEvent::SignedUrl(signed) => &signed.event_type,
                }
            }

            /// Returns the payload's JSON text as it was in the delivery, or
            /// `None` for a signed-URL event, whose payload is behind its URL.
            ///
            /// Use it to queue or store a payload without decoding it.
            pub fn payload_json(&self) -> Option<&str> {
                match self {
                    $( WebhookEvent::$variant { payload, .. } => Some(payload.json()), )+
                    WebhookEvent::Unknown { payload, .. } => Some(payload.json()),
                    WebhookEvent::SignedUrl(_) => None,
                }
            }

            /// Decodes the payload into its type and drops the result, for a
            /// receiver that rejects a payload of the wrong shape before it
            /// acknowledges the delivery. The payload of an unknown event
            /// type is only checked to be JSON. A signed-URL event has no
            /// payload to check and returns `Ok`.
            ///
            /// This costs as much as [`Payload::decode`], so a handler that
            /// decodes the payload anyway should decode once and keep the
            /// result.
            ///
            /// # Errors
            ///
            /// The [`PayloadError`](crate::PayloadError) of
            /// [`Payload::decode`].
            pub fn check_payload(&self) -> Result<(), crate::PayloadError> {
                match self {
                    $( WebhookEvent::$variant { payload, .. } => payload.decode().map(drop), )+
                    WebhookEvent::Unknown { payload, .. } => payload.decode_as::<serde::de::IgnoredAny>().map(drop),
                    WebhookEvent::SignedUrl(_) => Ok(()),
                }
            }

            /// Builds the variant of `event_type` around a payload that is
            /// not decoded yet. Signed-URL payloads are detected by the
            /// caller.
            pub(crate) fn from_parts(event_id: String, event_type: &str, payload: &str) -> WebhookEvent {
                match event_type {
                    $( $wire => WebhookEvent::$variant { event_id, payload: Payload::from_json(payload) }, )+
                    _ => WebhookEvent::Unknown {
                        event_id,
                        event_type: event_type.to_owned(),
                        payload: Payload::from_json(payload),
                    },
                }
            }
        }

        impl Serialize for WebhookEvent {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut envelope = serializer.serialize_struct("WebhookEvent", 3)?;
                envelope.serialize_field("eventId", self.event_id())?;
                envelope.serialize_field("eventType", self.event_type())?;
                match self {
                    $( WebhookEvent::$variant { payload, .. } => envelope.serialize_field("payload", payload)?, )+
                    WebhookEvent::Unknown { payload, .. } => envelope.serialize_field("payload", payload)?,
                    WebhookEvent::SignedUrl(signed) => {
                        envelope.serialize_field("payload", &SignedDataUrl::from_event(signed))?
                    }
                }
                envelope.end()
            }
        }
    };
}

webhook_events! {
    /// `workflow_run.completed`: a workflow run finished.
    WorkflowRunCompleted = "workflow_run.completed" => WorkflowRun,
    /// `workflow_run.failed`: a workflow run failed.
    WorkflowRunFailed = "workflow_run.failed" => WorkflowRun,
    /// `workflow_run.needs_review`: a workflow run stopped for human review.
    WorkflowRunNeedsReview = "workflow_run.needs_review" => WorkflowRun,
    /// `workflow_run.rejected`: a reviewer rejected a workflow run.
    WorkflowRunRejected = "workflow_run.rejected" => WorkflowRun,
    /// `workflow_run.cancelled`: a workflow run was cancelled.
    WorkflowRunCancelled = "workflow_run.cancelled" => WorkflowRun,
    /// `workflow_run.step_run.processed`: one step of a workflow run finished.
    WorkflowRunStepRunProcessed = "workflow_run.step_run.processed" => StepRun,
    /// `extract_run.processed`: an extract run finished with an output.
    ExtractRunProcessed = "extract_run.processed" => ExtractRun,
    /// `extract_run.failed`: an extract run failed.
    ExtractRunFailed = "extract_run.failed" => ExtractRun,
    /// `classify_run.processed`: a classify run finished with an output.
    ClassifyRunProcessed = "classify_run.processed" => ClassifyRun,
    /// `classify_run.failed`: a classify run failed.
    ClassifyRunFailed = "classify_run.failed" => ClassifyRun,
    /// `split_run.processed`: a split run finished with an output.
    SplitRunProcessed = "split_run.processed" => SplitRun,
    /// `split_run.failed`: a split run failed.
    SplitRunFailed = "split_run.failed" => SplitRun,
    /// `batch_processor_run.processed`: an extract, classify or split batch finished.
    BatchProcessorRunProcessed = "batch_processor_run.processed" => BatchRun,
    /// `batch_processor_run.failed`: an extract, classify or split batch failed.
    BatchProcessorRunFailed = "batch_processor_run.failed" => BatchRun,
    /// `batch_parse_run.processed`: a parse batch finished.
    BatchParseRunProcessed = "batch_parse_run.processed" => BatchRun,
    /// `batch_parse_run.failed`: a parse batch failed.
    BatchParseRunFailed = "batch_parse_run.failed" => BatchRun,
    /// `parse_run.processed`: a parse run finished. The payload is a status
    /// summary; retrieve the run for its output.
    ParseRunProcessed = "parse_run.processed" => ParseRunStatus,
    /// `parse_run.failed`: a parse run failed.
    ParseRunFailed = "parse_run.failed" => ParseRunStatus,
    /// `edit_run.processed`: an edit run finished with an output.
    EditRunProcessed = "edit_run.processed" => EditRun,
    /// `edit_run.failed`: an edit run failed.
    EditRunFailed = "edit_run.failed" => EditRun,
    /// `workflow.created`: a workflow was created.
    WorkflowCreated = "workflow.created" => Workflow,
    /// `workflow.deployed`: a workflow version was deployed.
    WorkflowDeployed = "workflow.deployed" => Workflow,
    /// `workflow.deleted`: a workflow was deleted.
    WorkflowDeleted = "workflow.deleted" => Workflow,
    /// `extractor.created`: an extractor was created.
    ExtractorCreated = "extractor.created" => Extractor,
    /// `extractor.updated`: an extractor was updated.
    ExtractorUpdated = "extractor.updated" => Extractor,
    /// `extractor.deleted`: an extractor was deleted.
    ExtractorDeleted = "extractor.deleted" => Extractor,
    /// `extractor.draft.updated`: the draft version of an extractor changed.
    ExtractorDraftUpdated = "extractor.draft.updated" => Extractor,
    /// `extractor.version.published`: an extractor version was published.
    ExtractorVersionPublished = "extractor.version.published" => ExtractorVersion,
    /// `classifier.created`: a classifier was created.
    ClassifierCreated = "classifier.created" => Classifier,
    /// `classifier.updated`: a classifier was updated.
    ClassifierUpdated = "classifier.updated" => Classifier,
    /// `classifier.deleted`: a classifier was deleted.
    ClassifierDeleted = "classifier.deleted" => Classifier,
    /// `classifier.draft.updated`: the draft version of a classifier changed.
    ClassifierDraftUpdated = "classifier.draft.updated" => Classifier,
    /// `classifier.version.published`: a classifier version was published.
    ClassifierVersionPublished = "classifier.version.published" => ClassifierVersion,
    /// `splitter.created`: a splitter was created.
    SplitterCreated = "splitter.created" => Splitter,
    /// `splitter.updated`: a splitter was updated.
    SplitterUpdated = "splitter.updated" => Splitter,
    /// `splitter.deleted`: a splitter was deleted.
    SplitterDeleted = "splitter.deleted" => Splitter,
    /// `splitter.draft.updated`: the draft version of a splitter changed.
    SplitterDraftUpdated = "splitter.draft.updated" => Splitter,
    /// `splitter.version.published`: a splitter version was published.
    SplitterVersionPublished = "splitter.version.published" => SplitterVersion,
}

impl WebhookEvent {
    /// Returns the event type as an [`EventType`], which is
    /// `EventType::Unknown` for a type this SDK does not know.
    pub fn kind(&self) -> EventType {
        EventType::from(self.event_type())
    }
}
