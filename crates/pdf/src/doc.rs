//! The document: cross-reference tables and streams (incremental updates, latest wins), object
//! streams, a rebuilt table when the file's own is damaged, decryption, the page tree.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::crypt::{CryptError, Decryptor};
use crate::filter::{self, FilterError};
use crate::object::{get, Dict, Lexer, Obj};
use crate::PdfError;

/// Limits that keep a hostile file from taking unbounded memory or time.
pub const MAX_STREAM: usize = 64 << 20;
/// All streams decoded in one document, together.
pub const MAX_TOTAL: usize = 512 << 20;
const MAX_OBJECTS: usize = 4_000_000;
const MAX_PAGES: usize = 20_000;
const MAX_XREF_SECTIONS: usize = 512;

/// A decoded object stream: its data, and each object's number and offset in it.
type ObjStm = (Vec<u8>, Vec<(u32, usize)>);

#[derive(Clone, Copy, Debug)]
enum Entry {
    /// Byte offset of `n g obj`.
    At(usize),
    /// Index within an object stream.
    InStream(u32, u32),
    Free,
}

/// A page: its content streams and inherited resources.
pub struct Page {
    pub contents: Vec<Rc<Obj>>,
    pub resources: Option<Rc<Obj>>,
}

/// An open PDF.
pub struct Doc<'a> {
    buf: &'a [u8],
    xref: HashMap<u32, Entry>,
    /// The table rebuilt by scanning, made when the file's own table fails.
    scanned: RefCell<Option<Rc<HashMap<u32, usize>>>>,
    pub trailer: Dict,
    crypt: Option<Decryptor>,
    /// The number of the /Encrypt dictionary, whose strings are not encrypted.
    encrypt_num: Option<u32>,
    cache: RefCell<HashMap<u32, Rc<Obj>>>,
    objstm: RefCell<HashMap<u32, Rc<ObjStm>>>,
    resolving: RefCell<HashSet<u32>>,
    decoded_total: Cell<usize>,
    /// Whether the table had to be rebuilt.
    pub repaired: Cell<bool>,
    /// Whether the document is encrypted.
    pub encrypted: bool,
}

fn damaged(why: &str) -> PdfError {
    PdfError::Damaged { why: why.to_string() }
}

