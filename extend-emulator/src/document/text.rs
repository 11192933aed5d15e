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

/// Counts the pages of UTF-8 or other ASCII-compatible text without decoding it.
pub(crate) fn text_page_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|byte| **byte == FORM_FEED).count() + 1
}

const FORM_FEED: u8 = 0x0c;

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
    fn page_count_matches_split() {
        for text in ["", "one", "one\u{c}two", "\u{c}\u{c}"] {
            assert_eq!(
                text_page_count(text.as_bytes()),
                split_pages(text).len(),
                "{text:?}"
            );
        }
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
