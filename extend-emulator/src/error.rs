//! The error of starting an emulator.

use std::net::SocketAddr;

/// The reasons an emulator fails to start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmulatorError {
    /// The speed factor is zero, negative, NaN or infinite.
    #[error(
        "invalid emulator speed {speed}: pass a finite factor greater than 0, such as 1.0 or 50.0"
    )]
    InvalidSpeed {
        /// The rejected value.
        speed: f64,
    },
    /// `api_key(Some(""))` was given; an empty key can never be sent as a Bearer token.
    #[error("invalid emulator API key: the key is empty; pass a non-empty key, or None to accept any key")]
    EmptyApiKey,
    /// A fault rule is invalid.
    #[error("invalid fault rule #{index}: {problem}")]
    InvalidFault {
        /// Position of the rule in the order it was added, from 0.
        index: usize,
        /// What is wrong with it and how to fix it.
        problem: String,
    },
    /// The listening socket could not be bound.
    #[error("failed to bind the emulator to {addr}: {source}; pick another port or use port 0")]
    Bind {
        /// The address that was requested.
        addr: SocketAddr,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}
