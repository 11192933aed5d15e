//! Decoding speed of large run objects: an extract run whose output holds
//! many line items, and a parse run with many blocks.
//!
//! Target: decoding into the typed run takes at most twice as long as
//! decoding the same body into `serde_json::Value`, the floor that any
//! JSON client pays. The `*_as_value` cases measure that floor on the same
//! machine, so the ratio holds on a loaded machine too.
//! Run with `cargo bench -p extend-core --bench decode`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use extend_core::{ExtractRun, ParseRun};
use serde_json::json;

const SIZES: [(&str, usize); 2] = [("64KiB", 64 * 1024), ("1MiB", 1024 * 1024)];

/// Builds an extract run of about `size` bytes whose output is a list of
/// invoice line items with per-field confidence.
fn extract_run_body(size: usize) -> Vec<u8> {
    let mut items = Vec::new();
    let mut body = Vec::new();
    let mut index = 0;
    while body.len() < size {
        items.push(json!({
            "description": format!("Item number {index}"),
            "quantity": index % 9 + 1,
            "unit_price": 12.5,
            "sku": format!("SKU-{index:06}"),
        }));
        index += 1;
        if index % 64 == 0 {
            body = encode_extract_run(&items);
        }
    }
    body
}

fn encode_extract_run(items: &[serde_json::Value]) -> Vec<u8> {
    let run = json!({
        "object": "extract_run",
        "id": "exr_bench",
        "status": "PROCESSED",
        "reviewed": false,
        "edited": false,
        "output": {
            "value": {"vendor": "Example Supplies", "line_items": items},
            "metadata": {"vendor": {"ocrConfidence": 0.98, "logprobsConfidence": 0.95}},
        },
        "usage": {"credits": 3.0},
        "createdAt": "2024-01-01T00:00:00Z",
    });
    serde_json::to_vec(&run).expect("the bench run encodes")
}

/// Builds a parse run of about `size` bytes with one page chunk per 20
/// blocks, each block with details, a polygon and a bounding box.
fn parse_run_body(size: usize) -> Vec<u8> {
    let block = |index: usize| {
        json!({
            "object": "block",
            "id": format!("block_{index:08}"),
            "type": "text",
            "content": "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
            "details": {"type": "text_details"},
            "metadata": {"page": {"number": index / 20 + 1}},
            "polygon": [{"x": 10.0, "y": 20.0}, {"x": 110.0, "y": 20.0}, {"x": 110.0, "y": 40.0}],
            "boundingBox": {"left": 10.0, "top": 20.0, "right": 110.0, "bottom": 40.0},
        })
    };

    let mut blocks = Vec::new();
    let mut body = Vec::new();
    while body.len() < size {
        blocks.push(block(blocks.len()));
        if blocks.len() % 20 == 0 {
            let chunks: Vec<serde_json::Value> = blocks
                .chunks(20)
                .enumerate()
                .map(|(page, blocks)| {
                    json!({
                        "object": "chunk", "type": "page", "content": "",
                        "metadata": {"pageRange": {"start": page + 1, "end": page + 1}},
                        "blocks": blocks,
                    })
                })
                .collect();
            let run = json!({"object": "parse_run", "id": "pr_bench", "status": "PROCESSED", "output": {"chunks": chunks}});
            body = serde_json::to_vec(&run).expect("the bench run encodes");
        }
    }
    body
}

fn bench_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    for (label, size) in SIZES {
        let body = extract_run_body(size);
        serde_json::from_slice::<ExtractRun>(&body).expect("the bench extract run decodes");
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("extract_run", label), &body, |b, body| {
            b.iter(|| serde_json::from_slice::<ExtractRun>(black_box(body)).expect("decodes"))
        });

        group.bench_with_input(
            BenchmarkId::new("extract_run_as_value", label),
            &body,
            |b, body| {
                b.iter(|| {
                    serde_json::from_slice::<serde_json::Value>(black_box(body)).expect("decodes")
                })
            },
        );

        let body = parse_run_body(size);
        serde_json::from_slice::<ParseRun>(&body).expect("the bench parse run decodes");
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse_run", label), &body, |b, body| {
            b.iter(|| serde_json::from_slice::<ParseRun>(black_box(body)).expect("decodes"))
        });
        group.bench_with_input(
            BenchmarkId::new("parse_run_as_value", label),
            &body,
            |b, body| {
                b.iter(|| {
                    serde_json::from_slice::<serde_json::Value>(black_box(body)).expect("decodes")
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_decode);
criterion_main!(benches);
