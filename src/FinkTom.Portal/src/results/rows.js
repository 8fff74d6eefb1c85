// Result rows → one row per object (its latest alert), with the fields the table and the map show.

/** Objects of an answer, latest alert each, in the answer's order (nearest first for cones, newest first otherwise). */
export function objectRows(rows) {
  const byObject = new Map();
  for (const r of rows) {
    const id = r['i:objectId'];
    const seen = byObject.get(id);
    if (!seen) byObject.set(id, { row: r, alerts: 1 });
    else {
      seen.alerts++;
      if (r['i:jd'] > seen.row['i:jd']) seen.row = r;
    }
  }
  return [...byObject.values()].map(({ row, alerts }) => ({
    objectId: row['i:objectId'],
    candid: row['i:candid'],
    ra: row['i:ra'],
    dec: row['i:dec'],
    jd: row['i:jd'],
    classification: row['v:classification'] ?? row['d:classification'] ?? 'Unknown',
    mag: row['i:magpsf'],
    sigma: row['i:sigmapsf'],
    fid: row['i:fid'],
    separation: row['v:separation_degree'] != null ? row['v:separation_degree'] * 3600 : null,
    detections: row['i:ndethist'] ?? row['d:nalerthist'] ?? null,
    alerts,
    sso: row['i:ssnamenr'] && row['i:ssnamenr'] !== 'null' ? row['i:ssnamenr'] : null,
  }));
}

/** Sorts copies of object rows by a key, nulls last whatever the direction. */
export function sortRows(rows, key, descending) {
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key], y = b[key];
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return (typeof x === 'string' ? x.localeCompare(y) : x - y) * dir;
  });
}
