//! Linear models trained here: multinomial logistic regression (softmax)
//! over sparse features, by stochastic gradient descent with L2
//! regularisation and a fixed-seed shuffle, so training is deterministic.
//! Both learned stages (topic and detection) use it; binary detection is the
//! two-class case read as one weight per feature (w₁ − w₀).

/// One example: sparse (feature index, value) pairs.
pub type Sparse = Vec<(u32, f32)>;

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    pub seed: u64,
}

/// Weights of a softmax model: `w[f * classes + c]`, one bias per class.
#[derive(Clone, Debug, PartialEq)]
pub struct Softmax {
    pub classes: usize,
    pub w: Vec<f32>,
    pub bias: Vec<f32>,
}

impl Softmax {
    /// Class probabilities of one example.
    pub fn probs(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let mut z = self.bias.clone();
        for &(f, v) in x {
            let row = &self.w[f as usize * self.classes..(f as usize + 1) * self.classes];
            for (zc, wc) in z.iter_mut().zip(row) {
                *zc += wc * v;
            }
        }
        softmax_in_place(&mut z);
        z
    }
}

pub fn softmax_in_place(z: &mut [f32]) {
    let m = z.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let mut s = 0.0;
    for v in z.iter_mut() {
        *v = (*v - m).exp();
        s += *v;
    }
    for v in z.iter_mut() {
        *v /= s;
    }
}

/// A small deterministic generator (splitmix64) for the shuffle.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Train a softmax model. `weights` gives each example's weight (class
/// balance); L2 is applied lazily, only to the features an example touches,
/// scaled by how often the feature occurs, so rare features shrink as much
/// per epoch as common ones.
pub fn train(xs: &[Sparse], ys: &[usize], weights: &[f32], n_feat: usize, classes: usize, p: Params) -> Softmax {
    assert_eq!(xs.len(), ys.len());
    let mut m = Softmax { classes, w: vec![0.0; n_feat * classes], bias: vec![0.0; classes] };
    let mut freq = vec![0u32; n_feat];
    for x in xs {
        for &(f, _) in x {
            freq[f as usize] += 1;
        }
    }
    let mut order: Vec<usize> = (0..xs.len()).collect();
    let mut rng = Rng::new(p.seed);
    let n = xs.len().max(1) as f32;
    for epoch in 0..p.epochs {
        rng.shuffle(&mut order);
        // a decaying rate: large steps first, then settle
        let rate = p.rate / (1.0 + epoch as f32 * 0.5);
        for &i in &order {
            let x = &xs[i];
            let pr = m.probs(x);
            let wt = weights.get(i).copied().unwrap_or(1.0);
            for c in 0..classes {
                let g = (pr[c] - if ys[i] == c { 1.0 } else { 0.0 }) * wt;
                m.bias[c] -= rate * g;
                for &(f, v) in x {
                    let k = f as usize * classes + c;
                    let reg = p.l2 * n / freq[f as usize].max(1) as f32;
                    m.w[k] -= rate * (g * v + reg * m.w[k]);
                }
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_is_deterministic() {
        // feature 0 → class 0, feature 1 → class 1, feature 2 is noise
        let xs: Vec<Sparse> = (0..40).map(|i| vec![((i % 2) as u32, 1.0), (2, 1.0)]).collect();
        let ys: Vec<usize> = (0..40).map(|i| i % 2).collect();
        let p = Params { epochs: 10, rate: 0.5, l2: 1e-4, seed: 7 };
        let m = train(&xs, &ys, &[], 3, 2, p);
        assert!(m.probs(&[(0, 1.0)])[0] > 0.9);
        assert!(m.probs(&[(1, 1.0)])[1] > 0.9);
        let m2 = train(&xs, &ys, &[], 3, 2, p);
        assert_eq!(m, m2);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut v: Vec<u32> = (0..100).collect();
        Rng::new(1).shuffle(&mut v);
        let mut s = v.clone();
        s.sort();
        assert_eq!(s, (0..100).collect::<Vec<_>>());
        assert_ne!(v, s);
    }
}
