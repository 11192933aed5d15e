//! `extend emulator`: the local Extend emulator in the foreground.

use clap::Args;
use extend_emulator::Emulator;

use super::Context;
use crate::error::{exit_code, CliError};

/// Arguments of `extend emulator`.
#[derive(Debug, Args)]
pub(crate) struct EmulatorArgs {
    /// Port on 127.0.0.1 to listen on; 0 picks a free port.
    #[arg(long, default_value_t = 8080)]
    pub(crate) port: u16,

    /// Divides the emulated processing times; 10 makes runs end ten times sooner.
    #[arg(long, default_value_t = 1.0)]
    pub(crate) speed: f64,
}

/// Starts the emulator, prints its base URL on stdout and serves until
/// Ctrl-C.
pub(crate) async fn emulator(context: &Context<'_>, args: &EmulatorArgs) -> Result<u8, CliError> {
    if !(args.speed.is_finite() && args.speed > 0.0) {
        return Err(CliError::Input(format!(
            "--speed {}: expected a number above zero, such as 1 or 10",
            args.speed
        )));
    }
    let running = Emulator::builder()
        .port(args.port)
        .speed(args.speed)
        .start()
        .await
        .map_err(|err| CliError::Emulator(err.to_string()))?;
    tracing::info!(base_url = %running.base_url(), speed = args.speed, "emulator started");

    context.output.line(running.base_url())?;
    if !context.global.quiet {
        eprintln!(
            "Extend emulator on {}; use it with --base-url {} and any API key. Stop it with Ctrl-C.",
            running.base_url(),
            running.base_url()
        );
    }

    let signal = tokio::signal::ctrl_c().await;
    running.shutdown().await;
    tracing::info!("emulator stopped");
    signal.map_err(|err| CliError::Output(format!("could not wait for Ctrl-C: {err}")))?;
    Ok(exit_code::SUCCESS)
}
