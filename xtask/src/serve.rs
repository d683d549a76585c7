//! A small static file server for `dist/` (std only), mounted at `/` or under a subpath such as
//! `/tools/fazhi/` to show that the build works from anywhere.
//!
//! One thread per connection and `Connection: close`: plenty for one person or one test browser.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::{build, err, install, Result};

const USAGE: &str = "usage: cargo xtask serve [--port N] [--base /sub/path/] [--no-build]";

/// `cargo xtask serve [--port N] [--base /sub/path/] [--no-build]`: build (unless told not to),
/// then serve `dist/` until interrupted.
pub fn task(args: &[String]) -> Result {
    let (mut port, mut base, mut build) = (8080u16, "/".to_string(), true);
    let mut args = args.iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--no-build" => build = false,
            "--port" => {
                let p = args.next().ok_or_else(|| err!("{USAGE}"))?;
                port = p.parse().map_err(|_| err!("--port wants a number, not {p:?}"))?;
            }
            "--base" => base = args.next().ok_or_else(|| err!("{USAGE}"))?.clone(),
            _ => return Err(err!("{USAGE}")),
        }
    }
    let dist = if build { build::release(&install::web_tools()?)? } else { crate::root().join("dist") };
    let (addr, server) = spawn(dist, &format!("127.0.0.1:{port}"), &base)?;
    eprintln!("xtask: serving dist/ at http://{addr}{} (Ctrl-C to stop)", normalize_base(&base));
    server.join().map_err(|_| err!("the server thread panicked"))
}

/// Serves `root` at `base` on `addr` (port 0 picks a free one) from a background thread; returns
/// the bound address and the thread, which runs for the life of the process.
pub fn spawn(root: PathBuf, addr: &str, base: &str) -> Result<(SocketAddr, thread::JoinHandle<()>)> {
    let listener = TcpListener::bind(addr).map_err(|e| err!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr()?;
    let site = Arc::new(Site { root, base: normalize_base(base) });
    let handle = thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = Arc::clone(&site);
            thread::spawn(move || {
                // A client that hangs up early is its own business.
                let _ = site.answer(stream);
            });
        }
    });
    Ok((local, handle))
}

/// `base` with exactly one leading and one trailing slash.
fn normalize_base(base: &str) -> String {
    let inner = base.trim_matches('/');
    if inner.is_empty() {
        "/".into()
    } else {
        format!("/{inner}/")
    }
}

/// A directory served at a URL path prefix.
struct Site {
    root: PathBuf,
    base: String,
}

/// What to send back.
#[derive(Debug, PartialEq)]
struct Response {
    status: &'static str,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: &'static str, body: &str) -> Self {
        Response { status, content_type: "text/plain; charset=utf-8", location: None, body: body.into() }
    }
}

impl Site {
    fn answer(&self, stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut reader = BufReader::new((&stream).take(64 * 1024));
        let mut request_line = String::new();
        reader.read_line(&mut request_line)?;
        // Headers carry nothing we use; read them so the client sees a clean close.
        let mut header = String::new();
        while reader.read_line(&mut header)? > 2 {
            header.clear();
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let resp = self.respond(method, target);
        let mut head = format!(
            "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
             X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            resp.status,
            resp.content_type,
            resp.body.len()
        );
        if let Some(loc) = &resp.location {
            head.push_str(&format!("Location: {loc}\r\n"));
        }
        head.push_str("\r\n");
        let mut out = &stream;
        out.write_all(head.as_bytes())?;
        if method != "HEAD" {
            out.write_all(&resp.body)?;
        }
        out.flush()
    }

    fn respond(&self, method: &str, target: &str) -> Response {
        if method != "GET" && method != "HEAD" {
            return Response::text("405 Method Not Allowed", "GET or HEAD only\n");
        }
        let path = target.split(['?', '#']).next().unwrap_or("");
        let Some(path) = percent_decode(path) else {
            return Response::text("400 Bad Request", "bad percent-encoding\n");
        };
        if format!("{path}/") == self.base {
            // Relative asset URLs need the trailing slash.
            let mut r = Response::text("301 Moved Permanently", "");
            r.location = Some(self.base.clone());
            return r;
        }
        let not_found = || Response::text("404 Not Found", &format!("not found; the app is at {}\n", self.base));
        let Some(rest) = path.strip_prefix(&self.base) else { return not_found() };
        let mut file = self.root.clone();
        for segment in rest.split('/').filter(|s| !s.is_empty() && *s != ".") {
            if segment == ".." || segment.contains(['\\', ':', '\0']) {
                return not_found();
            }
            file.push(segment);
        }
        if file.is_dir() {
            file.push("index.html");
        }
        match fs::read(&file) {
            Ok(body) => Response { status: "200 OK", content_type: mime(&file), location: None, body },
            Err(_) => not_found(),
        }
    }
}

/// The Content-Type for a file, by extension.
fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` for malformed ones or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A [`Site`] whose directory is removed when the test ends.
    struct TempSite(Site);

    impl std::ops::Deref for TempSite {
        type Target = Site;
        fn deref(&self) -> &Site {
            &self.0
        }
    }

    impl Drop for TempSite {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0.root);
        }
    }

    /// A small site in a temporary directory of its own (tests run in parallel).
    fn site(base: &str) -> TempSite {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("xtask-serve-test-{}-{n}", std::process::id()));
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("index.html"), "<p>hi</p>").unwrap();
        fs::write(root.join("app_bg.wasm"), b"\0asm").unwrap();
        fs::write(root.join("sub/index.html"), "sub").unwrap();
        TempSite(Site { root, base: normalize_base(base) })
    }

    #[test]
    fn serves_files_with_mime_types() {
        let s = site("/");
        let r = s.respond("GET", "/");
        assert_eq!(
            (r.status, r.content_type, r.body.as_slice()),
            ("200 OK", "text/html; charset=utf-8", &b"<p>hi</p>"[..])
        );
        assert_eq!(s.respond("GET", "/app_bg.wasm?v=1").content_type, "application/wasm");
        assert_eq!(s.respond("GET", "/sub/").body, b"sub");
        assert_eq!(s.respond("POST", "/").status, "405 Method Not Allowed");
    }

    #[test]
    fn serves_under_a_subpath() {
        let s = site("tools/fazhi");
        assert_eq!(s.respond("GET", "/tools/fazhi/").status, "200 OK");
        assert_eq!(s.respond("GET", "/tools/fazhi/app_bg.wasm").status, "200 OK");
        let r = s.respond("GET", "/tools/fazhi");
        assert_eq!((r.status, r.location.as_deref()), ("301 Moved Permanently", Some("/tools/fazhi/")));
        assert_eq!(s.respond("GET", "/index.html").status, "404 Not Found");
    }

    #[test]
    fn never_leaves_the_root() {
        let s = site("/");
        for bad in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/sub/..%2F..%2Fetc/passwd", "/%zz", "/a%5c..%5cb"] {
            assert_ne!(s.respond("GET", bad).status, "200 OK", "{bad}");
        }
    }
}
