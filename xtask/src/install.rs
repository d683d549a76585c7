//! Installs what the web build and the browser tests need, on a fresh machine as on a warm one.
//!
//! Each step looks first and stays silent when its tool is already there in the right version:
//!
//! | tool | from | why this way |
//! | --- | --- | --- |
//! | wasm32-unknown-unknown | `rustup target add` | the web app's compile target |
//! | trunk ^0.21 | `cargo install` (rustls, no default features) | 0.22 needs a newer rustc |
//! | wasm-bindgen-cli =0.2.130 | `cargo install` | must equal the `wasm-bindgen` crate in Cargo.lock |
//! | wasm-opt 132 | npm `binaryen`, in `tests/browser/node_modules` | Debian's binaryen (108) cannot read rustc 1.95's output |
//! | playwright-core, axe-core | npm, same `npm ci` | drive the system Chromium; no browser download |
//! | puppeteer-core | npm, same `npm ci` | drives the system Firefox over WebDriver BiDi (Playwright needs its own patched Firefox) |
//! | chromium, CJK font | Debian's apt | real-browser tests and a legible screenshot |
//! | firefox-esr | Debian's apt | the single file tested in Firefox too |
//! | zhconv | pip | `score.py` folds Traditional Chinese with it |
//!
//! Trunk itself never downloads anything: `Trunk.toml` pins the tool versions installed here and
//! the build runs with `--offline`, so Trunk takes them from the `PATH` that [`WebTools`] carries.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, err, probe, root, run, Result};

/// The trunk release line we use; 0.22 needs a newer rustc than ours.
const TRUNK_SERIES: &str = "0.21";
/// Must equal the `wasm-bindgen` crate version pinned in Cargo.toml, and `Trunk.toml`'s.
pub const WASM_BINDGEN: &str = "0.2.130";
/// binaryen's version, as npm's `binaryen` package major and `wasm-opt --version`; `Trunk.toml`
/// pins it as `version_132`.
pub const WASM_OPT: &str = "132";
/// The Rust target the web app compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The tools a web build needs, found or installed.
pub struct WebTools {
    /// The `trunk` executable.
    pub trunk: PathBuf,
    /// A `PATH` that puts the right `wasm-bindgen` and `wasm-opt` first, for Trunk to find.
    pub path: OsString,
    /// The `wasm-bindgen` executable (the PDF module is finished without Trunk).
    pub bindgen: PathBuf,
    /// The `wasm-opt` executable, npm's.
    pub wasm_opt: PathBuf,
}

/// Where the node package (browser tests, wasm-opt) lives.
pub fn node_dir() -> PathBuf {
    root().join("tests").join("browser")
}

/// Makes sure everything a release web build needs is installed, and says where it is.
pub fn web_tools() -> Result<WebTools> {
    wasm_target()?;
    rust_src()?;
    let trunk = cargo_tool("trunk", "trunk", &format!("^{TRUNK_SERIES}"), |v| {
        v.strip_prefix("trunk ").is_some_and(|v| v.starts_with(&format!("{TRUNK_SERIES}.")))
    })?;
    let bindgen = cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &format!("={WASM_BINDGEN}"), |v| {
        v == format!("wasm-bindgen {WASM_BINDGEN}")
    })?;
    node_modules()?;
    let node_bin = node_dir().join("node_modules").join(".bin");
    let mut dirs = vec![node_bin];
    dirs.extend([&trunk, &bindgen].iter().filter_map(|p| p.parent().map(Path::to_path_buf)));
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(dirs).map_err(|e| err!("cannot build PATH: {e}"))?;
    let wasm_opt = node_dir().join("node_modules").join(".bin").join(exe_cmd("wasm-opt"));
    Ok(WebTools { trunk, path, bindgen, wasm_opt })
}

