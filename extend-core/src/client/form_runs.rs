//! Handles of the two PDF form run types: edit and form detection. Neither
//! has a list, cancel or batch route.

use async_trait::async_trait;

use super::routes::Routes;
use super::{Client, RunResource};
use crate::transport::Transport;
use crate::{
    DeleteResponse, EditRun, EditRunCreate, Error, FormDetectionRun, FormDetectionRunCreate,
};

/// Edit run routes: `/edit_runs` and the sync `/edit`.
#[derive(Debug)]
pub struct EditRuns<T: ?Sized> {
    routes: Routes<T>,
}

impl<T: Transport + ?Sized + 'static> EditRuns<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        EditRuns {
            routes: Routes::new(client, "/edit_runs"),
        }
    }

    /// Creates an edit run (`POST /edit_runs`) and returns it at once.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text; otherwise any [`Error`] of
    /// [`Client::execute`].
    pub async fn create(&self, request: &EditRunCreate) -> Result<EditRun, Error> {
        request.validate()?;
        self.routes.create(request).await
    }

    /// Fills the form synchronously (`POST /edit`), for at most 5 minutes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text; otherwise any [`Error`] of
    /// [`Client::execute`].
    pub async fn create_sync(&self, request: &EditRunCreate) -> Result<EditRun, Error> {
        request.validate()?;
        self.routes
            .post_to("/edit".to_owned(), Vec::new(), request)
            .await
    }

    /// Retrieves an edit run (`GET /edit_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<EditRun, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }

    /// Deletes an edit run (`DELETE /edit_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn delete(&self, id: &str) -> Result<DeleteResponse, Error> {
        self.routes.delete(id).await
    }
}

#[async_trait]
impl<T: Transport + ?Sized + 'static> RunResource for EditRuns<T> {
    type Run = EditRun;
    type Create = EditRunCreate;

    async fn create(&self, request: &EditRunCreate) -> Result<EditRun, Error> {
        EditRuns::create(self, request).await
    }

    async fn retrieve(&self, id: &str) -> Result<EditRun, Error> {
        EditRuns::retrieve(self, id).await
    }
}

/// Form detection run routes: `/form_detection_runs` and the sync
/// `/detect_form`.
#[derive(Debug)]
pub struct FormDetectionRuns<T: ?Sized> {
    routes: Routes<T>,
}

impl<T: Transport + ?Sized + 'static> FormDetectionRuns<T> {
    pub(crate) fn new(client: Client<T>) -> Self {
        FormDetectionRuns {
            routes: Routes::new(client, "/form_detection_runs"),
        }
    }

    /// Creates a form detection run (`POST /form_detection_runs`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text; otherwise any [`Error`] of
    /// [`Client::execute`].
    pub async fn create(
        &self,
        request: &FormDetectionRunCreate,
    ) -> Result<FormDetectionRun, Error> {
        request.validate()?;
        self.routes.create(request).await
    }

    /// Detects the form's fields synchronously (`POST /detect_form`), for
    /// at most 5 minutes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for raw text; otherwise any [`Error`] of
    /// [`Client::execute`].
    pub async fn create_sync(
        &self,
        request: &FormDetectionRunCreate,
    ) -> Result<FormDetectionRun, Error> {
        request.validate()?;
        self.routes
            .post_to("/detect_form".to_owned(), Vec::new(), request)
            .await
    }

    /// Retrieves a form detection run (`GET /form_detection_runs/{id}`).
    ///
    /// # Errors
    ///
    /// Any [`Error`] of [`Client::execute`].
    pub async fn retrieve(&self, id: &str) -> Result<FormDetectionRun, Error> {
        self.routes.retrieve(id, Vec::new()).await
    }
}

#[async_trait]
impl<T: Transport + ?Sized + 'static> RunResource for FormDetectionRuns<T> {
    type Run = FormDetectionRun;
    type Create = FormDetectionRunCreate;

    async fn create(&self, request: &FormDetectionRunCreate) -> Result<FormDetectionRun, Error> {
        FormDetectionRuns::create(self, request).await
    }

    async fn retrieve(&self, id: &str) -> Result<FormDetectionRun, Error> {
        FormDetectionRuns::retrieve(self, id).await
    }
}
