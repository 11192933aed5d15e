//! The emulated extraction rule.
//!
//! This is emulation, not the model Extend runs. For each property of the
//! schema's `properties`, the rule looks for a line `Label: value` whose
//! normalised label (see [`normalize_label`]) equals the normalised property
//! name or the normalised `description` of the property. Pages are searched
//! in order, lines top to bottom, and the first value that converts to the
//! property's type wins:
//!
//! - `number`: currency symbols, letters and thousands separators are
//!   dropped (`€ 1,234.56` is `1234.56`);
//! - `integer`: as `number`, without a fractional part;
//! - `boolean`: yes/no words (`yes`, `true`, `x`, `no`, ...);
//! - `string` (or no type): the trimmed text.
//!
//! A property with no matching line, or of type `object` or `array`, is
//! `null`. Each found value gets a citation of the page it came from.

mod convert;
mod label;

use serde_json::{json, Map, Value};

use crate::document::Document;

pub(crate) use convert::{convert_value, ValueType};
pub(crate) use label::{normalize_label, split_label_line};

/// The result of the rule: the `value` and `metadata` of an extract output.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExtractedFields {
    /// One entry per schema property, `null` when not found.
    pub(crate) value: Map<String, Value>,
    /// `{citations: [{page}]}` for each found property.
    pub(crate) metadata: Map<String, Value>,
}

impl ExtractedFields {
    /// Returns the wire form: `{value, metadata}`.
    pub(crate) fn to_json(&self) -> Value {
        json!({ "value": self.value, "metadata": self.metadata })
    }
}

/// Applies the rule to `document` for the schema `properties`.
pub(crate) fn extract_fields(
    properties: &Map<String, Value>,
    document: &Document,
) -> ExtractedFields {
    let mut value = Map::new();
    let mut metadata = Map::new();

    for (name, property) in properties {
        match find_field(name, property, document) {
            Some(found) => {
                metadata.insert(
                    name.clone(),
                    json!({ "citations": [{ "page": found.page }] }),
                );
                value.insert(name.clone(), found.value);
            }
            None => {
                value.insert(name.clone(), Value::Null);
            }
        }
    }

    ExtractedFields { value, metadata }
}

/// Extracts every labelled line as a string field, for runs that name a
/// saved extractor the emulator cannot read: the first line of each label
/// wins, and the field name is the label in camelCase (`Total Due` becomes
/// `totalDue`).
pub(crate) fn extract_labelled_lines(document: &Document) -> ExtractedFields {
    let mut value = Map::new();
    let mut metadata = Map::new();
    for line in labelled_lines(document) {
        let name = camel_case(&line.label);
        if name.is_empty() || value.contains_key(&name) {
            continue;
        }
        metadata.insert(
            name.clone(),
            json!({ "citations": [{ "page": line.page }] }),
        );
        value.insert(name, Value::String(line.value));
    }
    ExtractedFields { value, metadata }
}

/// A `Label: value` line of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LabelledLine {
    /// 1-based page number.
    pub(crate) page: usize,
    /// The label, normalised to lower-case words.
    pub(crate) label: String,
    /// The trimmed text after the colon.
    pub(crate) value: String,
}

/// Returns every `Label: value` line of `document`, in reading order.
pub(crate) fn labelled_lines(document: &Document) -> Vec<LabelledLine> {
    let mut found = Vec::new();
    for (index, page) in document.pages.iter().enumerate() {
        for line in page.lines() {
            if let Some((label, text)) = split_label_line(line) {
                found.push(LabelledLine {
                    page: index + 1,
                    label: normalize_label(label),
                    value: text.to_owned(),
                });
            }
        }
    }
    found
}

/// Joins normalised label words in camelCase: `total due` becomes `totalDue`.
pub(crate) fn camel_case(label: &str) -> String {
    let mut name = String::new();
    for (index, word) in label.split_whitespace().enumerate() {
        if index == 0 {
            name.push_str(word);
            continue;
        }
        let mut characters = word.chars();
        if let Some(first) = characters.next() {
            name.extend(first.to_uppercase());
            name.push_str(characters.as_str());
        }
    }
    name
}

