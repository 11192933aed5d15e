//! `extend files upload | list | get | delete`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use extend_core::FileListQuery;

use super::list::{print_all, print_page, PageArgs};
use super::Context;
use crate::error::{exit_code, CliError};
use crate::input;
use crate::session::Session;

/// The `files` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum FilesCommand {
    /// Upload a local file and print the file object with its id.
    Upload(UploadArgs),
    /// List files.
    List(FileListArgs),
    /// Print a file's metadata.
    Get(FileIdArgs),
    /// Delete a file.
    Delete(FileIdArgs),
}

/// Arguments of `files upload`.
#[derive(Debug, Args)]
pub(crate) struct UploadArgs {
    /// Path of the local file.
    pub(crate) path: PathBuf,
}

/// Arguments of `files list`.
#[derive(Debug, Args)]
pub(crate) struct FileListArgs {
    /// Only files whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub(crate) name_contains: Option<String>,

    #[command(flatten)]
    pub(crate) page: PageArgs,
}

/// A file id.
#[derive(Debug, Args)]
pub(crate) struct FileIdArgs {
    /// The file id, such as file_...
    pub(crate) id: String,
}

/// Runs a `files` subcommand.
pub(crate) async fn files(context: &Context<'_>, command: &FilesCommand) -> Result<u8, CliError> {
    if let FilesCommand::Upload(args) = command {
        return upload(context, args).await;
    }

    let session = Session::connect(context.global).await?;
    let files = session.client.files();
    match command {
        FilesCommand::List(args) => {
            let query = FileListQuery {
                name_contains: args.name_contains.clone(),
                max_page_size: args.page.max_page_size,
                next_page_token: args.page.page_token.clone(),
                ..FileListQuery::default()
            };
            if args.page.all {
                print_all(&context.output, &session, files.list_all(&query)).await
            } else {
                print_page(&context.output, &session, &files.list(&query).await?)
            }
        }
        FilesCommand::Get(args) => {
            let file = files.retrieve(&args.id).await?;
            context.output.object(&session.sent_json(&file)?)?;
            Ok(exit_code::SUCCESS)
        }
        FilesCommand::Delete(args) => {
            let deleted = files.delete(&args.id).await?;
            context.output.object(&session.sent_json(&deleted)?)?;
            Ok(exit_code::SUCCESS)
        }
        FilesCommand::Upload(args) => upload(context, args).await,
    }
}

/// Checks the file before connecting, so a bad path sends nothing.
async fn upload(context: &Context<'_>, args: &UploadArgs) -> Result<u8, CliError> {
    let path = &args.path;
    input::check_local_file(path)?;
    let session = Session::connect(context.global).await?;
    let mut progress = context.progress();

    progress.step(&format!("uploading {}", path.display()));
    let file = session.client.files().upload(path).await?;
    progress.finish();
    context.output.object(&session.sent_json(&file)?)?;
    Ok(exit_code::SUCCESS)
}
