//! Number, ratio and Markdown table formatting for BENCHMARKS.md.

/// Formats a measured value with three significant digits, and thousands
/// separators from 1,000 up: `34,500`, `412`, `38.2`, `0.571`.
pub(crate) fn number(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_owned();
    }
    let magnitude = value.abs();
    if magnitude >= 1000.0 {
        // Keep three significant digits, then group the integer digits.
        let digits = magnitude.log10().floor() as i32 + 1;
        let scale = 10f64.powi(digits - 3);
        let rounded = ((magnitude / scale).round() * scale) as u64;
        let sign = if value < 0.0 { "-" } else { "" };
        return format!("{sign}{}", group_thousands(rounded));
    }
    if magnitude >= 100.0 {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else if magnitude >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    }
}

fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Formats `ours / theirs`: `12.3x` when ours is larger, and with the
/// reciprocal when it is smaller, `0.021x (1/48)`. Missing or zero values
/// give `n/a`.
pub(crate) fn ratio(ours: Option<f64>, theirs: Option<f64>) -> String {
    match (ours, theirs) {
        (Some(ours), Some(theirs)) if theirs > 0.0 && ours > 0.0 => {
            let ratio = ours / theirs;
            if ratio >= 1.0 {
                format!("{}x", number(ratio))
            } else {
                format!("{}x (1/{})", number(ratio), number(1.0 / ratio))
            }
        }
        _ => "n/a".to_owned(),
    }
}

/// Formats a count: a whole number with thousands separators, `n/a` when
/// missing.
pub(crate) fn count(value: Option<f64>) -> String {
    match value {
        Some(value) if value.is_finite() && value >= 0.0 => group_thousands(value.round() as u64),
        _ => "n/a".to_owned(),
    }
}

/// Formats an optional value with [`number`], `n/a` when missing.
pub(crate) fn maybe(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), number)
}

/// A Markdown table: a header row and body rows of the same width.
pub(crate) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Starts a table with these column titles.
    pub(crate) fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|title| (*title).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row; missing cells are left empty and extra cells dropped,
    /// so every row has the header's width.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        let mut cells = cells;
        cells.resize(self.header.len(), String::new());
        self.rows.push(cells);
    }

    /// Renders the table, one line per row, with a trailing newline.
    pub(crate) fn render(&self) -> String {
        let line = |cells: &[String]| {
            let escaped: Vec<String> = cells.iter().map(|cell| cell.replace('|', "\\|")).collect();
            format!("| {} |\n", escaped.join(" | "))
        };
        let mut out = line(&self.header);
        out.push_str(&format!("|{}\n", "---|".repeat(self.header.len())));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_keeps_three_significant_digits() {
        assert_eq!(number(34_567.0), "34,600");
        assert_eq!(number(1_234_567.0), "1,230,000");
        assert_eq!(number(412.4), "412");
        assert_eq!(number(38.24), "38.2");
        assert_eq!(number(2.345), "2.35");
        assert_eq!(number(0.5714), "0.571");
        assert_eq!(number(f64::NAN), "n/a");
    }

    #[test]
    fn count_is_whole_and_grouped() {
        assert_eq!(count(Some(0.0)), "0");
        assert_eq!(count(Some(64_210.0)), "64,210");
        assert_eq!(count(None), "n/a");
        assert_eq!(count(Some(-1.0)), "n/a");
    }

    #[test]
    fn ratio_shows_reciprocal_below_one() {
        assert_eq!(ratio(Some(300.0), Some(3.0)), "100x");
        assert_eq!(ratio(Some(1.0), Some(48.0)), "0.021x (1/48.0)");
        assert_eq!(ratio(None, Some(3.0)), "n/a");
        assert_eq!(ratio(Some(3.0), Some(0.0)), "n/a");
    }

    #[test]
    fn table_pads_short_rows_and_escapes_pipes() {
        let mut table = Table::new(&["a", "b", "c"]);
        table.row(vec!["1".to_owned()]);
        table.row(vec![
            "x|y".to_owned(),
            "2".to_owned(),
            "3".to_owned(),
            "4".to_owned(),
        ]);
        let rendered = table.render();
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "| a | b | c |");
        assert_eq!(lines[1], "|---|---|---|");
        assert_eq!(lines[2], "| 1 |  |  |");
        assert_eq!(lines[3], "| x\\|y | 2 | 3 |");
    }
}
