//! Progress of a wait on stderr: a spinner on a terminal, plain lines otherwise.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How progress is shown.
enum Mode {
    /// A spinner with the status and the elapsed time (stderr is a terminal
    /// and `NO_COLOR` is unset).
    Spinner(ProgressBar),
    /// One line per status change.
    Lines,
    /// Nothing (`--quiet`).
    Quiet,
}

/// Reports each status change of a run on stderr.
pub(crate) struct Progress {
    mode: Mode,
    started: Instant,
    last_status: Option<String>,
}

impl Progress {
    /// Picks the display from `--quiet`, the terminal and `NO_COLOR`.
    pub(crate) fn new(quiet: bool) -> Self {
        let mode = if quiet {
            Mode::Quiet
        } else if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
            // NOTE: the integration tests run without a terminal, so they
            // cover the line display and not this spinner.
            let spinner = ProgressBar::new_spinner();
            // `{elapsed}` keeps counting between polls, which can be 30 s apart.
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                spinner.set_style(style);
            }
            spinner.enable_steady_tick(Duration::from_millis(100));
            Mode::Spinner(spinner)
        } else {
            Mode::Lines
        };
        Progress {
            mode,
            started: Instant::now(),
            last_status: None,
        }
    }

    /// Shows a step that is not a run status, such as an upload.
    pub(crate) fn step(&mut self, message: &str) {
        match &self.mode {
            Mode::Spinner(spinner) => spinner.set_message(message.to_owned()),
            Mode::Lines => eprintln_ignoring_errors(message),
            Mode::Quiet => {}
        }
    }

    /// Records a snapshot of a run; prints a line only when the status changed.
    pub(crate) fn update(&mut self, run_id: &str, status: &str) {
        if let Mode::Spinner(spinner) = &self.mode {
            spinner.set_message(format!("{run_id}: {status}"));
        }
        if self.last_status.as_deref() == Some(status) {
            return;
        }
        self.last_status = Some(status.to_owned());
        if let Mode::Lines = self.mode {
            let elapsed = self.started.elapsed().as_secs_f64();
            eprintln_ignoring_errors(&format!("{run_id}: {status} ({elapsed:.1} s)"));
        }
    }

    /// Clears the spinner.
    pub(crate) fn finish(&mut self) {
        if let Mode::Spinner(spinner) = &self.mode {
            spinner.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Progress is best effort: a closed stderr must not end the command.
fn eprintln_ignoring_errors(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}
