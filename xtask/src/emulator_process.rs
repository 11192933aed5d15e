//! The emulator binary as a child process, for tasks that measure or
//! check a client in another process.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The release binary, for benchmarks; `cargo build --release -p extend-emulator`.
pub(crate) const RELEASE_BINARY: &str = "target/release/extend-emulator";
/// The debug binary, for checks; `cargo build -p extend-emulator`.
pub(crate) const DEBUG_BINARY: &str = "target/debug/extend-emulator";
/// The line the emulator binary prints once it listens.
const LISTENING_PREFIX: &str = "Extend emulator listening on ";

/// A running emulator on an OS-assigned port of 127.0.0.1; dropping it
/// kills the process.
pub(crate) struct EmulatorProcess {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub(crate) base_url: String,
}

impl EmulatorProcess {
    /// Starts the emulator `binary` with extra `args` (such as `--speed 20`)
    /// and `RUST_LOG` set to `log_filter`, and reads its address.
    ///
    /// # Errors
    ///
    /// A message naming the binary when it cannot start, or the line it
    /// printed when that line contains no address.
    pub(crate) fn start(
        binary: impl AsRef<Path>,
        args: &[&str],
        log_filter: &str,
    ) -> Result<Self, String> {
        let binary = binary.as_ref().display().to_string();
        let mut child = Command::new(&binary)
            .args(["--port", "0"])
            .args(args)
            .env("RUST_LOG", log_filter)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|err| format!("could not start {binary}: {err}"))?;
        let stdout = child.stdout.take();
        let mut emulator = EmulatorProcess {
            child,
            base_url: String::new(),
        };
        let Some(stdout) = stdout else {
            return Err("the emulator's stdout is not captured".to_owned());
        };

        let mut line = String::new();
        if let Err(err) = BufReader::new(stdout).read_line(&mut line) {
            return Err(format!("could not read the emulator's address: {err}"));
        }
        match line.trim().strip_prefix(LISTENING_PREFIX) {
            Some(base_url) => {
                emulator.base_url = base_url.to_owned();
                Ok(emulator)
            }
            None => Err(format!(
                "{binary} did not print {LISTENING_PREFIX:?}; it printed {line:?}"
            )),
        }
    }
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        // The process may already have exited; either way it is gone after this.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
