// /stats: what the store holds per survey (from /health), then nightly plots from /api/v1/statistics (ZTF) and
// /lsst/api/v1/statistics (Rubin): alerts per night, per class (ZTF) and per band (Rubin), for every night or a year.
import { plot } from '../plot/svgPlot.js';
import { barList } from '../stats/bars.js';
import { rubinStatistics, yearsBetween, ztfStatistics } from '../stats/statsData.js';
import { classColour } from '../ui/classColors.js';
import { h, mount } from '../ui/dom.js';
import { failure, loading } from '../ui/status.js';
import { mjdTaiToIso, serverHealth } from './health.js';

const BAND_COLOURS = { u: '#7c3aed', g: '#15803d', r: '#dc2626', i: '#b45309', z: '#475569', y: '#111827' };
const dayText = (day) => new Date(day * 86400000).toISOString().slice(0, 10);

export function statsPage(container, params, navigate) {
  const controller = new AbortController();
  const { signal } = controller;
  const year = /^\d{4}$/.test(params?.get('year') ?? '') ? params.get('year') : '';
  document.title = 'Statistics — FinkTom Science Portal';
  mount(container, loading('Counting…'));
  Promise.all([serverHealth(signal), nightly('/api/v1/statistics', year, signal), nightly('/lsst/api/v1/statistics', year, signal)])
    .then(([health, ztfRows, rubinRows]) => mount(container, h('section.page.stats',
      h('h2', { tabindex: '-1' }, 'Statistics'),
      storeTable(health),
      h('p.hint', 'Counts of the whole store, as /health reports them.'),
      yearPicker(yearsBetween([health.firstAlert, health.lastAlert, mjdTaiToIso(health.rubin?.firstMjdTai), mjdTaiToIso(health.rubin?.lastMjdTai)]), year, navigate),
      ztfSection(ztfRows, year),
      rubinSection(rubinRows, year))))
    .catch((e) => { if (e.name !== 'AbortError') mount(container, failure(e, 'The store could not be counted')); });
  return () => controller.abort();
}

