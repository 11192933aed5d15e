//! The hybrid delay schedule: a fast phase of fixed polls, then exponential
//! backoff, with jitter.
//!
//! The arithmetic follows the official Python and TypeScript SDKs (their
//! `calculateHybridDelay`): the backoff attempt number is derived from the
//! time spent in the backoff phase, the cap is applied before the jitter, and
//! delays are rounded half up to whole milliseconds.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::PollingOptions;

/// Computes the delay before each poll. Pure apart from its seeded random
/// source: the same seed and the same elapsed times give the same delays.
///
/// ```
/// use std::time::Duration;
/// use extend_poll::{PollSchedule, PollingOptions};
///
/// let mut schedule = PollSchedule::seeded(PollingOptions::default().jitter(0.0), 7);
/// assert_eq!(schedule.next_delay(Duration::from_secs(5), None), Duration::from_millis(1000));
/// assert_eq!(schedule.next_delay(Duration::from_secs(31), None), Duration::from_millis(1150));
/// ```
#[derive(Debug, Clone)]
pub struct PollSchedule {
    options: PollingOptions,
    rng: StdRng,
}

impl PollSchedule {
    /// Builds a schedule with a random seed.
    pub fn new(options: PollingOptions) -> Self {
        PollSchedule {
            options,
            rng: StdRng::from_os_rng(),
        }
    }

