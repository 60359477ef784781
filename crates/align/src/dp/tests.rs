//! Tests of the lattice searches.

use super::reference::{posteriors_in_logs, posteriors_stored, viterbi_stored};
use super::*;

#[test]
fn band_is_monotone_connected_and_holds_the_corners() {
    let band = Band::around(&[0, 1, 9, 10], 1, 10);
    assert!(band.index(0, 0).is_some());
    assert!(band.index(3, 10).is_some());
    for i in 1..4 {
        assert!(band.lo[i] >= band.lo[i - 1]);
        assert!(band.hi[i] >= band.hi[i - 1]);
        assert!(
            band.hi[i - 1] > band.lo[i],
            "rows {} and {i} overlap",
            i - 1
        );
    }
}

#[test]
fn a_window_is_the_band_cut_to_a_rectangle() {
    let band = Band::around(&[0, 1, 2, 3, 4, 5], 1, 5).holding(&[(2, 4)], 0, 5);
    let win = band.window((2, 1), (4, 4));
    for i in 0..=2 {
        for j in 0..=3 {
            assert_eq!(
                win.index(i, j).is_some(),
                band.index(i + 2, j + 1).is_some(),
                "({i}, {j})"
            );
        }
    }
    assert!(win.index(0, 0).is_some() && win.index(2, 3).is_some());
    assert_eq!(win.hi.last(), Some(&4));
}

#[test]
fn viterbi_prefers_cheap_beads_and_covers_everything() {
    let band = Band::around(&[0, 1, 2, 3], 10, 3);
    let shapes = [(1, 1), (2, 1), (1, 2)];
    let price = |_, _, extend, _| if extend { 2.0 } else { 5.0 };
    let nc = &NullPrices {
        price: &price,
        src_inside: &[],
        tgt_inside: &[],
    };
    // 1-1 beads are cheap on the diagonal.
    let cost = |i: usize, j: usize, k: usize, l: usize| {
        if k == 1 && l == 1 && i == j {
            0.1
        } else {
            3.0
        }
    };
    let fill = |_: &mut (), i: usize, j0: usize, _: usize, out: &mut [f32]| {
        for (off, cell) in out.chunks_mut(shapes.len()).enumerate() {
            let j = j0 + off;
            for (slot, &(k, l)) in cell.iter_mut().zip(&shapes) {
                if k <= i && l <= j {
                    *slot = cost(i - k, j - l, k, l) as f32;
                }
            }
        }
    };
    let table = cost_table(&band, &shapes, &fill);
    let path = viterbi(&band, 3, 3, &shapes, nc, &table);
    assert_eq!(path.len(), 3);
    assert!(path.iter().all(|s| s.i1 - s.i0 == 1 && s.j1 - s.j0 == 1));
    let post = posteriors(&band, &band, 3, 3, &shapes, nc, &table, 1.0, &path);
    assert!(post.iter().all(|&p| p > 0.5 && p <= 1.0), "{post:?}");
}

#[test]
fn null_runs_pay_opening_once() {
    let band = Band::around(&[0, 0, 0, 0], 10, 0);
    let price = |_, _, extend, _| if extend { 1.0 } else { 5.0 };
    let nc = &NullPrices {
        price: &price,
        src_inside: &[],
        tgt_inside: &[],
    };
    let cost = |_: usize, _: usize, _: usize, _: usize| 0.0;
    let fill = |_: &mut (), _: usize, _: usize, _: usize, out: &mut [f32]| {
        out.fill(cost(0, 0, 1, 1) as f32)
    };
    let table = cost_table(&band, &[(1, 1)], &fill);
    let path = viterbi(&band, 3, 0, &[(1, 1)], nc, &table);
    assert_eq!(path.len(), 3);
    let post = posteriors(&band, &band, 3, 0, &[(1, 1)], nc, &table, 1.0, &path);
    // The only path: every bead is certain.
    assert!(post.iter().all(|&p| (p - 1.0).abs() < 1e-9), "{post:?}");
}

/// A pseudo-random lattice: costs from a linear congruential sequence
/// (some beads impossible), null prices per sentence, positions inside
/// paragraphs.
struct Lattice {
    n: usize,
    m: usize,
    band: Band,
    table: Vec<f32>,
    src_null: Vec<f64>,
    tgt_null: Vec<f64>,
    src_inside: Vec<bool>,
    tgt_inside: Vec<bool>,
}

