//! `extend completions` and `extend man`, generated from the clap
//! definitions so they always match the commands.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::{exit_code, stdout_write_error, CliError};

/// Arguments of `extend completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to generate the script for.
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

/// Arguments of `extend man`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {}

/// Prints the completion script of the shell on stdout.
pub(crate) fn completions(args: &CompletionsArgs) -> Result<u8, CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "extend", &mut script);
    write_all(&script)
}

/// Prints the man page (roff) of `extend` on stdout.
pub(crate) fn man() -> Result<u8, CliError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|err| CliError::Output(format!("could not render the man page: {err}")))?;
    write_all(&page)
}

fn write_all(bytes: &[u8]) -> Result<u8, CliError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(stdout_write_error)?;
    Ok(exit_code::SUCCESS)
}
