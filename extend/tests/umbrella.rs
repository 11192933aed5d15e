//! The umbrella crate's default features are enough for the whole async path.
#![cfg(all(feature = "http", feature = "poll"))]

use std::time::Duration;

use extend::http::HttpTransport;
use extend::{ExtractRunCreate, FileRef, Outcome, Poller, PollingOptions};
use extend_emulator::Emulator;

#[tokio::test]
async fn extract_through_reexports() {
    let emulator = Emulator::builder().speed(50.0).start().await.unwrap();
    let transport = HttpTransport::builder()
        .api_key("sk_test")
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let client: extend::Client = extend::core::Client::new(transport);

    let schema = serde_json::json!({
        "type": "object",
        "properties": {"invoice_number": {"type": "string"}}
    });
    let request = ExtractRunCreate::with_schema(FileRef::text("Invoice Number: INV-7"), schema);
    let poller =
        Poller::new(PollingOptions::default().fast_interval(Duration::from_millis(50))).unwrap();
    let run = poller
        .create_and_poll(&client.extract_runs(), &request)
        .await
        .unwrap();

    assert_eq!(run.status.outcome(), Some(Outcome::Processed));
    let output = run.output.unwrap();
    assert_eq!(output.value["invoice_number"], "INV-7");
}
