//! `extend edit`.

use std::path::PathBuf;

use clap::Args;
use extend_core::{EditConfig, EditRunCreate};

use super::{prepare, submit, InputArgs};
use crate::commands::Context;
use crate::error::CliError;
use crate::input;

/// Arguments of `extend edit`. Edit runs have no saved processors, so the
/// configuration file is required.
#[derive(Debug, Args)]
pub(crate) struct EditArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// JSON file with the edit configuration: the form schema and instructions.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: PathBuf,
}

/// Creates an edit run and waits for it unless `--no-wait`.
pub(crate) async fn edit(context: &Context<'_>, args: &EditArgs) -> Result<u8, CliError> {
    let config = input::read_config::<EditConfig>(&args.config)?;
    let mut prepared = prepare(context, &args.input.input).await?;

    let request = EditRunCreate::new(prepared.file, config)?;
    let resource = prepared.session.client.edit_runs();
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
