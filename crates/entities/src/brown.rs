//! Brown clustering (Brown et al. 1992, with the windowed algorithm of
//! Liang 2005): a binary hierarchy of word classes that keeps the mutual
//! information of adjacent classes as high as possible. The tagger uses the
//! prefixes of a word's path as features (`crate::clusters`), so names
//! never seen in the labelled data still share features with names that
//! were.
//!
//! Algorithm. Words are taken in order of frequency. The `c` most frequent
//! start as one class each; each further word becomes a class of its own and
//! then the two classes whose merge loses the least mutual information are
//! merged, so at most `c + 1` classes are active at any time. Words not yet
//! added (and words never added: the rare ones) form one extra class, *rest*,
//! that takes part in every count but is never merged, so the class
//! marginals never change when a word is added and every merge cost can be
//! updated instead of recomputed. When all words are in, the `c` classes are
//! merged down to one and those merges form the hierarchy.
//!
//! Costs. With counts `n(x,y)` of class bigrams and `f(x) = x ln x`, the
//! mutual information times the number of bigrams is
//! `Σ f(n(x,y)) − Σ f(n(x,·)) − Σ f(n(·,y)) + const`, so the loss of merging
//! `a` and `b` is a sum of terms `h(x,y) = f(x+y) − f(x) − f(y)` (one per
//! third class `e`, for `e` on either side) plus terms for the block of
//! `a`/`b` itself and for the marginals. A change to class `e` changes the
//! loss of the pair `(c,d)` only through `e`'s terms, and those are zero
//! unless both `c` and `d` are next to `e`; so an update visits only pairs
//! with one class next to the smaller changed class. `f` comes from a table
//! (counts are integers), no logarithm per pair. Everything is in a fixed
//! order, so the result is deterministic.

/// `x ln x` for every count up to the total, tabulated.
struct FTable(Vec<f64>);

impl FTable {
    fn new(max: usize) -> FTable {
        FTable((0..=max).map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() }).collect())
    }
    #[inline]
    fn f(&self, x: i64) -> f64 {
        self.0[x as usize]
    }
    /// f(x+y) − f(x) − f(y) (zero when either is zero)
    #[inline]
    fn h(&self, x: i64, y: i64) -> f64 {
        if x == 0 || y == 0 {
            0.0
        } else {
            self.f(x + y) - self.f(x) - self.f(y)
        }
    }
}

/// Input: words `0..nwords` in the order they are to be added (most
/// frequent first); id `nwords` stands for every other word. `right[w]` and
/// `left[w]` are the bigram counts (w, v) and (u, w) of word `w` with each
/// other id, sorted by id (`left[w]` without the pair (w, w), which is in
/// `right[w]`); index `nwords` holds the rare class's own lists.
pub struct Bigrams {
    pub nwords: usize,
    pub right: Vec<Vec<(u32, u32)>>,
    pub left: Vec<Vec<(u32, u32)>>,
}

impl Bigrams {
    /// From a token sequence of ids (`u32::MAX` = sentence break: no bigram
    /// across it); ids ≥ `nwords` are the rare class.
    pub fn from_sequence(seq: &[u32], nwords: usize) -> Bigrams {
        let rare = nwords as u32;
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(seq.len());
        for w in seq.windows(2) {
            if w[0] == u32::MAX || w[1] == u32::MAX {
                continue;
            }
            pairs.push((w[0].min(rare), w[1].min(rare)));
        }
        pairs.sort_unstable();
        let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nwords + 1];
        let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nwords + 1];
        let mut i = 0;
        while i < pairs.len() {
            let mut j = i;
            while j < pairs.len() && pairs[j] == pairs[i] {
                j += 1;
            }
            let (u, v) = pairs[i];
            let c = (j - i) as u32;
            right[u as usize].push((v, c));
            if u != v {
                left[v as usize].push((u, c));
            }
            i = j;
        }
        for l in &mut left {
            l.sort_unstable();
        }
        Bigrams { nwords, right, left }
    }

    fn total(&self) -> u64 {
        self.right.iter().flatten().map(|&(_, c)| c as u64).sum()
    }
}

