//! `cargo xtask bench emulator`: retrieve throughput of the release emulator
//! on loopback, measured by the `retrieve_load` bench of extend-emulator in
//! another process.

use std::process::{Command, ExitCode};

use crate::emulator_process::{EmulatorProcess, RELEASE_BINARY};

/// Retrieves per second the emulator must sustain so that it is never the
/// bottleneck of a client benchmark.
const TARGET_REQUESTS_PER_SECOND: f64 = 20_000.0;

/// Options of `bench emulator`.
pub(crate) struct EmulatorBench {
    seconds: u64,
    connections: usize,
}

impl EmulatorBench {
    /// Reads `[--seconds N] [--connections N]`; defaults are 10 s and 64.
    pub(crate) fn from_args(args: &[String]) -> Result<Self, String> {
        let mut bench = EmulatorBench {
            seconds: 10,
            connections: 64,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let value = args.next();
            match arg.as_str() {
                "--seconds" => bench.seconds = whole_number(value, arg)?,
                "--connections" => bench.connections = whole_number(value, arg)?,
                other => {
                    return Err(format!(
                        "unknown option {other:?}; bench emulator takes --seconds N and --connections N"
                    ))
                }
            }
        }
        Ok(bench)
    }
}

fn whole_number<T: std::str::FromStr>(value: Option<&String>, flag: &str) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a whole number"))?;
    value
        .parse()
        .map_err(|_| format!("{flag} {value:?}: expected a whole number"))
}

/// Builds the release emulator, starts it and runs the load generator.
pub(crate) fn run(cargo: &str, bench: &EmulatorBench) -> ExitCode {
    let built = Command::new(cargo)
        .args(["build", "--release", "-p", "extend-emulator"])
        .status();
    if !matches!(built, Ok(status) if status.success()) {
        eprintln!("xtask: building the emulator failed");
        return ExitCode::FAILURE;
    }
    // Speed 100 finishes the measured run at once; error-level logs keep
    // the request path free of log formatting.
    let emulator = match EmulatorProcess::start(RELEASE_BINARY, &["--speed", "100"], "error") {
        Ok(emulator) => emulator,
        Err(message) => {
            eprintln!("xtask: {message}");
            return ExitCode::FAILURE;
        }
    };

    eprintln!(
        "xtask: {} connections for {} s against {}",
        bench.connections, bench.seconds, emulator.base_url
    );
    let output = Command::new(cargo)
        .args([
            "bench",
            "-p",
            "extend-emulator",
            "--bench",
            "retrieve_load",
            "--",
        ])
        .args(["--base-url", &emulator.base_url])
        .args(["--seconds", &bench.seconds.to_string()])
        .args(["--connections", &bench.connections.to_string()])
        .output();
    drop(emulator);

    let output = match output {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            eprintln!(
                "xtask: the retrieve benchmark failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            return ExitCode::FAILURE;
        }
        Err(err) => {
            eprintln!("xtask: could not run cargo bench: {err}");
            return ExitCode::FAILURE;
        }
    };
    let report = String::from_utf8_lossy(&output.stdout);
    print!("{report}");
    verdict(&report)
}

/// Compares the reported rate with the target.
fn verdict(report: &str) -> ExitCode {
    let rate = serde_json::from_str::<serde_json::Value>(report.trim())
        .ok()
        .and_then(|report| report["requests_per_second"].as_f64());
    match rate {
        Some(rate) if rate >= TARGET_REQUESTS_PER_SECOND => {
            eprintln!(
                "xtask: {rate:.0} retrieves/s meets the target of {TARGET_REQUESTS_PER_SECOND:.0}"
            );
            ExitCode::SUCCESS
        }
        Some(rate) => {
            eprintln!(
                "xtask: {rate:.0} retrieves/s MISSES the target of {TARGET_REQUESTS_PER_SECOND:.0}"
            );
            ExitCode::FAILURE
        }
        None => {
            eprintln!("xtask: the benchmark printed no requests_per_second: {report:?}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| (*arg).to_owned()).collect()
    }

    #[test]
    fn options_parsed() {
        let bench = EmulatorBench::from_args(&strings(&["--seconds", "3", "--connections", "8"]))
            .expect("valid options");
        assert_eq!(bench.seconds, 3);
        assert_eq!(bench.connections, 8);
    }

    #[test]
    fn bad_option_named() {
        let error = EmulatorBench::from_args(&strings(&["--seconds", "ten"]))
            .err()
            .expect("ten is not a number");
        assert!(error.contains("\"ten\""), "{error}");
        let error = EmulatorBench::from_args(&strings(&["--threads", "2"]))
            .err()
            .expect("unknown option");
        assert!(error.contains("--threads"), "{error}");
    }

    #[test]
    fn verdict_reads_rate() {
        assert_eq!(
            verdict(r#"{"requests_per_second": 25000.0}"#),
            ExitCode::SUCCESS
        );
        assert_eq!(
            verdict(r#"{"requests_per_second": 900.0}"#),
            ExitCode::FAILURE
        );
        assert_eq!(verdict("not json"), ExitCode::FAILURE);
    }
}
