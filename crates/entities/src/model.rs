//! The tagger model: hashed features × BIO tags, first-order transitions,
//! Viterbi decoding with BIO constraints, trained as an averaged structured
//! perceptron.

use crate::tableimg::{each_row, quantize, rows};
use anyhow::Result;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub const TAGS: [&str; 9] = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];
pub const NT: usize = TAGS.len();
const _: () = assert!(NT == crate::tableimg::NT);
/// Row of the transition matrix used for the sentence start.
const START: usize = NT;

pub fn tag_id(s: &str) -> u8 {
    TAGS.iter().position(|t| *t == s).unwrap_or(0) as u8
}

/// Is the transition prev → cur allowed in BIO? (`prev == START` at the start)
#[inline]
pub const fn allowed(prev: usize, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true; // O or B-*
    }
    // I-X needs B-X or I-X before it
    prev != START && prev != 0 && (prev + 1) / 2 == (cur + 1) / 2
}

/// `ALLOWED[prev][cur]` = [`allowed`]`(prev, cur)`, prev up to START.
const ALLOWED: [[bool; NT]; NT + 1] = {
    let mut a = [[false; NT]; NT + 1];
    let mut p = 0;
    while p <= NT {
        let mut c = 0;
        while c < NT {
            a[p][c] = allowed(p, c);
            c += 1;
        }
        p += 1;
    }
    a
};

/// Hasher for keys that are already good hashes.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

pub struct Model {
    pub index: IdMap<u32>,
    /// `index.len() * NT` weights.
    pub w: Vec<f32>,
    /// `(NT + 1) * NT` transition weights (last row: start).
    pub trans: Vec<f32>,
}

const NEG: f32 = -1.0e30;
/// Tags any tag may precede (O and B-X) and the I-X tags, which only B-X
/// (`t - 1`) or I-X (`t`) may precede: the shape of [`ALLOWED`] the
/// decoders unroll (a test checks it).
const OPEN: [usize; 5] = [0, 1, 3, 5, 7];
// the AVX decoder's lanes and unrolled predecessors are for nine tags
const _: () = assert!(NT == 9);
const INSIDE: [usize; 4] = [2, 4, 6, 8];

impl Model {
    /// Emission scores of one token into `out` (length NT).
    #[inline]
    pub fn emit(&self, feats: &[u64], out: &mut [f32; NT]) {
        *out = [0.0; NT];
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * NT..r as usize * NT + NT];
                for t in 0..NT {
                    out[t] += row[t];
                }
            }
        }
    }

    /// Viterbi over emission scores; returns the best tag sequence.
    pub fn viterbi(&self, em: &[[f32; NT]]) -> Vec<u8> {
        viterbi(&self.trans, em)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"MNER1\n");
        out.extend_from_slice(&(NT as u32).to_le_bytes());
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let maxabs = self.w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = maxabs / 32767.0;
        out.extend_from_slice(&scale.to_le_bytes());
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(k, v)| (*k, *v)).collect();
        keys.sort_unstable();
        let mut body = Vec::new();
        let mut n = 0u32;
        for (k, r) in keys {
            let row = &self.w[r as usize * NT..r as usize * NT + NT];
            let q: Vec<i16> = row.iter().map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16).collect();
            let mask: u16 = q.iter().enumerate().filter(|(_, v)| **v != 0).fold(0, |m, (i, _)| m | (1 << i));
            if mask == 0 {
                continue;
            }
            n += 1;
            body.extend_from_slice(&k.to_le_bytes());
            body.extend_from_slice(&mask.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                body.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model> {
        let (scale, n, body) = rows(b)?;
        let trans = trans_of(b)?;
        let mut index: IdMap<u32> = IdMap::with_capacity_and_hasher(n, Default::default());
        let mut w = vec![0f32; n * NT];
        let mut r = 0usize;
        each_row(body, n, |k, mask, vals| {
            let mut vals = vals.chunks_exact(2);
            for t in 0..NT {
                if mask & (1 << t) != 0 {
                    let v = vals.next().expect("each_row gives one value per bit of the mask");
                    w[r * NT + t] = i16::from_le_bytes([v[0], v[1]]) as f32 * scale;
                }
            }
            index.insert(k, r as u32);
            r += 1;
        })?;
        Ok(Model { index, w, trans })
    }
}



/// The transition weights of an `MNER1` model's bytes (as [`Model::from_bytes`] reads them).
pub fn trans_of(b: &[u8]) -> Result<Vec<f32>> {
    rows(b)?;
    Ok(b[10..10 + 4 * (NT + 1) * NT].chunks_exact(4).map(|x| f32::from_le_bytes([x[0], x[1], x[2], x[3]])).collect())
}

/// The number of features of an `MNER1` model's bytes.
pub fn rows_of(b: &[u8]) -> Result<usize> {
    Ok(rows(b)?.1)
}

pub fn viterbi(trans: &[f32], em: &[[f32; NT]]) -> Vec<u8> {
    viterbi_scores(trans, em).0
}

/// [`viterbi`], also returning the best score of a path ending in each tag
/// at each position (the forward max-scores [`marginals_with`] needs).
pub fn viterbi_scores(trans: &[f32], em: &[[f32; NT]]) -> (Vec<u8>, Vec<[f32; NT]>) {
    if em.is_empty() {
        return (Vec::new(), Vec::new());
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: the CPU has AVX (checked just above).
        return unsafe { viterbi_scores_avx(trans, em) };
    }
    viterbi_scores_scalar(trans, em)
}

