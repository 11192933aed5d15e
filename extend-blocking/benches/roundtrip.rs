//! A retrieve round trip against the emulator: the blocking facade against
//! the async client driven by `block_on` on a current-thread runtime. The
//! difference is the facade's cost per call: cloning the arguments and
//! checking where it was called from. Target: under 5%.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use extend_core::{FileRef, ParseRunCreate};
use extend_emulator::Emulator;
use extend_http::HttpTransport;

fn transport(base_url: &str) -> HttpTransport {
    HttpTransport::builder()
        .api_key("sk_bench")
        .base_url(base_url)
        .build()
        .expect("a transport for the emulator")
}

fn roundtrip(c: &mut Criterion) {
    let server = tokio::runtime::Runtime::new().expect("a runtime for the emulator");
    let emulator = server
        .block_on(Emulator::builder().speed(1000.0).start())
        .expect("the emulator starts");
    let base_url = emulator.base_url().to_owned();

    let blocking = extend_blocking::Client::new(transport(&base_url)).expect("a blocking client");
    let invoice = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples/invoice.pdf");
    let file = blocking
        .files()
        .upload(&invoice)
        .expect("the upload succeeds");
    let request = ParseRunCreate::new(FileRef::id(file.id)).expect("a valid request");
    let run = blocking
        .parse_runs()
        .create_and_poll(&request)
        .expect("the run ends");

    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the async client");
    let async_client = extend_core::Client::new(transport(&base_url));

    let mut group = c.benchmark_group("retrieve_round_trip");
    group.bench_function("async", |b| {
        b.iter(|| {
            client_runtime
                .block_on(async_client.parse_runs().retrieve(&run.id))
                .expect("retrieve succeeds")
        })
    });
    group.bench_function("blocking", |b| {
        b.iter(|| {
            blocking
                .parse_runs()
                .retrieve(&run.id)
                .expect("retrieve succeeds")
        })
    });
    group.finish();
}

criterion_group!(benches, roundtrip);
criterion_main!(benches);