/// Adds the standard library's source to the toolchain in use, unless it is there: the web
/// app's release build compiles std itself (see `build::smallest_std`).
pub fn rust_src() -> Result {
    if rust_src_library().is_some() {
        return Ok(());
    }
    run(Command::new("rustup").args(["component", "add", "rust-src"]).current_dir(root()))
}

/// The standard library's source workspace in the toolchain in use, when it is installed.
pub fn rust_src_library() -> Option<PathBuf> {
    let sysroot = probe(Command::new("rustc").args(["--print", "sysroot"]).current_dir(root()))?;
    let library = Path::new(&sysroot).join("lib/rustlib/src/rust/library");
    library.is_dir().then_some(library)
}

/// Adds the wasm target to the toolchain in use, unless its standard library is there.
pub fn wasm_target() -> Result {
    let sysroot = probe(Command::new("rustc").args(["--print", "sysroot"]).current_dir(root()));
    let have = sysroot.is_some_and(|s| Path::new(&s).join("lib/rustlib").join(WASM_TARGET).is_dir());
    if have {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]).current_dir(root()))
}

/// Finds `bin` (from crate `krate`) whose `--version` satisfies `ok`, on `PATH` or in cargo's
/// bin directory, or `cargo install`s it (`--locked` first, as released; without if that fails).
pub fn cargo_tool(bin: &str, krate: &str, req: &str, ok: impl Fn(&str) -> bool) -> Result<PathBuf> {
    let fits = |p: &PathBuf| probe(Command::new(p).arg("--version")).is_some_and(|v| ok(&v));
    let mut candidates: Vec<PathBuf> = which(bin).into_iter().collect();
    candidates.extend(cargo_bin_dir().map(|d| d.join(exe(bin))));
    if let Some(found) = candidates.iter().find(|p| fits(p)) {
        return Ok(found.clone());
    }
    eprintln!("xtask: installing {krate} {req} (a one-time build of several minutes)");
    let mut install = cargo();
    install.args(["install", krate, "--version", req]);
    if krate == "trunk" {
        // rustls: no system OpenSSL needed; Trunk never downloads here anyway (--offline).
        install.args(["--no-default-features", "--features", "rustls"]);
    }
    if run(install.arg("--locked")).is_err() {
        eprintln!("xtask: `--locked` install failed; retrying with fresh dependency versions");
        let args: Vec<OsString> = install.get_args().filter(|a| *a != "--locked").map(OsString::from).collect();
        run(cargo().args(args))?;
    }
    cargo_bin_dir()
        .map(|d| d.join(exe(bin)))
        .filter(fits)
        .ok_or_else(|| err!("installed {krate} but no fitting `{bin}` in cargo's bin directory"))
}

/// `npm ci` in `tests/browser`, unless it already ran on this very lockfile and wasm-opt works.
pub fn node_modules() -> Result {
    let dir = node_dir();
    let modules = dir.join("node_modules");
    let lock = fs::read(dir.join("package-lock.json"))?;
    let stamp = modules.join(".xtask-lock");
    let wasm_opt = modules.join(".bin").join(exe_cmd("wasm-opt"));
    let version = || probe(Command::new(&wasm_opt).arg("--version")).unwrap_or_default();
    if fs::read(&stamp).is_ok_and(|s| s == lock) && version().contains(&format!("version {WASM_OPT}")) {
        return Ok(());
    }
    if which("node").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    // npm ci starts from an empty node_modules anyway; doing it ourselves avoids a tree left
    // by `npm install` ending up without its .bin links.
    let _ = fs::remove_dir_all(&modules);
    run(Command::new(exe_cmd("npm")).args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&dir))?;
    let v = version();
    if !v.contains(&format!("version {WASM_OPT}")) {
        return Err(err!("{} --version says {v:?}, expected version {WASM_OPT}", wasm_opt.display()));
    }
    fs::write(stamp, lock)?;
    Ok(())
}