/// The decoder without vector instructions (and the reference of
/// [`viterbi_scores_avx`]).
fn viterbi_scores_scalar(trans: &[f32], em: &[[f32; NT]]) -> (Vec<u8>, Vec<[f32; NT]>) {
    let n = em.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    // Fixed-size loops over a copied matrix, without bounds checks (the
    // decoder was 6 % of all instructions on long articles). For each tag
    // the additions and comparisons are the same as a loop over its allowed
    // predecessors in ascending order keeping the first best, so scores
    // and tags are bit for bit the same.
    let tr = trans_matrix(trans);
    let mut score: Vec<[f32; NT]> = Vec::with_capacity(n);
    let mut back: Vec<[u8; NT]> = Vec::with_capacity(n);
    score.push(first_scores(&tr, &em[0]));
    back.push([0u8; NT]);
    for e in &em[1..] {
        let prev = *score.last().expect("not empty");
        // per tag t, the best allowed predecessor p (ascending, first best
        // kept; see ALLOWED): O and B-X follow any tag, I-X only B-X or I-X
        let mut best = [NEG; NT];
        let mut arg = [0u8; NT];
        for p in 0..NT {
            let sp = prev[p];
            if sp <= NEG {
                continue;
            }
            let row = &tr[p];
            for t in OPEN {
                let s = sp + row[t];
                if s > best[t] {
                    best[t] = s;
                    arg[t] = p as u8;
                }
            }
        }
        for t in INSIDE {
            for p in [t - 1, t] {
                let sp = prev[p];
                if sp <= NEG {
                    continue;
                }
                let s = sp + tr[p][t];
                if s > best[t] {
                    best[t] = s;
                    arg[t] = p as u8;
                }
            }
        }
        let mut cur = [NEG; NT];
        let mut bk = [0u8; NT];
        for t in 0..NT {
            if best[t] > NEG {
                cur[t] = best[t] + e[t];
                bk[t] = arg[t];
            }
        }
        score.push(cur);
        back.push(bk);
    }
    (backtrack(&score, &back), score)
}

/// [`viterbi_scores_scalar`] with tags 0–7 as the eight lanes of an AVX
/// register and tag 8 alone: per predecessor `p` (ascending, skipped when
/// unreachable), one addition of its score to its transition row, one
/// comparison with the best so far, masked by the tags `p` may precede,
/// and two blends (score, argument). Each lane sees the same additions and
/// strict comparisons in the same order as the scalar loops, so scores and
/// tags are bit for bit the same (IEEE single-precision addition is the same
/// in a lane as in a scalar register; test `avx_decoder_is_the_scalar_one`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn viterbi_scores_avx(trans: &[f32], em: &[[f32; NT]]) -> (Vec<u8>, Vec<[f32; NT]>) {
    use std::arch::x86_64::*;
    let n = em.len();
    let tr = trans_matrix(trans);
    // lane t of ALLOW[p] is all ones when p may precede t (t < 8)
    let mut allow = [_mm256_setzero_ps(); NT];
    for p in 0..NT {
        let mut bits = [0f32; 8];
        for t in 0..8 {
            if ALLOWED[p][t] {
                bits[t] = f32::from_bits(u32::MAX);
            }
        }
        allow[p] = _mm256_loadu_ps(bits.as_ptr());
    }
    let neg = _mm256_set1_ps(NEG);
    let mut score: Vec<[f32; NT]> = Vec::with_capacity(n);
    let mut back: Vec<[u8; NT]> = Vec::with_capacity(n);
    score.push(first_scores(&tr, &em[0]));
    back.push([0u8; NT]);
    // each predecessor's index as a float (exact for 0..8)
    let pf: [__m256; NT] = [
        _mm256_set1_ps(0.0),
        _mm256_set1_ps(1.0),
        _mm256_set1_ps(2.0),
        _mm256_set1_ps(3.0),
        _mm256_set1_ps(4.0),
        _mm256_set1_ps(5.0),
        _mm256_set1_ps(6.0),
        _mm256_set1_ps(7.0),
        _mm256_set1_ps(8.0),
    ];
    for e in &em[1..] {
        let prev = *score.last().expect("not empty");
        let mut best = neg;
        let mut arg = _mm256_setzero_ps();
        let (mut best8, mut arg8) = (NEG, 0u8);
        // one predecessor: no branch but tag 8's (an unreachable one,
        // score <= NEG, is masked out as the scalar loop skips it)
        macro_rules! pred {
            ($p:expr) => {{
                let sp = prev[$p];
                let v = _mm256_set1_ps(sp);
                let s = _mm256_add_ps(v, _mm256_loadu_ps(tr[$p].as_ptr()));
                let live = _mm256_and_ps(_mm256_cmp_ps::<_CMP_GT_OQ>(v, neg), allow[$p]);
                let m = _mm256_and_ps(_mm256_cmp_ps::<_CMP_GT_OQ>(s, best), live);
                best = _mm256_blendv_ps(best, s, m);
                arg = _mm256_blendv_ps(arg, pf[$p], m);
                if ALLOWED[$p][NT - 1] && sp > NEG {
                    let s = sp + tr[$p][NT - 1];
                    if s > best8 {
                        best8 = s;
                        arg8 = $p as u8;
                    }
                }
            }};
        }
        pred!(0);
        pred!(1);
        pred!(2);
        pred!(3);
        pred!(4);
        pred!(5);
        pred!(6);
        pred!(7);
        pred!(8);
        let ok = _mm256_cmp_ps::<_CMP_GT_OQ>(best, neg);
        let sum = _mm256_add_ps(best, _mm256_loadu_ps(e.as_ptr()));
        let cur8 = _mm256_blendv_ps(neg, sum, ok);
        let bk8 = _mm256_cvttps_epi32(_mm256_blendv_ps(_mm256_setzero_ps(), arg, ok));
        let mut cur = [NEG; NT];
        let mut bki = [0i32; 8];
        _mm256_storeu_ps(cur.as_mut_ptr(), cur8);
        _mm256_storeu_si256(bki.as_mut_ptr() as *mut __m256i, bk8);
        let mut bk = [0u8; NT];
        for t in 0..8 {
            bk[t] = bki[t] as u8;
        }
        if best8 > NEG {
            cur[NT - 1] = best8 + e[NT - 1];
            bk[NT - 1] = arg8;
        }
        score.push(cur);
        back.push(bk);
    }
    (backtrack(&score, &back), score)
}

