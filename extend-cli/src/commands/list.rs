//! Listing one page or every page, shared by `runs list` and `files list`.

use clap::Args;
use extend_core::{Error, List};
use futures::stream::{BoxStream, StreamExt};
use serde::Serialize;

use crate::error::{exit_code, CliError};
use crate::output::Output;

/// Paging flags of the list commands.
#[derive(Debug, Args)]
pub(crate) struct PageArgs {
    /// Follow nextPageToken to the last page and print every item.
    #[arg(long, conflicts_with = "page_token")]
    pub(crate) all: bool,

    /// Items per page, as the server allows.
    #[arg(long, value_name = "N")]
    pub(crate) max_page_size: Option<u32>,

    /// Start from this page (the nextPageToken of an earlier list).
    #[arg(long, value_name = "TOKEN")]
    pub(crate) page_token: Option<String>,
}

/// Prints one page, and a hint on stderr when there are more.
pub(crate) fn print_page<T: Serialize>(output: &Output, page: &List<T>) -> Result<u8, CliError> {
    output.list(page)?;
    if let Some(token) = &page.next_page_token {
        hint(&format!(
            "more items: pass --page-token {token} for the next page, or --all"
        ));
    }
    Ok(exit_code::SUCCESS)
}

/// Prints every item of the stream as one list. When the stream fails, for
/// example on a page token the server sent twice, the items read so far are
/// printed first and the error is returned after them.
pub(crate) async fn print_all<T: Serialize>(
    output: &Output,
    mut items: BoxStream<'static, Result<T, Error>>,
) -> Result<u8, CliError> {
    let mut data = Vec::new();
    let mut failure = None;
    while let Some(item) = items.next().await {
        match item {
            Ok(item) => data.push(item),
            Err(error) => {
                failure = Some(error);
                break;
            }
        }
    }

    let list = List {
        object: "list".to_owned(),
        data,
        next_page_token: None,
    };
    output.list(&list)?;
    match failure {
        Some(error) => {
            hint(&format!(
                "printed the {} items read before the error",
                list.data.len()
            ));
            Err(CliError::Api(error))
        }
        None => Ok(exit_code::SUCCESS),
    }
}

/// Prints a hint on stderr. Hints are best effort: a closed stderr is ignored.
fn hint(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}
