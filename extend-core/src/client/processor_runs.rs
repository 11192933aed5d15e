//! Handles of the three processor run types: extract, classify and split.
//! Their routes differ only in names and types.

use async_trait::async_trait;
use futures::stream::BoxStream;

use super::query::{ListQuery, ProcessorRunListQuery};
use super::routes::Routes;
use super::{Client, RunResource};
use crate::requests::reject_priority;
use crate::transport::Transport;
use crate::{
    BatchRun, ClassifyRun, ClassifyRunBatchCreate, ClassifyRunCreate, DeleteResponse, Error,
    ExtractRun, ExtractRunBatchCreate, ExtractRunCreate, List, SplitRun, SplitRunBatchCreate,
    SplitRunCreate,
};

/// Renames the generic `processorId` filter to the route's own name.
fn rename_processor_filter(query: &ProcessorRunListQuery, name: &str) -> Vec<(String, String)> {
    query
        .filters()
        .into_iter()
        .map(|(key, value)| {
            if key == "processorId" {
                (name.to_owned(), value)
            } else {
                (key, value)
            }
        })
        .collect()
}

macro_rules! processor_run_handle {
    (
        $handle:ident, $base:literal, $sync:literal, $run:ty, $create:ty, $batch:ty,
        $processor_filter:literal, $kind:literal
    ) => {
        #[doc = concat!("Routes of ", $kind, " runs: `", $base, "` and the sync `", $sync, "`.")]
        #[derive(Debug)]
        pub struct $handle<T: ?Sized> {
            routes: Routes<T>,
        }

        impl<T: Transport + ?Sized + 'static> $handle<T> {
            pub(crate) fn new(client: Client<T>) -> Self {
                $handle { routes: Routes::new(client, $base) }
            }

            #[doc = concat!("Creates a ", $kind, " run (`POST ", $base, "`) and returns it at once, before it ends.")]
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`] when the request fails its
            /// `validate` check; otherwise any [`Error`] of [`Client::execute`].
            pub async fn create(&self, request: &$create) -> Result<$run, Error> {
                request.validate()?;
                self.routes.create(request).await
            }

            #[doc = concat!("Runs ", $kind, " synchronously (`POST ", $sync, "`): the server keeps the request open until the run ends, for at most 5 minutes.")]
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`] when a priority is set (the sync
            /// route has no queue) or `validate` fails; otherwise any
            /// [`Error`] of [`Client::execute`].
            pub async fn create_sync(&self, request: &$create) -> Result<$run, Error> {
                request.validate()?;
                reject_priority(concat!("POST ", $sync), request.priority)?;
                self.routes.post_to($sync.to_owned(), Vec::new(), request).await
            }

            #[doc = concat!("Retrieves a ", $kind, " run (`GET ", $base, "/{id}`).")]
            ///
            /// # Errors
            ///
            /// Any [`Error`] of [`Client::execute`].
            pub async fn retrieve(&self, id: &str) -> Result<$run, Error> {
                self.routes.retrieve(id, Vec::new()).await
            }

            #[doc = concat!("Lists one page of ", $kind, " runs (`GET ", $base, "`), without `output` and `config`.")]
            ///
            /// # Errors
            ///
            /// Any [`Error`] of [`Client::execute`].
            pub async fn list(&self, query: &ProcessorRunListQuery) -> Result<List<$run>, Error> {
                let filters = rename_processor_filter(query, $processor_filter);
                self.routes.list(filters, query.page_token()).await
            }

            #[doc = concat!("Streams every ", $kind, " run matching `query`, across pages.")]
            ///
            /// The stream yields [`Error::RepeatedPageToken`] if the server
            /// sends a page token twice.
            pub fn list_all(&self, query: &ProcessorRunListQuery) -> BoxStream<'static, Result<$run, Error>> {
                let filters = rename_processor_filter(query, $processor_filter);
                self.routes.list_all(filters, query.page_token())
            }

            #[doc = concat!("Requests cancellation (`POST ", $base, "/{id}/cancel`); only a `PROCESSING` run can be cancelled, and it may still finish.")]
            ///
            /// # Errors
            ///
            /// Any [`Error`] of [`Client::execute`].
            pub async fn cancel(&self, id: &str) -> Result<$run, Error> {
                self.routes.cancel(id).await
            }

            #[doc = concat!("Deletes a ", $kind, " run and its data (`DELETE ", $base, "/{id}`).")]
            ///
            /// # Errors
            ///
            /// Any [`Error`] of [`Client::execute`].
            pub async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
                self.routes.delete(id).await
            }

            #[doc = concat!("Creates a batch of ", $kind, " runs (`POST ", $base, "/batch`); returns the batch in `PENDING`.")]
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`] when `validate` fails; otherwise any
            /// [`Error`] of [`Client::execute`].
            pub async fn create_batch(&self, request: &$batch) -> Result<BatchRun, Error> {
                request.validate()?;
                self.routes.create_batch(request).await
            }
        }

        #[async_trait]
        impl<T: Transport + ?Sized + 'static> RunResource for $handle<T> {
            type Run = $run;
            type Create = $create;

            async fn create(&self, request: &$create) -> Result<$run, Error> {
                $handle::create(self, request).await
            }

            async fn retrieve(&self, id: &str) -> Result<$run, Error> {
                $handle::retrieve(self, id).await
            }

            fn supports_cancel(&self) -> bool {
                true
            }

            async fn cancel(&self, id: &str) -> Result<$run, Error> {
                $handle::cancel(self, id).await
            }
        }
    };
}

processor_run_handle!(
    ExtractRuns,
    "/extract_runs",
    "/extract",
    ExtractRun,
    ExtractRunCreate,
    ExtractRunBatchCreate,
    "extractorId",
    "extract"
);
processor_run_handle!(
    ClassifyRuns,
    "/classify_runs",
    "/classify",
    ClassifyRun,
    ClassifyRunCreate,
    ClassifyRunBatchCreate,
    "classifierId",
    "classify"
);
processor_run_handle!(
    SplitRuns,
    "/split_runs",
    "/split",
    SplitRun,
    SplitRunCreate,
    SplitRunBatchCreate,
    "splitterId",
    "split"
);
