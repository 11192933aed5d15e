//! Measures the peak resident memory of uploading a large file through
//! `HttpTransport`, to check that the upload streams from disk instead of
//! loading the file. Linux only: it reads `VmHWM` from `/proc/self/status`.
//!
//! Run with `cargo run --release -p extend-http --example upload_memory -- 512`
//! (the size in MiB; default 256). The local server in the same process
//! discards the body as it arrives.

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use extend_core::{ApiRequest, FileUpload, Idempotency, RequestBody, Transport};
use extend_http::HttpTransport;
use futures::StreamExt;
use http::Method;
use std::io::Write;

async fn drain(request: Request) -> axum::response::Response {
    let mut stream = request.into_body().into_data_stream();
    let mut received = 0usize;
    while let Some(chunk) = stream.next().await {
        received += chunk.map(|bytes| bytes.len()).unwrap_or(0);
    }
    let body = format!(r#"{{"id":"file_memory","name":"received {received} bytes"}}"#);
    axum::response::Response::new(Body::from(body))
}

/// Returns the peak resident set size of this process, in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let size_mib: usize = std::env::args()
        .nth(1)
        .map(|arg| arg.parse())
        .transpose()?
        .unwrap_or(256);

    let folder = tempfile::tempdir()?;
    let path = folder.path().join("large.pdf");
    let mut file = std::fs::File::create(&path)?;
    let chunk = vec![0x5a_u8; 1024 * 1024];
    for _ in 0..size_mib {
        file.write_all(&chunk)?;
    }
    drop(file);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, Router::new().fallback(drain)).await });
    let transport = HttpTransport::builder()
        .api_key("sk_memory")
        .base_url(format!("http://{addr}"))
        .build()?;

    let before = peak_rss_kib();
    let upload = FileUpload {
        path,
        file_name: "large.pdf".to_owned(),
        content_type: "application/pdf".to_owned(),
        password: None,
    };
    let request = ApiRequest::new(Method::POST, "/files/upload", Idempotency::CreatesResource)
        .with_body(RequestBody::Upload(upload));
    let started = std::time::Instant::now();
    let response = transport.send(request).await?;
    let elapsed = started.elapsed();
    let after = peak_rss_kib();

    println!("status: {}", response.status);
    println!("server: {}", String::from_utf8_lossy(&response.body));
    println!("uploaded {size_mib} MiB in {:.2} s", elapsed.as_secs_f64());
    println!("peak RSS before upload: {} MiB", before / 1024);
    println!("peak RSS after upload: {} MiB", after / 1024);
    Ok(())
}
