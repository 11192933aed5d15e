//! Wall-clock timestamps for `createdAt` and `updatedAt`.

use std::time::SystemTime;

/// Returns the current UTC time as RFC 3339 with milliseconds, such as
/// `2026-11-30T12:00:00.123Z`.
pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}
