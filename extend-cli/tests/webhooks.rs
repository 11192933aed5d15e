//! `extend webhooks verify` and `extend webhooks listen` with deliveries
//! signed by the library's `Signer`.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{SystemTime, UNIX_EPOCH};

use extend_webhooks::Signer;
use support::{extend, run};

const SECRET: &str = "wss_cli_test_secret";
/// A delivery with an unknown field, a nested unknown field and a whole
/// number, which the CLI must print as sent.
const BODY: &str = r#"{"eventId":"evt_1","eventType":"parse_run.processed","futureField":{"a":1},"payload":{"object":"parse_run_status","id":"pr_1","status":"PROCESSED","futureNested":{"pageCount":2}}}"#;

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Returns the timestamp and signature header values for `BODY` at `at`.
fn signed(at: u64) -> (String, String) {
    signed_body(BODY, at)
}

/// Returns the timestamp and signature header values for `body` at `at`.
fn signed_body(body: &str, at: u64) -> (String, String) {
    let headers = Signer::new(SECRET).unwrap().sign(at, body.as_bytes());
    let pairs = headers.pairs();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(header, _)| *header == name)
            .map(|(_, value)| (*value).to_owned())
            .unwrap()
    };
    (
        value(extend_webhooks::TIMESTAMP_HEADER),
        value(extend_webhooks::SIGNATURE_HEADER),
    )
}

