//! Plain-text files: UTF-8, pages separated by form feeds (U+000C).

use super::ReadError;

/// Splits UTF-8 bytes into pages.
///
/// # Errors
///
/// [`ReadError::Corrupt`] when the bytes are not UTF-8, naming the offset.
pub(super) fn text_pages(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        ReadError::Corrupt(format!(
            "the text is not valid UTF-8 after byte {}",
            err.valid_up_to()
        ))
    })?;
    Ok(split_pages(text))
}

/// Splits text at form feeds; text without one is a single page.
pub(super) fn split_pages(text: &str) -> Vec<String> {
    text.split('\u{c}').map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_form_feed_is_one_page() {
        assert_eq!(split_pages("a\nb"), vec!["a\nb".to_owned()]);
    }

    #[test]
    fn form_feed_starts_a_page() {
        assert_eq!(
            split_pages("one\u{c}two"),
            vec!["one".to_owned(), "two".to_owned()]
        );
    }

    #[test]
    fn invalid_utf8_is_corrupt() {
        let error = text_pages(b"ok \xff").unwrap_err();
        assert_eq!(
            error,
            ReadError::Corrupt("the text is not valid UTF-8 after byte 3".into())
        );
    }
}
