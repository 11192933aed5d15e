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
use std::time::{Duration, Instant};

use extend_core::{ExtractRun, ParseRun};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// Samples per measurement; the reported rate is their median.
const SAMPLES: u32 = 5;

fn main() {
    let mut data = None;
    let mut seconds = 5.0;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--data" => data = args.next().map(PathBuf::from),
            "--seconds" => seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(seconds),
            // cargo bench passes --bench; anything else is ignored.
            _ => {}
        }
    }
    let Some(data) = data else {
        eprintln!(
            "peer_decode skipped: run it through `cargo xtask bench`, which writes the bodies"
        );
        return;
    };
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

/// Runs `operation` for a warm-up, then for up to `SAMPLES` samples of
/// `seconds / SAMPLES` each, and returns the median operations per second.
fn measure_rate(seconds: f64, mut operation: impl FnMut() -> bool) -> f64 {
    let warm_up = Duration::from_secs_f64((seconds / 4.0).min(0.5));
    let started = Instant::now();
    while started.elapsed() < warm_up {
        black_box(operation());
    }
    let sample = Duration::from_secs_f64(seconds / f64::from(SAMPLES));
    let budget = Duration::from_secs_f64(seconds);
    let sampling = Instant::now();
    let mut rates = Vec::new();
    // An operation slower than a sample fills each sample alone, so sampling
    // also stops once the whole budget is spent.
    while rates.len() < SAMPLES as usize && (rates.is_empty() || sampling.elapsed() < budget) {
        let start = Instant::now();
        let mut count = 0u64;
        loop {
            black_box(operation());
            count += 1;
            if start.elapsed() >= sample {
                break;
            }
        }
        rates.push(count as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}
