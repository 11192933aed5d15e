//! What the transport logs through `tracing`: the request span, each retry,
//! and never the API key.

mod common;

use std::io;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use common::{assert_no_key_fragment, RecordingClock, Scripted, TestServer, TEST_KEY};
use extend_core::{ApiRequest, Transport};
use extend_http::HttpTransport;
use tracing_subscriber::fmt::MakeWriter;

/// A log sink that keeps every line in memory.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl LogBuffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log lock")).into_owned()
    }
}

impl io::Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn retry_logged_without_key() {
    let logs = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(logs.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = TestServer::start().await;
    let transport = HttpTransport::builder()
        .api_key(TEST_KEY)
        .base_url(server.url())
        .clock(RecordingClock::at(SystemTime::now()))
        .build()
        .expect("transport");
    server.respond(
        Scripted::status(503)
            .header("retry-after", "3")
            .header("x-extend-request-id", "req_first"),
    );

    transport
        .send(ApiRequest::get("/extract_runs/ex_9"))
        .await
        .expect("response");

    let text = logs.text();
    let retry_line = text
        .lines()
        .find(|line| line.contains("retrying request"))
        .unwrap_or_else(|| panic!("no retry line in logs:\n{text}"));
    assert!(retry_line.contains("WARN"), "{retry_line}");
    assert!(retry_line.contains("attempt=1"), "{retry_line}");
    assert!(retry_line.contains("status=503"), "{retry_line}");
    assert!(retry_line.contains("delay_ms=3000"), "{retry_line}");
    assert!(
        retry_line.contains("path=/extract_runs/ex_9"),
        "{retry_line}"
    );
    assert!(
        retry_line.contains("request_id=\"req_first\""),
        "{retry_line}"
    );
    assert!(text.contains("sending request"), "{text}");
    assert_no_key_fragment(&[&text]);
}
