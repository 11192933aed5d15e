//! `extend extract`.

use std::path::PathBuf;

use clap::Args;
use extend_core::{ExtractConfig, ExtractRunCreate};

use super::{missing_processor, prepare, submit, InputArgs, MetadataArgs, ProcessorArgs};
use crate::commands::Context;
use crate::error::CliError;
use crate::input;

/// Arguments of `extend extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    #[command(flatten)]
    pub(crate) processor: ProcessorArgs,

    #[command(flatten)]
    pub(crate) metadata: MetadataArgs,

    /// JSON Schema file of the fields to extract; replaces the schema of --config.
    #[arg(long, value_name = "FILE", conflicts_with = "using")]
    pub(crate) schema: Option<PathBuf>,
}

/// Creates an extract run from an extractor id, a configuration file or a
/// schema file, and waits for it unless `--no-wait`.
pub(crate) async fn extract(context: &Context<'_>, args: &ExtractArgs) -> Result<u8, CliError> {
    let source = ExtractSource::from_args(args)?;
    let metadata = args.metadata.parse()?;
    let mut prepared = prepare(context, &args.input.input).await?;

    let mut request = match source {
        ExtractSource::Extractor(processor) => {
            ExtractRunCreate::with_extractor(prepared.file, processor)
        }
        ExtractSource::Config(config) => {
            // The whole configuration, schema included, replaces the
            // placeholder that the constructor sets.
            let mut request = ExtractRunCreate::with_schema(prepared.file, serde_json::Value::Null);
            request.config = Some(*config);
            request
        }
    };
    request.metadata = metadata;
    let resource = prepared.session.client.extract_runs();
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

/// The processor of an extract run, read and checked before any request.
enum ExtractSource {
    Extractor(extend_core::ProcessorRef),
    Config(Box<ExtractConfig>),
}

impl ExtractSource {
    fn from_args(args: &ExtractArgs) -> Result<ExtractSource, CliError> {
        if let Some(processor) = args.processor.processor_ref() {
            return Ok(ExtractSource::Extractor(processor));
        }

        let mut config = match &args.processor.config {
            Some(path) => input::read_config::<ExtractConfig>(path)?,
            None => ExtractConfig::default(),
        };
        if let Some(path) = &args.schema {
            config.schema = Some(input::read_schema(path)?);
        }
        if args.processor.config.is_none() && args.schema.is_none() {
            return Err(missing_processor(
                "extract",
                "--using EXTRACTOR_ID, --schema FILE or --config FILE",
            ));
        }
        Ok(ExtractSource::Config(Box::new(config)))
    }
}
