//! `extend run`: a workflow run.

use clap::Args;
use extend_core::{WorkflowRef, WorkflowRunCreate};

use super::{prepare, submit, MetadataArgs};
use crate::commands::Context;
use crate::error::CliError;

/// Arguments of `extend run`. Workflow runs can take hours (human review),
/// so the command returns at once unless `--wait` is given.
#[derive(Debug, Args)]
pub(crate) struct WorkflowRunArgs {
    /// A local file (uploaded first), a file_... id or an https:// URL.
    pub(crate) input: String,

    /// Id of the workflow to run.
    #[arg(long, value_name = "ID")]
    pub(crate) workflow: String,

    /// Version of the workflow (default: its deployed version).
    #[arg(long)]
    pub(crate) version: Option<String>,

    #[command(flatten)]
    pub(crate) metadata: MetadataArgs,

    /// Wait until the run ends (bounded by --max-wait).
    #[arg(long)]
    pub(crate) wait: bool,
}

/// Creates a workflow run and waits for it only with `--wait`.
pub(crate) async fn run_workflow(
    context: &Context<'_>,
    args: &WorkflowRunArgs,
) -> Result<u8, CliError> {
    let metadata = args.metadata.parse()?;
    let mut prepared = prepare(context, &args.input).await?;

    let mut workflow = WorkflowRef::new(args.workflow.as_str());
    workflow.version = args.version.clone();
    let mut request = WorkflowRunCreate::new(workflow, prepared.file);
    request.metadata = metadata;
    let resource = prepared.session.client.workflow_runs();
    submit(
        context,
        &prepared.session,
        &resource,
        &request,
        args.wait,
        &mut prepared.progress,
    )
    .await
}
