//! The time window that bounds replays of a captured delivery.

use crate::WebhookError;

/// Default max age of a delivery in seconds: 5 minutes, the default of the
/// official Python, TypeScript and Java SDKs.
pub const DEFAULT_MAX_AGE_SECONDS: u64 = 300;

/// How far in the future a timestamp may be, in seconds, to allow for clock
/// skew between Extend and the receiver. The official SDKs use 60 s.
pub const FUTURE_TOLERANCE_SECONDS: u64 = 60;

/// Checks a delivery timestamp against the receiver's clock.
///
/// A max age of 0 disables the whole check, the future bound included, as in
/// the official SDKs. Both bounds are inclusive: an age of exactly
/// `max_age_seconds` and a skew of exactly 60 s are accepted.
pub(crate) fn check_window(
    timestamp: u64,
    now: u64,
    max_age_seconds: u64,
) -> Result<(), WebhookError> {
    if max_age_seconds == 0 {
        return Ok(());
    }

    if timestamp > now {
        let skew_seconds = timestamp - now;
        if skew_seconds > FUTURE_TOLERANCE_SECONDS {
            return Err(WebhookError::InFuture {
                skew_seconds,
                tolerance_seconds: FUTURE_TOLERANCE_SECONDS,
            });
        }
        return Ok(());
    }

    let age_seconds = now - timestamp;
    if age_seconds > max_age_seconds {
        return Err(WebhookError::TooOld {
            age_seconds,
            max_age_seconds,
        });
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000;

    #[test]
    fn window_accepts_same_second() {
        assert!(check_window(NOW, NOW, 300).is_ok());
    }

    #[test]
    fn window_age_boundary() {
        assert!(check_window(NOW - 300, NOW, 300).is_ok());
        let error = check_window(NOW - 301, NOW, 300).unwrap_err();
        assert!(matches!(
            error,
            WebhookError::TooOld {
                age_seconds: 301,
                max_age_seconds: 300
            }
        ));
    }

    #[test]
    fn window_future_boundary() {
        assert!(check_window(NOW + 60, NOW, 300).is_ok());
        let error = check_window(NOW + 61, NOW, 300).unwrap_err();
        assert!(matches!(
            error,
            WebhookError::InFuture {
                skew_seconds: 61,
                tolerance_seconds: 60
            }
        ));
    }

    #[test]
    fn window_future_bound_independent_of_max_age() {
        assert!(check_window(NOW + 61, NOW, 10_000).is_err());
        assert!(check_window(NOW + 60, NOW, 1).is_ok());
    }

    #[test]
    fn window_zero_max_age_disables_both_bounds() {
        assert!(check_window(0, NOW, 0).is_ok());
        assert!(check_window(u64::MAX, NOW, 0).is_ok());
    }

    #[test]
    fn window_extremes_do_not_overflow() {
        assert!(check_window(0, u64::MAX, 300).is_err());
        assert!(check_window(u64::MAX, 0, 300).is_err());
        assert!(check_window(u64::MAX, u64::MAX, 300).is_ok());
    }

    #[test]
    fn window_distinct_errors_name_measurement() {
        let too_old = check_window(NOW - 1000, NOW, 300).unwrap_err().to_string();
        let future = check_window(NOW + 1000, NOW, 300).unwrap_err().to_string();
        assert!(too_old.contains("1000 s old"), "{too_old}");
        assert!(future.contains("1000 s in the future"), "{future}");
    }
}
