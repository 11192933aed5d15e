//! `extend classify`.

use clap::Args;
use extend_core::{ClassifyConfig, ClassifyRunCreate};

use super::{prepare, submit, InputArgs, MetadataArgs, ProcessorArgs, Source};
use crate::commands::Context;
use crate::error::CliError;

/// Arguments of `extend classify`.
#[derive(Debug, Args)]
pub(crate) struct ClassifyArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    #[command(flatten)]
    pub(crate) processor: ProcessorArgs,

    #[command(flatten)]
    pub(crate) metadata: MetadataArgs,
}

/// Creates a classify run from a classifier id or a configuration file, and
/// waits for it unless `--no-wait`.
pub(crate) async fn classify(context: &Context<'_>, args: &ClassifyArgs) -> Result<u8, CliError> {
    let source = args
        .processor
        .source::<ClassifyConfig>("classify", "--using CLASSIFIER_ID or --config FILE")?;
    let metadata = args.metadata.parse()?;
    let mut prepared = prepare(context, &args.input.input).await?;

    let mut request = match source {
        Source::Processor(processor) => {
            ClassifyRunCreate::with_classifier(prepared.file, processor)
        }
        Source::Config(config) => ClassifyRunCreate::with_config(prepared.file, config),
    };
    request.metadata = metadata;
    let resource = prepared.session.client.classify_runs();
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
