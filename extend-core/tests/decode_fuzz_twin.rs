//! Proptest twin of the `decode_run` fuzz target: arbitrary bytes, arbitrary
//! JSON and run objects with arbitrary field values, decoded as every run
//! type. Decoding returns a value or an error and never panics, and a
//! decoded value survives an encode and decode unchanged.

use extend_core::{
    BatchRun, ClassifyRun, EditRun, ExtractRun, FormDetectionRun, ParseRun, SplitRun, WorkflowRun,
};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Field names of the run types, so that generated objects reach the
/// decoders of nested models and not only the top-level checks.
const RUN_FIELDS: &[&str] = &[
    "object",
    "id",
    "status",
    "output",
    "initialOutput",
    "reviewedOutput",
    "failureReason",
    "failureMessage",
    "metadata",
    "reviewed",
    "edited",
    "edits",
    "config",
    "extractor",
    "extractorVersion",
    "classifier",
    "splitter",
    "file",
    "files",
    "parseRunId",
    "dashboardUrl",
    "usage",
    "createdAt",
    "updatedAt",
    "outputUrl",
    "metrics",
    "batchId",
    "workflow",
    "workflowVersion",
    "stepRuns",
    "runCount",
    "chunks",
    "blocks",
    "value",
    "splits",
    "classification",
];

/// Decodes `bytes` as `T`; when that works, checks the encode and decode
/// round trip. Returns whether `bytes` decoded.
fn check<T>(bytes: &[u8]) -> Result<bool, TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(run) = serde_json::from_slice::<T>(bytes) else {
        return Ok(false);
    };
    let encoded = serde_json::to_vec(&run)
        .map_err(|error| TestCaseError::fail(format!("a decoded run failed to encode: {error}")))?;
    let again: T = serde_json::from_slice(&encoded).map_err(|error| {
        TestCaseError::fail(format!(
            "an encoded run failed to decode: {error}; encoded {}",
            String::from_utf8_lossy(&encoded)
        ))
    })?;
    prop_assert_eq!(run, again);
    Ok(true)
}

/// Runs [`check`] for every run type.
fn check_all(bytes: &[u8]) -> Result<(), TestCaseError> {
    check::<ExtractRun>(bytes)?;
    check::<ClassifyRun>(bytes)?;
    check::<SplitRun>(bytes)?;
    check::<ParseRun>(bytes)?;
    check::<EditRun>(bytes)?;
    check::<FormDetectionRun>(bytes)?;
    check::<WorkflowRun>(bytes)?;
    check::<BatchRun>(bytes)?;
    Ok(())
}

/// Any JSON value, nested a few levels, with the numbers JSON can carry.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |number| number.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("PROCESSED"),
            Just("FAILED"),
            Just("PENDING"),
            Just("extract_run"),
            Just("text"),
            Just("table"),
        ]
        .prop_map(|text| Value::String(text.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map("[a-zA-Z]{1,12}", inner, 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// Generates a run object with an id and a status, plus run fields with arbitrary values.
fn run_object() -> impl Strategy<Value = Value> {
    let fields = btree_map(proptest::sample::select(RUN_FIELDS), json_value(), 0..8);
    ("\\PC{0,8}", "\\PC{0,12}", fields).prop_map(|(id, status, fields)| {
        let mut object = Map::new();
        object.insert("id".to_owned(), json!(format!("run_{id}")));
        object.insert("status".to_owned(), json!(status));
        for (name, value) in fields {
            object.insert(name.to_owned(), value);
        }
        Value::Object(object)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_decode_safely(bytes in vec(any::<u8>(), 0..256)) {
        check_all(&bytes)?;
    }

    #[test]
    fn arbitrary_json_decodes_safely(value in json_value()) {
        check_all(value.to_string().as_bytes())?;
    }

    #[test]
    fn run_objects_decode_safely(value in run_object()) {
        check_all(value.to_string().as_bytes())?;
    }

    #[test]
    fn minimal_run_always_decodes(id in "\\PC{1,16}", status in "\\PC{0,16}") {
        let bytes = json!({"id": id, "status": status}).to_string();
        prop_assert!(check::<ExtractRun>(bytes.as_bytes())?, "{bytes}");
        prop_assert!(check::<ParseRun>(bytes.as_bytes())?, "{bytes}");
        prop_assert!(check::<WorkflowRun>(bytes.as_bytes())?, "{bytes}");
    }
}
