// Gravitational-wave follow-up: upload a sky map (bayestar.fits.gz), list the objects first detected around the event
// inside its credible region (/api/v1/skymap), as a table or on the sky map with the region's objects.
import { ApiError, post } from '../api.js';
import { objectRows } from '../results/rows.js';
import { skyMap } from '../results/skyMap.js';
import { resultsTable } from '../results/table.js';
import { h, mount } from '../ui/dom.js';
import { empty, failure, loading } from '../ui/status.js';
import { pythonBytes } from './pythonBytes.js';

/** Renders the page into `container`; returns an abort function for a newer navigation. */
export function gwPage(container) {
  const controller = new AbortController();
  document.title = 'Gravitational-wave follow-up — FinkTom Science Portal';
  const results = h('div.gw-results');
  const field = (label, input) => h('label', label, input);
  const file = h('input#gw-file', { type: 'file', accept: '.fits,.gz,.fz,application/fits,application/gzip', required: true });
  const level = h('input#gw-level', { type: 'number', min: '0', max: '1', step: '0.01', value: '0.9', required: true });
  const before = h('input#gw-before', { type: 'number', min: '0', max: '30', step: '0.5', value: '1' });
  const after = h('input#gw-after', { type: 'number', min: '0', max: '30', step: '0.5', value: '6' });
  const form = h('form.fit-form.gw-form', { onsubmit: (e) => { e.preventDefault(); search(); } },
    field('Sky map (bayestar.fits.gz)', file),
    field('Credible level (0–1)', level),
    field('Days before the event', before),
    field('Days after that start', after),
    h('button.button', { type: 'submit' }, 'Find candidates'));
  mount(container,
    h('h2', { tabindex: '-1' }, 'Gravitational-wave follow-up'),
    h('p', 'Choose a LIGO/Virgo/KAGRA sky map (the BAYESTAR FITS file, gzipped or not). FinkTom lists the objects first detected from the given days before the event, inside the credible region, with their latest alert — as Fink\'s /api/v1/skymap does. The map stays on this server; nothing is downloaded from GraceDB.'),
    form, results);
  return () => controller.abort();

  async function search() {
    const chosen = file.files?.[0];
    if (!chosen) return mount(results, failure(new Error('Choose a sky map file first.'), 'No sky map'));
    mount(results, loading(`Reading ${chosen.name}…`));
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const raw = await post('skymap', {
        bayestar: pythonBytes(bytes),
        credible_level: Number(level.value),
        n_day_before: Number(before.value),
        n_day_after: Number(after.value),
      }, { signal: controller.signal });
      show(objectRows(raw), chosen.name, raw[0]?.['v:jdstartgw']);
    } catch (e) {
      if (e.name === 'AbortError') return;
      mount(results, failure(e instanceof ApiError ? e : new Error(String(e.message ?? e)), 'The sky map search failed'));
    }
  }

  function show(rows, name, eventJd) {
    const percent = `${Math.round(Number(level.value) * 100)}%`;
    const header = h('p.count', { role: 'status' }, rows.length
      ? `${rows.length} object${rows.length === 1 ? '' : 's'} in the ${percent} region of ${name}${eventJd ? ` (event at JD ${eventJd.toFixed(5)})` : ''}`
      : 'Nothing found');
    if (!rows.length)
      return mount(results, header, empty(`No object first detected around the event lies in the ${percent} region.`,
        'Try a higher credible level or more days; only alerts this server holds are searched.'));
    let view = 'table', sort = null;
    const body = h('div');
    const draw = () => mount(body, view === 'map'
      ? skyMap(rows, { frame: 'equatorial', onFrame: () => {} })
      : resultsTable(rows, { cone: false, sso: false, sort, onSort: (s) => { sort = s; draw(); } }));
    const buttons = [['table', 'Table'], ['map', 'Sky map']].map(([v, label]) =>
      h('button', { type: 'button', 'aria-pressed': String(v === view), dataset: { view: v }, onclick: () => {
        view = v;
        for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.view === view));
        draw();
      } }, label));
    mount(results, header, h('div.segmented.view-switch', { role: 'group', 'aria-label': 'Show results as' }, buttons), body);
    draw();
  }
}
