//! Command-line arguments: the global flags and the list of commands. Each
//! command group defines its own arguments in its module under `commands`.

use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands::batches::BatchesCommand;
use crate::commands::emulator::EmulatorArgs;
use crate::commands::files::FilesCommand;
use crate::commands::generate::{CompletionsArgs, ManArgs};
use crate::commands::process::{
    ClassifyArgs, EditArgs, ExtractArgs, ParseArgs, SplitArgs, WorkflowRunArgs,
};
use crate::commands::runs::RunsCommand;
use crate::commands::webhooks::WebhooksCommand;
use crate::output::Format;
use crate::secret::Secret;

/// Process documents with the Extend API from a shell.
///
/// Data goes to stdout; progress, hints and logs go to stderr. Exit codes:
/// 0 PROCESSED or NEEDS_REVIEW, 1 any other error, 2 usage error, 3 FAILED,
/// 4 CANCELLED, 5 REJECTED, 6 gave up waiting, 7 unknown terminal status.
#[derive(Debug, Parser)]
#[command(name = "extend", version, about, long_about)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags that apply to every command.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// Start a local Extend emulator on 127.0.0.1 and send every request to
    /// it; the API key, --base-url and --region are then ignored.
    #[arg(long, global = true)]
    pub(crate) emulator: bool,

    /// API base URL, such as http://127.0.0.1:8080; takes precedence over --region.
    #[arg(long, global = true, env = "EXTEND_BASE_URL")]
    pub(crate) base_url: Option<String>,

    /// Extend deployment to send requests to.
    #[arg(long, global = true, value_enum, env = "EXTEND_REGION")]
    pub(crate) region: Option<RegionArg>,

    /// API key (default: the EXTEND_API_KEY environment variable).
    // The variable is read in `session`, not through clap's `env`, so an
    // empty key names its source: the flag or the variable.
    #[arg(long, global = true)]
    pub(crate) api_key: Option<Secret>,

    /// Workspace id sent as x-extend-workspace-id; organization-wide keys need it.
    #[arg(long, global = true, env = "EXTEND_WORKSPACE_ID")]
    pub(crate) workspace_id: Option<String>,

    /// Value of the x-extend-api-version header.
    #[arg(long, global = true, env = "EXTEND_API_VERSION")]
    pub(crate) api_version: Option<String>,

    /// Stop waiting after this many seconds; the run goes on (exit code 6).
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_max_wait)]
    pub(crate) max_wait: Option<Duration>,

    /// Output format of the data on stdout (default: json, or table for
    /// lists when stdout is a terminal).
    #[arg(long, short, global = true, value_enum)]
    pub(crate) output: Option<Format>,

    /// Print no progress on stderr.
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,

    /// Log more on stderr (-v debug, -vv trace).
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,
}

/// An Extend deployment, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RegionArg {
    /// The default US deployment, api.extend.ai.
    Us,
    /// The second US deployment, api.us2.extend.app.
    Us2,
    /// The EU deployment, api.eu1.extend.ai.
    Eu,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Extract the fields of a schema from a document and wait for the result.
    Extract(ExtractArgs),
    /// Classify a document and wait for the result.
    Classify(ClassifyArgs),
    /// Split a document into its parts and wait for the result.
    Split(SplitArgs),
    /// Parse a document into text chunks and wait for the result.
    Parse(ParseArgs),
    /// Fill a PDF form and wait for the result.
    Edit(EditArgs),
    /// Start a workflow run on a document (wait with --wait).
    Run(WorkflowRunArgs),
    /// Get, list, watch, cancel or delete runs.
    #[command(subcommand)]
    Runs(RunsCommand),
    /// Get or watch batch runs.
    #[command(subcommand)]
    Batches(BatchesCommand),
    /// Upload, list, get or delete files.
    #[command(subcommand)]
    Files(FilesCommand),
    /// Verify webhook deliveries or receive them locally.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// Run a local Extend emulator in the foreground until Ctrl-C.
    Emulator(EmulatorArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page.
    Man(ManArgs),
}

/// Parses `--max-wait` as a positive, finite number of seconds, so a bad
/// value is a usage error before anything is sent.
fn parse_max_wait(raw: &str) -> Result<Duration, String> {
    let expected = "expected a number of seconds above zero, such as 30 or 0.5";
    let seconds: f64 = raw.trim().parse().map_err(|_| expected.to_owned())?;
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|duration| !duration.is_zero())
        .ok_or_else(|| expected.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_wait_rejects_zero_and_negative() {
        for raw in ["0", "-1", "NaN", "inf", "soon", ""] {
            assert!(parse_max_wait(raw).is_err(), "{raw:?} was accepted");
        }
        assert_eq!(parse_max_wait("1.5").unwrap(), Duration::from_millis(1500));
    }

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
