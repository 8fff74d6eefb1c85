// A Rubin object's page (/lsst/<diaObjectId>): summary, light curve of its diaSources with forced photometry (ugrizy,
// nJy or AB magnitude), the cutouts of a chosen diaSource, and the Fink tags its alerts passed.
import { ApiError, lsstCutoutUrl, postLsst } from '../api.js';
import { plot } from '../plot/svgPlot.js';
import { dateAxis, timeZoom } from '../plot/timeZoom.js';
import { jdToIso } from '../sky/coords.js';
import { h, mount } from '../ui/dom.js';
import { empty, failure, loading } from '../ui/status.js';
import { mjdTaiToJd, rubinMagnitude } from './rubinRows.js';

export const RUBIN_BANDS = { u: '#7c3aed', g: '#16a34a', r: '#dc2626', i: '#ea580c', z: '#92400e', y: '#111827' };
const KINDS = ['Science', 'Template', 'Difference'];

export function rubinObjectPage(container, diaObjectId) {
  const controller = new AbortController();
  const signal = controller.signal;
  document.title = `Rubin ${diaObjectId} — FinkTom Science Portal`;
  mount(container, loading(`Loading Rubin object ${diaObjectId}…`));
  Promise.all([
    postLsst('objects', { diaObjectId }, { signal }),
    postLsst('sources', { diaObjectId }, { signal }),
    postLsst('fp', { diaObjectId }, { signal }),
    tagsOf(diaObjectId, signal),
  ]).then(([objects, sources, forced, tags]) => render(objects[0], sources, forced, tags))
    .catch((e) => {
      if (e.name !== 'AbortError') mount(container, failure(e instanceof ApiError ? e : new Error(String(e.message ?? e)), `Rubin object ${diaObjectId} could not be loaded`));
    });
  return () => controller.abort();

  function render(object, sources, forced, tags) {
    if (!object && !sources.length)
      return mount(container, empty(`Rubin object ${diaObjectId} is not in this FinkTom store`, 'Check the diaObjectId, or ingest its alerts with `finktom ingest`.'));
    const ordered = [...sources].sort((a, b) => a['r:midpointMjdTai'] - b['r:midpointMjdTai']);
    let selected = ordered.at(-1)?.['r:diaSourceId'];
    const curve = rubinLightCurve(diaObjectId, ordered, forced, { selected: () => selected, onSelect: (id) => { selected = id; curve.redraw(); cuts.redraw(); } });
    const cuts = rubinCutouts(ordered, () => selected, (id) => { selected = id; curve.redraw(); cuts.redraw(); });
    mount(container, h('div.object-layout',
      summary(diaObjectId, object, ordered, tags),
      h('div.object-main', h('h3', 'Light curve'), curve.element, h('h3', 'Cutouts'), cuts.element)));
  }
}

/** A tag /lsst/api/v1/tags serves links to its latest alerts; a livestream-only one to its filter (topic, SSE). */
function tagLink(name) {
  return LIVESTREAM_ONLY.has(name)
    ? h('a', { href: `/livestream/filters/${name}`, title: 'Livestream only: Kafka topic and SSE stream' }, name)
    : h('a', { href: `/?q=${encodeURIComponent(`tag=${name}`)}`, 'data-link': '' }, name);
}
// Fink's tags without API support (HBASE_SUPPORT false, contract fink-lsst-api §3.2): published, not queryable.
const LIVESTREAM_ONLY = new Set(['extragalactic_svom', 'fast_transient_gvom', 'remove_unlikely_transients', 'uniform_sample']);

/** The tags each alert of the object passed, from the OData feed's flags (the REST API has no such column). */
async function tagsOf(diaObjectId, signal) {
  try {
    const response = await fetch(`/odata/LsstSources?$filter=${encodeURIComponent(`diaObjectId eq '${diaObjectId}'`)}`,
      { headers: { Accept: 'application/json' }, signal });
    if (!response.ok) return null;
    const passed = new Map();
    for (const row of (await response.json()).value ?? [])
      for (const [name, value] of Object.entries(row)) if (value === true && TAG_NAME.test(name)) passed.set(name, (passed.get(name) ?? 0) + 1);
    return passed;
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    return null; // the OData feed needs a key on this server: no tags shown
  }
}
const TAG_NAME = /^(extragalactic_|faint_trails|fast_transient|hostless|in_tns|mdwarf|most_likely|remove_unlikely|sn_near|uniform_sample)/;

