//! A user who only verifies webhooks compiles no HTTP client and no async
//! runtime. Checked on the resolved dependency graph with `cargo tree`.

use std::collections::BTreeSet;
use std::process::Command;

/// Returns the names of every normal (non-dev, non-build) dependency of the
/// umbrella crate built with exactly `features`.
fn dependency_names(features: &str) -> BTreeSet<String> {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "extend",
            "--no-default-features",
            "--features",
            features,
        ])
        .args(["-e", "normal", "--prefix", "none"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("cargo tree prints UTF-8")
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn webhooks_only_has_no_http_stack() {
    let names = dependency_names("webhooks");

    assert!(names.contains("extend-webhooks"), "{names:?}");
    for forbidden in ["reqwest", "hyper", "tokio", "axum"] {
        assert!(
            !names.contains(forbidden),
            "{forbidden} in the webhooks-only build: {names:?}"
        );
    }
}

#[test]
fn default_features_have_http_stack() {
    // The check above must be able to fail: the default build does pull them in.
    let names = dependency_names("http,poll,rustls");

    assert!(names.contains("reqwest"), "{names:?}");
    assert!(names.contains("tokio"), "{names:?}");
}
