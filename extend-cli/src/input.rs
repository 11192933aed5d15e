//! Checks of local inputs, done before anything is sent.

use std::fs;
use std::path::{Path, PathBuf};

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

fn check_local_file(path: &Path) -> Result<(), CliError> {
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

/// Reads a JSON Schema file, which must hold a JSON object.
pub(crate) fn read_schema(path: &Path) -> Result<serde_json::Value, CliError> {
    let shown = path.display();
    let text = fs::read_to_string(path).map_err(|err| {
        CliError::Input(match err.kind() {
            std::io::ErrorKind::NotFound => {
                format!("schema {shown}: no such file; pass --schema with the path of a JSON Schema file")
            }
            _ => format!("schema {shown}: cannot read the file ({err})"),
        })
    })?;
    let schema: serde_json::Value = serde_json::from_str(&text).map_err(|err| {
        CliError::Input(format!(
            "schema {shown}: not valid JSON ({err}); fix the file or pass another --schema"
        ))
    })?;
    if !schema.is_object() {
        return Err(CliError::Input(format!(
            "schema {shown}: expected a JSON object (a JSON Schema), found {}",
            json_kind(&schema)
        )));
    }
    Ok(schema)
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
    fn schema_must_be_object() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schema.json");
        fs::write(&path, b"[1, 2]").unwrap();
        let error = read_schema(&path).unwrap_err().to_string();
        assert!(error.contains("expected a JSON object"), "{error}");
    }
}
