//! The HTTP router: one module per API resource, merged here behind the
//! shared middleware.

mod batch_runs;
mod extractors;
mod files;
mod input;
mod listing;
mod run_spec;
mod runs;
mod signed;
mod webhook_endpoints;
mod webhook_subscriptions;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;

use crate::middleware::api_middleware;
use crate::state::AppState;

/// Largest request body accepted, so real documents upload: 512 MiB.
pub(crate) const MAX_BODY_BYTES: usize = 512 * 1024 * 1024;

/// Builds the router of every emulated route.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(files::routes())
        .merge(runs::routes())
        .merge(batch_runs::routes())
        .merge(webhook_endpoints::routes())
        .merge(webhook_subscriptions::routes())
        .merge(signed::routes())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            api_middleware,
        ))
        .with_state(state)
}
