//! Stable sorts that cost little download.
//!
//! Every `sort_by`/`sort_by_key` call site instantiates the standard library's stable sort
//! anew, about 4 KB of WebAssembly each, and the web app has a download budget (issue 5).
//! The analyser's own sorts order things by an offset, so they share [`by_offset`]: the
//! offsets are sorted as (offset, index) pairs, a single instantiation, and the items moved
//! into that order. Short lists (reports compared, indicator ids, units) take [`small_by`].

/// Sorts `v` by `key` (an offset), keeping the order of items with equal keys.
pub fn by_offset<T>(v: &mut Vec<T>, key: impl Fn(&T) -> usize) {
    // Usually the items arrive in order already.
    if v.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let mut order: Vec<(usize, usize)> = v.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    sort_pairs(&mut order);
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take)));
}

/// Sorts `v` by `cmp`, stably, by insertion: for lists of at most a few hundred items
/// (quadratic beyond), where a general sort routine per element type would cost more
/// download than it saves time. Natively it is the standard library's sort (the CLI compares
/// thousands of files).
pub fn small_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    if !cfg!(target_arch = "wasm32") {
        return v.sort_by(cmp);
    }
    insertion_by(v, &mut cmp);
}

fn insertion_by<T>(v: &mut [T], cmp: &mut impl FnMut(&T, &T) -> std::cmp::Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == std::cmp::Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The pairs are distinct (their second members are), so an unstable sort is stable here.
#[inline(never)]
fn sort_pairs(pairs: &mut [(usize, usize)]) {
    pairs.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_offset_and_keeps_ties_in_order() {
        let mut v = vec![(5, 'a'), (1, 'b'), (5, 'c'), (0, 'd'), (1, 'e')];
        by_offset(&mut v, |x| x.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (5, 'a'), (5, 'c')]);
        let mut empty: Vec<usize> = Vec::new();
        by_offset(&mut empty, |&x| x);
        assert!(empty.is_empty());
    }

    #[test]
    fn insertion_sort_is_stable() {
        let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        insertion_by(&mut v, &mut |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut empty: [u8; 0] = [];
        insertion_by(&mut empty, &mut |a, b| a.cmp(b));
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut x = 0x9E37_79B9_u32;
        for n in 0..200 {
            let mut v: Vec<(usize, usize)> = (0..n)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    ((x % 16) as usize, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            by_offset(&mut v, |p| p.0);
            assert_eq!(v, want);
        }
    }
}
