//! Reading the timestamp and signature headers of a delivery.
//!
//! Headers come from an [`http::HeaderMap`] or any iterator of (name, value)
//! pairs; names are compared without regard to ASCII case.

use crate::WebhookError;

/// The header that carries the delivery time in unix seconds.
pub const TIMESTAMP_HEADER: &str = "x-extend-request-timestamp";

/// The header that carries the lowercase hex HMAC-SHA256 signature.
pub const SIGNATURE_HEADER: &str = "x-extend-request-signature";

/// Maximum number of signature values in one delivery, over all repeated
/// headers and comma-separated items. More is rejected as malformed, so a
/// forged request cannot make the verifier compute many comparisons.
pub const MAX_SIGNATURES: usize = 8;

/// Length of one HMAC-SHA256 value in bytes.
const MAC_LEN: usize = 32;

/// Maximum length, in characters, of a header value quoted in an error.
const QUOTE_MAX_CHARS: usize = 32;

/// The two headers of a delivery as received, before any check.
#[derive(Debug, Default)]
pub(crate) struct DeliveryHeaders {
    timestamps: Vec<Vec<u8>>,
    signatures: Vec<Vec<u8>>,
}

impl DeliveryHeaders {
    /// Collects the timestamp and signature headers from (name, value) pairs.
    pub(crate) fn collect<I, K, V>(headers: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut collected = DeliveryHeaders::default();

        for (name, value) in headers {
            let name = name.as_ref();
            if name.eq_ignore_ascii_case(TIMESTAMP_HEADER) {
                collected.timestamps.push(value.as_ref().to_vec());
            } else if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
                collected.signatures.push(value.as_ref().to_vec());
            }
        }

        collected
    }

    /// Checks that both headers are present, timestamp first.
    pub(crate) fn require_both(&self) -> Result<(), WebhookError> {
        if self.timestamps.is_empty() {
            return Err(WebhookError::MissingHeader {
                header: TIMESTAMP_HEADER,
            });
        }
        if self.signatures.is_empty() {
            return Err(WebhookError::MissingHeader {
                header: SIGNATURE_HEADER,
            });
        }
        Ok(())
    }

    /// Parses the timestamp header, which must appear once, or repeated with
    /// one value.
    pub(crate) fn timestamp(&self) -> Result<Timestamp, WebhookError> {
        let Some(first) = self.timestamps.first() else {
            return Err(WebhookError::MissingHeader {
                header: TIMESTAMP_HEADER,
            });
        };

        if self.timestamps.iter().any(|other| other != first) {
            return Err(malformed_timestamp(
                first,
                "the header is repeated with different values",
            ));
        }

        Timestamp::parse(first)
    }

    /// Decodes every signature value, over repeated headers and
    /// comma-separated items.
    pub(crate) fn signatures(&self) -> Result<Vec<[u8; MAC_LEN]>, WebhookError> {
        let mut decoded = Vec::new();

        for value in &self.signatures {
            let Ok(text) = std::str::from_utf8(value) else {
                return Err(malformed_signature("a value is not UTF-8".to_owned()));
            };

            for item in text.split(',') {
                if decoded.len() == MAX_SIGNATURES {
                    return Err(malformed_signature(format!(
                        "more than {MAX_SIGNATURES} signature values"
                    )));
                }
                decoded.push(decode_signature(item, decoded.len() + 1)?);
            }
        }

        Ok(decoded)
    }
}

/// Decodes one signature item: 64 hex digits, either case, with optional
/// spaces or tabs around it.
fn decode_signature(item: &str, position: usize) -> Result<[u8; MAC_LEN], WebhookError> {
    let item = item.trim_matches([' ', '\t']);

    if item.is_empty() {
        return Err(malformed_signature(format!(
            "signature value {position} is empty"
        )));
    }

    let mut mac = [0u8; MAC_LEN];
    if item.len() != 2 * MAC_LEN || hex::decode_to_slice(item, &mut mac).is_err() {
        return Err(malformed_signature(format!(
            "signature value {position} is not {} hex digits (it has {} characters)",
            2 * MAC_LEN,
            item.chars().count()
        )));
    }

    Ok(mac)
}

/// A parsed timestamp header: the text as received, which is signed verbatim,
/// and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Timestamp {
    pub(crate) text: String,
    pub(crate) unix_seconds: u64,
}

impl Timestamp {
    fn parse(raw: &[u8]) -> Result<Self, WebhookError> {
        if raw.is_empty() {
            return Err(malformed_timestamp(raw, "the value is empty"));
        }
        if !raw.iter().all(u8::is_ascii_digit) {
            return Err(malformed_timestamp(
                raw,
                "it contains a character other than 0-9",
            ));
        }

        // Only ASCII digits remain, so the text is valid UTF-8.
        let text = String::from_utf8_lossy(raw).into_owned();
        let Ok(unix_seconds) = text.parse::<u64>() else {
            return Err(malformed_timestamp(raw, "the number is out of range"));
        };

        Ok(Timestamp { text, unix_seconds })
    }
}

fn malformed_timestamp(raw: &[u8], reason: &'static str) -> WebhookError {
    let value: String = String::from_utf8_lossy(raw)
        .chars()
        .take(QUOTE_MAX_CHARS)
        .collect();
    WebhookError::MalformedTimestamp { value, reason }
}

