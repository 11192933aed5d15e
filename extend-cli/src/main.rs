//! `extend`: the Extend document-processing API from a shell.
//!
//! Run `extend --help` for the commands. Exit codes: 0 `PROCESSED` or
//! `NEEDS_REVIEW`, 1 any other error, 2 usage error, 3 `FAILED`,
//! 4 `CANCELLED`, 5 `REJECTED`, 6 gave up waiting, 7 unknown terminal status.

mod cli;
mod commands;
mod error;
mod input;
mod progress;
mod session;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use extend_core::Run;
use serde::Serialize;
use tracing_subscriber::EnvFilter;

use crate::cli::{Cli, Command};
use crate::error::{exit_code, exit_code_for, CliError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.global.verbose);

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: could not start the async runtime: {err}");
            return ExitCode::from(exit_code::ERROR);
        }
    };
    let code = runtime.block_on(run(cli));
    ExitCode::from(code)
}

async fn run(cli: Cli) -> u8 {
    let result = match &cli.command {
        Command::Parse(args) => commands::parse(&cli.global, args)
            .await
            .and_then(|run| print_run(&run)),
        Command::Extract(args) => commands::extract(&cli.global, args)
            .await
            .and_then(|run| print_run(&run)),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            error.exit_code()
        }
    }
}

/// Prints the run as one JSON document on stdout and returns the exit code
/// of its status.
fn print_run<R: Run + Serialize>(run: &R) -> Result<u8, CliError> {
    print_json(run)?;
    Ok(run
        .status()
        .outcome()
        .map(exit_code_for)
        .unwrap_or(exit_code::TIMED_OUT))
}

fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|err| CliError::Input(format!("could not encode the output as JSON: {err}")))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")
        .and_then(|()| stdout.flush())
        .map_err(|err| CliError::Input(format!("could not write to stdout: {err}")))
}

/// Logs go to stderr: warnings by default, more with -v, or RUST_LOG.
fn init_tracing(verbose: u8) {
    let default_level = match verbose {
        0 => "warn",
        1 => "debug",
        _ => "trace",
    };
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}
