//! `cargo xtask bench poll`: the load benchmark of the poller against an
//! emulator in another process, so client CPU and memory are measured alone.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};

/// Emulator speed for the poll benchmark: a one-page run takes 5 s (1 s at
/// speed 1.0, divided by 0.2), so each wait makes several polls.
pub(crate) const POLL_EMULATOR_SPEED: &str = "0.2";

/// Path of the emulator binary that `cargo build --release` writes.
const EMULATOR_BINARY: &str = "target/release/extend-emulator";

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

/// Reads the options of `bench` without a sub-task. Only `--quick` is
/// accepted, and the result is whether it was given.
pub(crate) fn suite_quick_flag(args: &[String]) -> Result<bool, String> {
    let mut quick = false;
    for arg in args {
        match arg.as_str() {
            "--quick" => quick = true,
            other => {
                return Err(format!(
                    "unknown bench option {other:?}; expected --quick, or the sub-task `poll` or `emulator`"
                ))
            }
        }
    }
    Ok(quick)
}

/// Kills the emulator when the benchmark ends, however it ends.
pub(crate) struct Emulator(Child);

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
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
            match start_emulator(Path::new(EMULATOR_BINARY), POLL_EMULATOR_SPEED) {
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
/// `--speed`) and reads its URL from the line it prints on stdout.
pub(crate) fn start_emulator(binary: &Path, speed: &str) -> Result<(Emulator, String), String> {
    let mut child = Command::new(binary)
        .args(["--port", "0", "--speed", speed])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("could not start {}: {err}", binary.display()))?;
    let stdout = child.stdout.take().ok_or("the emulator has no stdout")?;
    let emulator = Emulator(child);

    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|err| format!("could not read the emulator's address: {err}"))?;
    let base_url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .ok_or_else(|| format!("the emulator printed no address: {line:?}"))?
        .to_owned();
    Ok((emulator, base_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| (*arg).to_owned()).collect()
    }

    #[test]
    fn suite_flag_accepts_quick_only() {
        assert_eq!(suite_quick_flag(&strings(&[])), Ok(false));
        assert_eq!(suite_quick_flag(&strings(&["--quick"])), Ok(true));
        let error = suite_quick_flag(&strings(&["--fast"])).expect_err("unknown option");
        assert!(error.contains("--fast"), "{error}");
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
