//! Runs every `extend` command of the README's "Command-line tool" section
//! against `--emulator`, so the documented examples keep working.

mod support;

use support::{extend, run, workspace_root};

/// Returns the commands of the first `sh` block after the heading.
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let section = readme
        .split("## Command-line tool")
        .nth(1)
        .expect("README has a \"## Command-line tool\" section");
    let block = section
        .split("```sh")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the section has an sh code block");
    block
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("extend "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn readme_examples_run() {
    let commands = readme_commands();
    assert!(commands.len() >= 3, "{commands:?}");
    for line in commands {
        assert!(
            line.contains("--emulator"),
            "README example without --emulator: {line}"
        );
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let outcome = run(extend().current_dir(workspace_root()).args(&args));
        assert_eq!(outcome.code, 0, "{line}\n{}", outcome.stderr);
        assert!(!outcome.stdout.is_empty(), "{line} printed nothing");
    }
}
