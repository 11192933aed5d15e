//! Decoding rules of the wire models: open enums, unknown fields, tagged
//! unions and secrets kept out of `Debug`.

use extend_core::*;
use serde_json::json;

/// Checks that an unseen wire value decodes to `Unknown` and encodes back
/// unchanged, for each open enum named.
macro_rules! assert_open {
    ($($enum:ty),+ $(,)?) => {$(
        let raw = "\"VALUE_FROM_THE_FUTURE\"";
        let value: $enum = serde_json::from_str(raw)
            .expect(concat!(stringify!($enum), " decodes an unseen value"));
        assert!(value.is_unknown(), "{} kept {raw} as known", stringify!($enum));
        assert_eq!(serde_json::to_string(&value).unwrap(), raw, "{}", stringify!($enum));
    )+};
}

#[test]
fn open_enums_keep_unseen_values() {
    assert_open!(
        RunStatus,
        FailureReason,
        FileType,
        ChunkType,
        BlockType,
        FigureType,
        StepType,
        StepRunStatus,
        RuleFailureReason,
        WorkflowStepKind,
        WebhookEndpointStatus,
        PayloadFormat,
        SubscriptionResourceType,
        RunKind,
        DataRetentionMode,
        SortBy,
        SortDir,
        RunSource,
        ParseResponseType,
        models::config::ParseTarget,
        models::config::ParseEngine,
        models::config::ChunkingStrategyType,
        models::config::ExtractBaseProcessor,
        models::config::ClassifyBaseProcessor,
        models::config::SplitBaseProcessor,
    );
}

#[test]
fn known_enum_value_round_trips() {
    let status: StepRunStatus = serde_json::from_str("\"WAITING\"").unwrap();
    assert_eq!(status, StepRunStatus::Waiting);
    assert_eq!(serde_json::to_string(&status).unwrap(), "\"WAITING\"");
}

/// Returns a minimal run of each type with one field the crate has never seen.
fn runs_with_unknown_field() -> Vec<(&'static str, serde_json::Value)> {
    let extra = json!({"nested": [1, 2, 3]});
    vec![
        (
            "extract",
            json!({"id": "exr_1", "status": "PROCESSED", "brandNewField": extra}),
        ),
        (
            "classify",
            json!({"id": "clr_1", "status": "PROCESSED", "brandNewField": extra}),
        ),
        (
            "split",
            json!({"id": "splr_1", "status": "PROCESSED", "brandNewField": extra}),
        ),
        (
            "parse",
            json!({"id": "pr_1", "status": "PROCESSED", "brandNewField": extra}),
        ),
        (
            "edit",
            json!({"id": "edr_1", "status": "PROCESSED", "brandNewField": extra}),
        ),
        (
            "form detection",
            json!({"id": "fdr_1", "status": "PROCESSED", "brandNewField": extra}),
        ),
        (
            "workflow",
            json!({"id": "workflow_run_1", "status": "NEEDS_REVIEW", "brandNewField": extra}),
        ),
        (
            "batch",
            json!({"id": "bpr_1", "status": "PENDING", "brandNewField": extra}),
        ),
        (
            "parse status",
            json!({"id": "pr_1", "status": "FAILED", "brandNewField": extra}),
        ),
    ]
}

#[test]
fn runs_ignore_unknown_top_level_field() {
    for (kind, body) in runs_with_unknown_field() {
        let decoded = match kind {
            "extract" => serde_json::from_value::<ExtractRun>(body).map(|run| run.status),
            "classify" => serde_json::from_value::<ClassifyRun>(body).map(|run| run.status),
            "split" => serde_json::from_value::<SplitRun>(body).map(|run| run.status),
            "parse" => serde_json::from_value::<ParseRun>(body).map(|run| run.status),
            "edit" => serde_json::from_value::<EditRun>(body).map(|run| run.status),
            "form detection" => {
                serde_json::from_value::<FormDetectionRun>(body).map(|run| run.status)
            }
            "workflow" => serde_json::from_value::<WorkflowRun>(body).map(|run| run.status),
            "batch" => serde_json::from_value::<BatchRun>(body).map(|run| run.status),
            "parse status" => serde_json::from_value::<ParseRunStatus>(body).map(|run| run.status),
            other => panic!("no decoder for {other}"),
        };
        let status = decoded.unwrap_or_else(|error| panic!("{kind} run: {error}"));
        assert!(
            status.is_terminal() || status == RunStatus::Pending,
            "{kind}: {status}"
        );
    }
}

