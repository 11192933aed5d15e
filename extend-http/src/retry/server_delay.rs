//! Delays requested by the server: `Retry-After` and `X-RateLimit-Reset`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;

/// Header with the delay before the next attempt, in delta seconds or as an
/// HTTP-date (RFC 9110, section 10.2.3).
pub(crate) const RETRY_AFTER: &str = "retry-after";

/// Header with the unix time, in seconds, at which the rate limit resets.
pub(crate) const RATE_LIMIT_RESET: &str = "x-ratelimit-reset";

/// A delay requested by the server and the header that carried it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServerDelay {
    /// How long to wait from `now`.
    pub(crate) delay: Duration,
    /// Name of the header the delay came from.
    pub(crate) header: &'static str,
}

/// Reads the delay requested by the server, preferring `Retry-After` over
/// `X-RateLimit-Reset`.
///
/// Returns `None` when neither header contains a usable value: a missing or
/// malformed header, or a reset time that has already passed. The caller
/// then falls back to its own backoff.
pub(crate) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<ServerDelay> {
    let retry_after = header_text(headers, RETRY_AFTER).and_then(|value| {
        let delay = parse_retry_after(value, now);
        if delay.is_none() {
            tracing::debug!(value, "ignoring malformed Retry-After header");
        }
        delay
    });
    if let Some(delay) = retry_after {
        return Some(ServerDelay {
            delay,
            header: RETRY_AFTER,
        });
    }

    let reset = header_text(headers, RATE_LIMIT_RESET).and_then(|value| {
        let delay = parse_rate_limit_reset(value, now);
        if delay.is_none() {
            tracing::debug!(value, "ignoring malformed or past X-RateLimit-Reset header");
        }
        delay
    });
    reset.map(|delay| ServerDelay {
        delay,
        header: RATE_LIMIT_RESET,
    })
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// Parses a `Retry-After` value: delta seconds (digits only) or an HTTP-date
/// in any of the three forms of RFC 9110 (IMF-fixdate, RFC 850, asctime).
///
/// A date in the past means no wait. Returns `None` for anything else,
/// including `-3`, `1.5` and `soon`.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Some(seconds) = parse_seconds(value) {
        return Some(Duration::from_secs(seconds));
    }

    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses an `X-RateLimit-Reset` value (unix seconds) into the time left
/// until the reset. Returns `None` for a malformed value or a past reset.
pub(crate) fn parse_rate_limit_reset(value: &str, now: SystemTime) -> Option<Duration> {
    let seconds = parse_seconds(value.trim())?;
    let reset = UNIX_EPOCH.checked_add(Duration::from_secs(seconds))?;
    reset
        .duration_since(now)
        .ok()
        .filter(|delay| !delay.is_zero())
}

/// Parses a non-empty run of ASCII digits. A number too large for `u64`
/// saturates, so it still reads as "longer than any cap".
fn parse_seconds(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    Some(value.parse::<u64>().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    use http::HeaderValue;
    use proptest::prelude::*;

    fn at(unix_seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(unix_seconds)
    }

    /// 1994-11-06 08:49:37 UTC, the example date of RFC 9110.
    const RFC_EXAMPLE: u64 = 784_111_777;

    #[test]
    fn delta_seconds() {
        let now = at(RFC_EXAMPLE);

        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
    }

    #[test]
    fn http_date_three_forms() {
        let now = at(RFC_EXAMPLE - 120);
        let expected = Some(Duration::from_secs(120));

        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            expected
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
            expected
        );
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994", now), expected);
    }

    #[test]
    fn http_date_in_past_is_zero() {
        let now = at(RFC_EXAMPLE + 10);

        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn malformed_retry_after_rejected() {
        let now = at(RFC_EXAMPLE);

        for value in [
            "soon",
            "-3",
            "1.5",
            "",
            "+5",
            "1e3",
            "Sun, 99 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(value, now), None, "value {value:?}");
        }
    }

    #[test]
    fn huge_delta_saturates() {
        let delay = parse_retry_after("99999999999999999999999", at(0));

        assert_eq!(delay, Some(Duration::from_secs(u64::MAX)));
    }

    #[test]
    fn rate_limit_reset_future_and_past() {
        let now = at(1_000);

        assert_eq!(
            parse_rate_limit_reset("1030", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_rate_limit_reset("1000", now), None);
        assert_eq!(parse_rate_limit_reset("900", now), None);
        assert_eq!(parse_rate_limit_reset("soon", now), None);
    }

    #[test]
    fn retry_after_preferred_over_reset() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("5"));
        headers.insert(RATE_LIMIT_RESET, HeaderValue::from_static("1030"));

        let delay = server_delay(&headers, at(1_000));

        assert_eq!(
            delay,
            Some(ServerDelay {
                delay: Duration::from_secs(5),
                header: RETRY_AFTER
            })
        );
    }

    #[test]
    fn malformed_retry_after_falls_to_reset() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        headers.insert(RATE_LIMIT_RESET, HeaderValue::from_static("1030"));

        let delay = server_delay(&headers, at(1_000));

        assert_eq!(delay.map(|found| found.header), Some(RATE_LIMIT_RESET));
        assert_eq!(
            delay.map(|found| found.delay),
            Some(Duration::from_secs(30))
        );
    }

    #[test]
    fn no_headers_no_delay() {
        assert_eq!(server_delay(&HeaderMap::new(), at(0)), None);
    }

    proptest! {
        #[test]
        fn any_text_parses_without_panic(value in "\\PC*") {
            let _ = parse_retry_after(&value, at(RFC_EXAMPLE));
            let _ = parse_rate_limit_reset(&value, at(RFC_EXAMPLE));
        }

        #[test]
        fn delta_seconds_round_trip(seconds in 0u64..=u64::MAX) {
            let delay = parse_retry_after(&seconds.to_string(), at(0));
            prop_assert_eq!(delay, Some(Duration::from_secs(seconds)));
        }

        #[test]
        fn http_date_round_trip(offset in 0u64..1_000_000) {
            let now = at(RFC_EXAMPLE);
            let date = httpdate::fmt_http_date(now + Duration::from_secs(offset));
            prop_assert_eq!(parse_retry_after(&date, now), Some(Duration::from_secs(offset)));
        }
    }
}
