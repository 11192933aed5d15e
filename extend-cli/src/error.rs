//! Errors of the CLI and the exit codes they map to.

use extend_core::Outcome;

/// Exit codes, documented in the README.
pub(crate) mod exit_code {
    /// `PROCESSED` or `NEEDS_REVIEW`.
    pub(crate) const SUCCESS: u8 = 0;
    /// Any other error: network, authentication, API.
    pub(crate) const ERROR: u8 = 1;
    /// Usage error: bad flags or bad input files.
    pub(crate) const USAGE: u8 = 2;
    /// The run ended `FAILED`.
    pub(crate) const FAILED: u8 = 3;
    /// The run ended `CANCELLED`.
    pub(crate) const CANCELLED: u8 = 4;
    /// The run ended `REJECTED`.
    pub(crate) const REJECTED: u8 = 5;
    /// Gave up waiting; the run is still in progress.
    pub(crate) const TIMED_OUT: u8 = 6;
    /// The run ended with a status this version does not know.
    pub(crate) const UNKNOWN_STATUS: u8 = 7;
}

/// Returns the exit code for a run's terminal outcome.
pub(crate) fn exit_code_for(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Processed | Outcome::NeedsReview => exit_code::SUCCESS,
        Outcome::Failed => exit_code::FAILED,
        Outcome::Cancelled => exit_code::CANCELLED,
        Outcome::Rejected => exit_code::REJECTED,
        _ => exit_code::UNKNOWN_STATUS,
    }
}

/// An error that ends the command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum CliError {
    /// A bad input file or flag value, found before anything was sent.
    #[error("{0}")]
    Input(String),
    /// Missing or invalid configuration, such as no API key.
    #[error("{0}")]
    Config(String),
    /// The API or the network failed.
    #[error("{}", api_message(.0))]
    Api(#[from] extend_core::Error),
    /// The wait reached --max-wait; the run goes on.
    #[error("{0}")]
    TimedOut(String),
    /// The local emulator could not start.
    #[error("could not start the local emulator: {0}")]
    Emulator(String),
    /// A webhook delivery failed verification.
    #[error("{0}")]
    Webhook(#[from] extend_webhooks::WebhookError),
    /// Writing the output or serving a local port failed.
    #[error("{0}")]
    Output(String),
    /// The reader of stdout went away (`EPIPE`), as with `extend ... | head -1`.
    #[error("stdout was closed by its reader")]
    StdoutClosed,
}

impl CliError {
    /// Returns the process exit code for this error.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Input(_) | CliError::Config(_) => exit_code::USAGE,
            CliError::TimedOut(_) => exit_code::TIMED_OUT,
            // The reader took what it wanted, as `head` does, so this is not
            // a failure and the exit code is 0. A tool killed by SIGPIPE would
            // exit 141, which scripts under `set -o pipefail` treat as an error.
            CliError::StdoutClosed => exit_code::SUCCESS,
            CliError::Api(_)
            | CliError::Emulator(_)
            | CliError::Webhook(_)
            | CliError::Output(_) => exit_code::ERROR,
        }
    }
}

/// Turns a failed write to stdout into an error. A closed pipe becomes
/// [`CliError::StdoutClosed`], which ends the command quietly.
pub(crate) fn stdout_write_error(error: std::io::Error) -> CliError {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        CliError::StdoutClosed
    } else {
        CliError::Output(format!("could not write to stdout: {error}"))
    }
}

/// Formats a library error, saying its status hint once. The library ends an
/// API error with a hint such as "; check the id" on a 404. When the server's
/// own message already contains that hint, the repeat is dropped.
fn api_message(error: &extend_core::Error) -> String {
    let text = error.to_string();
    if let Some((head, hint)) = text.rsplit_once("; ") {
        if head.contains(hint) {
            return head.to_owned();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_found(message: &str) -> extend_core::Error {
        let api = extend_core::ApiError {
            status: reqwest::StatusCode::NOT_FOUND,
            body: Some(extend_core::ApiErrorBody {
                code: "NOT_FOUND".to_owned(),
                message: message.to_owned(),
                retryable: false,
                request_id: None,
                doc_url: None,
            }),
            raw_body: None,
            request_id: None,
            attempts: 1,
        };
        extend_core::Error::from(api)
    }

    #[test]
    fn not_found_hint_once() {
        let error = CliError::Api(not_found("run \"exr_x\" not found; check the id"));
        let text = error.to_string();
        assert_eq!(text.matches("check the id").count(), 1, "{text}");
        assert!(text.contains("exr_x"), "{text}");
    }

    #[test]
    fn not_found_hint_kept_when_new() {
        let error = CliError::Api(not_found("no such run"));
        let text = error.to_string();
        assert!(text.ends_with("; check the id"), "{text}");
    }

    #[test]
    fn outcome_exit_codes() {
        assert_eq!(exit_code_for(Outcome::Processed), 0);
        assert_eq!(exit_code_for(Outcome::NeedsReview), 0);
        assert_eq!(exit_code_for(Outcome::Failed), 3);
        assert_eq!(exit_code_for(Outcome::Cancelled), 4);
        assert_eq!(exit_code_for(Outcome::Rejected), 5);
        assert_eq!(exit_code_for(Outcome::Unknown), 7);
    }
}
