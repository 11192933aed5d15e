//! Throughput of `Verifier::verify_and_parse` on signed `extract_run.processed`
//! deliveries of 1 KiB, 64 KiB and 1 MiB.
//!
//! Targets: at least 300,000 events/s at 1 KiB and 1.2 GB/s at 1 MiB.
//! Run with `cargo bench -p extend-webhooks --bench verify`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use extend_webhooks::{FixedClock, Signer, Verifier};

const SECRET: &str = "wss_bench_secret";
const NOW: u64 = 1_700_000_000;
const DENSE_DESCRIPTION_LEN: usize = 16;
const TEXT_DESCRIPTION_LEN: usize = 2000;
const SIZES: [(&str, usize); 3] = [("1KiB", 1024), ("64KiB", 64 * 1024), ("1MiB", 1024 * 1024)];

/// Builds an `extract_run.processed` body of exactly `size` bytes whose
/// output contains line items, the shape of a typical invoice extraction.
/// Each item's description is `description_len` bytes long: short
/// descriptions give dense JSON with many small values, long ones give
/// text-heavy JSON.
fn delivery_body(size: usize, description_len: usize) -> Vec<u8> {
    let head = r#"{"eventId":"evt_bench","eventType":"extract_run.processed","payload":{"object":"extract_run","id":"exr_bench","status":"PROCESSED","reviewed":false,"edited":false,"metadata":{"source":"bench"},"output":{"value":{"vendor":"Example Supplies","line_items":["#;
    let tail = r#"]},"metadata":{}},"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}}"#;

    let mut body = head.to_owned();
    let description = "Lorem ipsum dolor sit amet. ".repeat(description_len / 28 + 1)
        [..description_len]
        .to_owned();
    let mut index = 0;
    loop {
        let item = format!(
            r#"{}{{"description":"{description}","quantity":{},"unit_price":12.5,"sku":"SKU-{index:06}"}}"#,
            if index == 0 { "" } else { "," },
            index % 9 + 1,
        );
        if body.len() + item.len() + tail.len() > size {
            break;
        }
        body.push_str(&item);
        index += 1;
    }

    // Fill the remaining bytes with spaces, which JSON allows between tokens.
    let padding = size - body.len() - tail.len();
    body.push_str(&" ".repeat(padding));
    body.push_str(tail);
    assert_eq!(body.len(), size);
    body.into_bytes()
}

fn bench_verify_and_parse(c: &mut Criterion) {
    let verifier = Verifier::builder()
        .secret(SECRET)
        .clock(FixedClock::new(NOW))
        .build()
        .expect("the bench secret is valid");
    let signer = Signer::new(SECRET).expect("the bench secret is valid");

    let mut group = c.benchmark_group("verify_and_parse");
    for (label, size) in SIZES {
        let body = delivery_body(size, DENSE_DESCRIPTION_LEN);
        let headers = signer.sign(NOW, &body);
        verifier
            .verify_and_parse(headers.pairs(), &body)
            .expect("the bench body verifies");

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify_and_parse(black_box(headers.pairs()), black_box(body))
                    .expect("the bench body verifies")
            })
        });
    }
    group.finish();

    // 64 KiB and 1 MiB with 2000-byte descriptions, to show how the JSON
    // shape changes the decoding cost (1 KiB holds no such item).
    let mut group = c.benchmark_group("verify_and_parse_text");
    for (label, size) in SIZES.into_iter().skip(1) {
        let body = delivery_body(size, TEXT_DESCRIPTION_LEN);
        let headers = signer.sign(NOW, &body);

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify_and_parse(black_box(headers.pairs()), black_box(body))
                    .expect("the bench body verifies")
            })
        });
    }
    group.finish();

    // The signature check alone, to separate hashing from JSON decoding.
    let mut group = c.benchmark_group("verify_only");
    for (label, size) in SIZES {
        let body = delivery_body(size, DENSE_DESCRIPTION_LEN);
        let headers = signer.sign(NOW, &body);

        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify(black_box(headers.pairs()), black_box(body))
                    .expect("the bench body verifies")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_verify_and_parse);
criterion_main!(benches);
