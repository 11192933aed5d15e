//! The emulator in another process, with the soak's fault rules,
//! and the faults it logs.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::thread::JoinHandle;

/// Emulator speed: a one-page run takes 2 s (1 s at speed 1.0), so each
/// wait polls two or three times and meets more faults.
const EMULATOR_SPEED: &str = "0.5";

/// The emulator's fault rules. Each rule draws on its own, in order, so
/// about 9.6% of responses are faulted (1 minus the product of the misses).
const EMULATOR_FAULTS: &[&str] = &[
    "429:0.03",
    "502:0.02",
    "503:0.02",
    "drop:0.015",
    "slow-1500:0.015",
];

/// Faults the emulator logged, counted from its stderr.
#[derive(Debug, Default)]
pub(crate) struct InjectedFaults {
    pub(crate) rate_limits: u64,
    pub(crate) server_errors: u64,
    pub(crate) slow: u64,
    pub(crate) dropped: u64,
    pub(crate) runs_created: u64,
}

/// The emulator with the soak's fault rules, in another process.
pub(crate) struct FaultyEmulator {
    child: Child,
    log_reader: Option<JoinHandle<InjectedFaults>>,
}

impl FaultyEmulator {
    /// Starts the emulator `binary` on an OS-assigned port and returns its
    /// base URL.
    pub(crate) fn start(binary: &str, seed: u64) -> Result<(Self, String), String> {
        let mut command = Command::new(binary);
        command
            .args(["--port", "0", "--speed", EMULATOR_SPEED])
            .args(["--fault-seed", &seed.to_string()]);
        for fault in EMULATOR_FAULTS {
            command.args(["--fault", fault]);
        }
        let mut child = command
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("could not start {binary}: {error}"))?;
        let stdout = child.stdout.take().ok_or("the emulator has no stdout")?;
        let stderr = child.stderr.take().ok_or("the emulator has no stderr")?;
        let emulator = FaultyEmulator {
            child,
            log_reader: Some(std::thread::spawn(move || count_faults(stderr))),
        };

        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|error| format!("could not read the emulator's address: {error}"))?;
        let base_url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://127.0.0.1:"))
            .ok_or_else(|| format!("the emulator printed no address: {line:?}"))?
            .to_owned();
        Ok((emulator, base_url))
    }

    /// Stops the emulator and returns the faults it logged.
    pub(crate) fn stop(mut self) -> InjectedFaults {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.log_reader
            .take()
            .and_then(|reader| reader.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for FaultyEmulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Counts the emulator's fault and create log lines until its stderr closes.
///
/// NOTE: the emulator has no fault counter, so this matches its log
/// messages. If "run created" is reworded the create check fails, but a
/// reworded fault message only makes that fault count read 0.
fn count_faults(stderr: ChildStderr) -> InjectedFaults {
    let mut faults = InjectedFaults::default();
    for line in BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        if line.contains("injecting a 429") {
            faults.rate_limits += 1;
        } else if line.contains("injecting a server error") {
            faults.server_errors += 1;
        } else if line.contains("injecting a slow response") {
            faults.slow += 1;
        } else if line.contains("injecting a dropped connection") {
            faults.dropped += 1;
        } else if line.contains("run created") {
            faults.runs_created += 1;
        }
    }
    faults
}