/// Result: each word's path in the hierarchy ('0'/'1' from the root) and
/// the index of its class among the final `c`.
pub struct Clustering {
    pub paths: Vec<String>,
    pub class: Vec<u32>,
}

struct State {
    k: usize,
    rest: usize,
    /// class bigram counts, n[x*k+y], and the transpose
    n: Vec<i64>,
    nt: Vec<i64>,
    nl: Vec<i64>,
    nr: Vec<i64>,
    /// merge loss of (x, y), x < y, both active
    loss: Vec<f64>,
    active: Vec<bool>,
    ft: FTable,
    /// scratch: marks
    mark: Vec<bool>,
}

impl State {
    #[inline]
    fn get(&self, x: usize, y: usize) -> i64 {
        self.n[x * self.k + y]
    }
    #[inline]
    fn add(&mut self, x: usize, y: usize, c: i64) {
        self.n[x * self.k + y] += c;
        self.nt[y * self.k + x] += c;
    }

    /// Loss of merging x and y, from the counts.
    fn full_loss(&self, x: usize, y: usize) -> f64 {
        let k = self.k;
        let (rx, ry) = (&self.n[x * k..x * k + k], &self.n[y * k..y * k + k]);
        let (cx, cy) = (&self.nt[x * k..x * k + k], &self.nt[y * k..y * k + k]);
        let mut s = 0.0;
        for e in 0..k {
            if e == x || e == y {
                continue;
            }
            s += self.ft.h(rx[e], ry[e]) + self.ft.h(cx[e], cy[e]);
        }
        let (xx, xy, yx, yy) = (rx[x], rx[y], ry[x], ry[y]);
        let ft = &self.ft;
        let selfb = ft.f(xx + xy + yx + yy) - ft.f(xx) - ft.f(xy) - ft.f(yx) - ft.f(yy);
        -s - selfb + ft.h(self.nl[x], self.nl[y]) + ft.h(self.nr[x], self.nr[y])
    }

    #[inline]
    fn loss_mut(&mut self, x: usize, y: usize) -> &mut f64 {
        let (a, b) = if x < y { (x, y) } else { (y, x) };
        &mut self.loss[a * self.k + b]
    }

    fn set_full_losses(&mut self, x: usize) {
        for d in 0..self.rest {
            if d != x && self.active[d] {
                let l = self.full_loss(x, d);
                *self.loss_mut(x, d) = l;
            }
        }
    }

