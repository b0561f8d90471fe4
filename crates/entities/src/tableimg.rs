//! The tagger's weight table from a model file's bytes, and its compiled
//! form. `build.rs` compiles this module too: it fills the table of the
//! shipped `data/ner.model` at build time and writes the occupied slots
//! (`$OUT_DIR/ner_table.bin`), so a process scatters them into place
//! instead of reading and quantising 264,000 rows (≈ 58 M instructions per
//! process before). Only std and anyhow here, for the build script.

use anyhow::{bail, Result};

/// Tags per stage (`model::NT`, checked there).
pub const NT: usize = 9;

/// Calls `f` with each of the `n` rows of a model's `body` (after [`rows`]):
/// its key, its tag mask and the mask's values (two bytes each, in tag order).
pub fn each_row(body: &[u8], n: usize, mut f: impl FnMut(u64, u16, &[u8])) -> Result<()> {
    let mut p = 0usize;
    for _ in 0..n {
        if p + 10 > body.len() {
            bail!("model file truncated");
        }
        let k = u64::from_le_bytes(body[p..p + 8].try_into()?);
        let mask = u16::from_le_bytes(body[p + 8..p + 10].try_into()?);
        let nv = (mask & ((1 << NT) - 1)).count_ones() as usize;
        if p + 10 + 2 * nv > body.len() {
            bail!("model file truncated");
        }
        f(k, mask, &body[p + 10..p + 10 + 2 * nv]);
        p += 10 + 2 * nv;
    }
    Ok(())
}

/// Scale, row count and rows (key, mask, non-zero values) of an `MNER1`
/// model's bytes (the layout `Model::to_bytes` writes).
pub fn rows(b: &[u8]) -> Result<(f32, usize, &[u8])> {
    let head = 6 + 4 + 4 * (NT + 1) * NT;
    if b.len() < 10 || &b[..6] != b"MNER1\n" {
        bail!("not a marsad NER model");
    }
    let nt = u32::from_le_bytes(b[6..10].try_into()?) as usize;
    if nt != NT {
        bail!("model has {nt} tags, expected {NT}");
    }
    if b.len() < head + 8 {
        bail!("model file truncated");
    }
    let scale = f32::from_le_bytes(b[head..head + 4].try_into()?);
    let n = u32::from_le_bytes(b[head + 4..head + 8].try_into()?) as usize;
    Ok((scale, n, &b[head + 8..]))
}

/// A two-stage file's window and stages' bytes (`None`: one stage).
pub fn split(b: &[u8]) -> Result<Option<(usize, &[u8], &[u8])>> {
    if !b.starts_with(b"MNER2\n") {
        return Ok(None);
    }
    let rd = |p: usize| -> Result<u64> {
        b.get(p..p + 8).map(|x| u64::from_le_bytes(x.try_into().unwrap())).ok_or_else(|| anyhow::anyhow!("model file truncated"))
    };
    let window = rd(6)? as usize;
    let l1 = rd(14)? as usize;
    let b1 = b.get(22..22usize.saturating_add(l1)).ok_or_else(|| anyhow::anyhow!("model file truncated"))?;
    let l2 = rd(22 + l1)? as usize;
    let p2 = 30 + l1;
    let b2 = b.get(p2..p2.saturating_add(l2)).ok_or_else(|| anyhow::anyhow!("model file truncated"))?;
    Ok(Some((window, b1, b2)))
}

/// Round half away from zero and clamp to ±32767, as `f32::round` then a
/// saturating cast would (without libm's `roundf`).
#[inline]
pub fn quantize(x: f32) -> i16 {
    let t = x as i32; // truncates toward zero (saturates; NaN gives 0)
    let frac = x - t as f32; // exact for |x| < 2^24, where the weights are
    let r = if frac >= 0.5 {
        t.saturating_add(1)
    } else if frac <= -0.5 {
        t.saturating_sub(1)
    } else {
        t
    };
    r.clamp(-32767, 32767) as i16
}

/// The key a feature hash is stored under (0 marks an empty slot).
#[inline]
pub fn slot_key(f: u64) -> u64 {
    if f == 0 {
        1
    } else {
        f
    }
}

