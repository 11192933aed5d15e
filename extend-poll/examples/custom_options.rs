//! Custom polling options: a faster fast phase, a gentler backoff and a
//! max wait that cancels the run when it runs out.
//!
//! `cargo run -p extend-poll --example custom_options`

use std::time::Duration;

use extend_core::{Client, ExtractRunCreate, FileRef};
use extend_emulator::Emulator;
use extend_http::HttpTransport;
use extend_poll::{Poller, PollingOptions};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::builder().start().await?;
    let transport = HttpTransport::builder()
        .api_key("sk_example")
        .base_url(emulator.base_url())
        .build()?;
    let client = Client::new(transport);

    let options = PollingOptions::default()
        .fast_duration(Duration::from_secs(10))
        .fast_interval(Duration::from_millis(250))
        .initial_delay(Duration::from_millis(500))
        .max_delay(Duration::from_secs(10))
        .multiplier(1.5)
        .jitter(0.1)
        .max_wait(Duration::from_secs(120))
        .cancel_on_timeout(true);
    let poller = Poller::new(options)?;

    let schema = serde_json::json!({
        "type": "object",
        "properties": {
            "invoice_number": {"type": "string"},
            "total_due": {"type": "number", "description": "Total Due"}
        }
    });
    let request = ExtractRunCreate::with_schema(
        FileRef::text("Invoice Number: INV-9\nTotal Due: 1,024.00 EUR"),
        schema,
    );
    let run = poller
        .create_and_poll(&client.extract_runs(), &request)
        .await?;
    let output = run.output.unwrap_or_default();
    println!(
        "{} ended {}: {}",
        run.id,
        run.status,
        serde_json::Value::Object(output.value)
    );

    emulator.shutdown().await;
    Ok(())
}
