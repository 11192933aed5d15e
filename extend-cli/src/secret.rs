//! A secret command-line value (an API key or a signing secret) that `Debug`
//! never shows.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// A secret flag value. `Debug` prints `[REDACTED]`, so logging the parsed
/// arguments cannot leak it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    /// Returns the secret for the one place that sends or uses it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl FromStr for Secret {
    type Err = Infallible;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Ok(Secret(raw.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::Cli;

    #[test]
    fn debug_hides_api_key() {
        let cli = Cli::parse_from([
            "extend",
            "--api-key",
            "sk_live_5ecret",
            "runs",
            "get",
            "pr_1",
        ]);
        let shown = format!("{cli:?}");
        assert!(!shown.contains("sk_live_5ecret"), "{shown}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
    }

    #[test]
    fn debug_hides_webhook_secret() {
        let cli = Cli::parse_from([
            "extend",
            "webhooks",
            "verify",
            "--secret",
            "wss_5ecret",
            "--timestamp",
            "1",
            "--signature",
            "00",
        ]);
        let shown = format!("{cli:?}");
        assert!(!shown.contains("wss_5ecret"), "{shown}");
    }
}
