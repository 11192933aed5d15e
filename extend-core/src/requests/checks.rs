//! Checks shared by the request types, run before anything is sent.

use crate::{Error, Metadata};

/// Lowest queue priority value: runs with it go first.
pub const MIN_PRIORITY: u8 = 1;
/// Highest queue priority value.
pub const MAX_PRIORITY: u8 = 100;
/// Most inputs one batch create accepts.
pub const MAX_BATCH_INPUTS: usize = 1000;

/// Largest encoded `metadata` object the API accepts, in bytes.
// NOTE: the API documents "10 KB" without saying 10,000 or 10,240 bytes;
// this takes the larger, so the server stays the judge of the gap.
pub const MAX_METADATA_BYTES: usize = 10 * 1024;

/// Checks that encoded metadata fits the API's size limit.
pub(crate) fn check_metadata(metadata: Option<&Metadata>) -> Result<(), Error> {
    let Some(metadata) = metadata else {
        return Ok(());
    };
    let size = serde_json::to_vec(metadata)
        .map_err(|error| Error::InvalidRequest(format!("metadata is not valid JSON: {error}")))?
        .len();
    if size > MAX_METADATA_BYTES {
        return Err(Error::InvalidRequest(format!(
            "metadata is {size} bytes encoded, over the limit of {MAX_METADATA_BYTES}; store large data elsewhere and keep a reference in metadata"
        )));
    }
    Ok(())
}

/// Checks that a priority is within 1 to 100.
pub(crate) fn check_priority(priority: Option<u8>) -> Result<(), Error> {
    match priority {
        Some(value) if !(MIN_PRIORITY..=MAX_PRIORITY).contains(&value) => {
            Err(Error::InvalidRequest(format!(
                "priority {value} is out of range; use {MIN_PRIORITY} (first) to {MAX_PRIORITY}"
            )))
        }
        _ => Ok(()),
    }
}

/// Checks that a batch has between 1 and 1000 inputs.
pub(crate) fn check_batch_size(route: &str, count: usize) -> Result<(), Error> {
    if count == 0 {
        return Err(Error::InvalidRequest(format!(
            "{route} needs at least one input; add an input"
        )));
    }
    if count > MAX_BATCH_INPUTS {
        return Err(Error::InvalidRequest(format!(
            "{route} got {count} inputs, more than the maximum of {MAX_BATCH_INPUTS}; split them into several batches"
        )));
    }
    Ok(())
}

/// Checks that exactly one of a saved processor and an inline config is set.
pub(crate) fn check_one_of(
    route: &str,
    processor_field: &str,
    has_processor: bool,
    has_config: bool,
) -> Result<(), Error> {
    match (has_processor, has_config) {
        (true, true) => Err(Error::InvalidRequest(format!(
            "{route} takes either `{processor_field}` or `config`, not both; remove one"
        ))),
        (false, false) => Err(Error::InvalidRequest(format!(
            "{route} needs `{processor_field}` or `config`; set one"
        ))),
        _ => Ok(()),
    }
}

/// Rejects `priority` on a synchronous route, which has no queue.
pub(crate) fn reject_priority(route: &str, priority: Option<u8>) -> Result<(), Error> {
    if priority.is_some() {
        return Err(Error::InvalidRequest(format!(
            "{route} does not accept a priority; remove it or use the async create route"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_bounds() {
        assert!(check_priority(None).is_ok());
        assert!(check_priority(Some(1)).is_ok());
        assert!(check_priority(Some(100)).is_ok());
        assert!(check_priority(Some(0)).is_err());
        assert!(check_priority(Some(101)).is_err());
    }

    #[test]
    fn priority_error_names_value() {
        let message = check_priority(Some(150)).unwrap_err().to_string();
        assert!(message.contains("150"), "{message}");
        assert!(message.contains("1 (first) to 100"), "{message}");
    }

    #[test]
    fn metadata_size_limit() {
        let mut metadata = Metadata::new();
        assert!(check_metadata(None).is_ok());
        assert!(check_metadata(Some(&metadata)).is_ok());

        metadata.insert("note".into(), "x".repeat(MAX_METADATA_BYTES).into());
        let message = check_metadata(Some(&metadata)).unwrap_err().to_string();
        assert!(message.contains("over the limit of 10240"), "{message}");
    }

    #[test]
    fn batch_size_bounds() {
        assert!(check_batch_size("POST /x", 0).is_err());
        assert!(check_batch_size("POST /x", 1).is_ok());
        assert!(check_batch_size("POST /x", 1000).is_ok());
        assert!(check_batch_size("POST /x", 1001).is_err());
    }

    #[test]
    fn one_of_processor_or_config() {
        assert!(check_one_of("POST /x", "classifier", true, false).is_ok());
        assert!(check_one_of("POST /x", "classifier", false, true).is_ok());
        assert!(check_one_of("POST /x", "classifier", true, true).is_err());
        assert!(check_one_of("POST /x", "classifier", false, false).is_err());
    }
}
