//! What edit and form detection runs produce. This is emulation: the
//! emulator fills no PDF form. An edit run's edited file is a copy of its
//! input, and `filledValues` holds the document's labelled lines; a form
//! detection run's schema has one string field per labelled line.

use std::time::Duration;

use extend_core::RunStatus;
use serde_json::{json, Map, Value};

use super::Finish;
use crate::document::Document;
use crate::extract::{camel_case, extract_labelled_lines, labelled_lines};
use crate::ids::new_id;
use crate::objects::{object_id, set_field};
use crate::state::AppState;

/// The finish of an edit run.
pub(crate) fn finish_edit(
    state: &AppState,
    run: &Value,
    document: &Document,
    processing_time: Duration,
) -> Finish {
    let input_id = run
        .pointer("/file/id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(mut edited) = state.files.get(input_id) else {
        return Finish::failed(
            "INTERNAL_ERROR",
            format!("the input file {input_id:?} was deleted before the edit finished"),
        );
    };

    let edited_id = new_id("file");
    set_field(&mut edited.file, "id", json!(edited_id));
    let token = new_id("sig");
    state
        .signed_payloads
        .insert(token.clone(), edited.bytes.clone());
    state.files.insert(object_id(&edited.file), edited);

    let mut fields = Map::new();
    fields.insert(
        "output".to_owned(),
        json!({
            "editedFile": {
                "id": edited_id,
                "presignedUrl": format!("{}/signed/{token}", state.base_url),
            },
            "filledValues": extract_labelled_lines(document).value,
        }),
    );
    fields.insert("metrics".to_owned(), metrics(document, processing_time));
    Finish {
        status: RunStatus::Processed,
        fields,
    }
}

/// The finish of a form detection run.
pub(crate) fn finish_detection(document: &Document, processing_time: Duration) -> Finish {
    let mut properties = Map::new();
    for line in labelled_lines(document) {
        let name = camel_case(&line.label);
        if !name.is_empty() && !properties.contains_key(&name) {
            properties.insert(name, json!({"type": "string", "description": line.label}));
        }
    }

    let mut fields = Map::new();
    fields.insert(
        "output".to_owned(),
        json!({ "schema": { "type": "object", "properties": properties } }),
    );
    fields.insert("metrics".to_owned(), metrics(document, processing_time));
    Finish {
        status: RunStatus::Processed,
        fields,
    }
}

fn metrics(document: &Document, processing_time: Duration) -> Value {
    json!({
        "processingTimeMs": processing_time.as_millis(),
        "pageCount": document.pages.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_schema_has_labels() {
        let document = Document {
            pages: vec!["Full Name: Ada\nDate of Birth: 1815".to_owned()],
        };

        let finish = finish_detection(&document, Duration::ZERO);

        let properties = &finish.fields["output"]["schema"]["properties"];
        assert_eq!(properties["fullName"]["type"], "string");
        assert_eq!(properties["dateOfBirth"]["description"], "date of birth");
    }
}