#[test]
fn run_objects_default_when_absent() {
    let run: ClassifyRun =
        serde_json::from_value(json!({"id": "clr_1", "status": "PENDING"})).unwrap();
    assert_eq!(run.object, "classify_run");
    let run: WorkflowRun =
        serde_json::from_value(json!({"id": "w_1", "status": "PENDING"})).unwrap();
    assert_eq!(run.object, "workflow_run");
}

fn block_with_details(details: serde_json::Value) -> Block {
    serde_json::from_value(json!({
        "object": "block", "id": "b1", "type": "figure", "content": "", "details": details
    }))
    .expect("block decodes")
}

#[test]
fn empty_block_details_are_not_a_figure() {
    let block = block_with_details(json!({}));
    assert_eq!(block.details, Some(BlockDetails::Empty));
    assert_eq!(serde_json::to_value(&block).unwrap()["details"], json!({}));
}

#[test]
fn block_details_decided_by_type_tag() {
    let cases = [
        (
            json!({"type": "figure_details"}),
            BlockDetails::Figure(FigureDetails::default()),
        ),
        (
            json!({"type": "table_details", "rowCount": 2.0, "columnCount": 3.0}),
            BlockDetails::Table(TableDetails {
                row_count: 2.0,
                column_count: 3.0,
            }),
        ),
        (
            json!({"type": "text_details", "cellReference": "A1:C1"}),
            BlockDetails::Text(TextDetails {
                cell_reference: Some("A1:C1".into()),
            }),
        ),
        (json!({"type": "key_value_details"}), BlockDetails::KeyValue),
    ];
    for (raw, expected) in cases {
        let block = block_with_details(raw.clone());
        assert_eq!(block.details.as_ref(), Some(&expected), "{raw}");
        assert_eq!(
            serde_json::to_value(&block).unwrap()["details"],
            raw,
            "{raw}"
        );
    }
}

#[test]
fn unknown_block_details_kept_verbatim() {
    for raw in [
        json!({"type": "hologram_details", "depth": 3}),
        json!({"imageUrl": "https://x"}),
    ] {
        let block = block_with_details(raw.clone());
        assert!(
            matches!(block.details, Some(BlockDetails::Unknown(_))),
            "{raw}"
        );
        assert_eq!(serde_json::to_value(&block).unwrap()["details"], raw);
    }
}

fn step_run(step_type: &str, result: serde_json::Value) -> serde_json::Value {
    json!({
        "object": "workflow_step_run",
        "id": "step_run_1",
        "workflowRunId": "workflow_run_1",
        "status": "PROCESSED",
        "files": [],
        "step": {"object": "workflow_step", "id": "step_1", "name": "Parse"},
        "stepType": step_type,
        "result": result,
    })
}

#[test]
fn step_result_decided_by_step_type() {
    let raw = step_run(
        "PARSE",
        json!({"parseRun": {"id": "pr_1", "status": "PROCESSED"}}),
    );
    let step: StepRun = serde_json::from_value(raw.clone()).unwrap();
    let Some(StepResult::Parse {
        parse_run: Some(parse_run),
    }) = &step.result
    else {
        panic!("PARSE step decoded as {:?}", step.result);
    };
    assert_eq!(parse_run.id, "pr_1");

    let raw = step_run(
        "RULE_VALIDATION",
        json!({"allPassed": false, "rules": [{"name": "total", "valid": false, "failureReason": "RULE_FAILED"}]}),
    );
    let step: StepRun = serde_json::from_value(raw.clone()).unwrap();
    let Some(StepResult::RuleValidation { rules, all_passed }) = &step.result else {
        panic!("RULE_VALIDATION step decoded as {:?}", step.result);
    };
    assert!(!all_passed);
    assert_eq!(rules[0].failure_reason, Some(RuleFailureReason::RuleFailed));
    assert_eq!(serde_json::to_value(&step).unwrap(), raw);
}

