// The results table: one row per object, sortable by every column (buttons in the headers, aria-sort), paged.
import { jdToIso } from '../sky/coords.js';
import { bandName } from '../science/photometry.js';
import { classColour } from '../ui/classColors.js';
import { h, mount } from '../ui/dom.js';
import { sortRows } from './rows.js';

const PAGE = 100;

export function resultsTable(rows, { cone, sso, rubin, sort, onSort, extra = [] }) {
  const columns = rubin ? rubinColumns(cone) : [
    { key: 'objectId', label: 'Object', cell: (r) => h('a', { href: `/${r.objectId}`, 'data-link': '' }, r.objectId) },
    cone && { key: 'separation', label: 'Separation (″)', num: true, cell: (r) => r.separation?.toFixed(2) },
    { key: 'jd', label: 'Last alert (UTC)', cell: (r) => jdToIso(r.jd) },
    { key: 'classification', label: 'Classification', cell: (r) => h('span.badge', { style: `--c:${classColour(r.classification)}` }, r.classification) },
    { key: 'mag', label: 'Magnitude', num: true, cell: (r) => (r.mag != null ? `${r.mag.toFixed(2)} ± ${(r.sigma ?? 0).toFixed(2)}` : '') },
    { key: 'fid', label: 'Band', cell: (r) => (r.fid != null ? bandName(r.fid) : '') },
    { key: 'detections', label: 'Detections', num: true, cell: (r) => r.detections ?? '' },
    sso && { key: 'sso', label: 'SSO', cell: (r) => r.sso ?? '' },
    { key: 'ra', label: 'RA (°)', num: true, cell: (r) => r.ra?.toFixed(5) },
    { key: 'dec', label: 'Dec (°)', num: true, cell: (r) => r.dec?.toFixed(5) },
  ].filter(Boolean).concat(extra.map(extraColumn));

  const sorted = sort ? sortRows(rows, sort.key, sort.desc) : rows;
  let page = 0;
  const body = h('tbody');
  const pager = h('nav.pager', { 'aria-label': 'Result pages' });

  function render() {
    mount(body, sorted.slice(page * PAGE, (page + 1) * PAGE).map((r) =>
      h('tr', columns.map((c) => h(c.num ? 'td.num' : 'td', { title: c.title?.(r) }, c.cell(r))))));
    mount(pager, pagerButtons(page, Math.ceil(sorted.length / PAGE), (p) => { page = p; render(); }));
  }
  render();

  const head = h('tr', columns.map((c) => {
    const state = sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none';
    const arrow = state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : '';
    return h(c.num ? 'th.num' : 'th', { scope: 'col', 'aria-sort': state },
      h('button.sort', { type: 'button', dataset: { key: c.key }, onclick: () => onSort({ key: c.key, desc: state === 'ascending' }) }, c.label, h('span', { 'aria-hidden': 'true' }, arrow)));
  }));
  return h('div.table-wrap', h('table.results', h('caption.visually-hidden', 'Objects found, one row per object; column headers sort'), h('thead', head), body), pager);
}

/** Rubin rows: the diaObject (its page) or the asteroid, AB magnitude from the flux in nJy, the band letter. */
function rubinColumns(cone) {
  return [
    { key: 'objectId', label: 'diaObjectId', cell: (r) => (r.objectId ? h('a', { href: `/lsst/${r.objectId}`, 'data-link': '' }, r.objectId) : '—') },
    { key: 'sso', label: 'Asteroid', cell: (r) => r.sso ?? '' },
    cone && { key: 'separation', label: 'Separation (″)', num: true, cell: (r) => r.separation?.toFixed(2) },
    { key: 'jd', label: 'Last alert (UTC)', cell: (r) => jdToIso(r.jd) },
    { key: 'mag', label: 'Magnitude (AB)', num: true, cell: (r) => (r.mag != null ? r.mag.toFixed(2) : '') },
    { key: 'flux', label: 'psfFlux (nJy)', num: true, cell: (r) => (r.flux != null ? r.flux.toFixed(1) : '') },
    { key: 'band', label: 'Band', cell: (r) => r.band ?? '' },
    { key: 'detections', label: 'diaSources', num: true, cell: (r) => r.detections ?? '' },
    { key: 'ra', label: 'RA (°)', num: true, cell: (r) => r.ra?.toFixed(5) },
    { key: 'dec', label: 'Dec (°)', num: true, cell: (r) => r.dec?.toFixed(5) },
  ].filter(Boolean);
}

/** Previous / Page n of m / Next, or nothing for a single page; `go(page)` shows another page (from 0). */
export function pagerButtons(page, pages, go) {
  return pages > 1 ? [
    h('button', { type: 'button', disabled: page === 0, onclick: () => go(page - 1) }, '← Previous'),
    h('span', `Page ${page + 1} of ${pages}`),
    h('button', { type: 'button', disabled: page >= pages - 1, onclick: () => go(page + 1) }, 'Next →'),
  ] : null;
}

/** A column the user added (a field of the object's latest alert, named as the API names it). */
function extraColumn(key) {
  return {
    key, label: key, extra: true,
    cell: (r) => formatValue(r[key]),
    title: (r) => (r[key] == null ? undefined : String(r[key])), // the exact value, the cell may round it
  };
}

/** Cell text of an API value: doubles to 6 significant digits, everything else as the API wrote it. */
export function formatValue(v) {
  if (v == null) return '';
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(6)));
  return String(v);
}

/**
 * Adds and removes table columns among the API's schema (/api/v1/schema: section → column → { type, doc }).
 * `chosen` are full names (i:rb); `onChange(names)` gets the new list.
 */
export function columnChooser(schema, chosen, onChange) {
  const prefixes = { 'ZTF original fields (i:)': 'i:', 'Fink science module outputs (d:)': 'd:', 'Fink on-the-fly added values (v:)': 'v:' };
  const groups = Object.entries(schema ?? {})
    .map(([section, fields]) => ({ section, prefix: prefixes[section] ?? /\((\w):\)/.exec(section)?.[1]?.concat(':'), fields }))
    .filter((g) => g.prefix && g.prefix !== 'b:');
  const select = h('select', { name: 'column', 'aria-label': 'Column to add' },
    h('option', { value: '' }, 'Add a column…'),
    groups.map((g) => h('optgroup', { label: g.section }, Object.entries(g.fields).map(([name, f]) => {
      const key = g.prefix + name;
      return h('option', { value: key, disabled: chosen.includes(key), title: f.doc ?? '' }, `${key}${f.type ? ` (${f.type})` : ''}`);
    }))));
  select.addEventListener('change', () => { if (select.value) onChange([...chosen, select.value]); });
  return h('div.column-chooser', h('label', 'Columns: ', select),
    chosen.length ? h('ul.chips', { 'aria-label': 'Added columns' }, chosen.map((key) => h('li', h('code', key),
      h('button.chip-remove', { type: 'button', 'aria-label': `Remove column ${key}`, onclick: () => onChange(chosen.filter((k) => k !== key)) }, '×')))) : null);
}
