//! PDF objects and the tokenizer/parser shared by the file body and content streams.

use std::rc::Rc;

/// Nesting deeper than this (arrays, dictionaries) is damage or an attack.
const MAX_DEPTH: usize = 64;

/// A dictionary: few keys, looked up linearly.
pub type Dict = Vec<(Vec<u8>, Obj)>;

/// A PDF object.
#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// A stream: its dictionary and its raw (still encoded, possibly encrypted) bytes.
    Stream(Dict, Rc<[u8]>),
    Ref(u32, u16),
    /// A bare keyword: a content-stream operator, or `obj`/`endobj`/`stream`… in the body.
    Op(Vec<u8>),
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(i) => Some(i as f64),
            Obj::Real(r) => Some(r),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.is_finite() => Some(r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&[u8]> {
        match self {
            Obj::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The value of `key` in `dict`.
pub fn get<'a>(dict: &'a Dict, key: &[u8]) -> Option<&'a Obj> {
    dict.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

pub fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | 0x0C | 0)
}

pub fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_ws(b) && !is_delim(b)
}

/// A cursor over bytes that reads PDF tokens and objects.
pub struct Lexer<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8], pos: usize) -> Self {
        Lexer { buf, pos: pos.min(buf.len()) }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    pub fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Skips whitespace and comments.
    pub fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_ws(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The run of regular characters at the cursor (a number or keyword), not consumed.
    fn word(&self) -> &'a [u8] {
        let start = self.pos.min(self.buf.len());
        let mut end = start;
        while end < self.buf.len() && is_regular(self.buf[end]) {
            end += 1;
        }
        &self.buf[start..end]
    }

