//! Proptest generators shared by the unit tests of the scan and the
//! envelope parser.

use proptest::prelude::*;

/// Generates JSON values whose strings and keys contain quotes,
/// backslashes, brackets, newlines and non-ASCII text, and whose keys are
/// at times `object`, `data` or `id`.
pub(crate) fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "[a-zé\\\\\"{}\\[\\] \n]{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(5, 200, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("(object|data|id|[a-z\\\\\"{]{0,6})", inner, 0..8)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}