/// Makes sure Chromium (and a CJK font, so the Chinese UI renders in screenshots) is installed,
/// and returns the `chromium` executable.
pub fn chromium() -> Result<PathBuf> {
    let mut missing = Vec::new();
    if which("chromium").is_none() {
        missing.extend(["chromium", "chromium-driver"]);
    }
    if cfg!(target_os = "linux")
        && probe(Command::new("fc-list").args([":lang=zh", "family"])).unwrap_or_default().is_empty()
    {
        missing.push("fonts-wqy-microhei");
    }
    if !missing.is_empty() {
        apt_install(&missing)?;
    }
    which("chromium").ok_or_else(|| err!("no `chromium` on PATH; install Chromium and try again"))
}

/// Makes sure Firefox is installed (Debian's ESR, which puppeteer-core drives as it is, over
/// WebDriver BiDi) and returns its executable: `firefox-esr`, or a `firefox` already on `PATH`.
pub fn firefox() -> Result<PathBuf> {
    if let Some(found) = which("firefox-esr").or_else(|| which("firefox")) {
        return Ok(found);
    }
    apt_install(&["firefox-esr"])?;
    which("firefox-esr").ok_or_else(|| err!("no `firefox-esr` on PATH; install Firefox and try again"))
}

/// Makes sure python has `zhconv`, which `score.py` uses to fold Traditional Chinese.
pub fn zhconv() -> Result {
    let python = python();
    if probe(Command::new(python).args(["-c", "import zhconv"])).is_some() {
        return Ok(());
    }
    let pip = |extra: &[&str]| {
        let mut cmd = Command::new(python);
        cmd.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--root-user-action=ignore"])
            .args(extra)
            .arg("zhconv");
        run(&mut cmd)
    };
    // A Debian-managed python refuses plain installs (PEP 668); a user install is fine for us.
    pip(&[]).or_else(|_| pip(&["--user", "--break-system-packages"]))
}

/// The python 3 interpreter's name.
pub fn python() -> &'static str {
    if cfg!(windows) {
        "python"
    } else {
        "python3"
    }
}

/// `apt-get install`s Debian packages (through sudo unless we are root).
fn apt_install(packages: &[&str]) -> Result {
    if which("apt-get").is_none() {
        return Err(err!("please install {} (no apt-get here to do it)", packages.join(", ")));
    }
    let root_user = probe(Command::new("id").arg("-u")).is_some_and(|u| u == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if root_user { Command::new("apt-get") } else { Command::new("sudo") };
        if !root_user {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update", "-qq"]))?;
    run(apt(&["install", "-y", "-qq"]).args(packages))
}

/// The first `name` executable on `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(exe(name))).find(|p| p.is_file())
}

/// cargo's bin directory (`$CARGO_HOME/bin`, by default `~/.cargo/bin`).
fn cargo_bin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
        Some(PathBuf::from(home).join(".cargo"))
    })?;
    Some(home.join("bin"))
}

/// An executable's file name on this platform.
fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// A command name as `Command` must spell it (npm and its .bin shims are batch files on Windows).
fn exe_cmd(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.cmd")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The versions pinned in Trunk.toml and package.json are the ones this module installs.
    #[test]
    fn pins_agree() {
        let trunk = fs::read_to_string(root().join("Trunk.toml")).unwrap();
        assert!(trunk.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN}\"")), "Trunk.toml wasm_bindgen pin");
        assert!(trunk.contains(&format!("wasm_opt = \"version_{WASM_OPT}\"")), "Trunk.toml wasm_opt pin");
        let package = fs::read_to_string(node_dir().join("package.json")).unwrap();
        assert!(package.contains(&format!("\"binaryen\": \"{WASM_OPT}.")), "package.json binaryen pin");
        let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap();
        if manifest.contains("wasm-bindgen =") {
            assert!(manifest.contains(&format!("wasm-bindgen = \"={WASM_BINDGEN}\"")), "Cargo.toml wasm-bindgen pin");
        }
    }
}
