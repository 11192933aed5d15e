//! `cargo xtask bench poll`: the load benchmark of the poller against an
//! emulator in another process, so client CPU and memory are measured alone.

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::emulator_process::{EmulatorProcess, RELEASE_BINARY};

/// Emulator speed for the poll benchmark: a one-page run takes 5 s (1 s at
/// speed 1.0, divided by 0.2), so each wait makes several polls.
pub(crate) const POLL_EMULATOR_SPEED: &str = "0.2";

/// Options of `bench poll`.
pub(crate) struct PollBench {
    pub(crate) runs: Vec<usize>,
}

impl PollBench {
    pub(crate) fn from_args(args: &[String]) -> Result<Self, String> {
        let quick = args.iter().any(|arg| arg == "--quick");
        let mut runs = if quick {
            vec![1000]
        } else {
            vec![1000, 10_000]
        };
        if let Some(position) = args.iter().position(|arg| arg == "--runs") {
            let value = args
                .get(position + 1)
                .ok_or("--runs needs a number, for example --runs 10000")?;
            let count = value
                .parse()
                .map_err(|_| format!("--runs {value}: expected a whole number of runs"))?;
            runs = vec![count];
        }
        Ok(PollBench { runs })
    }
}

pub(crate) fn run_poll_bench(cargo: &str, bench: &PollBench) -> ExitCode {
    let built = Command::new(cargo)
        .args(["build", "--release", "-p", "extend-emulator"])
        .status();
    if !matches!(built, Ok(status) if status.success()) {
        eprintln!("xtask: building the emulator failed");
        return ExitCode::FAILURE;
    }

    for &runs in &bench.runs {
        let (emulator, base_url) =
            match start_emulator(Path::new(RELEASE_BINARY), POLL_EMULATOR_SPEED) {
                Ok(started) => started,
                Err(message) => {
                    eprintln!("xtask: {message}");
                    return ExitCode::FAILURE;
                }
            };
        eprintln!("xtask: {runs} create_and_poll waits against {base_url}");
        let status = Command::new(cargo)
            .args(["bench", "-p", "extend-poll", "--bench", "poll_load", "--"])
            .args(["--base-url", &base_url, "--runs", &runs.to_string()])
            .status();
        drop(emulator);
        if !matches!(status, Ok(status) if status.success()) {
            eprintln!("xtask: the poll benchmark failed for {runs} runs");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Starts the emulator `binary` on an OS-assigned port at `speed` (its
/// `--speed`) and returns it with its base URL.
pub(crate) fn start_emulator(
    binary: &Path,
    speed: &str,
) -> Result<(EmulatorProcess, String), String> {
    let emulator = EmulatorProcess::start(binary, &["--speed", speed], "warn")?;
    let base_url = emulator.base_url.clone();
    Ok((emulator, base_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| (*arg).to_owned()).collect()
    }

    #[test]
    fn poll_options_read_runs() {
        let options = PollBench::from_args(&strings(&["--runs", "250"])).expect("valid options");
        assert_eq!(options.runs, vec![250]);
        let quick = PollBench::from_args(&strings(&["--quick"])).expect("valid options");
        assert_eq!(quick.runs, vec![1000]);
        assert!(PollBench::from_args(&strings(&["--runs", "many"])).is_err());
    }
}
