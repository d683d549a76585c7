//! Content streams: the text operators run with the graphics state they need (CTM, text
//! matrices, fonts, form XObjects), giving positioned characters.

use std::collections::HashMap;
use std::rc::Rc;

use crate::doc::{Doc, Page};
use crate::font::{Code, Font};
use crate::object::{get, is_delim, is_ws, Lexer, Obj};
use crate::LegacyDecoder;

/// Characters on one page, more than this, are damage or an attack.
const MAX_GLYPHS: usize = 2_000_000;
const MAX_FORM_DEPTH: usize = 12;

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// A character placed on the page (user space, y up).
#[derive(Clone, Debug)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    /// Font size in user space.
    pub size: f64,
    /// Advance in user space.
    pub adv: f64,
    pub ch: char,
}

/// What one page holds.
#[derive(Default)]
pub struct PageText {
    pub glyphs: Vec<Glyph>,
    /// Images drawn (a scan is images and no text).
    pub images: usize,
    /// Codes shown in fonts with no Unicode for them.
    pub unmapped: usize,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
}

/// Fonts already read, by object number.
pub type FontCache = HashMap<u32, Rc<Font>>;

struct Runner<'d, 'a> {
    doc: &'d Doc<'a>,
    fonts: &'d mut FontCache,
    out: PageText,
    forms: Vec<u32>,
    codes: Vec<Code>,
    legacy: &'d dyn LegacyDecoder,
}

/// Runs a page's content streams.
pub fn page_text(doc: &Doc<'_>, page: &Page, fonts: &mut FontCache, legacy: &dyn LegacyDecoder) -> PageText {
    let mut data = Vec::new();
    for c in &page.contents {
        if let Some(d) = doc.stream_data(c) {
            data.extend_from_slice(&d);
            data.push(b'\n');
        }
    }
    let mut r = Runner { doc, fonts, out: PageText::default(), forms: Vec::new(), codes: Vec::new(), legacy };
    let state = State { ctm: IDENTITY, font: None, size: 0.0, tc: 0.0, tw: 0.0, th: 1.0, tl: 0.0, rise: 0.0 };
    r.run(&data, page.resources.as_deref(), state, 0);
    r.out
}

