// Time-axis arithmetic for light curves: calendar-date ticks for an MJD range, zooming and panning a range, and the
// g − r colour from pairs of detections close in time.

const MJD_UNIX = 40587; // MJD of 1970-01-01
const DAY = 86400000;
const toMs = (mjd) => (mjd - MJD_UNIX) * DAY;
const toMjd = (ms) => ms / DAY + MJD_UNIX;

// Candidate spacings, finest first: hours, days, months, years.
const STEPS = [
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: 'hour', n, days: n / 24 })),
  ...[1, 2, 5, 10].map((n) => ({ unit: 'day', n, days: n })),
  ...[1, 2, 3, 6].map((n) => ({ unit: 'month', n, days: 30.44 * n })),
  ...[1, 2, 5, 10, 20, 50].map((n) => ({ unit: 'year', n, days: 365.25 * n })),
];

/**
 * Calendar ticks (UTC) inside [mjd0, mjd1], about `count` of them, on round dates: whole hours, days (1st, 3rd…
 * of a month for 2-day steps), first days of months, first days of years. Each tick is { value (MJD), label }.
 */
export function dateTicks(mjd0, mjd1, count = 5) {
  if (!(mjd1 > mjd0)) return [];
  const span = mjd1 - mjd0;
  const step = STEPS.find((st) => span / st.days <= count) ?? STEPS.at(-1);
  const start = new Date(toMs(mjd0));
  const ticks = [];
  let d;
  switch (step.unit) {
    case 'hour': d = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), Math.floor(start.getUTCHours() / step.n) * step.n); break;
    case 'day': d = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1); break;
    case 'month': d = Date.UTC(start.getUTCFullYear(), Math.floor(start.getUTCMonth() / step.n) * step.n, 1); break;
    default: d = Date.UTC(Math.floor(start.getUTCFullYear() / step.n) * step.n, 0, 1);
  }
  for (let guard = 0; guard < 1000; guard++) {
    const mjd = toMjd(d);
    if (mjd > mjd1 + 1e-9) break;
    const date = new Date(d);
    if (mjd >= mjd0 - 1e-9) ticks.push({ value: mjd, label: label(date, step.unit) });
    d = next(date, step);
  }
  return ticks;
}

function next(date, step) {
  const y = date.getUTCFullYear(), m = date.getUTCMonth(), day = date.getUTCDate();
  switch (step.unit) {
    case 'hour': return date.getTime() + step.n * 3600000;
    case 'day': {
      // Steps restart at the 1st of each month so labels stay round (…, 21, then the 1st — never 31 then 1).
      const monthDays = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
      return day + step.n > monthDays - (step.n > 1 ? step.n / 2 : 0) ? Date.UTC(y, m + 1, 1) : Date.UTC(y, m, day + step.n);
    }
    case 'month': return Date.UTC(y, m + step.n, 1);
    default: return Date.UTC(y + step.n, 0, 1);
  }
}

const pad = (n) => String(n).padStart(2, '0');
function label(date, unit) {
  const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (unit === 'hour') return `${ymd} ${pad(date.getUTCHours())}h`;
  if (unit === 'day') return ymd;
  if (unit === 'month') return ymd.slice(0, 7);
  return String(date.getUTCFullYear());
}

/** Zooms the range [a, b] by `factor` (> 1 zooms in) about `at`, which stays in place. */
export function zoomRange([a, b], factor, at = (a + b) / 2) {
  return [at - (at - a) / factor, at + (b - at) / factor];
}

/**
 * Keeps a range inside `full` (padded by half its width, so edge points can be centred) and at least `minWidth`
 * wide; a range as wide as `full` or wider is `full` itself.
 */
export function clampRange([a, b], full, minWidth) {
  const fullWidth = full[1] - full[0];
  let w = Math.max(minWidth, b - a);
  if (w >= fullWidth) return [...full];
  const lo = full[0] - fullWidth / 2, hi = full[1] + fullWidth / 2;
  let c = (a + b) / 2;
  c = Math.min(hi - w / 2, Math.max(lo + w / 2, c));
  return [c - w / 2, c + w / 2];
}

/**
 * The g − r colour from detections: each g detection paired with the nearest r detection within `maxDt` days (each
 * r used once, closest pairs first). Input points { t, mag, sigma, band: 'g'|'r' }; output { t, colour, sigma, dt }
 * sorted by time, t the pair's mean time.
 */
export function colourPairs(points, maxDt = 0.5) {
  const g = points.filter((p) => p.band === 'g' && Number.isFinite(p.mag) && Number.isFinite(p.t));
  const r = points.filter((p) => p.band === 'r' && Number.isFinite(p.mag) && Number.isFinite(p.t));
  const candidates = [];
  for (const [i, pg] of g.entries()) for (const [j, pr] of r.entries()) {
    const dt = Math.abs(pg.t - pr.t);
    if (dt <= maxDt) candidates.push({ i, j, dt });
  }
  candidates.sort((x, y) => x.dt - y.dt);
  const usedG = new Set(), usedR = new Set(), out = [];
  for (const c of candidates) {
    if (usedG.has(c.i) || usedR.has(c.j)) continue;
    usedG.add(c.i); usedR.add(c.j);
    const pg = g[c.i], pr = r[c.j];
    out.push({ t: (pg.t + pr.t) / 2, colour: pg.mag - pr.mag, sigma: Math.hypot(pg.sigma ?? 0, pr.sigma ?? 0), dt: c.dt });
  }
  return out.sort((x, y) => x.t - y.t);
}
