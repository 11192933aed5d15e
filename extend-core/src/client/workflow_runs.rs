use async_trait::async_trait;
use futures::stream::BoxStream;

use super::query::{ListQuery, WorkflowRunListQuery};
use super::routes::Routes;
use super::{Client, RunResource};
use crate::transport::Transport;
use crate::{
    DeleteResponse, Error, List, WorkflowBatch, WorkflowRun, WorkflowRunBatchCreate,
    WorkflowRunCreate, WorkflowRunUpdate,
};

/// Workflow run routes: `/workflow_runs`. Workflows have no sync route.
#[derive(Debug)]
pub struct WorkflowRuns<T: ?Sized> {
    routes: Routes<T>,
}

impl<T: Transport + ?Sized + 'static> WorkflowRuns<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        WorkflowRuns {
            routes: Routes::new(client, "/workflow_runs"),
        }
    }

    /// Creates a workflow run (`POST /workflow_runs`) and returns it at once.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when `validate` fails; otherwise any
    /// [`Error`] of [`Client::execute`].
    pub async fn create(&self, request: &WorkflowRunCreate) -> Result<WorkflowRun, Error> {
        request.validate()?;
        self.routes.create(request).await
    }

    /// Retrieves a workflow run with its step runs (`GET /workflow_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<WorkflowRun, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }

    /// Changes the name or metadata of a run (`POST /workflow_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn update(
        &self,
        id: &str,
        request: &WorkflowRunUpdate,
    ) -> Result<WorkflowRun, Error> {
        self.routes.update(id, request).await
    }

    /// Lists one page of workflow runs (`GET /workflow_runs`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn list(&self, query: &WorkflowRunListQuery) -> Result<List<WorkflowRun>, Error> {
        self.routes.list(query.filters(), query.page_token()).await
    }

    /// Streams every workflow run matching `query`, across pages.
    pub fn list_all(
        &self,
        query: &WorkflowRunListQuery,
    ) -> BoxStream<'static, Result<WorkflowRun, Error>> {
        self.routes.list_all(query.filters(), query.page_token())
    }

    /// Requests cancellation (`POST /workflow_runs/{id}/cancel`) of a
    /// `PENDING` or `PROCESSING` run; it moves through `CANCELLING`.
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn cancel(&self, id: &str) -> Result<WorkflowRun, Error> {
        self.routes.cancel(id).await
    }

    /// Deletes a workflow run (`DELETE /workflow_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
        self.routes.delete(id).await
    }

    /// Creates a batch of workflow runs (`POST /workflow_runs/batch`).
    /// Only the batch id comes back; follow the runs with the `batch_id`
    /// filter of [`list`](Self::list) or with webhooks.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when `validate` fails; otherwise any
    /// [`Error`] of [`Client::execute`].
    pub async fn create_batch(
        &self,
        request: &WorkflowRunBatchCreate,
    ) -> Result<WorkflowBatch, Error> {
        request.validate()?;
        self.routes.create_batch(request).await
    }
}

#[async_trait]
impl<T: Transport + ?Sized + 'static> RunResource for WorkflowRuns<T> {
    type Run = WorkflowRun;
    type Create = WorkflowRunCreate;

    async fn create(&self, request: &WorkflowRunCreate) -> Result<WorkflowRun, Error> {
        WorkflowRuns::create(self, request).await
    }

    async fn retrieve(&self, id: &str) -> Result<WorkflowRun, Error> {
        WorkflowRuns::retrieve(self, id).await
    }

    fn supports_cancel(&self) -> bool {
        true
    }

    async fn cancel(&self, id: &str) -> Result<WorkflowRun, Error> {
        WorkflowRuns::cancel(self, id).await
    }
}