    /// The active pair with the least loss (first in scan order on ties).
    fn best_pair(&self) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize, f64)> = None;
        for a in 0..self.rest {
            if !self.active[a] {
                continue;
            }
            let row = &self.loss[a * self.k..a * self.k + self.rest];
            for b in a + 1..self.rest {
                if self.active[b] && best.map_or(true, |(_, _, l)| row[b] < l) {
                    best = Some((a, b, row[b]));
                }
            }
        }
        best.map(|(a, b, _)| (a, b))
    }

    /// Active classes other than `skip` next to class `e` on either side.
    fn neighbours(&self, e: usize, skip: &[usize]) -> Vec<usize> {
        (0..self.rest).filter(|&c| self.active[c] && !skip.contains(&c) && (self.get(c, e) != 0 || self.get(e, c) != 0)).collect()
    }

    /// Apply `delta(c, d)` to the loss of every active pair (c, d) outside
    /// `skip` with at least one of them in `set`.
    fn update_pairs<F: Fn(&State, usize, usize) -> f64>(&mut self, set: &[usize], skip: &[usize], delta: F) {
        for &c in set {
            self.mark[c] = true;
        }
        for &c in set {
            for d in 0..self.rest {
                if d == c || !self.active[d] || skip.contains(&d) || (self.mark[d] && d < c) {
                    continue;
                }
                let v = delta(self, c, d);
                if v != 0.0 {
                    *self.loss_mut(c, d) += v;
                }
            }
        }
        for &c in set {
            self.mark[c] = false;
        }
    }

    /// Merge b into a (a < b); returns nothing, the merged class is `a`.
    fn merge(&mut self, a: usize, b: usize) {
        let k = self.k;
        let skip = [a, b];
        // iterate over the pairs next to the class with fewer neighbours
        let (na, nb) = (self.neighbours(a, &skip), self.neighbours(b, &skip));
        let set = if nb.len() <= na.len() { nb } else { na };
        self.update_pairs(&set, &skip, |s, c, d| {
            let ft = &s.ft;
            let (ca, da, cb, db) = (s.get(c, a), s.get(d, a), s.get(c, b), s.get(d, b));
            let (ac, ad, bc, bd) = (s.get(a, c), s.get(a, d), s.get(b, c), s.get(b, d));
            let old = ft.h(ca, da) + ft.h(ac, ad) + ft.h(cb, db) + ft.h(bc, bd);
            let new = ft.h(ca + cb, da + db) + ft.h(ac + bc, ad + bd);
            old - new
        });
        // counts: row and column of b into a
        let (aa, ab, ba, bb) = (self.get(a, a), self.get(a, b), self.get(b, a), self.get(b, b));
        for e in 0..k {
            if e == a || e == b {
                continue;
            }
            let (r, c) = (self.get(b, e), self.get(e, b));
            if r != 0 {
                self.add(a, e, r);
                self.add(b, e, -r);
            }
            if c != 0 {
                self.add(e, a, c);
                self.add(e, b, -c);
            }
        }
        self.add(a, a, ab + ba + bb);
        self.add(a, b, -ab);
        self.add(b, a, -ba);
        self.add(b, b, -bb);
        let _ = aa;
        self.nl[a] += self.nl[b];
        self.nr[a] += self.nr[b];
        self.nl[b] = 0;
        self.nr[b] = 0;
        self.active[b] = false;
        self.set_full_losses(a);
    }

    /// Move word `w` (its bigram lists) from rest into the empty class `s`.
    fn add_word(&mut self, w: usize, s: usize, big: &Bigrams, slot_of: &mut [usize]) {
        let r = self.rest;
        let old_rc: Vec<i64> = (0..r).map(|c| self.get(c, r)).collect();
        let old_rr: Vec<i64> = (0..r).map(|c| self.get(r, c)).collect();
        slot_of[w] = s;
        let slot = |v: u32, slot_of: &[usize]| if (v as usize) < slot_of.len() { slot_of[v as usize] } else { r };
        for &(v, c) in &big.right[w] {
            let c = c as i64;
            let (yo, yn) = if v as usize == w { (r, s) } else { (slot(v, slot_of), slot(v, slot_of)) };
            self.add(r, yo, -c);
            self.add(s, yn, c);
            self.nl[r] -= c;
            self.nl[s] += c;
            self.nr[yo] -= c;
            self.nr[yn] += c;
        }
        for &(u, c) in &big.left[w] {
            let c = c as i64;
            let x = slot(u, slot_of);
            self.add(x, r, -c);
            self.add(x, s, c);
            self.nr[r] -= c;
            self.nr[s] += c;
        }
        self.active[s] = true;
        let set = self.neighbours(s, &[s]);
        self.update_pairs(&set, &[s], |st, c, d| {
            let ft = &st.ft;
            let old = ft.h(old_rc[c], old_rc[d]) + ft.h(old_rr[c], old_rr[d]);
            let new = ft.h(st.get(c, r), st.get(d, r)) + ft.h(st.get(r, c), st.get(r, d));
            let sw = ft.h(st.get(c, s), st.get(d, s)) + ft.h(st.get(s, c), st.get(s, d));
            old - new - sw
        });
        self.set_full_losses(s);
    }
}

