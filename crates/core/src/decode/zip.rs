//! A minimal, defensive ZIP reader: the central directory, and one entry at a time, stored or
//! deflated, with its size capped and its CRC checked.
//!
//! Only what reading a .docx needs (and naming other zip-based formats). A full zip crate
//! would add weight to the browser build for features a report never uses (zip64, encryption,
//! other compression methods); those are refused with a typed [`ZipProblem`] instead.

use std::fmt;
use std::ops::Range;

/// The most a single entry may expand to. A report's document.xml is a few MB at most.
pub const MAX_ENTRY: usize = 64 * 1024 * 1024;

/// The most an entry may expand relative to its compressed size before it is treated as a
/// zip bomb (deflate itself cannot exceed about 1032:1; real XML stays well under 100:1).
pub const MAX_RATIO: usize = 200;

/// An entry may always expand to this much, whatever its ratio.
const RATIO_FLOOR: usize = 1024 * 1024;

/// Why a zip archive could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipProblem {
    /// No end-of-central-directory record: truncated, or not a zip at all.
    NoDirectory,
    /// A directory record or local header points outside the file or has a bad signature.
    BadRecord,
    /// A zip64 archive (over 4 GB or 65,535 entries), which no report needs.
    Zip64,
    /// A compression method other than stored or deflate.
    Method(u16),
    /// The compressed data does not inflate, or its checksum is wrong.
    BadData,
    /// The entry needed is not in the archive.
    Missing,
}

impl fmt::Display for ZipProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipProblem::NoDirectory => {
                f.write_str("找不到压缩目录，文件可能不完整 (no zip directory; the file may be truncated)")
            }
            ZipProblem::BadRecord => f.write_str("压缩目录损坏 (a zip record is damaged)"),
            ZipProblem::Zip64 => f.write_str("不支持 ZIP64 格式 (ZIP64 is not supported)"),
            ZipProblem::Method(m) => write!(f, "不支持的压缩方式 {m} (unsupported compression method {m})"),
            ZipProblem::BadData => f.write_str("压缩数据损坏 (the compressed data is damaged)"),
            ZipProblem::Missing => f.write_str("缺少正文部分 (the document body is missing)"),
        }
    }
}

/// Why an entry could not be extracted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryError {
    /// The archive is damaged or uses an unsupported feature.
    Problem(ZipProblem),
    /// The entry is encrypted.
    Encrypted,
    /// The entry expands past the size or ratio limit.
    TooLarge,
}

impl From<ZipProblem> for EntryError {
    fn from(p: ZipProblem) -> Self {
        EntryError::Problem(p)
    }
}

/// One central-directory record.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// The entry's path inside the archive (raw bytes; zip names are usually UTF-8 or CP437).
    pub name: &'a [u8],
    flags: u16,
    method: u16,
    crc: u32,
    compressed: usize,
    uncompressed: usize,
    local_offset: usize,
}

/// An opened archive: its bytes and its directory.
pub struct Archive<'a> {
    bytes: &'a [u8],
    /// Every entry, in directory order.
    pub entries: Vec<Entry<'a>>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn range(at: usize, len: usize) -> Option<Range<usize>> {
    Some(at..at.checked_add(len)?)
}

impl<'a> Archive<'a> {
    /// Reads the central directory of `bytes`.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ZipProblem> {
        // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
        let tail_start = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (tail_start..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes.get(i..i + 4) == Some(b"PK\x05\x06"))
            .ok_or(ZipProblem::NoDirectory)?;
        let count = u16_at(bytes, eocd + 10).ok_or(ZipProblem::NoDirectory)? as usize;
        let size = u32_at(bytes, eocd + 12).ok_or(ZipProblem::NoDirectory)?;
        let offset = u32_at(bytes, eocd + 16).ok_or(ZipProblem::NoDirectory)?;
        if count == 0xFFFF || size == u32::MAX || offset == u32::MAX {
            return Err(ZipProblem::Zip64);
        }
        let dir = bytes
            .get(range(offset as usize, size as usize).ok_or(ZipProblem::BadRecord)?)
            .ok_or(ZipProblem::BadRecord)?;

