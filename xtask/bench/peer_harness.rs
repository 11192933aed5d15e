//! Argument parsing and timing shared by the Rust `peer_*` benches, which
//! `cargo xtask bench` runs beside `workloads.py` and `workloads.mjs`. Each
//! bench includes this file with `#[path]`, so the three Rust runners time
//! their operations the same way.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Samples per measurement; the reported rate is their median.
const SAMPLES: u32 = 5;

/// The options `cargo xtask bench` passes: the input (`--data DIR` or
/// `--base-url URL`, named by the bench) and `--seconds S`.
pub(crate) struct PeerArgs {
    pub(crate) input: String,
    pub(crate) seconds: f64,
}

/// Reads `input_flag` and `--seconds` from the command line. Prints that the
/// bench was skipped and returns `None` when `input_flag` is missing, as it
/// is under a plain `cargo bench`.
pub(crate) fn peer_args(bench: &str, input_flag: &str) -> Option<PeerArgs> {
    let mut input = None;
    let mut seconds = 5.0;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == input_flag {
            input = args.next();
        } else if flag == "--seconds" {
            seconds = args
                .next()
                .and_then(|value| value.parse().ok())
                .unwrap_or(seconds);
        }
        // cargo bench passes --bench; anything else is ignored.
    }
    if input.is_none() {
        eprintln!("{bench} skipped: run it through `cargo xtask bench`, which passes {input_flag}");
    }
    Some(PeerArgs {
        input: input?,
        seconds,
    })
}

/// Runs `operation` for a warm-up, then for up to five samples of
/// `seconds / 5` each, and returns the median operations per second. A
/// failed operation counts as one, so the caller checks the first one.
pub(crate) fn measure_rate(seconds: f64, mut operation: impl FnMut() -> bool) -> f64 {
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
