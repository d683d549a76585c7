//! Stream filters: Flate (with PNG/TIFF predictors), LZW, ASCIIHex, ASCII85, RunLength.
//! Image filters (DCT, JPX, CCITT, JBIG2) are not decoded: text never needs them.

use crate::object::{get, hexval, is_ws, Dict, Obj};

/// Why a stream could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum FilterError {
    /// It would expand past the limit.
    TooLarge,
    /// An image or unknown filter.
    Unsupported,
}

/// Decodes `data` through the stream's filters; output capped at `limit` bytes.
pub fn decode(dict: &Dict, data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let filters: Vec<&[u8]> = match get(dict, b"Filter").or_else(|| get(dict, b"F")) {
        Some(Obj::Name(n)) => vec![n.as_slice()],
        Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_name).collect(),
        _ => Vec::new(),
    };
    let parms: Vec<Option<&Dict>> = match get(dict, b"DecodeParms").or_else(|| get(dict, b"DP")) {
        Some(Obj::Dict(d)) => vec![Some(d)],
        Some(Obj::Array(a)) => a.iter().map(Obj::as_dict).collect(),
        _ => Vec::new(),
    };
    let mut out = data.to_vec();
    for (i, f) in filters.iter().enumerate() {
        let p = parms.get(i).copied().flatten();
        out = match *f {
            b"FlateDecode" | b"Fl" => predict(p, inflate(&out, limit)?, limit)?,
            b"LZWDecode" | b"LZW" => {
                let early = p.and_then(|p| get(p, b"EarlyChange")).and_then(Obj::as_i64).unwrap_or(1) != 0;
                predict(p, lzw(&out, early, limit)?, limit)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&out),
            b"ASCII85Decode" | b"A85" => ascii85(&out),
            b"RunLengthDecode" | b"RL" => run_length(&out, limit)?,
            b"Crypt" => out,
            _ => return Err(FilterError::Unsupported),
        };
    }
    Ok(out)
}

/// Inflates zlib data (or raw deflate when the zlib header is missing). A damaged or
/// truncated stream gives what inflated before the damage, as other readers do.
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit, TINFLStatus};
    let zlib = data.len() >= 2 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0 && data[0] & 0x0F == 8;
    let r =
        if zlib { decompress_to_vec_zlib_with_limit(data, limit) } else { decompress_to_vec_with_limit(data, limit) };
    match r {
        Ok(v) => Ok(v),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(FilterError::TooLarge),
        Err(e) => Ok(e.output),
    }
}

/// Undoes a PNG (10–15) or TIFF (2) predictor.
fn predict(p: Option<&Dict>, data: Vec<u8>, limit: usize) -> Result<Vec<u8>, FilterError> {
    let Some(p) = p else { return Ok(data) };
    let int = |k: &[u8], d: i64| get(p, k).and_then(Obj::as_i64).unwrap_or(d);
    let predictor = int(b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = int(b"Colors", 1).clamp(1, 32) as usize;
    let bpc = int(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = int(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        if bpc != 8 {
            return Ok(data);
        }
        let mut out = data;
        for line in out.chunks_mut(row.max(1)) {
            for i in bpp..line.len() {
                line[i] = line[i].wrapping_add(line[i - bpp]);
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(data.len().min(limit));
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let Some((&kind, src)) = chunk.split_first() else { break };
        let mut cur = src.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = cur[i].wrapping_add(match kind {
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => 0,
            });
        }
        out.extend_from_slice(&cur[..src.len().min(row)]);
        if out.len() > limit {
            return Err(FilterError::TooLarge);
        }
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn lzw(data: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut table: Vec<(Option<u16>, u8)> = (0..=255u16).map(|b| (None, b as u8)).collect();
    table.push((None, 0));
    table.push((None, 0));
    let (mut bits, mut nbits, mut width) = (0u32, 0u32, 9u32);
    let mut prev: Option<u16> = None;
    let mut entry = Vec::new();
    let expand = |code: u16, table: &[(Option<u16>, u8)], entry: &mut Vec<u8>| {
        entry.clear();
        let mut c = Some(code);
        while let Some(k) = c {
            let Some(&(p, b)) = table.get(usize::from(k)) else { break };
            entry.push(b);
            c = p;
            if entry.len() > 4096 {
                break;
            }
        }
        entry.reverse();
    };
    for &byte in data {
        bits = bits << 8 | u32::from(byte);
        nbits += 8;
        while nbits >= width {
            let code = ((bits >> (nbits - width)) & ((1 << width) - 1)) as u16;
            nbits -= width;
            match code {
                256 => {
                    table.truncate(258);
                    width = 9;
                    prev = None;
                    continue;
                }
                257 => return Ok(out),
                _ => {}
            }
            let len = table.len() as u16;
            if let Some(p) = prev {
                if code < len {
                    expand(code, &table, &mut entry);
                    table.push((Some(p), entry[0]));
                } else {
                    expand(p, &table, &mut entry);
                    let first = entry.first().copied().unwrap_or(0);
                    entry.push(first);
                    table.push((Some(p), first));
                }
            } else {
                if code >= len {
                    return Ok(out);
                }
                expand(code, &table, &mut entry);
            }
            out.extend_from_slice(&entry);
            if out.len() > limit {
                return Err(FilterError::TooLarge);
            }
            prev = Some(code);
            let next = table.len() as u32 + u32::from(early);
            width = if next >= 2048 {
                12
            } else if next >= 1024 {
                11
            } else if next >= 512 {
                10
            } else {
                9
            };
            if table.len() >= 4096 {
                table.truncate(258);
                prev = None;
                width = 9;
            }
        }
    }
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut hi = None;
    for &b in data {
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

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0;
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            _ if is_ws(b) => {}
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let n = data[i];
        i += 1;
        match n {
            128 => break,
            0..=127 => {
                let end = (i + usize::from(n) + 1).min(data.len());
                out.extend_from_slice(&data[i..end]);
                i = end;
            }
            _ => {
                if let Some(&b) = data.get(i) {
                    out.extend(std::iter::repeat_n(b, 257 - usize::from(n)));
                }
                i += 1;
            }
        }
        if out.len() > limit {
            return Err(FilterError::TooLarge);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flate_and_limit() {
        let data = vec![b'a'; 100_000];
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&data, 6);
        let d = vec![(b"Filter".to_vec(), Obj::Name(b"FlateDecode".to_vec()))];
        assert_eq!(decode(&d, &z, 1 << 20), Ok(data));
        assert_eq!(decode(&d, &z, 1000), Err(FilterError::TooLarge));
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"41 42 4>"), b"AB@");
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>"), b"Hello World!");
    }

    #[test]
    fn lzw_example() {
        // The example of the PDF reference, 7.4.4.2.
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&data, true, 1000), Ok(b"-----A---B".to_vec()));
    }
}
