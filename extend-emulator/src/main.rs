//! `extend-emulator`: serves the emulated Extend API until Ctrl-C.

use clap::Parser;
use extend_emulator::{Emulator, Fault};
use tracing_subscriber::EnvFilter;

/// A local Extend-compatible API server for offline development and tests.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Port to listen on at 127.0.0.1; 0 lets the operating system pick one.
    #[arg(long, default_value_t = 8080)]
    port: u16,

    /// Processing-time factor: 2.0 processes runs twice as fast as 1.0.
    #[arg(long, default_value_t = 1.0)]
    speed: f64,

    /// Accept only this Bearer key; without it any non-empty key is accepted.
    #[arg(long, env = "EXTEND_EMULATOR_API_KEY", hide_env_values = true)]
    api_key: Option<String>,

    /// How long synchronous routes (POST /extract and the like) wait for
    /// their run before failing, such as 5m or 30s.
    #[arg(long, default_value = "5m", value_parser = humantime::parse_duration)]
    sync_timeout: std::time::Duration,

    /// Injects a fault, as KIND:RATE[:ROUTE]: KIND is 429, 500, 502, 503,
    /// drop or slow-<millis>; RATE is the fraction of requests hit (0 to 1);
    /// ROUTE is a path prefix, optionally after a method ("POST /extract_runs").
    /// Repeat the flag for several rules.
    #[arg(long = "fault", value_name = "KIND:RATE[:ROUTE]")]
    faults: Vec<Fault>,

    /// Seed of the fault rules' random source, for reproducible faults.
    #[arg(long, default_value_t = 0)]
    fault_seed: u64,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();

    let emulator = Emulator::builder()
        .port(args.port)
        .speed(args.speed)
        .api_key(args.api_key)
        .sync_timeout(args.sync_timeout)
        .fault_seed(args.fault_seed);
    let emulator = args
        .faults
        .into_iter()
        .fold(emulator, |builder, fault| builder.fault(fault))
        .start()
        .await;
    let emulator = match emulator {
        Ok(emulator) => emulator,
        Err(error) => {
            tracing::error!(%error, "emulator failed to start");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("Extend emulator listening on {}", emulator.base_url());

    if let Err(error) = tokio::signal::ctrl_c().await {
        tracing::error!(%error, "failed to listen for Ctrl-C; stopping");
    }
    emulator.shutdown().await;
    std::process::ExitCode::SUCCESS
}
