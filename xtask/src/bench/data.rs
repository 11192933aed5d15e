//! The bodies every SDK reads in `cargo xtask bench`: signed webhook
//! deliveries of three sizes and two large run objects. They are written once
//! per benchmark run, so the Rust, Python and TypeScript runners see the same
//! bytes.
//!
//! Each run object carries the fields the official Python SDK requires
//! (`extend-ai` 1.20.0), so its pydantic models take the typed path instead
//! of falling back to a plain dict.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use extend_webhooks::Signer;
use serde_json::{json, Value};

/// A signing secret in the API's `wss_` format, made up for the benchmark.
pub(crate) const SECRET: &str = "wss_bench_peer_secret";
/// Webhook body sizes: label and exact length in bytes.
pub(crate) const WEBHOOK_SIZES: [(&str, usize); 3] = [
    ("1 KiB", 1024),
    ("64 KiB", 64 * 1024),
    ("1 MiB", 1024 * 1024),
];
/// Fields in the large extract run's output.
pub(crate) const EXTRACT_FIELDS: usize = 5_000;
/// Pages in the large parse run's output, one chunk per page.
pub(crate) const PARSE_PAGES: usize = 500;
/// Blocks per page chunk in the large parse run.
const BLOCKS_PER_PAGE: usize = 20;
/// Stands in for the line items until the envelope is serialized.
const ITEMS_PLACEHOLDER: &str = "\"@line_items@\"";

/// Writes the webhook bodies, their signed headers (`webhook-cases.json`),
/// `extract-run.json` and `parse-run.json` into `dir`.
pub(crate) fn write_all(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|err| format!("could not create {}: {err}", dir.display()))?;
    let signer = Signer::new(SECRET).map_err(|err| err.to_string())?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|err| err.to_string())?
        .as_secs();

    let mut cases = Vec::new();
    for (label, size) in WEBHOOK_SIZES {
        let body = webhook_body(size);
        let file = format!("webhook-{size}.json");
        write(&dir.join(&file), &body)?;
        let headers = signer.sign(now, &body);
        cases.push(json!({
            "label": label,
            "file": file,
            "headers": {
                "x-extend-request-timestamp": headers.timestamp,
                "x-extend-request-signature": headers.signature,
            },
        }));
    }
    let cases = json!({"secret": SECRET, "cases": cases});
    write(
        &dir.join("webhook-cases.json"),
        cases.to_string().as_bytes(),
    )?;

    let extract = extract_run_with_fields(EXTRACT_FIELDS);
    write(
        &dir.join("extract-run.json"),
        extract.to_string().as_bytes(),
    )?;
    let parse = parse_run_with_pages(PARSE_PAGES);
    write(&dir.join("parse-run.json"), parse.to_string().as_bytes())?;
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|err| format!("could not write {}: {err}", path.display()))
}

/// Builds an extract run with `output` and the fields the official SDKs require.
fn extract_run(output: Value) -> Value {
    json!({
        "object": "extract_run",
        "id": "exr_bench",
        "status": "PROCESSED",
        "output": output,
        "reviewed": false,
        "edited": false,
        "config": {"schema": {"type": "object"}},
        "dashboardUrl": "http://127.0.0.1/runs/exr_bench",
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:05Z",
    })
}

/// An `extract_run.processed` delivery of exactly `size` bytes whose output
/// contains invoice line items with short strings and numbers, the dense shape
/// of `extend-webhooks/benches/verify.rs`.
pub(crate) fn webhook_body(size: usize) -> Vec<u8> {
    let output = json!({
        "value": {"vendor": "Example Supplies", "line_items": "@line_items@"},
        "metadata": {"vendor": {"ocrConfidence": 0.98}},
    });
    let envelope = json!({
        "eventId": "evt_bench",
        "eventType": "extract_run.processed",
        "payload": extract_run(output),
    })
    .to_string();
    let (head, tail) = envelope
        .split_once(ITEMS_PLACEHOLDER)
        .expect("the envelope contains the placeholder once");

    let mut body = format!("{head}[");
    let mut index = 0;
    loop {
        let item = format!(
            r#"{}{{"description":"Lorem ipsum dolo","quantity":{},"unit_price":12.5,"sku":"SKU-{index:06}"}}"#,
            if index == 0 { "" } else { "," },
            index % 9 + 1,
        );
        // One byte for the closing bracket of the list.
        if body.len() + item.len() + 1 + tail.len() > size {
            break;
        }
        body.push_str(&item);
        index += 1;
    }
    body.push(']');
    // Spaces between tokens are valid JSON and bring the body to its size.
    let padding = size.saturating_sub(body.len() + tail.len());
    body.push_str(&" ".repeat(padding));
    body.push_str(tail);
    body.into_bytes()
}