/// The table of one or two stages' `MNER1` bytes: open addressing over
/// `keys.len()` (a power of two) slots, key 0 = empty, linear probing, rows
/// in file order; `w[i]` holds both stages' quantised weights of slot `i`.
pub struct Filled {
    pub keys: Vec<u64>,
    pub w: Vec<[i16; 2 * NT]>,
    pub scale: [f32; 2],
}

/// Fill the table (`Table::from_model_bytes`): each weight of the file is
/// an `i16` `v` that `Model::from_bytes` turns into `v * scale`, which
/// `Table::build` quantises again as `quantize(v * scale / s)` with `s` =
/// the largest `|v * scale|` / 32767; that is a function of `v` alone,
/// computed once per model for every `i16` instead of once per weight.
pub fn fill(b1: &[u8], b2: Option<&[u8]>) -> Result<Filled> {
    let parts: Vec<(f32, usize, &[u8])> = std::iter::once(b1).chain(b2).map(rows).collect::<Result<_>>()?;
    let mut scale = [1f32; 2];
    let mut luts: Vec<Vec<i16>> = Vec::new();
    for (m, &(sc, n, body)) in parts.iter().enumerate() {
        let mut maxv = 0i32;
        each_row(body, n, |_, _, vals| {
            for v in vals.chunks_exact(2) {
                maxv = maxv.max((i16::from_le_bytes([v[0], v[1]]) as i32).abs());
            }
        })?;
        // `build`'s fold of |w| (rounding is monotonic: the largest |v|
        // gives the largest |v * scale|)
        let s = 0f32.max((maxv as f32 * sc).abs()).max(1e-9) / 32767.0;
        scale[m] = s;
        luts.push((i16::MIN..=i16::MAX).map(|v| quantize((v as f32 * sc) / s)).collect());
    }
    let total: usize = parts.iter().map(|p| p.1).sum();
    let cap = (total * 3 / 2 + 16).next_power_of_two();
    let mask = cap - 1;
    let mut t = Filled { keys: vec![0; cap], w: vec![[0; 2 * NT]; cap], scale };
    for (m, &(_, n, body)) in parts.iter().enumerate() {
        let (off, lut) = (m * NT, &luts[m]);
        let zero = lut[(0i32 - i16::MIN as i32) as usize];
        each_row(body, n, |k, bits, vals| {
            let k = slot_key(k);
            let mut i = (k as usize) & mask;
            while t.keys[i] != 0 && t.keys[i] != k {
                i = (i + 1) & mask;
            }
            // the row's weights: the masked tags' values in tag order, `zero` elsewhere
            let mut row = [zero; NT];
            let mut bits = bits & ((1 << NT) - 1);
            for v in vals.chunks_exact(2) {
                let j = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                row[j] = lut[(i16::from_le_bytes([v[0], v[1]]) as i32 - i16::MIN as i32) as usize];
            }
            t.keys[i] = k;
            t.w[i][off..off + NT].copy_from_slice(&row);
        })?;
    }
    Ok(t)
}

/// Magic of the compiled table.
pub const IMAGE_MAGIC: &[u8; 6] = b"MNTB1\n";

/// The compiled form of a filled table: magic, the model file's length
/// (u64), the slot count, the two scales' bits and the occupied slots'
/// count (u32 each), then per occupied slot in slot order its index (u32),
/// key (u64), a mask of its non-zero weights (u32, bit j = weight j of the
/// 18) and those weights (i16 each). Little-endian.
pub fn image(t: &Filled, model_len: usize) -> Vec<u8> {
    let occupied = t.keys.iter().filter(|&&k| k != 0).count();
    let mut out = Vec::with_capacity(32 + occupied * 24);
    out.extend_from_slice(IMAGE_MAGIC);
    out.extend_from_slice(&(model_len as u64).to_le_bytes());
    for v in [t.keys.len() as u32, t.scale[0].to_bits(), t.scale[1].to_bits(), occupied as u32] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for (i, (&k, w)) in t.keys.iter().zip(&t.w).enumerate() {
        if k == 0 {
            continue;
        }
        out.extend_from_slice(&(i as u32).to_le_bytes());
        out.extend_from_slice(&k.to_le_bytes());
        let nz = w.iter().enumerate().fold(0u32, |m, (j, &x)| if x != 0 { m | 1 << j } else { m });
        out.extend_from_slice(&nz.to_le_bytes());
        for &x in w.iter().filter(|&&x| x != 0) {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out
}
