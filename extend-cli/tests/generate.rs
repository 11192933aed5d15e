//! Shell completions and the man page come from the clap definitions.

mod support;

use support::{extend, run};

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let outcome = run(extend().args(["completions", shell]));
        assert_eq!(outcome.code, 0, "{shell}: {}", outcome.stderr);
        assert!(outcome.stdout.contains("extend"), "{shell}");
        assert!(
            outcome.stdout.contains("webhooks"),
            "{shell}: subcommands missing"
        );
    }
}

#[test]
fn man_page_lists_commands() {
    let outcome = run(extend().arg("man"));
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome.stdout.starts_with(".ie") || outcome.stdout.contains(".TH"),
        "{}",
        &outcome.stdout[..200.min(outcome.stdout.len())]
    );
    assert!(outcome.stdout.contains("extend"));
    assert!(outcome.stdout.contains("completions"));
}

#[test]
fn unknown_shell_is_usage_error() {
    let outcome = run(extend().args(["completions", "cmd.exe"]));
    assert_eq!(outcome.code, 2);
}