/// Cluster `big.nwords` words into `c` classes and a hierarchy over them.
/// `progress` is called every 1,000 words with the number added.
pub fn cluster(big: &Bigrams, c: usize, progress: &mut dyn FnMut(usize)) -> Clustering {
    let nw = big.nwords;
    let c = c.max(1);
    let k = c + 2;
    let rest = c + 1;
    let total = big.total() as usize;
    let mut st = State {
        k,
        rest,
        n: vec![0; k * k],
        nt: vec![0; k * k],
        nl: vec![0; k],
        nr: vec![0; k],
        loss: vec![0.0; k * k],
        active: vec![false; k],
        ft: FTable::new(total + 1),
        mark: vec![false; k],
    };
    // everything starts in rest
    st.add(rest, rest, total as i64);
    st.nl[rest] = total as i64;
    st.nr[rest] = total as i64;
    let mut slot_of = vec![rest; nw];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); k];
    for w in 0..nw {
        let s = (0..rest).find(|&x| !st.active[x]).expect("a free class slot");
        st.add_word(w, s, big, &mut slot_of);
        members[s].push(w as u32);
        if (0..rest).filter(|&x| st.active[x]).count() > c {
            let (a, b) = st.best_pair().expect("two classes");
            st.merge(a, b);
            let mb = std::mem::take(&mut members[b]);
            for &x in &mb {
                slot_of[x as usize] = a;
            }
            members[a].extend(mb);
        }
        if (w + 1) % 1000 == 0 {
            progress(w + 1);
        }
    }
    // the final classes, numbered in slot order; then the hierarchy
    let leaves: Vec<usize> = (0..rest).filter(|&x| st.active[x]).collect();
    let mut class = vec![0u32; nw];
    for (i, &l) in leaves.iter().enumerate() {
        for &w in &members[l] {
            class[w as usize] = i as u32;
        }
    }
    // tree nodes: leaves 0..L, then one per merge (children)
    let mut children: Vec<(usize, usize)> = Vec::new();
    let mut node_of = vec![usize::MAX; k];
    for (i, &l) in leaves.iter().enumerate() {
        node_of[l] = i;
    }
    let nleaves = leaves.len();
    while let Some((a, b)) = st.best_pair() {
        st.merge(a, b);
        children.push((node_of[a], node_of[b]));
        node_of[a] = nleaves + children.len() - 1;
        node_of[b] = usize::MAX;
    }
    let mut leaf_path = vec![String::new(); nleaves];
    if nleaves > 0 {
        let root = nleaves + children.len() - 1;
        let mut stack = vec![(root, String::new())];
        while let Some((node, p)) = stack.pop() {
            if node < nleaves {
                leaf_path[node] = p;
            } else {
                let (l, r) = children[node - nleaves];
                stack.push((r, format!("{p}1")));
                stack.push((l, format!("{p}0")));
            }
        }
    }
    let paths = class.iter().map(|&c| leaf_path[c as usize].clone()).collect();
    Clustering { paths, class }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loss by brute force: mutual information before and after the merge.
    fn mi(n: &[Vec<i64>]) -> f64 {
        let tot: i64 = n.iter().flatten().sum();
        let k = n.len();
        let nl: Vec<i64> = (0..k).map(|x| n[x].iter().sum()).collect();
        let nr: Vec<i64> = (0..k).map(|y| (0..k).map(|x| n[x][y]).sum()).collect();
        let mut s = 0.0;
        for x in 0..k {
            for y in 0..k {
                if n[x][y] > 0 {
                    let p = n[x][y] as f64 / tot as f64;
                    s += p * (p / (nl[x] as f64 / tot as f64 * nr[y] as f64 / tot as f64)).ln();
                }
            }
        }
        s
    }

    #[test]
    fn incremental_losses_match_brute_force() {
        // a small deterministic pseudo-random corpus over 12 words
        let mut x: u64 = 12345;
        let mut seq = Vec::new();
        for _ in 0..3000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let r = (x >> 33) as u32;
            // skewed: word i with weight ~ 1/(i+1)
            let w = (r % 78) as u32;
            let id = [0, 12, 23, 33, 42, 50, 57, 63, 68, 72, 75, 77].iter().rposition(|&t| w >= t).unwrap() as u32;
            seq.push(if r % 17 == 0 { u32::MAX } else { id });
        }
        let nw = 10; // ids 10, 11 are rare
        let big = Bigrams::from_sequence(&seq, nw);
        let c = 4;
        let k = c + 2;
        let rest = c + 1;
        let total = big.total() as usize;
        let mut st = State { k, rest, n: vec![0; k * k], nt: vec![0; k * k], nl: vec![0; k], nr: vec![0; k], loss: vec![0.0; k * k], active: vec![false; k], ft: FTable::new(total + 1), mark: vec![false; k] };
        st.add(rest, rest, total as i64);
        st.nl[rest] = total as i64;
        st.nr[rest] = total as i64;
        let mut slot_of = vec![rest; nw];
        for w in 0..nw {
            let s = (0..rest).find(|&x| !st.active[x]).unwrap();
            st.add_word(w, s, &big, &mut slot_of);
            // every stored loss equals the loss from scratch and the MI drop
            let dense: Vec<Vec<i64>> = (0..k).map(|x| (0..k).map(|y| st.get(x, y)).collect()).collect();
            let base = mi(&dense);
            for a in 0..rest {
                for b in a + 1..rest {
                    if st.active[a] && st.active[b] {
                        let l = st.loss[a * k + b];
                        assert!((l - st.full_loss(a, b)).abs() < 1e-6, "w {w} pair {a},{b}");
                        let mut m = dense.clone();
                        for e in 0..k {
                            m[a][e] += m[b][e];
                            m[b][e] = 0;
                        }
                        for e in 0..k {
                            m[e][a] += m[e][b];
                            m[e][b] = 0;
                        }
                        let drop = (base - mi(&m)) * total as f64;
                        assert!((l - drop).abs() < 1e-6, "w {w} pair {a},{b}: {l} vs {drop}");
                    }
                }
            }
            if (0..rest).filter(|&x| st.active[x]).count() > c {
                let (a, b) = st.best_pair().unwrap();
                st.merge(a, b);
                for s in slot_of.iter_mut() {
                    if *s == b {
                        *s = a;
                    }
                }
            }
        }
        // the counts still add up to the total
        assert_eq!(st.n.iter().sum::<i64>(), total as i64);
        for x in 0..k {
            assert_eq!(st.nl[x], (0..k).map(|y| st.get(x, y)).sum::<i64>());
            assert_eq!(st.nr[x], (0..k).map(|y| st.get(y, x)).sum::<i64>());
        }
    }

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        // "a x b" and "a y b" (x, y interchangeable), "c z d" and "c w d"
        let (a, b, cc, d, x, y, z, w) = (0, 1, 2, 3, 4, 5, 6, 7);
        let mut seq = Vec::new();
        for i in 0..200 {
            let (l, m, r) = match i % 4 {
                0 => (a, x, b),
                1 => (a, y, b),
                2 => (cc, z, d),
                _ => (cc, w, d),
            };
            seq.extend([l, m, r, u32::MAX]);
        }
        let big = Bigrams::from_sequence(&seq, 8);
        let cl = cluster(&big, 4, &mut |_| {});
        assert_eq!(cl.class[x as usize], cl.class[y as usize]);
        assert_eq!(cl.class[z as usize], cl.class[w as usize]);
        assert_ne!(cl.class[x as usize], cl.class[z as usize]);
        // paths: distinct per class, prefix-free, and the same twice
        assert_eq!(cl.paths[x as usize], cl.paths[y as usize]);
        assert_ne!(cl.paths[x as usize], cl.paths[z as usize]);
        let again = cluster(&big, 4, &mut |_| {});
        assert_eq!(cl.paths, again.paths);
    }
}
