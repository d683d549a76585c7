//! `fazhi panel`: the long panel, one row per report × key value or figure.

use std::io::{self, Write};

use fazhi_lens::{panel, Report};

use crate::args::{Args, Format};
use crate::inputs::{each_analyzed, Input};
use crate::output::json_line;

/// `panel`: the long panel of every report (see `fazhi_lens::panel`), as CSV (one header) or
/// JSON Lines, rows in the order of the inputs; failures on stderr.
pub(crate) fn run_panel(args: &Args, inputs: &[Input], out: &mut impl Write) -> io::Result<bool> {
    let format = args.format.unwrap_or(Format::Csv);
    if format == Format::Csv {
        let mut header = String::new();
        panel::csv_header(&mut header);
        out.write_all(header.as_bytes())?;
    }
    let render = |text: String, report: Report| {
        let rows = panel::rows(&report, &text);
        let mut buf = Vec::new();
        if format == Format::Jsonl {
            for row in &rows {
                json_line(&mut buf, row)?;
            }
        } else {
            let mut csv = String::new();
            panel::csv(&mut csv, &rows);
            buf = csv.into_bytes();
        }
        Ok::<_, io::Error>(buf)
    };
    each_analyzed(inputs, render, |input, result| match result {
        Ok(rendered) => out.write_all(&rendered?),
        Err(error) => {
            eprintln!("{}: {error}", input.name);
            Ok(())
        }
    })
}
