//! Conversion of a `Label: value` text to the JSON type a schema property declares.

use serde_json::{Number, Value};

/// The JSON Schema types the extraction rule converts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueType {
    /// `"string"`, and the default when a property names no type.
    String,
    /// `"number"`.
    Number,
    /// `"integer"`.
    Integer,
    /// `"boolean"`.
    Boolean,
    /// `"object"`, `"array"` or an unknown type name: the rule does not fill these.
    Unsupported,
}

impl ValueType {
    /// Reads the `type` of a schema property: a string, or an array such as
    /// `["number", "null"]` whose first type other than `null` is used.
    pub(crate) fn of_property(property: &Value) -> ValueType {
        let declared = match property.get("type") {
            Some(Value::String(name)) => Some(name.as_str()),
            Some(Value::Array(names)) => names
                .iter()
                .filter_map(Value::as_str)
                .find(|name| *name != "null"),
            _ => None,
        };
        match declared {
            None | Some("string") => ValueType::String,
            Some("number") => ValueType::Number,
            Some("integer") => ValueType::Integer,
            Some("boolean") => ValueType::Boolean,
            Some(_) => ValueType::Unsupported,
        }
    }
}

/// Converts `text` to `value_type`, or returns `None` when it does not convert.
pub(crate) fn convert_value(text: &str, value_type: ValueType) -> Option<Value> {
    match value_type {
        ValueType::String => Some(Value::String(text.trim().to_owned())),
        ValueType::Number => parse_number(text)
            .and_then(Number::from_f64)
            .map(Value::Number),
        ValueType::Integer => parse_integer(text).map(|integer| Value::Number(integer.into())),
        ValueType::Boolean => parse_boolean(text).map(Value::Bool),
        ValueType::Unsupported => None,
    }
}

/// Currency symbols dropped from amounts.
const CURRENCY_SYMBOLS: &[char] = &['€', '$', '£', '¥', '₹', '₽', '₩', '₪', '₺', '₫', '¢', '₿'];

/// Parses an amount such as `1,234.56`, `€ 1.234,56`, `EUR 99` or `-12.5 %`.
///
/// Currency symbols, three-letter currency codes (`EUR`), spaces,
/// apostrophes and a `%` sign are dropped; any other letter makes the text
/// not a number. When both `,` and `.` appear, the last one is the decimal
/// separator. A lone `,` followed by exactly three digits, or repeated,
/// separates thousands; otherwise it is the decimal separator.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .split_whitespace()
        .filter(|token| !is_currency_code(token))
        .flat_map(str::chars)
        .filter(|character| {
            !CURRENCY_SYMBOLS.contains(character) && !matches!(character, '\'' | '%')
        })
        .collect();
    if !cleaned
        .chars()
        .all(|character| character.is_ascii_digit() || matches!(character, '.' | ',' | '-'))
    {
        return None;
    }
    let negative = cleaned.starts_with('-');
    let unsigned = cleaned.trim_start_matches('-');
    if unsigned.is_empty()
        || unsigned.contains('-')
        || !unsigned.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }

    let canonical = canonical_decimal(unsigned)?;
    let value: f64 = canonical.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(if negative { -value } else { value })
}

/// Returns `true` for an ISO 4217 style code such as `EUR` or `usd`.
fn is_currency_code(token: &str) -> bool {
    token.len() == 3
        && token
            .chars()
            .all(|character| character.is_ascii_alphabetic())
}

/// Rewrites digits with `,`/`.` separators to a plain `1234.56` form.
fn canonical_decimal(unsigned: &str) -> Option<String> {
    let last_comma = unsigned.rfind(',');
    let last_dot = unsigned.rfind('.');

    let decimal_separator = match (last_comma, last_dot) {
        (Some(comma), Some(dot)) => Some(if comma > dot { ',' } else { '.' }),
        (Some(_), None) => {
            let groups: Vec<&str> = unsigned.split(',').collect();
            let thousands = groups.len() > 2 || groups[1].len() == 3;
            if thousands {
                None
            } else {
                Some(',')
            }
        }
        (None, Some(_)) => {
            let groups = unsigned.split('.').count();
            if groups > 2 {
                None
            } else {
                Some('.')
            }
        }
        (None, None) => None,
    };

    let (integer_part, fraction_part) = match decimal_separator {
        Some(separator) => unsigned.rsplit_once(separator)?,
        None => (unsigned, ""),
    };
    if fraction_part.contains([',', '.']) {
        return None;
    }
    if let Some(separator) = decimal_separator {
        if integer_part.contains(separator) {
            return None;
        }
    }
    let digits: String = integer_part.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.is_empty() {
        "0".to_owned()
    } else {
        digits
    };
    if fraction_part.is_empty() {
        Some(digits)
    } else {
        Some(format!("{digits}.{fraction_part}"))
    }
}

