// Observability tab: the object's altitude and airmass over one night at a chosen site, with the Sun's twilights
// shaded and the Moon, all computed in the browser (science/ephemeris.js), so it works offline.
import { plot } from '../plot/svgPlot.js';
import { airmass, hoursObservable, nightSamples, twilight } from '../science/ephemeris.js';
import { h, mount } from '../ui/dom.js';

// Latitude and longitude in degrees (east +), elevation in metres.
export const SITES = [
  { id: 'palomar', name: 'Palomar (ZTF)', lat: 33.3563, lon: -116.8650, elevation: 1712 },
  { id: 'rubin', name: 'Cerro Pachón (Rubin)', lat: -30.2446, lon: -70.7494, elevation: 2663 },
  { id: 'lasilla', name: 'La Silla (ESO)', lat: -29.2567, lon: -70.7346, elevation: 2400 },
  { id: 'paranal', name: 'Paranal (ESO VLT)', lat: -24.6275, lon: -70.4044, elevation: 2635 },
  { id: 'maunakea', name: 'Mauna Kea', lat: 19.8207, lon: -155.4681, elevation: 4205 },
  { id: 'lapalma', name: 'Roque de los Muchachos (La Palma)', lat: 28.7606, lon: -17.8816, elevation: 2396 },
  { id: 'calaralto', name: 'Calar Alto', lat: 37.2236, lon: -2.5463, elevation: 2168 },
  { id: 'ohp', name: 'Observatoire de Haute-Provence', lat: 43.9308, lon: 5.7133, elevation: 650 },
  { id: 'kittpeak', name: 'Kitt Peak', lat: 31.9583, lon: -111.5967, elevation: 2096 },
  { id: 'sidingspring', name: 'Siding Spring', lat: -31.2733, lon: 149.0617, elevation: 1165 },
  { id: 'saao', name: 'Sutherland (SAAO)', lat: -32.3783, lon: 20.8105, elevation: 1798 },
];
const STEP = 10; // minutes between samples
const SHADE = { day: '#fde68a', civil: '#fcd34d', nautical: '#93c5fd', astronomical: '#3b82f6', night: '#1e3a8a' };
const OPACITY = { day: 0.35, civil: 0.3, nautical: 0.22, astronomical: 0.2, night: 0.16 };

/** The evening date (YYYY-MM-DD) of the night under way or coming at a longitude: local solar time minus 12 h. */
export function tonight(lon, now = Date.now()) {
  return new Date(now + (lon / 15 - 12) * 3600000).toISOString().slice(0, 10);
}

export function observabilityView({ objectId, latest }) {
  const ra = Number(latest['i:ra']), dec = Number(latest['i:dec']);
  let site = SITES[0];
  let date = tonight(site.lon);
  const out = h('div.obs-output', { 'aria-live': 'polite' });

  const siteSelect = h('select#obs-site', { name: 'site', onchange: () => {
    const chosen = SITES.find((s) => s.id === siteSelect.value);
    custom.hidden = Boolean(chosen);
    site = chosen ?? readCustom() ?? site;
    draw();
  } }, SITES.map((s) => h('option', { value: s.id }, s.name)), h('option', { value: 'custom' }, 'Custom latitude/longitude…'));
  const latInput = h('input', { type: 'number', name: 'lat', min: -90, max: 90, step: 'any', value: '0', inputmode: 'decimal' });
  const lonInput = h('input', { type: 'number', name: 'lon', min: -180, max: 360, step: 'any', value: '0', inputmode: 'decimal' });
  const customError = h('span.obs-error', { role: 'alert' });
  const custom = h('fieldset.inline.obs-custom', { hidden: true },
    h('legend.visually-hidden', 'Custom site'),
    h('label', 'Latitude (°, north +) ', latInput), h('label', 'Longitude (°, east +) ', lonInput), customError);
  // A field left after typing fires its change late, possibly after another site was chosen: only a custom site reads it.
  for (const input of [latInput, lonInput]) input.addEventListener('change', () => { const c = siteSelect.value === 'custom' && readCustom(); if (c) { site = c; draw(); } });
  const dateInput = h('input', { type: 'date', name: 'date', value: date, required: true,
    oninput: () => { if (/^\d{4}-\d{2}-\d{2}$/.test(dateInput.value) && dateInput.value !== date) { date = dateInput.value; draw(); } } });

  function readCustom() {
    const lat = Number(latInput.value), lon = Number(lonInput.value);
    const bad = latInput.value === '' || !(lat >= -90 && lat <= 90) ? 'Latitude must be between −90 and 90°.'
      : lonInput.value === '' || !(lon >= -180 && lon <= 360) ? 'Longitude must be between −180 and 360°.' : '';
    customError.textContent = bad;
    if (bad) return null;
    return { id: 'custom', name: 'Custom site', lat, lon: lon > 180 ? lon - 360 : lon, elevation: null };
  }

  function draw() {
    mount(out, nightReport(objectId, ra, dec, site, date));
  }
  draw();
  return h('section.card.science.observability',
    h('h3', `Observability of ${objectId}`),
    h('p.hint', 'Altitude and airmass over one night, computed in your browser (no network): the night starts on the evening of the date, shading marks day and twilights.'),
    h('div.obs-controls', h('span', h('label', { for: 'obs-site' }, 'Site '), siteSelect), h('label', 'Night of ', dateInput), custom),
    out);
}