fn malformed_signature(reason: String) -> WebhookError {
    WebhookError::MalformedSignatureHeader { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> DeliveryHeaders {
        DeliveryHeaders::collect(pairs.iter().copied())
    }

    const SIG_A: &str = "8eed2955dc12dc2877b0e086b8840bea91d4061e04937b5d9d468f610d89095e";

    #[test]
    fn names_match_any_case() {
        let collected = headers(&[
            ("X-Extend-Request-Timestamp", "1700000000"),
            ("X-EXTEND-REQUEST-SIGNATURE", SIG_A),
        ]);
        assert!(collected.require_both().is_ok());
        assert_eq!(collected.timestamp().unwrap().unix_seconds, 1_700_000_000);
        assert_eq!(collected.signatures().unwrap().len(), 1);
    }

    #[test]
    fn missing_timestamp_reported_first() {
        let error = headers(&[]).require_both().unwrap_err();
        assert!(
            matches!(error, WebhookError::MissingHeader { header } if header == TIMESTAMP_HEADER)
        );
    }

    #[test]
    fn missing_signature_named() {
        let error = headers(&[(TIMESTAMP_HEADER, "1")])
            .require_both()
            .unwrap_err();
        assert!(
            matches!(error, WebhookError::MissingHeader { header } if header == SIGNATURE_HEADER)
        );
    }

    #[test]
    fn timestamp_rejects_non_digits() {
        for raw in [
            "",
            " 1700000000",
            "1700000000 ",
            "+1700000000",
            "-5",
            "17e8",
            "123abc",
            "1.5",
        ] {
            let error = headers(&[(TIMESTAMP_HEADER, raw)]).timestamp().unwrap_err();
            assert!(
                matches!(error, WebhookError::MalformedTimestamp { .. }),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn timestamp_rejects_overflow() {
        let error = headers(&[(TIMESTAMP_HEADER, "99999999999999999999")])
            .timestamp()
            .unwrap_err();
        assert!(
            matches!(error, WebhookError::MalformedTimestamp { reason, .. } if reason.contains("range"))
        );
    }

    #[test]
    fn timestamp_quote_is_cut() {
        let long = "x".repeat(500);
        let error = headers(&[(TIMESTAMP_HEADER, &long)])
            .timestamp()
            .unwrap_err();
        let WebhookError::MalformedTimestamp { value, .. } = error else {
            panic!("expected MalformedTimestamp, got {error:?}");
        };
        assert_eq!(value.len(), QUOTE_MAX_CHARS);
    }

    #[test]
    fn timestamp_repeated_same_value_accepted() {
        let collected = headers(&[(TIMESTAMP_HEADER, "5"), (TIMESTAMP_HEADER, "5")]);
        assert_eq!(collected.timestamp().unwrap().unix_seconds, 5);
    }

    #[test]
    fn timestamp_repeated_different_values_rejected() {
        let collected = headers(&[(TIMESTAMP_HEADER, "5"), (TIMESTAMP_HEADER, "6")]);
        assert!(matches!(
            collected.timestamp().unwrap_err(),
            WebhookError::MalformedTimestamp { .. }
        ));
    }

    #[test]
    fn signatures_split_on_commas_and_repeats() {
        let two = format!("{SIG_A}, {}", SIG_A.to_uppercase());
        let collected = headers(&[(SIGNATURE_HEADER, &two), (SIGNATURE_HEADER, SIG_A)]);
        let decoded = collected.signatures().unwrap();
        assert_eq!(decoded.len(), 3);
        assert_eq!(decoded[0], decoded[1]);
    }

    #[test]
    fn signatures_eight_accepted_nine_rejected() {
        let eight = [SIG_A; 8].join(",");
        assert_eq!(
            headers(&[(SIGNATURE_HEADER, &eight)])
                .signatures()
                .unwrap()
                .len(),
            8
        );

        let nine = [SIG_A; 9].join(",");
        let error = headers(&[(SIGNATURE_HEADER, &nine)])
            .signatures()
            .unwrap_err();
        assert!(matches!(
            error,
            WebhookError::MalformedSignatureHeader { .. }
        ));

        let mut repeated = vec![(SIGNATURE_HEADER, SIG_A); 9];
        repeated.push((TIMESTAMP_HEADER, "1"));
        let error = headers(&repeated).signatures().unwrap_err();
        assert!(matches!(
            error,
            WebhookError::MalformedSignatureHeader { .. }
        ));
    }

    #[test]
    fn signatures_reject_bad_items() {
        let short = &SIG_A[..62];
        let non_hex = format!("{}zz", &SIG_A[..62]);
        let prefixed = format!("v0={SIG_A}");
        for raw in [
            "",
            ",",
            short,
            non_hex.as_str(),
            prefixed.as_str(),
            &format!("{SIG_A},"),
        ] {
            let error = headers(&[(SIGNATURE_HEADER, raw)])
                .signatures()
                .unwrap_err();
            assert!(
                matches!(error, WebhookError::MalformedSignatureHeader { .. }),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn signatures_reject_non_utf8() {
        let pairs = [(SIGNATURE_HEADER, &b"\xff\xfe"[..])];
        let error = DeliveryHeaders::collect(pairs).signatures().unwrap_err();
        assert!(matches!(
            error,
            WebhookError::MalformedSignatureHeader { .. }
        ));
    }

    #[test]
    fn header_map_is_a_source() {
        let mut map = http::HeaderMap::new();
        map.insert(TIMESTAMP_HEADER, http::HeaderValue::from_static("42"));
        map.append(SIGNATURE_HEADER, http::HeaderValue::from_static(SIG_A));
        map.append(SIGNATURE_HEADER, http::HeaderValue::from_static(SIG_A));
        let collected = DeliveryHeaders::collect(&map);
        assert_eq!(collected.timestamp().unwrap().unix_seconds, 42);
        assert_eq!(collected.signatures().unwrap().len(), 2);
    }
}
