// Zoom and pan along a plot's time axis: wheel (about the cursor), drag, buttons and keys (+, −, arrows, 0), shared by
// the ZTF and Rubin light curves. The plot is redrawn for each new range; the container keeps the listeners.
import { h } from '../ui/dom.js';
import { clampRange, dateTicks, zoomRange } from './timeAxis.js';

const MIN_WIDTH = 0.02; // days: about half an hour

/** The calendar axis drawn above a light curve's MJD axis. */
export const dateAxis = { label: 'UTC', ticks: dateTicks };

/**
 * Makes the plot inside `area` zoomable along x. `redraw()` must draw with x.min/max from `zoom.range` (null: the
 * whole curve) and then call `zoom.drawn()`. Returns { range, drawn, controls }.
 */
export function timeZoom(area, redraw) {
  const zoom = { range: null, full: null };
  const svgOf = () => area.querySelector('svg.plot');
  const scale = () => {
    const svg = svgOf();
    if (!svg) return null;
    const d = svg.dataset, rect = svg.getBoundingClientRect();
    const pxPerUnit = rect.width / Number(d.width);
    return { x0: Number(d.x0), x1: Number(d.x1), left: rect.left + Number(d.left) * pxPerUnit, width: Number(d.plotWidth) * pxPerUnit };
  };
  const set = (r) => {
    if (!zoom.full) return;
    const c = clampRange(r, zoom.full, MIN_WIDTH);
    zoom.range = c[0] <= zoom.full[0] && c[1] >= zoom.full[1] ? null : c;
    redraw();
  };
  const current = () => zoom.range ?? zoom.full;
  const readout = h('span.lc-range', { role: 'status' });

  zoom.drawn = () => {
    const sc = scale();
    if (sc && !zoom.range) zoom.full = [sc.x0, sc.x1];
    const [a, b] = current() ?? [NaN, NaN];
    const days = b - a;
    readout.textContent = Number.isFinite(days)
      ? `${zoom.range ? 'Zoomed' : 'Whole curve'}: MJD ${a.toFixed(days < 2 ? 3 : 1)} – ${b.toFixed(days < 2 ? 3 : 1)} (${days < 2 ? `${(days * 24).toFixed(1)} h` : `${days.toFixed(days < 20 ? 1 : 0)} d`})`
      : '';
  };
  const zoomBy = (factor) => current() && set(zoomRange(current(), factor));
  const panBy = (fraction) => { const c = current(); if (c) { const d = (c[1] - c[0]) * fraction; set([c[0] + d, c[1] + d]); } };
  const reset = () => { zoom.range = null; redraw(); };

  area.addEventListener('wheel', (e) => {
    const sc = scale();
    if (!sc || !current()) return;
    e.preventDefault();
    const at = sc.x0 + ((e.clientX - sc.left) / sc.width) * (sc.x1 - sc.x0);
    set(zoomRange(current(), Math.exp(-Math.sign(e.deltaY) * Math.min(Math.abs(e.deltaY), 200) / 300), at));
  });
  let drag = null;
  area.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || e.target.closest?.('.pt.clickable, .pick-chooser') || !scale()) return;
    drag = { x: e.clientX, range: current(), scale: scale(), moved: false, id: e.pointerId };
  });
  area.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    if (!drag.moved && Math.abs(dx) < 4) return;
    if (!drag.moved) { drag.moved = true; area.setPointerCapture?.(e.pointerId); }
    const perPx = (drag.scale.x1 - drag.scale.x0) / drag.scale.width;
    set([drag.range[0] - dx * perPx, drag.range[1] - dx * perPx]);
  });
  const end = () => { drag = null; };
  area.addEventListener('pointerup', end);
  area.addEventListener('pointercancel', end);
  area.addEventListener('keydown', (e) => {
    if (e.target.closest?.('.pick-chooser') || e.ctrlKey || e.metaKey || e.altKey) return;
    const act = { '+': () => zoomBy(2), '=': () => zoomBy(2), '-': () => zoomBy(0.5), '0': reset,
      ArrowLeft: () => panBy(-0.2), ArrowRight: () => panBy(0.2) }[e.key];
    if (act) { e.preventDefault(); act(); }
  });

  zoom.controls = h('div.lc-zoom',
    h('div.segmented', { role: 'group', 'aria-label': 'Time zoom' },
      h('button', { type: 'button', 'aria-label': 'Zoom in on time', title: 'Zoom in (+, or the wheel)', onclick: () => zoomBy(2) }, '+'),
      h('button', { type: 'button', 'aria-label': 'Zoom out on time', title: 'Zoom out (−)', onclick: () => zoomBy(0.5) }, '−'),
      h('button', { type: 'button', 'aria-label': 'Earlier', title: 'Earlier (←, or drag)', onclick: () => panBy(-0.3) }, '←'),
      h('button', { type: 'button', 'aria-label': 'Later', title: 'Later (→, or drag)', onclick: () => panBy(0.3) }, '→'),
      h('button', { type: 'button', title: 'The whole curve (0)', onclick: reset }, 'Reset zoom')),
    readout);
  area.tabIndex = 0;
  area.setAttribute('aria-label', 'Light curve: + and − zoom in time, arrows move, 0 resets; drag or use the wheel.');
  return zoom;
}
