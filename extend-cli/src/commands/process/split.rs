//! `extend split`.

use clap::Args;
use extend_core::{SplitConfig, SplitRunCreate};

use super::{prepare, submit, InputArgs, MetadataArgs, ProcessorArgs, Source};
use crate::commands::Context;
use crate::error::CliError;

/// Arguments of `extend split`.
#[derive(Debug, Args)]
pub(crate) struct SplitArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    #[command(flatten)]
    pub(crate) processor: ProcessorArgs,

    #[command(flatten)]
    pub(crate) metadata: MetadataArgs,
}

/// Creates a split run from a splitter id or a configuration file, and waits
/// for it unless `--no-wait`.
pub(crate) async fn split(context: &Context<'_>, args: &SplitArgs) -> Result<u8, CliError> {
    let source = args
        .processor
        .source::<SplitConfig>("split", "--using SPLITTER_ID or --config FILE")?;
    let metadata = args.metadata.parse()?;
    let mut prepared = prepare(context, &args.input.input).await?;

    let mut request = match source {
        Source::Processor(processor) => SplitRunCreate::with_splitter(prepared.file, processor)?,
        Source::Config(config) => SplitRunCreate::with_config(prepared.file, config)?,
    };
    request.metadata = metadata;
    let resource = prepared.session.client.split_runs();
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
