import { describe, expect, it } from 'vitest';
import { fold, lombScargle } from '../src/science/lombScargle.js';
import { BOUNDS, fitPspl, magnification } from '../src/science/pspl.js';
import { dcMagnitude, fitPoints } from '../src/science/photometry.js';

// Deterministic pseudo-random numbers so the tests do not depend on luck.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (1664525 * s + 1013904223) >>> 0) / 2 ** 32);
}
const gauss = (r) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

describe('Lomb–Scargle', () => {
  it('recovers the period of a two-band sinusoid sampled irregularly', () => {
    const r = rng(7), period = 0.5623, points = [];
    for (let i = 0; i < 80; i++) {
      const t = 2459000 + r() * 60, band = i % 2 ? 1 : 2;
      const y = (band === 1 ? 15.3 : 15.0) + 0.3 * Math.sin((2 * Math.PI * t) / period) + 0.02 * gauss(r);
      points.push({ t, y, sigma: 0.02, band });
    }
    const result = lombScargle(points, { minPeriod: 0.1, maxPeriod: 2 });
    expect(result.best.period).toBeCloseTo(period, 3);
    expect(result.best.power).toBeGreaterThan(0.9);
    expect(result.chi2Reduced).toBeLessThan(2);
    expect(result.amplitude).toBeCloseTo(0.3, 1);
  });

  it('finds no strong period in noise', () => {
    const r = rng(3), points = [];
    for (let i = 0; i < 60; i++) points.push({ t: 2459000 + r() * 40, y: 17 + 0.05 * gauss(r), sigma: 0.05, band: 1 });
    expect(lombScargle(points, { minPeriod: 0.2, maxPeriod: 5 }).best.power).toBeLessThan(0.5);
  });

  it('refuses too few points and oversized grids with a reason', () => {
    expect(lombScargle([{ t: 1, y: 1, sigma: 0.1, band: 1 }]).error).toMatch(/at least/);
    const many = Array.from({ length: 10 }, (_, i) => ({ t: i * 100, y: 1, sigma: 0.1, band: 1 }));
    expect(lombScargle(many, { minPeriod: 0.001, maxPeriod: 100 }).error).toMatch(/trial frequencies/);
  });

  it('folds into phases in [0, 1)', () => {
    const folded = fold([{ t: 10 }, { t: 10.75 }, { t: 12.25 }], 1);
    expect(folded.map((p) => p.phase)).toEqual([0, 0.75, 0.25]);
  });
});

describe('PSPL microlensing fit', () => {
  it('magnifies by about 1/u for small u and tends to 1 far away', () => {
    expect(magnification(0.01)).toBeCloseTo(100, 0);
    expect(magnification(100)).toBeCloseTo(1, 4);
  });

  it('recovers t0, u0 and tE of a simulated two-band event', () => {
    const r = rng(11), truth = { t0: 2459100, u0: 0.15, tE: 25 }, points = [];
    for (let i = 0; i < 120; i++) {
      const t = 2459040 + i, band = i % 2 ? 1 : 2;
      const A = magnification(Math.hypot(truth.u0, (t - truth.t0) / truth.tE));
      const fs = band === 1 ? 200 : 300, c = band === 1 ? -20 : 10;
      points.push({ t, flux: fs * A + c + 5 * gauss(r), sigma: 5, band });
    }
    const fit = fitPspl(points);
    expect(fit.t0).toBeCloseTo(truth.t0, 0);
    expect(fit.u0).toBeCloseTo(truth.u0, 1);
    expect(Math.abs(fit.tE - truth.tE) / truth.tE).toBeLessThan(0.1);
    expect(fit.chi2Reduced).toBeLessThan(1.5);
    expect(fit.errors.tE).toBeGreaterThan(0);
    expect(fit.warnings).toEqual([]);
  });

  it('never fits a negative source flux: a light curve that dips is refused or flagged, not measured', () => {
    const points = [];
    for (let i = 0; i < 40; i++) {
      const t = 2459000 + i, band = i % 2 ? 1 : 2;
      const dip = -150 * magnification(Math.hypot(0.3, (t - 2459020) / 5)); // an eclipse, not a lens
      points.push({ t, flux: 400 + dip, sigma: 5, band });
    }
    const fit = fitPspl(points);
    if (!fit.error) {
      expect(Object.values(fit.bands).every((b) => b.fs > 0)).toBe(true);
      expect(fit.warnings.length).toBeGreaterThan(0);
    }
  });

  it('flags a timescale the data cannot constrain and stays inside the bounds', () => {
    const points = [];
    for (let i = 0; i < 30; i++) points.push({ t: 2459000 + i, flux: 100 + 0.5 * i, sigma: 2, band: i % 2 ? 1 : 2 }); // a slow drift
    const fit = fitPspl(points);
    expect(fit.error).toBeUndefined();
    expect(fit.u0).toBeGreaterThanOrEqual(10 ** BOUNDS.logU0[0] * 0.999);
    expect(fit.tE).toBeLessThanOrEqual(10 * 29 * 1.001);
    expect(fit.warnings.join(' ')).toMatch(/tE|u₀|degenerate/);
  });

  it('needs enough points', () => {
    expect(fitPspl([{ t: 1, flux: 1, sigma: 1, band: 1 }]).error).toMatch(/at least/);
  });
});

describe('photometry', () => {
  it('adds the difference flux to the reference source for the DC magnitude', () => {
    const row = { 'i:magpsf': 18, 'i:sigmapsf': 0.1, 'i:magnr': 18, 'i:sigmagnr': 0.01, 'i:distnr': 0.3, 'i:isdiffpos': 't' };
    expect(dcMagnitude(row).mag).toBeCloseTo(18 - 2.5 * Math.log10(2), 6);
    expect(dcMagnitude({ ...row, 'i:distnr': 3 })).toBeNull();
    expect(dcMagnitude({ ...row, 'i:isdiffpos': 'f', 'i:magpsf': 19 }).mag).toBeGreaterThan(18);
  });

  it('uses difference magnitudes unless every detection has a source behind, and drops σ ≥ 1', () => {
    const rows = [
      { 'i:jd': 1, 'i:magpsf': 18, 'i:sigmapsf': 0.1, 'i:fid': 1, 'i:distnr': 5 },
      { 'i:jd': 2, 'i:magpsf': 19, 'i:sigmapsf': 1.2, 'i:fid': 1, 'i:distnr': 5 },
    ];
    const { points, magnitude } = fitPoints(rows);
    expect(magnitude).toBe('difference magnitude');
    expect(points).toHaveLength(1);
  });
});
