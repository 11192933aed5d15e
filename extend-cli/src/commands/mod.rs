//! One module per command.

mod extract;
mod parse;
mod wait;

pub(crate) use extract::extract;
pub(crate) use parse::parse;

use extend_core::{Client, FileRef};
use extend_http::HttpTransport;

use crate::error::CliError;
use crate::input::Input;
use crate::progress::Progress;

/// Turns an input into a file reference, uploading a local file first.
async fn file_ref(
    client: &Client<HttpTransport>,
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