    /// Builds a schedule whose jitter is reproducible from `seed`.
    pub fn seeded(options: PollingOptions, seed: u64) -> Self {
        PollSchedule {
            options,
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// Returns the options this schedule follows.
    pub fn options(&self) -> &PollingOptions {
        &self.options
    }

    /// Returns the delay before the next poll, `elapsed` after the wait
    /// started, cut to `remaining` when the wait has a limit.
    pub fn next_delay(&mut self, elapsed: Duration, remaining: Option<Duration>) -> Duration {
        let base_ms = base_delay_ms(&self.options, elapsed);
        let factor = if self.options.jitter > 0.0 {
            1.0 + self
                .rng
                .random_range(-self.options.jitter..=self.options.jitter)
        } else {
            1.0
        };
        let delay = Duration::from_millis(round_half_up(base_ms * factor));

        match remaining {
            Some(remaining) => delay.min(remaining),
            None => delay,
        }
    }
}

/// Returns the delay in milliseconds before jitter: the fast interval during
/// the fast phase, else `min(initial * multiplier^n, max)` for backoff attempt `n`.
pub fn base_delay_ms(options: &PollingOptions, elapsed: Duration) -> f64 {
    if elapsed < options.fast_duration {
        return millis(options.fast_interval);
    }

    let in_backoff_ms = millis(elapsed - options.fast_duration);
    let attempt = backoff_attempt(
        in_backoff_ms,
        millis(options.initial_delay),
        options.multiplier,
    );
    let exponent = i32::try_from(attempt).unwrap_or(i32::MAX);
    let delay = millis(options.initial_delay) * options.multiplier.powi(exponent);

    delay.min(millis(options.max_delay))
}

/// Returns the backoff attempt number `n` after `spent_ms` in the backoff
/// phase: the largest `n` such that the geometric delays
/// `initial, initial*m, ..., initial*m^(n-1)` add up to at most `spent_ms`.
///
/// Inverting the geometric sum lets a wait resume from the time spent alone,
/// without counting polls.
pub fn backoff_attempt(spent_ms: f64, initial_ms: f64, multiplier: f64) -> u32 {
    if spent_ms <= 0.0 || initial_ms <= 0.0 {
        return 0;
    }
    if multiplier == 1.0 {
        return saturating_u32((spent_ms / initial_ms).floor());
    }

    // The same operation order as the official SDKs, so the floors agree on
    // the boundaries (for example exactly 1000 ms into the phase gives 1).
    let inner = spent_ms * (multiplier - 1.0) / initial_ms + 1.0;
    if inner <= 0.0 {
        return 0;
    }
    saturating_u32((inner.ln() / multiplier.ln()).floor())
}

fn saturating_u32(value: f64) -> u32 {
    if value >= f64::from(u32::MAX) {
        u32::MAX
    } else if value <= 0.0 {
        0
    } else {
        value as u32
    }
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Rounds to whole milliseconds, half up (0.5 goes to 1).
fn round_half_up(ms: f64) -> u64 {
    let rounded = (ms + 0.5).floor();
    if rounded <= 0.0 {
        0
    } else if rounded >= u64::MAX as f64 {
        u64::MAX
    } else {
        rounded as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn no_jitter() -> PollSchedule {
        PollSchedule::seeded(PollingOptions::default().jitter(0.0), 1)
    }

    #[test]
    fn fast_phase_is_one_second() {
        let mut schedule = no_jitter();
        for second in 0..30 {
            let delay = schedule.next_delay(Duration::from_secs(second), None);
            assert_eq!(delay, Duration::from_millis(1000), "at {second} s");
        }
    }

    #[test]
    fn backoff_golden_delays() {
        // Elapsed time since the start of the wait -> expected delay, from
        // min(1000 * 1.15^n, 30000) with n derived from the time in backoff.
        let cases = [
            (30_000, 1000),
            (30_999, 1000),
            (31_000, 1150),
            (32_150, 1322),
            (33_472, 1322),
            (33_473, 1521),
            (40_000, 2313),
            (300_000, 30_000),
            (3_600_000, 30_000),
        ];
        let mut schedule = no_jitter();
        for (elapsed_ms, expected_ms) in cases {
            let delay = schedule.next_delay(Duration::from_millis(elapsed_ms), None);
            assert_eq!(
                delay,
                Duration::from_millis(expected_ms),
                "at {elapsed_ms} ms"
            );
        }
    }

    #[test]
    fn backoff_attempt_matches_geometric_sum() {
        // Sums of 1000 * 1.15^k: 1000, 2150, 3472.5, 4993.4.
        assert_eq!(backoff_attempt(0.0, 1000.0, 1.15), 0);
        assert_eq!(backoff_attempt(999.0, 1000.0, 1.15), 0);
        assert_eq!(backoff_attempt(1000.0, 1000.0, 1.15), 1);
        assert_eq!(backoff_attempt(2150.0, 1000.0, 1.15), 2);
        assert_eq!(backoff_attempt(3472.0, 1000.0, 1.15), 2);
        assert_eq!(backoff_attempt(3473.0, 1000.0, 1.15), 3);
    }

    #[test]
    fn multiplier_one_is_linear() {
        assert_eq!(backoff_attempt(4999.0, 1000.0, 1.0), 4);
        let options = PollingOptions::default().multiplier(1.0).jitter(0.0);
        assert_eq!(base_delay_ms(&options, Duration::from_secs(100)), 1000.0);
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(round_half_up(5062.5), 5063);
        assert_eq!(round_half_up(5062.49), 5062);
    }

    #[test]
    fn delay_is_cut_to_remaining() {
        let mut schedule = no_jitter();
        let delay = schedule.next_delay(Duration::from_secs(200), Some(Duration::from_millis(250)));
        assert_eq!(delay, Duration::from_millis(250));
    }

    #[test]
    fn same_seed_same_delays() {
        let mut first = PollSchedule::seeded(PollingOptions::default(), 42);
        let mut second = PollSchedule::seeded(PollingOptions::default(), 42);
        for second_elapsed in [0, 10, 45, 120] {
            let elapsed = Duration::from_secs(second_elapsed);
            assert_eq!(
                first.next_delay(elapsed, None),
                second.next_delay(elapsed, None)
            );
        }
    }

    proptest! {
        #[test]
        fn fast_phase_within_jitter(seed: u64, elapsed_ms in 0u64..30_000) {
            let mut schedule = PollSchedule::seeded(PollingOptions::default(), seed);
            let delay = schedule.next_delay(Duration::from_millis(elapsed_ms), None);
            prop_assert!(delay >= Duration::from_millis(750), "{delay:?}");
            prop_assert!(delay <= Duration::from_millis(1250), "{delay:?}");
        }

        #[test]
        fn never_above_max_with_jitter(seed: u64, elapsed_ms in 0u64..10_000_000) {
            let mut schedule = PollSchedule::seeded(PollingOptions::default(), seed);
            let delay = schedule.next_delay(Duration::from_millis(elapsed_ms), None);
            prop_assert!(delay <= Duration::from_millis(37_500), "{delay:?}");
        }

        #[test]
        fn last_sleep_cut_to_remaining(seed: u64, elapsed_ms in 0u64..1_000_000, remaining_ms in 0u64..40_000) {
            let mut schedule = PollSchedule::seeded(PollingOptions::default(), seed);
            let remaining = Duration::from_millis(remaining_ms);
            let delay = schedule.next_delay(Duration::from_millis(elapsed_ms), Some(remaining));
            prop_assert!(delay <= remaining);
        }
    }
}
