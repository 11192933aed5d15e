//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Process documents with the Extend API from a shell.
///
/// Data goes to stdout (one JSON document); progress, hints and logs go to
/// stderr.
#[derive(Debug, Parser)]
#[command(name = "extend", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags that apply to every command.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Start a local Extend emulator on 127.0.0.1 and send every request to it.
    #[arg(long, global = true, conflicts_with_all = ["base_url", "api_key"])]
    pub(crate) emulator: bool,

    /// API base URL (default https://api.extend.ai).
    #[arg(long, global = true, env = "EXTEND_BASE_URL")]
    pub(crate) base_url: Option<String>,

    /// API key (default: the EXTEND_API_KEY environment variable).
    #[arg(long, global = true, env = "EXTEND_API_KEY", hide_env_values = true)]
    pub(crate) api_key: Option<String>,

    /// Value of the x-extend-api-version header.
    #[arg(long, global = true, env = "EXTEND_API_VERSION")]
    pub(crate) api_version: Option<String>,

    /// Stop waiting after this many seconds; the run goes on (exit code 6).
    #[arg(long, global = true, value_name = "SECONDS")]
    pub(crate) max_wait: Option<f64>,

    /// Print no progress on stderr.
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,

    /// Log more on stderr (-v debug, -vv trace).
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Parse a document into text chunks and wait for the result.
    Parse(ParseArgs),
    /// Extract the fields of a JSON Schema from a document and wait for the result.
    Extract(ExtractArgs),
}

/// Arguments of `extend parse`.
#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    /// A local file (uploaded first), a file_... id or an https:// URL.
    pub(crate) input: String,
}

/// Arguments of `extend extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// A local file (uploaded first), a file_... id or an https:// URL.
    pub(crate) input: String,

    /// JSON Schema file of the fields to extract.
    #[arg(long, value_name = "FILE")]
    pub(crate) schema: PathBuf,
}
