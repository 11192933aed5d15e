//! A started emulator and how it stops.

use std::net::SocketAddr;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// A running emulator. Dropping it stops the server and every run task;
/// [`shutdown`](Self::shutdown) also waits until the server has stopped.
#[derive(Debug)]
pub struct RunningEmulator {
    addr: SocketAddr,
    base_url: String,
    shutdown: CancellationToken,
    server: Option<JoinHandle<()>>,
}

impl RunningEmulator {
    pub(crate) fn new(
        addr: SocketAddr,
        base_url: String,
        shutdown: CancellationToken,
        server: JoinHandle<()>,
    ) -> Self {
        RunningEmulator {
            addr,
            base_url,
            shutdown,
            server: Some(server),
        }
    }

    /// Returns the base URL to give a client, such as `http://127.0.0.1:40123`
    /// (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Returns the address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting connections, ends the run tasks, and waits until the
    /// open connections have finished their current request.
    pub async fn shutdown(mut self) {
        self.shutdown.cancel();
        if let Some(server) = self.server.take() {
            if let Err(error) = server.await {
                tracing::warn!(%error, "emulator server task ended abnormally");
            }
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}
