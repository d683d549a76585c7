//! CSV for spreadsheets, the one writer of the CLI and the web app: RFC 4180 quoting, CRLF
//! line ends, and report text defused so that a spreadsheet never runs it as a formula.

/// The byte-order mark that makes Excel read a CSV file as UTF-8 (the app's downloads start
/// with it; the CLI's standard output does not).
pub const BOM: char = '\u{FEFF}';

/// Writes one record (each field as by [`field`]) and its CRLF.
pub fn row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, cell.as_ref());
    }
    out.push_str("\r\n");
}

/// One field, quoted when it holds a comma, quote or line break. Text that a spreadsheet would
/// run as a formula ("=…", "+…", "@…", "-…" that is not a number, or a leading tab or CR) gets a
/// leading apostrophe (OWASP's advice against CSV injection): headings and phrases come from
/// the report, which is untrusted.
pub fn field(out: &mut String, cell: &str) {
    let formula =
        cell.starts_with(['=', '+', '@', '\t', '\r']) || (cell.starts_with('-') && cell.parse::<f64>().is_err());
    let quote = formula || cell.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cell: &str) -> String {
        let mut out = String::new();
        field(&mut out, cell);
        out
    }

    #[test]
    fn quotes_and_defuses() {
        assert_eq!(one("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(one("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
        assert_eq!(one("+1"), "\"'+1\"");
        assert_eq!(one("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(one("-12.5"), "-12.5");
        assert_eq!(one("-x"), "\"'-x\"");
        assert_eq!(one("行政复议"), "行政复议");
        let mut out = String::new();
        row(&mut out, ["a", "b,c"]);
        assert_eq!(out, "a,\"b,c\"\r\n");
    }
}