/** Rows of a statistics endpoint, or the reason there are none (a store that keeps no night counters answers 501). */
async function nightly(path, year, signal) {
  const response = await fetch(`${path}?${new URLSearchParams({ date: year })}`, { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    return { rows: [], error: body.text ?? `${path} answered ${response.status}` };
  }
  return { rows: await response.json() };
}

function storeTable(health) {
  const rows = [
    ['ZTF', health.alerts, health.objects, health.firstAlert, health.lastAlert],
    health.rubin ? ['Rubin (LSST)', health.rubin.alerts, health.rubin.objects, mjdTaiToIso(health.rubin.firstMjdTai), mjdTaiToIso(health.rubin.lastMjdTai)] : null,
  ].filter(Boolean);
  return h('div.table-wrap', h('table.stats-table',
    h('thead', h('tr', ['Survey', 'Alerts', 'Objects', 'First alert (UTC)', 'Last alert (UTC)'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', rows.map((r) => h('tr', r.map((v, i) => (i === 0 ? h('th', { scope: 'row' }, v) : h('td', { class: i < 3 ? 'num' : '' }, String(v ?? '—')))))))));
}

/** Every night, or one year (the API's date=YYYY), kept in the URL as ?year=. */
function yearPicker(years, year, navigate) {
  if (year && !years.includes(year)) years.unshift(year);
  return h('label.stats-year', 'Nights: ',
    h('select', { name: 'year', onchange: (e) => navigate(e.target.value ? `/stats?year=${e.target.value}` : '/stats', { replace: true }) },
      h('option', { value: '', selected: !year }, 'every night'),
      years.map((y) => h('option', { value: y, selected: y === year }, y))));
}

function ztfSection({ rows, error }, year) {
  const heading = h('h3', 'ZTF alerts per night');
  if (error) return h('section.stats-survey', heading, h('p.hint', error));
  const stats = ztfStatistics(rows);
  if (!stats.nights.length) return h('section.stats-survey', heading, h('p.hint', `No ZTF night${year ? ` in ${year}` : ''}.`));
  const t = stats.totals;
  return h('section#ztf-stats.stats-survey', heading,
    totals([['Nights', stats.nights.length], ['Alerts received', t.raw], ['Passing the quality cut', t.sci], ['g band', t.g], ['r band', t.r]], 'ZTF totals'),
    h('div.stats-plot.ztf-nights', nightPlot(stats.nights, [
      { id: 'raw', name: 'received (basic:raw)', colour: '#2563eb', y: (n) => n.raw },
      { id: 'sci', name: 'quality cut (basic:sci)', colour: '#0d9488', y: (n) => n.sci, marker: 'square' },
      { id: 'g', name: 'g band', colour: '#15803d', y: (n) => n.g, marker: 'up', open: true },
      { id: 'r', name: 'r band', colour: '#dc2626', y: (n) => n.r, marker: 'down', open: true },
    ], 'ZTF alerts per night')),
    h('h3', 'ZTF alerts per class'),
    h('p.hint', 'Fink classes, SIMBAD and TNS types of the alerts passing the quality cut, over the nights shown.'),
    classBars(stats.classes));
}

function rubinSection({ rows, error }, year) {
  const heading = h('h3', 'Rubin (LSST) alerts per night');
  if (error) return h('section.stats-survey', heading, h('p.hint', error));
  const stats = rubinStatistics(rows);
  if (!stats.nights.length) return h('section.stats-survey', heading, h('p.hint', `No Rubin night${year ? ` in ${year}` : ''}.`));
  return h('section#rubin-stats.stats-survey', heading,
    totals([['Nights', stats.nights.length], ['Alerts', stats.totals.alerts]], 'Rubin totals'),
    h('div.stats-plot.rubin-nights', nightPlot(stats.nights, [
      { id: 'alerts', name: 'alerts (f:alerts)', colour: '#2563eb', y: (n) => n.alerts },
      { id: 'objects', name: 'diaObjects (f:objects)', colour: '#7c3aed', y: (n) => n.objects, marker: 'square', open: true },
    ], 'Rubin alerts per night')),
    h('h3', 'Rubin alerts per band'),
    barList(stats.bands.map((b) => ({ ...b, colour: BAND_COLOURS[b.name] })), { label: 'Rubin alerts per band' }));
}

/** The largest classes, the rest folded away (a store holds dozens of SIMBAD types). */
function classBars(classes, shown = 12) {
  const bars = (list) => barList(list.map((c) => ({ ...c, colour: classColour(c.name) })), { label: 'ZTF alerts per class' });
  return h('div.class-bars', bars(classes.slice(0, shown)), classes.length > shown
    ? h('details', h('summary', `${classes.length - shown} more classes`), bars(classes.slice(shown))) : null);
}

function totals(pairs, label) {
  return h('dl.stats-totals', { 'aria-label': label }, pairs.map(([k, v]) => h('div', h('dt', k), h('dd', { dataset: { total: k } }, v.toLocaleString('en-US')))));
}

/** Runs of consecutive nights (2 or more): only those are joined by a line, a gap is no trend. */
function runs(nights) {
  const out = [];
  for (const n of nights) {
    if (out.length && n.day - out.at(-1).at(-1).day === 1) out.at(-1).push(n); else out.push([n]);
  }
  return out.filter((run) => run.length > 1);
}

/** Counts per night against the calendar date. */
function nightPlot(nights, series, label) {
  const pad = nights.length === 1 ? 3 : Math.max(1, (nights.at(-1).day - nights[0].day) * 0.03);
  const max = Math.max(1, ...nights.flatMap((n) => series.map((se) => se.y(n))));
  return plot({
    label, height: 320,
    x: { label: 'Night (UTC)', min: nights[0].day - pad, max: nights.at(-1).day + pad, format: dayText },
    y: { label: 'Alerts', min: 0, max: max * 1.08, format: (v) => v.toLocaleString('en-US') },
    series: series.flatMap((se) => [
      ...runs(nights).map((run) => ({ type: 'line', colour: se.colour, width: 1, points: run.map((n) => ({ x: n.day, y: se.y(n) })) })),
      { type: 'points', id: se.id, name: se.name, colour: se.colour, marker: se.marker, open: se.open, size: 3.5,
        points: nights.map((n) => ({ x: n.day, y: se.y(n), title: `${n.night}: ${se.y(n).toLocaleString('en-US')} ${se.name}` })) },
    ].filter(Boolean)),
  });
}
