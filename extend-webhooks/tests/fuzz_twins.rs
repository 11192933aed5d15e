//! Proptest twin of the `verify_and_parse` fuzz target: arbitrary header
//! values and bodies, signed or not, through `Verifier::verify_and_parse`.
//! Besides never panicking, verification must accept exactly the bodies the
//! secret signed inside the time window.

use extend_webhooks::{
    FixedClock, Signer, Verifier, WebhookError, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
use proptest::collection::vec;
use proptest::prelude::*;

const SECRET: &str = "wss_twin_secret";
const NOW: u64 = 1_700_000_000;

fn verifier() -> Verifier {
    Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .unwrap()
}

fn verify(timestamp: &str, signature: &str, body: &[u8]) -> Result<(), WebhookError> {
    let headers = [(TIMESTAMP_HEADER, timestamp), (SIGNATURE_HEADER, signature)];
    // The payload is decoded only on request, so decode it here too; a
    // payload error is not a verification error.
    let event = verifier().verify_and_parse(headers, body)?;
    let _ = event.check_payload();
    Ok(())
}

/// Returns whether the error comes from the signature or timestamp checks, as
/// opposed to parsing a body that passed them.
fn is_verification_error(error: &WebhookError) -> bool {
    matches!(
        error,
        WebhookError::MissingHeader { .. }
            | WebhookError::InvalidSignature
            | WebhookError::MalformedSignatureHeader { .. }
            | WebhookError::MalformedTimestamp { .. }
            | WebhookError::TooOld { .. }
            | WebhookError::InFuture { .. }
    )
}

/// Bodies that are mostly JSON envelopes, some valid and some not.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..256),
        ("\\PC{0,12}", "[a-z_.]{0,24}", "\\PC{0,40}").prop_map(|(id, event_type, payload)| {
            format!(r#"{{"eventId":"{id}","eventType":"{event_type}","payload":{payload}}}"#)
                .into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_headers_never_verify(
        timestamp in "\\PC{0,24}",
        signature in "\\PC{0,80}",
        body in body(),
    ) {
        let result = verify(&timestamp, &signature, &body);
        let verified = !matches!(&result, Err(error) if is_verification_error(error));
        prop_assert!(!verified, "unsigned delivery verified: {:?}", result);
    }

    #[test]
    fn random_hex_signature_rejected(
        signature in "[0-9a-f]{64}",
        body in body(),
    ) {
        let result = verify(&NOW.to_string(), &signature, &body);
        prop_assert!(matches!(result, Err(WebhookError::InvalidSignature)), "{:?}", result);
    }

    #[test]
    fn signed_body_passes_verification(body in body(), age in 0u64..=300) {
        let signed = Signer::new(SECRET).unwrap().sign(NOW - age, &body);
        let result = verify(&signed.timestamp, &signed.signature, &body);
        let failed_verification = matches!(&result, Err(error) if is_verification_error(error));
        prop_assert!(!failed_verification, "signed delivery rejected: {:?}", result);
    }

    #[test]
    fn tampered_body_rejected(body in vec(any::<u8>(), 1..256), position in any::<usize>(), flip in 1u8..=255) {
        let signed = Signer::new(SECRET).unwrap().sign(NOW, &body);
        let mut tampered = body.clone();
        let index = position % tampered.len();
        tampered[index] ^= flip;

        let result = verify(&signed.timestamp, &signed.signature, &tampered);
        prop_assert!(matches!(result, Err(WebhookError::InvalidSignature)), "{:?}", result);
    }

    #[test]
    fn stale_or_future_rejected(body in body(), offset in 61u64..100_000, stale in any::<bool>()) {
        let timestamp = if stale { NOW - 240 - offset } else { NOW + offset };
        let signed = Signer::new(SECRET).unwrap().sign(timestamp, &body);

        let result = verify(&signed.timestamp, &signed.signature, &body);
        let window_error = matches!(
            result,
            Err(WebhookError::TooOld { .. } | WebhookError::InFuture { .. })
        );
        prop_assert!(window_error, "{:?}", result);
    }
}
