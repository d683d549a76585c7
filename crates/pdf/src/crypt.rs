//! The standard security handler (revisions 2–4: RC4 40–128 bit and AES-128; revisions 5–6:
//! AES-256 when the user password is empty) with small implementations of MD5, RC4, AES
//! (decryption) and SHA-256/384/512. Official PDFs are often encrypted with an owner password
//! only ("no copying, no printing"); they open with the empty user password, which is all this
//! tries.

use crate::object::{get, Dict, Obj};

/// The 32-byte padding string of the standard security handler.
pub(crate) const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00,
    0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// How strings and streams are encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    None,
    Rc4,
    Aes128,
    Aes256,
}

/// Why a document's encryption cannot be undone.
#[derive(Debug, PartialEq, Eq)]
pub enum CryptError {
    /// The empty user password does not open it.
    NeedsPassword,
    /// Not the standard handler (certificates), or an unknown revision.
    Unsupported(String),
}

/// The file key and methods of an encrypted document.
#[derive(Debug)]
pub struct Decryptor {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
}

impl Decryptor {
    /// Opens the security handler of `enc` with the empty user password (or, failing that, the
    /// empty owner password). `id0` is the first element of the trailer's /ID.
    pub fn open(enc: &Dict, id0: &[u8]) -> Result<Decryptor, CryptError> {
        let filter = get(enc, b"Filter").and_then(Obj::as_name).unwrap_or(b"Standard");
        if filter != b"Standard" {
            return Err(CryptError::Unsupported(format!("security handler {}", String::from_utf8_lossy(filter))));
        }
        let int = |k: &[u8]| get(enc, k).and_then(Obj::as_i64);
        let v = int(b"V").unwrap_or(0);
        let r = int(b"R").unwrap_or(2);
        let o = get(enc, b"O").and_then(Obj::as_str).unwrap_or_default();
        let u = get(enc, b"U").and_then(Obj::as_str).unwrap_or_default();
        let p = int(b"P").unwrap_or(0) as i32;
        let encrypt_metadata = !matches!(get(enc, b"EncryptMetadata"), Some(Obj::Bool(false)));
        let (mut strings, mut streams) = (Method::Rc4, Method::Rc4);
        if v >= 4 {
            let cf = get(enc, b"CF").and_then(Obj::as_dict);
            let method = |key: &[u8]| -> Method {
                let name = get(enc, key).and_then(Obj::as_name).unwrap_or(b"Identity");
                if name == b"Identity" {
                    return Method::None;
                }
                let filter = cf.and_then(|cf| get(cf, name)).and_then(Obj::as_dict);
                match filter.and_then(|f| get(f, b"CFM")).and_then(Obj::as_name) {
                    Some(b"AESV2") => Method::Aes128,
                    Some(b"AESV3") => Method::Aes256,
                    Some(b"None") => Method::None,
                    _ => Method::Rc4,
                }
            };
            strings = method(b"StrF");
            streams = method(b"StmF");
        }
        if r >= 5 {
            let key = open_aes256(enc, r, u).ok_or(CryptError::NeedsPassword)?;
            return Ok(Decryptor { key, strings, streams });
        }
        if !(2..=4).contains(&r) {
            return Err(CryptError::Unsupported(format!("security handler revision {r}")));
        }
        let len = if r == 2 { 5 } else { (int(b"Length").unwrap_or(40) / 8).clamp(5, 16) as usize };
        let params = Params { r, o, p, id0, len, encrypt_metadata };
        // The empty user password, then the empty owner password (which recovers the user's).
        let user = params.key(&PAD);
        if params.user_ok(&user, u) {
            return Ok(Decryptor { key: user, strings, streams });
        }
        let padded = params.user_from_owner(&PAD);
        let key = params.key(&padded);
        if params.user_ok(&key, u) {
            return Ok(Decryptor { key, strings, streams });
        }
        Err(CryptError::NeedsPassword)
    }

    /// Decrypts a string of object `num gen`.
    pub fn string(&self, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        self.apply(self.strings, num, gen, data)
    }

    /// Decrypts a stream of object `num gen`.
    pub fn stream(&self, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        self.apply(self.streams, num, gen, data)
    }

