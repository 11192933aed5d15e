//! The wall clock the time window is measured against, injectable for tests.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current time in unix seconds.
///
/// The verifier reads time only through this trait, so tests can pin it.
/// Any `Fn() -> u64 + Send + Sync` closure is a clock.
pub trait Clock: Send + Sync {
    /// Returns the current time as whole seconds since 1970-01-01T00:00:00Z.
    fn now_unix_seconds(&self) -> u64;
}

impl<F> Clock for F
where
    F: Fn() -> u64 + Send + Sync,
{
    fn now_unix_seconds(&self) -> u64 {
        self()
    }
}

/// The system wall clock ([`SystemTime::now`]), the default.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix_seconds(&self) -> u64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(elapsed) => elapsed.as_secs(),
            Err(error) => {
                tracing::warn!(%error, "system clock is before 1970; using 0 as the current unix time");
                0
            }
        }
    }
}

/// A clock that stays at the time it was given until [`FixedClock::set`].
///
/// ```
/// use extend_webhooks::{Clock, FixedClock};
///
/// let clock = FixedClock::new(1_700_000_000);
/// clock.set(1_700_000_060);
/// assert_eq!(clock.now_unix_seconds(), 1_700_000_060);
/// ```
#[derive(Default)]
pub struct FixedClock(AtomicU64);

impl FixedClock {
    /// Creates a clock that reads `unix_seconds`.
    pub fn new(unix_seconds: u64) -> Self {
        FixedClock(AtomicU64::new(unix_seconds))
    }

    /// Moves the clock to `unix_seconds`.
    pub fn set(&self, unix_seconds: u64) {
        self.0.store(unix_seconds, Ordering::Relaxed);
    }
}

impl Clock for FixedClock {
    fn now_unix_seconds(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl fmt::Debug for FixedClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FixedClock")
            .field(&self.now_unix_seconds())
            .finish()
    }
}
