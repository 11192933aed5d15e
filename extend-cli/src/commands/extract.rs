//! `extend extract`.

use extend_core::{ExtractRun, ExtractRunCreate};

use super::wait::create_and_wait;
use crate::cli::{ExtractArgs, GlobalArgs};
use crate::error::CliError;
use crate::input;
use crate::progress::Progress;
use crate::session::Session;

/// Uploads the input if it is local, creates an extract run with the schema
/// and waits for it.
pub(crate) async fn extract(
    global: &GlobalArgs,
    args: &ExtractArgs,
) -> Result<ExtractRun, CliError> {
    let input = input::resolve(&args.input)?;
    let schema = input::read_schema(&args.schema)?;
    let session = Session::connect(global).await?;
    let mut progress = Progress::new(global.quiet);

    let file = super::file_ref(&session.client, input, &mut progress).await?;
    let request = ExtractRunCreate::with_schema(file, schema);
    create_and_wait(
        &session.client.extract_runs(),
        &request,
        global.max_wait,
        &mut progress,
    )
    .await
}
