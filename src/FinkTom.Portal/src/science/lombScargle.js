// Multiband generalised Lomb–Scargle: at each trial frequency, a weighted least-squares fit of one sinusoid shared by
// all bands plus a constant per band (gatspy's LombScargleMultiband with Nterms_base = 1, Nterms_band = 0).
// Power = 1 − χ²(f) / χ²(constants only), between 0 and 1.

import { solve } from './linalg.js';

export const MAX_FREQUENCIES = 200000;

/**
 * points: [{ t, y, sigma, band }]; options: minPeriod, maxPeriod (days), oversampling (frequency steps per 1/T).
 * Returns { frequencies, power, best, peaks, bands, chi2Reduced, model(t, band) } or { error }.
 */
export function lombScargle(points, { minPeriod = 0.1, maxPeriod = 10, oversampling = 5 } = {}) {
  if (!(minPeriod > 0) || !(maxPeriod > minPeriod)) return { error: 'The period range must have 0 < minimum < maximum.' };
  const pts = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.y) && p.sigma > 0);
  const bands = [...new Set(pts.map((p) => p.band))].sort();
  if (pts.length < bands.length + 3) return { error: `A period search needs at least ${bands.length + 3} good detections; this object has ${pts.length}.` };
  const t0 = Math.min(...pts.map((p) => p.t));
  const span = Math.max(...pts.map((p) => p.t)) - t0;
  if (!(span > 0)) return { error: 'All detections are at the same time.' };

  const fMin = 1 / maxPeriod, fMax = 1 / minPeriod;
  const df = 1 / (oversampling * span);
  const count = Math.ceil((fMax - fMin) / df) + 1;
  if (count > MAX_FREQUENCIES)
    return { error: `That range needs ${count.toLocaleString('en')} trial frequencies (at most ${MAX_FREQUENCIES.toLocaleString('en')}): raise the minimum period or narrow the range.` };

  const t = pts.map((p) => p.t - t0), y = pts.map((p) => p.y), w = pts.map((p) => 1 / p.sigma ** 2);
  const b = pts.map((p) => bands.indexOf(p.band));
  const chi2Const = constantsChi2(y, w, b, bands.length);

  const frequencies = new Float64Array(count), power = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const f = fMin + i * df;
    frequencies[i] = f;
    const fit = fitAt(f, t, y, w, b, bands.length);
    power[i] = fit ? Math.max(0, 1 - fit.chi2 / chi2Const) : 0;
  }
  const peaks = findPeaks(frequencies, power, span, 5);
  const bestF = peaks[0].frequency;
  const fit = fitAt(bestF, t, y, w, b, bands.length);
  const dof = pts.length - (bands.length + 2);
  return {
    frequencies, power, bands, peaks,
    best: { period: 1 / bestF, frequency: bestF, power: peaks[0].power },
    chi2Reduced: dof > 0 ? fit.chi2 / dof : null,
    amplitude: Math.hypot(fit.x[bands.length], fit.x[bands.length + 1]),
    model: (time, band) => {
      const k = bands.indexOf(band);
      if (k < 0) return null;
      const phase = 2 * Math.PI * bestF * (time - t0);
      return fit.x[k] + fit.x[bands.length] * Math.sin(phase) + fit.x[bands.length + 1] * Math.cos(phase);
    },
  };
}

/** Folds times on a period: phase in [0, 1) counted from the first point. */
export function fold(points, period) {
  const t0 = Math.min(...points.map((p) => p.t));
  return points.map((p) => ({ ...p, phase: ((((p.t - t0) / period) % 1) + 1) % 1 }));
}

function constantsChi2(y, w, b, nb) {
  const sw = new Array(nb).fill(0), swy = new Array(nb).fill(0);
  for (let i = 0; i < y.length; i++) { sw[b[i]] += w[i]; swy[b[i]] += w[i] * y[i]; }
  let chi2 = 0;
  for (let i = 0; i < y.length; i++) chi2 += w[i] * (y[i] - swy[b[i]] / sw[b[i]]) ** 2;
  return chi2;
}

// Normal equations of [band constants…, sin, cos]; the constant block is diagonal, so they are cheap to build.
function fitAt(f, t, y, w, b, nb) {
  const k = nb + 2, s = nb, c = nb + 1;
  const A = Array.from({ length: k }, () => new Array(k).fill(0));
  const rhs = new Array(k).fill(0);
  const omega = 2 * Math.PI * f;
  const sin = new Float64Array(t.length), cos = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const si = Math.sin(omega * t[i]), ci = Math.cos(omega * t[i]), wi = w[i], j = b[i];
    sin[i] = si; cos[i] = ci;
    A[j][j] += wi; A[j][s] += wi * si; A[j][c] += wi * ci;
    A[s][s] += wi * si * si; A[s][c] += wi * si * ci; A[c][c] += wi * ci * ci;
    rhs[j] += wi * y[i]; rhs[s] += wi * si * y[i]; rhs[c] += wi * ci * y[i];
  }
  for (let j = 0; j < nb; j++) { A[s][j] = A[j][s]; A[c][j] = A[j][c]; }
  A[c][s] = A[s][c];
  const x = solve(A, rhs);
  if (!x) return null;
  let chi2 = 0;
  for (let i = 0; i < t.length; i++) chi2 += w[i] * (y[i] - x[b[i]] - x[s] * sin[i] - x[c] * cos[i]) ** 2;
  return { x, chi2 };
}

/** The highest local maxima, at least one frequency resolution (1/T) and 1 % apart (not the fine structure of one peak). */
function findPeaks(frequencies, power, span, limit) {
  const order = [...power.keys()].filter((i) => (i === 0 || power[i] >= power[i - 1]) && (i === power.length - 1 || power[i] >= power[i + 1]))
    .sort((a, b) => power[b] - power[a]);
  const peaks = [];
  for (const i of order) {
    const apart = (p) => Math.abs(p.frequency - frequencies[i]) > Math.max(1 / span, 0.01 * p.frequency);
    if (peaks.every(apart)) peaks.push({ frequency: frequencies[i], period: 1 / frequencies[i], power: power[i] });
    if (peaks.length === limit) break;
  }
  if (!peaks.length) peaks.push({ frequency: frequencies[0], period: 1 / frequencies[0], power: power[0] });
  return peaks;
}
