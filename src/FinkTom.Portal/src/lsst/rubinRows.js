// Rubin alerts as the results table and map show them: one row per diaObject (its latest alert), or per asteroid.

/** Rubin's AB magnitude of a flux in nJy (31.4 − 2.5 log10 f); null for a flux ≤ 0, as Fink. */
export function rubinMagnitude(flux) {
  return flux > 0 ? 31.4 - 2.5 * Math.log10(flux) : null;
}

export const MJD_TO_JD = 2400000.5;
const TAI_MINUS_UTC_DAYS = 37 / 86400;

/** Rubin's MJD (TAI) as the JD (UTC) the table and plots speak. */
export const mjdTaiToJd = (mjd) => mjd + MJD_TO_JD - TAI_MINUS_UTC_DAYS;

export function rubinRows(raw) {
  const latest = new Map();
  for (const r of raw) {
    const key = r['r:diaObjectId'] ?? r['r:packed_primary_provisional_designation'] ?? r['r:diaSourceId'];
    const seen = latest.get(key);
    if (!seen || r['r:midpointMjdTai'] > seen['r:midpointMjdTai']) latest.set(key, { ...r, count: (seen?.count ?? 0) + 1 });
    else seen.count++;
  }
  return [...latest.values()].map((r) => ({
    survey: 'lsst',
    objectId: r['r:diaObjectId'] != null ? String(r['r:diaObjectId']) : null,
    sso: r['f:sso_name'] ?? r['r:packed_primary_provisional_designation'] ?? null,
    classification: r['r:diaObjectId'] != null ? 'Rubin object' : 'Solar System object',
    jd: mjdTaiToJd(r['r:midpointMjdTai']),
    mag: rubinMagnitude(r['r:psfFlux']),
    flux: r['r:psfFlux'],
    band: r['r:band'],
    detections: r['r:nDiaSources'] ?? r.count,
    separation: r['v:separation_degree'] != null ? r['v:separation_degree'] * 3600 : undefined,
    ra: r['r:ra'],
    dec: r['r:dec'],
  })).map((row) => ({
    ...row,
    href: row.objectId ? `/lsst/${row.objectId}`
      : `/?${new URLSearchParams({ q: row.sso ?? '', survey: 'lsst' })}`,
  }));
}