function summary(id, object, sources, tags) {
  const latest = sources.at(-1) ?? {};
  const value = (k) => object?.[k] ?? latest[k];
  const fmt = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const first = sources[0]?.['r:midpointMjdTai'], last = latest['r:midpointMjdTai'];
  return h('section.card.summary', { 'aria-labelledby': 'object-title' },
    h('h2#object-title', { tabindex: '-1' }, id),
    h('p.muted', 'Rubin (LSST) diaObject'),
    h('dl.facts',
      h('dt', 'RA, Dec'), h('dd', `${fmt(value('r:ra'), 6)}°, ${fmt(value('r:dec'), 6)}°`),
      h('dt', 'diaSources'), h('dd', String(object?.['r:nDiaSources'] ?? sources.length)),
      h('dt', 'First / last alert'), h('dd', `${Number.isFinite(first) ? jdToIso(mjdTaiToJd(first)) : '—'} / ${Number.isFinite(last) ? jdToIso(mjdTaiToJd(last)) : '—'} UTC`),
      h('dt', 'SIMBAD'), h('dd', latest['f:xm_simbad_otype'] ?? '—'),
      h('dt', 'TNS'), h('dd', latest['f:xm_tns_fullname'] ? `${latest['f:xm_tns_fullname']} (${latest['f:xm_tns_type'] ?? '?'})` : '—'),
      h('dt', 'CATS class'), h('dd', latest['f:clf_cats_class'] != null ? `${latest['f:clf_cats_class']} (${fmt(latest['f:clf_cats_score'], 2)})` : '—'),
      h('dt', 'SuperNNova SN'), h('dd', fmt(latest['f:clf_snnSnVsOthers_score'], 3))),
    h('h3', 'Fink tags'),
    tags === null ? h('p.hint', 'Tags come from the OData feed, which this server does not open to the portal.')
      : tags.size === 0 ? h('p.tags.none', 'No alert of this object passed a Fink tag.')
        : h('ul.tags', [...tags].map(([name, n]) => h('li', tagLink(name), ` (${n})`))),
    h('p', h('a', { href: `/lsst/api/v1/sources?diaObjectId=${id}&output-format=csv` }, 'diaSources (CSV)'), ' · ',
      h('a', { href: `/lsst/api/v1/fp?diaObjectId=${id}&output-format=csv` }, 'forced photometry (CSV)')));
}

function rubinLightCurve(id, sources, forced, { selected, onSelect }) {
  let mode = 'flux';
  const area = h('div.lc-plot');
  const zoom = timeZoom(area, draw);
  const radio = (value, label) => h('label', h('input', { type: 'radio', name: 'rubin-lc-mode', value, checked: value === mode, onchange: () => { mode = value; draw(); } }), label);
  function draw() {
    const magnitude = mode === 'mag';
    const point = (r, what) => {
      const flux = r['r:psfFlux'], err = r['r:psfFluxErr'], mjd = r['r:midpointMjdTai'];
      const mag = rubinMagnitude(flux);
      const y = magnitude ? mag : flux;
      if (!Number.isFinite(y) || !Number.isFinite(mjd)) return null;
      const yErr = magnitude ? (err > 0 && flux > 0 ? 1.0857 * err / flux : undefined) : err;
      const id = what === 'diaSource' ? r['r:diaSourceId'] : undefined;
      return { x: mjd, y, err: yErr, data: id, selected: id !== undefined && id === selected(),
        title: `${r['r:band']} ${what}: ${magnitude ? y.toFixed(3) : `${y.toFixed(1)} nJy`} — MJD ${mjd.toFixed(5)} (TAI)${id !== undefined ? ' (click for cutouts)' : ''}` };
    };
    const series = [];
    for (const band of Object.keys(RUBIN_BANDS)) {
      const own = sources.filter((r) => r['r:band'] === band).map((r) => point(r, 'diaSource')).filter(Boolean);
      const fp = forced.filter((r) => r['r:band'] === band).map((r) => point(r, 'forced photometry')).filter(Boolean);
      if (own.length) series.push({ type: 'points', id: `dia-${band}`, name: `${band} diaSources`, colour: RUBIN_BANDS[band], points: own });
      if (fp.length) series.push({ type: 'points', id: `fp-${band}`, name: `${band} forced photometry`, colour: RUBIN_BANDS[band], marker: 'square', open: true, points: fp });
    }
    mount(area, series.length ? plot({
      label: `Light curve of Rubin object ${id}`, x: { label: 'Time (MJD, TAI)', min: zoom.range?.[0], max: zoom.range?.[1], secondary: dateAxis },
      y: { label: magnitude ? 'AB magnitude (31.4 − 2.5 log₁₀ psfFlux)' : 'psfFlux (nJy)', invert: magnitude },
      series: magnitude ? series : [...series, { type: 'hline', y: 0, colour: '#6b7280', dash: '2 2', inRange: false }],
      onPointClick: onSelect,
    }) : empty('No photometry to plot', magnitude ? 'Magnitudes need a positive flux.' : null));
    zoom.drawn();
  }
  draw();
  return {
    element: h('div.lightcurve.rubin-lc',
      h('div.lc-controls', h('fieldset.inline', h('legend.visually-hidden', 'Quantity'), radio('flux', 'psfFlux (nJy)'), radio('mag', 'AB magnitude')), zoom.controls),
      area, h('p.hint', 'Filled: diaSources (click one for its cutouts); open squares: forced photometry at the object\'s position. Bands ugrizy.')),
    redraw: draw,
  };
}

function rubinCutouts(sources, selected, onSelect) {
  const picker = h('select#rubin-cutout-source', { onchange: (e) => onSelect(sources.find((r) => String(r['r:diaSourceId']) === e.target.value)?.['r:diaSourceId']) },
    [...sources].reverse().map((r) => h('option', { value: String(r['r:diaSourceId']) }, `${r['r:band']} — MJD ${r['r:midpointMjdTai'].toFixed(4)}`)));
  const grid = h('div.cutouts');
  function draw() {
    const id = selected();
    picker.value = String(id);
    mount(grid, id === undefined ? empty('No diaSource') : KINDS.map((kind) => h('figure',
      h('img', { src: lsstCutoutUrl(String(id), kind), alt: `${kind} cutout of diaSource ${id}`, width: 120, height: 120, loading: 'lazy' }),
      h('figcaption', kind, ' · ', h('a', { href: lsstCutoutUrl(String(id), kind, { format: 'FITS' }) }, 'FITS')))));
  }
  draw();
  return { element: h('div', h('div.cutout-controls', h('label', { for: 'rubin-cutout-source' }, 'diaSource '), picker), grid), redraw: draw };
}
