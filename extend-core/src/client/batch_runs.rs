use async_trait::async_trait;

use super::routes::Routes;
use super::{Client, RunResource};
use crate::transport::Transport;
use crate::{BatchRun, Error};

/// Batch run routes: `GET /batch_runs/{id}`, for batches of extract,
/// classify, split and parse runs. Workflow batches are not served here.
#[derive(Debug)]
pub struct BatchRuns<T: ?Sized> {
    routes: Routes<T>,
}

impl<T: Transport + ?Sized + 'static> BatchRuns<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        BatchRuns {
            routes: Routes::new(client, "/batch_runs"),
        }
    }

    /// Retrieves a batch and its aggregate status (`GET /batch_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<BatchRun, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }
}

/// Lets a poller wait on a batch by id. Batches are created by the batch
/// route of each run type, so `create` here returns an error.
#[async_trait]
impl<T: Transport + ?Sized + 'static> RunResource for BatchRuns<T> {
    type Run = BatchRun;
    type Create = serde_json::Value;

    async fn create(&self, _request: &serde_json::Value) -> Result<BatchRun, Error> {
        Err(Error::Unsupported(
            "batch runs are created by the batch route of a run type, such as ExtractRuns::create_batch".into(),
        ))
    }

    async fn retrieve(&self, id: &str) -> Result<BatchRun, Error> {
        BatchRuns::retrieve(self, id).await
    }
}
