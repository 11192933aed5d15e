//! Polling options: when to poll and when to give up.

use std::time::Duration;

/// Knobs of the hybrid polling schedule, with the defaults of the official
/// Extend SDKs (Python, TypeScript and Java `PollingOptions`).
///
/// Polls come every `fast_interval` for the first `fast_duration`, then back
/// off exponentially from `initial_delay` by `multiplier` up to `max_delay`.
/// Every delay is jittered by up to `jitter` (a fraction) either way.
///
/// ```
/// use std::time::Duration;
/// use extend_poll::PollingOptions;
///
/// let options = PollingOptions::default().max_wait(Duration::from_secs(600));
/// options.validate()?;
/// # Ok::<(), extend_poll::InvalidOptions>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PollingOptions {
    /// Overall limit on the wait; `None` waits until the run ends.
    pub max_wait: Option<Duration>,
    /// Length of the fast phase, measured from the start of the wait.
    pub fast_duration: Duration,
    /// Delay between polls during the fast phase.
    pub fast_interval: Duration,
    /// First delay of the backoff phase.
    pub initial_delay: Duration,
    /// Largest delay of the backoff phase, before jitter.
    pub max_delay: Duration,
    /// Growth factor of the backoff phase, at least 1.
    pub multiplier: f64,
    /// Jitter as a fraction of each delay, from 0 to 1 (0.25 means +/-25%).
    pub jitter: f64,
    /// How many consecutive transient errors (connection errors, 5xx, 429)
    /// a wait absorbs before it returns the error.
    pub error_budget: u32,
    /// Whether `create_and_poll` and `poll` send a cancel when the max wait
    /// passes, for run types with a cancel route. Off by default: the run
    /// goes on and the wait can be resumed.
    pub cancel_on_timeout: bool,
}

impl Default for PollingOptions {
    fn default() -> Self {
        PollingOptions {
            max_wait: None,
            fast_duration: Duration::from_secs(30),
            fast_interval: Duration::from_secs(1),
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            multiplier: 1.15,
            jitter: 0.25,
            error_budget: 5,
            cancel_on_timeout: false,
        }
    }
}

impl PollingOptions {
    /// Sets the overall limit on the wait.
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = Some(max_wait);
        self
    }

    /// Sets the length of the fast phase.
    pub fn fast_duration(mut self, fast_duration: Duration) -> Self {
        self.fast_duration = fast_duration;
        self
    }

    /// Sets the delay between polls of the fast phase.
    pub fn fast_interval(mut self, fast_interval: Duration) -> Self {
        self.fast_interval = fast_interval;
        self
    }

    /// Sets the first delay of the backoff phase.
    pub fn initial_delay(mut self, initial_delay: Duration) -> Self {
        self.initial_delay = initial_delay;
        self
    }

    /// Sets the largest delay of the backoff phase.
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// Sets the growth factor of the backoff phase.
    pub fn multiplier(mut self, multiplier: f64) -> Self {
        self.multiplier = multiplier;
        self
    }

    /// Sets the jitter fraction (0 turns jitter off).
    pub fn jitter(mut self, jitter: f64) -> Self {
        self.jitter = jitter;
        self
    }

    /// Sets how many consecutive transient errors a wait absorbs.
    pub fn error_budget(mut self, error_budget: u32) -> Self {
        self.error_budget = error_budget;
        self
    }

    /// Sets whether a timed-out wait cancels the run server-side.
    pub fn cancel_on_timeout(mut self, cancel_on_timeout: bool) -> Self {
        self.cancel_on_timeout = cancel_on_timeout;
        self
    }

    /// Checks that every knob has a usable value.
    ///
    /// # Errors
    ///
    /// Returns [`InvalidOptions`] naming the first field that is out of
    /// range: a zero `fast_interval`, `initial_delay` or `max_delay`, a
    /// `multiplier` below 1 or not finite, a `jitter` outside 0 to 1.
    pub fn validate(&self) -> Result<(), InvalidOptions> {
        let zero_checks = [
            ("fast_interval", self.fast_interval),
            ("initial_delay", self.initial_delay),
            ("max_delay", self.max_delay),
        ];
        for (field, value) in zero_checks {
            if value.is_zero() {
                return Err(InvalidOptions {
                    field,
                    value: format!("{value:?}"),
                    expected: "a duration above zero",
                });
            }
        }
        if !self.multiplier.is_finite() || self.multiplier < 1.0 {
            return Err(InvalidOptions {
                field: "multiplier",
                value: self.multiplier.to_string(),
                expected: "a finite number of at least 1",
            });
        }
        if !(0.0..=1.0).contains(&self.jitter) {
            return Err(InvalidOptions {
                field: "jitter",
                value: self.jitter.to_string(),
                expected: "a fraction from 0 to 1",
            });
        }
        Ok(())
    }
}

/// A [`PollingOptions`] field with a value the schedule cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid polling option {field} = {value}: expected {expected}")]
pub struct InvalidOptions {
    /// Name of the field.
    pub field: &'static str,
    /// The rejected value, as text.
    pub value: String,
    /// What the field accepts.
    pub expected: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(PollingOptions::default().validate(), Ok(()));
    }

    #[test]
    fn invalid_fields_are_named() {
        let cases = [
            (
                PollingOptions::default().fast_interval(Duration::ZERO),
                "fast_interval",
            ),
            (
                PollingOptions::default().initial_delay(Duration::ZERO),
                "initial_delay",
            ),
            (
                PollingOptions::default().max_delay(Duration::ZERO),
                "max_delay",
            ),
            (PollingOptions::default().multiplier(0.9), "multiplier"),
            (PollingOptions::default().multiplier(f64::NAN), "multiplier"),
            (PollingOptions::default().jitter(-0.1), "jitter"),
            (PollingOptions::default().jitter(1.5), "jitter"),
        ];
        for (options, field) in cases {
            let error = options.validate().unwrap_err();
            assert_eq!(error.field, field);
            assert!(error.to_string().contains(field), "{error}");
        }
    }
}
