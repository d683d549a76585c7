//! Benchmarks of the analysis pipeline: each stage, the whole `analyze` over a size curve, and
//! two large corpora (issue 5's budget: ≥ 50 MB/s on one core, cost linear in the input).
//!
//! ```text
//! cargo bench --bench pipeline                 # everything, a few minutes
//! cargo bench --bench pipeline -- size/        # only the size curve (criterion filter)
//! FAZHI_BENCH_CPU=1 cargo bench --bench pipeline # time = this thread's CPU time (Linux)
//! FAZHI_BENCH_WRITE=/tmp/synth cargo bench --bench pipeline
//!                                              # write the synthetic corpora as files (one
//!                                              # directory each, under /tmp/synth) and exit
//! ```
//!
//! Inputs are built at run time from the seed reports in `../shared/corpus` (or the folder in
//! `FAZHI_CORPUS`); without them the synthetic reports of `synth` stand in, so the numbers
//! differ but the benchmarks still run. Every group reports bytes per second of its input.
//!
//! On a shared machine wall-clock time counts the time other processes hold the core; with
//! `FAZHI_BENCH_CPU=1` the benchmarks count only the CPU time of the benchmarking thread (read
//! from `/proc/thread-self/schedstat`), which stays comparable under load.

mod synth;

/// As in the CLI (see `Cargo.toml`): the analysis allocates many small strings, which mimalloc serves faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::cell::OnceCell;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use fazhi_lens::{analyze, analyze_bytes, analyze_observed, decode, Observer, Stage};

const KB: usize = 1024;
const MB: usize = 1024 * 1024;

/// The seed reports as decoded text, or synthetic ones when the corpus is absent.
fn seeds() -> Vec<String> {
    let dir = std::env::var_os("FAZHI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            decode(&bytes, &p.to_string_lossy()).ok()
        })
        .collect();
    if texts.is_empty() {
        eprintln!("pipeline bench: no seed reports in {}; using synthetic reports", dir.display());
        return synth::corpus(&synth::SEED_LIKE, 1, 60 * KB);
    }
    eprintln!("pipeline bench: {} seed reports from {}", texts.len(), dir.display());
    texts
}

