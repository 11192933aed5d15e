//! Secrets audit of the `extend` binary: run with `RUST_LOG=trace` and the
//! key in `EXTEND_API_KEY`, a full run against an emulator, a 401 and
//! webhook verification must not print the API key or the signing secret on
//! stdout or stderr.

mod support;

use std::time::{SystemTime, UNIX_EPOCH};

use extend_emulator::{Emulator, RunningEmulator};
use extend_webhooks::Signer;
use support::{extend, run, sample, Outcome};

/// The key the CLI sends. Each secret has a distinctive tail so that a leak
/// of part of it is found too.
const API_KEY: &str = "sk_cli_audit_client_H3nV8qD2";
/// The key the locked emulator accepts, different from [`API_KEY`].
const EMULATOR_KEY: &str = "sk_cli_audit_server_Z6cM1tK4";
const WEBHOOK_SECRET: &str = "wss_cli_audit_secret_F9gS5yW7";
const SECRET_TAILS: &[&str] = &["H3nV8qD2", "Z6cM1tK4", "F9gS5yW7"];

fn start_emulator(api_key: &str) -> (tokio::runtime::Runtime, RunningEmulator) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime
        .block_on(
            Emulator::builder()
                .speed(50.0)
                .api_key(Some(api_key))
                .start(),
        )
        .unwrap();
    (runtime, emulator)
}

/// Runs `extend` at `base_url` with the audit key and TRACE logs.
fn extend_traced(base_url: &str, args: &[&str]) -> Outcome {
    let mut command = extend();
    command
        .env("EXTEND_API_KEY", API_KEY)
        .env("RUST_LOG", "trace")
        .args(["--base-url", base_url])
        .args(args);
    run(&mut command)
}

fn assert_no_secret(label: &str, outcome: &Outcome) {
    for tail in SECRET_TAILS {
        assert!(
            !outcome.stdout.contains(tail),
            "stdout of {label} contains a secret ending {tail}"
        );
        assert!(
            !outcome.stderr.contains(tail),
            "stderr of {label} contains a secret ending {tail}"
        );
    }
}

#[test]
fn cli_full_run_hides_key() {
    let (_runtime, emulator) = start_emulator(API_KEY);

    let outcome = extend_traced(emulator.base_url(), &["parse", &sample("invoice.pdf")]);

    assert_eq!(outcome.code, 0, "stderr:\n{}", outcome.stderr);
    assert_eq!(outcome.json()["status"], "PROCESSED");
    assert!(outcome.stderr.contains("TRACE"), "stderr holds TRACE logs");
    assert_no_secret("parse", &outcome);
}

#[test]
fn cli_unauthorized_hides_key() {
    let (_runtime, emulator) = start_emulator(EMULATOR_KEY);

    let outcome = extend_traced(emulator.base_url(), &["runs", "get", "pr_audit"]);

    assert_eq!(outcome.code, 1, "stderr:\n{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("401"),
        "stderr:\n{}",
        outcome.stderr
    );
    assert_no_secret("runs get", &outcome);
}

#[test]
fn cli_webhook_verify_hides_secret() {
    let body = r#"{"eventId":"evt_audit","eventType":"parse_run.processed","payload":{"object":"parse_run_status","id":"pr_1","status":"PROCESSED"}}"#;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let signed = Signer::new(WEBHOOK_SECRET)
        .unwrap()
        .sign(now, body.as_bytes());

    for (label, signature) in [
        ("a valid signature", signed.signature.as_str()),
        ("a wrong signature", &"0".repeat(64)),
    ] {
        let outcome = run(extend()
            .env("EXTEND_WEBHOOK_SECRET", WEBHOOK_SECRET)
            .env("RUST_LOG", "trace")
            .args(["webhooks", "verify", "--timestamp", &signed.timestamp])
            .args(["--signature", signature])
            .write_stdin(body));

        let expected_code = if signature == signed.signature { 0 } else { 1 };
        assert_eq!(
            outcome.code, expected_code,
            "{label}; stderr:\n{}",
            outcome.stderr
        );
        assert_no_secret(label, &outcome);
    }
}
