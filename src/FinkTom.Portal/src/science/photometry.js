// Light-curve arithmetic from ZTF alert fields (magpsf, isdiffpos, magnr, distnr), as Fink's portal does it.

export const BANDS = {
  1: { name: 'g', colour: '#15803d' },
  2: { name: 'r', colour: '#dc2626' },
  3: { name: 'i', colour: '#92400e' },
};
export const bandName = (fid) => BANDS[fid]?.name ?? `fid ${fid}`;
export const bandColour = (fid) => BANDS[fid]?.colour ?? '#6b7280';

const isPositive = (isdiffpos) => isdiffpos === 't' || isdiffpos === '1' || isdiffpos === true;

/** A reference source sits under the alert (ZTF's nearest source within 1.5″): DC magnitudes are meaningful. */
export function isSourceBehind(row) {
  return row['i:distnr'] != null && row['i:distnr'] >= 0 && row['i:distnr'] < 1.5 && row['i:magnr'] != null && row['i:magnr'] > 0;
}

/**
 * The apparent ("DC") magnitude: reference flux plus or minus the difference flux,
 * m = −2.5 log10(10^(−0.4 magnr) ± 10^(−0.4 magpsf)); null when the sum is not positive or no source is behind.
 */
export function dcMagnitude(row) {
  if (!isSourceBehind(row) || row['i:magpsf'] == null) return null;
  const sign = isPositive(row['i:isdiffpos']) ? 1 : -1;
  const flux = 10 ** (-0.4 * row['i:magnr']) + sign * 10 ** (-0.4 * row['i:magpsf']);
  if (!(flux > 0)) return null;
  const mag = -2.5 * Math.log10(flux);
  // Errors add in flux, then back to magnitudes.
  const fDiff = 10 ** (-0.4 * row['i:magpsf']), fRef = 10 ** (-0.4 * row['i:magnr']);
  const sig = Math.hypot(fDiff * (row['i:sigmapsf'] ?? 0), fRef * (row['i:sigmagnr'] ?? 0)) / flux;
  return { mag, sigma: sig };
}

/** Difference flux in µJy (AB zero point 3631 Jy), signed by isdiffpos, with its error. */
export function differenceFlux(row) {
  if (row['i:magpsf'] == null) return null;
  const sign = isPositive(row['i:isdiffpos']) ? 1 : -1;
  const flux = 3631e6 * 10 ** (-0.4 * row['i:magpsf']);
  return { flux: sign * flux, sigma: flux * 0.4 * Math.LN10 * (row['i:sigmapsf'] ?? 0) };
}

/**
 * The apparent ("DC") flux in µJy: the reference source's flux plus the signed difference flux, with their errors
 * added in quadrature; null without a reference source under the alert.
 */
export function dcFlux(row) {
  if (!isSourceBehind(row) || row['i:magpsf'] == null) return null;
  const diff = differenceFlux(row);
  const ref = 3631e6 * 10 ** (-0.4 * row['i:magnr']);
  return { flux: ref + diff.flux, sigma: Math.hypot(diff.sigma, ref * 0.4 * Math.LN10 * (row['i:sigmagnr'] ?? 0)), reference: ref };
}

/** Rows of an /objects answer (withupperlim) split by d:tag, each list oldest first. */
export function splitByTag(rows) {
  const out = { valid: [], upperlim: [], badquality: [] };
  for (const row of rows) (out[row['d:tag'] ?? 'valid'] ?? out.valid).push(row);
  for (const list of Object.values(out)) list.sort((a, b) => a['i:jd'] - b['i:jd']);
  return out;
}

/** The received alerts (rows with Fink's classification), oldest first: the ones with cutouts and d: scores. */
export const receivedAlerts = (rows) => rows.filter((r) => r['v:classification'] != null).sort((a, b) => a['i:jd'] - b['i:jd']);

/**
 * Points for period and microlensing fits: t (JD), y (magnitude or flux), sigma, band. Uses DC magnitudes when a
 * source is behind every detection, difference magnitudes otherwise; drops points with σ ≥ 1 mag (Fink's cut).
 */
export function fitPoints(valid) {
  const useDc = valid.length > 0 && valid.every((r) => dcMagnitude(r) !== null);
  const points = [];
  for (const r of valid) {
    const m = useDc ? dcMagnitude(r) : r['i:magpsf'] != null ? { mag: r['i:magpsf'], sigma: r['i:sigmapsf'] } : null;
    if (!m || !(m.sigma > 0) || m.sigma >= 1) continue;
    points.push({ t: r['i:jd'], y: m.mag, sigma: m.sigma, band: r['i:fid'] });
  }
  return { points, magnitude: useDc ? 'DC magnitude' : 'difference magnitude' };
}
