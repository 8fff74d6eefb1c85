// The all-sky map of results, drawn offline: Mollweide projection in SVG, equatorial or galactic, points coloured by
// class (legend with counts), each point a link to its object (click or Enter).
import { eclipticToEquatorial, fromGalactic, jdToIso, toGalactic } from '../sky/coords.js';
import { project, X_MAX, Y_MAX } from '../sky/mollweide.js';
import { classColour } from '../ui/classColors.js';
import { h, s } from '../ui/dom.js';

const SCALE = 140; // SVG units per projection unit
const W = 2 * X_MAX * SCALE, H = 2 * Y_MAX * SCALE;

export function skyMap(rows, { frame = 'equatorial', onFrame, centre }) {
  const toMap = (ra, dec) => {
    const p = frame === 'galactic' ? (({ l, b }) => project(l, b, 0))(toGalactic(ra, dec)) : project(ra, dec, 180);
    return { x: W / 2 + p.x * SCALE, y: H / 2 - p.y * SCALE };
  };
  // Graticule: meridians every 30°/2h, parallels every 30°, in the map's own frame.
  const lines = [];
  const frameToMap = (lon, lat) => (frame === 'galactic' ? (({ x, y }) => ({ x: W / 2 + x * SCALE, y: H / 2 - y * SCALE }))(project(lon, lat, 0)) : toMap(lon, lat));
  for (let lon = 0; lon < 360; lon += 30) lines.push(path(range(-90, 90, 2).map((lat) => frameToMap(lon + 1e-9, lat))));
  for (let lat = -60; lat <= 60; lat += 30) lines.push(path(range(0, 360, 2).map((lon) => frameToMap(lon === 360 ? 359.999 : lon, lat))));
  const labels = range(0, 330, 30).map((lon) => {
    const p = frameToMap(lon === 0 && frame !== 'galactic' ? 0.001 : lon, 0);
    return s('text.grid-label', { x: p.x + 3, y: p.y - 3 }, frame === 'galactic' ? `${lon}°` : `${lon / 15}h`);
  });
  // Reference curves: the Galactic plane and the ecliptic on the equatorial map; the equator on the galactic one.
  const refs = frame === 'galactic'
    ? [curve(range(0, 360, 1).map((ra) => toGalactic(ra, 0)).map(({ l, b }) => frameToMap(l, b)), 'equator', 'Celestial equator')]
    : [curve(range(0, 360, 1).map((l) => fromGalactic(l, 0)).map(({ ra, dec }) => toMap(ra, dec)), 'galactic-plane', 'Galactic plane'),
      curve(range(0, 360, 1).map((l) => eclipticToEquatorial(l)).map(({ ra, dec }) => toMap(ra, dec)), 'ecliptic', 'Ecliptic')];

  const classes = new Map();
  for (const r of rows) classes.set(r.classification, (classes.get(r.classification) ?? 0) + 1);
  const points = rows.filter((r) => Number.isFinite(r.ra) && Number.isFinite(r.dec)).map((r) => {
    const p = toMap(r.ra, r.dec);
    const title = `${r.objectId ?? r.sso} — ${r.classification}${r.mag != null ? `, mag ${r.mag.toFixed(2)}` : ''}, ${jdToIso(r.jd)}`;
    return s('a', { href: r.href ?? `/${r.objectId}`, 'data-link': '', class: 'sky-point', 'aria-label': title, dataset: { objectId: r.objectId } },
      s('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 5, fill: classColour(r.classification) }), s('title', title));
  });
  const centreMark = centre ? (() => { const p = toMap(centre.ra, centre.dec); return s('g.centre', s('circle', { cx: p.x, cy: p.y, r: 9 }), s('title', 'Search centre')); })() : null;

  const svg = s('svg.skymap', { viewBox: `-4 -4 ${W + 8} ${H + 8}`, role: 'group', 'aria-label': `All-sky map (${frame}, Mollweide) of ${rows.length} objects` },
    s('ellipse.sky', { cx: W / 2, cy: H / 2, rx: W / 2, ry: H / 2 }),
    s('g.graticule', lines), s('g.refs', refs.map((r) => r.el)), s('g.grid-labels', labels), centreMark, s('g.points', points));

  const legend = h('ul.legend.map-legend', [...classes.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) =>
    h('li', h('span.swatch.m-circle', { style: `--c:${classColour(name)}` }), `${name} (${n})`)),
  refs.map((r) => h('li', h(`span.swatch.ref-${r.kind}`), r.label)));
  const frameSwitch = h('div.segmented', { role: 'group', 'aria-label': 'Coordinate frame' },
    ['equatorial', 'galactic'].map((f) => h('button', { type: 'button', 'aria-pressed': String(f === frame), onclick: () => onFrame(f) }, f === 'equatorial' ? 'Equatorial' : 'Galactic')));
  return h('div.map-wrap', h('div.map-tools', frameSwitch,
    h('span.hint', frame === 'equatorial' ? 'RA grows to the left, 12h at the centre; click a point to open its object.' : 'l = 0 at the centre, growing to the left; click a point to open its object.')),
  svg, legend);
}

function range(a, b, step) { const out = []; for (let v = a; v <= b + 1e-9; v += step) out.push(v); return out; }

/** A polyline broken where it jumps across the map's edge (wrap-around). */
function path(points) {
  let d = '';
  points.forEach((p, i) => { d += `${i && Math.abs(p.x - points[i - 1].x) < W / 3 ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`; });
  return s('path', { d });
}

function curve(points, kind, label) { const el = path(points); el.setAttribute('class', `ref-${kind}`); return { el, kind, label }; }
