//! `extend parse`.

use extend_core::{ParseRun, ParseRunCreate};

use super::wait::create_and_wait;
use crate::cli::{GlobalArgs, ParseArgs};
use crate::error::CliError;
use crate::input;
use crate::progress::Progress;
use crate::session::Session;

/// Uploads the input if it is local, creates a parse run and waits for it.
pub(crate) async fn parse(global: &GlobalArgs, args: &ParseArgs) -> Result<ParseRun, CliError> {
    let input = input::resolve(&args.input)?;
    let session = Session::connect(global).await?;
    let mut progress = Progress::new(global.quiet);

    let file = super::file_ref(&session.client, input, &mut progress).await?;
    let request = ParseRunCreate::new(file)?;
    create_and_wait(
        &session.client.parse_runs(),
        &request,
        global.max_wait,
        &mut progress,
    )
    .await
}