    fn apply(&self, method: Method, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        match method {
            Method::None => data.to_vec(),
            Method::Aes256 => aes_cbc_decrypt(&self.key, data),
            Method::Rc4 | Method::Aes128 => {
                let mut m = self.key.clone();
                m.extend_from_slice(&num.to_le_bytes()[..3]);
                m.extend_from_slice(&gen.to_le_bytes());
                if method == Method::Aes128 {
                    m.extend_from_slice(b"sAlT");
                }
                let digest = md5(&m);
                let key = &digest[..(self.key.len() + 5).min(16)];
                if method == Method::Rc4 {
                    rc4(key, data)
                } else {
                    aes_cbc_decrypt(key, data)
                }
            }
        }
    }
}

struct Params<'a> {
    r: i64,
    o: &'a [u8],
    p: i32,
    id0: &'a [u8],
    len: usize,
    encrypt_metadata: bool,
}

impl Params<'_> {
    /// Algorithm 2: the file key from a padded user password.
    fn key(&self, padded: &[u8; 32]) -> Vec<u8> {
        let mut m = padded.to_vec();
        m.extend_from_slice(&self.o[..self.o.len().min(32)]);
        m.extend_from_slice(&self.p.to_le_bytes());
        m.extend_from_slice(self.id0);
        if self.r >= 4 && !self.encrypt_metadata {
            m.extend_from_slice(&[0xFF; 4]);
        }
        let mut d = md5(&m);
        if self.r >= 3 {
            for _ in 0..50 {
                d = md5(&d[..self.len]);
            }
        }
        d[..self.len].to_vec()
    }

    /// Algorithms 4 and 5: does `key` produce the /U entry?
    fn user_ok(&self, key: &[u8], u: &[u8]) -> bool {
        if self.r == 2 {
            return rc4(key, &PAD).as_slice() == u.get(..32).unwrap_or(u);
        }
        let mut m = PAD.to_vec();
        m.extend_from_slice(self.id0);
        let mut x = md5(&m).to_vec();
        for i in 0..20u8 {
            let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
            x = rc4(&k, &x);
        }
        u.len() >= 16 && x[..16] == u[..16]
    }

    /// Algorithm 7: the padded user password that an owner password unlocks.
    fn user_from_owner(&self, owner: &[u8; 32]) -> [u8; 32] {
        let mut d = md5(owner);
        if self.r >= 3 {
            for _ in 0..50 {
                d = md5(&d);
            }
        }
        let key = &d[..self.len];
        let mut x = self.o[..self.o.len().min(32)].to_vec();
        if self.r == 2 {
            x = rc4(key, &x);
        } else {
            for i in (0..20u8).rev() {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
        }
        let mut out = [0u8; 32];
        for (o, b) in out.iter_mut().zip(x) {
            *o = b;
        }
        out
    }
}

/// Revisions 5 and 6 with the empty user password: the file key from /UE.
fn open_aes256(enc: &Dict, r: i64, u: &[u8]) -> Option<Vec<u8>> {
    let ue = get(enc, b"UE").and_then(Obj::as_str)?;
    if u.len() < 48 || ue.len() < 32 {
        return None;
    }
    let (hash, validation, key_salt) = (&u[..32], &u[32..40], &u[40..48]);
    let h = |salt: &[u8]| if r == 5 { sha256(salt).to_vec() } else { hash_r6(b"", salt, b"") };
    if h(validation)[..32] != *hash {
        return None;
    }
    let k = h(key_salt);
    let mut iv_ue = vec![0u8; 16];
    iv_ue.extend_from_slice(&ue[..32]);
    let key = aes_cbc_decrypt_nopad(&k[..32], &iv_ue);
    (key.len() == 32).then_some(key)
}

/// Algorithm 2.B of ISO 32000-2. `udata` is empty for the user password's hashes and the
/// 48-byte /U for the owner's (which only the writer computes).
pub(crate) fn hash_r6(password: &[u8], salt: &[u8], udata: &[u8]) -> Vec<u8> {
    let mut m = password.to_vec();
    m.extend_from_slice(salt);
    m.extend_from_slice(udata);
    let mut k = sha256(&m).to_vec();
    let mut round = 0usize;
    loop {
        let mut k1 = Vec::with_capacity(64 * (password.len() + k.len() + udata.len()));
        for _ in 0..64 {
            k1.extend_from_slice(password);
            k1.extend_from_slice(&k);
            k1.extend_from_slice(udata);
        }
        let e = aes_cbc_encrypt_nopad(&k[..16], &k[16..32], &k1);
        let sum: u32 = e[..16].iter().map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => sha256(&e).to_vec(),
            1 => sha512_family(&e, true),
            _ => sha512_family(&e, false),
        };
        round += 1;
        let last = e.last().copied().unwrap_or(0);
        if round >= 64 && usize::from(last) <= round - 32 {
            break;
        }
        if round > 10_000 {
            break;
        }
    }
    k.truncate(32);
    k
}

