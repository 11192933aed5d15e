//! The middleware every request passes through: a request id, injected
//! faults, the authentication and API version checks, and the JSON body of
//! every error response.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use extend_core::REQUEST_ID_HEADER;
use tracing::{debug, info, warn, Instrument};

use crate::api_error::ApiFailure;
use crate::config::Config;
use crate::faults::FaultKind;
use crate::ids::new_id;
use crate::routes::MAX_BODY_BYTES;
use crate::state::AppState;

/// Header that names the API version of a request.
pub(crate) const API_VERSION_HEADER: &str = "x-extend-api-version";

/// The API version the emulator models, suggested in error messages.
pub(crate) const API_VERSION: &str = "2026-02-09";

/// Checks the request headers, runs the handler, and finishes the response.
pub(crate) async fn api_middleware(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let request_id = new_id("req");
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let span = tracing::debug_span!("request", %request_id, %method, %path);

    async move {
        let fault = state.config.faults.pick(&method, &path);
        let response = match &fault {
            Some(fault) => match inject(fault).await {
                Some(response) => {
                    discard_body(request).await;
                    response
                }
                None => serve(&state.config, request, next).await,
            },
            None => serve(&state.config, request, next).await,
        };
        let mut response = finish_response(response, &request_id, &method, &path);
        if let Some(FaultKind::RateLimit {
            retry_after_seconds,
        }) = fault
        {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        response
    }
    .instrument(span)
    .await
}

/// Path prefix of presigned URLs, which are fetched without API credentials.
const SIGNED_URL_PREFIX: &str = "/signed/";

async fn serve(config: &Config, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with(SIGNED_URL_PREFIX) {
        return next.run(request).await;
    }
    match check_headers(config, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(failure) => {
            discard_body(request).await;
            failure.into_response()
        }
    }
}

/// Reads and drops the body of a request that gets an error before its
/// handler runs. Otherwise the connection closes with the body unread, and
/// a client still sending an upload can get a reset connection in place of
/// the error response. A proxy in front of an API that buffers requests
/// behaves the same way.
async fn discard_body(request: Request) {
    if let Err(error) = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES).await {
        debug!(%error, "request body not read to its end before the error response");
    }
}

/// Applies an injected fault before the handler runs, so the request
/// changes nothing. Returns the error response, or `None` when the request
/// goes on to its handler (a slow response, after its wait).
async fn inject(fault: &FaultKind) -> Option<Response> {
    match fault {
        FaultKind::RateLimit { .. } => {
            info!("injecting a 429 rate limit");
            Some(ApiFailure::rate_limited().into_response())
        }
        FaultKind::ServerError { status } => {
            info!(status, "injecting a server error");
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            Some(ApiFailure::injected_server_error(status).into_response())
        }
        FaultKind::Slow(delay) => {
            info!(?delay, "injecting a slow response");
            tokio::time::sleep(*delay).await;
            None
        }
        FaultKind::DropConnection => {
            info!("injecting a dropped connection");
            // Unwinding ends the connection task, so hyper closes the socket
            // without a response. `resume_unwind` skips the panic hook, so
            // no panic message is printed.
            std::panic::resume_unwind(Box::new("injected dropped connection"))
        }
    }
}

/// Checks `Authorization: Bearer <key>` and the API version header.
fn check_headers(config: &Config, headers: &HeaderMap) -> Result<(), ApiFailure> {
    let key = bearer_key(headers)?;
    if let Some(expected) = &config.api_key {
        if key != expected {
            return Err(ApiFailure::unauthorized(
                "the API key is not valid for this emulator; send the key it was started with",
            ));
        }
    }

    let version = headers
        .get(API_VERSION_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if version.is_empty() {
        return Err(ApiFailure::invalid_request(format!(
            "missing header {API_VERSION_HEADER}; send {API_VERSION_HEADER}: {API_VERSION}"
        )));
    }
    Ok(())
}

fn bearer_key(headers: &HeaderMap) -> Result<&str, ApiFailure> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Err(ApiFailure::unauthorized(
            "missing Authorization header; send Authorization: Bearer <api key>",
        ));
    };
    let key = value
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() {
        return Err(ApiFailure::unauthorized(
            "invalid Authorization header; send Authorization: Bearer <api key> with a non-empty key",
        ));
    }
    Ok(key)
}

/// Adds the request id header and, on an error status, the JSON error body.
fn finish_response(mut response: Response, request_id: &str, method: &str, path: &str) -> Response {
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        let failure = response
            .extensions()
            .get::<ApiFailure>()
            .cloned()
            .unwrap_or_else(|| ApiFailure::from_status(status, method, path));
        if status.is_server_error() {
            warn!(code = failure.code, message = %failure.message, "request failed");
        } else {
            debug!(code = failure.code, message = %failure.message, "request rejected");
        }
        response = error_response(&failure, request_id);
    } else {
        debug!(status = status.as_u16(), "request served");
    }

    if let Ok(value) = HeaderValue::from_str(request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

fn error_response(failure: &ApiFailure, request_id: &str) -> Response {
    // Serializing strings and a bool cannot fail, so the empty fallback body is never sent.
    let body = serde_json::to_vec(&failure.body(request_id)).unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = failure.status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
