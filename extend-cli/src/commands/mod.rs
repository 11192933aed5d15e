//! One module per command group. Each handler prints its data through
//! [`Output`] and returns the process exit code.

pub(crate) mod batches;
pub(crate) mod emulator;
pub(crate) mod files;
pub(crate) mod generate;
mod list;
pub(crate) mod process;
pub(crate) mod runs;
mod wait;
pub(crate) mod webhooks;

use extend_core::{Client, FileRef};

use crate::cli::GlobalArgs;
use crate::error::CliError;
use crate::input::Input;
use crate::output::Output;
use crate::progress::Progress;
use crate::response_log::RecordingTransport;

/// Arguments of every command handler: the global flags and the output.
pub(crate) struct Context<'a> {
    /// The global flags.
    pub(crate) global: &'a GlobalArgs,
    /// The printer of the command's data.
    pub(crate) output: Output,
}

impl Context<'_> {
    /// Starts the progress display of a command that waits or uploads.
    pub(crate) fn progress(&self) -> Progress {
        Progress::new(self.global.quiet)
    }
}

/// Turns an input into a file reference, uploading a local file first.
async fn file_ref(
    client: &Client<RecordingTransport>,
    input: Input,
    progress: &mut Progress,
) -> Result<FileRef, CliError> {
    match input {
        Input::FileId(id) => Ok(FileRef::id(id)),
        Input::Url(url) => Ok(FileRef::url(url)),
        Input::Local(path) => {
            progress.step(&format!("uploading {}", path.display()));
            let file = client.files().upload(&path).await?;
            progress.step(&format!("uploaded {} as {}", path.display(), file.id));
            Ok(FileRef::id(file.id))
        }
    }
}
