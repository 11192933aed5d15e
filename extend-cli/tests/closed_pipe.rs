//! A reader that closes stdout early (`extend ... | head -1`) ends the
//! command quietly with exit code 0, not with "Broken pipe" and exit 1.

mod support;

use std::process::{Command, Stdio};

/// Runs `extend` with stdout on a pipe whose read end is closed right after
/// the start, so the first write fails with EPIPE, and returns (exit code,
/// stderr).
fn run_with_closed_stdout(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("extend"))
        .args(args)
        .env_remove("EXTEND_API_KEY")
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());

    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn completions_closed_pipe_quiet() {
    let (code, stderr) = run_with_closed_stdout(&["completions", "bash"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn parse_closed_pipe_quiet() {
    let invoice = support::sample("invoice.pdf");
    let (code, stderr) = run_with_closed_stdout(&["--emulator", "-q", "parse", &invoice]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
