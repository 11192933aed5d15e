//! Webhook verification and parsing of arbitrary deliveries.
//!
//! The input gives the two header values and the body. When `sign` is set,
//! the body is signed with the verifier's secret at the verifier's time, so
//! the envelope and payload parsers see arbitrary bodies that pass the
//! signature check.

#![no_main]

use extend_webhooks::{
    FixedClock, Signer, Verifier, WebhookError, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "wss_fuzz_secret";
const NOW: u64 = 1_700_000_000;

fuzz_target!(|input: (bool, String, String, Vec<u8>)| {
    let (sign, timestamp, signature, body) = input;
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .expect("a valid secret");

    let (timestamp, signature) = if sign {
        let signed = Signer::new(SECRET)
            .expect("a valid secret")
            .sign(NOW, &body);
        (signed.timestamp, signed.signature)
    } else {
        (timestamp, signature)
    };
    let headers = [
        (TIMESTAMP_HEADER, timestamp.as_str()),
        (SIGNATURE_HEADER, signature.as_str()),
    ];
    let result = verifier.verify_and_parse(headers, &body);
    if let Ok(event) = &result {
        // The payload is decoded only on request, so decode it here too.
        let _ = event.check_payload();
    }

    if sign {
        // A correctly signed delivery may fail to parse, but never fails
        // the signature or timestamp checks.
        assert!(
            !matches!(
                result,
                Err(WebhookError::InvalidSignature
                    | WebhookError::MalformedSignatureHeader { .. }
                    | WebhookError::MalformedTimestamp { .. }
                    | WebhookError::TooOld { .. }
                    | WebhookError::InFuture { .. })
            ),
            "a signed delivery failed verification: {result:?}"
        );
    }
});
