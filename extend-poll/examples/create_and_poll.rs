//! Create runs and wait for them, handling every way a wait can end:
//! a processed run, a failed run, a timeout that is resumed, an API error.
//!
//! Runs against an emulator it starts itself:
//! `cargo run -p extend-poll --example create_and_poll`

use std::path::PathBuf;
use std::time::Duration;

use extend_core::{Client, Error, FileRef, Outcome, ParseRunCreate};
use extend_emulator::Emulator;
use extend_http::HttpTransport;
use extend_poll::{PollError, Poller, PollingOptions};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A slow emulator, so a short max wait runs out before the run ends.
    let emulator = Emulator::builder().speed(0.5).start().await?;
    let transport = HttpTransport::builder()
        .api_key("sk_example")
        .base_url(emulator.base_url())
        .build()?;
    let client = Client::new(transport);
    let parse_runs = client.parse_runs();

    // 1. A timeout, then a resumed wait.
    let invoice = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples/invoice.pdf");
    let file = client.files().upload(&invoice).await?;
    let request = ParseRunCreate::new(FileRef::id(file.id))?;
    let impatient = Poller::new(PollingOptions::default().max_wait(Duration::from_millis(1500)))?;

    let run = match impatient.create_and_poll(&parse_runs, &request).await {
        Ok(run) => run,
        Err(PollError::TimedOut(timed_out)) => {
            println!(
                "still running after {:.1} s and {} polls; resuming {}",
                timed_out.elapsed.as_secs_f64(),
                timed_out.polls,
                timed_out.run_id
            );
            Poller::new(PollingOptions::default())?
                .poll(&parse_runs, &timed_out.run_id)
                .await?
        }
        Err(other) => return Err(other.into()),
    };
    println!(
        "{} ended {} with {} pages",
        run.id,
        run.status,
        page_count(&run)
    );

    // 2. A run that fails: a file that is not a PDF.
    let broken = std::env::temp_dir().join("extend-example-broken.pdf");
    std::fs::write(&broken, b"this is not a PDF")?;
    let file = client.files().upload(&broken).await?;
    let request = ParseRunCreate::new(FileRef::id(file.id))?;
    let run = Poller::new(PollingOptions::default())?
        .create_and_poll(&parse_runs, &request)
        .await?;
    match run.status.outcome() {
        Some(Outcome::Failed) => println!(
            "{} failed: {} ({})",
            run.id,
            run.failure_reason
                .as_ref()
                .map_or("no reason", |reason| reason.as_str()),
            run.failure_message.as_deref().unwrap_or("no message")
        ),
        other => println!("{} ended {other:?}", run.id),
    }

    // 3. An API error: a run id that does not exist.
    match Poller::new(PollingOptions::default())?
        .poll(&parse_runs, "pr_does_not_exist")
        .await
    {
        Err(PollError::Request(Error::Api(api))) => {
            println!("API error: {api}")
        }
        other => println!("unexpected: {other:?}"),
    }

    emulator.shutdown().await;
    Ok(())
}

fn page_count(run: &extend_core::ParseRun) -> usize {
    run.output.as_ref().map_or(0, |output| output.chunks.len())
}