impl Lattice {
    /// A lattice of `n` by `m` sentences in a band of half-width `w`
    /// around a centre that drifts off the diagonal by up to `drift`
    /// columns, with a share `impossible` of the beads priced infinite.
    fn random(seed: u64, (n, m): (usize, usize), w: usize, drift: f64, impossible: f64) -> Self {
        let mut seed = seed;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as f64 / f64::from(1u32 << 31)
        };
        let center: Vec<usize> = (0..=n)
            .map(|i| {
                let wave = drift * (i as f64 / 37.0).sin();
                ((i * m / n.max(1)) as f64 + wave).clamp(0.0, m as f64) as usize
            })
            .collect();
        let band = Band::around(&center, w, m);
        let shapes = &crate::SHAPES;
        let mut table: Vec<f32> = (0..band.cells() * shapes.len())
            .map(|_| (next() * 12.0) as f32)
            .collect();
        for c in &mut table {
            if next() < impossible {
                *c = f32::INFINITY;
            }
        }
        let src_null = (0..n).map(|_| 2.0 + next() * 6.0).collect();
        let tgt_null = (0..m).map(|_| 2.0 + next() * 6.0).collect();
        // Some positions inside a paragraph, where some sentences pay more
        // to be left unaligned.
        let src_inside = (0..=n).map(|_| next() < 0.7).collect();
        let tgt_inside = (0..=m).map(|_| next() < 0.7).collect();
        Lattice {
            n,
            m,
            band,
            table,
            src_null,
            tgt_null,
            src_inside,
            tgt_inside,
        }
    }

    /// The cost table for `shapes` (the first ones of [`crate::SHAPES`]),
    /// with the infinities of beads that start outside the band.
    fn table(&self, shapes: &[Shape]) -> Vec<f32> {
        let all = crate::SHAPES.len();
        let full = cost_table(
            &self.band,
            shapes,
            &|_: &mut (), _, _, _, out: &mut [f32]| out.fill(0.0),
        );
        full.to_slots()
            .chunks(shapes.len().max(1))
            .enumerate()
            .flat_map(|(cell, slots)| {
                slots.iter().enumerate().map(move |(s, &f)| {
                    if f.is_finite() {
                        self.table
                            .get(cell * all + s)
                            .copied()
                            .unwrap_or(f32::INFINITY)
                    } else {
                        f
                    }
                })
            })
            .collect()
    }

    /// The price of a null bead.
    fn price(&self, src: bool, k: usize, extend: bool, inside: bool) -> f64 {
        let c = if src {
            self.src_null[k]
        } else {
            self.tgt_null[k]
        };
        let c = if extend { c / 2.0 } else { c };
        if inside && k.is_multiple_of(3) {
            c + 1.5
        } else {
            c
        }
    }
}

#[test]
fn scaled_posteriors_match_the_log_space_sums() {
    // Long enough that unscaled probabilities underflow.
    let lat = Lattice::random(12_345, (400, 380), 6, 0.0, 0.0);
    let (n, m, band) = (lat.n, lat.m, &lat.band);
    // The shapes up to 4-1 (not 2-3, 3-2).
    let shapes = crate::SHAPES.get(..8).unwrap_or_default();
    assert_eq!(shapes.last(), Some(&(4, 1)));
    let price = |src, k, extend, inside| lat.price(src, k, extend, inside);
    let nc = &NullPrices {
        price: &price,
        src_inside: &lat.src_inside,
        tgt_inside: &lat.tgt_inside,
    };
    let slots = lat.table(shapes);
    let table = CostTable::from_slots(band, shapes.len(), &slots);
    let path = viterbi(band, n, m, shapes, nc, &table);
    let sub = Band::around_path(&path, 4, n, m);
    for t in [1.0, 1.6] {
        let new = posteriors(band, &sub, n, m, shapes, nc, &table, t, &path);
        let old = posteriors_in_logs(band, &sub, n, m, shapes, nc, &slots, t, &path);
        assert_eq!(new.len(), path.len());
        for (a, b) in new.iter().zip(&old) {
            assert!((a - b).abs() < 1e-9, "{a} vs {b}");
        }
        assert!(new.iter().any(|&p| p < 0.9), "a lattice with doubt");
    }
}

