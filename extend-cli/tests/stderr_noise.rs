//! stderr reports each problem once: no library WARN log beside the CLI's
//! own error line, no emulator logs under `--emulator`, and one summary line
//! for a FAILED run.

mod support;

use support::{extend, run, start_emulator};

/// Returns the lines of stderr that are not empty.
fn lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect()
}

#[test]
fn watch_not_found_one_line() {
    let (_runtime, emulator) = start_emulator(20.0);

    let outcome = run(support::extend_at(emulator.base_url()).args(["runs", "watch", "exr_nope"]));

    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert_eq!(lines(&outcome.stderr).len(), 1, "{}", outcome.stderr);
    assert!(outcome.stderr.starts_with("error: "), "{}", outcome.stderr);
    assert!(outcome.stderr.contains("exr_nope"), "{}", outcome.stderr);
    assert_eq!(
        outcome.stderr.matches("check the id").count(),
        1,
        "{}",
        outcome.stderr
    );
    assert!(!outcome.stderr.contains("WARN"), "{}", outcome.stderr);
}

#[test]
fn watch_not_found_verbose_logs() {
    let (_runtime, emulator) = start_emulator(20.0);

    let outcome =
        run(support::extend_at(emulator.base_url()).args(["-v", "runs", "watch", "exr_nope"]));

    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("WARN"), "{}", outcome.stderr);
}

#[test]
fn failed_run_one_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corrupt.pdf");
    std::fs::write(&path, b"%PDF-1.4 this is not a readable PDF").unwrap();

    let outcome = run(extend().args(["--emulator", "-q", "parse", path.to_str().unwrap()]));

    assert_eq!(outcome.code, 3, "{}", outcome.stderr);
    let stderr = lines(&outcome.stderr);
    assert_eq!(stderr.len(), 1, "{}", outcome.stderr);
    assert!(stderr[0].contains("failed"), "{}", outcome.stderr);
    let run = outcome.json();
    let reason = run["failureReason"]
        .as_str()
        .or_else(|| run["output"]["failureReason"].as_str())
        .unwrap_or_else(|| panic!("no failureReason in {run}"));
    assert!(stderr[0].contains(reason), "{}", outcome.stderr);
    assert!(!outcome.stderr.contains("WARN"), "{}", outcome.stderr);
}