/// MD5 (RFC 1321).
pub fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
        20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6,
        10, 15, 21,
    ];
    let k: Vec<u32> = (0..64).map(|i: i32| ((f64::from(i + 1)).sin().abs() * 4294967296.0) as u32).collect();
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_le_bytes());
    for chunk in msg.chunks_exact(64) {
        let w: Vec<u32> = chunk.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let t = d;
            d = c;
            c = b;
            b = b.wrapping_add(a.wrapping_add(f).wrapping_add(k[i]).wrapping_add(w[g]).rotate_left(S[i]));
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 16];
    for (i, v) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
    }
    out
}

/// RC4 (encryption and decryption are the same).
pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    if key.is_empty() {
        return data.to_vec();
    }
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[usize::from(i)]);
            s.swap(usize::from(i), usize::from(j));
            b ^ s[usize::from(s[usize::from(i)].wrapping_add(s[usize::from(j)]))]
        })
        .collect()
}

/// The AES S-box and its inverse, computed (no tables in the source).
fn sboxes() -> ([u8; 256], [u8; 256]) {
    let mut sbox = [0u8; 256];
    let mut inv = [0u8; 256];
    let (mut p, mut q) = (1u8, 1u8);
    loop {
        // p × 3, q ÷ 3 in GF(2^8).
        p = p ^ (p << 1) ^ if p & 0x80 != 0 { 0x1B } else { 0 };
        q ^= q << 1;
        q ^= q << 2;
        q ^= q << 4;
        if q & 0x80 != 0 {
            q ^= 0x09;
        }
        let x = q ^ q.rotate_left(1) ^ q.rotate_left(2) ^ q.rotate_left(3) ^ q.rotate_left(4) ^ 0x63;
        sbox[usize::from(p)] = x;
        if p == 1 {
            break;
        }
    }
    sbox[0] = 0x63;
    for (i, &s) in sbox.iter().enumerate() {
        inv[usize::from(s)] = i as u8;
    }
    (sbox, inv)
}

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1B } else { 0 }
}

fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut p = 0;
    while b != 0 {
        if b & 1 != 0 {
            p ^= a;
        }
        a = xtime(a);
        b >>= 1;
    }
    p
}

/// The AES round keys of a 16- or 32-byte key.
fn expand_key(key: &[u8], sbox: &[u8; 256]) -> Vec<[u8; 16]> {
    let nk = key.len() / 4;
    let rounds = nk + 6;
    let mut w: Vec<[u8; 4]> = key.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]]).collect();
    let mut rcon = 1u8;
    for i in nk..4 * (rounds + 1) {
        let mut t = w[i - 1];
        if i % nk == 0 {
            t = [
                sbox[usize::from(t[1])] ^ rcon,
                sbox[usize::from(t[2])],
                sbox[usize::from(t[3])],
                sbox[usize::from(t[0])],
            ];
            rcon = xtime(rcon);
        } else if nk > 6 && i % nk == 4 {
            t = t.map(|b| sbox[usize::from(b)]);
        }
        let prev = w[i - nk];
        w.push([prev[0] ^ t[0], prev[1] ^ t[1], prev[2] ^ t[2], prev[3] ^ t[3]]);
    }
    w.chunks_exact(4)
        .map(|c| {
            let mut k = [0u8; 16];
            for (j, word) in c.iter().enumerate() {
                k[j * 4..j * 4 + 4].copy_from_slice(word);
            }
            k
        })
        .collect()
}

