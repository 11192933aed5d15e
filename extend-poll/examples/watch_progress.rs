//! Watch a run's status changes, for a progress display.
//!
//! `cargo run -p extend-poll --example watch_progress`

use std::path::PathBuf;

use extend_core::{Client, FileRef, ParseRunCreate};
use extend_emulator::Emulator;
use extend_http::HttpTransport;
use extend_poll::{Poller, PollingOptions};
use futures::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::builder().start().await?;
    let transport = HttpTransport::builder()
        .api_key("sk_example")
        .base_url(emulator.base_url())
        .build()?;
    let client = Client::new(transport);

    let packet = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples/packet.pdf");
    let file = client.files().upload(&packet).await?;
    let run = client
        .parse_runs()
        .create(&ParseRunCreate::new(FileRef::id(file.id))?)
        .await?;

    let poller = Poller::new(PollingOptions::default())?;
    let parse_runs = client.parse_runs();
    let mut updates = std::pin::pin!(poller.watch(&parse_runs, &run.id));
    let started = std::time::Instant::now();
    while let Some(update) = updates.next().await {
        let snapshot = update?;
        println!(
            "{:>5.1} s  {}  {}",
            started.elapsed().as_secs_f64(),
            snapshot.id,
            snapshot.status
        );
    }

    emulator.shutdown().await;
    Ok(())
}
