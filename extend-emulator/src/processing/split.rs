//! What a split run produces. This is emulation, not a model: a page's
//! document type is the value of its `Document Type:` line without a
//! trailing note in parentheses (`Letter (continued)` reads as `Letter`), or
//! the previous page's type when it has none (`other` before the first
//! line). A new split
//! starts at each page whose type differs from the page before it. Each
//! split takes the classification whose `type` matches (ignoring case), else
//! one of type `other`, else it keeps the page's own type.

use extend_core::RunStatus;
use serde_json::{json, Map, Value};

use super::classify::{find_by_type, DOCUMENT_TYPE_LABEL};
use super::Finish;
use crate::document::Document;
use crate::extract::labelled_lines;
use crate::ids::new_id;

/// The finish of a split run.
pub(crate) fn finish(classifications: &[Value], document: &Document, run: &Value) -> Finish {
    let output = split(classifications, document, run);
    let mut fields = Map::new();
    fields.insert("initialOutput".to_owned(), output.clone());
    fields.insert("output".to_owned(), output);
    Finish {
        status: RunStatus::Processed,
        fields,
    }
}

/// Builds the split output `{splits: [...]}`.
pub(crate) fn split(classifications: &[Value], document: &Document, run: &Value) -> Value {
    let page_types = page_types(document);
    let file_id = run.pointer("/file/id").cloned();

    let mut splits = Vec::new();
    let mut start = 1;
    for page in 1..=page_types.len() {
        let is_last = page == page_types.len();
        if is_last || page_types[page] != page_types[page - 1] {
            splits.push(split_object(
                classifications,
                &page_types[page - 1],
                start,
                page,
                file_id.as_ref(),
            ));
            start = page + 1;
        }
    }
    json!({ "splits": splits })
}

/// The document type of each page.
fn page_types(document: &Document) -> Vec<String> {
    let lines = labelled_lines(document);
    let mut current = "other".to_owned();
    let mut types = Vec::with_capacity(document.pages.len());
    for page in 1..=document.pages.len() {
        if let Some(line) = lines
            .iter()
            .find(|line| line.page == page && line.label == DOCUMENT_TYPE_LABEL)
        {
            current = without_trailing_note(&line.value).to_owned();
        }
        types.push(current.clone());
    }
    types
}

/// `value` without a trailing note in parentheses: `Letter (continued)`
/// becomes `Letter`. A value that is only a note stays as it is.
fn without_trailing_note(value: &str) -> &str {
    let trimmed = value.trim();
    match trimmed.strip_suffix(')').and_then(|rest| rest.rfind('(')) {
        Some(open) if !trimmed[..open].trim().is_empty() => trimmed[..open].trim_end(),
        _ => trimmed,
    }
}

fn split_object(
    classifications: &[Value],
    page_type: &str,
    start: usize,
    end: usize,
    file_id: Option<&Value>,
) -> Value {
    let classification =
        find_by_type(classifications, page_type).or_else(|| find_by_type(classifications, "other"));
    let kind = classification
        .and_then(|found| found.get("type").and_then(Value::as_str))
        .unwrap_or(page_type);
    let mut split = json!({
        "id": new_id("splt"),
        "type": kind,
        "observation": format!("Pages {start}-{end} read `Document Type: {page_type}`."),
        "identifier": format!("{kind}_{start}_{end}"),
        "startPage": start,
        "endPage": end,
    });
    if let Some(id) = classification.and_then(|found| found.get("id")) {
        split["classificationId"] = id.clone();
    }
    if let Some(file_id) = file_id {
        // NOTE: the emulator creates no child file per split; fileId names the input file.
        split["fileId"] = file_id.clone();
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(pages: &[&str]) -> Document {
        Document {
            pages: pages.iter().map(|page| (*page).to_owned()).collect(),
        }
    }

    #[test]
    fn splits_where_type_changes() {
        let classifications = vec![
            json!({"id": "inv", "type": "invoice"}),
            json!({"id": "rcpt", "type": "receipt"}),
        ];
        let pages = [
            "Document Type: Invoice",
            "more",
            "Document Type: Receipt",
            "Document Type: invoice",
        ];

        let output = split(&classifications, &document(&pages), &json!({}));

        let splits = output["splits"].as_array().unwrap();
        let ranges: Vec<(u64, u64, &str)> = splits
            .iter()
            .map(|split| {
                (
                    split["startPage"].as_u64().unwrap(),
                    split["endPage"].as_u64().unwrap(),
                    split["classificationId"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(ranges, vec![(1, 2, "inv"), (3, 3, "rcpt"), (4, 4, "inv")]);
    }

    #[test]
    fn continued_page_joins_split() {
        let output = split(
            &[],
            &document(&[
                "Document Type: Receipt",
                "Document Type: Letter",
                "Document Type: Letter (continued)",
            ]),
            &json!({}),
        );
        let splits = output["splits"].as_array().expect("splits");
        assert_eq!(splits.len(), 2, "{output}");
        assert_eq!(splits[1]["type"], "Letter");
        assert_eq!(splits[1]["startPage"], 2);
        assert_eq!(splits[1]["endPage"], 3);
    }

    #[test]
    fn trailing_note_removed() {
        assert_eq!(without_trailing_note("Letter (continued)"), "Letter");
        assert_eq!(without_trailing_note(" Invoice "), "Invoice");
        assert_eq!(without_trailing_note("(draft)"), "(draft)");
        assert_eq!(without_trailing_note("Form (W-9) copy"), "Form (W-9) copy");
    }

    #[test]
    fn pages_before_first_type_are_other() {
        let output = split(
            &[],
            &document(&["cover", "Document Type: Invoice"]),
            &json!({}),
        );

        assert_eq!(output["splits"][0]["type"], "other");
        assert_eq!(output["splits"][1]["type"], "Invoice");
    }

    #[test]
    fn output_decodes_as_core_model() {
        let output = split(
            &[],
            &document(&["Document Type: Invoice"]),
            &json!({"file": {"id": "file_1"}}),
        );

        let decoded: extend_core::SplitOutput = serde_json::from_value(output).unwrap();

        assert_eq!(decoded.splits.len(), 1);
        assert_eq!(decoded.splits[0].file_id.as_deref(), Some("file_1"));
    }
}
