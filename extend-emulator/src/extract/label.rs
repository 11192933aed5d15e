//! Label normalisation and `Label: value` line splitting.

/// Normalises a label or a property name to lower-case words separated by
/// single spaces.
///
/// `invoice_number`, `invoiceNumber`, `Invoice Number` and `INVOICE-NUMBER`
/// all become `invoice number`. A character with a distinct lower-case form
/// starts a new word when it follows a lower-case letter or a digit. Every
/// character that is not a letter or digit separates words. Normalising the
/// result again changes nothing.
pub(crate) fn normalize_label(raw: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_caseless = false;

    for character in raw.chars() {
        if !character.is_alphanumeric() {
            finish_word(&mut words, &mut current);
            previous_caseless = false;
            continue;
        }
        let has_lower_form = character.to_lowercase().ne(std::iter::once(character));
        if has_lower_form && previous_caseless {
            finish_word(&mut words, &mut current);
        }
        // Lower-casing can add combining marks (İ becomes i + U+0307); they are dropped.
        current.extend(
            character
                .to_lowercase()
                .filter(|lower| lower.is_alphanumeric()),
        );
        previous_caseless = !has_lower_form;
    }
    finish_word(&mut words, &mut current);

    words.join(" ")
}

fn finish_word(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// Splits a line of the form `Label: value` at its first colon.
///
/// Returns `None` when the line has no colon, the label is empty, or the
/// value is empty.
pub(crate) fn split_label_line(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim();
    let value = value.trim();
    if label.is_empty() || value.is_empty() {
        return None;
    }
    Some((label, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalize_label_cases() {
        let cases = [
            ("invoice_number", "invoice number"),
            ("invoiceNumber", "invoice number"),
            ("Invoice Number", "invoice number"),
            ("INVOICE-NUMBER", "invoice number"),
            ("  Total   Due ", "total due"),
            ("vatID2", "vat id2"),
            ("iso_4217_currency", "iso 4217 currency"),
            ("Größe", "größe"),
            ("", ""),
        ];
        for (raw, expected) in cases {
            assert_eq!(normalize_label(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn split_line_at_first_colon() {
        assert_eq!(split_label_line("Due: 10:30"), Some(("Due", "10:30")));
        assert_eq!(
            split_label_line("  Vendor :  Acme  "),
            Some(("Vendor", "Acme"))
        );
    }

    #[test]
    fn split_line_rejects_incomplete() {
        assert_eq!(split_label_line("no colon here"), None);
        assert_eq!(split_label_line(": value"), None);
        assert_eq!(split_label_line("Label:"), None);
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent(raw in "\\PC{0,40}") {
            let once = normalize_label(&raw);
            prop_assert_eq!(normalize_label(&once), once);
        }

        #[test]
        fn snake_and_camel_agree(words in proptest::collection::vec("[a-z]{2,8}", 1..5)) {
            let snake = words.join("_");
            let camel: String = words
                .iter()
                .enumerate()
                .map(|(index, word)| {
                    if index == 0 {
                        word.clone()
                    } else {
                        let mut characters = word.chars();
                        let first = characters.next().map(|c| c.to_ascii_uppercase());
                        first.into_iter().chain(characters).collect()
                    }
                })
                .collect();
            prop_assert_eq!(normalize_label(&snake), normalize_label(&camel));
            prop_assert_eq!(normalize_label(&snake), words.join(" "));
        }
    }
}
