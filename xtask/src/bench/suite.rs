//! `cargo xtask bench [--quick]`: the same workloads on this SDK and on the
//! official Python and TypeScript SDKs, on this machine, in one go, and
//! BENCHMARKS.md at the repository root from the results.
//!
//! The official SDKs are installed into `target/bench/venv` (PyPI) and
//! `target/bench/ts` (npm) on the first run. Every server is the release
//! emulator on 127.0.0.1 with an OS-assigned port.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use super::measure::Measurements;
use super::poll::{start_emulator, POLL_EMULATOR_SPEED};
use super::report::Report;
use super::{data, machine, report, runner};
use crate::peer;

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

/// Emulator speed for the round trip: runs finish in milliseconds.
const ROUNDTRIP_EMULATOR_SPEED: &str = "1000";
/// Hand-written reading of the numbers, appended to BENCHMARKS.md.
const ANALYSIS: &str = include_str!("../../bench/analysis.md");

/// How long each part runs; `--quick` shortens all of them.
struct Settings {
    /// Seconds per throughput measurement, after a warm-up.
    seconds: f64,
    /// `create_and_poll` waits in flight at once, one row each.
    poll_runs: Vec<usize>,
    /// Limit for a throughput runner.
    runner_limit: Duration,
    /// Limit for one poll load run.
    poll_limit: Duration,
    /// The maximum number of waits the Python SDK runs at once; a larger row reuses the
    /// measurement at this count. On a 2-core EPYC, 300 waits took about
    /// 15 s and 1,000 waits 150 s (39 ms of CPU per request), so 10,000
    /// would not fit in the time bound.
    python_poll_cap: usize,
}

impl Settings {
    fn new(quick: bool) -> Settings {
        if quick {
            Settings {
                seconds: 1.0,
                poll_runs: vec![1000],
                runner_limit: Duration::from_secs(60),
                poll_limit: Duration::from_secs(60),
                python_poll_cap: 100,
            }
        } else {
            Settings {
                seconds: 3.0,
                poll_runs: vec![1000, 10_000],
                runner_limit: Duration::from_secs(120),
                poll_limit: Duration::from_secs(150),
                python_poll_cap: 300,
            }
        }
    }
}

/// The measurement binaries of this SDK, built in the bench profile.
struct RustBinaries {
    emulator: PathBuf,
    verify: PathBuf,
    decode: PathBuf,
    poll: PathBuf,
    roundtrip: PathBuf,
}

/// The three runners' command lines.
struct Runners {
    rust: RustBinaries,
    python: PathBuf,
    python_script: PathBuf,
    node_dir: PathBuf,
}

impl Runners {
    /// Builds the Python and TypeScript commands for `workload` with two arguments.
    fn peers(&self, workload: &str, target: &str, amount: &str) -> [(String, Command); 2] {
        let mut python = Command::new(&self.python);
        python
            .arg(&self.python_script)
            .args([workload, target, amount]);
        let mut node = Command::new("node");
        node.args(["workloads.mjs", workload, target, amount])
            .current_dir(&self.node_dir);
        [
            (format!("python {workload}"), python),
            (format!("typescript {workload}"), node),
        ]
    }
}

