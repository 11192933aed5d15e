//! What a classify run produces. This is emulation, not a model: a
//! deterministic rule over the document's text.
//!
//! 1. The first `Document Type: X` line picks the classification whose
//!    `type` equals X (ignoring case), with confidence 0.95.
//! 2. Otherwise the classification whose `type` and `description` words
//!    (four letters or more) occur most often in the text wins, with
//!    confidence 0.6; ties go to the earlier classification.
//! 3. Otherwise a classification of type `other` is chosen if there is one,
//!    else the first, with confidence 0.1.
//!
//! A run that names a saved classifier has no classifications; it reports
//! the `Document Type:` value itself (or `other`) as the type.

use extend_core::RunStatus;
use serde_json::{json, Map, Value};

use super::Finish;
use crate::document::Document;
use crate::extract::{labelled_lines, normalize_label};

/// The label that names a page's document type.
pub(crate) const DOCUMENT_TYPE_LABEL: &str = "document type";

/// Confidence reported when the `Document Type:` line matched.
const LINE_CONFIDENCE: f64 = 0.95;
/// Confidence reported for a keyword match.
const KEYWORD_CONFIDENCE: f64 = 0.6;
/// Confidence reported for the fallback choice.
const FALLBACK_CONFIDENCE: f64 = 0.1;

/// The finish of a classify run.
pub(crate) fn finish(classifications: &[Value], document: &Document) -> Finish {
    let output = classify(classifications, document);
    let mut fields = Map::new();
    fields.insert("initialOutput".to_owned(), output.clone());
    fields.insert("output".to_owned(), output);
    Finish {
        status: RunStatus::Processed,
        fields,
    }
}

/// Builds the classify output `{id, type, confidence, insights}`.
pub(crate) fn classify(classifications: &[Value], document: &Document) -> Value {
    let declared = labelled_lines(document)
        .into_iter()
        .find(|line| line.label == DOCUMENT_TYPE_LABEL)
        .map(|line| line.value);

    if let Some(declared) = &declared {
        if let Some(found) = find_by_type(classifications, declared) {
            let reason = format!("The document's `Document Type:` line reads {declared:?}.");
            return output(found, LINE_CONFIDENCE, &reason);
        }
    }
    if classifications.is_empty() {
        let kind = declared.unwrap_or_else(|| "other".to_owned());
        let found = json!({"id": normalize_label(&kind).replace(' ', "_"), "type": kind});
        return output(
            &found,
            LINE_CONFIDENCE,
            "The emulator read the `Document Type:` line.",
        );
    }
    if let Some(found) = best_keyword_match(classifications, &document.pages.join("\n")) {
        return output(
            found,
            KEYWORD_CONFIDENCE,
            "Keywords of this classification occur in the text.",
        );
    }
    let fallback = find_by_type(classifications, "other").unwrap_or(&classifications[0]);
    output(
        fallback,
        FALLBACK_CONFIDENCE,
        "No rule matched; the emulator chose a fallback.",
    )
}

/// The classification whose `type` equals `kind`, ignoring case.
pub(crate) fn find_by_type<'a>(classifications: &'a [Value], kind: &str) -> Option<&'a Value> {
    let wanted = normalize_label(kind);
    classifications.iter().find(|classification| {
        classification
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|candidate| normalize_label(candidate) == wanted)
    })
}

fn best_keyword_match<'a>(classifications: &'a [Value], text: &str) -> Option<&'a Value> {
    let text = text.to_lowercase();
    let mut best: Option<(usize, &Value)> = None;
    for classification in classifications {
        let score = keyword_score(classification, &text);
        if score > 0 && best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, classification));
        }
    }
    best.map(|(_, classification)| classification)
}

fn keyword_score(classification: &Value, text: &str) -> usize {
    let words = ["type", "description"]
        .iter()
        .filter_map(|key| classification.get(*key).and_then(Value::as_str))
        .flat_map(|phrase| {
            normalize_label(phrase)
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|word| word.len() >= 4)
        .collect::<Vec<_>>();
    words
        .iter()
        .map(|word| text.matches(word.as_str()).count())
        .sum()
}

fn output(classification: &Value, confidence: f64, reason: &str) -> Value {
    json!({
        "id": classification.get("id").cloned().unwrap_or(json!("other")),
        "type": classification.get("type").cloned().unwrap_or(json!("other")),
        "confidence": confidence,
        "insights": [{"type": "reasoning", "content": reason}],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        Document {
            pages: text.split('\u{c}').map(str::to_owned).collect(),
        }
    }

    fn classifications() -> Vec<Value> {
        vec![
            json!({"id": "inv", "type": "invoice", "description": "A bill listing amounts due"}),
            json!({"id": "po", "type": "purchase_order", "description": "An order to buy goods"}),
            json!({"id": "other", "type": "other"}),
        ]
    }

    #[test]
    fn document_type_line_wins() {
        let output = classify(
            &classifications(),
            &document("Document Type: Purchase Order\ninvoice invoice"),
        );

        assert_eq!(output["id"], "po");
        assert_eq!(output["confidence"], LINE_CONFIDENCE);
    }

    #[test]
    fn keywords_pick_classification() {
        let output = classify(&classifications(), &document("INVOICE\nAmount due: 5"));

        assert_eq!(output["id"], "inv");
        assert_eq!(output["confidence"], KEYWORD_CONFIDENCE);
    }

    #[test]
    fn fallback_prefers_other() {
        let output = classify(&classifications(), &document("nothing here"));

        assert_eq!(output["id"], "other");
        assert_eq!(output["confidence"], FALLBACK_CONFIDENCE);
    }

    #[test]
    fn output_decodes_as_core_model() {
        let output = classify(&classifications(), &document("Document Type: invoice"));

        let decoded: extend_core::ClassifyOutput = serde_json::from_value(output).unwrap();

        assert_eq!(decoded.r#type, "invoice");
    }
}
