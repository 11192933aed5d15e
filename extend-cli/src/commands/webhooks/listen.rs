//! `extend webhooks listen`: a local receiver that verifies each delivery.
//!
//! Each verified event is printed on stdout as one line of compact JSON
//! (JSON Lines), whatever the `--output` format, so the output can be piped
//! while deliveries arrive. Deliveries are accepted on any path.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::Router;
use clap::Args;
use extend_webhooks::{Verifier, WebhookError};
use tokio::sync::Notify;

use super::SecretArgs;
use crate::commands::Context;
use crate::error::{exit_code, CliError};

/// Arguments of `webhooks listen`.
#[derive(Debug, Args)]
pub(crate) struct ListenArgs {
    #[command(flatten)]
    pub(crate) secret: SecretArgs,

    /// Port on 127.0.0.1 to listen on; 0 picks a free port.
    #[arg(long, default_value_t = 0)]
    pub(crate) port: u16,

    /// Stop after this many verified deliveries (default: run until Ctrl-C).
    #[arg(long, value_name = "N")]
    pub(crate) max_events: Option<u64>,
}

/// State shared by every delivery handler.
struct Receiver {
    verifier: Verifier,
    max_events: Option<u64>,
    received: AtomicU64,
    done: Notify,
}

/// Serves until Ctrl-C or until `--max-events` deliveries were verified.
pub(crate) async fn listen(_context: &Context<'_>, args: &ListenArgs) -> Result<u8, CliError> {
    let receiver = Arc::new(Receiver {
        verifier: args.secret.verifier()?,
        max_events: args.max_events,
        received: AtomicU64::new(0),
        done: Notify::new(),
    });
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|err| {
            CliError::Output(format!(
                "could not listen on {address}: {err}; pick another --port"
            ))
        })?;
    let local = listener
        .local_addr()
        .map_err(|err| CliError::Output(format!("could not read the listening address: {err}")))?;
    tracing::info!(%local, "webhook receiver started");
    eprintln_best_effort(&format!(
        "listening for webhook deliveries on http://{local}/"
    ));

    // axum's default body limit is 2 MiB, but deliveries may be as large as
    // the verifier's limit (10 MiB by default).
    let body_limit = DefaultBodyLimit::max(receiver.verifier.max_body_bytes());
    let app = Router::new()
        .fallback(receive)
        .layer(body_limit)
        .with_state(Arc::clone(&receiver));
    let stop = async move {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = receiver.done.notified() => {}
        }
    };
    axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
        .map_err(|err| CliError::Output(format!("the webhook receiver failed: {err}")))?;
    Ok(exit_code::SUCCESS)
}

/// Verifies one delivery: 200 and a line on stdout when it passes. A
/// rejection gets 401 when the signature or time window fails, 413 for a
/// body over the verifier's limit and 400 for a body that is not an event of
/// its type, with the reason on stderr.
async fn receive(
    State(receiver): State<Arc<Receiver>>,
    method: Method,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> (StatusCode, String) {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            // Name the verifier's limit as the library does, in place of
            // axum's text.
            let reason = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                let limit_bytes = receiver.verifier.max_body_bytes();
                WebhookError::BodyTooLarge { limit_bytes }.to_string()
            } else {
                rejection.body_text()
            };
            tracing::debug!(%reason, "webhook delivery rejected before verification");
            eprintln_best_effort(&format!("rejected a delivery: {reason}"));
            return (rejection.status(), format!("{reason}\n"));
        }
    };
    if method != Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            "send deliveries with POST\n".to_owned(),
        );
    }
    let pairs = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()));
    // A payload that does not decode into its type is rejected too, as a
    // delivery this tool cannot show as its event.
    let checked = receiver
        .verifier
        .verify_and_parse(pairs, &body)
        .and_then(|event| Ok(event.check_payload()?));
    if let Err(error) = checked {
        // One line on stderr per rejection; the log event is for -v only,
        // so the rejection is not reported twice.
        tracing::debug!(code = error.code(), %error, "webhook delivery rejected");
        eprintln_best_effort(&format!("rejected a delivery: {error}"));
        let status = if error.is_authentication_failure() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::BAD_REQUEST
        };
        return (status, format!("{error}\n"));
    }

    if let Err(error) = print_line(&body) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader of stdout is gone (`... | head -1`), so no later
            // event can be printed either: stop quietly with exit code 0.
            tracing::debug!("stdout closed by its reader; stopping the receiver");
            receiver.done.notify_one();
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "the receiver stopped because its output was closed\n".to_owned(),
            );
        }
        tracing::warn!(%error, "could not print a verified event");
        return (StatusCode::INTERNAL_SERVER_ERROR, format!("{error}\n"));
    }
    let received = receiver.received.fetch_add(1, Ordering::SeqCst) + 1;
    if receiver.max_events.is_some_and(|max| received >= max) {
        receiver.done.notify_one();
    }
    (StatusCode::OK, "ok\n".to_owned())
}

/// Prints the delivery body, as sent, on one line of compact JSON.
fn print_line(body: &[u8]) -> std::io::Result<()> {
    let event = super::delivery_json(body)
        .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidData, err.to_string()))?;
    let line = serde_json::to_string(&event)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}").and_then(|()| stdout.flush())
}

/// Status lines are best effort: a closed stderr must not stop the receiver.
fn eprintln_best_effort(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}
