// The three stamps of one alert, rendered by /api/v1/cutouts from the stored FITS, with its stretch and colormap options.
import { cutoutUrl } from '../api.js';
import { jdToIso } from '../sky/coords.js';
import { bandName } from '../science/photometry.js';
import { h, mount } from '../ui/dom.js';

const KINDS = ['Science', 'Template', 'Difference'];
export const STRETCHES = ['sigmoid', 'linear', 'sqrt', 'power', 'log', 'asinh'];
export const COLORMAPS = ['grayscale', 'viridis', 'cividis', 'magma', 'inferno', 'plasma', 'Greys', 'hot', 'Blues', 'Reds'];

export function cutoutsPanel(objectId, alerts, { selected, onSelect }) {
  const options = { stretch: 'sigmoid', colormap: 'grayscale' };
  const grid = h('div.cutouts');
  const caption = h('p.hint');

  const alertSelect = h('select#cutout-alert', { onchange: (e) => onSelect(e.target.value) },
    [...alerts].reverse().map((a) => h('option', { value: a['i:candid'] },
      `${jdToIso(a['i:jd'])} · ${bandName(a['i:fid'])} · ${a['i:magpsf']?.toFixed(2) ?? '–'} · ${a['v:classification']}`)));
  const select = (id, label, values, key) => h('label', label, ' ', h('select', {
    id, onchange: (e) => { options[key] = e.target.value; render(); },
  }, values.map((v) => h('option', { value: v }, v))));

  function render() {
    const candid = selected();
    alertSelect.value = candid;
    const alert = alerts.find((a) => a['i:candid'] === candid);
    const flipped = alert?.['i:isdiffpos'] === 'f';
    mount(grid, KINDS.map((kind) => {
      const src = cutoutUrl(objectId, kind, { candid, stretch: options.stretch, colormap: options.colormap === 'grayscale' ? undefined : options.colormap });
      const status = h('span.cutout-status', { role: 'status' }, 'Loading…');
      const img = h('img', {
        src, alt: `${kind} cutout of ${objectId}, alert ${candid} (${options.stretch} stretch)`, width: 63, height: 63, dataset: { kind },
        onload: () => status.remove(),
        onerror: () => { img.hidden = true; status.textContent = `No ${kind.toLowerCase()} stamp for this alert.`; status.classList.add('error'); },
      });
      return h('figure.cutout', h('div.stamp', img, status),
        h('figcaption', kind, kind === 'Difference' && flipped ? ' (negative: the source faded)' : '', ' · ',
          h('a', { href: cutoutUrl(objectId, kind, { candid, format: 'FITS' }), download: `${objectId}_${candid}_${kind}.fits` }, 'FITS')));
    }));
    caption.textContent = alert ? `Stamps of the alert of ${jdToIso(alert['i:jd'])} UTC (${bandName(alert['i:fid'])} band), 63×63 pixels of 1″, north up, east left.` : '';
  }
  render();
  return {
    element: h('section.card.cutouts-card', { 'aria-labelledby': 'cutouts-title' },
      h('h3#cutouts-title', 'Cutouts'),
      h('div.cutout-controls', h('label', { for: 'cutout-alert' }, 'Alert '), alertSelect,
        select('cutout-stretch', 'Stretch', STRETCHES, 'stretch'), select('cutout-colormap', 'Colormap', COLORMAPS, 'colormap')),
      grid, caption),
    redraw: render,
  };
}

/** Every field of the selected alert, for the curious (collapsed by default). */
export function alertDetails(alerts, selected) {
  const body = h('tbody');
  const render = () => {
    const a = alerts.find((r) => r['i:candid'] === selected());
    mount(body, a ? Object.entries(a).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => h('tr', h('th', { scope: 'row' }, h('code', k)), h('td', String(v)))) : null);
  };
  render();
  return { element: h('details.card.alert-details', h('summary', 'Alert content (every field of the selected alert)'), h('div.table-wrap', h('table.kv', body))), redraw: render };
}
