//! How long an emulated run stays in each status.
//!
//! The times are chosen so a demo at speed 1.0 shows progress: the
//! two-page sample invoice takes 1.5 s and no run takes more than 3 s.
//! They are divided by the emulator's speed factor.

use std::time::Duration;

/// Time a run stays `PENDING` at speed 1.0.
pub(crate) const PENDING_TIME: Duration = Duration::from_millis(500);
/// Processing time per page at speed 1.0.
pub(crate) const PAGE_TIME: Duration = Duration::from_millis(500);
/// Upper bound of the processing time at speed 1.0, whatever the page count.
pub(crate) const MAX_PROCESSING_TIME: Duration = Duration::from_millis(2_500);

/// Scales a duration at speed 1.0 to `speed`; a quotient too large for a
/// `Duration` (a speed near 0) becomes `Duration::MAX`.
pub(crate) fn scaled(duration: Duration, speed: f64) -> Duration {
    Duration::try_from_secs_f64(duration.as_secs_f64() / speed).unwrap_or(Duration::MAX)
}

/// Time a run stays `PENDING`.
pub(crate) fn pending_time(speed: f64) -> Duration {
    scaled(PENDING_TIME, speed)
}

/// Time a run of `pages` pages stays `PROCESSING`; at least one page is counted.
pub(crate) fn processing_time(pages: usize, speed: f64) -> Duration {
    let pages = u32::try_from(pages.max(1)).unwrap_or(u32::MAX);
    let unscaled = PAGE_TIME.saturating_mul(pages).min(MAX_PROCESSING_TIME);
    scaled(unscaled, speed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn invoice_takes_one_and_a_half_seconds() {
        let total = pending_time(1.0) + processing_time(2, 1.0);
        assert_eq!(total, Duration::from_millis(1_500));
    }

    #[test]
    fn speed_divides_time() {
        assert_eq!(processing_time(2, 50.0), Duration::from_millis(20));
        assert_eq!(pending_time(2.0), Duration::from_millis(250));
    }

    #[test]
    fn tiny_speed_saturates() {
        assert_eq!(scaled(PAGE_TIME, 1e-300), Duration::MAX);
    }

    #[test]
    fn empty_document_counts_one_page() {
        assert_eq!(processing_time(0, 1.0), PAGE_TIME);
    }

    proptest! {
        #[test]
        fn processing_time_is_capped(pages in 0usize..100_000, speed in 0.01f64..1000.0) {
            prop_assert!(processing_time(pages, speed) <= scaled(MAX_PROCESSING_TIME, speed));
        }

        #[test]
        fn processing_time_grows_with_pages(pages in 0usize..1_000) {
            prop_assert!(processing_time(pages, 1.0) <= processing_time(pages + 1, 1.0));
        }
    }
}
