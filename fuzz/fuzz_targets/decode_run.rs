//! Decoding arbitrary bytes as every run type of `extend-core`.
//!
//! Decoding must return a value or an error, never panic. A value that
//! decodes must encode, and decoding that encoding must give the same value.

#![no_main]

use extend_core::{
    BatchRun, ClassifyRun, EditRun, ExtractRun, FormDetectionRun, ParseRun, SplitRun, WorkflowRun,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn check<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(data: &[u8]) {
    let Ok(run) = serde_json::from_slice::<T>(data) else {
        return;
    };
    let encoded = serde_json::to_vec(&run).expect("a decoded run encodes");
    let again: T = serde_json::from_slice(&encoded).expect("an encoded run decodes");
    assert_eq!(run, again);
}

fuzz_target!(|data: &[u8]| {
    check::<ExtractRun>(data);
    check::<ClassifyRun>(data);
    check::<SplitRun>(data);
    check::<ParseRun>(data);
    check::<EditRun>(data);
    check::<FormDetectionRun>(data);
    check::<WorkflowRun>(data);
    check::<BatchRun>(data);
});
