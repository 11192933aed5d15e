//! Runs one workload runner in a child process with a time limit and
//! collects the measurement lines it prints on stdout.

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::measure::Measurement;

/// How often a running child is checked for exit.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// Runs `command` to completion and returns its measurements. Stderr goes
/// to the terminal. The child is killed after `limit`.
pub(crate) fn run(
    command: &mut Command,
    name: &str,
    limit: Duration,
) -> Result<Vec<Measurement>, String> {
    eprintln!("xtask: bench: {name}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("could not start {name}: {err}"))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| format!("{name}: stdout is not captured"))?;
    // Read on another thread, so a child that prints a lot does not block
    // on a full pipe while this thread waits for it to exit.
    let reader = thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });

    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= limit => {
                // The child may exit between the check and the kill; either
                // way it is gone after wait.
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{name} did not finish within {} s and was stopped",
                    limit.as_secs()
                ));
            }
            Ok(None) => thread::sleep(POLL_INTERVAL),
            Err(err) => return Err(format!("could not wait for {name}: {err}")),
        }
    };
    let output = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(format!("{name} failed ({status})"));
    }
    let measurements: Vec<Measurement> = output
        .lines()
        .filter_map(Measurement::parse_line)
        .collect::<Result<_, _>>()?;
    if measurements.is_empty() {
        return Err(format!("{name} printed no measurement"));
    }
    Ok(measurements)
}