impl<'a> Doc<'a> {
    pub fn open(buf: &'a [u8]) -> Result<Doc<'a>, PdfError> {
        let mut doc = Doc {
            buf,
            xref: HashMap::new(),
            scanned: RefCell::new(None),
            trailer: Dict::new(),
            crypt: None,
            encrypt_num: None,
            cache: RefCell::new(HashMap::new()),
            objstm: RefCell::new(HashMap::new()),
            resolving: RefCell::new(HashSet::new()),
            decoded_total: Cell::new(0),
            repaired: Cell::new(false),
            encrypted: false,
        };
        // The security handler first: the catalog may sit in an (encrypted) object stream. A
        // handler the table cannot find is looked for again in the rebuilt one.
        let read = doc.read_xref() && doc.open_crypt().is_ok();
        if !read || doc.root().is_none() {
            doc.rebuild_from_scan();
            doc.open_crypt()?;
        }
        if doc.root().is_none() {
            return Err(damaged("no document catalog (/Root)"));
        }
        Ok(doc)
    }

    /// Opens the trailer's /Encrypt dictionary, if any, with the empty user password.
    fn open_crypt(&mut self) -> Result<(), PdfError> {
        self.crypt = None;
        self.encrypted = false;
        self.cache.borrow_mut().clear();
        self.objstm.borrow_mut().clear();
        let Some(enc) = get(&self.trailer, b"Encrypt").cloned() else { return Ok(()) };
        self.encrypt_num = if let Obj::Ref(n, _) = enc { Some(n) } else { None };
        let enc = self.resolve(&enc);
        let Some(enc) = enc.as_dict() else { return Err(damaged("the /Encrypt dictionary is unreadable")) };
        let id0 = match get(&self.trailer, b"ID").map(|o| self.resolve(o)) {
            Some(id) => id.as_array().and_then(|a| a.first()).and_then(Obj::as_str).unwrap_or_default().to_vec(),
            None => Vec::new(),
        };
        self.crypt = Some(Decryptor::open(enc, &id0).map_err(|e| match e {
            CryptError::NeedsPassword => PdfError::NeedsPassword,
            CryptError::Unsupported(what) => PdfError::Unsupported { what },
        })?);
        self.encrypted = true;
        // Objects read before the key was known were read undecrypted.
        self.cache.borrow_mut().clear();
        self.objstm.borrow_mut().clear();
        Ok(())
    }

    fn root(&self) -> Option<Rc<Obj>> {
        let root = self.resolve(get(&self.trailer, b"Root")?);
        root.as_dict().is_some().then_some(root)
    }

    /// Reads the cross-reference sections from `startxref` back through /Prev. False when the
    /// chain is broken before any section.
    fn read_xref(&mut self) -> bool {
        let tail = self.buf.len().saturating_sub(2048);
        let Some(at) = rfind(&self.buf[tail..], b"startxref") else { return false };
        let mut lx = Lexer::new(self.buf, tail + at + 9);
        let Some(mut offset) = lx.uint().map(|o| o as usize) else { return false };
        let mut seen = HashSet::new();
        let mut any = false;
        let base = find(&self.buf[..self.buf.len().min(1024)], b"%PDF-").unwrap_or(0);
        while seen.insert(offset) && seen.len() <= MAX_XREF_SECTIONS {
            let section =
                self.read_section(offset).or_else(|| if base > 0 { self.read_section(offset + base) } else { None });
            let Some(trailer) = section else { break };
            any = true;
            for (k, v) in &trailer {
                if !self.trailer.iter().any(|(k2, _)| k2 == k) && k != b"Prev" && k != b"XRefStm" {
                    self.trailer.push((k.clone(), v.clone()));
                }
            }
            // A hybrid file's stream section, read before its /Prev (it is newer).
            if let Some(stm) = get(&trailer, b"XRefStm").and_then(Obj::as_i64) {
                if let Ok(stm) = usize::try_from(stm) {
                    if seen.insert(stm) {
                        let _ = self.read_section(stm);
                    }
                }
            }
            match get(&trailer, b"Prev").and_then(Obj::as_i64).and_then(|p| usize::try_from(p).ok()) {
                Some(p) => offset = p,
                None => break,
            }
        }
        any
    }

    /// One section at `offset`: a table and trailer, or an xref stream. Entries already known
    /// (from newer sections) are kept. Returns the trailer.
    fn read_section(&mut self, offset: usize) -> Option<Dict> {
        let mut lx = Lexer::new(self.buf, offset);
        if lx.keyword(b"xref") {
            loop {
                let save = lx.pos;
                let (Some(start), Some(count)) = (lx.uint(), lx.uint()) else {
                    lx.pos = save;
                    break;
                };
                for i in 0..count {
                    let (Some(off), Some(_gen)) = (lx.uint(), lx.uint()) else { return None };
                    lx.skip_ws();
                    let kind = lx.peek();
                    lx.pos += 1;
                    let num = start + i;
                    if num > MAX_OBJECTS as u64 || self.xref.len() >= MAX_OBJECTS {
                        continue;
                    }
                    let entry = if kind == Some(b'n') { Entry::At(off as usize) } else { Entry::Free };
                    self.xref.entry(num as u32).or_insert(entry);
                }
            }
            if !lx.keyword(b"trailer") {
                return None;
            }
            return match lx.object(true) {
                Some(Obj::Dict(d)) => Some(d),
                _ => None,
            };
        }
        let (num, _gen, obj) = parse_indirect(self.buf, offset, &|_| None)?;
        let Obj::Stream(dict, raw) = obj else { return None };
        if get(&dict, b"Type").and_then(Obj::as_name) != Some(b"XRef") {
            return None;
        }
        let _ = num;
        let data = filter::decode(&dict, &raw, MAX_STREAM).ok()?;
        let w: Vec<usize> =
            get(&dict, b"W")?.as_array()?.iter().map(|x| x.as_i64().unwrap_or(0).clamp(0, 8) as usize).collect();
        if w.len() < 3 {
            return None;
        }
        let size = get(&dict, b"Size").and_then(Obj::as_i64).unwrap_or(0).max(0);
        let index: Vec<i64> = match get(&dict, b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().map(|x| x.as_i64().unwrap_or(0)).collect(),
            None => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return Some(dict);
        }
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (start, count) = (pair[0].max(0) as u64, pair[1].max(0) as u64);
            for i in 0..count {
                let Some(r) = rows.next() else { break };
                let field =
                    |from: usize, len: usize| r[from..from + len].iter().fold(0u64, |v, &b| v << 8 | u64::from(b));
                let kind = if w[0] == 0 { 1 } else { field(0, w[0]) };
                let (a, b) = (field(w[0], w[1]), field(w[0] + w[1], w[2]));
                let num = start + i;
                if num > MAX_OBJECTS as u64 || self.xref.len() >= MAX_OBJECTS {
                    continue;
                }
                let entry = match kind {
                    0 => Entry::Free,
                    1 => Entry::At(a as usize),
                    2 => Entry::InStream(a as u32, b as u32),
                    _ => continue,
                };
                self.xref.entry(num as u32).or_insert(entry);
            }
        }
        Some(dict)
    }

