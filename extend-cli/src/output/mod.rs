//! Printing data on stdout in the format of `-o`.
//!
//! Every command prints through [`Output`], so stdout holds only data: one
//! JSON or YAML document, a table, or ids. Progress and hints go to stderr.

mod table;

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use serde_json::Value;

use crate::error::{stdout_write_error, CliError};

/// Output formats of `-o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One pretty-printed JSON document.
    Json,
    /// One YAML document.
    Yaml,
    /// Aligned columns of the main fields.
    Table,
    /// Only the id, one per line.
    Id,
    /// Compact JSON: one line for an object, one line per item for a list.
    Raw,
}

/// The printer of a command's data: the `-o` format and whether stdout is a terminal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    requested: Option<Format>,
    stdout_is_terminal: bool,
}

impl Output {
    /// Uses the `-o` format, or picks one from whether stdout is a terminal.
    pub(crate) fn new(requested: Option<Format>) -> Self {
        Output {
            requested,
            stdout_is_terminal: std::io::stdout().is_terminal(),
        }
    }

    /// Prints one object: JSON unless `-o` selects another format.
    pub(crate) fn object(&self, value: &Value) -> Result<(), CliError> {
        let format = self.requested.unwrap_or(Format::Json);
        let text = match format {
            Format::Json => pretty_json(value)?,
            Format::Yaml => yaml(value)?,
            Format::Table => table::render_object(value),
            Format::Id => id_of(value),
            Format::Raw => compact_json(value)?,
        };
        write_stdout(&text)
    }

    /// Prints a list object (`{"object": "list", "data": [...], ...}`): a
    /// table on a terminal, JSON otherwise, unless `-o` selects another format.
    pub(crate) fn list(&self, value: &Value) -> Result<(), CliError> {
        let format = list_format(self.requested, self.stdout_is_terminal);
        let items = value
            .get("data")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let text = match format {
            Format::Json => pretty_json(value)?,
            Format::Yaml => yaml(value)?,
            Format::Table => table::render_list(&items),
            Format::Id => items.iter().map(id_of).collect::<Vec<_>>().join("\n"),
            Format::Raw => items
                .iter()
                .map(compact_json)
                .collect::<Result<Vec<_>, _>>()?
                .join("\n"),
        };
        write_stdout(&text)
    }
}

impl Output {
    /// Prints one line of plain text, such as a URL.
    pub(crate) fn line(&self, text: &str) -> Result<(), CliError> {
        write_stdout(text)
    }
}

/// Picks the format of a list: the `-o` one, else a table on a terminal and
/// JSON when stdout is redirected.
fn list_format(requested: Option<Format>, stdout_is_terminal: bool) -> Format {
    match (requested, stdout_is_terminal) {
        (Some(format), _) => format,
        (None, true) => Format::Table,
        (None, false) => Format::Json,
    }
}

fn pretty_json(value: &Value) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map_err(|err| CliError::Output(format!("could not encode the output as JSON: {err}")))
}

fn compact_json(value: &Value) -> Result<String, CliError> {
    serde_json::to_string(value)
        .map_err(|err| CliError::Output(format!("could not encode the output as JSON: {err}")))
}

fn yaml(value: &Value) -> Result<String, CliError> {
    let text = serde_yaml::to_string(value)
        .map_err(|err| CliError::Output(format!("could not encode the output as YAML: {err}")))?;
    Ok(text.trim_end().to_owned())
}

/// Returns the `id` field, or `batchId` for a workflow batch, or `eventId`
/// for a webhook event, or nothing.
fn id_of(value: &Value) -> String {
    value
        .get("id")
        .or_else(|| value.get("batchId"))
        .or_else(|| value.get("eventId"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Writes the text and a final newline. An empty text prints nothing.
fn write_stdout(text: &str) -> Result<(), CliError> {
    if text.is_empty() {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")
        .and_then(|()| stdout.flush())
        .map_err(stdout_write_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_of_run_and_batch() {
        assert_eq!(id_of(&serde_json::json!({"id": "exr_1"})), "exr_1");
        assert_eq!(id_of(&serde_json::json!({"batchId": "batch_1"})), "batch_1");
        assert_eq!(
            id_of(&serde_json::json!({"eventId": "evt_1", "payload": {"id": "exr_1"}})),
            "evt_1"
        );
        assert_eq!(id_of(&serde_json::json!({"name": "x"})), "");
    }

    #[test]
    fn list_format_by_terminal() {
        assert_eq!(list_format(None, true), Format::Table);
        assert_eq!(list_format(None, false), Format::Json);
        assert_eq!(list_format(Some(Format::Id), true), Format::Id);
        assert_eq!(list_format(Some(Format::Table), false), Format::Table);
    }

    #[test]
    fn yaml_has_no_trailing_newline() {
        let text = yaml(&serde_json::json!({"id": "pr_1", "status": "PROCESSED"})).unwrap();
        assert_eq!(text, "id: pr_1\nstatus: PROCESSED");
    }
}
