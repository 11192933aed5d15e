//! The jittered exponential backoff used when the server names no delay.

use std::time::Duration;

/// Share of the delay that jitter may add or remove: +/-10 %, the spread of
/// Extend's generated Python and TypeScript SDKs (`JITTER_FACTOR = 0.2`
/// applied as `1 + (U - 0.5) * 0.2`).
pub(crate) const JITTER_SPREAD: f64 = 0.2;

/// Computes the delay before retry number `retry` (0 for the first retry).
///
/// The base delay is `min(initial * 2^retry, max)`. Jitter is applied after
/// the cap, so the result lies in `[0.9, 1.1]` times the base. `sample` is a
/// uniform random number in `[0, 1]`, passed in so tests can pin it.
/// The result is rounded half up to whole milliseconds.
pub(crate) fn backoff_delay(initial: Duration, max: Duration, retry: u32, sample: f64) -> Duration {
    let factor = 2f64.powi(i32::try_from(retry).unwrap_or(i32::MAX));
    let base = (initial.as_secs_f64() * factor).min(max.as_secs_f64());

    let sample = sample.clamp(0.0, 1.0);
    let jittered = base * (1.0 + (sample - 0.5) * JITTER_SPREAD);

    let millis = (jittered * 1000.0 + 0.5).floor();
    Duration::from_millis(millis as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    const SECOND: Duration = Duration::from_secs(1);
    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn doubles_from_initial() {
        assert_eq!(backoff_delay(SECOND, MINUTE, 0, 0.5), SECOND);
        assert_eq!(backoff_delay(SECOND, MINUTE, 1, 0.5), 2 * SECOND);
        assert_eq!(backoff_delay(SECOND, MINUTE, 3, 0.5), 8 * SECOND);
    }

    #[test]
    fn capped_at_max() {
        assert_eq!(backoff_delay(SECOND, MINUTE, 10, 0.5), MINUTE);
        assert_eq!(backoff_delay(SECOND, MINUTE, u32::MAX, 0.5), MINUTE);
    }

    #[test]
    fn jitter_after_cap() {
        assert_eq!(
            backoff_delay(SECOND, MINUTE, 10, 0.0),
            Duration::from_secs(54)
        );
        assert_eq!(
            backoff_delay(SECOND, MINUTE, 10, 1.0),
            Duration::from_secs(66)
        );
    }

    #[test]
    fn rounds_half_up_to_millis() {
        let initial = Duration::from_micros(1_500);

        assert_eq!(
            backoff_delay(initial, MINUTE, 0, 0.5),
            Duration::from_millis(2)
        );
    }

    proptest! {
        #[test]
        fn within_jitter_band(retry in 0u32..80, sample in 0.0f64..1.0) {
            let delay = backoff_delay(SECOND, MINUTE, retry, sample).as_secs_f64();
            let base = (2f64.powi(retry as i32)).min(60.0);

            prop_assert!(delay >= base * 0.9 - 0.001, "delay {delay} below band of {base}");
            prop_assert!(delay <= base * 1.1 + 0.001, "delay {delay} above band of {base}");
        }
    }
}