struct Aes {
    sbox: [u8; 256],
    inv: [u8; 256],
    keys: Vec<[u8; 16]>,
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        if key.len() != 16 && key.len() != 32 {
            return None;
        }
        let (sbox, inv) = sboxes();
        let keys = expand_key(key, &sbox);
        Some(Aes { sbox, inv, keys })
    }

    fn decrypt(&self, block: &mut [u8; 16]) {
        let n = self.keys.len() - 1;
        xor(block, &self.keys[n]);
        for round in (0..n).rev() {
            // Inverse shift rows, inverse sub bytes.
            let s = *block;
            for c in 0..4 {
                for r in 0..4 {
                    block[c * 4 + r] = self.inv[usize::from(s[((c + 4 - r) % 4) * 4 + r])];
                }
            }
            xor(block, &self.keys[round]);
            if round > 0 {
                for c in 0..4 {
                    let a = [block[c * 4], block[c * 4 + 1], block[c * 4 + 2], block[c * 4 + 3]];
                    for r in 0..4 {
                        block[c * 4 + r] = gmul(a[r], 14)
                            ^ gmul(a[(r + 1) % 4], 11)
                            ^ gmul(a[(r + 2) % 4], 13)
                            ^ gmul(a[(r + 3) % 4], 9);
                    }
                }
            }
        }
    }

    fn encrypt(&self, block: &mut [u8; 16]) {
        let n = self.keys.len() - 1;
        xor(block, &self.keys[0]);
        for round in 1..=n {
            let s = *block;
            for c in 0..4 {
                for r in 0..4 {
                    block[c * 4 + r] = self.sbox[usize::from(s[((c + r) % 4) * 4 + r])];
                }
            }
            if round < n {
                for c in 0..4 {
                    let a = [block[c * 4], block[c * 4 + 1], block[c * 4 + 2], block[c * 4 + 3]];
                    for r in 0..4 {
                        // ×2 and ×3 as xtime: R6's key derivation encrypts 64 KB and more.
                        let b = a[(r + 1) % 4];
                        block[c * 4 + r] = xtime(a[r]) ^ xtime(b) ^ b ^ a[(r + 2) % 4] ^ a[(r + 3) % 4];
                    }
                }
            }
            xor(block, &self.keys[round]);
        }
    }
}

fn xor(block: &mut [u8; 16], key: &[u8; 16]) {
    for (b, k) in block.iter_mut().zip(key) {
        *b ^= k;
    }
}

/// AES-CBC decryption of `iv ‖ ciphertext`, PKCS#7 padding removed when valid.
pub fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = aes_cbc_decrypt_nopad(key, data);
    if let Some(&n) = out.last() {
        let n = usize::from(n);
        if (1..=16).contains(&n) && n <= out.len() && out[out.len() - n..].iter().all(|&b| usize::from(b) == n) {
            out.truncate(out.len() - n);
        }
    }
    out
}

fn aes_cbc_decrypt_nopad(key: &[u8], data: &[u8]) -> Vec<u8> {
    let Some(aes) = Aes::new(key) else { return Vec::new() };
    if data.len() < 32 {
        return Vec::new();
    }
    let mut prev = [0u8; 16];
    prev.copy_from_slice(&data[..16]);
    let mut out = Vec::with_capacity(data.len() - 16);
    for chunk in data[16..].chunks_exact(16) {
        let mut block = [0u8; 16];
        block.copy_from_slice(chunk);
        let cipher = block;
        aes.decrypt(&mut block);
        xor(&mut block, &prev);
        out.extend_from_slice(&block);
        prev = cipher;
    }
    out
}

/// AES-CBC encryption (128 or 256-bit key) of whole blocks; a short `iv` is zero-padded.
pub(crate) fn aes_cbc_encrypt_nopad(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    let Some(aes) = Aes::new(key) else { return Vec::new() };
    let mut prev = [0u8; 16];
    for (p, b) in prev.iter_mut().zip(iv) {
        *p = *b;
    }
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut block = [0u8; 16];
        block.copy_from_slice(chunk);
        xor(&mut block, &prev);
        aes.encrypt(&mut block);
        out.extend_from_slice(&block);
        prev = block;
    }
    out
}

/// SHA-256.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for chunk in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, c) in chunk.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, v) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&v.to_be_bytes());
    }
    out
}

