//! Property tests: status classification, encode/decode round trips of run
//! objects, and termination of list streams.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use bytes::Bytes;
use extend_core::*;
use futures::StreamExt;
use http::{HeaderMap, StatusCode};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use serde_json::json;

fn status() -> impl Strategy<Value = RunStatus> {
    prop_oneof![
        proptest::sample::select(RunStatus::KNOWN.to_vec()),
        "[A-Z_]{1,12}".prop_map(|raw| RunStatus::from(raw.as_str())),
    ]
}

fn failure_reason() -> impl Strategy<Value = FailureReason> {
    prop_oneof![
        proptest::sample::select(FailureReason::KNOWN.to_vec()),
        "[A-Z_]{1,12}".prop_map(|raw| FailureReason::from(raw.as_str())),
    ]
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![(0u32..100_000).prop_map(f64::from), -1.0e9..1.0e9f64]
}

fn metadata() -> impl Strategy<Value = Metadata> {
    btree_map("[a-zA-Z_]{1,8}", "[ -~]{0,12}", 0..4).prop_map(|entries| {
        entries
            .into_iter()
            .map(|(key, value)| (key, json!(value)))
            .collect()
    })
}

fn usage() -> impl Strategy<Value = Usage> {
    (
        finite(),
        option::of(finite()),
        "[a-z]{1,6}_[0-9]{1,4}",
        finite(),
    )
        .prop_map(|(credits, total_credits, id, line_credits)| Usage {
            credits,
            total_credits,
            breakdown: Some(vec![UsageBreakdownEntry {
                object: RunKind::ParseRun,
                id,
                credits: line_credits,
                charges: None,
            }]),
        })
}

fn extract_run() -> impl Strategy<Value = ExtractRun> {
    (
        "[a-z]{2,4}_[A-Za-z0-9]{1,12}",
        status(),
        option::of(failure_reason()),
        option::of(metadata()),
        any::<(bool, bool)>(),
        option::of(usage()),
        option::of(btree_map("[a-z]{1,6}", finite(), 0..3)),
    )
        .prop_map(
            |(id, status, failure_reason, metadata, (reviewed, edited), usage, value)| {
                let output = value.map(|fields| ExtractOutput {
                    value: fields
                        .into_iter()
                        .map(|(key, number)| (key, json!(number)))
                        .collect(),
                    ..ExtractOutput::default()
                });
                ExtractRun {
                    object: "extract_run".into(),
                    id,
                    status,
                    output,
                    initial_output: None,
                    reviewed_output: None,
                    failure_reason,
                    failure_message: None,
                    metadata,
                    reviewed,
                    edited,
                    edits: None,
                    config: None,
                    extractor: None,
                    extractor_version: None,
                    file: None,
                    files: None,
                    parse_run_id: None,
                    dashboard_url: None,
                    usage,
                    created_at: None,
                    updated_at: None,
                }
            },
        )
}

fn block() -> impl Strategy<Value = Block> {
    let details = prop_oneof![
        Just(BlockDetails::Empty),
        Just(BlockDetails::KeyValue),
        (finite(), finite()).prop_map(|(row_count, column_count)| {
            BlockDetails::Table(TableDetails {
                row_count,
                column_count,
            })
        }),
        option::of("[a-z]{1,5}").prop_map(|image_url| {
            BlockDetails::Figure(FigureDetails {
                image_url,
                figure_type: None,
            })
        }),
    ];
    ("[a-f0-9]{8}", "[ -~]{0,20}", option::of(details)).prop_map(|(id, content, details)| Block {
        object: "block".into(),
        id,
        parent_block_id: None,
        r#type: BlockType::Text,
        content,
        details,
        metadata: None,
        polygon: None,
        bounding_box: None,
        children: None,
    })
}

fn parse_run() -> impl Strategy<Value = ParseRun> {
    (
        "pr_[A-Za-z0-9]{1,12}",
        status(),
        vec(block(), 0..4),
        option::of(metadata()),
    )
        .prop_map(|(id, status, blocks, metadata)| ParseRun {
            object: "parse_run".into(),
            id,
            status,
            file: None,
            output: Some(ParseOutput {
                chunks: vec![Chunk {
                    object: "chunk".into(),
                    r#type: ChunkType::Page,
                    content: String::new(),
                    metadata: ChunkMetadata::default(),
                    blocks,
                }],
                ocr: None,
            }),
            output_url: None,
            failure_reason: None,
            failure_message: None,
            metrics: None,
            config: None,
            usage: None,
            metadata,
            batch_id: None,
            created_at: None,
            updated_at: None,
        })
}

