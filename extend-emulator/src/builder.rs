//! Configuring and starting an emulator.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::config::Config;
use crate::error::EmulatorError;
use crate::faults::{Fault, FaultInjector};
use crate::routes::router;
use crate::running::RunningEmulator;
use crate::state::AppState;
use crate::webhooks::{spawn_dispatcher, DEFAULT_RETRY_DELAYS};

/// How long a synchronous request waits for its run by default: the API's
/// documented limit of 5 minutes.
pub const DEFAULT_SYNC_TIMEOUT: Duration = Duration::from_secs(300);

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
    /// key, `127.0.0.1` on a port the operating system picks, a 5-minute
    /// synchronous timeout, five webhook retries and no faults.
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
    sync_timeout: Duration,
    webhook_retry_delays: Vec<Duration>,
    faults: Vec<Fault>,
    fault_seed: u64,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            speed: 1.0,
            api_key: None,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            sync_timeout: DEFAULT_SYNC_TIMEOUT,
            webhook_retry_delays: DEFAULT_RETRY_DELAYS.to_vec(),
            faults: Vec::new(),
            fault_seed: 0,
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
            .field("sync_timeout", &self.sync_timeout)
            .field("webhook_retry_delays", &self.webhook_retry_delays)
            .field("faults", &self.faults)
            .field("fault_seed", &self.fault_seed)
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

    /// Sets how long `POST /extract` and the other synchronous routes wait
    /// for their run before they fail with 504 `TIMEOUT` (default 5
    /// minutes, the API's limit). It is not divided by the speed.
    pub fn sync_timeout(mut self, timeout: Duration) -> Self {
        self.sync_timeout = timeout;
        self
    }

    /// Sets the waits before each retry of a failed webhook delivery, at
    /// speed 1.0 (they are divided by the speed). The number of delays is
    /// the number of retries; an empty list delivers once.
    pub fn webhook_retry_delays(mut self, delays: impl IntoIterator<Item = Duration>) -> Self {
        self.webhook_retry_delays = delays.into_iter().collect();
        self
    }

    /// Adds a fault rule. Rules are tried in the order added; see [`Fault`].
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Seeds the random source of fault rules, so a test sees the same
    /// faults on every run (default 0).
    pub fn fault_seed(mut self, seed: u64) -> Self {
        self.fault_seed = seed;
        self
    }

    /// Binds the socket and spawns the server on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// [`EmulatorError::InvalidSpeed`] for a speed that is not finite and
    /// greater than 0, [`EmulatorError::EmptyApiKey`] for `Some("")`,
    /// [`EmulatorError::InvalidFault`] for a fault rate outside 0 to 1 or a
    /// status other than 500, 502 and 503, and [`EmulatorError::Bind`] when
    /// the address cannot be bound.
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

        if let Some((index, problem)) = self
            .faults
            .iter()
            .enumerate()
            .find_map(|(index, fault)| fault.problem().map(|problem| (index, problem)))
        {
            return Err(EmulatorError::InvalidFault { index, problem });
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
            sync_timeout: self.sync_timeout,
            webhook_retry_delays: self.webhook_retry_delays,
            faults: FaultInjector::new(self.faults, self.fault_seed),
        };
        let (events, event_receiver) = tokio::sync::mpsc::unbounded_channel();
        let state = Arc::new(AppState::new(
            config,
            base_url.clone(),
            events,
            shutdown.clone(),
        ));
        spawn_dispatcher(Arc::clone(&state), event_receiver);
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
