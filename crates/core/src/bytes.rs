//! Counting bytes of a text fast: several stages count a class of bytes over the whole input.

/// How many bytes of `bytes` satisfy `pred`. Counted in blocks of 255 with a byte-wide sum,
/// which the compiler turns into vector instructions (a plain `filter().count()` stays a
/// byte-at-a-time loop with a 64-bit counter).
pub(crate) fn count(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes.chunks(255).map(|block| usize::from(block.iter().map(|&b| u8::from(pred(b))).sum::<u8>())).sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_across_blocks() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i % 7) as u8).collect();
        assert_eq!(super::count(&bytes, |b| b == 0), bytes.iter().filter(|&&b| b == 0).count());
        assert_eq!(super::count(&[0u8; 600], |_| true), 600);
        assert_eq!(super::count(&[], |_| true), 0);
    }
}