/// Parses an integer; a number with a fractional part is rejected.
pub(crate) fn parse_integer(text: &str) -> Option<i64> {
    let value = parse_number(text)?;
    // 2^53: above it an f64 no longer represents every integer exactly.
    const MAX_EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() != 0.0 || value.abs() > MAX_EXACT {
        return None;
    }
    // The range check above makes the cast exact.
    #[allow(clippy::cast_possible_truncation)]
    Some(value as i64)
}

/// Parses yes/no words: `true`, `yes`, `y`, `x`, `1`, `checked` and their opposites.
pub(crate) fn parse_boolean(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "x" | "1" | "checked" | "ja" | "oui" => Some(true),
        "false" | "no" | "n" | "0" | "unchecked" | "nein" | "non" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn parse_number_cases() {
        let cases = [
            ("1,234.56", Some(1234.56)),
            ("1.234,56", Some(1234.56)),
            ("€ 1,234.56", Some(1234.56)),
            ("EUR 99", Some(99.0)),
            ("$1,000,000", Some(1_000_000.0)),
            ("12,5", Some(12.5)),
            ("1,234", Some(1234.0)),
            ("1.234.567", Some(1_234_567.0)),
            ("-42.10", Some(-42.1)),
            ("18%", Some(18.0)),
            ("0.5", Some(0.5)),
            ("", None),
            ("n/a", None),
            ("see page 2", None),
            ("1'234.50 CHF", Some(1234.5)),
            ("1-2", None),
            ("1.2.3,4,5", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_number(text), expected, "{text:?}");
        }
    }

    #[test]
    fn parse_integer_cases() {
        assert_eq!(parse_integer("1,024"), Some(1024));
        assert_eq!(parse_integer("7"), Some(7));
        assert_eq!(parse_integer("7.5"), None);
        assert_eq!(parse_integer("none"), None);
    }

    #[test]
    fn parse_boolean_cases() {
        assert_eq!(parse_boolean(" Yes "), Some(true));
        assert_eq!(parse_boolean("no"), Some(false));
        assert_eq!(parse_boolean("maybe"), None);
    }

    #[test]
    fn value_type_of_property() {
        assert_eq!(
            ValueType::of_property(&json!({"type": "number"})),
            ValueType::Number
        );
        assert_eq!(
            ValueType::of_property(&json!({"type": ["null", "integer"]})),
            ValueType::Integer
        );
        assert_eq!(
            ValueType::of_property(&json!({"description": "x"})),
            ValueType::String
        );
        assert_eq!(
            ValueType::of_property(&json!({"type": "array"})),
            ValueType::Unsupported
        );
    }

    #[test]
    fn convert_value_by_type() {
        assert_eq!(
            convert_value(" EUR ", ValueType::String),
            Some(json!("EUR"))
        );
        assert_eq!(
            convert_value("1,234.56", ValueType::Number),
            Some(json!(1234.56))
        );
        assert_eq!(convert_value("12", ValueType::Integer), Some(json!(12)));
        assert_eq!(convert_value("no", ValueType::Boolean), Some(json!(false)));
        assert_eq!(convert_value("abc", ValueType::Number), None);
        assert_eq!(convert_value("[1]", ValueType::Unsupported), None);
    }

    proptest! {
        #[test]
        fn formatted_amount_round_trips(cents in 0u64..100_000_000_000, symbol in "(€|\\$|EUR |)") {
            let whole = cents / 100;
            let fraction = cents % 100;
            let mut grouped = String::new();
            let digits = whole.to_string();
            for (index, digit) in digits.chars().enumerate() {
                if index > 0 && (digits.len() - index) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(digit);
            }
            let text = format!("{symbol}{grouped}.{fraction:02}");
            let parsed = parse_number(&text).unwrap();
            prop_assert!((parsed - cents as f64 / 100.0).abs() < 1e-6, "{} -> {}", text, parsed);
        }

        #[test]
        fn parse_number_never_panics(text in "\\PC{0,30}") {
            let _ = parse_number(&text);
        }
    }
}
