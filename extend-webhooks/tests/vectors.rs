//! The shared webhook test vectors: each case gives its expected result.

use std::time::Duration;

use extend_webhooks::{FixedClock, Signer, Verifier, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    secret: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    body_utf8: String,
    timestamp: String,
    now: u64,
    signature: String,
    expect: String,
    max_age_seconds: Option<u64>,
}

fn vectors() -> Vectors {
    let text = include_str!("data/webhook-vectors.json");
    serde_json::from_str(text).expect("the vectors file is valid JSON")
}

fn verifier_for(secret: &str, case: &Case) -> Verifier {
    let mut builder = Verifier::builder()
        .secret(secret)
        .clock(FixedClock::new(case.now));
    if let Some(max_age) = case.max_age_seconds {
        builder = builder.max_age(Duration::from_secs(max_age));
    }
    builder.build().expect("the vector secret is valid")
}

#[test]
fn vectors_give_expected_result() {
    let vectors = vectors();
    assert!(vectors.cases.len() >= 12, "the vectors file lost cases");

    for case in &vectors.cases {
        let verifier = verifier_for(&vectors.secret, case);
        let headers = [
            (TIMESTAMP_HEADER, case.timestamp.as_str()),
            (SIGNATURE_HEADER, case.signature.as_str()),
        ];

        let result = verifier.verify(headers, case.body_utf8.as_bytes());
        let actual = match &result {
            Ok(()) => "ok",
            Err(error) => error.code(),
        };
        assert_eq!(actual, case.expect, "case {:?}: {result:?}", case.name);
    }
}

#[test]
fn vectors_upper_case_signature_accepted() {
    let vectors = vectors();

    for case in vectors.cases.iter().filter(|case| case.expect == "ok") {
        let verifier = verifier_for(&vectors.secret, case);
        let upper = case.signature.to_uppercase();
        let headers = [
            (TIMESTAMP_HEADER, case.timestamp.as_str()),
            (SIGNATURE_HEADER, upper.as_str()),
        ];

        let result = verifier.verify(headers, case.body_utf8.as_bytes());
        assert!(result.is_ok(), "case {:?}: {result:?}", case.name);
    }
}

#[test]
fn vectors_signer_reproduces_signatures() {
    let vectors = vectors();
    let signer = Signer::new(vectors.secret.as_str()).expect("the vector secret is valid");

    for case in vectors.cases.iter().filter(|case| case.expect == "ok") {
        let unix_seconds: u64 = case
            .timestamp
            .parse()
            .expect("ok cases have numeric timestamps");
        let signed = signer.sign(unix_seconds, case.body_utf8.as_bytes());
        assert_eq!(signed.signature, case.signature, "case {:?}", case.name);
    }
}
