//! Webhook endpoint and subscription routes.

use futures::stream::BoxStream;

use super::query::{ListQuery, WebhookEndpointListQuery, WebhookSubscriptionListQuery};
use super::routes::Routes;
use super::Client;
use crate::transport::Transport;
use crate::{
    DeleteResponse, Error, List, WebhookEndpoint, WebhookEndpointCreate, WebhookEndpointCreated,
    WebhookEndpointUpdate, WebhookSubscription, WebhookSubscriptionCreate,
    WebhookSubscriptionUpdate,
};

/// Webhook endpoint routes: `/webhook_endpoints`.
#[derive(Debug)]
pub struct WebhookEndpoints<T: ?Sized> {
    routes: Routes<T>,
}

impl<T: Transport + ?Sized + 'static> WebhookEndpoints<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        WebhookEndpoints {
            routes: Routes::new(client, "/webhook_endpoints"),
        }
    }

    /// Creates an endpoint (`POST /webhook_endpoints`). The response contains
    /// the signing secret, which the API never shows again.
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn create(
        &self,
        request: &WebhookEndpointCreate,
    ) -> Result<WebhookEndpointCreated, Error> {
        self.routes.create(request).await
    }

    /// Retrieves an endpoint (`GET /webhook_endpoints/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<WebhookEndpoint, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }

    /// Changes the fields set in `request` (`POST /webhook_endpoints/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn update(
        &self,
        id: &str,
        request: &WebhookEndpointUpdate,
    ) -> Result<WebhookEndpoint, Error> {
        self.routes.update(id, request).await
    }

    /// Lists one page of endpoints (`GET /webhook_endpoints`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn list(
        &self,
        query: &WebhookEndpointListQuery,
    ) -> Result<List<WebhookEndpoint>, Error> {
        self.routes.list(query.filters(), query.page_token()).await
    }

    /// Streams every endpoint matching `query`, across pages.
    pub fn list_all(
        &self,
        query: &WebhookEndpointListQuery,
    ) -> BoxStream<'static, Result<WebhookEndpoint, Error>> {
        self.routes.list_all(query.filters(), query.page_token())
    }

    /// Deletes an endpoint and its subscriptions (`DELETE /webhook_endpoints/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
        self.routes.delete(id).await
    }
}

/// Webhook subscription routes: `/webhook_subscriptions`.
#[derive(Debug)]
pub struct WebhookSubscriptions<T: ?Sized> {
    routes: Routes<T>,
}

impl<T: Transport + ?Sized + 'static> WebhookSubscriptions<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        WebhookSubscriptions {
            routes: Routes::new(client, "/webhook_subscriptions"),
        }
    }

    /// Creates a subscription, or updates the one for the same endpoint and
    /// resource (`POST /webhook_subscriptions`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn create(
        &self,
        request: &WebhookSubscriptionCreate,
    ) -> Result<WebhookSubscription, Error> {
        self.routes.create(request).await
    }

    /// Retrieves a subscription (`GET /webhook_subscriptions/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<WebhookSubscription, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }

    /// Changes the event types (`POST /webhook_subscriptions/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn update(
        &self,
        id: &str,
        request: &WebhookSubscriptionUpdate,
    ) -> Result<WebhookSubscription, Error> {
        self.routes.update(id, request).await
    }

    /// Lists one page of subscriptions (`GET /webhook_subscriptions`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn list(
        &self,
        query: &WebhookSubscriptionListQuery,
    ) -> Result<List<WebhookSubscription>, Error> {
        self.routes.list(query.filters(), query.page_token()).await
    }

    /// Streams every subscription matching `query`, across pages.
    pub fn list_all(
        &self,
        query: &WebhookSubscriptionListQuery,
    ) -> BoxStream<'static, Result<WebhookSubscription, Error>> {
        self.routes.list_all(query.filters(), query.page_token())
    }

    /// Deletes a subscription (`DELETE /webhook_subscriptions/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
        self.routes.delete(id).await
    }
}
