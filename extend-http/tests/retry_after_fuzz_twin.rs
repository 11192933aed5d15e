//! Proptest twin of the `retry_after` fuzz target: arbitrary text through
//! the transport's `Retry-After` parser. It never panics, reads digits alone
//! as seconds, reads every HTTP-date form relative to `now`, and rejects
//! signs, fractions and other text.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use extend_http::parse_retry_after;
use proptest::prelude::*;

fn at(unix_seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(unix_seconds)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_is_safe(value in "\\PC{0,64}", now in 0u64..4_000_000_000) {
        let delay = parse_retry_after(&value, at(now));

        let trimmed = value.trim();
        if !trimmed.is_empty() && trimmed.bytes().all(|byte| byte.is_ascii_digit()) {
            let seconds = trimmed.parse::<u64>().unwrap_or(u64::MAX);
            prop_assert_eq!(delay, Some(Duration::from_secs(seconds)));
        }
    }

    #[test]
    fn any_bytes_as_text_are_safe(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let value = String::from_utf8_lossy(&bytes);
        let _ = parse_retry_after(&value, at(1_700_000_000));
    }

    #[test]
    fn padded_digits_read_as_seconds(seconds in any::<u64>(), left in "[ \t]{0,3}", right in "[ \t]{0,3}") {
        let value = format!("{left}{seconds}{right}");
        prop_assert_eq!(parse_retry_after(&value, at(0)), Some(Duration::from_secs(seconds)));
    }

    #[test]
    fn signed_or_fractional_rejected(seconds in 0u64..1_000_000, fraction in 1u32..1000, sign in "[-+]") {
        let signed = format!("{sign}{seconds}");
        let fractional = format!("{seconds}.{fraction}");
        prop_assert_eq!(parse_retry_after(&signed, at(0)), None);
        prop_assert_eq!(parse_retry_after(&fractional, at(0)), None);
    }

    #[test]
    fn http_date_is_delay_from_now(now in 0u64..4_000_000_000, offset in 0u64..1_000_000, past in any::<bool>()) {
        let date = if past { at(now.saturating_sub(offset)) } else { at(now + offset) };
        let value = httpdate::fmt_http_date(date);
        let expected = if past { Duration::ZERO } else { Duration::from_secs(offset) };

        prop_assert_eq!(parse_retry_after(&value, at(now)), Some(expected));
    }
}
