//! A retrieve round trip against an emulator in another process, with the
//! blocking facade and with the async client driven by `block_on`, timed the
//! same way as the Python and TypeScript runners.
//!
//! Run it through `cargo xtask bench`, which starts the emulator and passes
//! `--base-url URL --seconds S`. Prints one JSON line per client.

use extend_core::{ExtractRunCreate, FileRef};
use extend_http::HttpTransport;
use peer_harness::{measure_rate, peer_args, PeerArgs};
use serde_json::json;

#[path = "../../xtask/bench/peer_harness.rs"]
mod peer_harness;

fn main() {
    let Some(PeerArgs {
        input: base_url,
        seconds,
    }) = peer_args("peer_roundtrip", "--base-url")
    else {
        return;
    };
    if let Err(message) = run(&base_url, seconds) {
        eprintln!("peer_roundtrip: {message}");
        std::process::exit(1);
    }
}

fn transport(base_url: &str) -> Result<HttpTransport, String> {
    HttpTransport::builder()
        .api_key("sk_bench")
        .base_url(base_url)
        .build()
        .map_err(|err| format!("could not build a transport for {base_url}: {err}"))
}

fn run(base_url: &str, seconds: f64) -> Result<(), String> {
    let blocking = extend_blocking::Client::new(transport(base_url)?)
        .map_err(|err| format!("could not build the blocking client: {err}"))?;
    let request = ExtractRunCreate::with_schema(
        FileRef::text("Invoice Number: INV-1\nTotal Due: 10.00"),
        json!({"type": "object", "properties": {"total_due": {"type": "number"}}}),
    );
    let run = blocking
        .extract_runs()
        .create_and_poll(&request)
        .map_err(|err| format!("the extract run did not finish: {err}"))?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("could not build a runtime: {err}"))?;
    let async_client = extend_core::Client::new(transport(base_url)?);
    let async_runs = async_client.extract_runs();
    let (mut calls, cpu_before) = (0u64, cpu_seconds());
    let async_rate = measure_rate(seconds, || {
        calls += 1;
        runtime.block_on(async_runs.retrieve(&run.id)).is_ok()
    });
    report("async", async_rate, cpu_seconds() - cpu_before, calls);

    let blocking_runs = blocking.extract_runs();
    let (mut calls, cpu_before) = (0u64, cpu_seconds());
    let blocking_rate = measure_rate(seconds, || {
        calls += 1;
        blocking_runs.retrieve(&run.id).is_ok()
    });
    report("blocking", blocking_rate, cpu_seconds() - cpu_before, calls);
    Ok(())
}

/// Prints one record; `cpu` is the CPU time of all `calls`, warm-up included.
fn report(case: &str, rate: f64, cpu: f64, calls: u64) {
    let record = json!({
        "sdk": "rust",
        "workload": "roundtrip",
        "case": case,
        "us_per_call": 1e6 / rate,
        "cpu_us_per_call": cpu * 1e6 / calls.max(1) as f64,
    });
    println!("{record}");
}

/// User plus system CPU seconds of this process, from `/proc/self/stat`
/// (Linux only; zero elsewhere). USER_HZ is 100 on mainstream Linux.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name may contain spaces; count fields after its ')'.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: f64 = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|field| field.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}
