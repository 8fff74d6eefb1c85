// A small SVG plotter for light curves and science views: points with error bars, markers, lines, reference lines.
// Scales to its container (viewBox); every point carries a <title> tooltip; clickable points are keyboard-focusable.
// A click on a point with other clickable points under it opens a small chooser listing them all (keyboard-operable);
// from the keyboard, Tab reaches every point on its own and Enter picks it.
import { h, s } from '../ui/dom.js';

const MARGIN = { left: 62, right: 16, top: 14, bottom: 46 };

/** Round tick values covering [min, max]; `ticks.step` is their spacing. */
export function niceTicks(min, max, count = 6) {
  if (!(max > min)) return Object.assign([min], { step: 1 });
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Number(([1, 2, 2.5, 5, 10].map((f) => f * mag).find((v) => v >= raw)).toPrecision(6));
  const ticks = [];
  for (let i = Math.ceil(min / step); i * step <= max + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return Object.assign(ticks, { step });
}

/** Labels with as many decimals as the tick spacing needs (2.5 → 1, 0.05 → 2), so no two ticks read the same. */
export function tickFormat(step) {
  const decimals = (String(step).split('.')[1] ?? '').length;
  return (v) => v.toFixed(Math.min(decimals, 8));
}

function extent(values, pad = 0.05) {
  const v = values.filter(Number.isFinite);
  if (!v.length) return [0, 1];
  let lo = Math.min(...v), hi = Math.max(...v);
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

/**
 * spec: { width, height, x: { label, min, max, format, secondary }, y: { label, invert, min, max, format },
 *         series: [{ type: 'points'|'line'|'hline', name, colour, marker, open, dash, points|y }], label, onPointClick }.
 * x.secondary: { label, ticks: (x0, x1, count) => [{ value, label }] } draws a second labelled axis along the top.
 * With x.min/max given, the y range fits the points inside them. The SVG's data-x0/x1/left/plot-width/width
 * attributes give the drawn scale, for zooming by pointer.
 */
export function plot(spec) {
  // A narrower drawing on phones keeps the labels readable once the SVG is scaled to the screen.
  const narrow = typeof window !== 'undefined' && window.innerWidth < 600;
  const W = spec.width ?? (narrow ? 440 : 760), H = Math.round((spec.height ?? 360) * (narrow ? 0.8 : 1));
  const M = { ...MARGIN, top: MARGIN.top + (spec.x.secondary ? 30 : 0) };
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  const all = spec.series.filter((se) => se.type !== 'hline').flatMap((se) => se.points ?? []);
  const xFixed = [spec.x.min, spec.x.max].every(Number.isFinite);
  const inX = xFixed ? all.filter((p) => p.x >= spec.x.min && p.x <= spec.x.max) : all;
  const yValues = (inX.length ? inX : all).flatMap((p) => [p.y - (p.err ?? 0), p.y + (p.err ?? 0)])
    .concat(spec.series.filter((se) => se.type === 'hline' && se.inRange !== false).map((se) => se.y));
  const [x0, x1] = xFixed ? [spec.x.min, spec.x.max] : extent(all.map((p) => p.x));
  const [y0, y1] = [spec.y.min, spec.y.max].every(Number.isFinite) ? [spec.y.min, spec.y.max] : extent(yValues, 0.08);
  const X = (v) => M.left + ((v - x0) / (x1 - x0)) * pw;
  const Y = spec.y.invert ? (v) => M.top + ((v - y0) / (y1 - y0)) * ph : (v) => M.top + ph - ((v - y0) / (y1 - y0)) * ph;
  const xTicks = niceTicks(x0, x1, Math.max(3, Math.round(pw / 110)));
  const yTicks = niceTicks(Math.min(y0, y1), Math.max(y0, y1), Math.max(3, Math.round(ph / 50)));
  const fx = spec.x.format ?? tickFormat(xTicks.step), fy = spec.y.format ?? tickFormat(yTicks.step);

  const clipId = `clip${Math.random().toString(36).slice(2, 9)}`;
  const top = spec.x.secondary;
  const topTicks = top ? top.ticks(x0, x1, Math.max(2, Math.round(pw / 150))) : [];
  const pickable = [];
  const chooser = h('div.pick-chooser', { hidden: true });
  const pick = (p, anchor, focused) => {
    if (focused) return spec.onPointClick(p.data);
    const near = pickable.filter((q) => Math.hypot(q.x - p.x, q.y - p.y) <= PICK_RADIUS);
    if (near.length <= 1) return spec.onPointClick(p.data);
    openChooser(chooser, near, { x: p.x / W, y: p.y / H }, spec.onPointClick, anchor);
  };
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'plot', role: 'img', 'aria-label': spec.label ?? '',
    dataset: { x0: String(x0), x1: String(x1), left: String(M.left), plotWidth: String(pw), width: String(W) } },
    s('defs', s('clipPath', { id: clipId }, s('rect', { x: M.left, y: M.top, width: pw, height: ph }))),
    s('rect.frame', { x: M.left, y: M.top, width: pw, height: ph }),
    xTicks.map((v) => s('g.tick',
      s('line', { x1: X(v), x2: X(v), y1: M.top, y2: M.top + ph }),
      s('text', { x: X(v), y: M.top + ph + 16, 'text-anchor': 'middle' }, fx(v)))),
    yTicks.map((v) => s('g.tick',
      s('line', { x1: M.left, x2: M.left + pw, y1: Y(v), y2: Y(v) }),
      s('text', { x: M.left - 6, y: Y(v) + 4, 'text-anchor': 'end' }, fy(v)))),
    s('text.axis-label', { x: M.left + pw / 2, y: H - 8, 'text-anchor': 'middle' }, spec.x.label ?? ''),
    top ? s('g.top-axis', topTicks.filter((t) => t.value >= x0 && t.value <= x1).map((t) => s('g.tick.top-tick',
      s('line', { x1: X(t.value), x2: X(t.value), y1: M.top - 5, y2: M.top }),
      s('text', { x: X(t.value), y: M.top - 8, 'text-anchor': 'middle' }, t.label))),
    s('text.axis-label.top-label', { x: M.left - 6, y: M.top - 8, 'text-anchor': 'end' }, top.label ?? '')) : null,
    s('text.axis-label', { x: 14, y: M.top + ph / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${M.top + ph / 2})` }, spec.y.label ?? ''),
    s('g', { 'clip-path': `url(#${clipId})` }, spec.series.map((se) => drawSeries(se, X, Y, M.left, M.left + pw, spec.onPointClick && pick, pickable, (v) => v >= x0 && v <= x1))));

  const legend = spec.series.filter((se) => se.name).map((se) => h('li', legendMark(se), se.name));
  return h('figure.plot-figure', svg, chooser, legend.length ? h('ul.legend', legend) : null);
}

const PICK_RADIUS = 7; // SVG units: points closer than this to the clicked one are offered in the chooser

/** The chooser: one button per point under the click, at the click; Escape or a choice closes it. */
function openChooser(chooser, near, at, onPointClick, anchor) {
  const close = () => { chooser.hidden = true; chooser.replaceChildren(); anchor?.focus?.(); };
  const buttons = near.map((q) => h('button', { type: 'button', onclick: () => { close(); onPointClick(q.data); } }, q.title ?? String(q.data)));
  chooser.replaceChildren(
    h('p.pick-title', `${near.length} points here — choose one:`), h('div.pick-list', { role: 'group', 'aria-label': 'Overlapping points' }, buttons),
    h('button.pick-close', { type: 'button', 'aria-label': 'Close the chooser', onclick: close }, '×'));
  chooser.style.left = `${(at.x * 100).toFixed(2)}%`;
  chooser.style.top = `${(at.y * 100).toFixed(2)}%`;
  chooser.dataset.side = at.x < 0.3 ? 'right' : at.x > 0.7 ? 'left' : 'centre'; // stays over the plot near its edges
  chooser.onkeydown = (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); }
    const i = buttons.indexOf(document.activeElement);
    if (i >= 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) { e.preventDefault(); buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length].focus(); }
  };
  chooser.hidden = false;
  buttons[0].focus();
}

