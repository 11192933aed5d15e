//! The life of a parse run and the shape of its output: one `page` chunk per
//! page, one `text` block per non-empty line.

use std::time::Duration;

use extend_core::RunStatus;
use serde_json::{json, Map, Value};

use super::Finish;
use crate::document::Document;

/// The finish of a parse run: its chunks and its metrics.
pub(crate) fn finish(document: &Document, processing_time: Duration) -> Finish {
    let mut fields = Map::new();
    fields.insert("output".to_owned(), parse_output(document));
    fields.insert(
        "metrics".to_owned(),
        json!({ "processingTimeMs": processing_time.as_millis(), "pageCount": document.pages.len() }),
    );
    Finish {
        status: RunStatus::Processed,
        fields,
    }
}

/// The payload of `parse_run.*` events: a `parse_run_status` summary.
pub(crate) fn status_payload(run: &Value) -> Value {
    let mut payload = Map::new();
    payload.insert("object".to_owned(), json!("parse_run_status"));
    for key in [
        "id",
        "status",
        "failureReason",
        "failureMessage",
        "metadata",
    ] {
        if let Some(value) = run.get(key).filter(|value| !value.is_null()) {
            payload.insert(key.to_owned(), value.clone());
        }
    }
    Value::Object(payload)
}

/// Builds the output of a parse run: `{chunks: [...]}`, one chunk per page.
pub(crate) fn parse_output(document: &Document) -> Value {
    let chunks: Vec<Value> = document
        .pages
        .iter()
        .enumerate()
        .map(|(index, page)| page_chunk(index + 1, page))
        .collect();
    json!({ "chunks": chunks })
}

fn page_chunk(page_number: usize, text: &str) -> Value {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .collect();

    let blocks: Vec<Value> = lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            json!({
                "object": "block",
                "id": format!("block_{page_number}_{}", index + 1),
                "type": "text",
                "content": line.trim_start(),
                "details": { "type": "text_details" },
            })
        })
        .collect();

    json!({
        "object": "chunk",
        "type": "page",
        "content": lines.join("\n"),
        "metadata": { "pageRange": { "start": page_number, "end": page_number } },
        "blocks": blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_chunk_per_page() {
        let document = Document {
            pages: vec![
                "\n\nTitle\n  Label: value  \n".to_owned(),
                "Second".to_owned(),
            ],
        };

        let output = parse_output(&document);

        let chunks = output["chunks"].as_array().unwrap();
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0]["content"], "Title\n  Label: value");
        assert_eq!(
            chunks[0]["metadata"]["pageRange"],
            json!({"start": 1, "end": 1})
        );
        assert_eq!(
            chunks[1]["metadata"]["pageRange"],
            json!({"start": 2, "end": 2})
        );
    }

    #[test]
    fn one_block_per_line() {
        let document = Document {
            pages: vec!["Title\n\n  Label: value".to_owned()],
        };

        let output = parse_output(&document);

        let blocks = output["chunks"][0]["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1]["content"], "Label: value");
        assert_eq!(blocks[1]["id"], "block_1_2");
    }

    #[test]
    fn output_decodes_as_core_model() {
        let document = Document {
            pages: vec!["Title".to_owned()],
        };

        let output: extend_core::ParseOutput =
            serde_json::from_value(parse_output(&document)).unwrap();

        assert_eq!(output.chunks.len(), 1);
        assert_eq!(output.chunks[0].content, "Title");
    }
}
