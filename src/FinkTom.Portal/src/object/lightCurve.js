// The light curve: per band, detections with error bars, bad-quality points and upper limits (toggles), as
// difference magnitude, apparent (DC) magnitude or difference flux. Received alerts are clickable: they pick the cutouts.
import { plot } from '../plot/svgPlot.js';
import { bandColour, bandName, dcMagnitude, differenceFlux } from '../science/photometry.js';
import { jdToIso, MJD_OFFSET } from '../sky/coords.js';
import { h, mount } from '../ui/dom.js';

export const MODES = [
  ['mag', 'Difference magnitude'],
  ['dc', 'Apparent (DC) magnitude'],
  ['flux', 'Difference flux (µJy)'],
];

export function lightCurve(data, { selected, onSelect }) {
  const state = { mode: 'mag', upper: true, bad: true };
  const area = h('div.lc-plot');
  const note = h('p.hint.lc-note', { role: 'status' });

  const radio = (name, [value, label]) => h('label', h('input', { type: 'radio', name, value, checked: value === state.mode, onchange: () => { state.mode = value; draw(); } }), label);
  const toggle = (key, label) => h('label', h('input', { type: 'checkbox', name: key, checked: state[key], onchange: (e) => { state[key] = e.target.checked; draw(); } }), label);
  const controls = h('div.lc-controls',
    h('fieldset.inline', h('legend.visually-hidden', 'Quantity'), MODES.map((m) => radio('lc-mode', m))),
    h('fieldset.inline', h('legend.visually-hidden', 'Points shown'), toggle('upper', 'Upper limits'), toggle('bad', 'Bad quality')));

  function value(row) {
    if (state.mode === 'dc') { const d = dcMagnitude(row); return d && { y: d.mag, err: d.sigma }; }
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
          title: `${band} ${what}: ${state.mode === 'flux' ? v.y.toFixed(1) + ' µJy' : v.y.toFixed(3)}${v.err ? ` ± ${v.err.toFixed(3)}` : ''} — ${jdToIso(row['i:jd'])}${received ? ' (alert: click for cutouts)' : ''}`,
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
      if (state.upper && state.mode !== 'dc') {
        const ul = data.tags.upperlim.filter((r) => r['i:fid'] === fid && r['i:diffmaglim'] != null).map((r) => {
          const y = state.mode === 'flux' ? 3631e6 * 10 ** (-0.4 * r['i:diffmaglim']) : r['i:diffmaglim'];
          return { x: r['i:jd'] - MJD_OFFSET, y, title: `${band} 5σ upper limit: ${state.mode === 'flux' ? y.toFixed(1) + ' µJy' : y.toFixed(2)} — ${jdToIso(r['i:jd'])}` };
        });
        if (ul.length) series.push({ type: 'points', id: `upper-${band}`, name: `${band} upper limits`, colour, marker: 'down', open: true, size: 3.5, points: ul });
      }
    }
    if (state.mode === 'dc') {
      const levels = new Map();
      for (const r of data.tags.valid) if (r['i:magnr'] > 0 && r['i:distnr'] < 1.5) levels.set(r['i:fid'], r['i:magnr']);
      for (const [fid, mag] of levels) series.push({ type: 'hline', y: mag, colour: bandColour(fid), label: `${bandName(fid)} reference ${mag.toFixed(2)}` });
    }
    const flux = state.mode === 'flux';
    mount(area, plot({
      label: `Light curve of ${data.objectId}: ${MODES.find((m) => m[0] === state.mode)[1]} against time`,
      x: { label: 'Time (MJD)' },
      y: { label: MODES.find((m) => m[0] === state.mode)[1], invert: !flux },
      series: flux ? [...series, { type: 'hline', y: 0, colour: '#6b7280', dash: '2 2', inRange: false }] : series,
      onPointClick: (candid) => onSelect(candid),
    }));
    note.textContent = state.mode === 'dc'
      ? `Apparent magnitudes need a reference source under the alert (distnr < 1.5″)${skipped ? `: ${skipped} detections have none and are not shown` : ''}; upper limits are not defined here.`
      : 'Circles: detections (outlined: the alerts FinkTom received, click for their cutouts); ▲ bad quality; ▽ 5σ upper limits.';
  }
  draw();
  return { element: h('div.lightcurve', controls, area, note), redraw: draw };
}
