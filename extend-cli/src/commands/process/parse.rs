//! `extend parse`.

use std::path::PathBuf;

use clap::Args;
use extend_core::{ParseConfig, ParseRunCreate};

use super::{prepare, submit, InputArgs, MetadataArgs};
use crate::commands::Context;
use crate::error::CliError;
use crate::input;

/// Arguments of `extend parse`. Parsing has no saved processors, so there is
/// no `--using`.
#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    #[command(flatten)]
    pub(crate) metadata: MetadataArgs,

    /// JSON file with a parse configuration (default: the API's defaults).
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}

/// Creates a parse run and waits for it unless `--no-wait`.
pub(crate) async fn parse(context: &Context<'_>, args: &ParseArgs) -> Result<u8, CliError> {
    let config = match &args.config {
        Some(path) => Some(input::read_config::<ParseConfig>(path)?),
        None => None,
    };
    let metadata = args.metadata.parse()?;
    let mut prepared = prepare(context, &args.input.input).await?;

    let mut request = ParseRunCreate::new(prepared.file)?;
    if let Some(config) = config {
        request = request.config(config);
    }
    request.metadata = metadata;
    let resource = prepared.session.client.parse_runs();
    submit(
        context,
        &prepared.session,
        &resource,
        &request,
        !args.input.no_wait,
        &mut prepared.progress,
    )
    .await
}