    /// Reads an unsigned integer token, or leaves the cursor alone.
    pub fn uint(&mut self) -> Option<u64> {
        self.skip_ws();
        let w = self.word();
        if w.is_empty() || w.len() > 18 || !w.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.pos += w.len();
        Some(w.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')))
    }

    /// Reads the keyword `kw` if it is next.
    pub fn keyword(&mut self, kw: &[u8]) -> bool {
        self.skip_ws();
        if self.word() == kw {
            self.pos += kw.len();
            true
        } else {
            false
        }
    }

    /// Reads one object (a reference `n g R` included when `refs`). None at the end or on a
    /// closing delimiter that does not belong (which is consumed).
    pub fn object(&mut self, refs: bool) -> Option<Obj> {
        self.object_at_depth(refs, 0)
    }

    fn object_at_depth(&mut self, refs: bool, depth: usize) -> Option<Obj> {
        self.skip_ws();
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Obj::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Obj::Str(self.literal()))
            }
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(self.dict(refs, depth))
            }
            b'<' => {
                self.pos += 1;
                Some(Obj::Str(self.hex()))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ if depth >= MAX_DEPTH => {
                            self.pos += 1;
                        }
                        _ => {
                            let before = self.pos;
                            match self.object_at_depth(refs, depth + 1) {
                                Some(Obj::Op(op)) if op == b"endobj" || op == b"stream" => {
                                    self.pos = before;
                                    break;
                                }
                                Some(o) => items.push(o),
                                None => {}
                            }
                            if self.pos == before {
                                self.pos += 1;
                            }
                        }
                    }
                }
                Some(Obj::Array(items))
            }
            b')' | b'>' | b']' | b'}' | b'{' => {
                self.pos += 1;
                if b == b'>' && self.peek() == Some(b'>') {
                    self.pos += 1;
                }
                None
            }
            _ => {
                let w = self.word();
                if w.is_empty() {
                    self.pos += 1;
                    return None;
                }
                self.pos += w.len();
                if let Some(n) = number(w) {
                    if refs {
                        if let Obj::Int(num) = n {
                            let save = self.pos;
                            if let Some(gen) = self.uint() {
                                if self.keyword(b"R") && (0..=i64::from(u32::MAX)).contains(&num) && gen <= 65535 {
                                    return Some(Obj::Ref(num as u32, gen as u16));
                                }
                            }
                            self.pos = save;
                        }
                    }
                    return Some(n);
                }
                Some(match w {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => Obj::Op(w.to_vec()),
                })
            }
        }
    }

    fn dict(&mut self, refs: bool, depth: usize) -> Obj {
        let mut d = Dict::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                    }
                    break;
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.name();
                    let before = self.pos;
                    let value = if depth >= MAX_DEPTH { None } else { self.object_at_depth(refs, depth + 1) };
                    match value {
                        Some(Obj::Op(op)) if op == b"endobj" || op == b"stream" || op == b"obj" => {
                            self.pos = before;
                            break;
                        }
                        Some(v) => d.push((key, v)),
                        None => {
                            if self.pos == before {
                                self.pos += 1;
                            }
                        }
                    }
                }
                Some(_) => {
                    // Damage: a value without a key. Skip it, but stop at the object's end.
                    let before = self.pos;
                    let value = if depth >= MAX_DEPTH { None } else { self.object_at_depth(refs, depth + 1) };
                    if let Some(Obj::Op(op)) = value {
                        if op == b"endobj" || op == b"stream" {
                            self.pos = before;
                            break;
                        }
                    }
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
        Obj::Dict(d)
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let h = self.buf.get(self.pos..self.pos + 2).and_then(|h| Some(hexval(h[0])? << 4 | hexval(h[1])?));
                if let Some(v) = h {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(c) = self.peek() else { break };
                    self.pos += 1;
                    match c {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(c - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        _ => out.push(c),
                    }
                }
                b'\r' => {
                    // An end of line inside a string reads as \n.
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hexval(b) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }
}

pub fn hexval(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A number token: integer or real (lenient: "--5", "5.", ".5", "1.2.3" read as far as valid).
fn number(w: &[u8]) -> Option<Obj> {
    let first = *w.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    let mut i = 0;
    let mut neg = false;
    while i < w.len() && matches!(w[i], b'+' | b'-') {
        neg ^= w[i] == b'-';
        i += 1;
    }
    let rest = &w[i..];
    if rest.is_empty() || !rest.iter().all(|&c| c.is_ascii_digit() || c == b'.') {
        return None;
    }
    if !rest.iter().any(u8::is_ascii_digit) {
        return None;
    }
    if !rest.contains(&b'.') && rest.len() <= 18 {
        let v = rest.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        return Some(Obj::Int(if neg { -v } else { v }));
    }
    let mut v = 0f64;
    let mut scale = 0f64;
    for &c in rest {
        if c == b'.' {
            if scale != 0.0 {
                break;
            }
            scale = 1.0;
        } else if scale == 0.0 {
            v = v * 10.0 + f64::from(c - b'0');
        } else {
            scale /= 10.0;
            v += f64::from(c - b'0') * scale;
        }
    }
    Some(Obj::Real(if neg { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_objects() {
        let mut l = Lexer::new(b"<< /A 1 0 R /B [1 2.5 -.5 (a\\(b\\)) <4142>] /C#20D true >>", 0);
        let o = l.object(true).expect("dict");
        let d = o.as_dict().expect("dict");
        assert_eq!(get(d, b"A"), Some(&Obj::Ref(1, 0)));
        assert_eq!(
            get(d, b"B"),
            Some(&Obj::Array(vec![
                Obj::Int(1),
                Obj::Real(2.5),
                Obj::Real(-0.5),
                Obj::Str(b"a(b)".to_vec()),
                Obj::Str(b"AB".to_vec())
            ]))
        );
        assert_eq!(get(d, b"C D"), Some(&Obj::Bool(true)));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let s = "[".repeat(100_000);
        let mut l = Lexer::new(s.as_bytes(), 0);
        assert!(l.object(true).is_some());
    }
}
