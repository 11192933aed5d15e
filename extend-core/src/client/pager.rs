//! Lists as a stream of items across pages.

use std::collections::HashSet;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;

use super::Client;
use crate::transport::{ApiRequest, Transport};
use crate::{Error, List};

/// The next action of the pager.
enum Step {
    /// Fetch the page after this token (`None`: the first page).
    Fetch(Option<String>),
    /// Return this error, after the items of the page that caused it.
    Fail(Error),
    /// The last page was returned.
    Done,
}

struct Pager<T: ?Sized> {
    client: Client<T>,
    path: String,
    filters: Vec<(String, String)>,
    seen_tokens: HashSet<String>,
    step: Step,
}

/// Streams every item of a list route, page after page.
///
/// The stream ends after a page whose `nextPageToken` is absent, `null` or
/// empty. A token that this listing already followed would repeat pages
/// forever, so the stream yields that page's items and then
/// [`Error::RepeatedPageToken`].
pub(crate) fn paginate<T, R>(
    client: Client<T>,
    path: String,
    filters: Vec<(String, String)>,
    first_token: Option<String>,
) -> BoxStream<'static, Result<R, Error>>
where
    T: Transport + ?Sized + 'static,
    R: DeserializeOwned + Send + 'static,
{
    let mut seen_tokens = HashSet::new();
    if let Some(token) = &first_token {
        seen_tokens.insert(token.clone());
    }
    let pager = Pager {
        client,
        path,
        filters,
        seen_tokens,
        step: Step::Fetch(first_token),
    };

    stream::try_unfold(pager, next_page::<T, R>)
        .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

async fn next_page<T, R>(mut pager: Pager<T>) -> Result<Option<(Vec<R>, Pager<T>)>, Error>
where
    T: Transport + ?Sized + 'static,
    R: DeserializeOwned + Send + 'static,
{
    let token = match std::mem::replace(&mut pager.step, Step::Done) {
        Step::Done => return Ok(None),
        Step::Fail(error) => return Err(error),
        Step::Fetch(token) => token,
    };

    let mut request = ApiRequest::get(pager.path.clone());
    request.query = pager.filters.clone();
    if let Some(token) = token {
        request.query.push(("nextPageToken".to_owned(), token));
    }
    let page: List<R> = pager.client.execute(request).await?;

    pager.step = match page.next_page_token.filter(|token| !token.is_empty()) {
        None => Step::Done,
        Some(token) if !pager.seen_tokens.insert(token.clone()) => {
            tracing::warn!(path = %pager.path, %token, "list returned a page token it returned before; stopping");
            Step::Fail(Error::RepeatedPageToken {
                path: pager.path.clone(),
                token,
            })
        }
        Some(token) => Step::Fetch(Some(token)),
    };
    Ok(Some((page.data, pager)))
}
