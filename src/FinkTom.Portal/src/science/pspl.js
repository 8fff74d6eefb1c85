// Point-source point-lens (PSPL) microlensing fit on difference fluxes.
// Magnification A(u) = (u² + 2) / (u √(u² + 4)), u(t) = √(u0² + ((t − t0) / tE)²). In each band the difference flux is
// F = Fs·A(u) + C (C absorbs the blend and the reference image's flux), linear in Fs and C: they are solved exactly for
// every (t0, u0, tE), which a grid search then a Nelder–Mead simplex optimise. Errors come from the χ² curvature.
// The search stays inside physical bounds (u0 in [0.001, 3], tE in [0.1 d, 10 × the data span] or at most 1000 d, a
// positive source flux in every band: a model that dips is not a lens), and a fit that ends on a bound, or whose
// timescale the data cannot constrain, is returned with `warnings` rather than shown as a measurement.

import { invert, weightedLeastSquares } from './linalg.js';

export const magnification = (u) => (u * u + 2) / (u * Math.sqrt(u * u + 4));

export const BOUNDS = { logU0: [-3, Math.log10(3)], logTE: [-1, 3] };

/** points: [{ t, flux, sigma, band }]. Returns { t0, u0, tE, errors, chi2, dof, bands: {band: {fs, c}}, warnings, model(t, band) } or { error }. */
export function fitPspl(points) {
  const pts = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.flux) && p.sigma > 0);
  const bands = [...new Set(pts.map((p) => p.band))].sort();
  const nParams = 3 + 2 * bands.length;
  if (pts.length < nParams + 2) return { error: `A PSPL fit needs at least ${nParams + 2} good detections here; this object has ${pts.length}.` };
  const tMin = Math.min(...pts.map((p) => p.t)), tMax = Math.max(...pts.map((p) => p.t));
  const span = Math.max(tMax - tMin, 1);

  const maxLogTE = Math.min(BOUNDS.logTE[1], Math.log10(10 * span));
  const inside = ([t0, logU0, logTE]) => t0 >= tMin - span && t0 <= tMax + span
    && logU0 >= BOUNDS.logU0[0] && logU0 <= BOUNDS.logU0[1] && logTE >= BOUNDS.logTE[0] && logTE <= maxLogTE;
  const chi2Of = (p) => {
    if (!inside(p)) return Infinity;
    const lin = solveLinear(pts, bands, p[0], 10 ** p[1], 10 ** p[2]);
    return lin && bands.every((_, k) => lin.x[2 * k] > 0) ? lin.chi2 : Infinity;
  };

  // Coarse grid: peak time over the data (and a little beyond), impact parameter and timescale on log grids.
  let best = null;
  for (let i = 0; i <= 40; i++) {
    const t0 = tMin - 0.1 * span + (1.2 * span * i) / 40;
    for (const logU0 of [-2, -1.5, -1, -0.7, -0.4, -0.2, 0, 0.2]) {
      for (let j = 0; j <= 14; j++) {
        const logTE = Math.log10(0.5) + (j * (Math.min(Math.log10(Math.max(2 * span, 10)), maxLogTE) - Math.log10(0.5))) / 14;
        const chi2 = chi2Of([t0, logU0, logTE]);
        if (!best || chi2 < best.chi2) best = { p: [t0, logU0, logTE], chi2 };
      }
    }
  }
  if (!Number.isFinite(best.chi2)) return { error: 'No lens model with a positive source flux fits these points: they do not rise like a microlensing event.' };
  const p = nelderMead(chi2Of, best.p, [span / 20, 0.2, 0.2], 2000);
  const [t0, logU0, logTE] = p;
  const u0 = 10 ** logU0, tE = 10 ** logTE;
  const lin = solveLinear(pts, bands, t0, u0, tE);
  const dof = pts.length - nParams;
  const errors = curvatureErrors(chi2Of, p, [span / 1000, 0.01, 0.01]);
  const warnings = [];
  const near = (v, b) => Math.abs(v - b) < 0.02;
  if (near(logU0, BOUNDS.logU0[0]) || near(logU0, BOUNDS.logU0[1])) warnings.push(`u₀ ends on its bound (${BOUNDS.logU0.map((b) => +(10 ** b).toPrecision(2)).join('–')}): the data do not constrain it.`);
  if (near(logTE, BOUNDS.logTE[0]) || near(logTE, maxLogTE)) warnings.push(`tE ends on its bound (${(10 ** BOUNDS.logTE[0]).toFixed(1)}–${Math.round(10 ** maxLogTE)} days): the data do not constrain it.`);
  else if (tE > 3 * span) warnings.push(`tE (${tE.toFixed(0)} d) is longer than three times the ${span.toFixed(0)} days the data cover: the rise and fall are not both seen.`);
  if (!errors) warnings.push('The χ² surface is flat or not convex at the minimum: no error bars, the parameters are degenerate.');
  return {
    t0, u0, tE, chi2: lin.chi2, dof, chi2Reduced: lin.chi2 / dof, warnings,
    errors: errors && { t0: errors[0], u0: u0 * Math.LN10 * errors[1], tE: tE * Math.LN10 * errors[2] },
    bands: Object.fromEntries(bands.map((b, k) => [b, { fs: lin.x[2 * k], c: lin.x[2 * k + 1] }])),
    model: (t, band) => {
      const k = bands.indexOf(band);
      if (k < 0) return null;
      const u = Math.hypot(u0, (t - t0) / tE);
      return lin.x[2 * k] * magnification(u) + lin.x[2 * k + 1];
    },
  };
}

