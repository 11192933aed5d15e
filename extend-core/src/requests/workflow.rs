use std::fmt;

use serde::{Deserialize, Serialize};

use super::checks::{check_metadata, check_priority};
use super::package::check_one_document;
use super::{FilePackage, FileRef};
use crate::{Error, Metadata};

/// The route in the messages of request checks.
const ROUTE: &str = "POST /workflow_runs";

/// A workflow and which version to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRef {
    /// Workflow id.
    pub id: String,
    /// `"latest"`, `"draft"` or a published number; `None` means the latest
    /// published version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl WorkflowRef {
    /// Refers to the latest published version of a workflow.
    pub fn new(id: impl Into<String>) -> Self {
        WorkflowRef {
            id: id.into(),
            version: None,
        }
    }
}

/// Secrets passed to the processors of one workflow run, such as API keys
/// of an external validation step. `Debug` hides the values.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secrets(pub serde_json::Map<String, serde_json::Value>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.keys().map(|key| (key, "[REDACTED]")))
            .finish()
    }
}

/// An output given up front for one processor of the workflow, so the run
/// skips that processor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresetOutput {
    /// Id of the processor whose output this replaces.
    pub processor_id: String,
    /// The output, in that processor's output shape.
    pub output: serde_json::Value,
}

/// Body of `POST /workflow_runs`. Workflows have no sync route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRunCreate {
    /// The workflow to run.
    pub workflow: WorkflowRef,
    /// The document (a URL, a file id or raw text); exclusive with `package`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
    /// Several files processed together; exclusive with `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<FilePackage>,
    /// Outputs given up front for some processors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Vec<PresetOutput>>,
    /// Queue priority, 1 (first) to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// Metadata echoed back on the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Secrets for the processors of this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Secrets>,
}

impl WorkflowRunCreate {
    /// Runs `workflow` on `file`.
    pub fn new(workflow: WorkflowRef, file: FileRef) -> Self {
        WorkflowRunCreate {
            workflow,
            file: Some(file),
            package: None,
            outputs: None,
            priority: None,
            metadata: None,
            secrets: None,
        }
    }

    /// Runs `workflow` on a package of 2 to 50 files.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a package size out of range, raw text
    /// or a file listed twice.
    pub fn with_package(workflow: WorkflowRef, package: FilePackage) -> Result<Self, Error> {
        package.check_workflow(ROUTE)?;
        Ok(WorkflowRunCreate {
            workflow,
            file: None,
            package: Some(package),
            outputs: None,
            priority: None,
            metadata: None,
            secrets: None,
        })
    }

    /// Sets the queue priority, 1 (first) to 100.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] naming the value when it is out of range.
    pub fn priority(mut self, priority: u8) -> Result<Self, Error> {
        check_priority(Some(priority))?;
        self.priority = Some(priority);
        Ok(self)
    }

    /// Sets the metadata echoed back on the run and its webhook events.
    pub fn metadata(mut self, metadata: Metadata) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// Sets the secrets for the processors of this run.
    pub fn secrets(mut self, secrets: Secrets) -> Self {
        self.secrets = Some(secrets);
        self
    }

    /// Checks the request as the client does before sending it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] unless exactly one of `file` and `package`
    /// is set, for an invalid package, for `outputs` with a package, or for
    /// a priority out of range.
    pub fn validate(&self) -> Result<(), Error> {
        check_metadata(self.metadata.as_ref())?;
        check_one_document(self.file.as_ref(), self.package.as_ref(), ROUTE)?;
        if let Some(file) = &self.file {
            file.reject_empty()?;
        }
        if let Some(package) = &self.package {
            package.check_workflow(ROUTE)?;
            if self.outputs.is_some() {
                return Err(Error::InvalidRequest(
                    "POST /workflow_runs does not take `outputs` with a `package`; remove the outputs".into(),
                ));
            }
        }
        check_priority(self.priority)
    }
}

/// Body of `POST /workflow_runs/{id}`: the fields of a run that can change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRunUpdate {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New metadata, replacing the old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}