/// An extract run whose output has `count` top-level fields of mixed types,
/// each with confidence scores and one citation in the output metadata.
pub(crate) fn extract_run_with_fields(count: usize) -> Value {
    let mut values = serde_json::Map::new();
    let mut metadata = serde_json::Map::new();
    for index in 0..count {
        let name = format!("field_{index:04}");
        let value = match index % 4 {
            0 => json!(format!("Value of field {index}")),
            1 => json!(index as f64 * 1.25),
            2 => json!(index % 3 == 0),
            _ => json!({"amount": index as f64 + 0.5, "iso_4217_currency_code": "USD"}),
        };
        values.insert(name.clone(), value);
        metadata.insert(
            name,
            json!({
                "ocrConfidence": 0.97,
                "logprobsConfidence": 0.93,
                "citations": [{
                    "page": {"number": index / 10 + 1, "width": 612.0, "height": 792.0},
                    "referenceText": format!("Field {index}"),
                    "polygon": [{"x": 72.0, "y": 90.5}, {"x": 180.0, "y": 90.5}],
                }],
            }),
        );
    }
    extract_run(json!({"value": values, "metadata": metadata}))
}

/// A parse run with one page chunk per page, each with `BLOCKS_PER_PAGE`
/// text blocks that carry a polygon and a bounding box.
pub(crate) fn parse_run_with_pages(pages: usize) -> Value {
    let chunks: Vec<Value> = (1..=pages)
        .map(|page| {
            let blocks: Vec<Value> = (0..BLOCKS_PER_PAGE)
                .map(|index| {
                    json!({
                        "object": "block",
                        "id": format!("block_{page:04}_{index:02}"),
                        "type": "text",
                        "content": "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                        "details": {"type": "text_details"},
                        "metadata": {"page": {"number": page, "width": 612.0, "height": 792.0}},
                        "polygon": [
                            {"x": 10.0, "y": 20.0}, {"x": 110.0, "y": 20.0},
                            {"x": 110.0, "y": 40.0}, {"x": 10.0, "y": 40.0},
                        ],
                        "boundingBox": {"left": 10.0, "top": 20.0, "right": 110.0, "bottom": 40.0},
                    })
                })
                .collect();
            json!({
                "object": "chunk",
                "type": "page",
                "content": format!("Page {page} text."),
                "metadata": {"pageRange": {"start": page, "end": page}},
                "blocks": blocks,
            })
        })
        .collect();
    json!({
        "object": "parse_run",
        "id": "pr_bench",
        "status": "PROCESSED",
        "file": {
            "object": "file",
            "id": "file_bench",
            "name": "bench.pdf",
            "type": "PDF",
            "metadata": {"pageCount": pages},
            "createdAt": "2024-01-01T00:00:00Z",
            "updatedAt": "2024-01-01T00:00:00Z",
        },
        "output": {"chunks": chunks},
        "config": {"target": "markdown", "chunkingStrategy": {"type": "page"}},
        "metrics": {"processingTimeMs": 1000, "pageCount": pages},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_body_has_exact_size() {
        for (_, size) in WEBHOOK_SIZES {
            assert_eq!(webhook_body(size).len(), size);
        }
    }

    #[test]
    fn webhook_body_is_valid_json() {
        let body = webhook_body(64 * 1024);
        let event: Value = serde_json::from_slice(&body).expect("the body is JSON");
        let items = event["payload"]["output"]["value"]["line_items"]
            .as_array()
            .expect("line items are a list");
        assert!(items.len() > 500, "only {} line items", items.len());
    }

    #[test]
    fn extract_run_has_every_field() {
        let run = extract_run_with_fields(EXTRACT_FIELDS);
        let values = run["output"]["value"].as_object().expect("an object");
        let metadata = run["output"]["metadata"].as_object().expect("an object");
        assert_eq!(values.len(), EXTRACT_FIELDS);
        assert_eq!(metadata.len(), EXTRACT_FIELDS);
    }

    #[test]
    fn parse_run_has_every_page() {
        let run = parse_run_with_pages(PARSE_PAGES);
        let chunks = run["output"]["chunks"].as_array().expect("a list");
        assert_eq!(chunks.len(), PARSE_PAGES);
        assert_eq!(
            chunks[PARSE_PAGES - 1]["metadata"]["pageRange"]["end"],
            PARSE_PAGES
        );
    }
}