#[test]
fn unknown_step_type_keeps_result() {
    let raw = step_run("TRANSLATE", json!({"translation": {"language": "fr"}}));
    let step: StepRun = serde_json::from_value(raw.clone()).unwrap();
    assert!(step.step_type.is_unknown());
    assert!(matches!(step.result, Some(StepResult::Unknown(_))));
    assert_eq!(serde_json::to_value(&step).unwrap(), raw);
}

#[test]
fn null_step_result_is_none() {
    let step: StepRun =
        serde_json::from_value(step_run("EXTRACT", serde_json::Value::Null)).unwrap();
    assert_eq!(step.result, None);
}

#[test]
fn legacy_extract_output_kept() {
    let raw = json!({"invoice_number": {"value": "INV-1", "confidence": 0.9}});
    let output: ExtractOutput = serde_json::from_value(raw.clone()).unwrap();
    assert!(output.legacy_fields.is_some());
    assert!(output.value.is_empty());
    assert_eq!(serde_json::to_value(&output).unwrap(), raw);
}

#[test]
fn current_extract_output_typed() {
    let raw = json!({
        "value": {"total": 12.5},
        "metadata": {"total": {"ocrConfidence": 0.98, "insights": [{"type": "reasoning", "content": "sum"}]}}
    });
    let output: ExtractOutput = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(output.legacy_fields, None);
    assert_eq!(output.metadata["total"].ocr_confidence, Some(0.98));
    assert_eq!(serde_json::to_value(&output).unwrap(), raw);
}

#[test]
fn debug_hides_signing_secret() {
    let created: WebhookEndpointCreated = serde_json::from_value(json!({
        "object": "webhook_endpoint", "id": "wh_1", "url": "https://example.com/hook",
        "name": "hook", "status": "enabled", "enabledEvents": [], "apiVersion": "2026-02-09",
        "signingSecret": "wss_very_secret"
    }))
    .unwrap();
    assert_eq!(created.signing_secret, "wss_very_secret");
    let debug = format!("{created:?}");
    assert!(!debug.contains("wss_very_secret"), "{debug}");
    assert!(debug.contains("REDACTED"), "{debug}");
}

#[test]
fn debug_hides_workflow_secrets() {
    let mut values = serde_json::Map::new();
    values.insert("apiKey".into(), json!("sk_live_hidden"));
    let request = WorkflowRunCreate::new(WorkflowRef::new("workflow_1"), FileRef::id("file_1"))
        .secrets(Secrets(values));
    let debug = format!("{request:?}");
    assert!(!debug.contains("sk_live_hidden"), "{debug}");
    assert!(debug.contains("apiKey"), "{debug}");
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["secrets"]["apiKey"], "sk_live_hidden");
}

#[test]
fn debug_hides_file_passwords() {
    let file = FileRef::url_with_password("https://example.com/a.pdf", "hunter2");
    assert!(!format!("{file:?}").contains("hunter2"));
    let options = UploadOptions {
        password: Some("hunter2".into()),
        convert_to_pdf: false,
    };
    assert!(!format!("{options:?}").contains("hunter2"));
    assert_eq!(
        serde_json::to_value(&file).unwrap()["settings"]["password"],
        "hunter2"
    );
}

#[test]
fn file_ref_decided_by_key() {
    let cases = [
        (
            json!({"url": "https://x/a.pdf"}),
            FileRef::url("https://x/a.pdf"),
        ),
        (json!({"id": "file_1"}), FileRef::id("file_1")),
        (json!({"text": "hello"}), FileRef::text("hello")),
    ];
    for (raw, expected) in cases {
        let decoded: FileRef = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(decoded, expected, "{raw}");
    }
}
