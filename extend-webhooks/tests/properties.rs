//! Properties of verification over arbitrary input.

use extend_webhooks::{
    parse_unverified, FixedClock, Signer, Verifier, WebhookError, SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
};
use proptest::prelude::*;

const SECRET: &str = "wss_property_secret";
const NOW: u64 = 1_700_000_000;

fn verifier() -> Verifier {
    Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .allow_signed_url(true)
        .build()
        .unwrap()
}

/// Header names: the two real ones in random letter case, and noise.
fn header_name() -> impl Strategy<Value = String> {
    let real = prop_oneof![Just(TIMESTAMP_HEADER), Just(SIGNATURE_HEADER)].prop_flat_map(|name| {
        proptest::collection::vec(any::<bool>(), name.len()).prop_map(move |upper| {
            name.chars()
                .zip(upper)
                .map(|(c, up)| if up { c.to_ascii_uppercase() } else { c })
                .collect::<String>()
        })
    });
    prop_oneof![real, "[a-z-]{0,24}"]
}

/// Header values: arbitrary bytes, numbers near the clock, and hex lists.
fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..80),
        (NOW - 400..NOW + 400).prop_map(|n| n.to_string().into_bytes()),
        "[0-9a-fA-F, ]{0,700}".prop_map(String::into_bytes),
    ]
}

/// Bodies: arbitrary bytes, and JSON-looking text.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        r#"\{"eventId":"[a-z0-9_]{0,8}","eventType":"[a-z_.]{0,30}","payload":[\[\]{}":,a-z0-9 ]{0,60}\}"#
            .prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_input_never_panics(
        headers in proptest::collection::vec((header_name(), header_value()), 0..12),
        body in body(),
    ) {
        let result = verifier().verify_and_parse(headers.iter().map(|(k, v)| (k, v)), &body);
        // Nothing here is signed with the secret, so only a forged match
        // could succeed.
        prop_assert!(result.is_err());
        let _ = parse_unverified(&body);
    }

    #[test]
    fn signed_arbitrary_body_verifies(
        body in body(),
        offset in -60i64..=300,
    ) {
        let timestamp = NOW.checked_add_signed(-offset).unwrap();
        let signed = Signer::new(SECRET).unwrap().sign(timestamp, &body);
        prop_assert!(verifier().verify(signed.pairs(), &body).is_ok());

        // Parsing may fail on arbitrary bytes, but only with a body error.
        match verifier().verify_and_parse(signed.pairs(), &body) {
            Ok(_) => {}
            Err(error) => prop_assert!(!error.is_authentication_failure(), "{error:?}"),
        }
    }

    #[test]
    fn any_flipped_bit_fails(
        body in proptest::collection::vec(any::<u8>(), 1..256),
        index in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let signed = Signer::new(SECRET).unwrap().sign(NOW, &body);
        let mut tampered = body.clone();
        tampered[index.index(body.len())] ^= 1 << bit;

        let error = verifier().verify(signed.pairs(), &tampered).unwrap_err();
        prop_assert!(matches!(error, WebhookError::InvalidSignature), "{error:?}");
    }
}
