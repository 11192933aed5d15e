//! Configuring and starting an emulator.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::config::Config;
use crate::error::EmulatorError;
use crate::routes::router;
use crate::running::RunningEmulator;
use crate::state::AppState;

/// Entry point: `Emulator::builder()`.
///
/// ```
/// use extend_emulator::Emulator;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), extend_emulator::EmulatorError> {
/// let emulator = Emulator::builder()
///     .speed(50.0)
///     .api_key(Some("sk_local"))
///     .port(0)
///     .start()
///     .await?;
/// assert!(emulator.base_url().starts_with("http://127.0.0.1:"));
/// emulator.shutdown().await;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Emulator;

impl Emulator {
    /// Returns a builder with the defaults: speed 1.0, any non-empty API
    /// key, `127.0.0.1` on a port the operating system picks.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }
}

/// Settings of an emulator before it starts.
#[derive(Clone)]
pub struct EmulatorBuilder {
    speed: f64,
    api_key: Option<String>,
    addr: SocketAddr,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            speed: 1.0,
            api_key: None,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        }
    }
}

impl fmt::Debug for EmulatorBuilder {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("EmulatorBuilder")
            .field("speed", &self.speed)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("addr", &self.addr)
            .finish()
    }
}

impl EmulatorBuilder {
    /// Sets the processing-time factor: 2.0 processes runs twice as fast as
    /// 1.0, and tests use values such as 50.0. It must be finite and
    /// greater than 0, which [`start`](Self::start) checks.
    pub fn speed(mut self, speed: f64) -> Self {
        self.speed = speed;
        self
    }

    /// Sets the API key: with `Some(key)` only `Authorization: Bearer key`
    /// is accepted; with `None` any non-empty key is.
    pub fn api_key<K: Into<String>>(mut self, api_key: Option<K>) -> Self {
        self.api_key = api_key.map(Into::into);
        self
    }

    /// Listens on `127.0.0.1:port`; port 0 lets the operating system pick.
    pub fn port(mut self, port: u16) -> Self {
        self.addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        self
    }

    /// Listens on `addr`.
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Binds the socket and spawns the server on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// [`EmulatorError::InvalidSpeed`] for a speed that is not finite and
    /// greater than 0, [`EmulatorError::EmptyApiKey`] for `Some("")`, and
    /// [`EmulatorError::Bind`] when the address cannot be bound.
    ///
    /// # Panics
    ///
    /// Panics when called outside a tokio runtime, as `tokio::spawn` does.
    pub async fn start(self) -> Result<RunningEmulator, EmulatorError> {
        if !self.speed.is_finite() || self.speed <= 0.0 {
            return Err(EmulatorError::InvalidSpeed { speed: self.speed });
        }
        if self.api_key.as_deref().is_some_and(str::is_empty) {
            return Err(EmulatorError::EmptyApiKey);
        }

        let bind_error = |source| EmulatorError::Bind {
            addr: self.addr,
            source,
        };
        let listener = TcpListener::bind(self.addr).await.map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let base_url = format!("http://{addr}");

        let shutdown = CancellationToken::new();
        let config = Config {
            speed: self.speed,
            api_key: self.api_key,
        };
        let state = Arc::new(AppState::new(config, shutdown.clone()));
        let app = router(state);

        let stop_signal = shutdown.clone().cancelled_owned();
        let server = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(stop_signal)
                .await;
            match served {
                Ok(()) => info!(%addr, "emulator stopped"),
                Err(error) => warn!(%addr, %error, "emulator server failed"),
            }
        });
        info!(%base_url, speed = self.speed, "emulator started");

        Ok(RunningEmulator::new(addr, base_url, shutdown, server))
    }
}