fn step_run() -> impl Strategy<Value = StepRun> {
    let result = prop_oneof![
        parse_run().prop_map(|run| StepResult::Parse {
            parse_run: Some(Box::new(run))
        }),
        extract_run().prop_map(|run| StepResult::Extract {
            extract_run: Some(Box::new(run))
        }),
        any::<bool>().prop_map(|all_passed| StepResult::RuleValidation {
            rules: Vec::new(),
            all_passed
        }),
    ];
    ("[a-z_]{1,10}", option::of(result)).prop_map(|(id, result)| {
        let step_type = match &result {
            Some(StepResult::Extract { .. }) => StepType::Extract,
            Some(StepResult::RuleValidation { .. }) => StepType::RuleValidation,
            _ => StepType::Parse,
        };
        StepRun {
            object: "workflow_step_run".into(),
            id,
            workflow_run_id: "workflow_run_1".into(),
            status: StepRunStatus::Processed,
            files: Vec::new(),
            step: StepRef {
                object: "workflow_step".into(),
                id: "step_1".into(),
                name: "step".into(),
                r#type: None,
            },
            step_type,
            result,
        }
    })
}

fn workflow_run() -> impl Strategy<Value = WorkflowRun> {
    (
        "workflow_run_[a-z0-9]{1,8}",
        status(),
        vec(step_run(), 0..3),
        option::of(metadata()),
        option::of(any::<bool>()),
    )
        .prop_map(|(id, status, step_runs, metadata, reviewed)| WorkflowRun {
            object: "workflow_run".into(),
            id,
            status,
            name: None,
            workflow: None,
            workflow_version: None,
            dashboard_url: None,
            metadata,
            files: None,
            reviewed,
            reviewed_by_user: None,
            reviewed_at: None,
            rejection_note: None,
            step_runs: Some(step_runs),
            batch_id: None,
            failure_reason: None,
            failure_message: None,
            initial_run_at: None,
            start_time: None,
            end_time: None,
            usage: None,
            created_at: None,
            updated_at: None,
        })
}

fn round_trips<T>(run: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let encoded = serde_json::to_string(run).expect("a run encodes");
    let decoded: T = serde_json::from_str(&encoded).expect("an encoded run decodes");
    prop_assert_eq!(&decoded, run);
    Ok(())
}

proptest! {
    #[test]
    fn unknown_status_is_terminal(raw in "\\PC*") {
        let status = RunStatus::from(raw.as_str());
        let in_progress = matches!(raw.as_str(), "PENDING" | "PROCESSING" | "CANCELLING");
        prop_assert_eq!(status.is_terminal(), !in_progress);
        if status.is_unknown() {
            prop_assert_eq!(status.phase(), Phase::Terminal(Outcome::Unknown));
        }
    }

    #[test]
    fn extract_run_round_trips(run in extract_run()) {
        round_trips(&run)?;
    }

    #[test]
    fn parse_run_round_trips(run in parse_run()) {
        round_trips(&run)?;
    }

    #[test]
    fn workflow_run_round_trips(run in workflow_run()) {
        round_trips(&run)?;
    }

    #[test]
    fn terminal_never_returns_to_progress(first in status(), second in status()) {
        let result = check_transition(&first, &second);
        prop_assert_eq!(result.is_err(), first.is_terminal() && !second.is_terminal());
    }
}

mockall::mock! {
    pub Api {}

    #[async_trait]
    impl Transport for Api {
        async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError>;
    }
}

proptest! {
    /// Whatever tokens the server returns, the stream ends, after at most
    /// one request per distinct token plus the first.
    #[test]
    fn list_stream_always_ends(tokens in vec(option::of("[a-c]{0,1}"), 1..12)) {
        let requests = Arc::new(Mutex::new(0usize));
        let counter = Arc::clone(&requests);
        let pages = tokens.clone();
        let mut api = MockApi::new();
        api.expect_send().returning(move |_| {
            let mut count = counter.lock().unwrap();
            // Past the scripted pages the server sends no token: the last page.
            let token = pages.get(*count).cloned().flatten();
            *count += 1;
            let body = json!({"object": "list", "data": [], "nextPageToken": token});
            Ok(ApiResponse { status: StatusCode::OK, headers: HeaderMap::new(), body: Bytes::from(body.to_string()), attempts: 1 })
        });
        let client = Client::new(api);

        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime builds");
        let errors = runtime.block_on(async {
            let stream = client.files().list_all(&FileListQuery::default());
            stream.filter(|item| std::future::ready(item.is_err())).count().await
        });

        let distinct: std::collections::HashSet<&String> =
            tokens.iter().flatten().filter(|token| !token.is_empty()).collect();
        let requests_made = *requests.lock().unwrap();
        prop_assert!(requests_made <= distinct.len() + 1, "{} requests for tokens {:?}", requests_made, tokens);
        prop_assert!(errors <= 1);
    }
}