    /// Scans the whole file for `n g obj` (the last definition wins) and trailers.
    fn scan(&self) -> Rc<HashMap<u32, usize>> {
        if let Some(s) = self.scanned.borrow().as_ref() {
            return Rc::clone(s);
        }
        let mut map = HashMap::new();
        let b = self.buf;
        let mut i = 0;
        while let Some(at) = find(&b[i..], b"obj") {
            let pos = i + at;
            i = pos + 3;
            // Back up over "n g " before "obj".
            let mut j = pos;
            let mut fields = 0;
            while fields < 2 {
                while j > 0 && matches!(b[j - 1], b' ' | b'\r' | b'\n' | b'\t' | 0) {
                    j -= 1;
                }
                let end = j;
                while j > 0 && b[j - 1].is_ascii_digit() {
                    j -= 1;
                }
                if j == end {
                    break;
                }
                fields += 1;
            }
            if fields == 2 && b.get(pos + 3).is_none_or(|&c| !c.is_ascii_alphanumeric()) {
                let mut lx = Lexer::new(b, j);
                if let Some(num) = lx.uint() {
                    if num <= MAX_OBJECTS as u64 && map.len() < MAX_OBJECTS {
                        map.insert(num as u32, j);
                    }
                }
            }
        }
        let map = Rc::new(map);
        *self.scanned.borrow_mut() = Some(Rc::clone(&map));
        map
    }