/// The documents joined by blank lines, repeated and cut (on a char boundary) to `size` bytes:
/// one long text, to show how the cost of a single input grows.
fn repeated(docs: &[String], size: usize) -> String {
    let mut out = String::with_capacity(size + 64 * KB);
    for doc in docs.iter().cycle() {
        if out.len() >= size {
            break;
        }
        out.push_str(doc);
        out.push_str("\n\n");
    }
    let mut end = size.min(out.len());
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// Copies of the documents, in turn, until they add up to `size` bytes: a corpus of files.
fn copies(docs: &[String], size: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut total = 0;
    for doc in docs.iter().cycle() {
        if total >= size {
            break;
        }
        total += doc.len();
        out.push(doc.as_bytes().to_vec());
    }
    out
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

/// Human label of a byte size ("10KB", "1MB").
fn label(size: usize) -> String {
    if size >= MB {
        format!("{}MB", size / MB)
    } else {
        format!("{}KB", size / KB)
    }
}

/// Sums the time one stage takes over many runs of [`analyze_observed`], on a clock of
/// nanoseconds (wall or CPU time, as the measurement in use).
struct StageTimer {
    stage: Stage,
    now: fn() -> u64,
    started: u64,
    total: u64,
}

impl Observer for StageTimer {
    fn enter(&mut self, stage: Stage) {
        if stage == self.stage {
            self.started = (self.now)();
        }
    }
    fn leave(&mut self, stage: Stage) {
        if stage == self.stage {
            self.total += (self.now)().saturating_sub(self.started);
        }
    }
}

/// Each stage on the same 1 MB text (the seeds repeated), timed inside whole runs of the
/// pipeline through the library's one public entry (`analyze_observed`), so a stage is
/// measured on exactly the input the earlier stages give it. `now` is the measurement's clock.
fn stages<M: Measurement<Value = Duration>>(c: &mut Criterion<M>, docs: &[String], now: fn() -> u64) {
    let text = repeated(docs, MB);
    let gbk_bytes = OnceCell::new();
    let gbk_bytes = || gbk_bytes.get_or_init(|| gbk(&text));

    let mut g = c.benchmark_group("stage");
    g.sampling_mode(SamplingMode::Flat);
    // The GB18030 copy is a little shorter; its benches count the UTF-8 bytes too, so that
    // every line of this group reads as "MB of report text per second".
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("decode_gbk", |b| {
        let bytes = gbk_bytes();
        b.iter(|| decode(black_box(bytes), "report.txt"))
    });
    g.bench_function("decode_utf8", |b| b.iter(|| decode(black_box(text.as_bytes()), "report.txt")));
    for stage in Stage::ALL {
        g.bench_function(stage.name(), |b| {
            b.iter_custom(|iters| {
                let mut timer = StageTimer { stage, now, started: 0, total: 0 };
                for _ in 0..iters {
                    black_box(analyze_observed(black_box(&text), &mut timer));
                }
                Duration::from_nanos(timer.total)
            })
        });
    }
    g.bench_function("analyze", |b| b.iter(|| analyze(black_box(&text))));
    g.bench_function("analyze_bytes_gbk", |b| {
        let bytes = gbk_bytes();
        b.iter(|| analyze_bytes(black_box(bytes), "report.txt"))
    });
    g.finish();
}

/// The whole `analyze` of one text of 10 KB, 100 KB, 1 MB and 10 MB: MB/s should stay flat.
fn size_curve<M: Measurement>(c: &mut Criterion<M>, docs: &[String]) {
    let mut g = c.benchmark_group("size");
    g.sampling_mode(SamplingMode::Flat);
    for size in [10 * KB, 100 * KB, MB, 10 * MB] {
        let text = repeated(docs, size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("analyze", label(size)), &text, |b, t| b.iter(|| analyze(black_box(t))));
    }
    g.finish();
}

/// Decode and analyse every file of a corpus in turn, as `fazhi analyze` does on one core.
fn run_corpus(files: &[Vec<u8>]) -> usize {
    files.iter().map(|f| analyze_bytes(black_box(f), "report.txt").map_or(0, |(_, r)| r.metrics.len())).sum()
}

/// Corpora of about 12 MB: copies of the seed reports (as UTF-8 and as GB18030), many short
/// synthetic reports as dense as the seeds, and (a stress case, outside the budget) tiny ones
/// two to three times denser. Throughput counts the files' bytes.
fn corpora<M: Measurement>(c: &mut Criterion<M>, docs: &[String]) {
    let total = |files: &[Vec<u8>]| files.iter().map(Vec::len).sum::<usize>() as u64;
    let seeds = copies(docs, 12 * MB);
    let synthetic: Vec<(&str, Vec<Vec<u8>>)> = [synth::SEED_LIKE, synth::DENSE]
        .iter()
        .map(|p| {
            let files: Vec<Vec<u8>> = synth::corpus(p, 1, 12 * MB).into_iter().map(String::into_bytes).collect();
            eprintln!("pipeline bench: corpus/{} = {} files ({} bytes)", p.name, files.len(), total(&files));
            (p.name, files)
        })
        .collect();
    eprintln!("pipeline bench: corpus/seeds_* = {} files", seeds.len());
    let seeds_gbk = OnceCell::new();

    let mut g = c.benchmark_group("corpus");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(total(&seeds)));
    g.bench_function("seeds_12MB_utf8", |b| b.iter(|| run_corpus(&seeds)));
    g.bench_function("seeds_12MB_gbk", |b| {
        let files: &Vec<Vec<u8>> =
            seeds_gbk.get_or_init(|| seeds.iter().map(|f| gbk(std::str::from_utf8(f).unwrap_or_default())).collect());
        b.iter(|| run_corpus(files))
    });
    for (name, files) in &synthetic {
        g.throughput(Throughput::Bytes(total(files)));
        g.bench_function(*name, |b| b.iter(|| run_corpus(files)));
    }
    g.finish();
}

/// Writes each synthetic corpus (12 MB of short reports) as files into a directory of `dir`
/// named after it, for timing the CLI's batch mode.
fn write_synthetic(dir: &str) -> std::io::Result<()> {
    for p in [synth::SEED_LIKE, synth::DENSE] {
        let sub = PathBuf::from(dir).join(p.name);
        std::fs::create_dir_all(&sub)?;
        for (i, r) in synth::corpus(&p, 1, 12 * MB).iter().enumerate() {
            std::fs::write(sub.join(format!("synth_{i:05}.txt")), r)?;
        }
    }
    Ok(())
}

/// CPU time of the calling thread, in nanoseconds, as the kernel accounts it.
struct CpuTime;

impl CpuTime {
    fn now() -> u64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    fn available() -> bool {
        CpuTime::now() > 0
    }
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        CpuTime::now()
    }
    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(CpuTime::now().saturating_sub(start))
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, d: &Duration) -> f64 {
        d.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like wall-clock time: criterion's own formatter prints them.
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

/// Nanoseconds of wall-clock time since the first call.
fn wall_nanos() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_nanos() as u64
}

/// Runs every group with measurement `m`, whose clock in nanoseconds is `now`.
fn run<M: Measurement<Value = Duration>>(m: M, now: fn() -> u64, docs: &[String]) {
    // Inputs are large and per-iteration times long: few samples, short runs.
    let mut c = Criterion::default()
        .with_measurement(m)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(10)
        .configure_from_args();
    stages(&mut c, docs, now);
    size_curve(&mut c, docs);
    corpora(&mut c, docs);
    c.final_summary();
}

fn main() {
    if let Some(dir) = std::env::var("FAZHI_BENCH_WRITE").ok().filter(|d| !d.is_empty()) {
        match write_synthetic(&dir) {
            Ok(()) => eprintln!("pipeline bench: synthetic corpus written to {dir}"),
            Err(e) => {
                eprintln!("pipeline bench: cannot write {dir}: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let docs = seeds();
    if std::env::var("FAZHI_BENCH_CPU").is_ok_and(|v| v == "1") {
        if CpuTime::available() {
            eprintln!("pipeline bench: timing CPU time of this thread");
            return run(CpuTime, CpuTime::now, &docs);
        }
        eprintln!("pipeline bench: no /proc/thread-self/schedstat; timing wall-clock time");
    }
    run(WallTime, wall_nanos, &docs);
}
