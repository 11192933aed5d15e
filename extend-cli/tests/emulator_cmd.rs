//! `extend emulator` in the foreground, used by a second `extend` process,
//! and the commands that run against `--emulator` directly.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command as ProcessCommand, Stdio};

use support::{extend, run, sample};

#[test]
fn emulator_serves_until_interrupt() {
    let mut child = ProcessCommand::new(assert_cmd::cargo::cargo_bin("extend"))
        .args(["emulator", "--port", "0", "--speed", "50"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut base_url = String::new();
    stdout.read_line(&mut base_url).unwrap();
    let base_url = base_url.trim().to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");

    let against_emulator = |args: &[&str]| {
        run(extend()
            .env("EXTEND_API_KEY", "sk_any")
            .args(["--base-url", &base_url])
            .args(args))
    };

    let uploaded = against_emulator(&["files", "upload", &sample("notes.txt")]);
    assert_eq!(uploaded.code, 0, "{}", uploaded.stderr);
    let file_id = uploaded.json()["id"].as_str().unwrap().to_owned();

    let file = against_emulator(&["files", "get", &file_id]);
    assert_eq!(file.code, 0, "{}", file.stderr);
    assert_eq!(file.json()["id"], file_id.as_str());

    let created = against_emulator(&["parse", &file_id, "--no-wait"]);
    assert_eq!(created.code, 0, "{}", created.stderr);
    let run_id = created.json()["id"].as_str().unwrap().to_owned();

    let watched = against_emulator(&["runs", "watch", &run_id]);
    assert_eq!(watched.code, 0, "{}", watched.stderr);
    assert_eq!(watched.json()["status"], "PROCESSED");

    let fetched = against_emulator(&["-o", "raw", "runs", "get", &run_id]);
    assert_eq!(fetched.code, 0, "{}", fetched.stderr);
    assert_eq!(fetched.stdout.lines().count(), 1, "{}", fetched.stdout);
    assert_eq!(fetched.json()["status"], "PROCESSED");

    let interrupted = ProcessCommand::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn files_upload_prints_file() {
    let outcome = run(extend().args(["--emulator", "files", "upload", &sample("invoice.pdf")]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let file = outcome.json();
    assert!(file["id"].as_str().unwrap().starts_with("file_"), "{file}");
}

#[test]
fn upload_empty_file_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.pdf");
    std::fs::write(&path, b"").unwrap();
    let outcome = run(extend().args(["--emulator", "files", "upload", path.to_str().unwrap()]));
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("empty"), "{}", outcome.stderr);
}

#[test]
fn extract_no_wait_returns_pending() {
    let outcome = run(extend().args([
        "--emulator",
        "extract",
        &sample("invoice.pdf"),
        "--schema",
        &sample("invoice-schema.json"),
        "--no-wait",
    ]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let run = outcome.json();
    assert_eq!(run["status"], "PENDING");
    assert!(run["id"].as_str().unwrap().starts_with("exr_"), "{run}");
}

#[test]
fn piped_stdout_is_one_json_document() {
    let outcome = run(extend().args(["--emulator", "parse", &sample("invoice.pdf")]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(!outcome.stdout.contains('\u{1b}'), "escape bytes in stdout");
    let mut documents =
        serde_json::Deserializer::from_str(&outcome.stdout).into_iter::<serde_json::Value>();
    assert!(documents.next().unwrap().is_ok());
    assert!(documents.next().is_none(), "more than one JSON document");
}

#[test]
fn yaml_and_id_formats() {
    let yaml = run(extend().args(["--emulator", "-o", "yaml", "parse", &sample("notes.txt")]));
    assert_eq!(yaml.code, 0, "{}", yaml.stderr);
    assert!(yaml.stdout.contains("status: PROCESSED"), "{}", yaml.stdout);

    let id = run(extend().args(["--emulator", "-o", "id", "parse", &sample("notes.txt")]));
    assert_eq!(id.code, 0, "{}", id.stderr);
    assert!(id.stdout.starts_with("pr_"), "{}", id.stdout);
    assert_eq!(id.stdout.lines().count(), 1, "{}", id.stdout);
}

#[test]
fn emulator_ignores_key_in_environment() {
    let outcome = run(extend()
        .env("EXTEND_API_KEY", "sk_live_not_for_the_emulator")
        .env("EXTEND_BASE_URL", "http://127.0.0.1:9")
        .args(["--emulator", "parse", &sample("notes.txt")]));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.json()["status"], "PROCESSED");
}
