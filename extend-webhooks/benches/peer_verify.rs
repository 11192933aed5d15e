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

use extend_webhooks::Verifier;
use peer_harness::{measure_rate, peer_args, PeerArgs};
use serde_json::{json, Value};

#[path = "../../xtask/bench/peer_harness.rs"]
mod peer_harness;

fn main() {
    let Some(PeerArgs { input, seconds }) = peer_args("peer_verify", "--data") else {
        return;
    };
    let data = PathBuf::from(input);
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
