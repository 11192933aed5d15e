//! `cargo xtask peer-check`: the official Python and TypeScript SDKs run
//! against the emulator binary, so the emulator stays a local
//! Extend that those clients cannot tell apart from the service.
//!
//! It installs `extend-ai` from PyPI into a scratch virtual environment
//! (`target/peer/venv`) and from npm into `target/peer/ts`. Then it starts
//! the debug `extend-emulator --port 0 --speed 20` on 127.0.0.1 and runs
//! `xtask/peer/check.py` and `xtask/peer/check.mjs` against it. The scripts
//! cover every `create_and_poll`, a file upload, a list across two pages, a
//! cancel, and a webhook delivery verified with the SDK's own helper.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::emulator_process::{EmulatorProcess, DEBUG_BINARY};

pub(crate) mod webhooks;

/// The official Python SDK release the scripts were checked against.
pub(crate) const PYTHON_SDK: &str = "extend-ai==1.20.0";
/// The official TypeScript SDK release the scripts were checked against.
pub(crate) const TYPESCRIPT_SDK: &str = "extend-ai@1.17.0";
/// Emulator speed: runs finish in well under a second, so the SDKs' one-second
/// fast polls see them done on the second retrieve.
const SPEED: &str = "20";

/// Runs the task and prints a summary line per SDK.
pub(crate) fn run(cargo: &str) -> ExitCode {
    match check(cargo) {
        Ok(summary) => {
            for line in &summary {
                println!("peer-check: {line}");
            }
            if summary.iter().all(|line| line.ends_with("passed")) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("peer-check: {message}");
            ExitCode::FAILURE
        }
    }
}

fn check(cargo: &str) -> Result<Vec<String>, String> {
    let peer_dir = PathBuf::from("target/peer");
    let python = python_with_sdk(&peer_dir.join("venv"))?;
    let ts_dir = node_with_sdk(&peer_dir.join("ts"))?;

    // The debug binary: `cargo test` has built it already, and the check
    // does not measure speed.
    run_command(
        Command::new(cargo).args(["build", "-p", "extend-emulator"]),
        "cargo build",
    )?;
    let emulator = EmulatorProcess::start(DEBUG_BINARY, &["--speed", SPEED], "error")?;
    let base_url = emulator.base_url.clone();
    println!("peer-check: emulator at {base_url}");

    let samples =
        std::fs::canonicalize("samples").map_err(|err| format!("samples folder: {err}"))?;
    let python_passed = Command::new(&python)
        .arg("xtask/peer/check.py")
        .arg(&base_url)
        .arg(&samples)
        .status()
        .map(|status| status.success())
        .map_err(|err| format!("could not run {}: {err}", python.display()))?;

    std::fs::copy("xtask/peer/check.mjs", ts_dir.join("check.mjs"))
        .map_err(|err| format!("could not copy check.mjs: {err}"))?;
    let node_passed = Command::new("node")
        .arg("check.mjs")
        .arg(&base_url)
        .arg(&samples)
        .current_dir(&ts_dir)
        .status()
        .map(|status| status.success())
        .map_err(|err| format!("could not run node: {err}"))?;

    drop(emulator);
    let verdict = |passed: bool| if passed { "passed" } else { "FAILED" };
    Ok(vec![
        format!("python ({PYTHON_SDK}) {}", verdict(python_passed)),
        format!("typescript ({TYPESCRIPT_SDK}) {}", verdict(node_passed)),
    ])
}

/// Creates the virtual environment when missing and installs the SDK.
pub(crate) fn python_with_sdk(venv: &Path) -> Result<PathBuf, String> {
    let python = venv.join("bin/python");
    if !python.exists() {
        run_command(
            Command::new("python3").args(["-m", "venv"]).arg(venv),
            "python3 -m venv",
        )?;
    }
    run_command(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PYTHON_SDK,
        ]),
        "pip install",
    )?;
    Ok(python)
}

/// Creates the npm project folder when missing and installs the SDK.
pub(crate) fn node_with_sdk(dir: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir)
        .map_err(|err| format!("could not create {}: {err}", dir.display()))?;
    let manifest = dir.join("package.json");
    if !manifest.exists() {
        std::fs::write(
            &manifest,
            r#"{"name": "peer-check", "private": true, "type": "module"}"#,
        )
        .map_err(|err| format!("could not write {}: {err}", manifest.display()))?;
    }
    run_command(
        Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                TYPESCRIPT_SDK,
            ])
            .current_dir(dir),
        "npm install",
    )?;
    Ok(dir.to_path_buf())
}

fn run_command(command: &mut Command, name: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|err| format!("could not run {name}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}
