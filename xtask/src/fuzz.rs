//! `cargo xtask fuzz`: runs each cargo-fuzz target under `fuzz/` for a
//! bounded time.
//!
//! cargo-fuzz needs a nightly toolchain (for `-Zsanitizer`) and the
//! `cargo-fuzz` binary. When either is missing the task prints that it was
//! skipped and succeeds, because the proptest twins of the same entry points
//! run in the ordinary test suite.

use std::process::{Command, ExitCode, Stdio};

/// The fuzz targets, by file name under `fuzz/fuzz_targets/`.
const TARGETS: &[&str] = &["verify_and_parse", "decode_run", "retry_after"];

/// Seconds per target by default.
const DEFAULT_SECONDS: u64 = 60;

/// Options of `fuzz`.
#[derive(Debug)]
pub(crate) struct FuzzOptions {
    seconds: u64,
}

impl FuzzOptions {
    /// Parses `[--seconds N]`.
    pub(crate) fn from_args(args: &[String]) -> Result<Self, String> {
        let mut seconds = DEFAULT_SECONDS;
        let mut words = args.iter();
        while let Some(word) = words.next() {
            match word.as_str() {
                "--seconds" => {
                    let value = words
                        .next()
                        .ok_or("--seconds needs a whole number, for example --seconds 30")?;
                    seconds = value
                        .parse()
                        .ok()
                        .filter(|seconds| *seconds > 0)
                        .ok_or_else(|| {
                            format!("--seconds {value}: expected a whole number above 0")
                        })?;
                }
                other => {
                    return Err(format!(
                        "unknown fuzz argument {other:?}; expected [--seconds N]"
                    ))
                }
            }
        }
        Ok(FuzzOptions { seconds })
    }
}

/// Runs every target, or prints why fuzzing was skipped.
///
/// `cargo +nightly` only works through the rustup proxy, so this runs the
/// `cargo` on `PATH` rather than `$CARGO`, which names one toolchain's cargo.
pub(crate) fn run(options: &FuzzOptions) -> ExitCode {
    if !succeeds(&["+nightly", "--version"]) {
        eprintln!("fuzz: skipped: `cargo +nightly` does not work (install it with `rustup toolchain install nightly`)");
        return ExitCode::SUCCESS;
    }
    if !succeeds(&["+nightly", "fuzz", "--version"]) {
        eprintln!("fuzz: skipped: cargo-fuzz is not installed (`cargo install cargo-fuzz`)");
        return ExitCode::SUCCESS;
    }

    let max_time = format!("-max_total_time={}", options.seconds);
    for target in TARGETS {
        eprintln!("fuzz: {target} for {} s", options.seconds);
        let status = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target, "--", &max_time])
            .status();
        match status {
            Ok(status) if status.success() => {}
            Ok(status) => {
                eprintln!("fuzz: {target} failed ({status}); the crashing input is under fuzz/artifacts/{target}/");
                return ExitCode::FAILURE;
            }
            Err(error) => {
                eprintln!("fuzz: could not run cargo: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

fn succeeds(args: &[&str]) -> bool {
    Command::new("cargo")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
