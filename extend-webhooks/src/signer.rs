//! Signing deliveries the way Extend does, for tests, examples and the emulator.

use std::fmt;

use hmac::Mac;

use crate::secret::HmacSha256;
use crate::{Clock, SigningSecret, SystemClock, WebhookError, SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// Feeds the signed message `"v0:" + timestamp + ":" + body` into a keyed MAC.
pub(crate) fn mac_of_message(key: &HmacSha256, timestamp: &str, body: &[u8]) -> HmacSha256 {
    let mut mac = key.clone();
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    mac
}

/// Signs webhook bodies with one signing secret.
///
/// `Debug` does not print the secret.
///
/// ```
/// use extend_webhooks::{FixedClock, Signer, Verifier};
///
/// let body = br#"{"eventId":"evt_1","eventType":"extract_run.processed","payload":{"id":"exr_1","status":"PROCESSED"}}"#;
/// let signed = Signer::new("wss_test_secret")?.sign(1_700_000_000, body);
/// assert_eq!(signed.signature, "8eed2955dc12dc2877b0e086b8840bea91d4061e04937b5d9d468f610d89095e");
///
/// let verifier = Verifier::builder()
///     .secret("wss_test_secret")
///     .clock(FixedClock::new(1_700_000_010))
///     .build()?;
/// verifier.verify(signed.pairs(), body)?;
/// # Ok::<(), extend_webhooks::WebhookError>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    key: HmacSha256,
}

impl Signer {
    /// Creates a signer for one signing secret.
    ///
    /// # Errors
    ///
    /// Returns [`WebhookError::InvalidSecret`] when the secret is empty or has
    /// leading or trailing whitespace.
    pub fn new(secret: impl Into<String>) -> Result<Self, WebhookError> {
        let secret = SigningSecret::new(secret)?;
        Ok(Signer::from_secret(&secret))
    }

    /// Creates a signer from a checked secret.
    pub fn from_secret(secret: &SigningSecret) -> Self {
        Signer {
            key: secret.keyed_mac(),
        }
    }

    /// Signs `body` as delivered at `unix_seconds`.
    pub fn sign(&self, unix_seconds: u64, body: &[u8]) -> SignedHeaders {
        let timestamp = unix_seconds.to_string();
        let mac = mac_of_message(&self.key, &timestamp, body);
        let signature = hex::encode(mac.finalize().into_bytes());
        SignedHeaders {
            timestamp,
            signature,
        }
    }

    /// Signs `body` as delivered now, by the system clock.
    pub fn sign_now(&self, body: &[u8]) -> SignedHeaders {
        self.sign(SystemClock.now_unix_seconds(), body)
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signer { secret: <redacted> }")
    }
}

/// The two header values of a signed delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// Value of `x-extend-request-timestamp`: unix seconds in decimal.
    pub timestamp: String,
    /// Value of `x-extend-request-signature`: 64 lowercase hex digits.
    pub signature: String,
}

impl SignedHeaders {
    /// Returns the headers as (name, value) pairs, ready for
    /// [`Verifier::verify`](crate::Verifier::verify) or an HTTP client.
    pub fn pairs(&self) -> [(&'static str, &str); 2] {
        [
            (TIMESTAMP_HEADER, self.timestamp.as_str()),
            (SIGNATURE_HEADER, self.signature.as_str()),
        ]
    }

    /// Returns the headers as an [`http::HeaderMap`].
    pub fn header_map(&self) -> http::HeaderMap {
        let mut map = http::HeaderMap::with_capacity(2);
        // Decimal digits and hex digits are always valid header values.
        for (name, value) in self.pairs() {
            let value = http::HeaderValue::from_str(value)
                .expect("decimal and hex digits are valid header values");
            map.insert(name, value);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_matches_known_vector() {
        // A vector from the shared webhook test cases, body with a trailing CRLF.
        let body = b"{\"eventId\":\"evt_1\",\"eventType\":\"extract_run.processed\",\"payload\":{\"id\":\"exr_1\",\"status\":\"PROCESSED\"}}\r\n";
        let signed = Signer::new("wss_test_secret")
            .unwrap()
            .sign(1_700_000_000, body);
        assert_eq!(signed.timestamp, "1700000000");
        assert_eq!(
            signed.signature,
            "dac1657b99ddddf7b7a15d35d04e1e7392b75772e6483ea11c8e2553aca9b2ca"
        );
    }

    #[test]
    fn signer_debug_hides_secret() {
        let signer = Signer::new("wss_do_not_print").unwrap();
        assert!(!format!("{signer:?}").contains("do_not_print"));
    }

    #[test]
    fn signer_header_map_has_both() {
        let map = Signer::new("wss_a").unwrap().sign(7, b"{}").header_map();
        assert_eq!(map.get(TIMESTAMP_HEADER).unwrap(), "7");
        assert_eq!(map.get(SIGNATURE_HEADER).unwrap().len(), 64);
    }
}
