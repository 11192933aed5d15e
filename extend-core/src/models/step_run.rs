//! Workflow step runs, whose `result` shape depends on their `stepType`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ClassifyRun, ExtractRun, File, ParseRun, SplitRun, WorkflowStepKind};
use crate::open_enum;

open_enum! {
    /// The kind of a workflow step run; decides the shape of its result.
    pub enum StepType {
        /// A parse step: [`StepResult::Parse`].
        Parse = "PARSE",
        /// An extract step: [`StepResult::Extract`].
        Extract = "EXTRACT",
        /// A classify step: [`StepResult::Classify`].
        Classify = "CLASSIFY",
        /// A split step: [`StepResult::Split`].
        Split = "SPLIT",
        /// A merge extract step: [`StepResult::MergeExtract`].
        MergeExtract = "MERGE_EXTRACT",
        /// A conditional extract step: [`StepResult::ConditionalExtract`].
        ConditionalExtract = "CONDITIONAL_EXTRACT",
        /// A rule validation step: [`StepResult::RuleValidation`].
        RuleValidation = "RULE_VALIDATION",
        /// An external data validation step: [`StepResult::ExternalDataValidation`].
        ExternalDataValidation = "EXTERNAL_DATA_VALIDATION",
    }
}

open_enum! {
    /// The status of a workflow step run.
    ///
    /// Unlike [`RunStatus`](crate::RunStatus), step runs can be `WAITING`
    /// (for an earlier step) and `INVALIDATED` (after a re-run upstream).
    pub enum StepRunStatus {
        /// Not started.
        Pending = "PENDING",
        /// Waiting for an earlier step.
        Waiting = "WAITING",
        /// Being processed.
        Processing = "PROCESSING",
        /// Finished with a result.
        Processed = "PROCESSED",
        /// Finished without a result.
        Failed = "FAILED",
        /// Cancelled before it finished.
        Cancelled = "CANCELLED",
        /// Superseded by a later run of an earlier step.
        Invalidated = "INVALIDATED",
    }
}

/// One step of a workflow run (`object: "workflow_step_run"`).
///
/// `result` is decoded by the `stepType` tag, never by trying shapes in turn.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRun {
    /// Always `workflow_step_run`.
    pub object: String,
    /// Step run id.
    pub id: String,
    /// Id of the workflow run this step belongs to.
    pub workflow_run_id: String,
    /// Current status.
    pub status: StepRunStatus,
    /// The files the step processed.
    pub files: Vec<File>,
    /// The step definition this run executes.
    pub step: StepRef,
    /// The kind of step.
    pub step_type: StepType,
    /// The result, once the step has one.
    pub result: Option<StepResult>,
}

/// The step definition a [`StepRun`] executes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepRef {
    /// Always `workflow_step`.
    #[serde(default)]
    pub object: String,
    /// Step id.
    pub id: String,
    /// Step name.
    pub name: String,
    /// Step kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<WorkflowStepKind>,
}

/// The result of a [`StepRun`], by step type.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StepResult {
    /// `{parseRun}`.
    Parse {
        /// The parse run; `None` when the step did not succeed.
        parse_run: Option<Box<ParseRun>>,
    },
    /// `{extractRun}`.
    Extract {
        /// The extract run; `None` when the step did not succeed.
        extract_run: Option<Box<ExtractRun>>,
    },
    /// `{classifyRun}`.
    Classify {
        /// The classify run; `None` when the step did not succeed.
        classify_run: Option<Box<ClassifyRun>>,
    },
    /// `{splitRun}`.
    Split {
        /// The split run; `None` when the step did not succeed.
        split_run: Option<Box<SplitRun>>,
    },
    /// `{mergedExtractors, extractRun}`.
    MergeExtract {
        /// The extractors whose outputs were merged, as JSON.
        merged_extractors: Vec<serde_json::Value>,
        /// The extract run that contains the merged output.
        extract_run: Option<Box<ExtractRun>>,
    },
    /// `{ruleName, extractRun}`.
    ConditionalExtract {
        /// The rule that matched and chose the extractor.
        rule_name: Option<String>,
        /// The extract run of the chosen extractor.
        extract_run: Option<Box<ExtractRun>>,
    },
    /// `{rules, allPassed}`.
    RuleValidation {
        /// Each rule and its outcome.
        rules: Vec<RuleResult>,
        /// Whether every rule passed.
        all_passed: bool,
    },
    /// `{response}`.
    ExternalDataValidation {
        /// The external endpoint's response.
        response: serde_json::Value,
    },
    /// A result of a step type this crate does not know, or one whose shape
    /// does not match its step type, kept verbatim.
    Unknown(serde_json::Value),
}

open_enum! {
    /// The reason a validation rule failed.
    pub enum RuleFailureReason {
        /// The formula evaluated to `false` or `null`.
        RuleFailed = "RULE_FAILED",
        /// The formula could not be parsed.
        ParseError = "PARSE_ERROR",
        /// Evaluating the formula raised an error.
        ValueError = "VALUE_ERROR",
    }
}

/// The outcome of one validation rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleResult {
    /// Rule name.
    pub name: String,
    /// Whether the rule passed (for every item, when array valued).
    pub valid: bool,
    /// The outcome per item, when the rule's formula is array valued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_array: Option<Vec<bool>>,
    /// The reason the rule failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<RuleFailureReason>,
    /// Error detail for `PARSE_ERROR` and `VALUE_ERROR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The wire form of [`StepRun`], with `result` left as JSON until the step
