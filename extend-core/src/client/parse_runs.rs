use async_trait::async_trait;
use futures::stream::BoxStream;

use super::query::{ListQuery, ParseResponseType, ParseRunListQuery};
use super::routes::Routes;
use super::{Client, RunResource};
use crate::transport::Transport;
use crate::{BatchRun, DeleteResponse, Error, List, ParseRun, ParseRunBatchCreate, ParseRunCreate};

/// Parse run routes: `/parse_runs` and the sync `/parse`.
#[derive(Debug)]
pub struct ParseRuns<T: ?Sized> {
    routes: Routes<T>,
}

impl<T: Transport + ?Sized + 'static> ParseRuns<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        ParseRuns {
            routes: Routes::new(client, "/parse_runs"),
        }
    }

    /// Creates a parse run (`POST /parse_runs`) and returns it at once.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text; otherwise any [`Error`] of
    /// [`Client::execute`].
    pub async fn create(&self, request: &ParseRunCreate) -> Result<ParseRun, Error> {
        request.validate()?;
        self.routes.create(request).await
    }

    /// Parses synchronously (`POST /parse`): the server keeps the request open
    /// until the run ends, for at most 5 minutes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text; otherwise any [`Error`] of
    /// [`Client::execute`].
    pub async fn create_sync(
        &self,
        request: &ParseRunCreate,
        response_type: Option<ParseResponseType>,
    ) -> Result<ParseRun, Error> {
        request.validate()?;
        let query = response_type
            .map(|response_type| vec![("responseType".to_owned(), response_type.to_string())])
            .unwrap_or_default();
        self.routes
            .post_to("/parse".to_owned(), query, request)
            .await
    }

    /// Retrieves a parse run (`GET /parse_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<ParseRun, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }

    /// Retrieves a parse run with the output inline or as a link
    /// (`GET /parse_runs/{id}?responseType=`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve_as(
        &self,
        id: &str,
        response_type: ParseResponseType,
    ) -> Result<ParseRun, Error> {
        let query = vec![("responseType".to_owned(), response_type.to_string())];
        self.routes.retrieve(id, query).await
    }

    /// Lists one page of parse runs (`GET /parse_runs`), without `output`.
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn list(&self, query: &ParseRunListQuery) -> Result<List<ParseRun>, Error> {
        self.routes.list(query.filters(), query.page_token()).await
    }

    /// Streams every parse run matching `query`, across pages.
    // NOTE: one client of this API reports that `/parse_runs` ignores
    // `maxPageSize` and reads `limit`; this sends `maxPageSize` as the
    // official SDKs do.
    pub fn list_all(
        &self,
        query: &ParseRunListQuery,
    ) -> BoxStream<'static, Result<ParseRun, Error>> {
        self.routes.list_all(query.filters(), query.page_token())
    }

    /// Requests cancellation (`POST /parse_runs/{id}/cancel`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`]; the server may reject parse
    /// cancels, since parse runs have no `CANCELLED` status.
    pub async fn cancel(&self, id: &str) -> Result<ParseRun, Error> {
        self.routes.cancel(id).await
    }

    /// Deletes a parse run (`DELETE /parse_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
        self.routes.delete(id).await
    }

    /// Creates a batch of parse runs (`POST /parse_runs/batch`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when `validate` fails; otherwise any
    /// [`Error`] of [`Client::execute`].
    pub async fn create_batch(&self, request: &ParseRunBatchCreate) -> Result<BatchRun, Error> {
        request.validate()?;
        self.routes.create_batch(request).await
    }
}

#[async_trait]
impl<T: Transport + ?Sized + 'static> RunResource for ParseRuns<T> {
    type Run = ParseRun;
    type Create = ParseRunCreate;

    async fn create(&self, request: &ParseRunCreate) -> Result<ParseRun, Error> {
        ParseRuns::create(self, request).await
    }

    async fn retrieve(&self, id: &str) -> Result<ParseRun, Error> {
        ParseRuns::retrieve(self, id).await
    }

    fn supports_cancel(&self) -> bool {
        true
    }

    async fn cancel(&self, id: &str) -> Result<ParseRun, Error> {
        ParseRuns::cancel(self, id).await
    }
}