/// The best path: the best last tag (first of ties), then the back pointers.
fn backtrack(score: &[[f32; NT]], back: &[[u8; NT]]) -> Vec<u8> {
    let n = score.len();
    let last = score[n - 1];
    let mut best = 0;
    for t in 1..NT {
        if last[t] > last[best] {
            best = t;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = best as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
    out
}

/// The first token's scores: START's transition to each tag it may begin
/// with, plus the tag's emission.
#[inline]
fn first_scores(tr: &[[f32; NT]; NT + 1], em0: &[f32; NT]) -> [f32; NT] {
    let mut first = [NEG; NT];
    for t in 0..NT {
        if ALLOWED[START][t] {
            first[t] = tr[START][t] + em0[t];
        }
    }
    first
}

/// The transition scores as a `(NT + 1) × NT` matrix (the last row is the
/// sentence start).
#[inline]
fn trans_matrix(trans: &[f32]) -> [[f32; NT]; NT + 1] {
    let mut tr = [[0f32; NT]; NT + 1];
    for (p, row) in tr.iter_mut().enumerate() {
        row.copy_from_slice(&trans[p * NT..p * NT + NT]);
    }
    tr
}

/// A training sentence: per-token feature hashes and gold tags.
pub struct Sample {
    pub feats: Vec<Vec<u64>>,
    pub gold: Vec<u8>,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Margin of the cost-augmented training decoding (in perceptron update units).
pub fn train_margin() -> f32 {
    std::env::var("NER_MARGIN").ok().and_then(|s| s.parse().ok()).unwrap_or(0.0)
}

/// Train an averaged perceptron. `on_epoch(epoch, &averaged_model)` is called
/// after every epoch (for dev scoring); the returned model is the average
/// after the last epoch.
pub fn train(samples: &[&Sample], epochs: usize, seed: u64, min_count: u32, mut on_epoch: impl FnMut(usize, &Model)) -> Model {
    // feature index over the training data
    let mut counts: IdMap<u32> = IdMap::default();
    for s in samples {
        for f in s.feats.iter().flatten() {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let mut keys: Vec<u64> = counts.iter().filter(|(_, c)| **c >= min_count).map(|(k, _)| *k).collect();
    keys.sort_unstable();
    let index: IdMap<u32> = keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();
    drop(counts);
    let rows: Vec<Vec<Vec<u32>>> = samples
        .iter()
        .map(|s| s.feats.iter().map(|fs| fs.iter().filter_map(|f| index.get(f).copied()).collect()).collect())
        .collect();
    let nf = keys.len();
    let mut w = vec![0f32; nf * NT];
    let mut u = vec![0f32; nf * NT];
    let mut tw = vec![0f32; (NT + 1) * NT];
    let mut tu = vec![0f32; (NT + 1) * NT];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut em: Vec<[f32; NT]> = Vec::new();
    let margin = train_margin();
    let average = |w: &[f32], u: &[f32], tw: &[f32], tu: &[f32], c: f32| Model {
        index: index.clone(),
        w: w.iter().zip(u).map(|(a, b)| a - b / c).collect(),
        trans: tw.iter().zip(tu).map(|(a, b)| a - b / c).collect(),
    };
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &si in &order {
            let s = &samples[si];
            let r = &rows[si];
            em.clear();
            for fs in r {
                let mut e = [0f32; NT];
                for &f in fs {
                    let row = &w[f as usize * NT..f as usize * NT + NT];
                    for t in 0..NT {
                        e[t] += row[t];
                    }
                }
                em.push(e);
            }
            if margin > 0.0 {
                // cost-augmented decoding: every wrong tag gets a head start
                for (e, &g) in em.iter_mut().zip(&s.gold) {
                    for (t, x) in e.iter_mut().enumerate() {
                        if t != g as usize {
                            *x += margin;
                        }
                    }
                }
            }
            let pred = viterbi(&tw, &em);
            if pred != s.gold {
                for (k, fs) in r.iter().enumerate() {
                    let (g, p) = (s.gold[k] as usize, pred[k] as usize);
                    let gp = if k == 0 { START } else { s.gold[k - 1] as usize };
                    let pp = if k == 0 { START } else { pred[k - 1] as usize };
                    if g != p {
                        for &f in fs {
                            let b = f as usize * NT;
                            w[b + g] += 1.0;
                            u[b + g] += c;
                            w[b + p] -= 1.0;
                            u[b + p] -= c;
                        }
                    }
                    if g != p || gp != pp {
                        tw[gp * NT + g] += 1.0;
                        tu[gp * NT + g] += c;
                        tw[pp * NT + p] -= 1.0;
                        tu[pp * NT + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let m = average(&w, &u, &tw, &tu, c);
        on_epoch(epoch + 1, &m);
    }
    average(&w, &u, &tw, &tu, c)
}

/// Both stages' weights in one open-addressing table, quantised to i16, so
/// that one memory access per feature serves both stages.
pub struct Table {
    mask: usize,
    slots: Vec<Slot>,
    pub scale: [f32; 2],
    /// Unique per table built in this process (keys per-word weight sums
    /// cached in `WordInfo`).
    pub id: u64,
    /// The CPU has AVX2: [`Table::accumulate_now`] adds a row with two
    /// vector additions (detected once, when the table is built).
    pub(crate) avx2: bool,
}

/// Whether this CPU runs [`Table::accumulate_avx2`].
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    w: [i16; 2 * NT],
}

const EMPTY: u64 = 0;

/// A new id for a table built in this process.
fn next_table_id() -> u64 {
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Table {
    pub fn build(m1: &Model, m2: Option<&Model>) -> Table {
        let scale_of = |m: &Model| m.w.iter().fold(0f32, |a, x| a.max(x.abs())).max(1e-9) / 32767.0;
        let s1 = scale_of(m1);
        let s2 = m2.map(scale_of).unwrap_or(1.0);
        let n = m1.index.len() + m2.map_or(0, |m| m.index.len());
        let cap = (n * 3 / 2 + 16).next_power_of_two();
        let id = next_table_id();
        let mut t = Table { mask: cap - 1, slots: vec![Slot { key: EMPTY, w: [0; 2 * NT] }; cap], scale: [s1, s2], id, avx2: has_avx2() };
        let mut put = |m: &Model, off: usize, sc: f32| {
            for (&k, &r) in &m.index {
                let k = if k == EMPTY { 1 } else { k };
                let row = &m.w[r as usize * NT..r as usize * NT + NT];
                let mut i = (k as usize) & t.mask;
                loop {
                    if t.slots[i].key == EMPTY || t.slots[i].key == k {
                        t.slots[i].key = k;
                        for j in 0..NT {
                            t.slots[i].w[off + j] = quantize(row[j] / sc);
                        }
                        break;
                    }
                    i = (i + 1) & t.mask;
                }
            }
        };
        put(m1, 0, s1);
        if let Some(m2) = m2 {
            put(m2, NT, s2);
        }
        t
    }

    /// [`Table::build`] straight from the stages' `MNER1` bytes (what
    /// [`Model::to_bytes`] writes), without going through the models' maps
    /// and float weights: each weight of the file is an `i16` `v` that
    /// [`Model::from_bytes`] turns into `v * scale`, which `build`
    /// quantises again as `quantize(v * scale / s)` with `s` = the largest
    /// `|v * scale|` / 32767; that is a function of `v` alone, computed
    /// once per model for every `i16` instead of once per weight. Keys go
    /// in in file order instead of the map's order, so a key may sit in
    /// another slot, but every key finds the same weights (test
    /// `table_from_bytes_is_table_build`).
    pub fn from_model_bytes(b1: &[u8], b2: Option<&[u8]>) -> Result<Table> {
        let f = crate::tableimg::fill(b1, b2)?;
        let slots = f.keys.iter().zip(&f.w).map(|(&key, &w)| Slot { key, w }).collect::<Vec<_>>();
        Ok(Table { mask: slots.len() - 1, slots, scale: f.scale, id: next_table_id(), avx2: has_avx2() })
    }

    /// The table of a compiled image ([`crate::tableimg::image`], written
    /// by `build.rs` for the shipped model): the occupied slots are put in
    /// place, nothing is parsed or quantised (test
    /// `compiled_table_is_from_model_bytes`). A malformed image is an error.
    pub fn from_image(img: &[u8]) -> Result<Table> {
        let bad = || anyhow::anyhow!("compiled NER table malformed");
        let head = crate::tableimg::IMAGE_MAGIC.len() + 8 + 16;
        if img.len() < head || !img.starts_with(crate::tableimg::IMAGE_MAGIC) {
            return Err(bad());
        }
        let u32_at = |p: usize| u32::from_le_bytes([img[p], img[p + 1], img[p + 2], img[p + 3]]);
        let h = crate::tableimg::IMAGE_MAGIC.len() + 8;
        let cap = u32_at(h) as usize;
        let scale = [f32::from_bits(u32_at(h + 4)), f32::from_bits(u32_at(h + 8))];
        let occupied = u32_at(h + 12) as usize;
        if !cap.is_power_of_two() || occupied > cap {
            return Err(bad());
        }
        let mut slots = vec![Slot { key: EMPTY, w: [0; 2 * NT] }; cap];
        let mut p = head;
        for _ in 0..occupied {
            let rec = img.get(p..p + 16).ok_or_else(bad)?;
            let i = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]) as usize;
            let key = u64::from_le_bytes(rec[4..12].try_into()?);
            let mut nz = u32::from_le_bytes([rec[12], rec[13], rec[14], rec[15]]) & ((1 << (2 * NT)) - 1);
            let nv = nz.count_ones() as usize;
            let vals = img.get(p + 16..p + 16 + 2 * nv).ok_or_else(bad)?;
            let slot = slots.get_mut(i).ok_or_else(bad)?;
            slot.key = key;
            for v in vals.chunks_exact(2) {
                slot.w[nz.trailing_zeros() as usize] = i16::from_le_bytes([v[0], v[1]]);
                nz &= nz - 1;
            }
            p += 16 + 2 * nv;
        }
        if p != img.len() {
            return Err(bad());
        }
        Ok(Table { mask: cap - 1, slots, scale, id: next_table_id(), avx2: has_avx2() })
    }

    /// Every slot's key and weights (tests compare tables with it).
    #[cfg(test)]
    pub(crate) fn slot_rows(&self) -> Vec<(u64, [i16; 2 * NT])> {
        self.slots.iter().map(|s| (s.key, s.w)).collect()
    }

    /// The table's shape: slot count, occupied slots, the scales' bits
    /// (for the equivalence tests).
    pub fn layout(&self) -> (usize, usize, [u32; 2]) {
        (self.slots.len(), self.slots.iter().filter(|s| s.key != EMPTY).count(), [self.scale[0].to_bits(), self.scale[1].to_bits()])
    }

    /// Both stages' weights of one feature, if the table has it.
    pub fn weights(&self, f: u64) -> Option<[i16; 2 * NT]> {
        let k = if f == EMPTY { 1 } else { f };
        let mut i = (k as usize) & self.mask;
        loop {
            let s = &self.slots[i];
            if s.key == k {
                return Some(s.w);
            }
            if s.key == EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Subtract the weights of `feats` from both stages' sums (rare: what
    /// a word's cached sums hold that one of its tokens does not have).
    pub fn take_back(&self, feats: &[u64], sum: &mut [i32; 2 * NT]) {
        for &f in feats {
            if let Some(w) = self.weights(f) {
                for j in 0..2 * NT {
                    sum[j] -= w[j] as i32;
                }
            }
        }
    }

    /// Add the weights of `feats` to both stages' sums.
    #[inline]
    pub fn accumulate(&self, feats: &[u64], sum: &mut [i32; 2 * NT]) {
        self.prefetch(feats);
        self.accumulate_now(feats, sum);
    }

    /// Ask the caches for the slots of `feats` (the table is far larger
    /// than the caches: the misses then overlap instead of queueing).
    #[inline]
    pub fn prefetch(&self, feats: &[u64]) {
        #[cfg(target_arch = "x86_64")]
        for &f in feats {
            let k = if f == EMPTY { 1 } else { f };
            let p = self.slots[(k as usize) & self.mask..].as_ptr();
            // SAFETY: a prefetch of a valid address has no effect but on caches.
            // (a slot may straddle two cache lines: fetch its last byte's too)
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8);
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((p as *const i8).add(std::mem::size_of::<Slot>() - 1));
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = feats;
    }

    /// [`Table::accumulate`] without the prefetch.
    #[inline]
    pub fn accumulate_now(&self, feats: &[u64], sum: &mut [i32; 2 * NT]) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: the CPU has AVX2 (`has_avx2` when the table was built).
            unsafe { self.accumulate_avx2(feats, sum) };
            return;
        }
        self.accumulate_scalar(feats, sum);
    }

    /// [`Table::accumulate_now`] one weight at a time (any CPU; the
    /// reference of `accumulate_avx2`).
    #[inline]
    pub(crate) fn accumulate_scalar(&self, feats: &[u64], sum: &mut [i32; 2 * NT]) {
        for &f in feats {
            let k = if f == EMPTY { 1 } else { f };
            let mut i = (k as usize) & self.mask;
            loop {
                let s = &self.slots[i];
                if s.key == k {
                    for j in 0..2 * NT {
                        sum[j] += s.w[j] as i32;
                    }
                    break;
                }
                if s.key == EMPTY {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
    }

    /// [`Table::accumulate_scalar`] with AVX2: the sums stay in two
    /// registers of eight `i32` (weights 0–15) and two scalars (16, 17);
    /// a found row's first sixteen `i16` are widened and added with two
    /// instructions each (SSE2 needed about 30 instructions a row). Integer
    /// additions, so the same sums in any order (test
    /// `avx2_accumulate_is_the_scalar_one`). The slots are read without
    /// bounds checks: an index is always masked by `mask` = slot count − 1.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(crate) unsafe fn accumulate_avx2(&self, feats: &[u64], sum: &mut [i32; 2 * NT]) {
        use std::arch::x86_64::*;
        const _: () = assert!(2 * NT == 18);
        debug_assert_eq!(self.slots.len(), self.mask + 1);
        let p = sum.as_mut_ptr();
        let mut lo = _mm256_loadu_si256(p as *const __m256i);
        let mut hi = _mm256_loadu_si256(p.add(8) as *const __m256i);
        let (mut s16, mut s17) = (sum[16], sum[17]);
        let slots = self.slots.as_ptr();
        for &f in feats {
            let k = if f == EMPTY { 1 } else { f };
            let mut i = (k as usize) & self.mask;
            loop {
                let s = &*slots.add(i);
                if s.key == k {
                    let w = s.w.as_ptr();
                    lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(_mm_loadu_si128(w as *const __m128i)));
                    hi = _mm256_add_epi32(hi, _mm256_cvtepi16_epi32(_mm_loadu_si128(w.add(8) as *const __m128i)));
                    s16 += s.w[16] as i32;
                    s17 += s.w[17] as i32;
                    break;
                }
                if s.key == EMPTY {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        _mm256_storeu_si256(p as *mut __m256i, lo);
        _mm256_storeu_si256(p.add(8) as *mut __m256i, hi);
        sum[16] = s16;
        sum[17] = s17;
    }
}


/// Confidence of each chosen tag from max-marginals: the best score of a
/// path through each alternative tag at that position, turned into a
/// probability with a softmax at `temperature`. Cheaper than forward-backward
/// (no exponentials inside the recursion).
pub fn marginals(trans: &[f32], em: &[[f32; NT]], tags: &[u8], temperature: f32) -> Vec<f32> {
    let (_, alpha) = viterbi_scores(trans, em);
    marginals_with(trans, em, &alpha, tags, temperature)
}

/// [`marginals`] given the forward max-scores `alpha` of [`viterbi_scores`]
/// (the same maxima the forward pass of the max-marginals computes).
pub fn marginals_with(trans: &[f32], em: &[[f32; NT]], alpha: &[[f32; NT]], tags: &[u8], temperature: f32) -> Vec<f32> {
    marginals_where(trans, em, alpha, tags, temperature, |_| true)
}

/// [`marginals_with`] at the positions `want` selects, 0 at the others
/// (the entities stage needs the confidences of entity tokens only: most
/// tokens are O, and each position's softmax costs nine exponentials).
/// The backward max-scores are computed from the end down to the first
/// wanted position only; every wanted value is bit for bit
/// [`marginals_with`]'s (test `masked_marginals_are_the_full_ones`).
pub fn marginals_where(trans: &[f32], em: &[[f32; NT]], alpha: &[[f32; NT]], tags: &[u8], temperature: f32, want: impl Fn(usize) -> bool) -> Vec<f32> {
    let n = em.len();
    if n == 0 || alpha.len() != n {
        return Vec::new();
    }
    let mut out = vec![0f32; n];
    let Some(first) = (0..n).find(|&i| want(i)) else { return out };
    let t = temperature.max(1e-6);
    let tr = trans_matrix(trans);
    let mut beta = vec![[0f32; NT]; n];
    #[cfg(target_arch = "x86_64")]
    let avx = std::arch::is_x86_feature_detected!("avx");
    #[cfg(not(target_arch = "x86_64"))]
    let avx = false;
    if avx {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU has AVX (checked just above).
        unsafe {
            backward_avx(&tr, em, &mut beta, first)
        };
    } else {
        backward_scalar(&tr, em, &mut beta, first);
    }
    for i in first..n {
        if !want(i) {
            continue;
        }
        let chosen = alpha[i][tags[i] as usize] + beta[i][tags[i] as usize];
        let mut z = 0f32;
        for c in 0..NT {
            let d = (alpha[i][c] + beta[i][c] - chosen) / t;
            if d > -30.0 {
                z += d.exp();
            }
        }
        out[i] = (1.0 / z.max(1.0)).clamp(0.0, 1.0);
    }
    out
}

/// The backward max-scores of [`marginals_where`] at positions
/// `first..n-1` (`beta[n-1]` stays 0): `beta[i][p]` is the best over the
/// tags `c` that may follow `p` of `tr[p][c] + em[i+1][c] + beta[i+1][c]`.
fn backward_scalar(tr: &[[f32; NT]; NT + 1], em: &[[f32; NT]], beta: &mut [[f32; NT]], first: usize) {
    let n = em.len();
    for i in (first..n - 1).rev() {
        let (e, b) = (em[i + 1], beta[i + 1]);
        let mut cur = [0f32; NT];
        // constant bounds and the constant ALLOWED: unrolled, with only
        // the allowed successors left, each in ascending order as before
        for p in 0..NT {
            let row = &tr[p];
            let mut best = NEG;
            for c in 0..NT {
                if ALLOWED[p][c] {
                    best = best.max(row[c] + e[c] + b[c]);
                }
            }
            cur[p] = best;
        }
        beta[i] = cur;
    }
}

/// [`backward_scalar`] with the predecessors `p` 0–7 as the lanes of an
/// AVX register and `p` = 8 alone: per successor `c`, the column
/// `tr[·][c]` plus `em[i+1][c]` plus `beta[i+1][c]` (the same two
/// additions in the same order as the scalar loop, so the same floats),
/// the lanes whose `p` may not precede `c` set to NEG, and a maximum with
/// the best so far. The maximum of finite floats is exact and does not
/// depend on the order (no NaN: every score is a finite sum), so each
/// lane ends with the scalar loop's value (test
/// `avx_backward_is_the_scalar_one`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn backward_avx(tr: &[[f32; NT]; NT + 1], em: &[[f32; NT]], beta: &mut [[f32; NT]], first: usize) {
    use std::arch::x86_64::*;
    let n = em.len();
    let neg = _mm256_set1_ps(NEG);
    // column c of the transitions from p = 0..7, and which of those p may precede c
    let mut col = [_mm256_setzero_ps(); NT];
    let mut allow = [_mm256_setzero_ps(); NT];
    for c in 0..NT {
        let mut v = [0f32; 8];
        let mut m = [0f32; 8];
        for p in 0..8 {
            v[p] = tr[p][c];
            if ALLOWED[p][c] {
                m[p] = f32::from_bits(u32::MAX);
            }
        }
        col[c] = _mm256_loadu_ps(v.as_ptr());
        allow[c] = _mm256_loadu_ps(m.as_ptr());
    }
    let row8 = tr[NT - 1];
    for i in (first..n - 1).rev() {
        let (e, b) = (em[i + 1], beta[i + 1]);
        let mut best = neg;
        let mut best8 = NEG;
        for c in 0..NT {
            let s = _mm256_add_ps(_mm256_add_ps(col[c], _mm256_set1_ps(e[c])), _mm256_set1_ps(b[c]));
            best = _mm256_max_ps(best, _mm256_blendv_ps(neg, s, allow[c]));
            if ALLOWED[NT - 1][c] {
                best8 = best8.max(row8[c] + e[c] + b[c]);
            }
        }
        let mut cur = [0f32; NT];
        _mm256_storeu_ps(cur.as_mut_ptr(), best);
        cur[NT - 1] = best8;
        beta[i] = cur;
    }
}

/// The average of several models (a feature missing from one counts as 0).
pub fn average_models(ms: &[Model]) -> Model {
    if ms.len() == 1 {
        return Model { index: ms[0].index.clone(), w: ms[0].w.clone(), trans: ms[0].trans.clone() };
    }
    let mut keys: Vec<u64> = ms.iter().flat_map(|m| m.index.keys().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    let index: IdMap<u32> = keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();
    let k = ms.len() as f32;
    let mut w = vec![0f32; keys.len() * NT];
    for m in ms {
        for (key, &r) in &m.index {
            let dst = index[key] as usize * NT;
            for t in 0..NT {
                w[dst + t] += m.w[r as usize * NT + t] / k;
            }
        }
    }
    let mut trans = vec![0f32; (NT + 1) * NT];
    for m in ms {
        for (d, s) in trans.iter_mut().zip(&m.trans) {
            *d += s / k;
        }
    }
    Model { index, w, trans }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forward max-scores as the max-marginals used to compute them.
    fn reference_alpha(trans: &[f32], em: &[[f32; NT]]) -> Vec<[f32; NT]> {
        let n = em.len();
        let mut alpha = vec![[NEG; NT]; n];
        for c in 0..NT {
            if allowed(START, c) {
                alpha[0][c] = trans[START * NT + c] + em[0][c];
            }
        }
        for i in 1..n {
            for c in 0..NT {
                let mut best = NEG;
                for p in 0..NT {
                    if allowed(p, c) && alpha[i - 1][p] > NEG {
                        best = best.max(alpha[i - 1][p] + trans[p * NT + c]);
                    }
                }
                if best > NEG {
                    alpha[i][c] = best + em[i][c];
                }
            }
        }
        alpha
    }

    /// The decoder as a plain loop over each tag's allowed predecessors.
    fn reference_viterbi(trans: &[f32], em: &[[f32; NT]]) -> (Vec<u8>, Vec<[f32; NT]>) {
        let n = em.len();
        let mut score = vec![[NEG; NT]; n];
        let mut back = vec![[0u8; NT]; n];
        for t in 0..NT {
            if allowed(START, t) {
                score[0][t] = trans[START * NT + t] + em[0][t];
            }
        }
        for i in 1..n {
            for t in 0..NT {
                let (mut best, mut arg) = (NEG, 0u8);
                for p in 0..NT {
                    if !allowed(p, t) || score[i - 1][p] <= NEG {
                        continue;
                    }
                    let s = score[i - 1][p] + trans[p * NT + t];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                if best > NEG {
                    score[i][t] = best + em[i][t];
                    back[i][t] = arg;
                }
            }
        }
        // the back-pointer walk is shared: what is checked is the scores and pointers
        (backtrack(&score, &back), score)
    }

    /// The max-marginals as computed before [`marginals_where`] (every
    /// position, the backward pass over all of them).
    fn reference_marginals(trans: &[f32], em: &[[f32; NT]], alpha: &[[f32; NT]], tags: &[u8], temperature: f32) -> Vec<f32> {
        let n = em.len();
        if n == 0 || alpha.len() != n {
            return Vec::new();
        }
        let t = temperature.max(1e-6);
        let tr = trans_matrix(trans);
        let mut beta = vec![[0f32; NT]; n];
        for i in (0..n - 1).rev() {
            let (e, b) = (em[i + 1], beta[i + 1]);
            let mut cur = [0f32; NT];
            for p in 0..NT {
                let mut best = NEG;
                for c in 0..NT {
                    if ALLOWED[p][c] {
                        best = best.max(tr[p][c] + e[c] + b[c]);
                    }
                }
                cur[p] = best;
            }
            beta[i] = cur;
        }
        (0..n)
            .map(|i| {
                let chosen = alpha[i][tags[i] as usize] + beta[i][tags[i] as usize];
                let mut z = 0f32;
                for c in 0..NT {
                    let d = (alpha[i][c] + beta[i][c] - chosen) / t;
                    if d > -30.0 {
                        z += d.exp();
                    }
                }
                (1.0 / z.max(1.0)).clamp(0.0, 1.0)
            })
            .collect()
    }

    #[test]
    fn masked_marginals_are_the_full_ones() {
        let mut rng = Rng(4242);
        for coarse in [false, true] {
            let mut f = || if coarse { (rng.next() % 5) as f32 - 2.0 } else { (rng.next() % 2001) as f32 / 37.0 - 27.0 };
            let trans: Vec<f32> = (0..(NT + 1) * NT).map(|_| f()).collect();
            for n in [1usize, 2, 3, 9, 60] {
                let em: Vec<[f32; NT]> = (0..n).map(|_| std::array::from_fn(|_| f())).collect();
                let (tags, alpha) = viterbi_scores(&trans, &em);
                for temp in [1.0f32, 30.0] {
                    let full = reference_marginals(&trans, &em, &alpha, &tags, temp);
                    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&marginals_with(&trans, &em, &alpha, &tags, temp)), bits(&full));
                    // every third position, the last only, none
                    for want in [&(|i: usize| i % 3 == 1) as &dyn Fn(usize) -> bool, &|i| i + 1 == n, &|_| false] {
                        let part = marginals_where(&trans, &em, &alpha, &tags, temp, want);
                        assert_eq!(part.len(), n);
                        for i in 0..n {
                            let expect = if want(i) { full[i] } else { 0.0 };
                            assert_eq!(part[i].to_bits(), expect.to_bits(), "n {n} at {i}");
                        }
                    }
                }
            }
        }
    }

    /// A model with random weights (zeros and ties among them), as a file would give it.
    fn random_model(seed: u64, n: usize) -> Model {
        let mut rng = Rng(seed);
        let mut index: IdMap<u32> = IdMap::default();
        let mut w = Vec::new();
        for r in 0..n {
            // key 0 and 1 are never both there (they share a slot)
            let k = if r == 0 { 0 } else { rng.next() | 2 };
            index.insert(k, r as u32);
            for _ in 0..NT {
                let x = rng.next() % 11;
                w.push(if x < 4 { 0.0 } else { (rng.next() % 20001) as f32 / 97.0 - 103.0 });
            }
        }
        let trans = (0..(NT + 1) * NT).map(|_| (rng.next() % 101) as f32 / 7.0 - 7.0).collect();
        Model { index, w, trans }
    }

    #[test]
    fn avx_backward_is_the_scalar_one() {
        if !std::arch::is_x86_feature_detected!("avx") {
            return;
        }
        let mut rng = Rng(777);
        for coarse in [false, true] {
            let mut f = || if coarse { (rng.next() % 5) as f32 - 2.0 } else { (rng.next() % 2001) as f32 / 37.0 - 27.0 };
            let trans: Vec<f32> = (0..(NT + 1) * NT).map(|_| f()).collect();
            let tr = trans_matrix(&trans);
            for n in [1usize, 2, 3, 9, 60] {
                let em: Vec<[f32; NT]> = (0..n).map(|_| std::array::from_fn(|_| f())).collect();
                for first in [0, n / 2, n - 1] {
                    let mut a = vec![[0f32; NT]; n];
                    let mut b = vec![[0f32; NT]; n];
                    backward_scalar(&tr, &em, &mut a, first);
                    unsafe { backward_avx(&tr, &em, &mut b, first) };
                    let bits = |v: &[[f32; NT]]| v.iter().flat_map(|r| r.iter().map(|x| x.to_bits())).collect::<Vec<_>>();
                    assert_eq!(bits(&a), bits(&b), "n {n} first {first}");
                }
            }
        }
    }

    #[test]
    fn avx2_accumulate_is_the_scalar_one() {
        if !has_avx2() {
            return;
        }
        // random tables (both stages, so every lane of a row is used), the
        // features: present keys, absent keys, 0 and 1 (which share a slot),
        // from random starting sums
        let mut rng = Rng(99);
        for (seed, n1, n2) in [(3u64, 1usize, 1usize), (13, 500, 400), (21, 3000, 2500)] {
            let (m1, m2) = (random_model(seed, n1), random_model(seed + 1, n2));
            let t = Table::build(&m1, Some(&m2));
            let keys: Vec<u64> = m1.index.keys().chain(m2.index.keys()).copied().collect();
            for round in 0..200 {
                let n = (rng.next() % 40) as usize;
                let feats: Vec<u64> = (0..n)
                    .map(|_| match rng.next() % 4 {
                        0 => rng.next(),
                        1 => rng.next() % 2,
                        _ => keys[(rng.next() as usize) % keys.len()],
                    })
                    .collect();
                let start: [i32; 2 * NT] = std::array::from_fn(|_| (rng.next() % 1_000_000) as i32 - 500_000);
                let (mut a, mut b) = (start, start);
                t.accumulate_scalar(&feats, &mut a);
                unsafe { t.accumulate_avx2(&feats, &mut b) };
                assert_eq!(a, b, "seed {seed} round {round}");
            }
        }
    }

    #[test]
    fn table_from_bytes_is_table_build_on_random_models() {
        for (seed, n1, n2) in [(1u64, 0usize, 0usize), (5, 1, 0), (7, 300, 0), (11, 2000, 1500)] {
            let b1 = random_model(seed, n1).to_bytes();
            let b2 = random_model(seed + 1, n2).to_bytes();
            let m1 = Model::from_bytes(&b1).unwrap();
            let m2 = Model::from_bytes(&b2).unwrap();
            for two in [false, true] {
                let slow = Table::build(&m1, two.then_some(&m2));
                let fast = Table::from_model_bytes(&b1, two.then_some(&b2[..])).unwrap();
                assert_eq!(fast.layout(), slow.layout(), "seed {seed}");
                for k in m1.index.keys().chain(m2.index.keys()) {
                    assert_eq!(fast.weights(*k), slow.weights(*k), "seed {seed} key {k}");
                }
            }
        }
        assert!(Table::from_model_bytes(b"MNER1\n", None).is_err());
    }

    #[test]
    fn unrolled_predecessors_are_the_bio_constraints() {
        for t in 0..NT {
            let preds: Vec<usize> = (0..NT).filter(|&p| allowed(p, t)).collect();
            if OPEN.contains(&t) {
                assert_eq!(preds, (0..NT).collect::<Vec<_>>());
            } else {
                assert!(INSIDE.contains(&t));
                assert_eq!(preds, vec![t - 1, t]);
            }
        }
    }

    #[test]
    fn decoder_is_bit_for_bit_the_plain_loop() {
        let mut rng = Rng(777);
        // coarse values make ties common: the first best must be kept
        for coarse in [false, true] {
            let mut f = || if coarse { (rng.next() % 5) as f32 - 2.0 } else { (rng.next() % 2001) as f32 / 37.0 - 27.0 };
            let trans: Vec<f32> = (0..(NT + 1) * NT).map(|_| f()).collect();
            for n in [1usize, 2, 3, 9, 60] {
                let em: Vec<[f32; NT]> = (0..n).map(|_| std::array::from_fn(|_| f())).collect();
                let (tags, alpha) = viterbi_scores(&trans, &em);
                let (rt, ra) = reference_viterbi(&trans, &em);
                assert_eq!(tags, rt);
                let bits = |v: &[[f32; NT]]| v.iter().flatten().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&alpha), bits(&ra));
            }
        }
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn avx_decoder_is_the_scalar_one() {
        if !std::arch::is_x86_feature_detected!("avx") {
            eprintln!("no AVX on this CPU: the scalar decoder is the only one");
            return;
        }
        let mut rng = Rng(9001);
        // coarse values make ties common (the first best must be kept);
        // -1e30 (NEG) and values near it make unreachable tags
        for kind in 0..3 {
            let mut f = || match kind {
                0 => (rng.next() % 2001) as f32 / 37.0 - 27.0,
                1 => (rng.next() % 5) as f32 - 2.0,
                _ => if rng.next() % 7 == 0 { -1.0e30 } else { (rng.next() % 9) as f32 * 0.5 - 2.0 },
            };
            let trans: Vec<f32> = (0..(NT + 1) * NT).map(|_| f()).collect();
            for n in [1usize, 2, 3, 9, 60, 200] {
                let em: Vec<[f32; NT]> = (0..n).map(|_| std::array::from_fn(|_| f())).collect();
                let (st, sa) = viterbi_scores_scalar(&trans, &em);
                // SAFETY: AVX checked above
                let (vt, va) = unsafe { viterbi_scores_avx(&trans, &em) };
                assert_eq!(vt, st, "kind {kind} n {n}");
                let bits = |v: &[[f32; NT]]| v.iter().flatten().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&va), bits(&sa), "kind {kind} n {n}");
            }
        }
    }

    #[test]
    fn viterbi_scores_are_the_forward_max_scores() {
        let mut rng = Rng(12345);
        let mut f = || (rng.next() % 2001) as f32 / 37.0 - 27.0;
        let trans: Vec<f32> = (0..(NT + 1) * NT).map(|_| f()).collect();
        for n in [1usize, 2, 7, 40] {
            let em: Vec<[f32; NT]> = (0..n).map(|_| std::array::from_fn(|_| f())).collect();
            let (tags, alpha) = viterbi_scores(&trans, &em);
            assert_eq!(tags.len(), n);
            let r = reference_alpha(&trans, &em);
            for (a, b) in alpha.iter().zip(&r) {
                for (x, y) in a.iter().zip(b) {
                    assert_eq!(x.to_bits(), y.to_bits());
                }
            }
            // tags follow BIO: no I-X without B-X/I-X before it
            for i in 0..n {
                let prev = if i == 0 { START } else { tags[i - 1] as usize };
                assert!(allowed(prev, tags[i] as usize), "{tags:?}");
            }
        }
    }
}

#[cfg(test)]
mod quantize_tests {
    #[test]
    fn quantize_is_round_clamp_cast() {
        let old = |x: f32| x.round().clamp(-32767.0, 32767.0) as i16;
        let mut xs: Vec<f32> = vec![0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999997, -0.49999997, 32766.5, -32766.5, 32767.4, 40000.0, -1e9, 1e30, f32::NAN, f32::INFINITY, f32::NEG_INFINITY];
        // a dense sweep over the weights' range, halves included
        let mut x = -33000.0f32;
        while x < 33000.0 {
            xs.push(x);
            xs.push(x + 0.5);
            x += 0.37;
        }
        for x in xs {
            assert_eq!(super::quantize(x), old(x), "{x}");
        }
    }
}

