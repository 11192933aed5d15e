//! Page text of PDF files, through `pdf-extract`.
//!
//! `pdf-extract` 0.9 panics on some malformed files (it calls `unwrap` and
//! `expect` on objects it expects to exist), so every call runs inside
//! `catch_unwind` and a panic becomes [`ReadError::Corrupt`].
//!
//! NOTE: the default panic hook still prints the panic message to stderr.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{output_doc_page, Document as PdfDocument, PlainTextOutput};

use super::ReadError;

/// Extracts the text of every page, page 1 first.
///
/// A page that fails to extract fails the whole document instead of being
/// dropped, so a caller never gets fewer pages than the file has.
///
/// # Errors
///
/// [`ReadError::Corrupt`] when the PDF cannot be loaded or a page cannot be
/// read; [`ReadError::PasswordProtected`] when it is encrypted and `password`
/// does not open it.
pub(super) fn pdf_page_texts(
    bytes: &[u8],
    password: Option<&str>,
) -> Result<Vec<String>, ReadError> {
    let result = catch_unwind(AssertUnwindSafe(|| extract_pages(bytes, password)));
    match result {
        Ok(pages) => pages,
        Err(panic) => Err(ReadError::Corrupt(format!(
            "the PDF reader stopped on malformed content: {}",
            panic_message(panic.as_ref())
        ))),
    }
}

/// Counts the pages of a PDF, or returns `None` when it cannot be loaded.
pub(crate) fn pdf_page_count(bytes: &[u8]) -> Option<usize> {
    catch_unwind(AssertUnwindSafe(|| {
        PdfDocument::load_mem(bytes)
            .ok()
            .map(|document| document.get_pages().len())
    }))
    .ok()
    .flatten()
}

fn extract_pages(bytes: &[u8], password: Option<&str>) -> Result<Vec<String>, ReadError> {
    let mut document =
        PdfDocument::load_mem(bytes).map_err(|err| ReadError::Corrupt(err.to_string()))?;

    if document.is_encrypted() {
        // An empty user password opens PDFs that are only protected against editing.
        let password = password.unwrap_or("");
        document
            .decrypt(password)
            .map_err(|_| ReadError::PasswordProtected)?;
    }

    let page_numbers: Vec<u32> = document.get_pages().keys().copied().collect();
    let mut pages = Vec::with_capacity(page_numbers.len());
    for page_number in page_numbers {
        let mut text = String::new();
        let mut output = PlainTextOutput::new(&mut text);
        output_doc_page(&document, &mut output, page_number).map_err(|err| {
            ReadError::Corrupt(format!("page {page_number} cannot be read: {err}"))
        })?;
        pages.push(text);
    }
    Ok(pages)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        return (*message).to_owned();
    }
    if let Some(message) = panic.downcast_ref::<String>() {
        return message.clone();
    }
    "unknown panic".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Vec<u8> {
        let path = format!("{}/../samples/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
    }

    #[test]
    fn invoice_has_two_pages() {
        let pages = pdf_page_texts(&sample("invoice.pdf"), None).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pdf_page_count(&sample("invoice.pdf")), Some(2));
    }

    #[test]
    fn invoice_page_one_text() {
        let pages = pdf_page_texts(&sample("invoice.pdf"), None).unwrap();
        for expected in [
            "Invoice Number: INV-2026-0042",
            "Vendor: Müller & Søn Bürobedarf GmbH",
            "Straße des 17. Juni",
            "Café Élan",
            "“Ωmega”",
            "249.00 €",
        ] {
            assert!(
                pages[0].contains(expected),
                "page 1 lacks {expected:?}:\n{}",
                pages[0]
            );
        }
    }

    #[test]
    fn invoice_page_two_text() {
        let pages = pdf_page_texts(&sample("invoice.pdf"), None).unwrap();
        for expected in [
            "Total Due: 1,234.56",
            "Currency: EUR",
            "Vielen Dank für",
            "Qualität geprüft",
        ] {
            assert!(
                pages[1].contains(expected),
                "page 2 lacks {expected:?}:\n{}",
                pages[1]
            );
        }
        assert!(!pages[1].contains("Line Items"), "page 2 holds page 1 text");
    }

    #[test]
    fn packet_pages_are_headed() {
        let pages = pdf_page_texts(&sample("packet.pdf"), None).unwrap();
        assert_eq!(pages.len(), 4);
        assert!(pages[0].contains("Document Type: Invoice"));
        assert!(pages[1].contains("Document Type: Receipt"));
        assert!(pages[2].contains("Document Type: Letter"));
        assert!(pages[2].contains("Zoë Lefèvre"));
    }

    #[test]
    fn garbage_is_corrupt() {
        let error = pdf_page_texts(b"%PDF-1.4\nnot really a pdf", None).unwrap_err();
        assert!(matches!(error, ReadError::Corrupt(_)), "{error:?}");
        assert_eq!(pdf_page_count(b"%PDF-1.4\nnot really a pdf"), None);
    }

    #[test]
    fn truncated_pdf_is_corrupt() {
        let bytes = sample("invoice.pdf");
        let error = pdf_page_texts(&bytes[..bytes.len() / 2], None).unwrap_err();
        assert!(matches!(error, ReadError::Corrupt(_)), "{error:?}");
    }
}
