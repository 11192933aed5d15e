//! Checks of local inputs, done before anything is sent.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::CliError;

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// A local file to upload.
    Local(PathBuf),
    /// A file already uploaded to Extend.
    FileId(String),
    /// A URL Extend downloads.
    Url(String),
}

/// Reads the input argument: `file_...` is an id, `https://` or `http://` a
/// URL, anything else a local path that must be a readable, non-empty file.
pub(crate) fn resolve(raw: &str) -> Result<Input, CliError> {
    if raw.starts_with("file_") && !Path::new(raw).exists() {
        return Ok(Input::FileId(raw.to_owned()));
    }
    if raw.starts_with("https://") || raw.starts_with("http://") {
        return Ok(Input::Url(raw.to_owned()));
    }
    let path = PathBuf::from(raw);
    check_local_file(&path)?;
    Ok(Input::Local(path))
}

/// Checks that `path` is a readable, non-empty file, before anything is sent.
pub(crate) fn check_local_file(path: &Path) -> Result<(), CliError> {
    let shown = path.display();
    let metadata = fs::metadata(path).map_err(|err| {
        CliError::Input(match err.kind() {
            std::io::ErrorKind::NotFound => {
                format!("{shown}: no such file; pass the path of an existing document")
            }
            std::io::ErrorKind::PermissionDenied => {
                format!("{shown}: permission denied; make the file readable")
            }
            _ => format!("{shown}: cannot read file information ({err})"),
        })
    })?;

    if metadata.is_dir() {
        return Err(CliError::Input(format!(
            "{shown}: is a directory; pass the path of a document file"
        )));
    }
    if metadata.len() == 0 {
        return Err(CliError::Input(format!(
            "{shown}: the file is empty (0 bytes); pass a document with content"
        )));
    }
    fs::File::open(path).map_err(|err| {
        CliError::Input(format!(
            "{shown}: cannot open the file ({err}); check its permissions"
        ))
    })?;
    Ok(())
}

/// Reads a JSON Schema file, which must contain an object schema: a JSON
/// object whose `type`, when present, is `"object"` and whose `properties`
/// is an object of the fields to extract.
pub(crate) fn read_schema(path: &Path) -> Result<serde_json::Value, CliError> {
    let schema = read_json_object("schema", "--schema", "a JSON Schema", path)?;
    check_object_schema(path, &schema)?;
    Ok(schema)
}

/// Checks the top level of an extraction schema, before anything is sent.
fn check_object_schema(path: &Path, schema: &serde_json::Value) -> Result<(), CliError> {
    let shown = path.display();
    if let Some(kind) = schema.get("type") {
        if kind != "object" {
            return Err(CliError::Input(format!(
                "schema {shown}: \"type\" is {kind}, expected \"object\"; \
                 the top level of an extraction schema is an object schema"
            )));
        }
    }
    match schema.get("properties") {
        Some(serde_json::Value::Object(_)) => Ok(()),
        Some(other) => Err(CliError::Input(format!(
            "schema {shown}: \"properties\" is {}, expected an object of the fields to extract",
            json_kind(other)
        ))),
        None => Err(CliError::Input(format!(
            "schema {shown}: missing \"properties\"; add an object of the fields to extract, \
             such as {{\"properties\": {{\"total\": {{\"type\": \"number\"}}}}}}"
        ))),
    }
}

/// Reads an inline processor configuration (`--config FILE`) and decodes it
/// into the configuration type of the command.
pub(crate) fn read_config<T: DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    let value = read_json_object("config", "--config", "a processor configuration", path)?;
    serde_json::from_value(value).map_err(|err| {
        CliError::Input(format!(
            "config {}: not a valid configuration for this command ({err}); fix the file",
            path.display()
        ))
    })
}

/// Reads `--metadata`: an inline JSON object of key-value pairs that the API
/// stores with the run and returns with it.
pub(crate) fn parse_metadata(raw: &str) -> Result<extend_core::Metadata, CliError> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|err| {
        CliError::Input(format!(
            "--metadata {raw:?}: not valid JSON ({err}); pass an object such as '{{\"customer\": \"acme\"}}'"
        ))
    })?;
    match value {
        serde_json::Value::Object(map) => Ok(map),
        other => Err(CliError::Input(format!(
            "--metadata {raw:?}: expected a JSON object, found {}",
            json_kind(&other)
        ))),
    }
}

