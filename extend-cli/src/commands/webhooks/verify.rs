//! `extend webhooks verify`.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;
use extend_webhooks::{WebhookError, SIGNATURE_HEADER, TIMESTAMP_HEADER};

use super::SecretArgs;
use crate::commands::Context;
use crate::error::{exit_code, CliError};

/// Arguments of `webhooks verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    #[command(flatten)]
    pub(crate) secret: SecretArgs,

    /// Value of the x-extend-request-timestamp header (unix seconds).
    #[arg(long)]
    pub(crate) timestamp: String,

    /// Value of the x-extend-request-signature header; repeat it for several values.
    #[arg(long, required = true)]
    pub(crate) signature: Vec<String>,

    /// File with the raw request body (default: read stdin).
    #[arg(long, value_name = "FILE")]
    pub(crate) body_file: Option<PathBuf>,
}

/// Verifies the delivery and prints its event; exits 1 when it is rejected.
pub(crate) fn verify(context: &Context<'_>, args: &VerifyArgs) -> Result<u8, CliError> {
    let verifier = args.secret.verifier()?;
    let body = read_body(args)?;

    let mut headers = vec![(TIMESTAMP_HEADER, args.timestamp.as_str())];
    for signature in &args.signature {
        headers.push((SIGNATURE_HEADER, signature.as_str()));
    }
    // Parsing and decoding only check that the body is an event of its
    // type. The delivery is printed as it was sent.
    let event = verifier
        .verify_and_parse(headers, &body)
        .map_err(name_flags)?;
    event.check_payload().map_err(WebhookError::from)?;
    context.output.object(&super::delivery_json(&body)?)?;
    Ok(exit_code::SUCCESS)
}

/// Turns a malformed header error into a usage error that names the flag
/// the value came from.
fn name_flags(error: WebhookError) -> CliError {
    match error {
        WebhookError::MalformedTimestamp { value, reason } => CliError::Input(format!(
            "--timestamp {value:?}: {reason}; pass the x-extend-request-timestamp header value, \
             unix seconds in decimal digits"
        )),
        WebhookError::MalformedSignatureHeader { reason } => CliError::Input(format!(
            "--signature: {reason}; pass the x-extend-request-signature header value"
        )),
        other => CliError::Webhook(other),
    }
}

/// Reads the body as raw bytes, because the signature covers them exactly.
fn read_body(args: &VerifyArgs) -> Result<Vec<u8>, CliError> {
    match &args.body_file {
        Some(path) => std::fs::read(path).map_err(|err| {
            CliError::Input(format!(
                "--body-file {}: cannot read the file ({err}); pass the file with the raw body",
                path.display()
            ))
        }),
        None => {
            let mut body = Vec::new();
            std::io::stdin().read_to_end(&mut body).map_err(|err| {
                CliError::Input(format!(
                    "cannot read the body from stdin ({err}); pass --body-file"
                ))
            })?;
            Ok(body)
        }
    }
}
