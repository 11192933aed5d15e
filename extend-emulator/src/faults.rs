//! Fault injection: seeded, per-route rates of rate limits, server errors,
//! slow responses and dropped connections, for testing clients' retries.
//!
//! Faults are decided in the request middleware before the handler runs, so
//! a request that gets a 429, a 5xx or a dropped connection has created,
//! changed or deleted nothing: a run is never lost and never created twice
//! because of an injected fault. A slow response waits first and then runs
//! the handler normally.

use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// What an injected fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// HTTP 429 `RATE_LIMIT_EXCEEDED` with `Retry-After: <seconds>`.
    RateLimit {
        /// Value of the `Retry-After` header, in seconds.
        retry_after_seconds: u64,
    },
    /// HTTP 500, 502 or 503 with a retryable `INTERNAL_ERROR` body.
    ServerError {
        /// The status code: 500, 502 or 503.
        status: u16,
    },
    /// Waits this long, then serves the request normally.
    Slow(Duration),
    /// Closes the connection without sending a response.
    DropConnection,
}

/// One fault rule: a kind, the fraction of matching requests it hits, and
/// an optional route filter.
///
/// ```
/// use extend_emulator::{Fault, FaultKind};
///
/// let fault: Fault = "503:0.25:POST /extract_runs".parse()?;
/// assert_eq!(fault, Fault::new(FaultKind::ServerError { status: 503 }, 0.25).route("POST /extract_runs"));
/// # Ok::<(), extend_emulator::FaultParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    kind: FaultKind,
    rate: f64,
    route: Option<String>,
}

impl Fault {
    /// A fault of `kind` for a fraction `rate` (0.0 to 1.0) of every request.
    /// The builder rejects a rate outside that range when it starts.
    pub fn new(kind: FaultKind, rate: f64) -> Self {
        Fault {
            kind,
            rate,
            route: None,
        }
    }

    /// Limits the fault to requests whose path starts with `route`, or, when
    /// `route` starts with a method and a space (`POST /extract_runs`), to
    /// that method and path prefix.
    pub fn route(mut self, route: impl Into<String>) -> Self {
        self.route = Some(route.into());
        self
    }

    /// The fault's kind.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }

    /// The fraction of matching requests the fault hits.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// Returns why the fault is invalid, if it is.
    pub(crate) fn problem(&self) -> Option<String> {
        if !(0.0..=1.0).contains(&self.rate) {
            return Some(format!(
                "rate {} is outside 0.0 to 1.0; pass a fraction such as 0.1",
                self.rate
            ));
        }
        if let FaultKind::ServerError { status } = self.kind {
            if !matches!(status, 500 | 502 | 503) {
                return Some(format!(
                    "server error status {status} is not injectable; use 500, 502 or 503"
                ));
            }
        }
        None
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let Some(route) = &self.route else {
            return true;
        };
        match route.split_once(' ') {
            Some((route_method, prefix)) => {
                route_method.eq_ignore_ascii_case(method) && path.starts_with(prefix)
            }
            None => path.starts_with(route.as_str()),
        }
    }
}

/// The error of parsing a fault from text such as `503:0.25:/extract_runs`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("invalid fault {text:?}: {reason}; expected KIND:RATE[:ROUTE] with KIND 429, 500, 502, 503, drop or slow-<millis>, such as 503:0.1:/extract_runs")]
pub struct FaultParseError {
    /// The rejected text.
    pub text: String,
    /// What is wrong with it.
    pub reason: String,
}

impl FromStr for Fault {
    type Err = FaultParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let failure = |reason: &str| FaultParseError {
            text: text.to_owned(),
            reason: reason.to_owned(),
        };
        let mut parts = text.splitn(3, ':');
        let kind = parts.next().unwrap_or_default().trim();
        let rate = parts
            .next()
            .ok_or_else(|| failure("the rate is missing"))?
            .trim();
        let route = parts
            .next()
            .map(str::trim)
            .filter(|route| !route.is_empty());

