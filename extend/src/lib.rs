//! Rust SDK for the Extend document-processing API (parse, extract,
//! classify, split, edit and workflow runs).
//!
//! One dependency, features to pick what you compile:
//!
//! ```no_run
//! use extend::{FileRef, ParseRunCreate, Poller, PollingOptions};
//!
//! # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let client = extend::client_from_env()?; // reads EXTEND_API_KEY
//! let file = client.files().upload(std::path::Path::new("invoice.pdf")).await?;
//! let request = ParseRunCreate::new(FileRef::id(file.id))?;
//! let run = Poller::new(PollingOptions::default())?
//!     .create_and_poll(&client.parse_runs(), &request)
//!     .await?;
//! println!("{} ended {}", run.id, run.status);
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! | Feature | Default | What it adds |
//! |---|---|---|
//! | `http` | yes | [`http`] (`extend-http`): the reqwest transport, [`Client`], [`client_from_env`] |
//! | `poll` | yes | [`poll`] (`extend-poll`): [`Poller`], [`PollingOptions`] |
//! | `rustls` | yes | TLS through rustls |
//! | `native-tls` | no | TLS through the platform's library |
//! | `webhooks` | no | [`webhooks`] (`extend-webhooks`): signature verification and typed events, with no HTTP client |
//! | `blocking` | no | [`blocking`] (`extend-blocking`): the blocking facade |
//! | `emulator` | no | [`emulator`] (`extend-emulator`): a local Extend-compatible server |
//!
//! The models, requests, [`Transport`] trait and the generic client of
//! `extend-core` are always available, at the root and as [`core`].

#![warn(missing_docs, unreachable_pub)]

pub use extend_core as core;
pub use extend_core::*;

#[cfg(feature = "http")]
pub use extend_http as http;

#[cfg(feature = "poll")]
pub use extend_poll as poll;
#[cfg(feature = "poll")]
pub use extend_poll::{PollError, Poller, PollingOptions};

#[cfg(feature = "webhooks")]
pub use extend_webhooks as webhooks;

#[cfg(feature = "blocking")]
pub use extend_blocking as blocking;

#[cfg(feature = "emulator")]
pub use extend_emulator as emulator;

/// The typed client on the production HTTP transport.
#[cfg(feature = "http")]
pub type Client = extend_core::Client<extend_http::HttpTransport>;

/// Builds a [`Client`] for `https://api.extend.ai` with the key in the
/// `EXTEND_API_KEY` environment variable.
///
/// # Errors
///
/// Returns [`http::BuildError`] when the variable is unset or empty.
#[cfg(feature = "http")]
pub fn client_from_env() -> Result<Client, extend_http::BuildError> {
    let transport = extend_http::HttpTransport::builder()
        .api_key_from_env()
        .build()?;
    Ok(extend_core::Client::new(transport))
}