/// A value found for one property.
#[derive(Debug, Clone, PartialEq)]
struct FoundField {
    value: Value,
    /// 1-based page number.
    page: usize,
}

fn find_field(name: &str, property: &Value, document: &Document) -> Option<FoundField> {
    let value_type = ValueType::of_property(property);
    if value_type == ValueType::Unsupported {
        return None;
    }

    let mut labels = vec![normalize_label(name)];
    if let Some(description) = property.get("description").and_then(Value::as_str) {
        labels.push(normalize_label(description));
    }
    labels.retain(|label| !label.is_empty());

    for (index, page) in document.pages.iter().enumerate() {
        for line in page.lines() {
            let Some((label, text)) = split_label_line(line) else {
                continue;
            };
            if !labels.contains(&normalize_label(label)) {
                continue;
            }
            if let Some(value) = convert_value(text, value_type) {
                return Some(FoundField {
                    value,
                    page: index + 1,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(pages: &[&str]) -> Document {
        Document {
            pages: pages.iter().map(|page| (*page).to_owned()).collect(),
        }
    }

    fn properties(schema: Value) -> Map<String, Value> {
        schema["properties"].as_object().cloned().unwrap()
    }

    #[test]
    fn labelled_lines_become_fields() {
        let found = extract_labelled_lines(&document(&[
            "Total Due: 5\nTotal Due: 6",
            "Invoice Number: A-1",
        ]));

        assert_eq!(found.value["totalDue"], "5");
        assert_eq!(found.value["invoiceNumber"], "A-1");
        assert_eq!(found.metadata["invoiceNumber"]["citations"][0]["page"], 2);
    }

    #[test]
    fn fields_by_name_and_type() {
        let document = document(&[
            "Invoice Number: INV-1\nVendor: Acme GmbH",
            "Total Due: € 1,234.56\nPaid: yes\nItems: 3",
        ]);
        let schema = json!({"properties": {
            "invoice_number": {"type": "string"},
            "vendor": {"type": "string"},
            "totalDue": {"type": "number"},
            "paid": {"type": "boolean"},
            "items": {"type": "integer"},
        }});

        let output = extract_fields(&properties(schema), &document);

        assert_eq!(output.value["invoice_number"], json!("INV-1"));
        assert_eq!(output.value["vendor"], json!("Acme GmbH"));
        assert_eq!(output.value["totalDue"], json!(1234.56));
        assert_eq!(output.value["paid"], json!(true));
        assert_eq!(output.value["items"], json!(3));
        assert_eq!(
            output.metadata["totalDue"],
            json!({"citations": [{"page": 2}]})
        );
        assert_eq!(
            output.metadata["vendor"],
            json!({"citations": [{"page": 1}]})
        );
    }

    #[test]
    fn field_by_description() {
        let document = document(&["Amount Payable: 10.00"]);
        let schema =
            json!({"properties": {"total": {"type": "number", "description": "Amount payable"}}});

        let output = extract_fields(&properties(schema), &document);

        assert_eq!(output.value["total"], json!(10.0));
    }

    #[test]
    fn missing_field_is_null_without_citation() {
        let document = document(&["Vendor: Acme"]);
        let schema = json!({"properties": {"currency": {"type": "string"}}});

        let output = extract_fields(&properties(schema), &document);

        assert_eq!(output.value["currency"], Value::Null);
        assert!(output.metadata.get("currency").is_none());
    }

    #[test]
    fn value_that_does_not_convert_is_skipped() {
        let document = document(&["Total: see page 2", "Total: 5"]);
        let schema = json!({"properties": {"total": {"type": "number"}}});

        let output = extract_fields(&properties(schema), &document);

        assert_eq!(output.value["total"], json!(5.0));
        assert_eq!(
            output.metadata["total"],
            json!({"citations": [{"page": 2}]})
        );
    }

    #[test]
    fn object_property_is_null() {
        let document = document(&["Address: Main Street 1"]);
        let schema = json!({"properties": {"address": {"type": "object"}}});

        let output = extract_fields(&properties(schema), &document);

        assert_eq!(output.value["address"], Value::Null);
    }
}
