//! The `fazhi` command as a user meets it: help and mistakes on the command line, batches
//! that keep the order they were given in, and files that cannot be analysed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fazhi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fazhi")).args(args).output().expect("fazhi runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("fazhi prints UTF-8")
}

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut paths: Vec<String> = std::fs::read_dir(&dir)
        .expect("../shared/corpus is readable")
        .filter_map(|e| e.ok().map(|e| e.path().to_string_lossy().into_owned()))
        .filter(|p| p.ends_with(".txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "five seed reports");
    paths
}

/// A directory of its own for each test, under Cargo's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

#[test]
fn help_is_printed_for_every_way_of_asking() {
    for args in [
        &["help"][..],
        &["--help"],
        &["-h"],
        &["analyze", "--help"],
        &["compare", "-h"],
        &["panel", "-h"],
        &["analyze", "x.txt", "--help"],
    ] {
        let out = fazhi(args);
        assert!(out.status.success(), "{args:?} succeeds");
        let stdout = text(&out.stdout);
        assert!(stdout.contains("用法 Usage") && stdout.contains("fazhi analyze"), "{args:?} prints the usage");
        assert!(stdout.contains("fazhi panel") && stdout.contains("FILE|DIR"), "{args:?} names panel and folders");
        assert!(out.stderr.is_empty(), "{args:?} prints no error");
    }
    let out = fazhi(&["--version"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout).trim(), format!("fazhi {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn command_line_mistakes_are_explained_in_chinese_and_english() {
    for (args, zh, en) in [
        (&[][..], "缺少子命令", "missing command"),
        (&["analyse", "--frobnicate", "x.txt"], "未知选项 --frobnicate", "unknown option --frobnicate"),
        (&["analyze", "--format", "yaml", "x.txt"], "未知格式 yaml", "unknown format yaml"),
        (&["analyze", "--format"], "需要一个值", "needs a value"),
        (&["analyze"], "请指定文件", "no FILE given"),
        (&["panel"], "请指定文件", "no FILE given"),
        (
            &["analyze", "--format=csv", "x.txt"],
            "analyze 不支持 csv，可用 text、json",
            "analyze has no csv; use text or json",
        ),
        (
            &["panel", "--format", "json", "x.txt"],
            "panel 不支持 json，可用 csv、jsonl",
            "panel has no json; use csv or jsonl",
        ),
        (&["compare", "-f", "jsonl", "x.txt"], "compare 不支持 jsonl", "compare has no jsonl"),
        (&["summarise", "x.txt"], "未知子命令 summarise", "unknown command summarise"),
    ] {
        let out = fazhi(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} is a usage error");
        assert!(out.stdout.is_empty(), "{args:?} prints nothing on stdout");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(zh) && stderr.contains(en), "{args:?}: {stderr}");
        assert!(stderr.contains("用法 Usage"), "{args:?} reminds of the usage");
    }
}

/// A batch longer than one rayon chunk, mixing the seeds with files that cannot be analysed:
/// one JSON line per file, in the order given, each the same as a run on that file alone.
#[test]
fn a_batch_keeps_its_order_and_reports_each_failure_in_place() {
    let dir = scratch("cli_batch");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.join("image.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0, 0xfe]).unwrap();
    let folder = dir.to_string_lossy().into_owned();
    let missing = dir.join("不存在.txt").to_string_lossy().into_owned();
    let (empty, binary) = (empty.to_string_lossy().into_owned(), binary.to_string_lossy().into_owned());
    let seeds = seeds();
    let alone: Vec<String> = seeds
        .iter()
        .map(|p| {
            let out = fazhi(&["analyze", "--format", "json", p]);
            assert!(out.status.success(), "{p} is analysed");
            text(&out.stdout)
        })
        .collect();

    let mut paths: Vec<&str> = (0..300).map(|i| seeds[(i * 7) % 5].as_str()).collect();
    paths[3] = &empty;
    paths[150] = &missing;
    paths[151] = &binary;
    paths[299] = &folder;
    let mut args = vec!["analyze", "--format", "json"];
    args.extend(&paths);
    let out = fazhi(&args);
    assert_eq!(out.status.code(), Some(1), "a failed file makes the run fail");
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    // The folder at the end stands for its two files, in byte order of their paths.
    paths.pop();
    paths.extend([empty.as_str(), binary.as_str()]);
    assert_eq!(lines.len(), paths.len(), "one line per file");
    for (i, (line, path)) in lines.iter().zip(&paths).enumerate() {
        let v: Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(v["source"], *path, "line {i} is about file {i}");
        let failed = [&empty, &missing, &binary].iter().any(|p| p.as_str() == *path);
        if failed {
            let error = v["error"].as_str().expect("a failure has an error message");
            assert!(error.contains('(') && error.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{error}");
        } else {
            let seed = seeds.iter().position(|s| s == path).unwrap();
            assert_eq!(format!("{line}\n"), alone[seed], "line {i} is what a run on {path} alone prints");
        }
    }
    let error = |i: usize| serde_json::from_str::<Value>(lines[i]).unwrap()["error"].as_str().unwrap().to_string();
    assert!(error(3).contains("文件为空"), "{}", error(3));
    assert!(error(150).contains("文件不存在") && error(150).contains("file not found"), "{}", error(150));
    assert!(error(151).contains("PNG 图片"), "{}", error(151));
    assert!(error(299).contains("文件为空") && error(300).contains("PNG 图片"), "{} {}", error(299), error(300));
}

#[test]
fn standard_input_is_analysed_like_a_file() {
    let seed = &seeds()[0];
    let bytes = std::fs::read(seed).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(["analyze", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("fazhi starts");
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let mut from_stdin: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut from_file: Value = serde_json::from_slice(&fazhi(&["analyze", "--format", "json", seed]).stdout).unwrap();
    assert_eq!(from_stdin["source"], "-");
    from_stdin["source"] = Value::Null;
    from_file["source"] = Value::Null;
    assert_eq!(from_stdin, from_file);
}

#[test]
fn text_output_names_every_file_and_sends_failures_to_stderr() {
    let seeds = seeds();
    let out = fazhi(&["analyze", &seeds[1], "/no/such/file.txt", &seeds[2]]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let first = stdout.find(&format!("== {}", seeds[1])).expect("first file");
    let second = stdout.find(&format!("== {}", seeds[2])).expect("second file");
    assert!(first < second, "in the order given");
    assert!(stdout.contains("标题 ") && stdout.contains("-- 检查"));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("/no/such/file.txt: 无法读取文件"), "{stderr}");
}

/// `fazhi compare` keeps to the contract of docs/output.md in JSON and CSV.
#[test]
fn cli_json_and_csv_follow_the_contract() {
    let seeds = seeds();
    let paths = [seeds[0].clone(), seeds[4].clone(), seeds[3].clone()];
    let mut args = vec!["compare", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let out = fazhi(&args);
    let (ok, stdout) = (out.status.success(), text(&out.stdout));
    assert!(ok);
    assert_eq!(stdout.lines().count(), 1, "one JSON object");
    let v: Value = serde_json::from_str(&stdout).expect("valid JSON");
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 3);
    for r in reports {
        for field in ["source", "region", "report_year"] {
            assert!(r.get(field).is_some(), "report has {field}");
        }
    }
    assert_eq!(reports[0]["report_year"], 2021);
    let rows = v["rows"].as_array().expect("rows");
    for r in rows {
        for field in ["indicator", "label", "unit", "values", "delta", "pct"] {
            assert!(r.get(field).is_some(), "row has {field}: {r}");
        }
        assert_eq!(r["values"].as_array().map(Vec::len), Some(3));
    }
    let accepted =
        rows.iter().find(|r| r["indicator"] == "reconsideration_accepted" && r["unit"] == "宗").expect("accepted row");
    assert_eq!(accepted["values"][0], 19);
    assert_eq!(accepted["delta"], 64);
    assert_eq!(accepted["pct"], 336.8);

    let mut args = vec!["compare", "--format", "csv"];
    args.extend(paths.iter().map(String::as_str));
    let out = fazhi(&args);
    let (ok, csv) = (out.status.success(), text(&out.stdout));
    assert!(ok);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header row").split(',').collect();
    // The columns of the contract first, in their order; the added ones after them: the pair
    // delta/pct compare, what the row counts, each report's printed value and approximation,
    // and a Δ and % for each pair of one region's reports (here 坪山区 2021→2023).
    assert_eq!(&header[..3], ["indicator", "label", "unit"]);
    assert_eq!(&header[6..12], ["delta", "pct", "change", "change_approx", "counts", "headline"]);
    assert_eq!(header.len(), 3 + 3 + 2 + 4 + 3 * 2 + 2);
    assert!(header[12].ends_with(" printed") && header[13].ends_with(" approx"), "{header:?}");
    assert_eq!(&header[18..], ["Δ 坪山区 2021→2023", "% 坪山区 2021→2023"]);
    assert_eq!(lines.count(), rows.len());

    let ok = fazhi(&["compare", "--format", "json", "/nonexistent/report.txt"]).status.success();
    assert!(!ok, "an unreadable file makes the exit code 1");
}

/// Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into records.
fn parse_csv(csv: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, csv.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the CSV ends with a line end");
    records
}

/// Folders stand for every file under them, nested, in byte order of their paths (not in the
/// order the file system lists them); files that cannot be analysed are reported in their place
/// and the others go on; a link loop ends.
#[test]
fn folders_are_read_recursively_in_sorted_order() {
    let seeds = seeds();
    let dir = scratch("cli_folders");
    let copy = |seed: usize, rel: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(&seeds[seed], &path).unwrap();
    };
    copy(0, "b.txt");
    copy(1, "a/b/c.txt");
    copy(2, "a/b.txt");
    copy(3, "B.txt");
    copy(4, "a/z/深.txt");
    std::fs::write(dir.join("a/png.txt"), [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0, 0xfe]).unwrap();
    std::fs::create_dir_all(dir.join("empty folder")).unwrap();
    // What operating systems and editors leave in folders is skipped, not reported.
    for junk in [".DS_Store", "a/._c.txt", "Thumbs.db", "a/desktop.ini", "~$报告.docx", ".git/HEAD"] {
        std::fs::create_dir_all(dir.join(junk).parent().unwrap()).unwrap();
        std::fs::write(dir.join(junk), [0u8, 1, 2, 3, 0xFF]).unwrap();
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../..", dir.join("a/b/loop")).unwrap();
        std::os::unix::fs::symlink("nowhere.txt", dir.join("a/gone.txt")).unwrap();
    }
    let root = dir.to_string_lossy().into_owned();
    let under = |rel: &str| format!("{root}/{rel}");
    let mut expected = vec![under("B.txt"), under("a/b.txt"), under("a/b/c.txt")];
    if cfg!(unix) {
        expected.push(under("a/gone.txt"));
    }
    expected.extend([under("a/png.txt"), under("a/z/深.txt"), under("b.txt")]);

    let out = fazhi(&["analyze", "--format", "json", &root, &seeds[0]]);
    assert_eq!(out.status.code(), Some(1), "unreadable files make the run fail");
    let lines: Vec<Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let sources: Vec<&str> = lines.iter().map(|v| v["source"].as_str().expect("source")).collect();
    expected.push(seeds[0].clone());
    assert_eq!(sources, expected, "nested files sorted by path, then the next argument");
    let error = |name: &str| lines[sources.iter().position(|s| s.ends_with(name)).unwrap()]["error"].clone();
    assert!(error("png.txt").as_str().is_some_and(|e| e.contains("PNG 图片")), "{}", error("png.txt"));
    if cfg!(unix) {
        let gone = error("gone.txt");
        assert!(gone.as_str().is_some_and(|e| e.contains("文件不存在") && e.contains("file not found")), "{gone}");
    }
    assert_eq!(
        lines.iter().filter(|v| v.get("error").is_some()).count(),
        expected.len() - 6,
        "the others are analysed"
    );

    // compare takes folders too, leaving the failures out (stderr, and "errors" in JSON).
    let out = fazhi(&["compare", "--format", "json", &root]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["reports"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(expected.len() - 6));
    let out = fazhi(&["compare", &root]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{}: ", under("a/png.txt"))), "{stderr}");
}

/// `fazhi panel` on the seed reports (their folder): one header, then the rows of each report
/// in the order of the files; 坪山区's 行政复议受理 is 19 in 2021 and 83 in 2023; JSON Lines
/// holds the same rows.
#[test]
fn panel_writes_the_long_table_of_the_seeds() {
    let seeds = seeds();
    let corpus = Path::new(&seeds[0]).parent().unwrap().to_string_lossy().into_owned();
    let out = fazhi(&["panel", &corpus]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let records = parse_csv(&text(&out.stdout));
    let header = &records[0];
    assert_eq!(
        header,
        &[
            "file",
            "body",
            "region",
            "level",
            "year",
            "kind",
            "indicator",
            "label",
            "value",
            "unit",
            "approx",
            "printed",
            "headline",
            "counts",
            "section",
            "evidence"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows = &records[1..];
    assert!(rows.iter().all(|r| r.len() == header.len()), "every row has every column");
    let files: Vec<&str> = rows.iter().map(|r| r[col("file")].as_str()).collect();
    assert!(files.windows(2).all(|w| w[0] <= w[1]), "files in sorted order, each file's rows together");
    assert_eq!(files.iter().collect::<std::collections::BTreeSet<_>>().len(), 5);
    let accepted = |year: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| r[col("region")] == "坪山区" && r[col("year")] == year)
            .filter(|r| r[col("indicator")] == "reconsideration_accepted" && r[col("headline")] == "yes")
            .map(|r| r[col("value")].as_str())
            .collect()
    };
    assert_eq!(accepted("2021"), ["19"]);
    assert_eq!(accepted("2023"), ["83"]);
    let row =
        rows.iter().find(|r| r[col("year")] == "2021" && r[col("indicator")] == "reconsideration_accepted").unwrap();
    assert_eq!(row[col("label")], "行政复议受理");
    assert_eq!(row[col("level")], "department", "深圳市坪山区司法局");
    assert_eq!(row[col("kind")], "key_indicator");
    assert!(row[col("evidence")].contains("19宗"), "{row:?}");
    assert!(rows.iter().any(|r| r[col("kind")] == "figure" && r[col("indicator")].is_empty()));
    assert!(rows.iter().any(|r| r[col("region")] == "东莞市" && r[col("level")] == "city"));

    let out = fazhi(&["panel", "--format", "jsonl", &corpus]);
    assert!(out.status.success());
    let json: Vec<Value> =
        text(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(json.len(), rows.len(), "the same rows");
    for (v, r) in json.iter().zip(rows) {
        assert_eq!(v["file"], r[col("file")].as_str());
        assert_eq!(v["label"], r[col("label")].as_str());
        assert!(v["value"].is_number());
    }
    let accepted: Vec<&Value> = json
        .iter()
        .filter(|v| v["region"] == "坪山区" && v["indicator"] == "reconsideration_accepted" && v["headline"] == true)
        .map(|v| &v["value"])
        .collect();
    assert_eq!(accepted, [&Value::from(83), &Value::from(19)]);
}

/// Report text and file names are untrusted: a cell a spreadsheet would run as a formula gets
/// an apostrophe. A file that cannot be read is reported on stderr; the others still run.
#[test]
fn panel_defuses_formulas_and_reports_failures() {
    let seeds = seeds();
    let dir = scratch("cli_panel_formula");
    std::fs::copy(&seeds[3], dir.join("=HYPERLINK(1).txt")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .current_dir(&dir)
        .args(["panel", "=HYPERLINK(1).txt", "missing.txt"])
        .output()
        .expect("fazhi runs");
    assert_eq!(out.status.code(), Some(1), "a failed file makes the run fail");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("missing.txt: ") && stderr.contains("文件不存在") && stderr.contains("file not found"),
        "{stderr}"
    );
    let csv = text(&out.stdout);
    let body: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!body.is_empty());
    assert!(body.iter().all(|l| l.starts_with("\"'=HYPERLINK(1).txt\",")), "{}", body[0]);
    let records = parse_csv(&csv);
    assert!(records[1..].iter().all(|r| r[0] == "'=HYPERLINK(1).txt"));
}

/// `fazhi review`: every report is counted once for each check and each key-indicator row, and
/// a body's two years stand side by side with their change and what the later one left out.
#[test]
fn review_tallies_the_set_and_sets_each_report_beside_last_year() {
    let seeds = seeds();
    let corpus = Path::new(&seeds[0]).parent().unwrap().to_string_lossy().into_owned();
    let out = fazhi(&["review", "--format", "json", &corpus]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let n = v["comparison"]["reports"].as_array().map(Vec::len);
    assert_eq!(n, Some(5));
    let len = |x: &Value| x.as_array().map_or(0, Vec::len);
    for check in v["checks"].as_array().expect("checks") {
        assert_eq!(len(&check["passed"]) + len(&check["failed"]) + len(&check["unknown"]), 5, "{check}");
    }
    let rows = v["indicators"].as_array().expect("indicators");
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(len(&row["stated"]) + len(&row["elsewhere"]) + len(&row["absent"]), 5, "{row}");
        assert!(len(&row["stated"]) > 0);
    }
    // The seeds hold no body's report of two years (坪山区 2021 is its 司法局's).
    assert_eq!(len(&v["history"]), 0);

    let dir = scratch("review-history");
    let report = |year: u32, body: &str| {
        format!(
            "示例市某区人民政府{year}年法治政府建设年度报告\n\n一、主要举措和成效\n{body}\n\
             二、存在的不足和原因\n基层力量不足，原因是编制有限。\n三、下一年度工作安排\n继续推进。\n"
        )
    };
    std::fs::write(dir.join("a.txt"), report(2022, "全年办理行政复议案件40件。办理行政诉讼应诉案件25件。")).unwrap();
    std::fs::write(dir.join("b.txt"), report(2023, "全年办理行政复议案件52件。")).unwrap();
    let dir_arg = dir.to_string_lossy().into_owned();
    let out = fazhi(&["review", &dir_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("2023 ← 2022"), "{shown}");
    assert!(shown.contains("40 → 52 (+12, +30%)"), "{shown}");
    assert!(shown.contains("上年报告、本年未报告: 行政诉讼"), "{shown}");
}

#[test]
fn a_report_is_named_as_a_person_would_and_a_non_report_is_told() {
    let dir = scratch("naming");
    let chrome = dir.join("chrome.txt");
    std::fs::write(
        &chrome,
        "发布时间：2024-03-01 字体：[大 中 小]\n2023年，某区坚持依法行政，深入推进法治政府建设。\n一、主要举措和成效\n全年办理行政复议案件52件。\n二、存在的不足\n一是法治意识有待提高。\n三、下一年度工作安排\n继续推进。\n",
    )
    .unwrap();
    let diary = dir.join("diary.txt");
    std::fs::write(&diary, "今天天气很好，我们去公园散步。晚上吃了饺子。\n").unwrap();
    let out = fazhi(&["analyze", chrome.to_str().unwrap(), diary.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    let (first, second) = stdout.split_once("== ").and_then(|(_, rest)| rest.split_once("== ")).expect("two reports");
    let name = first.lines().find_map(|l| l.strip_prefix("名称 ")).expect("a name line");
    assert!(name.ends_with("2023年法治政府建设年度报告") && !name.contains("发布"), "{name}");
    assert!(!first.contains("注意 "), "a report is not flagged: {first}");
    assert!(second.contains("注意 "), "the diary is flagged: {second}");
}