function solveLinear(pts, bands, t0, u0, tE) {
  if (!(u0 > 0) || !(tE > 0)) return null;
  const design = pts.map((p) => {
    const row = new Array(2 * bands.length).fill(0);
    const k = bands.indexOf(p.band);
    row[2 * k] = magnification(Math.hypot(u0, (p.t - t0) / tE));
    row[2 * k + 1] = 1;
    return row;
  });
  return weightedLeastSquares(design, pts.map((p) => p.flux), pts.map((p) => 1 / p.sigma ** 2));
}

/** Nelder–Mead simplex minimisation. */
export function nelderMead(f, start, steps, maxIter = 1000) {
  const n = start.length;
  let simplex = [start, ...steps.map((s, i) => start.map((v, j) => (j === i ? v + s : v)))].map((x) => ({ x, f: f(x) }));
  for (let iter = 0; iter < maxIter; iter++) {
    simplex.sort((a, b) => a.f - b.f);
    if (Math.abs(simplex[n].f - simplex[0].f) < 1e-10 * (1 + Math.abs(simplex[0].f))) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, v) => s + v.x[j], 0) / n);
    const along = (t) => centroid.map((c, j) => c + t * (simplex[n].x[j] - c));
    const reflected = { x: along(-1) }; reflected.f = f(reflected.x);
    if (reflected.f < simplex[0].f) {
      const expanded = { x: along(-2) }; expanded.f = f(expanded.x);
      simplex[n] = expanded.f < reflected.f ? expanded : reflected;
    } else if (reflected.f < simplex[n - 1].f) {
      simplex[n] = reflected;
    } else {
      const contracted = { x: along(0.5) }; contracted.f = f(contracted.x);
      if (contracted.f < simplex[n].f) simplex[n] = contracted;
      else simplex = simplex.map((v, i) => (i === 0 ? v : { x: v.x.map((x, j) => simplex[0].x[j] + 0.5 * (x - simplex[0].x[j])) })).map((v) => ({ x: v.x, f: v.f ?? f(v.x) }));
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return simplex[0].x;
}

/** 1σ errors from the χ² Hessian (covariance = 2 H⁻¹), by central differences; null when not positive definite. */
function curvatureErrors(f, p, h) {
  const n = p.length, f0 = f(p);
  const at = (di, dj) => f(p.map((v, k) => v + (k === di.i ? di.s * h[k] : 0) + (k === dj.i ? dj.s * h[k] : 0)));
  const H = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (at({ i, s: 1 }, { i: -1 }) - 2 * f0 + at({ i, s: -1 }, { i: -1 })) / (h[i] * h[i]);
    for (let j = i + 1; j < n; j++) {
      H[i][j] = H[j][i] = (at({ i, s: 1 }, { i: j, s: 1 }) - at({ i, s: 1 }, { i: j, s: -1 }) - at({ i, s: -1 }, { i: j, s: 1 }) + at({ i, s: -1 }, { i: j, s: -1 })) / (4 * h[i] * h[j]);
    }
  }
  const inv = invert(H);
  if (!inv) return null;
  const errs = inv.map((row, i) => 2 * row[i]);
  return errs.every((v) => v > 0 && Number.isFinite(v)) ? errs.map(Math.sqrt) : null;
}