        // Each record is at least 46 bytes, so `count` cannot make us allocate more than the
        // directory's own size warrants.
        let mut entries = Vec::with_capacity(count.min(dir.len() / 46));
        let mut at = 0;
        for _ in 0..count {
            if dir.get(at..at + 4) != Some(b"PK\x01\x02") {
                return Err(ZipProblem::BadRecord);
            }
            let field16 = |o| u16_at(dir, at + o).ok_or(ZipProblem::BadRecord);
            let field32 = |o| u32_at(dir, at + o).ok_or(ZipProblem::BadRecord);
            let (name_len, extra_len, comment_len) =
                (field16(28)? as usize, field16(30)? as usize, field16(32)? as usize);
            let (compressed, uncompressed, local) = (field32(20)?, field32(24)?, field32(42)?);
            if compressed == u32::MAX || uncompressed == u32::MAX || local == u32::MAX {
                return Err(ZipProblem::Zip64);
            }
            let name = dir.get(at + 46..at + 46 + name_len).ok_or(ZipProblem::BadRecord)?;
            entries.push(Entry {
                name,
                flags: field16(8)?,
                method: field16(10)?,
                crc: field32(16)?,
                compressed: compressed as usize,
                uncompressed: uncompressed as usize,
                local_offset: local as usize,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// The entry named `name`, if any.
    pub fn find(&self, name: &str) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| e.name == name.as_bytes())
    }

    /// True when an entry named `name` exists.
    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// Extracts `entry`, refusing encrypted entries and anything that would expand past
    /// [`MAX_ENTRY`] bytes or [`MAX_RATIO`] times its compressed size.
    pub fn read(&self, entry: &Entry<'_>) -> Result<Vec<u8>, EntryError> {
        if entry.flags & 1 != 0 {
            return Err(EntryError::Encrypted);
        }
        let limit = MAX_ENTRY.min(RATIO_FLOOR.max(entry.compressed.saturating_mul(MAX_RATIO)));
        if entry.uncompressed > limit {
            return Err(EntryError::TooLarge);
        }
        let b = self.bytes;
        let lo = entry.local_offset;
        if b.get(lo..lo + 4) != Some(b"PK\x03\x04") {
            return Err(ZipProblem::BadRecord.into());
        }
        let name_len = u16_at(b, lo + 26).ok_or(ZipProblem::BadRecord)? as usize;
        let extra_len = u16_at(b, lo + 28).ok_or(ZipProblem::BadRecord)? as usize;
        let start = lo + 30 + name_len + extra_len;
        let data = b.get(range(start, entry.compressed).ok_or(ZipProblem::BadRecord)?).ok_or(ZipProblem::BadRecord)?;
        let out = match entry.method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| {
                if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    EntryError::TooLarge
                } else {
                    EntryError::Problem(ZipProblem::BadData)
                }
            })?,
            m => return Err(ZipProblem::Method(m).into()),
        };
        // The directory's size is what the writer promised; a mismatch means damage (or a
        // forged size meant to get past the check above).
        if out.len() != entry.uncompressed || crc32(&out) != entry.crc {
            return Err(ZipProblem::BadData.into());
        }
        Ok(out)
    }
}

/// CRC-32 (IEEE), as zip uses it.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    !data.iter().fold(!0u32, |c, &b| TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn garbage_has_no_directory() {
        assert_eq!(Archive::open(b"PK\x03\x04 not really").err(), Some(ZipProblem::NoDirectory));
        assert_eq!(Archive::open(b"").err(), Some(ZipProblem::NoDirectory));
    }

    #[test]
    fn empty_archive() {
        let mut b = b"PK\x05\x06".to_vec();
        b.extend([0u8; 18]);
        assert_eq!(Archive::open(&b).map(|a| a.entries.len()), Ok(0));
    }

    #[test]
    fn directory_out_of_bounds() {
        let mut b = b"PK\x05\x06\0\0\0\0\x01\0\x01\0".to_vec();
        b.extend(100u32.to_le_bytes()); // size
        b.extend(5u32.to_le_bytes()); // offset
        b.extend([0, 0]);
        assert_eq!(Archive::open(&b).err(), Some(ZipProblem::BadRecord));
    }
}