        let kind = match kind {
            "429" => FaultKind::RateLimit {
                retry_after_seconds: 1,
            },
            "500" | "502" | "503" => FaultKind::ServerError {
                status: kind.parse().map_err(|_| failure("bad status"))?,
            },
            "drop" => FaultKind::DropConnection,
            slow if slow.starts_with("slow-") => {
                let millis: u64 = slow["slow-".len()..]
                    .parse()
                    .map_err(|_| failure("slow-<millis> needs a whole number of milliseconds"))?;
                FaultKind::Slow(Duration::from_millis(millis))
            }
            _ => return Err(failure("unknown kind")),
        };
        let rate: f64 = rate
            .parse()
            .map_err(|_| failure("the rate is not a number"))?;

        let mut fault = Fault::new(kind, rate);
        if let Some(route) = route {
            fault = fault.route(route);
        }
        match fault.problem() {
            Some(problem) => Err(failure(&problem)),
            None => Ok(fault),
        }
    }
}

/// Decides, with a seeded random source, which fault hits a request.
pub(crate) struct FaultInjector {
    faults: Vec<Fault>,
    random: Mutex<StdRng>,
}

impl FaultInjector {
    /// An injector for `faults` whose draws are reproducible from `seed`.
    pub(crate) fn new(faults: Vec<Fault>, seed: u64) -> Self {
        FaultInjector {
            faults,
            random: Mutex::new(StdRng::seed_from_u64(seed)),
        }
    }

    /// Returns the fault for a request, or `None`. Rules are tried in order,
    /// each with its own draw, and the first hit wins.
    pub(crate) fn pick(&self, method: &str, path: &str) -> Option<FaultKind> {
        if self.faults.is_empty() {
            return None;
        }
        let mut random = self.random.lock().unwrap_or_else(PoisonError::into_inner);
        for fault in &self.faults {
            if fault.matches(method, path) && random.random_bool(fault.rate) {
                return Some(fault.kind.clone());
            }
        }
        None
    }
}

impl fmt::Debug for FaultInjector {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("FaultInjector")
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parse_cases() {
        let cases = [
            (
                "429:1",
                Some(FaultKind::RateLimit {
                    retry_after_seconds: 1,
                }),
            ),
            ("502:0.5", Some(FaultKind::ServerError { status: 502 })),
            ("drop:0.1:/files", Some(FaultKind::DropConnection)),
            (
                "slow-250:1",
                Some(FaultKind::Slow(Duration::from_millis(250))),
            ),
            ("504:1", None),
            ("503", None),
            ("503:2", None),
            ("slow-x:1", None),
            ("teapot:1", None),
        ];
        for (text, expected) in cases {
            let parsed = text.parse::<Fault>().ok().map(|fault| fault.kind);
            assert_eq!(parsed, expected, "{text}");
        }
    }

    #[test]
    fn route_with_method() {
        let fault = Fault::new(FaultKind::DropConnection, 1.0).route("POST /extract_runs");

        assert!(fault.matches("POST", "/extract_runs"));
        assert!(!fault.matches("GET", "/extract_runs/exr_1"));
        assert!(!fault.matches("POST", "/parse_runs"));
    }

    #[test]
    fn same_seed_same_draws() {
        let draws = |seed| {
            let injector =
                FaultInjector::new(vec![Fault::new(FaultKind::DropConnection, 0.5)], seed);
            (0..64)
                .map(|_| injector.pick("GET", "/files").is_some())
                .collect::<Vec<_>>()
        };

        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
    }

    proptest! {
        #[test]
        fn rate_bounds_hold(seed: u64) {
            let never = FaultInjector::new(vec![Fault::new(FaultKind::DropConnection, 0.0)], seed);
            let always = FaultInjector::new(vec![Fault::new(FaultKind::DropConnection, 1.0)], seed);
            prop_assert!(never.pick("GET", "/").is_none());
            prop_assert!(always.pick("GET", "/").is_some());
        }
    }
}
