//! The transport's `Retry-After` parser on arbitrary text.
//!
//! Parsing must never panic, and a value of ASCII digits alone is always
//! read as that many seconds (saturating at `u64::MAX`).

#![no_main]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u32, String)| {
    let (now_seconds, value) = input;
    let now: SystemTime = UNIX_EPOCH + Duration::from_secs(u64::from(now_seconds));
    let delay = extend_http::parse_retry_after(&value, now);

    let trimmed = value.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|byte| byte.is_ascii_digit()) {
        let seconds = trimmed.parse::<u64>().unwrap_or(u64::MAX);
        assert_eq!(delay, Some(Duration::from_secs(seconds)));
    }
});
