//! Decoding of the large run bodies that `cargo xtask bench` writes (an
//! extract run with 5,000 fields, a parse run with 500 pages), timed the same
//! way as the Python and TypeScript runners, so the three SDKs decode the
//! same bytes.
//!
//! Run it through `cargo xtask bench`, which writes the bodies and passes
//! `--data DIR --seconds S`. Prints one JSON line per body, with the rate of
//! decoding the same body into `serde_json::Value` for comparison.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use extend_core::{ExtractRun, ParseRun};
#[path = "../../xtask/bench/peer_harness.rs"]
mod peer_harness;

use peer_harness::{measure_rate, peer_args, PeerArgs};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn main() {
    let Some(PeerArgs { input, seconds }) = peer_args("peer_decode", "--data") else {
        return;
    };
    let data = PathBuf::from(input);
    let outcome = measure::<ExtractRun>(&data, "extract_run", "extract-run.json", seconds)
        .and_then(|()| measure::<ParseRun>(&data, "parse_run", "parse-run.json", seconds));
    if let Err(message) = outcome {
        eprintln!("peer_decode: {message}");
        std::process::exit(1);
    }
}

fn measure<T: DeserializeOwned>(
    data: &Path,
    label: &str,
    file: &str,
    seconds: f64,
) -> Result<(), String> {
    let path = data.join(file);
    let body =
        std::fs::read(&path).map_err(|err| format!("could not read {}: {err}", path.display()))?;
    serde_json::from_slice::<T>(&body)
        .map_err(|err| format!("{} does not decode: {err}", path.display()))?;

    let rate = measure_rate(seconds, || {
        serde_json::from_slice::<T>(black_box(&body)).is_ok()
    });
    let value_rate = measure_rate(seconds / 2.0, || {
        serde_json::from_slice::<Value>(black_box(&body)).is_ok()
    });
    let bytes = body.len() as f64;
    let record = json!({
        "sdk": "rust",
        "workload": "decode",
        "case": label,
        "bytes": body.len(),
        "decodes_per_s": rate,
        "mb_per_s": rate * bytes / 1e6,
        "json_value_mb_per_s": value_rate * bytes / 1e6,
    });
    println!("{record}");
    Ok(())
}
