//! `GET /signed/{token}`: the emulator's stand-in for presigned URLs
//! (signed-URL webhook payloads, edited files). Like a presigned URL it
//! needs no API key; the random token is the only credential.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::api_error::ApiFailure;
use crate::state::AppState;

/// Returns the routes of this module.
pub(super) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/signed/{token}", get(fetch_signed))
}

async fn fetch_signed(
    State(state): State<Arc<AppState>>,
    Path(token): Path<String>,
) -> Result<Response, ApiFailure> {
    let bytes = state
        .signed_payloads
        .get(&token)
        .ok_or_else(|| ApiFailure::not_found("signed URL", &token))?;
    let content_type = if bytes.starts_with(b"{") {
        "application/json"
    } else {
        "application/octet-stream"
    };
    Ok(([(CONTENT_TYPE, content_type)], bytes).into_response())
}