function drawSeries(se, X, Y, left, right, onPointClick, pickable, visible) {
  const colour = se.colour ?? '#374151';
  if (se.type === 'hline')
    return s('g.series', s('line', { x1: left, x2: right, y1: Y(se.y), y2: Y(se.y), stroke: colour, 'stroke-dasharray': se.dash ?? '4 3', 'stroke-width': 1.2 }),
      se.label ? s('text.hline-label', { x: right - 4, y: Y(se.y) - 4, 'text-anchor': 'end', fill: colour }, se.label) : null);
  if (se.type === 'line') {
    const pts = se.points.filter((p) => Number.isFinite(p.y)).map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ');
    return s('polyline', { points: pts, fill: 'none', stroke: colour, 'stroke-width': se.width ?? 1.6, 'stroke-dasharray': se.dash });
  }
  return s('g.series', { dataset: { series: se.id ?? se.name ?? '' } }, se.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => {
    const x = X(p.x), y = Y(p.y);
    const parts = [];
    if (p.err > 0) parts.push(s('line.errbar', { x1: x, x2: x, y1: Y(p.y - p.err), y2: Y(p.y + p.err), stroke: colour }));
    parts.push(marker(se.marker ?? 'circle', x, y, se.size ?? 4, colour, se.open, p.selected));
    if (p.title) parts.push(s('title', p.title));
    const clickable = onPointClick && p.data !== undefined;
    const target = { x, y, data: p.data, title: p.title };
    if (clickable && visible(p.x)) pickable.push(target);
    return s(clickable ? 'a' : 'g', {
      class: `pt${clickable ? ' clickable' : ''}${p.selected ? ' selected' : ''}`,
      tabindex: clickable ? '0' : undefined, role: clickable ? 'button' : undefined, 'aria-label': clickable ? p.title : undefined,
      onclick: clickable ? (e) => onPointClick(target, e.currentTarget) : undefined,
      // The keyboard reaches each point on its own (Tab), so Enter picks exactly the focused one.
      onkeydown: clickable ? (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPointClick(target, e.currentTarget, true); } } : undefined,
    }, parts);
  }));
}

