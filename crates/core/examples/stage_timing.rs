//! Per-stage timings of `analyze` on the seed corpus and on hostile shapes (a profiling aid).
//!
//! `cargo run --release --example stage_timing [FILE...]`: with files, times each; without,
//! A directory stands for a corpus: its files are analysed one by one and the stages summed
//! (`FAZHI_BENCH_WRITE=/tmp/synth cargo bench --bench pipeline` writes the synthetic ones). Without,
//! the seeds in ../shared/corpus repeated to about 12 MB each, the corpus cut to 10 KB … 10 MB
//! (growth should be linear), a 10 MB line and the hostile shapes of tests/hostile.rs.
//! `STAGE_REPS=n` fixes the number of runs (e.g. 3 under `valgrind --tool=callgrind
//! --toggle-collect='fazhi_lens::figures::find*'`, which counts one stage alone).

use std::time::{Duration, Instant};

use fazhi_lens::{analyze_observed, Observer, Stage};

/// As in the CLI (see `Cargo.toml`): the analysis allocates many small strings, which mimalloc
/// serves faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Best of several runs, per stage (wall clock: the minimum leaves out time the machine spent
/// elsewhere); small inputs run more often.
fn time_stages(what: &str, input: &str) {
    let reps = std::env::var("STAGE_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or((30_000_000 / input.len().max(1)).clamp(3, 1000))
        .max(1);
    let runs: Vec<_> = (0..reps).map(|_| run_stages(input)).collect();
    let mut best = runs[0].0.clone();
    for (t, _) in &runs[1..] {
        for (b, x) in best.iter_mut().zip(t) {
            b.1 = b.1.min(x.1);
        }
    }
    let total: f64 = best.iter().map(|x| x.1.as_secs_f64()).sum();
    let mb = input.len() as f64 / 1e6;
    print!("{what:<22} {:>7.2} MB {:>7.1} MB/s |", mb, mb / total);
    for (name, d) in best {
        print!(" {name} {:.1}ms", d.as_secs_f64() * 1e3);
    }
    println!(" | {}", runs[0].1);
}

/// Records how long each stage of one run took.
#[derive(Default)]
struct StageClock {
    started: Option<Instant>,
    times: Vec<(&'static str, Duration)>,
}

impl Observer for StageClock {
    fn enter(&mut self, _stage: Stage) {
        self.started = Some(Instant::now());
    }
    fn leave(&mut self, stage: Stage) {
        let took = self.started.map(|s| s.elapsed()).unwrap_or_default();
        self.times.push((stage.name(), took));
    }
}

/// One run of every stage (through the library's `analyze_observed`, as `analyze` runs them):
/// the time of each, and a summary of the result. Under callgrind, `--toggle-collect='fazhi_lens::run*'`
/// with `--dump-instr=no` and the stage's callee (e.g. `fazhi_lens::figures::find`) counts one stage.
fn run_stages(input: &str) -> (Vec<(&'static str, Duration)>, String) {
    let mut clock = StageClock::default();
    let report = analyze_observed(input, &mut clock);
    (clock.times, format!("{} sections {} figures", report.sections.len(), report.metrics.len()))
}

/// Every file of a directory analysed in turn, stage times summed over the files (best of
/// three passes per stage): per-report fixed costs show here, not in one long text.
fn time_corpus(dir: &str) {
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("readable directory").flatten().map(|e| e.path()).collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let mut best: Vec<(&'static str, Duration)> = Vec::new();
    for _ in 0..3 {
        let mut sum: Vec<(&'static str, Duration)> = Vec::new();
        for t in &texts {
            let (times, _) = run_stages(t);
            if sum.is_empty() {
                sum = times;
            } else {
                for (s, x) in sum.iter_mut().zip(&times) {
                    s.1 += x.1;
                }
            }
        }
        if best.is_empty() {
            best = sum;
        } else {
            for (b, x) in best.iter_mut().zip(&sum) {
                b.1 = b.1.min(x.1);
            }
        }
    }
    // The whole of `analyze_bytes` per file (decoding and dropping included), as the
    // criterion benchmark and the CLI run it.
    let whole = (0..3)
        .map(|_| {
            let s = Instant::now();
            for t in &texts {
                std::hint::black_box(fazhi_lens::analyze_bytes(t.as_bytes(), "report.txt").ok());
            }
            s.elapsed()
        })
        .min()
        .unwrap_or_default();
    let total: f64 = best.iter().map(|x| x.1.as_secs_f64()).sum();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    print!("{dir:<22} {mb:>7.2} MB {:>7.1} MB/s |", mb / total);
    for (name, d) in best {
        print!(" {name} {:.1}ms", d.as_secs_f64() * 1e3);
    }
    println!(" | {} files; analyze_bytes {:.1} MB/s", texts.len(), mb / whole.as_secs_f64());
}

/// The first `n` bytes of `s`, or a little less, to end on a char boundary.
fn cut(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

fn main() {
    // Compile the patterns and build the tables outside the timed runs.
    let _ = fazhi_lens::analyze(
        "首页 > 政务公开\n发布时间：2031-01-15 分享到\n某区2030年法治政府建设年度报告\n一、总体\n(一)共12件。但仍有不足。\n二、下一步\n",
    );
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        for a in &args {
            if std::path::Path::new(a).is_dir() {
                time_corpus(a);
                continue;
            }
            let text = std::fs::read_to_string(a).expect("readable UTF-8 file");
            time_stages(a, &text);
        }
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir).expect("corpus").flatten().map(|e| e.path()).collect();
    seeds.sort();
    let corpus: String = seeds.iter().map(|p| std::fs::read_to_string(p).expect("utf-8")).collect();
    for p in &seeds {
        let text = std::fs::read_to_string(p).expect("utf-8").repeat(12_000_000 / 12_000);
        let name: String = p.file_name().map(|n| n.to_string_lossy().chars().take(3).collect()).unwrap_or_default();
        time_stages(&name, &text);
    }
    let big = corpus.repeat(12_000_000 / corpus.len() + 1);
    for n in [10_000, 100_000, 1_000_000, 10_000_000] {
        time_stages(&format!("corpus {n}"), cut(&big, n));
    }
    time_stages("corpus 12MB", &big);
    let one_line = big.replace('\n', "");
    time_stages("corpus one line", cut(&one_line, 10_000_000));
    let unit = "全年共受理行政复议申请93件同比增长12.5%组织培训30余场次(wán)完善制度，";
    time_stages("hostile line", &unit.repeat(10_000_000 / unit.len()));
    time_stages("hostile ascii", &"a1(b)2.3%".repeat(10_000_000 / 9));
    const MARKERS: [&str; 8] = ["一、", "（一）", "(二)", "1.", "2、", "(3)", "一是", "第一，"];
    let headings: String = (0..100_000).map(|i| format!("{}标题{i}\n", MARKERS[i % 8])).collect();
    time_stages("100k headings", &headings);
    let bare: String = (0..100_000).map(|i| format!("{}、\n", ["一", "二", "三"][i % 3])).collect();
    time_stages("100k bare headings", &bare);
}
