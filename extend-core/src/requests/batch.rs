//! Bodies of the batch create routes: up to 1000 inputs in one request.

use serde::{Deserialize, Serialize};

use super::checks::{check_batch_size, check_metadata, check_priority};
use super::{FileRef, ProcessorRef, Secrets, WorkflowRef};
use crate::{Error, Metadata, ParseConfig};

/// One input of a processor or parse batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchInput {
    /// The document.
    pub file: FileRef,
    /// Metadata echoed back on this input's run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl BatchInput {
    /// Builds an input without metadata.
    pub fn new(file: FileRef) -> Self {
        BatchInput {
            file,
            metadata: None,
        }
    }
}

/// Declares the body of a processor batch route: a saved processor, the
/// inputs and a priority.
macro_rules! processor_batch {
    ($name:ident, $route:literal, $field:ident, $rejects_text:literal) => {
        #[doc = concat!("Body of `POST ", $route, "`. Inline configurations are not accepted.")]
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// The saved processor every input runs through.
            pub $field: ProcessorRef,
            /// The inputs, 1 to 1000.
            pub inputs: Vec<BatchInput>,
            /// Queue priority, 1 (first) to 100.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub priority: Option<u8>,
        }

        impl $name {
            /// Builds a batch of `inputs` for one processor.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`] when the batch size or an input is
            /// invalid (see [`validate`](Self::validate)).
            pub fn new($field: ProcessorRef, inputs: Vec<BatchInput>) -> Result<Self, Error> {
                let request = $name {
                    $field,
                    inputs,
                    priority: None,
                };
                request.validate()?;
                Ok(request)
            }

            /// Checks the request as the client does before sending it.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`] for 0 or more than 1000 inputs, a
            /// priority out of range, or raw text where the route rejects it.
            pub fn validate(&self) -> Result<(), Error> {
                check_batch_size(concat!("POST ", $route), self.inputs.len())?;
                for input in &self.inputs {
                    if $rejects_text {
                        input.file.reject_text(concat!("POST ", $route))?;
                    }
                    check_metadata(input.metadata.as_ref())?;
                }
                check_priority(self.priority)
            }
        }
    };
}

processor_batch!(
    ExtractRunBatchCreate,
    "/extract_runs/batch",
    extractor,
    false
);
processor_batch!(
    ClassifyRunBatchCreate,
    "/classify_runs/batch",
    classifier,
    false
);
processor_batch!(SplitRunBatchCreate, "/split_runs/batch", splitter, true);

/// Body of `POST /parse_runs/batch`. Raw text inputs are accepted here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseRunBatchCreate {
    /// The inputs, 1 to 1000.
    pub inputs: Vec<BatchInput>,
    /// Parse configuration shared by every input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ParseConfig>,
    /// Queue priority, 1 (first) to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
}

impl ParseRunBatchCreate {
    /// Checks the request as the client does before sending it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for 0 or more than 1000 inputs or a priority
    /// out of range.
    pub fn validate(&self) -> Result<(), Error> {
        check_batch_size("POST /parse_runs/batch", self.inputs.len())?;
        for input in &self.inputs {
            check_metadata(input.metadata.as_ref())?;
        }
        check_priority(self.priority)
    }
}

/// One input of a workflow batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowBatchInput {
    /// The document.
    pub file: FileRef,
    /// Metadata echoed back on this input's run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Secrets for the processors of this input's run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Secrets>,
}

/// Body of `POST /workflow_runs/batch`; the response is only a batch id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRunBatchCreate {
    /// The workflow every input runs through.
    pub workflow: WorkflowRef,
    /// The inputs, 1 to 1000.
    pub inputs: Vec<WorkflowBatchInput>,
    /// Queue priority, 1 (first) to 100; the server's default is 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
}

impl WorkflowRunBatchCreate {
    /// Checks the request as the client does before sending it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for 0 or more than 1000 inputs or a priority
    /// out of range.
    pub fn validate(&self) -> Result<(), Error> {
        check_batch_size("POST /workflow_runs/batch", self.inputs.len())?;
        for input in &self.inputs {
            check_metadata(input.metadata.as_ref())?;
        }
        check_priority(self.priority)
    }
}