/** The series' own marker (or a line) drawn small, so the legend matches the plot. */
function legendMark(se) {
  const c = se.colour ?? '#374151';
  const mark = se.type === 'points' ? marker(se.marker ?? 'circle', 8, 8, 4.5, c, se.open, false)
    : s('line', { x1: 1, x2: 15, y1: 8, y2: 8, stroke: c, 'stroke-width': 2, 'stroke-dasharray': se.dash });
  return s('svg', { class: 'legend-mark', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' }, mark);
}

function marker(kind, x, y, r, colour, open, selected) {
  const common = { fill: open ? 'none' : colour, stroke: selected ? '#111827' : colour, 'stroke-width': selected ? 2.5 : 1.3 };
  switch (kind) {
    case 'down': return s('polygon', { ...common, points: `${x - r},${y - r * 0.8} ${x + r},${y - r * 0.8} ${x},${y + r}` });
    case 'up': return s('polygon', { ...common, points: `${x - r},${y + r * 0.8} ${x + r},${y + r * 0.8} ${x},${y - r}` });
    case 'square': return s('rect', { ...common, x: x - r * 0.85, y: y - r * 0.85, width: r * 1.7, height: r * 1.7 });
    default: return s('circle', { ...common, cx: x, cy: y, r: selected ? r + 1.5 : r });
  }
}
