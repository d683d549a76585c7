//! What the commands read: the files and folders named, read and analysed in order, on every
//! core.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use fazhi_lens::{analyze_bytes, Report};
use rayon::prelude::*;

/// One file to analyse: a FILE argument, or a file found in a folder.
pub(crate) struct Input {
    /// Where to read it ("-" is standard input).
    pub(crate) path: PathBuf,
    /// The name it is reported by: the argument as given, or the path found in a folder.
    pub(crate) name: String,
    /// Why it cannot be read, when that is known before reading (a folder that cannot be
    /// listed, a link that leads nowhere).
    error: Option<String>,
}

impl Input {
    fn file(path: PathBuf) -> Input {
        Input { name: path.to_string_lossy().into_owned(), path, error: None }
    }

    fn failed(path: PathBuf, error: String) -> Input {
        Input { error: Some(error), ..Input::file(path) }
    }
}

/// The files the arguments name: each FILE as given (even when it does not exist: reading it
/// reports that), and for each folder every regular file under it (see [`walk`]).
pub(crate) fn inputs(args: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for a in args {
        let path = PathBuf::from(a);
        if a != "-" && fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            out.extend(walk(&path));
        } else {
            out.push(Input { path, name: a.clone(), error: None });
        }
    }
    out
}

/// Files a folder holds that nobody put there as a report: hidden files (".DS_Store", "._x.txt",
/// ".git") and what Windows writes (Thumbs.db, desktop.ini), and Office's lock files
/// ("~$报告.docx"). Skipped silently in folders, never when named on the command line.
fn housekeeping(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Every regular file under `root` (following links), sorted by the bytes of its path so that
/// the order is the same on every platform and file system; with the folders and links that
/// cannot be read as failed inputs in their place. Each folder is listed once, by its canonical
/// path, so a link loop ends. Other entries (pipes, sockets, devices) are left alone: reading
/// one could wait forever.
fn walk(root: &Path) -> Vec<Input> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(dir) = folders.pop() {
        match fs::canonicalize(&dir) {
            Ok(canonical) => {
                if !seen.insert(canonical) {
                    continue;
                }
            }
            Err(e) => {
                found.push(Input::failed(dir, folder_error(&e)));
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.push(Input::failed(dir, folder_error(&e)));
                continue;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) if !housekeeping(&entry.file_name()) => paths.push(entry.path()),
                Ok(_) => {}
                Err(e) => found.push(Input::failed(dir.clone(), folder_error(&e))),
            }
        }
        // Folders are visited in byte order too, so that of two links to one folder the same
        // one is followed on every file system.
        paths.sort_by(|a, b| b.as_os_str().as_encoded_bytes().cmp(a.as_os_str().as_encoded_bytes()));
        for path in paths {
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => folders.push(path),
                Ok(m) if m.is_file() => found.push(Input::file(path)),
                Ok(_) => {}
                Err(e) => found.push(Input::failed(path, read_error(&e))),
            }
        }
    }
    found.sort_by(|a, b| a.path.as_os_str().as_encoded_bytes().cmp(b.path.as_os_str().as_encoded_bytes()));
    found
}

/// Reads one input ("-" is standard input).
fn read_input(input: &Input) -> io::Result<Vec<u8>> {
    if input.path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        fs::read(&input.path)
    }
}

/// Analyses one file into a report, or a one-line error message.
fn analyze_file(input: &Input) -> Result<(String, Report), String> {
    if let Some(error) = &input.error {
        return Err(error.clone());
    }
    let bytes = read_input(input).map_err(|e| read_error(&e))?;
    analyze_bytes(&bytes, &input.name).map_err(|e| e.to_string())
}

/// Why a file could not be read, in Chinese and English (the system's own words last, for
/// the cases without a Chinese name).
fn read_error(e: &io::Error) -> String {
    let (zh, en) = match e.kind() {
        io::ErrorKind::NotFound => ("文件不存在", "file not found"),
        io::ErrorKind::PermissionDenied => ("没有读取权限", "permission denied"),
        io::ErrorKind::IsADirectory => ("这是文件夹，不是文件", "this is a folder, not a file"),
        _ => return format!("无法读取文件 (cannot read file): {e}"),
    };
    format!("无法读取文件：{zh} (cannot read file: {en})")
}

/// Why a folder could not be listed, in Chinese and English.
fn folder_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "无法读取文件夹：不存在 (cannot read folder: not found)".into(),
        io::ErrorKind::PermissionDenied => {
            "无法读取文件夹：没有读取权限 (cannot read folder: permission denied)".into()
        }
        _ => format!("无法读取文件夹 (cannot read folder): {e}"),
    }
}

/// Files analysed at once: enough to keep every core busy, few enough that the output waiting
/// to be printed in order stays small.
const BATCH: usize = 128;

/// The one analysis path of every command: each input is analysed and `work` done on its
/// report on any core (rayon), then `emit` is told the outcomes in the order of `inputs`.
/// Returns whether every input was analysed.
pub(crate) fn each_analyzed<T: Send>(
    inputs: &[Input],
    work: impl Fn(String, Report) -> T + Sync,
    mut emit: impl FnMut(&Input, Result<T, String>) -> io::Result<()>,
) -> io::Result<bool> {
    let mut all_ok = true;
    let one = |input: &Input| analyze_file(input).map(|(text, report)| work(text, report));
    for batch in inputs.chunks(BATCH) {
        // A single file stays on this thread: a one-file run starts no thread pool.
        let done: Vec<_> =
            if batch.len() == 1 { batch.iter().map(one).collect() } else { batch.par_iter().map(one).collect() };
        for (input, result) in batch.iter().zip(done) {
            all_ok &= result.is_ok();
            emit(input, result)?;
        }
    }
    Ok(all_ok)
}

/// Every input's report, in order, for the commands that take the set as a whole; the inputs
/// that fail as `{"source", "error"}` objects, also told on stderr when `tell`.
pub(crate) fn all_reports(inputs: &[Input], tell: bool) -> io::Result<(Vec<Report>, Vec<serde_json::Value>)> {
    let mut reports = Vec::new();
    let mut errors = Vec::new();
    each_analyzed(
        inputs,
        |_, report| report,
        |input, result| {
            match result {
                Ok(report) => reports.push(report),
                Err(error) => {
                    if tell {
                        eprintln!("{}: {error}", input.name);
                    }
                    errors.push(serde_json::json!({ "source": input.name, "error": error }));
                }
            }
            Ok(())
        },
    )?;
    Ok((reports, errors))
}
