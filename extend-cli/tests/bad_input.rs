//! Bad input exits non-zero with one line that names the path, before any
//! request is sent.

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../samples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A listener that counts connections: the CLI is pointed at it, so any
/// connection means something was sent.
struct Tripwire {
    listener: TcpListener,
}

impl Tripwire {
    fn new() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        Tripwire { listener }
    }

    fn base_url(&self) -> String {
        format!("http://{}", self.listener.local_addr().unwrap())
    }

    fn connections(&self) -> usize {
        std::thread::sleep(Duration::from_millis(50));
        std::iter::from_fn(|| self.listener.accept().ok()).count()
    }
}

/// Runs `extend` against the tripwire and returns (exit code, stderr).
fn run(tripwire: &Tripwire, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("extend")
        .unwrap()
        .env("EXTEND_API_KEY", "sk_test_key")
        .env("EXTEND_BASE_URL", tripwire.base_url())
        .args(args)
        .output()
        .unwrap();
    assert!(output.stdout.is_empty(), "stdout should be empty on error");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn assert_one_line_naming(stderr: &str, needle: &str) {
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(needle), "{needle} not in {stderr}");
}

#[test]
fn missing_path() {
    let tripwire = Tripwire::new();
    let (code, stderr) = run(&tripwire, &["parse", "no-such-invoice.pdf"]);
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "no-such-invoice.pdf: no such file");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn directory_path() {
    let tripwire = Tripwire::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let (code, stderr) = run(&tripwire, &["parse", path]);
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "is a directory");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn empty_file() {
    let tripwire = Tripwire::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.pdf");
    std::fs::write(&path, b"").unwrap();
    let (code, stderr) = run(&tripwire, &["parse", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "empty.pdf: the file is empty");
    assert_eq!(tripwire.connections(), 0);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.pdf");
    std::fs::write(&path, b"%PDF-1.4").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        eprintln!("skipped: this user (root?) can read a mode-000 file");
        return;
    }
    let tripwire = Tripwire::new();
    let (code, stderr) = run(&tripwire, &["parse", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "locked.pdf");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn schema_missing() {
    let tripwire = Tripwire::new();
    let invoice = sample("invoice.pdf");
    let (code, stderr) = run(
        &tripwire,
        &["extract", &invoice, "--schema", "no-such-schema.json"],
    );
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "schema no-such-schema.json: no such file");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn schema_not_json() {
    let tripwire = Tripwire::new();
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema.json");
    std::fs::write(&schema, b"{ not json").unwrap();
    let invoice = sample("invoice.pdf");
    let (code, stderr) = run(
        &tripwire,
        &["extract", &invoice, "--schema", schema.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "schema.json: not valid JSON");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn missing_api_key_names_variable() {
    let output = Command::cargo_bin("extend")
        .unwrap()
        .env_remove("EXTEND_API_KEY")
        .args(["parse", &sample("invoice.pdf")])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("EXTEND_API_KEY"), "{stderr}");
    assert!(stderr.contains("--emulator"), "{stderr}");
}

#[test]
fn unknown_command_is_usage_error() {
    let output = Command::cargo_bin("extend")
        .unwrap()
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("Usage"));
}

#[test]
fn unknown_flag_is_usage_error() {
    let output = Command::cargo_bin("extend")
        .unwrap()
        .args(["parse", "--frobnicate", "x.pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn max_wait_zero_sends_nothing() {
    let tripwire = Tripwire::new();
    let invoice = sample("invoice.pdf");
    let (code, stderr) = run(&tripwire, &["--max-wait", "0", "parse", &invoice]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--max-wait"), "{stderr}");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn bad_metadata_sends_nothing() {
    let tripwire = Tripwire::new();
    let invoice = sample("invoice.pdf");
    let (code, stderr) = run(
        &tripwire,
        &[
            "run",
            &invoice,
            "--workflow",
            "workflow_1",
            "--metadata",
            "[1]",
        ],
    );
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "--metadata");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn schema_not_object_schema() {
    let tripwire = Tripwire::new();
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("objekt.json");
    std::fs::write(&schema, br#"{"type":"objekt"}"#).unwrap();
    let invoice = sample("invoice.pdf");
    let (code, stderr) = run(
        &tripwire,
        &["extract", &invoice, "--schema", schema.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "objekt.json");
    assert!(stderr.contains("\"objekt\""), "{stderr}");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn max_page_size_zero_is_usage_error() {
    let tripwire = Tripwire::new();
    let (code, stderr) = run(
        &tripwire,
        &["runs", "list", "--type", "parse", "--max-page-size", "0"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--max-page-size"), "{stderr}");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn empty_api_key_flag_named() {
    let tripwire = Tripwire::new();
    let (code, stderr) = run(&tripwire, &["--api-key", "", "runs", "get", "pr_1"]);
    assert_eq!(code, 2);
    assert_one_line_naming(&stderr, "--api-key: the value is empty");
    assert!(!stderr.contains("environment variable (or"), "{stderr}");
    assert_eq!(tripwire.connections(), 0);
}

#[test]
fn empty_api_key_variable_named() {
    let tripwire = Tripwire::new();
    let output = Command::cargo_bin("extend")
        .unwrap()
        .env("EXTEND_API_KEY", "")
        .env("EXTEND_BASE_URL", tripwire.base_url())
        .args(["runs", "get", "pr_1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_one_line_naming(&stderr, "EXTEND_API_KEY is set but empty");
    assert_eq!(tripwire.connections(), 0);
}
