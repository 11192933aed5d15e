//! Project automation, run as `cargo xtask <task>`.
//!
//! - `ci`: the checks CI runs: format, clippy, docs and the test suite.
//! - `features`: builds the umbrella crate with each feature alone, with
//!   none, and with all of them, and the transport with each TLS backend.
//! - `peer-webhooks`: the official Python SDK verifies deliveries signed
//!   by this SDK's `Signer` (needs python3 and PyPI).
//! - `bench [--quick]`: the same workloads on this SDK and on the official
//!   Python and TypeScript SDKs; writes BENCHMARKS.md.
//! - `bench poll [--quick] [--runs N]`: many `create_and_poll` waits against
//!   an emulator in another process; client CPU per 1,000 polls and peak RSS.
//! - `bench emulator [--seconds N] [--connections N]`: retrieve requests per
//!   second that the release emulator serves on loopback.
//! - `soak [runs|webhooks] [--quick] [--runs N] [--deliveries N]`: runs
//!   through `create_and_poll` against a faulty emulator, and signed,
//!   forged, replayed, tampered and repeated webhook deliveries.
//! - `fuzz [--seconds N]`: each cargo-fuzz target under `fuzz/` for a
//!   bounded time, when `cargo +nightly` and cargo-fuzz are installed.

mod bench;
mod emulator_process;
mod fuzz;
mod peer;
mod soak;

use std::env;
use std::process::{Command, ExitCode};

/// The test command of the README; `.ci/run` and `cargo xtask ci` run it too.
const TEST_COMMAND: &[&str] = &["test", "--workspace", "--all-features"];

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    match args.first().map(String::as_str) {
        Some("ci") => run_steps(&ci_steps()),
        Some("features") => run_steps(&feature_steps()),
        Some("peer-webhooks") => peer::webhooks::run(),
        Some("peer-check") => peer::run(&cargo),
        Some("bench") if args.get(1).map(String::as_str) == Some("poll") => {
            with_options(bench::poll::PollBench::from_args(&args[2..]), |options| {
                bench::poll::run_poll_bench(&cargo, &options)
            })
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("emulator") => with_options(
            bench::emulator::EmulatorBench::from_args(&args[2..]),
            |options| bench::emulator::run(&cargo, &options),
        ),
        Some("bench") => with_options(bench::suite::suite_quick_flag(&args[1..]), |quick| {
            bench::suite::run(&cargo, quick)
        }),
        Some("soak") => with_options(soak::SoakOptions::from_args(&args[1..]), |options| {
            soak::run(&cargo, &options)
        }),
        Some("fuzz") => with_options(fuzz::FuzzOptions::from_args(&args[1..]), |options| {
            fuzz::run(&options)
        }),
        Some(other) => {
            eprintln!(
                "error: unknown task {other:?}; tasks: ci, features, peer-webhooks, peer-check, bench, bench poll, bench emulator, soak, fuzz"
            );
            ExitCode::from(2)
        }
        None => {
            eprintln!(
                "usage: cargo xtask <task>\n\ntasks:\n  ci                 format, clippy, docs and tests, as CI runs them\n  features           build the umbrella crate with each feature alone\n  peer-webhooks      the official Python SDK verifies our signed deliveries\n  peer-check         the official Python and TypeScript SDKs against the emulator\n  bench [--quick]    every workload beside the official SDKs; writes BENCHMARKS.md\n  bench poll [--quick] [--runs N]   poller load against the emulator\n  bench emulator [--seconds N] [--connections N]   emulator retrieve throughput\n  soak [runs|webhooks] [--quick] [--runs N] [--deliveries N]   runs and webhooks under faults\n  fuzz [--seconds N]   each fuzz target for N seconds (needs cargo +nightly and cargo-fuzz)"
            );
            ExitCode::from(2)
        }
    }
}

/// Runs `task` with options that parsed, or prints the usage error and
/// exits with status 2.
fn with_options<T>(parsed: Result<T, String>, task: impl FnOnce(T) -> ExitCode) -> ExitCode {
    match parsed {
        Ok(options) => task(options),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// One cargo invocation, with extra environment variables.
struct Step {
    args: Vec<&'static str>,
    env: Vec<(&'static str, &'static str)>,
}

/// Features of the umbrella crate, each built alone by `cargo xtask features`.
const UMBRELLA_FEATURES: &[&str] = &[
    "http",
    "poll",
    "webhooks",
    "blocking",
    "emulator",
    "rustls",
    "native-tls",
];

fn feature_steps() -> Vec<Step> {
    let check = |features: &'static str| Step {
        args: vec![
            "check",
            "-p",
            "extend",
            "--no-default-features",
            "--features",
            features,
        ],
        env: vec![],
    };
    let mut steps = vec![Step {
        args: vec!["check", "-p", "extend", "--no-default-features"],
        env: vec![],
    }];
    steps.extend(UMBRELLA_FEATURES.iter().map(|feature| check(feature)));
    steps.push(Step {
        args: vec!["check", "-p", "extend", "--all-features"],
        env: vec![],
    });
    // The umbrella's TLS features only reach the transport through `http`,
    // so each TLS backend is also built alone on the transport itself.
    for tls in ["rustls", "native-tls"] {
        steps.push(Step {
            args: vec![
                "check",
                "-p",
                "extend-http",
                "--no-default-features",
                "--features",
                tls,
            ],
            env: vec![],
        });
    }
    steps
}

fn ci_steps() -> Vec<Step> {
    vec![
        Step {
            args: vec!["fmt", "--all", "--check"],
            env: vec![],
        },
        Step {
            args: vec![
                "clippy",
                "--workspace",
                "--all-targets",
                "--all-features",
                "--",
                "-D",
                "warnings",
            ],
            env: vec![],
        },
        Step {
            args: vec!["doc", "--workspace", "--no-deps", "--all-features"],
            env: vec![("RUSTDOCFLAGS", "-D warnings")],
        },
        Step {
            args: TEST_COMMAND.to_vec(),
            env: vec![],
        },
    ]
    .into_iter()
    .chain(feature_steps())
    .collect()
}

fn run_steps(steps: &[Step]) -> ExitCode {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for step in steps {
        eprintln!("xtask: cargo {}", step.args.join(" "));
        let status = Command::new(&cargo)
            .args(&step.args)
            .envs(step.env.iter().copied())
            .status();
        match status {
            Ok(status) if status.success() => {}
            Ok(status) => {
                eprintln!("xtask: cargo {} failed ({status})", step.args.join(" "));
                return ExitCode::FAILURE;
            }
            Err(err) => {
                eprintln!("xtask: could not run {cargo}: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