    /// Rebuilds the table from a scan; the trailer from `trailer` dictionaries, xref streams,
    /// or the catalog found among the objects.
    fn rebuild_from_scan(&mut self) {
        self.repaired.set(true);
        let map = self.scan();
        self.xref = map.iter().map(|(&n, &at)| (n, Entry::At(at))).collect();
        self.cache.borrow_mut().clear();
        // Objects inside object streams: read each stream's index.
        let mut nums: Vec<u32> = map.keys().copied().collect();
        nums.sort_unstable();
        for &n in &nums {
            let o = self.resolve(&Obj::Ref(n, 0));
            if let Obj::Stream(d, _) = &*o {
                match get(d, b"Type").and_then(Obj::as_name) {
                    Some(b"ObjStm") => {
                        if let Some(stm) = self.object_stream(n) {
                            for (i, &(num, _)) in stm.1.iter().enumerate() {
                                self.xref.entry(num).or_insert(Entry::InStream(n, i as u32));
                            }
                        }
                    }
                    Some(b"XRef") => {
                        for k in [b"Root".as_slice(), b"Encrypt", b"ID", b"Info"] {
                            if let Some(v) = get(d, k) {
                                if get(&self.trailer, k).is_none() {
                                    self.trailer.push((k.to_vec(), v.clone()));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let b = self.buf;
        let mut i = 0;
        while let Some(at) = find(&b[i..], b"trailer") {
            let mut lx = Lexer::new(b, i + at + 7);
            i += at + 7;
            if let Some(Obj::Dict(d)) = lx.object(true) {
                for (k, v) in d {
                    if k == b"Root" || k == b"Encrypt" || k == b"ID" {
                        self.trailer.retain(|(k2, _)| *k2 != k);
                        self.trailer.push((k, v));
                    }
                }
            }
        }
        let root_ok = get(&self.trailer, b"Root").is_some_and(|r| self.resolve(r).as_dict().is_some());
        if !root_ok {
            for &n in &nums {
                let o = self.resolve(&Obj::Ref(n, 0));
                if o.as_dict().and_then(|d| get(d, b"Type")).and_then(Obj::as_name) == Some(b"Catalog") {
                    self.trailer.retain(|(k, _)| k != b"Root");
                    self.trailer.push((b"Root".to_vec(), Obj::Ref(n, 0)));
                }
            }
        }
        self.cache.borrow_mut().clear();
    }

    /// The object a reference points to (anything else is returned as is). Missing, free or
    /// unreadable objects are null; a chain of references is followed a few steps.
    pub fn resolve(&self, o: &Obj) -> Rc<Obj> {
        let mut cur = match o {
            Obj::Ref(n, _) => self.load(*n),
            other => return Rc::new(other.clone()),
        };
        for _ in 0..16 {
            let next = match &*cur {
                Obj::Ref(n, _) => self.load(*n),
                _ => return cur,
            };
            cur = next;
        }
        Rc::new(Obj::Null)
    }

    fn load(&self, num: u32) -> Rc<Obj> {
        if let Some(o) = self.cache.borrow().get(&num) {
            return Rc::clone(o);
        }
        if !self.resolving.borrow_mut().insert(num) {
            return Rc::new(Obj::Null);
        }
        let o = Rc::new(self.load_uncached(num).unwrap_or(Obj::Null));
        self.resolving.borrow_mut().remove(&num);
        self.cache.borrow_mut().insert(num, Rc::clone(&o));
        o
    }

    fn load_uncached(&self, num: u32) -> Option<Obj> {
        match self.xref.get(&num).copied() {
            Some(Entry::At(at)) => {
                if let Some(o) = self.load_at(num, at) {
                    return Some(o);
                }
            }
            Some(Entry::InStream(stm, idx)) => {
                let s = self.object_stream(stm)?;
                let &(n, off) = s.1.get(idx as usize)?;
                let off = if n == num { off } else { s.1.iter().find(|(n2, _)| *n2 == num)?.1 };
                let mut lx = Lexer::new(&s.0, off);
                return lx.object(true);
            }
            Some(Entry::Free) | None => {}
        }
        // The table is wrong about this object: ask the scan.
        let at = *self.scan().get(&num)?;
        self.load_at(num, at)
    }

    fn load_at(&self, num: u32, at: usize) -> Option<Obj> {
        let length = |o: &Obj| self.resolve(o).as_i64().and_then(|n| usize::try_from(n).ok());
        let (n, gen, obj) = parse_indirect(self.buf, at, &length)?;
        if n != num {
            return None;
        }
        Some(match &self.crypt {
            Some(c) if Some(num) != self.encrypt_num => decrypt(c, num, gen, obj),
            _ => obj,
        })
    }

    /// The decoded data of a stream object, within the document's budget.
    pub fn stream_data(&self, o: &Obj) -> Option<Vec<u8>> {
        let Obj::Stream(dict, raw) = o else { return None };
        let left = MAX_TOTAL.saturating_sub(self.decoded_total.get());
        let data = filter::decode(dict, raw, MAX_STREAM.min(left));
        match data {
            Ok(d) => {
                self.decoded_total.set(self.decoded_total.get() + d.len());
                Some(d)
            }
            Err(FilterError::TooLarge) => {
                self.decoded_total.set(MAX_TOTAL);
                None
            }
            Err(FilterError::Unsupported) => None,
        }
    }

    fn object_stream(&self, num: u32) -> Option<Rc<ObjStm>> {
        if let Some(s) = self.objstm.borrow().get(&num) {
            return Some(Rc::clone(s));
        }
        let o = self.load(num);
        let data = self.stream_data(&o)?;
        let d = o.as_dict()?;
        let n = get(d, b"N").and_then(Obj::as_i64).unwrap_or(0).clamp(0, 1_000_000) as usize;
        let first = get(d, b"First").and_then(Obj::as_i64).unwrap_or(0).max(0) as usize;
        let mut lx = Lexer::new(&data, 0);
        let mut index = Vec::new();
        for _ in 0..n {
            let (Some(num), Some(off)) = (lx.uint(), lx.uint()) else { break };
            index.push((num as u32, first.saturating_add(off as usize)));
        }
        let s = Rc::new((data, index));
        self.objstm.borrow_mut().insert(num, Rc::clone(&s));
        Some(s)
    }

    /// The pages in order, each with its inherited resources.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        let Some(root) = self.root() else { return pages };
        let Some(tree) = root.as_dict().and_then(|d| get(d, b"Pages")).cloned() else { return pages };
        let mut seen = HashSet::new();
        self.walk(&tree, None, &mut seen, &mut pages, 0);
        pages
    }

    fn walk(
        &self,
        node: &Obj,
        inherited: Option<Rc<Obj>>,
        seen: &mut HashSet<u32>,
        pages: &mut Vec<Page>,
        depth: usize,
    ) {
        if depth > 64 || pages.len() >= MAX_PAGES {
            return;
        }
        if let Obj::Ref(n, _) = node {
            if !seen.insert(*n) {
                return;
            }
        }
        let obj = self.resolve(node);
        let Some(d) = obj.as_dict() else { return };
        let resources = get(d, b"Resources").map(|r| self.resolve(r)).or(inherited);
        match get(d, b"Kids").map(|k| self.resolve(k)) {
            Some(kids) if get(d, b"Type").and_then(Obj::as_name) != Some(b"Page") => {
                for kid in kids.as_array().unwrap_or_default() {
                    self.walk(kid, resources.clone(), seen, pages, depth + 1);
                }
            }
            _ => {
                let contents = match get(d, b"Contents").map(|c| self.resolve(c)) {
                    Some(c) => match &*c {
                        Obj::Array(a) => a.iter().map(|x| self.resolve(x)).collect(),
                        Obj::Stream(..) => vec![c],
                        _ => Vec::new(),
                    },
                    None => Vec::new(),
                };
                pages.push(Page { contents, resources });
            }
        }
    }
}

fn decrypt(c: &Decryptor, num: u32, gen: u16, obj: Obj) -> Obj {
    match obj {
        Obj::Str(s) => Obj::Str(c.string(num, gen, &s)),
        Obj::Array(a) => Obj::Array(a.into_iter().map(|x| decrypt(c, num, gen, x)).collect()),
        Obj::Dict(d) => Obj::Dict(d.into_iter().map(|(k, v)| (k, decrypt(c, num, gen, v))).collect()),
        Obj::Stream(d, raw) => {
            let xref = get(&d, b"Type").and_then(Obj::as_name) == Some(b"XRef");
            let d: Dict = d.into_iter().map(|(k, v)| (k, decrypt(c, num, gen, v))).collect();
            if xref {
                Obj::Stream(d, raw)
            } else {
                let plain = c.stream(num, gen, &raw);
                Obj::Stream(d, plain.into())
            }
        }
        other => other,
    }
}

/// Parses `n g obj … endobj` at `at`; a stream's data ends where /Length says when that is
/// followed by `endstream`, else at the next `endstream`.
fn parse_indirect(buf: &[u8], at: usize, length: &dyn Fn(&Obj) -> Option<usize>) -> Option<(u32, u16, Obj)> {
    let mut lx = Lexer::new(buf, at);
    let num = lx.uint()?;
    let gen = lx.uint()?;
    if !lx.keyword(b"obj") || num > u64::from(u32::MAX) {
        return None;
    }
    let obj = lx.object(true).unwrap_or(Obj::Null);
    let obj = match obj {
        Obj::Dict(d) if lx.keyword(b"stream") => {
            let mut start = lx.pos;
            if buf.get(start) == Some(&b'\r') {
                start += 1;
            }
            if buf.get(start) == Some(&b'\n') {
                start += 1;
            }
            let declared = match get(&d, b"Length") {
                Some(Obj::Int(n)) => usize::try_from(*n).ok(),
                Some(r @ Obj::Ref(..)) => length(r),
                _ => None,
            };
            let fits = |len: usize| {
                let end = start.checked_add(len)?;
                let mut l = Lexer::new(buf, end);
                (end <= buf.len() && l.keyword(b"endstream")).then_some(end)
            };
            let end = match declared.and_then(fits) {
                Some(e) => e,
                None => {
                    let e = find(&buf[start.min(buf.len())..], b"endstream").map_or(buf.len(), |e| start + e);
                    // Trim the end-of-line before `endstream`.
                    let mut e = e;
                    if e > start && buf[e - 1] == b'\n' {
                        e -= 1;
                    }
                    if e > start && buf[e - 1] == b'\r' {
                        e -= 1;
                    }
                    e
                }
            };
            Obj::Stream(d, buf[start.min(end)..end].into())
        }
        o => o,
    };
    Some((num as u32, gen.min(65535) as u16, obj))
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1].iter().position(|&b| b == first) {
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
