// What this server holds, from /health (counts per survey, first and last alert): shared by the About and Statistics pages.

export async function serverHealth(signal) {
  const response = await fetch('/health', { headers: { Accept: 'application/json' }, signal });
  if (!response.ok && response.status !== 503) throw new Error(`/health answered ${response.status}`);
  return response.json();
}

/** Rubin's MJD (TAI) as a UTC date-time text: TAI is 37 s ahead of UTC. */
export function mjdTaiToIso(mjd) {
  if (!Number.isFinite(mjd)) return '—';
  return new Date((mjd - 40587) * 86400000 - 37000).toISOString().replace('T', ' ').slice(0, 19);
}
