// Turns a parsed search into the REST call that answers it, and into download links in the API's formats.

/** Columns the results table needs (the downloads carry every column). */
export const TABLE_COLUMNS = [
  'i:objectId', 'i:candid', 'i:ra', 'i:dec', 'i:jd', 'i:jdstarthist', 'i:magpsf', 'i:sigmapsf', 'i:fid', 'i:ndethist',
  'i:ssnamenr', 'v:classification',
];
const CONE_COLUMNS = TABLE_COLUMNS.filter((c) => c !== 'v:classification' && c !== 'i:ssnamenr').concat(['d:classification']);

export const FORMATS = [
  { id: 'json', label: 'JSON', ext: 'json' },
  { id: 'csv', label: 'CSV', ext: 'csv' },
  { id: 'votable', label: 'VOTable', ext: 'xml' },
  { id: 'parquet', label: 'Parquet', ext: 'parquet' },
];

/** `{ endpoint, params }` for the table (params as the API names them), or null for a search with no table. */
export function apiRequest(q, { forDownload = false } = {}) {
  switch (q.kind) {
    case 'cone': {
      const params = { ra: q.ra, dec: q.dec, radius: q.radius };
      copy(q, params, ['startdate', 'stopdate', 'window', 'n']);
      if (!forDownload) params.columns = CONE_COLUMNS.join(',');
      return { endpoint: 'conesearch', params };
    }
    case 'class': {
      if (q.className === 'Anomaly') {
        // /anomaly: the most anomalous alerts first; its dates are start_date/stop_date (Fink's names).
        const params = { n: q.n };
        if (q.startdate) params.start_date = q.startdate;
        const stop = q.window !== undefined ? addDays(q.startdate, q.window) : q.stopdate;
        if (stop) params.stop_date = stop;
        if (!forDownload) params.columns = TABLE_COLUMNS.join(',');
        return { endpoint: 'anomaly', params };
      }
      const params = { class: q.className, n: q.n };
      copy(q, params, ['startdate', 'stopdate', 'trend']);
      if (q.window !== undefined) params.stopdate = addDays(q.startdate, q.window) ?? undefined;
      if (!forDownload) params.columns = TABLE_COLUMNS.join(',');
      return { endpoint: 'latests', params };
    }
    case 'date': {
      const params = { startdate: q.startdate, window: q.window };
      copy(q, params, ['n']);
      return { endpoint: 'explorer', params };
    }
    case 'sso': {
      const params = { n_or_d: q.name };
      if (!forDownload) params.columns = TABLE_COLUMNS.join(',');
      return { endpoint: 'sso', params };
    }
    default:
      return null;
  }
}

/** GET links to the same search in every output format (the API's answer, every column). */
export function downloadLinks(q) {
  const req = apiRequest(q, { forDownload: true });
  if (!req) return [];
  return FORMATS.map((f) => ({
    ...f,
    href: `/api/v1/${req.endpoint}?${new URLSearchParams({ ...stringify(req.params), 'output-format': f.id })}`,
    filename: `finktom-${req.endpoint}.${f.ext}`,
  }));
}

function copy(from, to, names) {
  for (const name of names) if (from[name] !== undefined && from[name] !== null) to[name] = from[name];
}

function stringify(params) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

/** An ISO date plus days (for `after` + `window` on a class search), or null when the start is a JD/MJD. */
function addDays(start, days) {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(start ?? '');
  if (m) {
    const t = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}Z`) + days * 86400000;
    return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
  }
  const x = Number(start);
  if (!Number.isFinite(x)) return null;
  return String(x + days); // JD or MJD: the API tells them apart by size
}