impl Runner<'_, '_> {
    fn run(&mut self, data: &[u8], resources: Option<&Obj>, mut gs: State, depth: usize) {
        let res = resources.map(|r| self.doc.resolve(r));
        let res = res.as_deref().and_then(Obj::as_dict);
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let mut ops: Vec<Obj> = Vec::new();
        let mut lx = Lexer::new(data, 0);
        while !lx.at_end() {
            if self.out.glyphs.len() >= MAX_GLYPHS {
                return;
            }
            let before = lx.pos;
            let Some(o) = lx.object(false) else {
                if lx.pos == before {
                    lx.pos += 1;
                }
                continue;
            };
            let Obj::Op(op) = o else {
                if ops.len() < 4096 {
                    ops.push(o);
                }
                continue;
            };
            let num = |i: usize| ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
            let nums6 = || -> Matrix { [num(0), num(1), num(2), num(3), num(4), num(5)] };
            match op.as_slice() {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" if ops.len() >= 6 => gs.ctm = mul(&nums6(), &gs.ctm),
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    gs.size = num(1);
                    gs.font = ops.first().and_then(Obj::as_name).and_then(|n| self.font(res, n));
                }
                b"Tc" => gs.tc = num(0),
                b"Tw" => gs.tw = num(0),
                b"Tz" => gs.th = num(0) / 100.0,
                b"TL" => gs.tl = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        gs.tl = -num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if ops.len() >= 6 => {
                    tlm = nums6();
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"'" || op == b"\"" {
                        if op == b"\"" {
                            gs.tw = num(0);
                            gs.tc = num(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    let items: Vec<Obj> = match ops.last() {
                        Some(Obj::Array(a)) if op == b"TJ" => a.clone(),
                        Some(s @ Obj::Str(_)) => vec![s.clone()],
                        _ => Vec::new(),
                    };
                    for item in items {
                        match item {
                            Obj::Str(s) => self.show(&s, &gs, &mut tm),
                            other => {
                                if let Some(n) = other.as_f64() {
                                    let tx = -n / 1000.0 * gs.size * gs.th;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = ops.first().and_then(Obj::as_name) {
                        self.xobject(res, name, &gs, depth);
                    }
                }
                b"BI" => {
                    self.out.images += 1;
                    skip_inline_image(&mut lx);
                }
                _ => {}
            }
            ops.clear();
        }
    }

    fn font(&mut self, res: Option<&crate::object::Dict>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.doc.resolve(get(res?, b"Font")?);
        let r = get(fonts.as_dict()?, name)?;
        if let Obj::Ref(n, _) = r {
            if let Some(f) = self.fonts.get(n) {
                return Some(Rc::clone(f));
            }
        }
        let dict = self.doc.resolve(r);
        let font = Rc::new(Font::load(self.doc, dict.as_dict()?));
        if let Obj::Ref(n, _) = r {
            self.fonts.insert(*n, Rc::clone(&font));
        }
        Some(font)
    }

    fn show(&mut self, s: &[u8], gs: &State, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else { return };
        self.codes.clear();
        font.decode(s, &mut self.codes, self.legacy);
        for code in self.codes.drain(..) {
            let m = mul(tm, &gs.ctm);
            let trm = mul(&[gs.size * gs.th, 0.0, 0.0, gs.size, 0.0, gs.rise], &m);
            let size = (m[2].hypot(m[3]) * gs.size).abs();
            let tx = (code.width * gs.size + gs.tc + if code.space { gs.tw } else { 0.0 }) * gs.th;
            let adv = code.width * gs.size * gs.th * m[0].hypot(m[1]);
            if code.unmapped {
                self.out.unmapped += 1;
            }
            let n = code.text.chars().count().max(1) as f64;
            for (k, ch) in code.text.chars().enumerate() {
                if self.out.glyphs.len() >= MAX_GLYPHS {
                    break;
                }
                if ch.is_control() && ch != '\t' {
                    continue;
                }
                let x = trm[4] + adv * k as f64 / n;
                if x.is_finite() && trm[5].is_finite() && size.is_finite() {
                    self.out.glyphs.push(Glyph { x, y: trm[5], size, adv: adv / n, ch });
                }
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }

    fn xobject(&mut self, res: Option<&crate::object::Dict>, name: &[u8], gs: &State, depth: usize) {
        let Some(res) = res else { return };
        let Some(xobjs) = get(res, b"XObject").map(|x| self.doc.resolve(x)) else { return };
        let Some(r) = xobjs.as_dict().and_then(|d| get(d, name)).cloned() else { return };
        let obj = self.doc.resolve(&r);
        let Some(d) = obj.as_dict() else { return };
        match get(d, b"Subtype").and_then(Obj::as_name) {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                let num = if let Obj::Ref(n, _) = r { n } else { u32::MAX };
                if depth >= MAX_FORM_DEPTH || self.forms.contains(&num) {
                    return;
                }
                let Some(data) = self.doc.stream_data(&obj) else { return };
                let mut inner = gs.clone();
                if let Some(m) = get(d, b"Matrix").and_then(Obj::as_array) {
                    if m.len() >= 6 {
                        let m: Vec<f64> = m.iter().map(|x| x.as_f64().unwrap_or(0.0)).collect();
                        inner.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &gs.ctm);
                    }
                }
                let resources = get(d, b"Resources").cloned().map(|r| self.doc.resolve(&r));
                let resources: Option<Obj> = resources.map(|r| (*r).clone()).or_else(|| Some(Obj::Dict(res.clone())));
                self.forms.push(num);
                self.run(&data, resources.as_ref(), inner, depth + 1);
                self.forms.pop();
            }
            _ => {}
        }
    }
}

/// Skips an inline image: its dictionary up to `ID`, then its data up to `EI`.
fn skip_inline_image(lx: &mut Lexer<'_>) {
    for _ in 0..1000 {
        let before = lx.pos;
        match lx.object(false) {
            Some(Obj::Op(op)) if op == b"ID" => break,
            None if lx.at_end() => return,
            _ => {}
        }
        if lx.pos == before {
            lx.pos += 1;
        }
    }
    let buf = lx.buf;
    let mut i = lx.pos + 1;
    while i + 2 <= buf.len() {
        if buf[i] == b'E'
            && buf[i + 1] == b'I'
            && is_ws(buf[i - 1])
            && buf.get(i + 2).is_none_or(|&b| is_ws(b) || is_delim(b))
        {
            lx.pos = i + 2;
            return;
        }
        i += 1;
    }
    lx.pos = buf.len();
}
