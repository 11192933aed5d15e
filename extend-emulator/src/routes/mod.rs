//! The HTTP router: one module per API resource, merged here behind the
//! shared middleware.

mod extract_runs;
mod extractors;
mod files;
mod input;
mod parse_runs;

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
        .merge(parse_runs::routes())
        .merge(extract_runs::routes())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            api_middleware,
        ))
        .with_state(state)
}