function nightReport(objectId, ra, dec, site, date) {
  if (!Number.isFinite(ra) || !Number.isFinite(dec)) return h('p', 'This object has no position.');
  const [y, m, d] = date.split('-').map(Number);
  const origin = Date.UTC(y, m - 1, d); // x axis: hours after 0h UTC of the evening's date
  const { samples } = nightSamples(date, site, { ra, dec, stepMin: STEP });
  const hours = (p) => (p.ms - origin) / 3600000;
  // Show from an hour before sunset to an hour after sunrise (the whole 24 h when the Sun never sets).
  const dark = samples.filter((p) => p.sunAlt < -0.833);
  const span = dark.length ? [hours(dark[0]) - 1, hours(dark.at(-1)) + 1] : [hours(samples[0]), hours(samples.at(-1))];
  const shown = samples.filter((p) => hours(p) >= span[0] - 1e-9 && hours(p) <= span[1] + 1e-9);
  const clock = (v) => { const mins = Math.round((((v % 24) + 24) % 24) * 60) % 1440; return `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`; };
  const x = { label: 'Time (UTC)', min: span[0], max: span[1], format: clock };

  const altitude = plot({
    label: `Altitude of ${objectId} from ${site.name}`, height: 300, x,
    y: { label: 'Altitude (°)', min: 0, max: 90, format: (v) => `${v}` },
    series: [
      { type: 'line', name: objectId, colour: '#1d4ed8', width: 2.2, points: shown.map((p) => ({ x: hours(p), y: p.alt })) },
      { type: 'line', name: 'Moon', colour: '#6b7280', dash: '2 3', points: shown.map((p) => ({ x: hours(p), y: p.moonAlt })) },
      { type: 'hline', y: 30, colour: '#9ca3af', label: 'airmass 2' },
    ],
  });
  shadeTwilight(altitude, shown, hours, span);
  const airmassPlot = plot({
    label: `Airmass of ${objectId} from ${site.name}`, height: 220, x,
    y: { label: 'Airmass', min: 1, max: 3, invert: true, format: (v) => v.toFixed(1) },
    series: [{ type: 'line', name: objectId, colour: '#1d4ed8', width: 2.2, points: shown.map((p) => ({ x: hours(p), y: p.airmass ?? NaN })) }],
  });
  shadeTwilight(airmassPlot, shown, hours, span);

  const best = shown.reduce((a, b) => (b.alt > a.alt ? b : a));
  const night = samples.filter((p) => p.sunAlt < -18);
  const moon = samples.reduce((a, b) => (Math.abs(b.ms - best.ms) < Math.abs(a.ms - best.ms) ? b : a));
  const utc = (ms) => new Date(ms).toISOString().slice(11, 16);
  return h('div.obs-night', { dataset: { site: site.id, lat: String(site.lat), lon: String(site.lon), date } },
    h('dl.facts.obs-facts',
      h('dt', 'Site'), h('dd', `${site.name}: ${site.lat.toFixed(4)}°, ${site.lon.toFixed(4)}°${site.elevation != null ? `, ${site.elevation} m` : ''}`),
      h('dt', 'Highest'), h('dd.obs-highest', best.alt > 0
        ? `${best.alt.toFixed(1)}° at ${utc(best.ms)} UTC (airmass ${airmass(best.alt).toFixed(2)})`
        : `below the horizon all night (at most ${best.alt.toFixed(1)}°)`),
      h('dt', 'Astronomical night'), h('dd', night.length ? `${utc(night[0].ms)}–${utc(night.at(-1).ms + STEP * 60000)} UTC` : 'none (the Sun stays above −18°)'),
      h('dt', 'Dark and airmass ≤ 2'), h('dd.obs-hours', `${hoursObservable(samples, 2, STEP).toFixed(1)} h`),
      h('dt', 'Moon'), h('dd', `${Math.round(moon.moonIllumination * 100)}% lit, ${moon.moonSeparation.toFixed(0)}° away at ${utc(moon.ms)} UTC`)),
    h('div.obs-plot.obs-altitude', altitude),
    h('div.obs-plot.obs-airmass', airmassPlot),
    h('ul.legend.obs-legend', Object.keys(SHADE).map((k) => h('li', h('span.swatch', { style: `background:${SHADE[k]};opacity:${Math.min(1, OPACITY[k] * 3)}` }), k))));
}

/** Twilight bands behind the curves, placed by the plot's own frame (its drawing area) and the x range we gave it. */
function shadeTwilight(figure, samples, hours, [x0, x1]) {
  const svg = figure.querySelector('svg'), frame = svg?.querySelector('rect.frame');
  if (!frame) return;
  const fx = Number(frame.getAttribute('x')), fw = Number(frame.getAttribute('width'));
  const fy = frame.getAttribute('y'), fh = frame.getAttribute('height');
  const X = (v) => fx + ((Math.min(x1, Math.max(x0, v)) - x0) / (x1 - x0)) * fw;
  const runs = [];
  for (const p of samples) {
    const kind = twilight(p.sunAlt);
    if (runs.at(-1)?.kind === kind) runs.at(-1).to = hours(p) + STEP / 120;
    else runs.push({ kind, from: hours(p) - STEP / 120, to: hours(p) + STEP / 120 });
  }
  const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  g.setAttribute('class', 'twilight');
  for (const r of runs) {
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    Object.entries({ x: X(r.from), y: fy, width: Math.max(0, X(r.to) - X(r.from)), height: fh, fill: SHADE[r.kind], 'fill-opacity': OPACITY[r.kind], 'data-twilight': r.kind })
      .forEach(([k, v]) => rect.setAttribute(k, String(v)));
    g.append(rect);
  }
  frame.after(g);
}
