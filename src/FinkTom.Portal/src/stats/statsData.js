// Rows of /api/v1/statistics (Fink's statistics_class: key:key ztf_YYYYMMDD, basic:*, class:*) and of Rubin's
// /lsst/api/v1/statistics (f:night YYYYMMDD, f:alerts, f:alerts_<band>) → nights in date order and totals.
// Counts may arrive as text (IEEE754Compatible answers and Fink's HBase strings): read as numbers, absent = 0.

const num = (v) => (v == null || v === '' ? 0 : Number(v));
// Not classes: the number of alerts SIMBAD matched at all, and of those a galaxy.
const NOT_CLASSES = new Set(['class:simbad_tot', 'class:simbad_gal']);

/** 'YYYYMMDD' (a calendar date) → { night: 'YYYY-MM-DD', day: days since 1970-01-01 }, or null. */
export function parseNight(text) {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(text ?? ''));
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const night = `${m[1]}-${m[2]}-${m[3]}`;
  return new Date(ms).toISOString().startsWith(night) ? { night, day: ms / 86400000 } : null; // no 13th month
}

/** ZTF nights: raw, sci, g, r per night; per-class totals over the nights (largest first). */
export function ztfStatistics(rows) {
  const nights = rows.map((r) => {
    const date = parseNight(String(r['key:key'] ?? '').replace(/^ztf_/, ''));
    return date && { ...date, raw: num(r['basic:raw']), sci: num(r['basic:sci']), g: num(r['basic:n_g']), r: num(r['basic:n_r']) };
  }).filter(Boolean).sort((a, b) => a.day - b.day);
  const classes = new Map();
  for (const r of rows)
    for (const [key, value] of Object.entries(r))
      if (key.startsWith('class:') && !NOT_CLASSES.has(key)) classes.set(key.slice(6), (classes.get(key.slice(6)) ?? 0) + num(value));
  return {
    nights,
    classes: [...classes].map(([name, total]) => ({ name, total })).filter((c) => c.total > 0).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    totals: { raw: sum(nights, 'raw'), sci: sum(nights, 'sci'), g: sum(nights, 'g'), r: sum(nights, 'r') },
  };
}

export const RUBIN_BANDS = ['u', 'g', 'r', 'i', 'z', 'y'];

/** Rubin nights: alerts, objects and alerts per band per night; per-band totals. */
export function rubinStatistics(rows) {
  const nights = rows.map((r) => {
    const date = parseNight(r['f:night']);
    return date && { ...date, alerts: num(r['f:alerts']), objects: num(r['f:objects']), bands: Object.fromEntries(RUBIN_BANDS.map((b) => [b, num(r[`f:alerts_${b}`])])) };
  }).filter(Boolean).sort((a, b) => a.day - b.day);
  return {
    nights,
    bands: RUBIN_BANDS.map((b) => ({ name: b, total: nights.reduce((t, n) => t + n.bands[b], 0) })),
    totals: { alerts: sum(nights, 'alerts') },
  };
}

/** Every year from the earliest to the latest of some date texts (YYYY-…; others ignored), newest first. */
export function yearsBetween(dates) {
  const years = dates.map((t) => /^(\d{4})-/.exec(String(t ?? ''))?.[1]).filter(Boolean).map(Number);
  if (!years.length) return [];
  const [first, last] = [Math.min(...years), Math.max(...years)];
  return Array.from({ length: last - first + 1 }, (_, i) => String(last - i));
}

const sum = (rows, key) => rows.reduce((t, r) => t + r[key], 0);
