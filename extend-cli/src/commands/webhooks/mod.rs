//! `extend webhooks verify | listen`: check deliveries with the signing
//! secret of a webhook endpoint, using the time window of `extend-webhooks`
//! (a max age, 300 s by default, and at most 60 s in the future).

mod listen;
mod verify;

pub(crate) use listen::ListenArgs;
pub(crate) use verify::VerifyArgs;

use std::time::Duration;

use clap::{Args, Subcommand};
use extend_webhooks::{Verifier, WebhookError, DEFAULT_MAX_AGE_SECONDS};
use serde_json::Value;

use super::Context;
use crate::error::CliError;
use crate::secret::Secret;

/// The `webhooks` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum WebhooksCommand {
    /// Verify one delivery's signature and time window, then print its event.
    Verify(VerifyArgs),
    /// Receive deliveries on 127.0.0.1, verify each one and print its event.
    Listen(ListenArgs),
}

/// The signing secret and the time window, shared by both subcommands.
#[derive(Debug, Args)]
pub(crate) struct SecretArgs {
    /// Signing secret of the webhook endpoint; surrounding whitespace is
    /// trimmed. Prefer EXTEND_WEBHOOK_SECRET, because other users can read
    /// command-line arguments in the process list.
    #[arg(long, env = "EXTEND_WEBHOOK_SECRET", hide_env_values = true)]
    pub(crate) secret: Secret,

    /// Reject deliveries older than this many seconds; 0 turns the time window off.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_MAX_AGE_SECONDS)]
    pub(crate) max_age: u64,
}

impl SecretArgs {
    /// Builds the verifier. A rejected secret is a usage error whose message
    /// never shows the secret.
    fn verifier(&self) -> Result<Verifier, CliError> {
        Verifier::builder()
            .secret(self.secret.expose().trim())
            .max_age(Duration::from_secs(self.max_age))
            .allow_signed_url(true)
            .build()
            .map_err(|error| match error {
                WebhookError::InvalidSecret { reason } => {
                    CliError::Input(format!("--secret: {reason}"))
                }
                other => CliError::Webhook(other),
            })
    }
}

/// Runs a `webhooks` subcommand.
pub(crate) async fn webhooks(
    context: &Context<'_>,
    command: &WebhooksCommand,
) -> Result<u8, CliError> {
    match command {
        WebhooksCommand::Verify(args) => verify::verify(context, args),
        WebhooksCommand::Listen(args) => listen::listen(context, args).await,
    }
}

/// Parses a verified delivery body as JSON, keeping its fields, key order and
/// integers as sent. Other numbers print as serde_json reads them, so `1.50`
/// prints as `1.5`.
fn delivery_json(body: &[u8]) -> Result<Value, CliError> {
    serde_json::from_slice(body).map_err(|err| {
        CliError::Output(format!(
            "the verified delivery body is not JSON ({err}); it cannot be printed"
        ))
    })
}