/// Runs the suite and writes BENCHMARKS.md.
pub(crate) fn run(cargo: &str, quick: bool) -> ExitCode {
    match run_suite(cargo, quick) {
        Ok(problems) if problems.is_empty() => ExitCode::SUCCESS,
        Ok(problems) => {
            eprintln!(
                "xtask: bench: {} run(s) did not finish; BENCHMARKS.md lists them",
                problems.len()
            );
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("xtask: bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_suite(cargo: &str, quick: bool) -> Result<Vec<String>, String> {
    let settings = Settings::new(quick);
    let bench_dir = PathBuf::from("target/bench");
    let rust = build(cargo)?;
    let runners = Runners {
        rust,
        python: install_python(&bench_dir.join("venv"))?,
        python_script: absolute(Path::new("xtask/bench/workloads.py"))?,
        node_dir: install_node(&bench_dir.join("ts"))?,
    };
    std::fs::copy(
        "xtask/bench/workloads.mjs",
        runners.node_dir.join("workloads.mjs"),
    )
    .map_err(|err| format!("could not copy workloads.mjs: {err}"))?;
    let machine = machine::describe(&runners.python);

    let data_dir = bench_dir.join("data");
    data::write_all(&data_dir)?;
    let data = absolute(&data_dir)?.display().to_string();

    let mut results = Results::default();
    let seconds = settings.seconds.to_string();
    for workload in ["webhooks", "decode"] {
        let binary = match workload {
            "webhooks" => &runners.rust.verify,
            _ => &runners.rust.decode,
        };
        let mut rust = Command::new(binary);
        rust.args(["--data", &data, "--seconds", &seconds]);
        results.collect(
            &format!("rust {workload}"),
            &mut rust,
            settings.runner_limit,
        );
        for (name, mut command) in runners.peers(workload, &data, &seconds) {
            results.collect(&name, &mut command, settings.runner_limit);
        }
    }

    let (emulator, base_url) = start_emulator(&runners.rust.emulator, ROUNDTRIP_EMULATOR_SPEED)?;
    let mut rust = Command::new(&runners.rust.roundtrip);
    rust.args(["--base-url", &base_url, "--seconds", &seconds]);
    results.collect("rust roundtrip", &mut rust, settings.runner_limit);
    for (name, mut command) in runners.peers("roundtrip", &base_url, &seconds) {
        results.collect(&name, &mut command, settings.runner_limit);
    }
    drop(emulator);

    for &runs in &settings.poll_runs {
        run_poll(&runners, runs, &settings, &mut results);
    }

    let command = if quick {
        "cargo xtask bench --quick"
    } else {
        "cargo xtask bench"
    };
    let date = utc_date();
    let report = Report {
        command,
        date: &date,
        machine: &machine,
        versions: &[
            ("Python SDK", peer::PYTHON_SDK),
            ("TypeScript SDK", peer::TYPESCRIPT_SDK),
        ],
        measurements: &results.measurements,
        problems: &results.problems,
        analysis: ANALYSIS,
    };
    std::fs::write("BENCHMARKS.md", report::render(&report))
        .map_err(|err| format!("could not write BENCHMARKS.md: {err}"))?;
    eprintln!("xtask: bench: wrote BENCHMARKS.md");
    Ok(results.problems)
}

/// Runs `runs` waits with each SDK, each against a fresh emulator so no SDK
/// inherits the runs of another. Python runs at most `python_cap` waits and
/// reuses an earlier measurement at that count when there is one; the
/// table shows the count it ran.
fn run_poll(runners: &Runners, runs: usize, settings: &Settings, results: &mut Results) {
    for sdk in ["rust", "python", "typescript"] {
        let count = if sdk == "python" {
            runs.min(settings.python_poll_cap)
        } else {
            runs
        };
        let name = format!("{sdk} poll, {count} runs");
        if count != runs {
            let earlier = results.measurements.find_poll_run(sdk, count).cloned();
            if let Some(mut measurement) = earlier {
                measurement.case = runs.to_string();
                results.measurements.0.push(measurement);
                continue;
            }
            // A capped count that already failed would only fail again.
            if results
                .problems
                .iter()
                .any(|problem| problem.starts_with(&name))
            {
                continue;
            }
        }
        let (emulator, base_url) = match start_emulator(&runners.rust.emulator, POLL_EMULATOR_SPEED)
        {
            Ok(started) => started,
            Err(message) => {
                results.problems.push(message);
                continue;
            }
        };
        let count_text = count.to_string();
        let mut command = match sdk {
            "rust" => {
                let mut command = Command::new(&runners.rust.poll);
                command.args(["--base-url", &base_url, "--runs", &count_text]);
                command
            }
            _ => {
                let [python, node] = runners.peers("poll", &base_url, &count_text);
                if sdk == "python" {
                    python.1
                } else {
                    node.1
                }
            }
        };
        let before = results.measurements.0.len();
        results.collect(&name, &mut command, settings.poll_limit);
        // Rows are grouped by the requested count; the `runs` metric keeps
        // the count this SDK ran.
        for measurement in &mut results.measurements.0[before..] {
            measurement.case = runs.to_string();
        }
        drop(emulator);
    }
}

/// Measurements and the runs that did not produce any.
#[derive(Default)]
struct Results {
    measurements: Measurements,
    problems: Vec<String>,
}

impl Results {
    fn collect(&mut self, name: &str, command: &mut Command, limit: Duration) {
        match runner::run(command, name, limit) {
            Ok(measurements) => self.measurements.0.extend(measurements),
            Err(message) => {
                eprintln!("xtask: bench: {message}");
                self.problems.push(message);
            }
        }
    }
}

/// Builds the emulator binary and the measurement binaries in one cargo
/// invocation, and returns the binaries' paths from cargo's JSON messages.
/// One invocation resolves features once, so the emulator and the benches
/// share their dependencies' builds.
fn build(cargo: &str) -> Result<RustBinaries, String> {
    let output = Command::new(cargo)
        .args([
            "build",
            "--profile",
            "bench",
            "--message-format=json-render-diagnostics",
        ])
        .args(["-p", "extend-emulator", "--bin", "extend-emulator"])
        .args(["-p", "extend-webhooks", "--bench", "peer_verify"])
        .args(["-p", "extend-core", "--bench", "peer_decode"])
        .args(["-p", "extend-poll", "--bench", "poll_load"])
        .args(["-p", "extend-blocking", "--bench", "peer_roundtrip"])
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|err| format!("could not run {cargo} build: {err}"))?;
    if !output.status.success() {
        return Err(format!("{cargo} build failed ({})", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let find = |name: &str| {
        executable(&stdout, name).ok_or_else(|| format!("cargo built no binary named {name}"))
    };
    Ok(RustBinaries {
        emulator: find("extend-emulator")?,
        verify: find("peer_verify")?,
        decode: find("peer_decode")?,
        poll: find("poll_load")?,
        roundtrip: find("peer_roundtrip")?,
    })
}

/// Returns the executable of target `name` from cargo's JSON messages.
fn executable(messages: &str, name: &str) -> Option<PathBuf> {
    messages.lines().find_map(|line| {
        let message: serde_json::Value = serde_json::from_str(line).ok()?;
        if message["reason"] != "compiler-artifact" || message["target"]["name"] != name {
            return None;
        }
        message["executable"].as_str().map(PathBuf::from)
    })
}

/// Installs the Python SDK once; a marker file skips the install later.
fn install_python(venv: &Path) -> Result<PathBuf, String> {
    let marker = venv.join(format!("installed-{}", peer::PYTHON_SDK));
    let python = if marker.exists() {
        venv.join("bin/python")
    } else {
        let python = peer::python_with_sdk(venv)?;
        touch(&marker)?;
        python
    };
    absolute(&python)
}

/// Installs the TypeScript SDK once; a marker file skips the install later.
fn install_node(dir: &Path) -> Result<PathBuf, String> {
    let marker = dir.join(format!("installed-{}", peer::TYPESCRIPT_SDK));
    if !marker.exists() {
        peer::node_with_sdk(dir)?;
        touch(&marker)?;
    }
    absolute(dir)
}

fn touch(path: &Path) -> Result<(), String> {
    std::fs::write(path, b"").map_err(|err| format!("could not write {}: {err}", path.display()))
}

fn absolute(path: &Path) -> Result<PathBuf, String> {
    std::path::absolute(path).map_err(|err| format!("{}: {err}", path.display()))
}

/// Today's date and time in UTC, from `date`.
fn utc_date() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_else(|| "an unknown date".to_owned())
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
    fn executable_picks_named_bench() {
        let messages = [
            r#"{"reason":"compiler-artifact","target":{"name":"serde"},"executable":null}"#,
            r#"{"reason":"compiler-artifact","target":{"name":"poll_load"},"executable":"/t/release/deps/poll_load-1a2b"}"#,
            r#"{"reason":"build-finished","success":true}"#,
        ]
        .join("\n");
        assert_eq!(
            executable(&messages, "poll_load"),
            Some(PathBuf::from("/t/release/deps/poll_load-1a2b"))
        );
        assert_eq!(executable(&messages, "serde"), None);
        assert_eq!(executable(&messages, "peer_verify"), None);
    }
}