/// type is known.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StepRunWire {
    #[serde(default = "step_run_object")]
    object: String,
    id: String,
    workflow_run_id: String,
    status: StepRunStatus,
    #[serde(default, deserialize_with = "null_as_empty")]
    files: Vec<File>,
    step: StepRef,
    step_type: StepType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    result: Option<serde_json::Value>,
}

fn step_run_object() -> String {
    "workflow_step_run".to_owned()
}

fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RunsWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parse_run: Option<Box<ParseRun>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extract_run: Option<Box<ExtractRun>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    classify_run: Option<Box<ClassifyRun>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    split_run: Option<Box<SplitRun>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    merged_extractors: Option<Vec<serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rules: Option<Vec<RuleResult>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    all_passed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<serde_json::Value>,
}

impl StepResult {
    /// Decodes `raw` as the result of a step of type `step_type`.
    fn decode(step_type: &StepType, raw: serde_json::Value) -> StepResult {
        if step_type.is_unknown() {
            return StepResult::Unknown(raw);
        }
        let wire = match RunsWire::deserialize(&raw) {
            Ok(wire) => wire,
            Err(error) => {
                tracing::warn!(%error, %step_type, "step result does not match its step type; kept as unknown");
                return StepResult::Unknown(raw);
            }
        };

        match step_type {
            StepType::Parse => StepResult::Parse {
                parse_run: wire.parse_run,
            },
            StepType::Extract => StepResult::Extract {
                extract_run: wire.extract_run,
            },
            StepType::Classify => StepResult::Classify {
                classify_run: wire.classify_run,
            },
            StepType::Split => StepResult::Split {
                split_run: wire.split_run,
            },
            StepType::MergeExtract => StepResult::MergeExtract {
                merged_extractors: wire.merged_extractors.unwrap_or_default(),
                extract_run: wire.extract_run,
            },
            StepType::ConditionalExtract => StepResult::ConditionalExtract {
                rule_name: wire.rule_name,
                extract_run: wire.extract_run,
            },
            StepType::RuleValidation => StepResult::RuleValidation {
                rules: wire.rules.unwrap_or_default(),
                all_passed: wire.all_passed.unwrap_or(false),
            },
            StepType::ExternalDataValidation => StepResult::ExternalDataValidation {
                response: wire.response.unwrap_or(serde_json::Value::Null),
            },
            StepType::Unknown(_) => StepResult::Unknown(raw),
        }
    }

    /// Encodes this result in its wire form.
    fn encode(&self) -> Result<serde_json::Value, serde_json::Error> {
        let empty = || RunsWire {
            parse_run: None,
            extract_run: None,
            classify_run: None,
            split_run: None,
            merged_extractors: None,
            rule_name: None,
            rules: None,
            all_passed: None,
            response: None,
        };
        let wire = match self {
            StepResult::Unknown(raw) => return Ok(raw.clone()),
            StepResult::Parse { parse_run } => RunsWire {
                parse_run: parse_run.clone(),
                ..empty()
            },
            StepResult::Extract { extract_run } => RunsWire {
                extract_run: extract_run.clone(),
                ..empty()
            },
            StepResult::Classify { classify_run } => RunsWire {
                classify_run: classify_run.clone(),
                ..empty()
            },
            StepResult::Split { split_run } => RunsWire {
                split_run: split_run.clone(),
                ..empty()
            },
            StepResult::MergeExtract {
                merged_extractors,
                extract_run,
            } => RunsWire {
                merged_extractors: Some(merged_extractors.clone()),
                extract_run: extract_run.clone(),
                ..empty()
            },
            StepResult::ConditionalExtract {
                rule_name,
                extract_run,
            } => RunsWire {
                rule_name: rule_name.clone(),
                extract_run: extract_run.clone(),
                ..empty()
            },
            StepResult::RuleValidation { rules, all_passed } => RunsWire {
                rules: Some(rules.clone()),
                all_passed: Some(*all_passed),
                ..empty()
            },
            StepResult::ExternalDataValidation { response } => RunsWire {
                response: Some(response.clone()),
                ..empty()
            },
        };
        serde_json::to_value(wire)
    }
}

impl<'de> Deserialize<'de> for StepRun {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = StepRunWire::deserialize(deserializer)?;
        let result = wire
            .result
            .filter(|raw| !raw.is_null())
            .map(|raw| StepResult::decode(&wire.step_type, raw));
        Ok(StepRun {
            object: wire.object,
            id: wire.id,
            workflow_run_id: wire.workflow_run_id,
            status: wire.status,
            files: wire.files,
            step: wire.step,
            step_type: wire.step_type,
            result,
        })
    }
}

impl Serialize for StepRun {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let result = match &self.result {
            Some(result) => Some(result.encode().map_err(serde::ser::Error::custom)?),
            None => None,
        };
        StepRunWire {
            object: self.object.clone(),
            id: self.id.clone(),
            workflow_run_id: self.workflow_run_id.clone(),
            status: self.status.clone(),
            files: self.files.clone(),
            step: self.step.clone(),
            step_type: self.step_type.clone(),
            result,
        }
        .serialize(serializer)
    }
}
