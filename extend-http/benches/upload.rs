//! Throughput of the transport against a local server on 127.0.0.1: a
//! streamed multipart upload and a small JSON GET.
//!
//! Run with `cargo bench -p extend-http --bench upload`.

use std::hint::black_box;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use extend_core::{ApiRequest, FileUpload, Idempotency, RequestBody, Transport};
use extend_http::HttpTransport;
use futures::StreamExt;
use http::Method;

const UPLOAD_SIZE: usize = 16 * 1024 * 1024;

/// Reads each request body to the end without keeping it and returns a
/// small JSON file object.
async fn drain(request: Request) -> axum::response::Response {
    let mut stream = request.into_body().into_data_stream();
    while let Some(chunk) = stream.next().await {
        black_box(chunk.expect("request body chunk").len());
    }
    axum::response::Response::new(Body::from(r#"{"id":"file_bench","name":"bench.bin"}"#))
}

async fn start_server() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        axum::serve(listener, Router::new().fallback(drain))
            .await
            .expect("bench server");
    });
    addr
}

fn transport_benchmarks(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let addr = runtime.block_on(start_server());
    let transport = HttpTransport::builder()
        .api_key("sk_bench")
        .base_url(format!("http://{addr}"))
        .build()
        .expect("transport");

    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("bench.pdf");
    std::fs::write(&path, vec![0x5a_u8; UPLOAD_SIZE]).expect("write bench file");
    let upload = FileUpload {
        path,
        file_name: "bench.pdf".to_owned(),
        content_type: "application/pdf".to_owned(),
        password: None,
    };

    let mut group = c.benchmark_group("transport");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(UPLOAD_SIZE as u64));
    group.bench_function("upload_16_mib", |b| {
        b.iter(|| {
            let request =
                ApiRequest::new(Method::POST, "/files/upload", Idempotency::CreatesResource)
                    .with_body(RequestBody::Upload(upload.clone()));
            let response = runtime.block_on(transport.send(request)).expect("upload");
            assert_eq!(response.status, 200);
        });
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("get_small_json", |b| {
        b.iter(|| {
            let response = runtime
                .block_on(transport.send(ApiRequest::get("/files/file_bench")))
                .expect("get");
            assert_eq!(response.status, 200);
        });
    });
    group.finish();
}

criterion_group!(benches, transport_benchmarks);
criterion_main!(benches);
