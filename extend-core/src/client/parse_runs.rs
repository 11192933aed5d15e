use async_trait::async_trait;
use http::Method;

use super::{json_body, path, Client, RunResource};
use crate::transport::{ApiRequest, Idempotency, Transport};
use crate::{Error, ParseRun, ParseRunCreate};

/// Parse run routes: `/parse_runs`.
#[derive(Debug)]
pub struct ParseRuns<T: ?Sized> {
    client: Client<T>,
}

impl<T: Transport + ?Sized + 'static> ParseRuns<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        ParseRuns { client }
    }

    /// Creates a parse run (`POST /parse_runs`) and returns it at once.
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn create(&self, request: &ParseRunCreate) -> Result<ParseRun, Error> {
        let request = ApiRequest::new(Method::POST, "/parse_runs", Idempotency::CreatesResource)
            .with_body(json_body(request)?);
        self.client.execute(request).await
    }

    /// Retrieves a parse run (`GET /parse_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<ParseRun, Error> {
        let request = ApiRequest::get(format!("/parse_runs/{}", path::segment(id)));
        self.client.execute(request).await
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
}
