//! Rust SDK for the Extend document-processing API (parse, extract,
//! classify, split, edit and workflow runs).
//!
//! One dependency, features to pick what you compile:
//!
//! ```no_run
//! use extend::{FileRef, ParseRunCreate, Poller, PollingOptions};
//!
//! # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let client = extend::client_from_env()?; // EXTEND_API_KEY, EXTEND_BASE_URL
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
#![cfg_attr(
    feature = "webhooks",
    doc = "| `webhooks` | no | [`webhooks`] (`extend-webhooks`): signature verification and typed events, with no HTTP client |"
)]
#![cfg_attr(
    not(feature = "webhooks"),
    doc = "| `webhooks` | no | `webhooks` (`extend-webhooks`): signature verification and typed events, with no HTTP client |"
)]
#![cfg_attr(
    feature = "blocking",
    doc = "| `blocking` | no | [`blocking`] (`extend-blocking`): the blocking facade |"
)]
#![cfg_attr(
    not(feature = "blocking"),
    doc = "| `blocking` | no | `blocking` (`extend-blocking`): the blocking facade |"
)]
#![cfg_attr(
    feature = "emulator",
    doc = "| `emulator` | no | [`emulator`] (`extend-emulator`): a local Extend-compatible server |"
)]
#![cfg_attr(
    not(feature = "emulator"),
    doc = "| `emulator` | no | `emulator` (`extend-emulator`): a local Extend-compatible server |"
)]
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

/// Environment variable that [`client_from_env`] reads for the base URL,
/// as the `extend` command-line tool does.
#[cfg(feature = "http")]
pub const BASE_URL_ENV: &str = "EXTEND_BASE_URL";

/// Builds a [`Client`] with the key in `EXTEND_API_KEY`, for the base URL in
/// `EXTEND_BASE_URL` when it is set and not empty, otherwise for
/// `https://api.extend.ai`.
///
/// Set `EXTEND_BASE_URL` to the URL that `extend emulator` prints to run
/// the same program against a local emulator.
///
/// # Errors
///
/// Returns [`http::BuildError`] when `EXTEND_API_KEY` is unset or empty, or
/// when `EXTEND_BASE_URL` is not an absolute http or https URL.
#[cfg(feature = "http")]
pub fn client_from_env() -> Result<Client, extend_http::BuildError> {
    client_with_env(|name| std::env::var(name).ok())
}

/// [`client_from_env`] with `lookup` in place of the process environment.
#[cfg(feature = "http")]
fn client_with_env(
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Client, extend_http::BuildError> {
    let key = lookup(extend_http::API_KEY_ENV)
        .map(|key| key.trim().to_owned())
        .filter(|key| !key.is_empty())
        .ok_or(extend_http::BuildError::MissingApiKey)?;
    let mut builder = extend_http::HttpTransport::builder().api_key(key);
    let base_url = lookup(BASE_URL_ENV).filter(|url| !url.trim().is_empty());
    if let Some(base_url) = base_url {
        builder = builder.base_url(base_url);
    }
    Ok(extend_core::Client::new(builder.build()?))
}

#[cfg(all(test, feature = "http"))]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn base_url_from_env() {
        let client = client_with_env(env(&[
            ("EXTEND_API_KEY", "sk_test"),
            ("EXTEND_BASE_URL", "http://127.0.0.1:8080"),
        ]))
        .expect("client");
        assert_eq!(client.transport().base_url(), "http://127.0.0.1:8080");
    }

    #[test]
    fn production_without_base_url() {
        for pairs in [
            &[("EXTEND_API_KEY", "sk_test")][..],
            &[("EXTEND_API_KEY", "sk_test"), ("EXTEND_BASE_URL", " ")][..],
        ] {
            let client = client_with_env(env(pairs)).expect("client");
            assert_eq!(client.transport().base_url(), "https://api.extend.ai");
        }
    }

    #[test]
    fn missing_key_named() {
        for pairs in [
            &[("EXTEND_BASE_URL", "http://127.0.0.1:8080")][..],
            &[("EXTEND_API_KEY", "  ")][..],
        ] {
            let error = client_with_env(env(pairs)).expect_err("no key");
            assert!(matches!(error, extend_http::BuildError::MissingApiKey));
            assert!(error.to_string().contains("EXTEND_API_KEY"), "{error}");
        }
    }

    #[test]
    fn bad_base_url_named() {
        let error = client_with_env(env(&[
            ("EXTEND_API_KEY", "sk_test"),
            ("EXTEND_BASE_URL", "ftp://127.0.0.1"),
        ]))
        .expect_err("ftp is not http");
        assert!(error.to_string().contains("ftp://127.0.0.1"), "{error}");
    }
}

/// The Rust blocks of the repository's README, compiled and run as doctests
/// so the README cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