/// Runs `webhooks verify` with the body on stdin and the secret from the
/// environment.
fn verify(secret: &str, timestamp: &str, signature: &str, extra: &[&str]) -> support::Outcome {
    let output = extend()
        .env("EXTEND_WEBHOOK_SECRET", secret)
        .args([
            "webhooks",
            "verify",
            "--timestamp",
            timestamp,
            "--signature",
            signature,
        ])
        .args(extra)
        .write_stdin(BODY)
        .output()
        .unwrap();
    support::Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn verify_valid_prints_event() {
    let (timestamp, signature) = signed(now());
    let outcome = verify(SECRET, &timestamp, &signature, &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let event = outcome.json();
    assert_eq!(event["eventId"], "evt_1");
    assert_eq!(event["eventType"], "parse_run.processed");
}

#[test]
fn verify_prints_body_as_sent() {
    let (timestamp, signature) = signed(now());
    let outcome = verify(SECRET, &timestamp, &signature, &["-o", "raw"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.stdout.trim_end(), BODY);
}

#[test]
fn verify_secret_is_trimmed() {
    let (timestamp, signature) = signed(now());
    let outcome = verify(&format!("  {SECRET}\n"), &timestamp, &signature, &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
}

#[test]
fn verify_body_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("body.json");
    std::fs::write(&path, BODY).unwrap();
    let (timestamp, signature) = signed(now());
    let outcome = run(extend().args([
        "webhooks",
        "verify",
        "--secret",
        SECRET,
        "--timestamp",
        &timestamp,
        "--signature",
        &signature,
        "--body-file",
        path.to_str().unwrap(),
    ]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
}

#[test]
fn verify_wrong_secret_rejected() {
    let (timestamp, signature) = signed(now());
    let outcome = verify("wss_other_secret", &timestamp, &signature, &[]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("signature does not match"),
        "{}",
        outcome.stderr
    );
    assert!(
        !outcome.stderr.contains("wss_other_secret"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stdout.is_empty());
}

#[test]
fn verify_too_old_and_future_differ() {
    let (old_timestamp, old_signature) = signed(now() - 600);
    let old = verify(SECRET, &old_timestamp, &old_signature, &[]);
    assert_eq!(old.code, 1, "{}", old.stderr);
    assert!(old.stderr.contains("s old"), "{}", old.stderr);

    let (future_timestamp, future_signature) = signed(now() + 600);
    let future = verify(SECRET, &future_timestamp, &future_signature, &[]);
    assert_eq!(future.code, 1, "{}", future.stderr);
    assert!(future.stderr.contains("in the future"), "{}", future.stderr);
}

#[test]
fn verify_max_age_bounds() {
    let (timestamp, signature) = signed(now() - 100);
    let inside = verify(SECRET, &timestamp, &signature, &["--max-age", "200"]);
    assert_eq!(inside.code, 0, "{}", inside.stderr);

    let outside = verify(SECRET, &timestamp, &signature, &["--max-age", "50"]);
    assert_eq!(outside.code, 1, "{}", outside.stderr);

    let (old_timestamp, old_signature) = signed(now() - 100_000);
    let disabled = verify(SECRET, &old_timestamp, &old_signature, &["--max-age", "0"]);
    assert_eq!(disabled.code, 0, "{}", disabled.stderr);
}

#[test]
fn verify_wrong_shape_payload_rejected() {
    let body = BODY.replace(r#""id":"pr_1""#, r#""id":42"#);
    let (timestamp, signature) = signed_body(&body, now());
    let output = extend()
        .env("EXTEND_WEBHOOK_SECRET", SECRET)
        .args([
            "webhooks",
            "verify",
            "--timestamp",
            &timestamp,
            "--signature",
            &signature,
        ])
        .write_stdin(body)
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("webhook payload does not decode as ParseRunStatus"),
        "{stderr}"
    );
}

#[test]
fn verify_malformed_flags_named() {
    let (_, signature) = signed(now());
    let outcome = verify(SECRET, "abc", &signature, &[]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(r#"--timestamp "abc""#),
        "{}",
        outcome.stderr
    );

    let (timestamp, _) = signed(now());
    let outcome = verify(SECRET, &timestamp, "zz", &[]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("--signature: "),
        "{}",
        outcome.stderr
    );
}

#[test]
fn verify_blank_secret_is_usage_error() {
    let (timestamp, signature) = signed(now());
    let outcome = verify("   ", &timestamp, &signature, &[]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("--secret"), "{}", outcome.stderr);
}

#[test]
fn listen_verifies_each_delivery() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("extend"))
        .args([
            "webhooks",
            "listen",
            "--secret",
            SECRET,
            "--port",
            "0",
            "--max-events",
            "1",
        ])
        .env_remove("EXTEND_WEBHOOK_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut banner = String::new();
    stderr.read_line(&mut banner).unwrap();
    let url = banner
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {banner:?}"))
        .to_owned();

    // Read stdout while deliveries arrive: the 3 MiB line does not fit in
    // the pipe, and the receiver responds only after printing it.
    let mut stdout_pipe = child.stdout.take().unwrap();
    let stdout_reader = std::thread::spawn(move || {
        let mut stdout = String::new();
        std::io::Read::read_to_string(&mut stdout_pipe, &mut stdout).unwrap();
        stdout
    });

    // A parse_run.processed event of 3 MiB: over axum's default body limit
    // of 2 MiB, under the verifier's 10 MiB.
    let large = BODY.replace(
        r#""status":"PROCESSED""#,
        &format!(r#""status":"PROCESSED","note":"{}""#, "x".repeat(3 << 20)),
    );
    let too_large = large.replace(&"x".repeat(3 << 20), &"x".repeat(11 << 20));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let http = reqwest::Client::new();
    let post = |body: String| {
        let (timestamp, signature) = signed_body(&body, now());
        let request = http
            .post(&url)
            .header("x-extend-request-timestamp", timestamp)
            .header("x-extend-request-signature", signature)
            .body(body);
        async move { request.send().await.unwrap().status().as_u16() }
    };
    let (timestamp, _) = signed(now());
    let statuses = runtime.block_on(async {
        let forged = http
            .post(&url)
            .header("x-extend-request-timestamp", &timestamp)
            .header("x-extend-request-signature", "00")
            .body(BODY)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        let wrong_shape = post(BODY.replace(r#""id":"pr_1""#, r#""id":42"#)).await;
        let over_limit = post(too_large).await;
        let accepted = post(large.clone()).await;
        [forged, wrong_shape, over_limit, accepted]
    });
    assert_eq!(statuses, [401, 400, 413, 200]);

    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let stdout = stdout_reader.join().unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{} lines", lines.len());
    assert!(lines[0] == large, "the printed line is not the 3 MiB body");

    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert_eq!(rest.matches("rejected").count(), 3, "{rest}");
    assert!(rest.contains("10485760"), "{rest}");
    let _ = std::io::stderr().flush();
}

#[test]
fn listen_closed_stdout_stops() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("extend"))
        .args(["webhooks", "listen", "--secret", SECRET, "--port", "0"])
        .env_remove("EXTEND_WEBHOOK_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut banner = String::new();
    stderr.read_line(&mut banner).unwrap();
    let url = banner
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {banner:?}"))
        .to_owned();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (timestamp, signature) = signed(now());
    let status = runtime.block_on(async {
        reqwest::Client::new()
            .post(&url)
            .header("x-extend-request-timestamp", &timestamp)
            .header("x-extend-request-signature", &signature)
            .body(BODY)
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status.as_u16(), 503);

    let output = child.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert_eq!(output.status.code(), Some(0), "{rest}");
    assert!(!rest.contains("Broken pipe"), "{rest}");
}
