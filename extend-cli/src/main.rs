//! `extend`: the Extend document-processing API from a shell.
//!
//! Run `extend --help` for the commands. Data goes to stdout, progress and
//! logs to stderr. Exit codes: 0 `PROCESSED` or `NEEDS_REVIEW`, 1 any other
//! error, 2 usage error, 3 `FAILED`, 4 `CANCELLED`, 5 `REJECTED`, 6 gave up
//! waiting, 7 unknown terminal status.
//!
//! This crate has no cargo features.

#![warn(missing_docs, unreachable_pub)]

mod cli;
mod commands;
mod error;
mod input;
mod output;
mod progress;
mod response_log;
mod run_type;
mod secret;
mod sent;
mod session;

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use crate::cli::{Cli, Command};
use crate::commands::{batches, emulator, files, generate, process, runs, webhooks, Context};
use crate::error::exit_code;
use crate::output::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let foreground_emulator = matches!(cli.command, Command::Emulator(_));
    init_tracing(cli.global.verbose, foreground_emulator);

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: could not start the async runtime: {err}");
            return ExitCode::from(exit_code::ERROR);
        }
    };
    let code = runtime.block_on(run(&cli));
    ExitCode::from(code)
}

/// Runs the command and turns an error into its message and exit code.
async fn run(cli: &Cli) -> u8 {
    let context = Context {
        global: &cli.global,
        output: Output::new(cli.global.output),
    };
    tracing::debug!(command = ?cli.command, "command started");
    match dispatch(&context, &cli.command).await {
        Ok(code) => code,
        Err(error::CliError::StdoutClosed) => {
            tracing::debug!("stdout closed by its reader; stopping");
            exit_code::SUCCESS
        }
        Err(error) => {
            tracing::debug!(?error, "command failed");
            eprintln!("error: {error}");
            error.exit_code()
        }
    }
}

async fn dispatch(context: &Context<'_>, command: &Command) -> Result<u8, error::CliError> {
    match command {
        Command::Extract(args) => process::extract(context, args).await,
        Command::Classify(args) => process::classify(context, args).await,
        Command::Split(args) => process::split(context, args).await,
        Command::Parse(args) => process::parse(context, args).await,
        Command::Edit(args) => process::edit(context, args).await,
        Command::Run(args) => process::run_workflow(context, args).await,
        Command::Runs(command) => runs::runs(context, command).await,
        Command::Batches(command) => batches::batches(context, command).await,
        Command::Files(command) => files::files(context, command).await,
        Command::Webhooks(command) => webhooks::webhooks(context, command).await,
        Command::Emulator(args) => emulator::emulator(context, args).await,
        Command::Completions(args) => generate::completions(args),
        Command::Man(_) => generate::man(),
    }
}

/// Logs go to stderr at the level of [`default_filter`], or as `RUST_LOG`
/// sets.
fn init_tracing(verbose: u8, foreground_emulator: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(default_filter(verbose, foreground_emulator)));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(use_color())
        .with_target(false)
        .init();
}

/// Returns the log filter for the `-v` count.
///
/// The CLI prints every error it returns, so the libraries' WARN logs about
/// the same error show only with -v. An emulator embedded by `--emulator`
/// logs only with -vv, because its warnings are about the emulated server
/// and not the user's command. `extend emulator` runs the emulator in the
/// foreground, so there it logs like the CLI itself. Filter targets match
/// by prefix and the longest one wins, so `extend` is the CLI and
/// `extend_core` and the others are the library crates.
fn default_filter(verbose: u8, foreground_emulator: bool) -> String {
    let (cli, libraries, emulator) = match (verbose, foreground_emulator) {
        (0, false) => ("warn", "error", "off"),
        (0, true) => ("warn", "error", "warn"),
        (1, false) => ("debug", "debug", "off"),
        (1, true) => ("debug", "debug", "debug"),
        _ => ("trace", "trace", "trace"),
    };
    format!(
        "{libraries},extend={cli},extend_core={libraries},extend_http={libraries},\
         extend_poll={libraries},extend_webhooks={libraries},extend_emulator={emulator}"
    )
}

/// Colors only on a terminal stderr and when `NO_COLOR` is unset.
fn use_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_filter_by_verbosity() {
        let quiet = default_filter(0, false);
        assert!(quiet.contains("extend=warn"), "{quiet}");
        assert!(quiet.contains("extend_poll=error"), "{quiet}");
        assert!(quiet.contains("extend_emulator=off"), "{quiet}");

        let verbose = default_filter(1, false);
        assert!(verbose.contains("extend_poll=debug"), "{verbose}");
        assert!(verbose.contains("extend_emulator=off"), "{verbose}");

        assert!(default_filter(2, false).contains("extend_emulator=trace"));
        assert!(default_filter(0, true).contains("extend_emulator=warn"));
    }

    #[test]
    fn default_filter_parses() {
        for verbose in 0..3 {
            for foreground_emulator in [false, true] {
                let filter = default_filter(verbose, foreground_emulator);
                assert!(EnvFilter::try_new(&filter).is_ok(), "{filter}");
            }
        }
    }
}
