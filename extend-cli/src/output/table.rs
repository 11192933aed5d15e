//! Plain-text tables: aligned columns, no escape bytes.

use serde_json::Value;

/// Columns shown for list items, in this order, when any item has them.
const LIST_COLUMNS: [&str; 7] = [
    "id",
    "object",
    "status",
    "name",
    "fileName",
    "type",
    "createdAt",
];

/// Renders a list as a header row and one row per item. Only the columns of
/// [`LIST_COLUMNS`] that some item has are shown.
pub(super) fn render_list(items: &[Value]) -> String {
    let columns: Vec<&str> = LIST_COLUMNS
        .iter()
        .copied()
        .filter(|column| {
            items
                .iter()
                .any(|item| item.get(column).is_some_and(|v| !v.is_null()))
        })
        .collect();
    if columns.is_empty() {
        return String::from("(no items)");
    }

    let mut rows = vec![columns
        .iter()
        .map(|column| column.to_uppercase())
        .collect::<Vec<_>>()];
    for item in items {
        rows.push(
            columns
                .iter()
                .map(|column| cell(item.get(column)))
                .collect(),
        );
    }
    align(&rows)
}

/// Renders the top-level scalar fields of an object as `FIELD  VALUE` rows.
/// Nested objects and arrays are summarised, so use `-o json` to see them.
pub(super) fn render_object(value: &Value) -> String {
    let Some(object) = value.as_object() else {
        return cell(Some(value));
    };
    let mut rows = vec![vec!["FIELD".to_owned(), "VALUE".to_owned()]];
    for (key, field) in object {
        if field.is_null() {
            continue;
        }
        rows.push(vec![key.clone(), cell(Some(field))]);
    }
    align(&rows)
}

/// Formats one value for a cell on one line.
fn cell(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) => format!("[{} items]", items.len()),
        Some(Value::Object(fields)) => format!("{{{} fields}}", fields.len()),
        Some(other) => other.to_string(),
    };
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Pads every column to its widest cell, two spaces apart.
fn align(rows: &[Vec<String>]) -> String {
    let column_count = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..column_count)
        .map(|index| {
            rows.iter()
                .map(|row| row[index].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();

    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let mut line = String::new();
        for (index, text) in row.iter().enumerate() {
            if index + 1 == row.len() {
                line.push_str(text);
            } else {
                let padding = widths[index] - text.chars().count() + 2;
                line.push_str(text);
                line.push_str(&" ".repeat(padding));
            }
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_shows_present_columns() {
        let items = vec![
            json!({"id": "pr_1", "status": "PROCESSED"}),
            json!({"id": "pr_22", "status": "FAILED"}),
        ];
        let text = render_list(&items);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "ID     STATUS");
        assert_eq!(lines[1], "pr_1   PROCESSED");
        assert_eq!(lines[2], "pr_22  FAILED");
    }

    #[test]
    fn empty_list_says_so() {
        assert_eq!(render_list(&[]), "(no items)");
    }

    #[test]
    fn control_bytes_replaced() {
        let text = render_object(&json!({"name": "a\u{1b}[31mb\nc"}));
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(!text.contains("b\nc"), "{text:?}");
    }

    #[test]
    fn nested_values_summarised() {
        let text = render_object(&json!({"output": {"a": 1, "b": 2}, "chunks": [1, 2, 3]}));
        assert!(text.contains("{2 fields}"), "{text}");
        assert!(text.contains("[3 items]"), "{text}");
    }

    proptest::proptest! {
        #[test]
        fn list_one_line_per_item(ids in proptest::collection::vec("\\PC*|[\\x00-\\x1f]*", 1..8)) {
            let items: Vec<Value> = ids.iter().map(|id| json!({"id": id, "status": "PROCESSED"})).collect();
            let text = render_list(&items);
            proptest::prop_assert_eq!(text.lines().count(), items.len() + 1);
            proptest::prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        }
    }
}
