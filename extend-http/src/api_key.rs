//! The API key, kept out of `Debug` output, logs and error messages.

use std::fmt;

/// An Extend API key (`sk_...`).
///
/// `Debug` and `Display` print `[REDACTED]`, so the key cannot leak through
/// a log line or an error message that formats the value.
///
/// ```
/// let key = extend_http::ApiKey::new("sk_live_secret");
/// assert_eq!(format!("{key:?}"), "[REDACTED]");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key. The builder checks it when the transport is built.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// Returns the key itself, for the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        ApiKey(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        ApiKey(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::ApiKey;

    #[test]
    fn debug_and_display_redacted() {
        let key = ApiKey::new("sk_test_123456");

        assert_eq!(format!("{key:?}"), "[REDACTED]");
        assert_eq!(format!("{key}"), "[REDACTED]");
        assert_eq!(key.expose(), "sk_test_123456");
    }
}
