//! The machine and toolchain a benchmark ran on, for the header of
//! BENCHMARKS.md. Reads Linux's /proc and /etc/os-release; a value that
//! cannot be read is shown as "unknown".

use std::path::Path;
use std::process::Command;

/// One line per fact: label and value.
pub(crate) type Facts = Vec<(&'static str, String)>;

/// Collects the CPU, memory, OS and tool versions. `python` is the
/// interpreter of the benchmark's virtual environment.
pub(crate) fn describe(python: &Path) -> Facts {
    let cores = std::thread::available_parallelism()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "unknown".to_owned());
    vec![
        ("CPU", cpu_model()),
        ("nproc", cores),
        ("RAM", memory_total()),
        ("OS", operating_system()),
        ("Load average at start (1, 5, 15 min)", load_average()),
        (
            "rustc",
            tool_version(Command::new("rustc").arg("--version")),
        ),
        (
            "Python",
            tool_version(Command::new(python).arg("--version")),
        ),
        ("Node", tool_version(Command::new("node").arg("--version"))),
    ]
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn cpu_model() -> String {
    read("/proc/cpuinfo")
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, model)| model.trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn memory_total() -> String {
    let kib = read("/proc/meminfo")
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        });
    match kib {
        Some(kib) => format!("{:.1} GiB", kib / (1024.0 * 1024.0)),
        None => "unknown".to_owned(),
    }
}

fn operating_system() -> String {
    let release = read("/etc/os-release");
    let name = release
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|value| value.trim_matches('"').to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    let kernel = read("/proc/sys/kernel/osrelease");
    format!("{name}, Linux {}", kernel.trim())
}

fn load_average() -> String {
    let loadavg = read("/proc/loadavg");
    let fields: Vec<&str> = loadavg.split_whitespace().take(3).collect();
    if fields.len() == 3 {
        fields.join(", ")
    } else {
        "unknown".to_owned()
    }
}

fn tool_version(command: &mut Command) -> String {
    match command.output() {
        Ok(output) if output.status.success() => {
            // Python 3.4 and older print the version on stderr.
            let text = if output.stdout.is_empty() {
                output.stderr
            } else {
                output.stdout
            };
            String::from_utf8_lossy(&text).trim().to_owned()
        }
        _ => "unknown".to_owned(),
    }
}
