//! The signing secret, checked once and never printed.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::WebhookError;

/// HMAC-SHA256, the MAC of Extend webhook signatures.
pub(crate) type HmacSha256 = Hmac<Sha256>;

/// A webhook signing secret (`wss_...`), as shown once when the endpoint was
/// created.
///
/// The secret's UTF-8 bytes are the HMAC key as they are, prefix included.
/// `Debug` prints `SigningSecret(<redacted>)`.
///
/// ```
/// use extend_webhooks::SigningSecret;
///
/// let secret = SigningSecret::new("wss_test_secret")?;
/// assert_eq!(format!("{secret:?}"), "SigningSecret(<redacted>)");
///
/// assert!(SigningSecret::new(" wss_test_secret\n").is_err());
/// # Ok::<(), extend_webhooks::WebhookError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SigningSecret(String);

impl SigningSecret {
    /// Checks a signing secret.
    ///
    /// # Errors
    ///
    /// Returns [`WebhookError::InvalidSecret`] when the secret is empty or has
    /// leading or trailing whitespace. Whitespace is rejected, not trimmed,
    /// because it usually comes from a copied line or an environment file, and
    /// a trimmed key would hide that mistake in one place and not in another.
    pub fn new(secret: impl Into<String>) -> Result<Self, WebhookError> {
        let secret = secret.into();

        if secret.is_empty() {
            return Err(WebhookError::InvalidSecret {
                reason:
                    "the secret is empty; copy the endpoint's signing secret (wss_...) from Extend",
            });
        }

        if secret.trim() != secret {
            return Err(WebhookError::InvalidSecret {
                reason: "the secret has leading or trailing whitespace; remove it (a newline from an environment file is a common cause)",
            });
        }

        Ok(SigningSecret(secret))
    }

    /// Returns the secret itself. Keep it out of logs and error messages.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Builds the HMAC keyed with this secret, to be cloned for each message.
    pub(crate) fn keyed_mac(&self) -> HmacSha256 {
        // HMAC hashes a key longer than its block size, so the hmac crate accepts
        // keys of any length and this cannot fail.
        HmacSha256::new_from_slice(self.0.as_bytes()).expect("HMAC accepts keys of any length")
    }
}

impl fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningSecret(<redacted>)")
    }
}

impl TryFrom<&str> for SigningSecret {
    type Error = WebhookError;

    fn try_from(secret: &str) -> Result<Self, Self::Error> {
        SigningSecret::new(secret)
    }
}

impl TryFrom<String> for SigningSecret {
    type Error = WebhookError;

    fn try_from(secret: String) -> Result<Self, Self::Error> {
        SigningSecret::new(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_rejects_empty() {
        let error = SigningSecret::new("").unwrap_err();
        assert!(matches!(error, WebhookError::InvalidSecret { .. }));
    }

    #[test]
    fn secret_rejects_surrounding_whitespace() {
        for raw in [
            " wss_a",
            "wss_a ",
            "wss_a\n",
            "\twss_a",
            "wss_a\r\n",
            "wss_a\u{a0}",
        ] {
            let error = SigningSecret::new(raw).unwrap_err();
            assert!(
                matches!(error, WebhookError::InvalidSecret { .. }),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn secret_error_never_echoes_secret() {
        let error = SigningSecret::new("wss_do_not_print ").unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("do_not_print"), "{shown}");
    }

    #[test]
    fn secret_keeps_inner_whitespace() {
        let secret = SigningSecret::new("wss_a b").unwrap();
        assert_eq!(secret.expose(), "wss_a b");
    }

    #[test]
    fn secret_debug_is_redacted() {
        let secret = SigningSecret::new("wss_do_not_print").unwrap();
        assert!(!format!("{secret:?}").contains("do_not_print"));
    }
}
