//! Prints the text of PDFs, or with `--time` how fast they read: `cargo run --release -p
//! fazhi-pdf --example pdftext -- [--time] FILE…`.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time = args.iter().any(|a| a == "--time");
    let (mut bytes, mut secs) = (0usize, 0f64);
    for path in args.iter().filter(|a| *a != "--time") {
        let Ok(data) = std::fs::read(path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let start = Instant::now();
        let rounds = if time { 20 } else { 1 };
        let mut result = fazhi_pdf::extract_text(&data);
        for _ in 1..rounds {
            result = fazhi_pdf::extract_text(&data);
        }
        let t = start.elapsed().as_secs_f64() / f64::from(rounds);
        bytes += data.len();
        secs += t;
        match result {
            Ok(r) if time => println!("{path}: {} pages, {} chars, {:.2} ms", r.pages, r.text.chars().count(), t * 1e3),
            Ok(r) => print!("{}", r.text),
            Err(e) => println!("{path}: {e}"),
        }
    }
    if time && secs > 0.0 {
        println!("total {:.1} MB in {:.1} ms: {:.1} MB/s", bytes as f64 / 1e6, secs * 1e3, bytes as f64 / 1e6 / secs);
    }
}
