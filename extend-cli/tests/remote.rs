//! Without `--emulator` the CLI talks to the base URL with the key from
//! EXTEND_API_KEY. Here that URL is an emulator that accepts only one key.

use std::path::PathBuf;

use assert_cmd::Command;
use extend_emulator::{Emulator, RunningEmulator};

const KEY: &str = "sk_remote_test_4f9a";

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../samples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn start() -> (tokio::runtime::Runtime, RunningEmulator) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime
        .block_on(
            Emulator::builder()
                .speed(20.0)
                .api_key(Some(KEY.to_owned()))
                .start(),
        )
        .unwrap();
    (runtime, emulator)
}

#[test]
fn key_from_environment() {
    let (_runtime, emulator) = start();
    let output = Command::cargo_bin("extend")
        .unwrap()
        .env("EXTEND_API_KEY", KEY)
        .args([
            "--base-url",
            emulator.base_url(),
            "parse",
            &sample("invoice.pdf"),
        ])
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let run: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(run["status"], "PROCESSED");
}

#[test]
fn wrong_key_exits_one_without_leaking() {
    let (_runtime, emulator) = start();
    let wrong_key = "sk_wrong_key_77c1";
    let output = Command::cargo_bin("extend")
        .unwrap()
        .env("EXTEND_API_KEY", wrong_key)
        .args([
            "--base-url",
            emulator.base_url(),
            "parse",
            &sample("invoice.pdf"),
        ])
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("401"), "{stderr}");
    assert!(!stderr.contains(wrong_key), "{stderr}");
    assert!(output.stdout.is_empty());
}
