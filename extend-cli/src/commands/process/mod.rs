//! The processing commands: `extract`, `classify`, `split`, `parse`, `edit`
//! and `run` (a workflow). Each uploads a local input, creates a run and, by
//! default for the five processors, waits for it.

mod classify;
mod edit;
mod extract;
mod parse;
mod split;
mod workflow;

pub(crate) use classify::{classify, ClassifyArgs};
pub(crate) use edit::{edit, EditArgs};
pub(crate) use extract::{extract, ExtractArgs};
pub(crate) use parse::{parse, ParseArgs};
pub(crate) use split::{split, SplitArgs};
pub(crate) use workflow::{run_workflow, WorkflowRunArgs};

use std::path::PathBuf;

use clap::Args;
use extend_core::{FileRef, ProcessorRef, Run, RunResource};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::wait::{create_and_wait, print_waited};
use super::Context;
use crate::error::{exit_code, CliError};
use crate::input;
use crate::progress::Progress;
use crate::session::Session;

/// The input and wait flags shared by every processing command.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// A local file (uploaded first), a file_... id or an https:// URL.
    pub(crate) input: String,

    /// Return the run as soon as it is created, without waiting for it.
    #[arg(long)]
    pub(crate) no_wait: bool,
}

/// The `--metadata` flag of the run types that store metadata.
#[derive(Debug, Args)]
pub(crate) struct MetadataArgs {
    /// JSON object stored with the run and returned with it, such as '{"customer": "acme"}'.
    #[arg(long, value_name = "JSON")]
    pub(crate) metadata: Option<String>,
}

impl MetadataArgs {
    /// Parses the flag, before anything is sent.
    fn parse(&self) -> Result<Option<extend_core::Metadata>, CliError> {
        self.metadata
            .as_deref()
            .map(input::parse_metadata)
            .transpose()
    }
}

/// Processor flags of extract, classify and split: a saved processor by
/// id, or an inline configuration file.
#[derive(Debug, Args)]
pub(crate) struct ProcessorArgs {
    /// Id of a saved processor (extractor, classifier or splitter).
    #[arg(long, value_name = "ID", conflicts_with = "config")]
    pub(crate) using: Option<String>,

    /// Version of the processor named by --using (default: its latest).
    #[arg(long, requires = "using")]
    pub(crate) version: Option<String>,

    /// JSON file with an inline processor configuration.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}

impl ProcessorArgs {
    /// Returns the processor reference of `--using` and `--version`.
    fn processor_ref(&self) -> Option<ProcessorRef> {
        let id = self.using.as_ref()?;
        let mut processor = ProcessorRef::new(id.as_str());
        if let Some(version) = &self.version {
            processor = processor.version(version.as_str());
        }
        Some(processor)
    }
}

/// A connected session with the input turned into a file reference.
struct Prepared {
    session: Session,
    file: FileRef,
    progress: Progress,
}

/// Checks the input, connects and uploads a local file.
async fn prepare(context: &Context<'_>, raw_input: &str) -> Result<Prepared, CliError> {
    let input = input::resolve(raw_input)?;
    let session = Session::connect(context.global).await?;
    let mut progress = context.progress();
    let file = super::file_ref(&session.client, input, &mut progress).await?;
    Ok(Prepared {
        session,
        file,
        progress,
    })
}

/// Creates the run and either waits for it or returns it at once, then
/// prints it and returns the exit code.
async fn submit<R>(
    context: &Context<'_>,
    session: &Session,
    resource: &R,
    request: &R::Create,
    wait: bool,
    progress: &mut Progress,
) -> Result<u8, CliError>
where
    R: RunResource,
    R::Run: Serialize,
{
    if wait {
        let waited = create_and_wait(resource, request, context.global.max_wait, progress).await?;
        return print_waited(&context.output, session, waited);
    }

    let run = resource.create(request).await?;
    progress.update(run.id(), run.status().as_str());
    progress.finish();
    context.output.object(&session.sent_json(&run)?)?;
    Ok(exit_code::SUCCESS)
}

/// The processor of a classify or split run, read and checked before any
/// request.
enum Source<C> {
    /// A saved processor (`--using`, `--version`).
    Processor(ProcessorRef),
    /// An inline configuration (`--config`).
    Config(C),
}

impl ProcessorArgs {
    /// Reads the processor of `--using` or `--config`; `options` names them
    /// in the error when neither is given.
    fn source<C: DeserializeOwned>(
        &self,
        command: &str,
        options: &str,
    ) -> Result<Source<C>, CliError> {
        if let Some(processor) = self.processor_ref() {
            return Ok(Source::Processor(processor));
        }
        match &self.config {
            Some(path) => Ok(Source::Config(input::read_config(path)?)),
            None => Err(missing_processor(command, options)),
        }
    }
}

/// Returns the usage error of a command that got no processor at all.
fn missing_processor(command: &str, options: &str) -> CliError {
    CliError::Input(format!("{command} needs a processor: pass {options}"))
}
