//! A zip writer for tests: .docx-like archives, intact or damaged on purpose. The one copy used
//! by the integration tests (`mod support`) and by `decode`'s unit tests (through `#[path]`).

/// One member of an archive, as its headers will describe it.
pub struct Entry<'a> {
    /// The member's path ("word/document.xml").
    pub name: &'a str,
    /// The bytes as stored (deflated already when `method` is 8).
    pub body: Vec<u8>,
    /// 0 stored, 8 deflated; anything else is for testing refusals.
    pub method: u16,
    /// The declared uncompressed size (a lie, for zip-bomb tests).
    pub size: u32,
    /// The declared CRC-32 of the uncompressed data.
    pub crc: u32,
}

impl<'a> Entry<'a> {
    /// `data` stored or deflated, with true size and CRC.
    pub fn new(name: &'a str, data: &[u8], deflate: bool) -> Self {
        let body = if deflate { miniz_oxide::deflate::compress_to_vec(data, 6) } else { data.to_vec() };
        Entry { name, body, method: if deflate { 8 } else { 0 }, size: data.len() as u32, crc: crc32(data) }
    }
}

/// The archive of `entries`: local headers and data, central directory, end record.
pub fn archive(entries: &[Entry]) -> Vec<u8> {
    let (mut out, mut dir) = (Vec::new(), Vec::new());
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: &[u8], central: bool, buf: &mut Vec<u8>| {
            buf.extend(sig);
            if central {
                buf.extend(20u16.to_le_bytes()); // version made by
            }
            buf.extend(20u16.to_le_bytes()); // version needed
            buf.extend(0u16.to_le_bytes()); // flags
            buf.extend(e.method.to_le_bytes());
            buf.extend([0u8; 4]); // time, date
            buf.extend(e.crc.to_le_bytes());
            buf.extend((e.body.len() as u32).to_le_bytes());
            buf.extend(e.size.to_le_bytes());
            buf.extend((e.name.len() as u16).to_le_bytes());
            buf.extend(0u16.to_le_bytes()); // extra
            if central {
                buf.extend([0u8; 6]); // comment length, disk, internal attributes
                buf.extend([0u8; 4]); // external attributes
                buf.extend(offset.to_le_bytes());
            }
            buf.extend(e.name.as_bytes());
        };
        header(b"PK\x03\x04", false, &mut out);
        out.extend(&e.body);
        header(b"PK\x01\x02", true, &mut dir);
    }
    let dir_offset = out.len() as u32;
    out.extend(&dir);
    out.extend(b"PK\x05\x06\0\0\0\0");
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((dir.len() as u32).to_le_bytes());
    out.extend(dir_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// An archive of `(name, data, deflate)` members, all intact.
pub fn zip(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
    archive(&files.iter().map(|&(n, d, deflate)| Entry::new(n, d, deflate)).collect::<Vec<_>>())
}

/// CRC-32 (IEEE), bit by bit: slow and obviously right.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}
