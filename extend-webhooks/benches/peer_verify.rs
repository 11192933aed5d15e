//! `verify_and_parse` on the signed deliveries that `cargo xtask bench`
//! writes, timed the same way as the Python and TypeScript runners, so the
//! three SDKs are compared on the same bytes.
//!
//! Run it through `cargo xtask bench`, which writes the deliveries and
//! passes `--data DIR --seconds S`. Prints one JSON line per body size. Our
//! `verify_and_parse` leaves the payload as JSON text, while the other SDKs
//! decode the whole body, so the line also has the rate of
//! `verify_and_parse` followed by a decode of the payload into its type.
//! Two breakdown rates follow: the signature check alone, and decoding the
//! body into `serde_json::Value`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use extend_webhooks::Verifier;
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
            "peer_verify skipped: run it through `cargo xtask bench`, which writes the deliveries"
        );
        return;
    };
    if let Err(message) = run(&data, seconds) {
        eprintln!("peer_verify: {message}");
        std::process::exit(1);
    }
}

fn run(data: &Path, seconds: f64) -> Result<(), String> {
    let cases_path = data.join("webhook-cases.json");
    let cases: Value = read(&cases_path)
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|err| err.to_string()))
        .map_err(|err| format!("{}: {err}", cases_path.display()))?;
    let secret = cases["secret"]
        .as_str()
        .ok_or("webhook-cases.json has no secret")?;
    let verifier = Verifier::new(secret).map_err(|err| err.to_string())?;

    for case in cases["cases"]
        .as_array()
        .ok_or("webhook-cases.json has no cases")?
    {
        let file = case["file"].as_str().ok_or("a case has no file")?;
        let body = read(&data.join(file))?;
        let headers: Vec<(String, String)> = case["headers"]
            .as_object()
            .ok_or("a case has no headers")?
            .iter()
            .map(|(name, value)| (name.clone(), value.as_str().unwrap_or_default().to_owned()))
            .collect();
        let pairs = || {
            headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str()))
        };
        verifier
            .verify_and_parse(pairs(), &body)
            .map_err(|err| format!("{file} does not verify: {err}"))?;

        let rate = measure_rate(seconds, || {
            verifier
                .verify_and_parse(black_box(pairs()), black_box(&body))
                .is_ok()
        });
        let decoded_rate = measure_rate(seconds, || {
            verifier
                .verify_and_parse(black_box(pairs()), black_box(&body))
                .is_ok_and(|event| event.check_payload().is_ok())
        });
        let verify_rate = measure_rate(seconds / 2.0, || {
            verifier
                .verify(black_box(pairs()), black_box(&body))
                .is_ok()
        });
        let value_rate = measure_rate(seconds / 2.0, || {
            serde_json::from_slice::<Value>(black_box(&body)).is_ok()
        });
        let bytes = body.len() as f64;
        let record = json!({
            "sdk": "rust",
            "workload": "webhooks",
            "case": case["label"],
            "bytes": body.len(),
            "events_per_s": rate,
            "mb_per_s": rate * bytes / 1e6,
            "decoded_events_per_s": decoded_rate,
            "verify_only_mb_per_s": verify_rate * bytes / 1e6,
            "json_value_mb_per_s": value_rate * bytes / 1e6,
        });
        println!("{record}");
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|err| format!("could not read {}: {err}", path.display()))
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
