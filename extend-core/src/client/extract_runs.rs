use async_trait::async_trait;
use http::Method;

use super::{json_body, path, Client, RunResource};
use crate::transport::{ApiRequest, Idempotency, Transport};
use crate::{Error, ExtractRun, ExtractRunCreate};

/// Extract run routes: `/extract_runs`.
#[derive(Debug)]
pub struct ExtractRuns<T: ?Sized> {
    client: Client<T>,
}

impl<T: Transport + ?Sized + 'static> ExtractRuns<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        ExtractRuns { client }
    }

    /// Creates an extract run (`POST /extract_runs`) and returns it at once.
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn create(&self, request: &ExtractRunCreate) -> Result<ExtractRun, Error> {
        let request = ApiRequest::new(Method::POST, "/extract_runs", Idempotency::CreatesResource)
            .with_body(json_body(request)?);
        self.client.execute(request).await
    }

    /// Retrieves an extract run (`GET /extract_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<ExtractRun, Error> {
        let request = ApiRequest::get(format!("/extract_runs/{}", path::segment(id)));
        self.client.execute(request).await
    }
}

#[async_trait]
impl<T: Transport + ?Sized + 'static> RunResource for ExtractRuns<T> {
    type Run = ExtractRun;
    type Create = ExtractRunCreate;

    async fn create(&self, request: &ExtractRunCreate) -> Result<ExtractRun, Error> {
        ExtractRuns::create(self, request).await
    }

    async fn retrieve(&self, id: &str) -> Result<ExtractRun, Error> {
        ExtractRuns::retrieve(self, id).await
    }
}