#[test]
fn rows_kept_give_the_numbers_of_every_cell_stored() {
    // Random lattices of many sizes, bands, shape sets and impossible
    // beads: the path must be the same and the posteriors the same bits
    // as with the scores and sums of every cell stored. The steps scored
    // are the path's, each null bead joined with its neighbours, and
    // steps partly or wholly outside the posteriors' band.
    let cases = [
        ((1, 1), 1, 0.0, 0.0),
        ((3, 7), 2, 0.0, 0.1),
        ((60, 45), 3, 4.0, 0.3),
        ((200, 230), 5, 12.0, 0.05),
        ((300, 300), 40, 30.0, 0.6),
        ((500, 420), 8, 20.0, 0.0),
    ];
    let mut scored = 0;
    for (seed, &(size, w, drift, impossible)) in cases.iter().enumerate() {
        let lat = Lattice::random(seed as u64 * 7_919 + 1, size, w, drift, impossible);
        let (n, m, band) = (lat.n, lat.m, &lat.band);
        let price = |src, k, extend, inside| lat.price(src, k, extend, inside);
        let nc = &NullPrices {
            price: &price,
            src_inside: &lat.src_inside,
            tgt_inside: &lat.tgt_inside,
        };
        for shapes in [&crate::SHAPES[..1], &crate::SHAPES[..6], &crate::SHAPES[..]] {
            let slots = lat.table(shapes);
            let table = CostTable::from_slots(band, shapes.len(), &slots);
            let path = viterbi(band, n, m, shapes, nc, &table);
            assert_eq!(
                path,
                viterbi_stored(band, n, m, shapes, nc, &slots),
                "{size:?}"
            );
            let mut steps = path.clone();
            for pair in path.windows(2) {
                if let [a, b] = pair {
                    steps.push(Step {
                        i0: a.i0,
                        j0: a.j0,
                        i1: b.i1,
                        j1: b.j1,
                    });
                }
            }
            steps.push(Step {
                i0: 0,
                j0: m,
                i1: n,
                j1: m,
            });
            for sub_w in [0, 3, 6] {
                let sub = Band::around_path(&path, sub_w, n, m);
                for t in [0.7, 1.0, 1.6] {
                    let new = posteriors(band, &sub, n, m, shapes, nc, &table, t, &steps);
                    let old = posteriors_stored(band, &sub, n, m, shapes, nc, &slots, t, &steps);
                    let bits = |v: &[f64]| v.iter().map(|p| p.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&new), bits(&old), "{size:?} {shapes:?} {sub_w} {t}");
                    scored += new.iter().filter(|&&p| p > 0.0 && p < 1.0).count();
                }
            }
        }
    }
    assert!(scored > 1_000, "lattices with doubt: {scored}");
}

#[test]
fn a_widened_table_copies_the_cells_priced_before() {
    // More rows than a block of the table, so that blocks are read and
    // freed one by one.
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (n, m) = (700, 650);
    let center: Vec<usize> = (0..=n).map(|i| i * m / n).collect();
    let shapes = &crate::SHAPES;
    let priced = AtomicUsize::new(0);
    // A cost that depends on the bead only.
    let fill = |_: &mut (), i: usize, j0: usize, j1: usize, out: &mut [f32]| {
        priced.fetch_add(j1 - j0, Ordering::Relaxed);
        for (off, cell) in out.chunks_mut(shapes.len()).enumerate() {
            for (si, slot) in cell.iter_mut().enumerate() {
                *slot = ((i * 31 + (j0 + off) * 17 + si * 7) % 101) as f32 / 10.0;
            }
        }
    };
    let narrow = Band::around(&center, 6, m);
    let first = cost_table(&narrow, shapes, &fill);
    let wide = narrow.widened(&[10, 300, 690], 8, 40, m);
    assert!(wide.cells() > narrow.cells());
    // The cells to price again: those new to the band, and those with a
    // bead that started outside the narrow band in a row that widened.
    let kmax = shapes.iter().map(|s| s.0).max().unwrap_or(0);
    let settled = |i: usize| {
        (i.saturating_sub(kmax)..i)
            .all(|r| narrow.lo[r] == wide.lo[r] && narrow.hi[r] == wide.hi[r])
    };
    let copied = (0..=n)
        .flat_map(|i| (0..=m).map(move |j| (i, j)))
        .filter(|&(i, j)| {
            wide.index(i, j).is_some()
                && narrow
                    .index(i, j)
                    .is_some_and(|c| settled(i) || first.cell(i, c).iter().all(|x| x.is_finite()))
        })
        .count();
    assert!(copied > narrow.cells() / 4, "{copied}");
    // Rows next to where the band widened have cells to price again.
    let unsettled = (0..=n).filter(|&i| !settled(i)).count();
    assert!(unsettled > 0 && unsettled < n / 2, "{unsettled}");
    priced.store(0, Ordering::Relaxed);
    let reused = cost_table_reusing(&wide, shapes, &fill, Some((narrow.clone(), first)));
    assert_eq!(priced.load(Ordering::Relaxed), wide.cells() - copied);
    let fresh = cost_table(&wide, shapes, &fill);
    let bits = |t: &CostTable| t.to_slots().iter().map(|c| c.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&reused), bits(&fresh));
}

#[test]
fn a_table_is_infinite_exactly_where_a_bead_starts_outside_the_band() {
    // A drifting band, so that each shape's beads leave it at both edges.
    let lat = Lattice::random(99, (120, 140), 4, 9.0, 0.0);
    let (n, band) = (lat.n, &lat.band);
    let shapes = &crate::SHAPES;
    let table = cost_table(band, shapes, &|_: &mut (), _, _, _, out: &mut [f32]| {
        out.fill(1.0)
    });
    let mut outside = 0;
    for i in 0..=n {
        for j in band.lo[i]..band.hi[i] {
            let cell = band.index(i, j).unwrap_or_default();
            for (si, &(k, l)) in shapes.iter().enumerate() {
                let inside = k <= i && l <= j && band.index(i - k, j - l).is_some();
                let c = table.get(i, cell, si);
                assert_eq!(c.is_finite(), inside, "({i}, {j}) {k}-{l}");
                outside += usize::from(!inside);
            }
        }
    }
    assert!(outside > 100, "{outside}");
}
