//! `extend batches get | watch`, for batches of extract, classify, split and
//! parse runs (`GET /batch_runs/{id}`).

use clap::{Args, Subcommand};

use super::wait::{print_waited, wait_for};
use super::Context;
use crate::error::{exit_code, CliError};
use crate::session::Session;

/// The `batches` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum BatchesCommand {
    /// Print a batch and its aggregate status.
    Get(BatchIdArgs),
    /// Wait for a batch to end, showing its status; exits with the batch's code.
    Watch(BatchIdArgs),
}

/// A batch id.
#[derive(Debug, Args)]
pub(crate) struct BatchIdArgs {
    /// The batch id, as returned by a batch create.
    pub(crate) id: String,
}

/// Runs a `batches` subcommand.
pub(crate) async fn batches(
    context: &Context<'_>,
    command: &BatchesCommand,
) -> Result<u8, CliError> {
    let session = Session::connect(context.global).await?;
    let batch_runs = session.client.batch_runs();

    match command {
        BatchesCommand::Get(args) => {
            let batch = batch_runs.retrieve(&args.id).await?;
            context.output.object(&session.sent_json(&batch)?)?;
            Ok(exit_code::SUCCESS)
        }
        BatchesCommand::Watch(args) => {
            let mut progress = context.progress();
            let waited = wait_for(
                &batch_runs,
                &args.id,
                context.global.max_wait,
                &mut progress,
            )
            .await?;
            print_waited(&context.output, &session, waited)
        }
    }
}
