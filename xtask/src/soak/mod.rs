//! `cargo xtask soak`: reliability under faults, load and hostile input.
//!
//! - `soak runs`: starts the release emulator with about 10% of responses
//!   faulted (429 with `Retry-After`, 502, 503, dropped connections, slow
//!   responses). A proxy in front of it hides the response of 2% of the
//!   successful creates. Every request goes through `create_and_poll`, and
//!   then the emulator's run list must show one run per request, unique
//!   ids, and every run terminal with the status the client saw.
//! - `soak webhooks`: runs the webhook delivery soak, an integration test of
//!   `extend-webhooks`, with 10,000 deliveries.
//!
//! `cargo xtask soak` runs both. Everything listens on 127.0.0.1. The exit
//! status is non-zero on any violation.

use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::Instant;

use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::Layer;

use crate::emulator_process::{DEBUG_BINARY, RELEASE_BINARY};
use emulator::FaultyEmulator;
use proxy::FaultProxy;
use report::RunReport;
use runs::run_soak;
use trace::{CountingLayer, RetryCounts};

mod emulator;
mod proxy;
mod report;
mod runs;
mod trace;

/// Runs of a default soak, and of `--quick`.
const DEFAULT_RUNS: usize = 5_000;
const QUICK_RUNS: usize = 500;

/// Webhook deliveries of a default soak, and of `--quick`.
const DEFAULT_DELIVERIES: usize = 10_000;
const QUICK_DELIVERIES: usize = 500;

/// Waits in flight at once: enough to keep the emulator busy without
/// opening thousands of sockets.
const DEFAULT_CONCURRENCY: usize = 500;

/// Fraction of successful creates whose response the proxy replaces with a 502.
const HIDDEN_CREATE_RATE: f64 = 0.02;

/// The selected parts of the soak and their sizes.
#[derive(Debug)]
pub(crate) struct SoakOptions {
    runs: Option<usize>,
    deliveries: Option<usize>,
    concurrency: usize,
    seed: u64,
    /// `--quick` uses the debug emulator that `cargo test` has built, so CI
    /// spends no release build on it.
    debug_emulator: bool,
}

impl SoakOptions {
    /// Parses `[runs|webhooks] [--quick] [--runs N] [--deliveries N]
    /// [--concurrency N] [--seed N]`.
    pub(crate) fn from_args(args: &[String]) -> Result<Self, String> {
        let quick = args.iter().any(|arg| arg == "--quick");
        let (mut runs, mut deliveries) = if quick {
            (QUICK_RUNS, QUICK_DELIVERIES)
        } else {
            (DEFAULT_RUNS, DEFAULT_DELIVERIES)
        };
        let mut concurrency = DEFAULT_CONCURRENCY;
        let mut seed = 1;
        let mut part = None;

        let mut words = args.iter();
        while let Some(word) = words.next() {
            match word.as_str() {
                "--quick" => {}
                "--runs" => runs = number(word, words.next())?,
                "--deliveries" => deliveries = number(word, words.next())?,
                "--concurrency" => concurrency = number(word, words.next())?,
                "--seed" => seed = number(word, words.next())?,
                "runs" | "webhooks" if part.is_none() => part = Some(word.clone()),
                other => {
                    return Err(format!(
                        "unknown soak argument {other:?}; expected [runs|webhooks] [--quick] [--runs N] [--deliveries N] [--concurrency N] [--seed N]"
                    ))
                }
            }
        }
        if runs == 0 || deliveries == 0 || concurrency == 0 {
            return Err("--runs, --deliveries and --concurrency need a number above 0".to_owned());
        }
        Ok(SoakOptions {
            runs: (part.as_deref() != Some("webhooks")).then_some(runs),
            deliveries: (part.as_deref() != Some("runs")).then_some(deliveries),
            concurrency,
            seed,
            debug_emulator: quick,
        })
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: Option<&String>) -> Result<T, String> {
    let value =
        value.ok_or_else(|| format!("{flag} needs a whole number, for example {flag} 500"))?;
    value
        .parse()
        .map_err(|_| format!("{flag} {value}: expected a whole number"))
}

/// Runs the parts of the soak that `options` selects.
pub(crate) fn run(cargo: &str, options: &SoakOptions) -> ExitCode {
    let mut failed = false;
    if let Some(runs) = options.runs {
        failed |= !soak_runs(cargo, runs, options);
    }
    if let Some(deliveries) = options.deliveries {
        failed |= !soak_webhooks(cargo, deliveries);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs the webhook soak test with `deliveries` deliveries; returns whether it passed.
///
/// The test runs in the debug profile, which the test suite has already
/// built, because 10,000 deliveries take well under a minute there.
fn soak_webhooks(cargo: &str, deliveries: usize) -> bool {
    eprintln!("soak: {deliveries} webhook deliveries");
    let status = Command::new(cargo)
        .args(["test", "-p", "extend-webhooks", "--features", "axum"])
        .args(["--test", "delivery_soak", "--", "--nocapture"])
        .env("EXTEND_SOAK_DELIVERIES", deliveries.to_string())
        .status();
    match status {
        Ok(status) if status.success() => true,
        Ok(status) => {
            eprintln!("soak: the webhook soak failed ({status})");
            false
        }
        Err(error) => {
            eprintln!("soak: could not run {cargo}: {error}");
            false
        }
    }
}

/// Runs the run soak; returns whether every check passed.
fn soak_runs(cargo: &str, runs: usize, options: &SoakOptions) -> bool {
    let (profile_args, binary): (&[&str], &str) = if options.debug_emulator {
        (&[], DEBUG_BINARY)
    } else {
        (&["--release"], RELEASE_BINARY)
    };
    let built = Command::new(cargo)
        .arg("build")
        .args(profile_args)
        .args(["-p", "extend-emulator"])
        .status();
    if !matches!(built, Ok(status) if status.success()) {
        eprintln!("soak: building the emulator failed");
        return false;
    }
    let (emulator, base_url) = match FaultyEmulator::start(binary, options.seed) {
        Ok(started) => started,
        Err(message) => {
            eprintln!("soak: {message}");
            return false;
        }
    };

    let retries = Arc::new(RetryCounts::default());
    let subscriber = tracing_subscriber::registry()
        .with(CountingLayer::new(retries.clone()).with_filter(LevelFilter::WARN));
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        eprintln!("soak: a tracing subscriber was already installed; retries are not counted");
    }

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("soak: could not start a tokio runtime: {error}");
            return false;
        }
    };
    eprintln!("soak: {runs} create_and_poll runs against {base_url} through a fault proxy");
    let started = Instant::now();
    let outcome = runtime.block_on(async {
        let proxy = FaultProxy::start(&base_url, HIDDEN_CREATE_RATE, options.seed)
            .await
            .map_err(|error| format!("could not start the fault proxy: {error}"))?;
        let result = run_soak(proxy.base_url(), runs, options.concurrency).await?;
        Ok::<_, String>((result, proxy.creates_hidden()))
    });
    let wall = started.elapsed();
    let injected = emulator.stop();

    let ((client, reconciliation), hidden) = match outcome {
        Ok(outcome) => outcome,
        Err(message) => {
            eprintln!("soak: {message}");
            return false;
        }
    };
    let report = RunReport {
        requested: runs,
        client,
        reconciliation,
        retries: &retries,
        injected,
        hidden_creates: hidden,
        wall_seconds: wall.as_secs_f64(),
    };
    report.print();
    let violations = report.violations();
    for violation in &violations {
        eprintln!("soak: VIOLATION: {violation}");
    }
    violations.is_empty()
}