/// SHA-384 (`short`) or SHA-512.
fn sha512_family(data: &[u8], short: bool) -> Vec<u8> {
    // Computed once: R6's key derivation hashes a hundred times or more per password tried.
    static K: std::sync::OnceLock<[u64; 80]> = std::sync::OnceLock::new();
    let k = K.get_or_init(sha512_constants);
    let mut h: [u64; 8] = if short {
        [
            0xcbbb9d5dc1059ed8,
            0x629a292a367cd507,
            0x9159015a3070dd17,
            0x152fecd8f70e5939,
            0x67332667ffc00b31,
            0x8eb44a8768581511,
            0xdb0c2e0d64f98fa7,
            0x47b5481dbefa4fa4,
        ]
    } else {
        [
            0x6a09e667f3bcc908,
            0xbb67ae8584caa73b,
            0x3c6ef372fe94f82b,
            0xa54ff53a5f1d36f1,
            0x510e527fade682d1,
            0x9b05688c2b3e6c1f,
            0x1f83d9abfb41bd6b,
            0x5be0cd19137e2179,
        ]
    };
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u128).wrapping_mul(8)).to_be_bytes());
    for chunk in msg.chunks_exact(128) {
        let mut w = [0u64; 80];
        for (i, c) in chunk.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            w[i] = u64::from_be_bytes(b);
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(k[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let n = if short { 6 } else { 8 };
    h[..n].iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// The SHA-512 round constants: the first 64 bits of the fractional parts of the cube roots of
/// the first 80 primes, computed exactly with integer arithmetic.
fn sha512_constants() -> [u64; 80] {
    let mut k = [0u64; 80];
    let mut n = 0;
    let mut p = 2u64;
    while n < 80 {
        if (2..p).take_while(|d| d * d <= p).all(|d| p % d != 0) {
            k[n] = frac_cbrt(p);
            n += 1;
        }
        p += 1;
    }
    k
}

/// The first 64 fractional bits of the cube root of `p`: the largest x with x³ ≤ p·2^192,
/// by bisection on u128 halves (x < 2^(64+3)).
fn frac_cbrt(p: u64) -> u64 {
    // Compare x^3 with p << 192 using 256-bit arithmetic in u128 pairs (hi, lo) of 128 bits.
    let cube_le = |x: u128| -> bool {
        // x < 2^67, so x^2 < 2^134 and x^3 < 2^201: compute in four 64-bit limbs.
        let mul = |a: [u64; 4], b: u64| -> [u64; 4] {
            let mut out = [0u64; 4];
            let mut carry = 0u128;
            for i in 0..4 {
                let v = u128::from(a[i]) * u128::from(b) + carry;
                out[i] = v as u64;
                carry = v >> 64;
            }
            out
        };
        let add = |a: [u64; 4], b: [u64; 4]| -> [u64; 4] {
            let mut out = [0u64; 4];
            let mut carry = 0u128;
            for i in 0..4 {
                let v = u128::from(a[i]) + u128::from(b[i]) + carry;
                out[i] = v as u64;
                carry = v >> 64;
            }
            out
        };
        let shl64 = |a: [u64; 4]| [0, a[0], a[1], a[2]];
        let (lo, hi) = (x as u64, (x >> 64) as u64);
        let times = |a: [u64; 4]| add(mul(a, lo), shl64(mul(a, hi)));
        let x1 = [lo, hi, 0, 0];
        let x3 = times(times(x1));
        let target = [0, 0, 0, p];
        for i in (0..4).rev() {
            if x3[i] != target[i] {
                return x3[i] < target[i];
            }
        }
        true
    };
    let (mut lo, mut hi) = (0u128, 1u128 << 67);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if cube_le(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn digests() {
        assert_eq!(hex(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(&md5(b"The quick brown fox jumps over the lazy dog")), "9e107d9d372bb6826bd81d3542a419d6");
        assert_eq!(hex(&sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hex(&sha512_family(b"abc", false)),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        assert_eq!(
            hex(&sha512_family(b"abc", true)),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        );
    }

    #[test]
    fn ciphers() {
        assert_eq!(hex(&rc4(b"Key", b"Plaintext")), "bbf316e8d940af0ad3");
        let key: Vec<u8> = (0..16).collect();
        let aes = Aes::new(&key).expect("key");
        let mut block = [0u8; 16];
        for (i, b) in block.iter_mut().enumerate() {
            *b = (i as u8) * 0x11;
        }
        let plain = block;
        aes.encrypt(&mut block);
        assert_eq!(hex(&block), "69c4e0d86a7b0430d8cdb78070b4c55a");
        aes.decrypt(&mut block);
        assert_eq!(block, plain);
        let key256: Vec<u8> = (0..32).collect();
        let aes = Aes::new(&key256).expect("key");
        let mut block = plain;
        aes.encrypt(&mut block);
        assert_eq!(hex(&block), "8ea2b7ca516745bfeafc49904b496089");
        aes.decrypt(&mut block);
        assert_eq!(block, plain);
    }
}
