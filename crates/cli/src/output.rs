//! Writing results: JSON lines, values as printed, and plain-text tables for a terminal.

use std::io::{self, Write};

use fazhi_lens::compare::Cell;

/// Writes `value` as one line of JSON.
pub(crate) fn json_line(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    // Keep the kind of a write error (a closed pipe is not worth a message, see `main`).
    serde_json::to_writer(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    out.write_all(b"\n")
}

/// A value as printed ("1000余件"), or its number and unit with "≈" when approximate.
pub(crate) fn value_text(value: f64, unit: &str, approx: bool, printed: &str) -> String {
    if printed.trim().is_empty() {
        format!("{}{}{unit}", if approx { "≈" } else { "" }, fazhi_lens::format::number(value))
    } else {
        printed.to_string()
    }
}

/// Display width of a string in a terminal: East Asian wide characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD) { 2 } else { 1 })
        .sum()
}

/// `s` padded with spaces to `w` display columns (left-aligned), or right-aligned.
fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// Renders one table: a header and rows of cells, columns padded to their widest cell; the
/// first `left` columns are left-aligned, the rest (numbers) right-aligned.
pub(crate) fn print_table(
    out: &mut impl Write,
    header: &[String],
    rows: &[Vec<String>],
    left: usize,
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row.iter().zip(&widths).enumerate().map(|(i, (c, &w))| pad(c, w, i >= left)).collect();
        writeln!(out, "  {}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

/// A change with its sign ("+64", "-3%"), "—" for none.
pub(crate) fn signed(v: Option<f64>, suffix: &str) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{}{suffix}", fazhi_lens::format::number(v)),
        Some(v) => format!("{}{suffix}", fazhi_lens::format::number(v)),
        None => "—".into(),
    }
}

/// A cell of a comparison table: the number, "≈" before an approximate one, "—" for none.
pub(crate) fn cell_text(cell: Option<&Cell>) -> String {
    match cell {
        Some(c) => format!("{}{}", if c.approx { "≈" } else { "" }, fazhi_lens::format::number(c.value)),
        None => "—".into(),
    }
}