/// Reads a file that must contain one JSON object. `label` starts each error
/// message and `flag` names the option to fix.
fn read_json_object(
    label: &str,
    flag: &str,
    expected: &str,
    path: &Path,
) -> Result<serde_json::Value, CliError> {
    let shown = path.display();
    let text = fs::read_to_string(path).map_err(|err| {
        CliError::Input(match err.kind() {
            std::io::ErrorKind::NotFound => {
                format!(
                    "{label} {shown}: no such file; pass {flag} with the path of {expected} file"
                )
            }
            _ => format!("{label} {shown}: cannot read the file ({err})"),
        })
    })?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|err| {
        CliError::Input(format!(
            "{label} {shown}: not valid JSON ({err}); fix the file or pass another {flag}"
        ))
    })?;
    if !value.is_object() {
        return Err(CliError::Input(format!(
            "{label} {shown}: expected a JSON object ({expected}), found {}",
            json_kind(&value)
        )));
    }
    Ok(value)
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_id_and_url() {
        assert_eq!(
            resolve("file_abc").unwrap(),
            Input::FileId("file_abc".into())
        );
        assert_eq!(
            resolve("https://example.com/a.pdf").unwrap(),
            Input::Url("https://example.com/a.pdf".into())
        );
    }

    #[test]
    fn missing_path_named() {
        let error = resolve("/no/such/dir/invoice.pdf").unwrap_err().to_string();
        assert!(error.contains("/no/such/dir/invoice.pdf"), "{error}");
        assert!(error.contains("no such file"), "{error}");
    }

    #[test]
    fn empty_file_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.pdf");
        fs::write(&path, b"").unwrap();
        let error = resolve(path.to_str().unwrap()).unwrap_err().to_string();
        assert!(error.contains("empty"), "{error}");
    }

    #[test]
    fn directory_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let error = resolve(dir.path().to_str().unwrap())
            .unwrap_err()
            .to_string();
        assert!(error.contains("is a directory"), "{error}");
    }

    #[test]
    fn config_decodes_into_type() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        fs::write(&path, br#"{"schema": {"type": "object"}}"#).unwrap();
        let config: extend_core::ExtractConfig = read_config(&path).unwrap();
        assert_eq!(config.schema, Some(serde_json::json!({"type": "object"})));
    }

    #[test]
    fn config_wrong_shape_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("classify.json");
        fs::write(&path, br#"{"classifications": 7}"#).unwrap();
        let error = read_config::<extend_core::ClassifyConfig>(&path)
            .unwrap_err()
            .to_string();
        assert!(error.contains("classify.json"), "{error}");
        assert!(error.contains("not a valid configuration"), "{error}");
    }

    #[test]
    fn metadata_must_be_object() {
        let map = parse_metadata(r#"{"customer": "acme"}"#).unwrap();
        assert_eq!(map["customer"], "acme");

        let error = parse_metadata("[1]").unwrap_err().to_string();
        assert!(error.contains("expected a JSON object"), "{error}");

        let error = parse_metadata("{oops").unwrap_err().to_string();
        assert!(error.contains("not valid JSON"), "{error}");
    }

    #[test]
    fn schema_object_checks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schema.json");
        let cases = [
            (
                r#"{"type":"objekt","properties":{}}"#,
                "\"type\" is \"objekt\"",
            ),
            (r#"{"type":"object"}"#, "missing \"properties\""),
            (r#"{"properties":[1]}"#, "\"properties\" is an array"),
        ];
        for (text, expected) in cases {
            fs::write(&path, text).unwrap();
            let error = read_schema(&path).unwrap_err().to_string();
            assert!(error.contains(expected), "{text}: {error}");
            assert!(error.contains("schema.json"), "{text}: {error}");
        }

        fs::write(
            &path,
            r#"{"type":"object","properties":{"total":{"type":"number"}}}"#,
        )
        .unwrap();
        assert!(read_schema(&path).is_ok());
        fs::write(&path, r#"{"properties":{}}"#).unwrap();
        assert!(read_schema(&path).is_ok());
    }

    #[test]
    fn schema_must_be_object() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schema.json");
        fs::write(&path, b"[1, 2]").unwrap();
        let error = read_schema(&path).unwrap_err().to_string();
        assert!(error.contains("expected a JSON object"), "{error}");
    }
}
