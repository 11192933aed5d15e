//! Listing one page or every page, shared by `runs list` and `files list`.

use clap::Args;
use extend_core::{Error, List};
use futures::stream::{BoxStream, StreamExt};
use serde::Serialize;
use serde_json::Value;

use crate::error::{exit_code, CliError};
use crate::output::Output;
use crate::session::Session;

/// Paging flags of the list commands.
#[derive(Debug, Args)]
pub(crate) struct PageArgs {
    /// Follow nextPageToken to the last page and print every item.
    #[arg(long, conflicts_with = "page_token")]
    pub(crate) all: bool,

    /// Items per page, at least 1.
    // NOTE: the API documents no upper limit for maxPageSize, so only 0 is
    // rejected here.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) max_page_size: Option<u32>,

    /// Start from this page (the nextPageToken of an earlier list).
    #[arg(long, value_name = "TOKEN")]
    pub(crate) page_token: Option<String>,
}

/// Prints one page as the server sent it, and a hint on stderr when there
/// are more.
pub(crate) fn print_page<T: Serialize>(
    output: &Output,
    session: &Session,
    page: &List<T>,
) -> Result<u8, CliError> {
    output.list(&session.sent_json(page)?)?;
    if let Some(token) = &page.next_page_token {
        hint(&format!(
            "more items: pass --page-token {token} for the next page, or --all"
        ));
    }
    Ok(exit_code::SUCCESS)
}

/// Prints every item of the stream as one list, each item as the server sent
/// it. When the stream fails, for example on a page token the server sent
/// twice, the items read so far are printed first and the error is returned
/// after them.
pub(crate) async fn print_all<T: Serialize>(
    output: &Output,
    session: &Session,
    mut items: BoxStream<'static, Result<T, Error>>,
) -> Result<u8, CliError> {
    let mark = session.mark();
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

    let count = data.len();
    let mut list = serde_json::Map::new();
    list.insert("object".to_owned(), Value::from("list"));
    list.insert(
        "data".to_owned(),
        Value::from(session.sent_items(mark, &data)?),
    );
    output.list(&Value::Object(list))?;
    match failure {
        Some(error) => {
            hint(&format!("printed the {count} items read before the error"));
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
