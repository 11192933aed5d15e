//! Workflows and workflow versions.

use serde::{Deserialize, Serialize};

use crate::open_enum;

/// A workflow (`object: "workflow"`): a saved pipeline of steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workflow {
    /// Always `workflow`.
    #[serde(default)]
    pub object: String,
    /// Workflow id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The draft version, present on retrieve and in webhook events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_version: Option<WorkflowVersion>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// A version of a workflow (`object: "workflow_version"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowVersion {
    /// Always `workflow_version`.
    #[serde(default)]
    pub object: String,
    /// Version id.
    pub id: String,
    /// `"draft"` or a published number such as `"1"`.
    pub version: String,
    /// Display name of the version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The steps; absent in the short form embedded in runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<WorkflowStep>>,
    /// Creation time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

open_enum! {
    /// The kind of a workflow step definition.
    pub enum WorkflowStepKind {
        /// The step that starts the workflow.
        Trigger = "TRIGGER",
        /// Parses the document.
        Parse = "PARSE",
        /// Extracts fields.
        Extract = "EXTRACT",
        /// Classifies the document.
        Classify = "CLASSIFY",
        /// Splits the document.
        Split = "SPLIT",
        /// Sends the output for human review.
        HumanReview = "HUMAN_REVIEW",
        /// Merges the outputs of several extractions.
        MergeExtract = "MERGE_EXTRACT",
        /// Chooses an extractor by rule.
        ConditionalExtract = "CONDITIONAL_EXTRACT",
        /// Branches on a condition.
        Conditional = "CONDITIONAL",
        /// Checks the output against rules.
        RuleValidation = "RULE_VALIDATION",
        /// Checks the output with an external service.
        ExternalDataValidation = "EXTERNAL_DATA_VALIDATION",
    }
}

/// One step of a workflow version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowStep {
    /// The kind of step.
    pub r#type: WorkflowStepKind,
    /// Step name, unique in its workflow.
    pub name: String,
    /// The steps that run after this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Vec<WorkflowStepLink>>,
    /// Step-specific configuration, as JSON.
    // NOTE: step configurations differ per step kind and are not described in
    // the API reference this crate was written from, so they stay JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<serde_json::Value>,
}

/// A link from one workflow step to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowStepLink {
    /// Name of the next step.
    pub step: String,
}
