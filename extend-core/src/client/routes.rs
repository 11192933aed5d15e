//! The request shapes shared by every resource handle.

use futures::stream::BoxStream;
use http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::pager::paginate;
use super::{json_body, path, Client};
use crate::transport::{ApiRequest, Idempotency, Transport};
use crate::{DeleteResponse, Error, List};

/// The routes under one collection path, such as `/extract_runs`.
#[derive(Debug)]
pub(crate) struct Routes<T: ?Sized> {
    pub(crate) client: Client<T>,
    pub(crate) base: &'static str,
}

impl<T: ?Sized> Clone for Routes<T> {
    fn clone(&self) -> Self {
        Routes {
            client: self.client.clone(),
            base: self.base,
        }
    }
}

impl<T: Transport + ?Sized + 'static> Routes<T> {
    pub(crate) fn new(client: Client<T>, base: &'static str) -> Self {
        Routes { client, base }
    }

    fn item_path(&self, id: &str) -> String {
        format!("{}/{}", self.base, path::segment(id))
    }

    /// `POST {base}`: creates something, so it is never retried after the
    /// server may have seen it.
    pub(crate) async fn create<B: Serialize, R: DeserializeOwned>(
        &self,
        body: &B,
    ) -> Result<R, Error> {
        self.post_to(self.base.to_owned(), Vec::new(), body).await
    }

    /// `POST {path}` with a query and a JSON body, as a create.
    pub(crate) async fn post_to<B: Serialize, R: DeserializeOwned>(
        &self,
        path: String,
        query: Vec<(String, String)>,
        body: &B,
    ) -> Result<R, Error> {
        let mut request = ApiRequest::new(Method::POST, path, Idempotency::CreatesResource)
            .with_body(json_body(body)?);
        request.query = query;
        self.client.execute(request).await
    }

    /// `POST {base}/batch`.
    pub(crate) async fn create_batch<B: Serialize, R: DeserializeOwned>(
        &self,
        body: &B,
    ) -> Result<R, Error> {
        self.post_to(format!("{}/batch", self.base), Vec::new(), body)
            .await
    }

    /// `GET {base}/{id}` with query parameters.
    pub(crate) async fn retrieve<R: DeserializeOwned>(
        &self,
        id: &str,
        query: Vec<(String, String)>,
    ) -> Result<R, Error> {
        let mut request = ApiRequest::get(self.item_path(id));
        request.query = query;
        self.client.execute(request).await
    }

    /// `POST {base}/{id}`: a partial update, safe to repeat.
    pub(crate) async fn update<B: Serialize, R: DeserializeOwned>(
        &self,
        id: &str,
        body: &B,
    ) -> Result<R, Error> {
        let request = ApiRequest::new(Method::POST, self.item_path(id), Idempotency::Idempotent)
            .with_body(json_body(body)?);
        self.client.execute(request).await
    }

    /// `POST {base}/{id}/cancel` with body `{}`; safe to repeat.
    pub(crate) async fn cancel<R: DeserializeOwned>(&self, id: &str) -> Result<R, Error> {
        let path = format!("{}/cancel", self.item_path(id));
        let body = json_body(&serde_json::Map::new())?;
        let request = ApiRequest::new(Method::POST, path, Idempotency::Idempotent).with_body(body);
        self.client.execute(request).await
    }

    /// `DELETE {base}/{id}`.
    pub(crate) async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
        let request = ApiRequest::new(Method::DELETE, self.item_path(id), Idempotency::Idempotent);
        self.client.execute(request).await
    }

    /// `GET {base}`: one page.
    pub(crate) async fn list<R: DeserializeOwned>(
        &self,
        filters: Vec<(String, String)>,
        page_token: Option<&str>,
    ) -> Result<List<R>, Error> {
        let mut request = ApiRequest::get(self.base);
        request.query = filters;
        if let Some(token) = page_token {
            request
                .query
                .push(("nextPageToken".to_owned(), token.to_owned()));
        }
        self.client.execute(request).await
    }

    /// `GET {base}`: every item, page after page.
    pub(crate) fn list_all<R: DeserializeOwned + Send + 'static>(
        &self,
        filters: Vec<(String, String)>,
        page_token: Option<&str>,
    ) -> BoxStream<'static, Result<R, Error>> {
        paginate(
            self.client.clone(),
            self.base.to_owned(),
            filters,
            page_token.map(str::to_owned),
        )
    }
}
