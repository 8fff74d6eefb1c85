// The results of a search: what was understood, how many objects, downloads, then a table (columns of one's choice),
// cards for triage or an all-sky map.
import { ApiError, classNames, get, post, postLsst } from '../api.js';
import { rubinRows } from '../lsst/rubinRows.js';
import { parseSearch } from '../search/parse.js';
import { apiRequest, downloadLinks } from '../search/request.js';
import { empty, failure, loading } from '../ui/status.js';
import { h, mount } from '../ui/dom.js';
import { resultsCards } from './cards.js';
import { objectRows, sortRows } from './rows.js';
import { skyMap } from './skyMap.js';
import { columnChooser, resultsTable } from './table.js';

const COLUMN_NAME = /^[idv]:[A-Za-z0-9_()\-]+$/;
let schemaPromise = null;
/** /api/v1/schema, fetched once (the column chooser's list). */
const schema = () => (schemaPromise ??= get('schema').catch((e) => { schemaPromise = null; throw e; }));

/**
 * Renders into `container` the search in `params` (q, view, sort, frame, cols: added table columns). `navigate(url, { replace })` changes the URL;
 * returns an abort function for a newer navigation.
 */
export function resultsPage(container, params, navigate) {
  const controller = new AbortController();
  const text = params.get('q') ?? '';
  run().catch((e) => {
    if (e.name === 'AbortError') return;
    mount(container, failure(e instanceof ApiError ? e : new Error(String(e.message ?? e))));
  });
  return () => controller.abort();

  async function run() {
    mount(container, loading('Searching…'));
    let classes = [];
    try { classes = await classNames(); } catch { /* the API will judge the class itself */ }
    let q = parseSearch(text, classes, { survey: params.get('survey') === 'lsst' ? 'lsst' : 'ztf' });
    if (q.kind === 'error') return mount(container, failure(new Error(q.message), 'The search was not understood'));
    if (q.kind === 'object') return navigate(`/${q.objectId}`, { replace: true });
    if (q.kind === 'lsstObject') return navigate(`/lsst/${q.diaObjectId}`, { replace: true });

    let centre = q.ra !== undefined ? { ra: q.ra, dec: q.dec } : null;
    if (q.kind === 'cone' && q.objectId) {
      const rows = await post('objects', { objectId: q.objectId, columns: 'i:ra,i:dec' }, { signal: controller.signal });
      if (!rows.length) return mount(container, empty(`${q.objectId} is not in this FinkTom store`, 'A cone around an object needs its position.'));
      centre = { ra: rows[0]['i:ra'], dec: rows[0]['i:dec'] };
      q = { ...q, ...centre };
    }

    const req = apiRequest(q);
    const rubin = q.survey === 'lsst';
    // Added columns (ZTF): asked from the API with the table's own, then read from each object's latest alert.
    const extra = rubin ? [] : [...new Set((params.get('cols') ?? '').split(',').filter((c) => COLUMN_NAME.test(c)))];
    if (extra.length && req.params.columns) req.params.columns = [...new Set(req.params.columns.split(',').concat(extra))].join(',');
    const started = performance.now();
    const raw = await (rubin ? postLsst : post)(req.endpoint, req.params, { signal: controller.signal });
    const elapsed = Math.round(performance.now() - started);
    const rows = rubin ? rubinRows(raw) : objectRows(raw);
    if (extra.length) {
      const byCandid = new Map(raw.map((r) => [String(r['i:candid']), r]));
      for (const row of rows) for (const key of extra) row[key] = byCandid.get(String(row.candid))?.[key] ?? null;
    }
    document.title = `${text} — FinkTom Science Portal`;

    const views = rubin ? [['table', 'Table'], ['map', 'Sky map']] : [['table', 'Table'], ['cards', 'Cards'], ['map', 'Sky map']];
    const view = views.some(([v]) => v === params.get('view')) ? params.get('view') : 'table';
    const sort = parseSort(params.get('sort'));
    const frame = params.get('frame') === 'galactic' ? 'galactic' : 'equatorial';
    const setParam = (key, value) => {
      const next = new URLSearchParams(params);
      if (value === null) next.delete(key); else next.set(key, value);
      navigate(`/?${next}`, { replace: key !== 'view' });
    };

    const header = h('div.results-header',
      h('h2#results-title', { tabindex: '-1' }, q.description),
      h('p.count', { role: 'status' }, rows.length
        ? `${rows.length} object${rows.length === 1 ? '' : 's'}${raw.length !== rows.length ? ` (${raw.length} alerts)` : ''} found in ${elapsed} ms`
        : 'Nothing found'),
      rows.length ? h('div.downloads', h('span', 'Download (every column): '),
        downloadLinks(q).map((l) => h('a.button', { href: l.href, download: l.filename }, l.label))) : null);

    if (!rows.length) {
      return mount(container, header, empty('No object matches this search.', hintFor(q)));
    }
    const viewSwitch = h('div.segmented.view-switch', { role: 'group', 'aria-label': 'Show results as' },
      views.map(([v, label]) =>
        h('button', { type: 'button', 'aria-pressed': String(v === view), dataset: { view: v }, onclick: () => setParam('view', v === 'table' ? null : v) }, label)));
    const body = view === 'map'
      ? skyMap(rows, { frame, centre, onFrame: (f) => setParam('frame', f === 'equatorial' ? null : f) })
      : view === 'cards' ? resultsCards(sort ? sortRows(rows, sort.key, sort.desc) : rows)
        : resultsTable(rows, { cone: q.kind === 'cone', sso: q.kind === 'sso', rubin, sort, extra, onSort: (s) => setParam('sort', (s.desc ? '-' : '') + s.key) });
    const chooser = view === 'table' && !rubin ? h('div.column-chooser-slot') : null;
    mount(container, header, viewSwitch, chooser, body);
    if (chooser) {
      schema().then((fields) => mount(chooser, columnChooser(fields, extra, (cols) => setParam('cols', cols.length ? cols.join(',') : null))))
        .catch(() => mount(chooser, h('p.hint', 'The column list (/api/v1/schema) could not be loaded.')));
    }
  }
}

function parseSort(text) {
  if (!text) return null;
  return { key: text.replace(/^-/, ''), desc: text.startsWith('-') };
}

function hintFor(q) {
  switch (q.kind) {
    case 'cone': return `Try a larger radius (r=1m, r=0.5d; at most 5°)${q.startdate || q.stopdate ? ' or without the dates' : ''}.`;
    case 'class': return 'This store holds no alert of that class in that period. Try another class or without dates.';
    case 'date': return 'No alert in that window. Alerts are dated by the exposure (UTC); try a wider window (at most 180 minutes).';
    case 'sso': return 'Solar System objects are matched on the number or designation ZTF wrote (i:ssnamenr), such as 8467 or 2010JO69.';
    default: return null;
  }
}
