// The light curve: per band, detections with error bars, bad-quality points and upper limits (toggles), as
// difference magnitude, apparent (DC) magnitude, difference flux or apparent (DC) flux. Received alerts are clickable:
// they pick the cutouts (a chooser opens where several overlap). Zoom and pan along time, with calendar dates above
// the MJD axis; below, the g − r colour from g and r detections less than half a day apart.
import { colourPairs } from '../plot/timeAxis.js';
import { plot } from '../plot/svgPlot.js';
import { dateAxis, timeZoom } from '../plot/timeZoom.js';
import { bandColour, bandName, dcFlux, dcMagnitude, differenceFlux } from '../science/photometry.js';
import { jdToIso, MJD_OFFSET } from '../sky/coords.js';
import { h, mount } from '../ui/dom.js';

export const MODES = [
  ['mag', 'Difference magnitude'],
  ['dc', 'Apparent (DC) magnitude'],
  ['flux', 'Difference flux (µJy)'],
  ['dcflux', 'Apparent (DC) flux (µJy)'],
];
const COLOUR_DT = 0.5; // days: g and r detections closer than this make a colour point (as Fink's portal)

export function lightCurve(data, { selected, onSelect }) {
  const state = { mode: 'mag', upper: true, bad: true };
  const area = h('div.lc-plot');
  const colourArea = h('div.lc-colour');
  const note = h('p.hint.lc-note', { role: 'status' });
  const zoom = timeZoom(area, draw);

  const radio = (name, [value, label]) => h('label', h('input', { type: 'radio', name, value, checked: value === state.mode, onchange: () => { state.mode = value; draw(); } }), label);
  const toggle = (key, label) => h('label', h('input', { type: 'checkbox', name: key, checked: state[key], onchange: (e) => { state[key] = e.target.checked; draw(); } }), label);
  const controls = h('div.lc-controls',
    h('fieldset.inline', h('legend.visually-hidden', 'Quantity'), MODES.map((m) => radio('lc-mode', m))),
    h('fieldset.inline', h('legend.visually-hidden', 'Points shown'), toggle('upper', 'Upper limits'), toggle('bad', 'Bad quality')),
    zoom.controls);

  const isFlux = () => state.mode === 'flux' || state.mode === 'dcflux';
  const isDc = () => state.mode === 'dc' || state.mode === 'dcflux';
  function value(row) {
    if (state.mode === 'dc') { const d = dcMagnitude(row); return d && { y: d.mag, err: d.sigma }; }
    if (state.mode === 'dcflux') { const f = dcFlux(row); return f && { y: f.flux, err: f.sigma }; }
    if (state.mode === 'flux') { const f = differenceFlux(row); return f && { y: f.flux, err: f.sigma }; }
    return row['i:magpsf'] != null ? { y: row['i:magpsf'], err: row['i:sigmapsf'] } : null;
  }

  function draw() {
    const series = [];
    let skipped = 0;
    const bands = [...new Set([...data.tags.valid, ...data.tags.upperlim, ...data.tags.badquality].map((r) => r['i:fid']))].sort();
    for (const fid of bands) {
      const colour = bandColour(fid), band = bandName(fid);
      const mk = (row, v, what) => {
        const received = row['v:classification'] != null;
        return {
          x: row['i:jd'] - MJD_OFFSET, y: v.y, err: v.err,
          title: `${band} ${what}: ${isFlux() ? v.y.toFixed(1) + ' µJy' : v.y.toFixed(3)}${v.err ? ` ± ${v.err.toFixed(3)}` : ''} — ${jdToIso(row['i:jd'])}${received ? ' (alert: click for cutouts)' : ''}`,
          data: received ? row['i:candid'] : undefined,
          selected: received && row['i:candid'] === selected(),
        };
      };
      const valid = [];
      for (const row of data.tags.valid.filter((r) => r['i:fid'] === fid)) {
        const v = value(row);
        if (v) valid.push(mk(row, v, 'detection')); else skipped++;
      }
      series.push({ type: 'points', id: `valid-${band}`, name: `${band} detections`, colour, points: valid });
      if (state.bad) {
        const bad = data.tags.badquality.filter((r) => r['i:fid'] === fid).map((r) => [r, value(r)]).filter(([, v]) => v).map(([r, v]) => mk(r, v, 'bad-quality detection'));
        if (bad.length) series.push({ type: 'points', id: `bad-${band}`, name: `${band} bad quality`, colour, marker: 'up', open: true, points: bad });
      }
      if (state.upper && !isDc()) {
        const ul = data.tags.upperlim.filter((r) => r['i:fid'] === fid && r['i:diffmaglim'] != null).map((r) => {
          const y = isFlux() ? 3631e6 * 10 ** (-0.4 * r['i:diffmaglim']) : r['i:diffmaglim'];
          return { x: r['i:jd'] - MJD_OFFSET, y, title: `${band} 5σ upper limit: ${isFlux() ? y.toFixed(1) + ' µJy' : y.toFixed(2)} — ${jdToIso(r['i:jd'])}` };
        });
        if (ul.length) series.push({ type: 'points', id: `upper-${band}`, name: `${band} upper limits`, colour, marker: 'down', open: true, size: 3.5, points: ul });
      }
    }
    if (isDc()) {
      const levels = new Map();
      for (const r of data.tags.valid) if (r['i:magnr'] > 0 && r['i:distnr'] < 1.5) levels.set(r['i:fid'], r['i:magnr']);
      for (const [fid, mag] of levels) {
        const y = state.mode === 'dc' ? mag : 3631e6 * 10 ** (-0.4 * mag);
        series.push({ type: 'hline', y, colour: bandColour(fid), label: `${bandName(fid)} reference ${state.mode === 'dc' ? mag.toFixed(2) : `${y.toFixed(1)} µJy`}` });
      }
    }
    const label = MODES.find((m) => m[0] === state.mode)[1];
    mount(area, plot({
      label: `Light curve of ${data.objectId}: ${label} against time`,
      x: { label: 'Time (MJD)', min: zoom.range?.[0], max: zoom.range?.[1], secondary: dateAxis },
      y: { label, invert: !isFlux() },
      series: state.mode === 'flux' ? [...series, { type: 'hline', y: 0, colour: '#6b7280', dash: '2 2', inRange: false }] : series,
      onPointClick: (candid) => onSelect(candid),
    }));
    zoom.drawn();
    drawColour();
    note.textContent = isDc()
      ? `Apparent ${state.mode === 'dc' ? 'magnitudes' : 'fluxes'} need a reference source under the alert (distnr < 1.5″)${skipped ? `: ${skipped} detections have none and are not shown` : ''}; upper limits are not defined here.`
      : 'Circles: detections (outlined: the alerts FinkTom received, click for their cutouts); ▲ bad quality; ▽ 5σ upper limits. Wheel or drag on the plot to zoom and pan in time.';
  }

  /** g − r from pairs of good g and r detections (DC magnitudes in the DC modes, difference magnitudes otherwise). */
  function drawColour() {
    const dc = isDc();
    const mags = data.tags.valid.filter((r) => r['i:fid'] === 1 || r['i:fid'] === 2).map((r) => {
      const m = dc ? dcMagnitude(r) : r['i:magpsf'] != null ? { mag: r['i:magpsf'], sigma: r['i:sigmapsf'] } : null;
      return m && { t: r['i:jd'] - MJD_OFFSET, mag: m.mag, sigma: m.sigma, band: bandName(r['i:fid']) };
    }).filter(Boolean);
    const pairs = colourPairs(mags, COLOUR_DT);
    const svg = area.querySelector('svg.plot');
    if (!pairs.length) return mount(colourArea, h('p.hint.colour-none', `No g − r colour: no g and r detections less than ${COLOUR_DT} d apart.`));
    const what = dc ? 'apparent (DC)' : 'difference';
    mount(colourArea, plot({
      height: 200,
      label: `g − r colour of ${data.objectId} from ${what} magnitudes`,
      x: { label: 'Time (MJD)', min: Number(svg?.dataset.x0), max: Number(svg?.dataset.x1) },
      y: { label: 'g − r (mag)' },
      series: [{ type: 'points', id: 'colour', name: `g − r (${what} magnitudes, pairs < ${COLOUR_DT} d apart)`, colour: '#7c3aed', marker: 'square',
        points: pairs.map((p) => ({ x: p.t, y: p.colour, err: p.sigma, title: `g − r = ${p.colour.toFixed(3)} ± ${p.sigma.toFixed(3)} (Δt ${(p.dt * 24).toFixed(1)} h) — ${jdToIso(p.t + MJD_OFFSET)}` })) }],
    }));
  }
  draw();
  return { element: h('div.lightcurve', controls, area, note, h('h4.colour-title', 'Colour g − r'), colourArea), redraw: draw };
}
